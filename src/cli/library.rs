//! `leitmotif scan`, `series` and `tracks`: the library's command-line face.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde::Serialize;

use leitmotif::library::history::History;
use leitmotif::library::model::{Library, SeriesIdx, TrackIdx};
use leitmotif::library::scan::{self, ScanOptions, ScanProgress};
use leitmotif::library::search::SearchIndex;
use leitmotif::ost::query::{self, Facts};

use super::{fail, open_store};

pub fn scan(dirs: &[PathBuf], json: bool) -> ExitCode {
    let mut store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    for dir in dirs {
        let absolute = match std::fs::canonicalize(dir) {
            Ok(p) if p.is_dir() => p,
            Ok(_) => return fail(format!("{}: not a folder", dir.display())),
            Err(e) => return fail(format!("{}: {e}", dir.display())),
        };
        if let Err(e) = store.add_root(&absolute.to_string_lossy()) {
            return fail(e);
        }
    }
    match store.roots() {
        Ok(roots) if roots.is_empty() => match leitmotif::library::paths::music_dir().filter(|d| d.is_dir()) {
            Some(music) => {
                if let Err(e) = store.add_root(&music.to_string_lossy()) {
                    return fail(e);
                }
            }
            None => return fail("no library folders yet: run `leitmotif scan DIR`"),
        },
        Ok(_) => {}
        Err(e) => return fail(e),
    }
    let (tx, rx) = std::sync::mpsc::channel();
    let show_progress = !json && std::io::IsTerminal::is_terminal(&std::io::stderr());
    let printer = std::thread::spawn(move || {
        for p in rx {
            if let (true, ScanProgress::Scanning { seen, read, path, .. }) = (show_progress, &p) {
                let name = Path::new(path)
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                eprint!("\r\x1b[2Kscanning: {read}/{seen} read  {name}");
            }
        }
        if show_progress {
            eprint!("\r\x1b[2K");
        }
    });
    let result = scan::scan(&mut store, &ScanOptions::default(), Some(&tx));
    drop(tx);
    let _ = printer.join();
    let summary = match result {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let mut out = std::io::stdout().lock();
    if json {
        let _ = serde_json::to_writer(&mut out, &summary);
        let _ = writeln!(out);
        return ExitCode::SUCCESS;
    }
    for root in &summary.roots {
        match &root.reason {
            None => {
                let _ = writeln!(out, "folder {}", root.path);
            }
            Some(reason) => {
                let _ = writeln!(out, "folder {} UNAVAILABLE: {reason}", root.path);
            }
        }
    }
    let _ = writeln!(
        out,
        "{} tracks, {} albums, {} series; {} added, {} updated, {} removed{}, {} unchanged; {:.2} s",
        summary.tracks,
        summary.albums,
        summary.series,
        summary.added,
        summary.updated,
        summary.removed,
        // A move keeps the file's identity: said apart, only when there was one.
        match summary.moved {
            0 => String::new(),
            n => format!(", {n} moved"),
        },
        summary.unchanged,
        summary.seconds
    );
    if !summary.errors.is_empty() {
        let _ = writeln!(out, "{} files could not be read:", summary.errors.len());
        for e in &summary.errors {
            let _ = writeln!(out, "  {}: {}", e.path, e.error);
        }
    }
    ExitCode::SUCCESS
}

/// The library as the window shows it.
pub fn load() -> Result<Library, String> {
    Library::load(&open_store()?).map_err(|e| e.to_string())
}

#[derive(Serialize)]
struct SeriesOut<'a> {
    name: &'a str,
    aliases: &'a [String],
    /// The franchise's name and this series' place in it (0 = the base series).
    franchise: Option<&'a str>,
    franchise_order: Option<usize>,
    /// The group of Various Artists compilations, not a show.
    compilations: bool,
    tracks: usize,
    albums: Vec<AlbumOut<'a>>,
    /// Tracks of compilations whose own tags name this series.
    also_on: Vec<AlsoOn<'a>>,
    /// Vocal / instrumental pairs: [vocal title, instrumental title].
    pairs: Vec<[String; 2]>,
}

#[derive(Serialize)]
struct AlsoOn<'a> {
    title: String,
    album: &'a str,
}

