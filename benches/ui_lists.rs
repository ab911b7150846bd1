//! The window on a 100,000-track library: search per keystroke, and building plus laying
//! out each list screen (windowed lists should cost the same at 1,000 and 100,000 rows).
//! Rendering is tiny-skia with no display. `cargo bench --bench ui_lists [TRACKS]`.
//! Also a column header's sort of every track (it runs on the window's thread), beside
//! GNU `sort -f` sorting the same titles (one process, reading and writing a file).

use std::time::Instant;

use iced::Settings;
use iced_test::simulator::Simulator;
use leitmotif::library::search::SearchIndex;
use leitmotif::ui::app::Nav;
use leitmotif::ui::playback::Link;
use leitmotif::ui::{App, Boot};

#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::library;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// A header click's sort of all tracks, by each column, and the peer on the titles.
fn sort_columns(lib: &leitmotif::library::model::Library) {
    use leitmotif::library::model::{TrackIdx, TrackSort};
    let all: Vec<TrackIdx> = (0..lib.tracks.len()).map(TrackIdx).collect();
    for key in [TrackSort::Title, TrackSort::Artist, TrackSort::Album, TrackSort::Length] {
        // The first sort by a column: worked out off the window's thread.
        let t = Instant::now();
        lib.prepare_sort(key);
        println!("  sort by {key:?}: worked out once (loader thread) in {:.1} ms", ms(t));
        let runs: Vec<f64> = (0..9)
            .map(|_| {
                let mut rows = all.clone();
                let t = Instant::now();
                lib.sort_tracks(&mut rows, key, false);
                std::hint::black_box(rows);
                ms(t)
            })
            .collect();
        println!(
            "  sort by {key:?}, on a header click (window thread): median {:.1} ms",
            median(runs)
        );
    }
    let dir = std::env::temp_dir().join(format!("leitmotif-sort-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let titles: String = lib.tracks.iter().map(|t| t.title() + "\n").collect();
    let file = dir.join("titles.txt");
    if std::fs::write(&file, titles).is_ok() {
        let runs: Vec<f64> = (0..9)
            .filter_map(|_| {
                let t = Instant::now();
                let ok = std::process::Command::new("sort")
                    .args(["-f", "-o"])
                    .arg(dir.join("sorted.txt"))
                    .arg(&file)
                    .env("LC_ALL", "C.UTF-8")
                    .status()
                    .is_ok_and(|s| s.success());
                ok.then(|| ms(t))
            })
            .collect();
        if !runs.is_empty() {
            println!("  peer: GNU sort -f of the same titles: median {:.1} ms", median(runs));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn main() {
    // SAFETY: single-threaded at this point; the renderer reads it later.
    unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") };
    let big: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    for tracks in [1_000, big] {
        let lib = library(tracks);
        let started = Instant::now();
        let index = SearchIndex::new(&lib);
        println!("{tracks} tracks: search index built in {:.0} ms", ms(started));
        for query in ["s", "st", "stay", "별처럼", "夢の", "composer 12", "zzz"] {
            let runs: Vec<f64> = (0..9)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(index.matches(query));
                    ms(t)
                })
                .collect();
            println!(
                "  search {query:?}: {} hits, median {:.1} ms",
                index.matches(query).len(),
                median(runs)
            );
        }
        sort_columns(&lib);
        let (mut app, _) = App::new(Boot {
            library: Some(lib),
            roots: Vec::new(),
            link: Link::Offline,
            store_path: None,
            cache_dir: None,
            files: Default::default(),
            settings: Default::default(),
            session: Default::default(),
            play: Vec::new(),
            notices: Vec::new(),
            media: None,
        });
        for nav in [Nav::Series, Nav::Albums, Nav::Tracks] {
            app.navigate(nav);
            let runs: Vec<f64> = (0..9)
                .map(|_| {
                    let t = Instant::now();
                    let ui = Simulator::with_size(Settings::default(), (1280.0, 820.0), app.view());
                    std::hint::black_box(ui);
                    ms(t)
                })
                .collect();
            println!("  {nav:?} screen: view + layout median {:.1} ms", median(runs));
        }
    }
}
