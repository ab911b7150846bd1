//! Loading a 100,000-track library from the database: open, read every track, build
//! albums and series. Synthetic tags shaped like an OST collection (parts, scores,
//! Hangul and kana titles). `cargo bench --bench library_load [TRACKS]`;
//! `… -- TRACKS --keep FILE` only writes the database to FILE (for `scripts/launch-100k.sh`);
//! `… -- --db FILE` only loads FILE (its peak memory is then the load's alone).

use std::time::Instant;

use leitmotif::library::model::Library;
use leitmotif::library::search::SearchIndex;
use leitmotif::store::{ScannedFile, Store, TrackFields};

fn main() {
    let tracks: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let args: Vec<String> = std::env::args().collect();
    let keep = args
        .iter()
        .position(|a| a == "--keep")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let dir = std::env::temp_dir().join(format!("leitmotif-bench-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let existing = args
        .iter()
        .position(|a| a == "--db")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from);
    let db = existing
        .clone()
        .or_else(|| keep.clone())
        .unwrap_or_else(|| dir.join("library.db"));
    if existing.is_none() {
        let mut store = Store::open(&db).expect("opens");
        let root = store.add_root("/music").expect("root");
        let files: Vec<ScannedFile> = (0..tracks)
            .map(|i| {
                let album = i / 12;
                let series = album / 8;
                let kind = if album % 8 == 7 {
                    "Original Score".to_owned()
                } else {
                    format!("OST Part.{}", album % 8 + 1)
                };
                let title = format!("{} 별처럼 {}", ["Stay", "夢の続き", "Main Theme"][i % 3], i % 12);
                ScannedFile {
                    path: format!("/music/시리즈 {series}/Album {album}/{:02}. {title}.flac", i % 12 + 1),
                    size: 1_000_000 + i as u64,
                    mtime_ns: 1_700_000_000_000_000_000,
                    error: None,
                    tracks: vec![TrackFields {
                        title: Some(title.into()),
                        artist: Some(format!("Singer {}", i % 977).into()),
                        album_artist: Some("Various Artists".into()),
                        album: Some(format!("시리즈 {series} {kind}").into()),
                        disc: Some(1),
                        disc_total: Some(1),
                        track: Some((i % 12 + 1) as u32),
                        track_total: Some(12),
                        duration_ms: Some(180_000),
                        format: "FLAC".into(),
                        sample_rate: Some(44_100),
                        bit_depth: Some(16),
                        channels: Some(2),
                        composer: Some(format!("Composer {}", series % 300).into()),
                        catalog: Some(format!("CAT-{album}").into()),
                        date: Some("2016".into()),
                        genre: Some("Soundtrack".into()),
                        cover: Some("embedded".into()),
                        ..Default::default()
                    }],
                }
            })
            .collect();
        for chunk in files.chunks(5000) {
            store.write_scanned(root, chunk).expect("writes");
        }
        // Packs the rows as a first load by the window would.
        let _ = store.load_tracks().expect("loads");
    }
    if keep.is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        return;
    }
    let mut times = Vec::new();
    let mut counts = (0, 0, 0);
    for _ in 0..5 {
        // The window's own path: the store worker's `Library::load`, then the search index.
        let started = Instant::now();
        let store = Store::open(&db).expect("opens");
        let library = Library::load(&store).expect("loads");
        let model = started.elapsed().as_secs_f64() * 1000.0;
        let search = SearchIndex::new(&library);
        times.push(started.elapsed().as_secs_f64() * 1000.0);
        eprintln!(
            "  open + rows + model {model:.0} ms, search index {:.0} ms",
            times[times.len() - 1] - model
        );
        counts = (library.tracks.len(), library.albums.len(), library.series.len());
        drop(search);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "load {} tracks ({} albums, {} series): median {:.0} ms (min {:.0}, max {:.0}); peak RSS {}",
        counts.0,
        counts.1,
        counts.2,
        times[2],
        times[0],
        times[4],
        peak_rss()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

/// The process's peak resident memory (Linux), for a rough share of the window's.
fn peak_rss() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .map(|l| l[6..].trim().to_owned())
        })
        .unwrap_or_else(|| "unknown".into())
}