#[derive(Serialize)]
struct AlbumOut<'a> {
    title: &'a str,
    artist: &'a str,
    kind: leitmotif::library::series_rules::AlbumKind,
    number: Option<u32>,
    date: Option<&'a str>,
    evidence: leitmotif::library::model::SeriesEvidence,
    compilation: bool,
    disc_count: usize,
    discs: Vec<DiscOut<'a>>,
    tracks: usize,
}

#[derive(Serialize)]
struct DiscOut<'a> {
    number: u32,
    subtitle: Option<&'a str>,
    tracks: usize,
}

pub fn series(json: bool) -> ExitCode {
    let library = match load() {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    // Each pair once, filed under its instrumental's series (not every pair per series).
    let mut pairs_by_series: std::collections::HashMap<SeriesIdx, Vec<[String; 2]>> = Default::default();
    for (&inst, &vocal) in &library.pairs {
        let (Some(i), Some(v)) = (library.track(inst), library.track(vocal)) else {
            continue;
        };
        let title = i.title();
        if leitmotif::library::pairs::is_instrumental(&title) {
            let series = library.albums[i.album].series;
            pairs_by_series.entry(series).or_default().push([v.title(), title]);
        }
    }
    let list: Vec<SeriesOut> = library
        .series_indices()
        .zip(&library.series)
        .map(|(si, s)| {
            let albums: Vec<AlbumOut> = s
                .albums
                .iter()
                .map(|&a| {
                    let a = &library.albums[a];
                    AlbumOut {
                        title: &a.title,
                        artist: &a.artist,
                        kind: a.kind,
                        number: a.number,
                        date: a.date.as_deref(),
                        evidence: a.evidence,
                        compilation: a.compilation,
                        disc_count: a.discs.len(),
                        discs: a
                            .discs
                            .iter()
                            .map(|d| DiscOut {
                                number: d.number,
                                subtitle: d.subtitle.as_deref(),
                                tracks: d.tracks.len(),
                            })
                            .collect(),
                        tracks: a.track_count(),
                    }
                })
                .collect();
            let franchise = s.franchise.and_then(|f| library.franchises.get(f));
            let mut pairs = pairs_by_series.remove(&si).unwrap_or_default();
            pairs.sort();
            SeriesOut {
                name: &s.name,
                aliases: &s.aliases,
                franchise: franchise.map(|f| f.name.as_str()),
                franchise_order: franchise.and_then(|f| f.series.iter().position(|&x| x == si)),
                compilations: s.compilations,
                tracks: albums.iter().map(|a| a.tracks).sum(),
                albums,
                also_on: s
                    .also_on
                    .iter()
                    .map(|&t| AlsoOn {
                        title: library.tracks[t].title(),
                        album: &library.albums[library.tracks[t].album].title,
                    })
                    .collect(),
                pairs,
            }
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if json {
        let _ = serde_json::to_writer(&mut out, &list);
        let _ = writeln!(out);
        return ExitCode::SUCCESS;
    }
    for s in &list {
        let franchise = s.franchise.map(|f| format!(" · {f}")).unwrap_or_default();
        let _ = writeln!(
            out,
            "{}{franchise}  ({} albums, {} tracks)",
            s.name,
            s.albums.len(),
            s.tracks
        );
        for a in &s.albums {
            let kind = match (a.kind.label(), a.number) {
                (label, Some(n)) => format!("{label} {n}"),
                (label, None) => label.to_owned(),
            };
            let discs = if a.discs.len() > 1 {
                format!(", {} discs", a.discs.len())
            } else {
                String::new()
            };
            let _ = writeln!(out, "  [{kind}] {} — {} tracks{discs}", a.title, a.tracks);
        }
    }
    ExitCode::SUCCESS
}

#[derive(Serialize)]
struct TrackOut<'a> {
    #[serde(flatten)]
    track: &'a leitmotif::library::model::Track,
    series: &'a str,
    album_kind: leitmotif::library::series_rules::AlbumKind,
    /// What the analysis pass measured (`leitmotif analyze`); absent until then.
    #[serde(skip_serializing_if = "Option::is_none")]
    analysis: Option<AnalysisOut>,
}

/// Loudness in LUFS/LU, peaks in dBTP, gains as ReplayGain 2.0 (dB to −18 LUFS).
#[derive(Serialize)]
struct AnalysisOut {
    integrated_lufs: Option<f64>,
    range_lu: Option<f64>,
    true_peak_dbtp: Option<f64>,
    track_gain_db: Option<f64>,
    album_lufs: Option<f64>,
    album_gain_db: Option<f64>,
    album_peak_dbtp: Option<f64>,
}

impl AnalysisOut {
    fn new(l: &leitmotif::store::AnalysedLoudness) -> Self {
        let round = |x: f64| (x * 100.0).round() / 100.0;
        let db = |p: Option<f64>| p.filter(|p| *p > 0.0).map(|p| round(20.0 * p.log10()));
        let gain = |lufs: Option<f64>| lufs.map(|v| round(leitmotif::analysis::loudness::REFERENCE_LUFS - v));
        Self {
            integrated_lufs: l.integrated_lufs.map(round),
            range_lu: l.range_lu.map(round),
            true_peak_dbtp: db(l.true_peak),
            track_gain_db: gain(l.integrated_lufs),
            album_lufs: l.album_lufs.map(round),
            album_gain_db: gain(l.album_lufs),
            album_peak_dbtp: db(l.album_peak),
        }
    }
}

/// What a smart playlist holds now, read with the notes and history it asks about.
pub fn smart_tracks(
    store: &leitmotif::store::Store,
    library: &Library,
    list: &leitmotif::ost::smart::Smart,
) -> Result<Vec<TrackIdx>, String> {
    let expr = leitmotif::library::query::parse(&list.query).map_err(|e| e.describe(&list.query))?;
    let Some(expr) = expr else {
        return Ok(Vec::new());
    };
    with_sources(store, library, &expr, |sources| list.tracks(sources))?.map_err(|e| e.describe(&list.query))
}

/// Runs `run` with what query `expr` reads: the library's search index, and the notes
/// and listening history only when it names their fields.
fn with_sources<R>(
    store: &leitmotif::store::Store,
    library: &Library,
    expr: &leitmotif::library::query::Expr,
    run: impl FnOnce(query::Sources<'_>) -> R,
) -> Result<R, String> {
    let facts = match expr.needs_notes() {
        true => Facts::load(store, library)?,
        false => Facts::default(),
    };
    let history = match expr.needs_history() {
        true => {
            let err = |e: leitmotif::store::StoreError| e.to_string();
            History::new(
                library,
                &store.listening().map_err(err)?,
                &store.favourites().map_err(err)?,
            )
        }
        false => History::default(),
    };
    let index = SearchIndex::new(library);
    Ok(run(query::Sources {
        library,
        index: &index,
        facts: &facts,
        history: &history,
    }))
}

pub fn tracks(json: bool, query: Option<&str>) -> ExitCode {
    // A query that does not read is said before anything is opened.
    let query = match query.map(leitmotif::library::query::parse).transpose() {
        Ok(q) => q.flatten(),
        Err(e) => return fail(super::query_mistake(query.unwrap_or_default(), &e)),
    };
    let loaded = open_store().and_then(|store| {
        let library = Library::load(&store).map_err(|e| e.to_string())?;
        let measured = store.analysed_loudness().map_err(|e| e.to_string())?;
        let kept = match &query {
            Some(q) => Some(with_sources(&store, &library, q, |sources| query::matches(q, sources))?),
            None => None,
        };
        Ok((library, measured, kept))
    });
    let (library, measured, kept) = match loaded {
        Ok(l) => l,
        Err(e) => return fail(e),
    };
    let kept = kept.unwrap_or_else(|| (0..library.tracks.len()).map(TrackIdx).collect());
    let measured: std::collections::HashMap<(&str, u32), &leitmotif::store::AnalysedLoudness> = measured
        .iter()
        .map(|r| ((r.path.as_str(), r.cue_index), &r.loudness))
        .collect();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for t in kept.iter().map(|&i| &library.tracks[i]) {
        let album = &library.albums[t.album];
        let series = &library.series[album.series].name;
        if json {
            let _ = serde_json::to_writer(
                &mut out,
                &TrackOut {
                    track: t,
                    series,
                    album_kind: album.kind,
                    analysis: t
                        .path
                        .to_str()
                        .and_then(|p| measured.get(&(p, t.fields.cue_index)))
                        .map(|l| AnalysisOut::new(l)),
                },
            );
            let _ = writeln!(out);
        } else {
            let _ = writeln!(out, "{}\t{}\t{}\t{}", series, album.title, t.title(), t.path.display());
        }
    }
    ExitCode::SUCCESS
}
