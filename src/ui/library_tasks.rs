//! The library's work for the window, off the window's thread: loading the model from
//! the store, scanning with progress, and the small store edits settings make.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc;

use std::time::{Duration, Instant};

use iced::Task;

use super::bridge;
use crate::analysis::gains::gain_book;
use crate::analysis::pass::{self, Control, PassOptions, Progress};
use crate::library::model::{AlbumIdx, Library};
use crate::library::scan::{self, ScanOptions, ScanProgress, ScanSummary};
use crate::library::search::SearchIndex;
use crate::library::series_rules::name_key;
use crate::player::GainBook;
use crate::store::{Root, Store, StoreWorker};

/// A loaded library with what the window derives from it once. The search index comes
/// separately (`index`): at 100k tracks it takes as long as the load, and the grid
/// needs none of it.
#[derive(Debug)]
pub struct Loaded {
    pub library: Arc<Library>,
    /// Built along (small libraries given to the window directly), or `None`: then the
    /// window asks for it with `index` once the library shows.
    pub search: Option<Arc<SearchIndex>>,
    pub album_order: Vec<AlbumIdx>,
    pub roots: Vec<Root>,
}

#[derive(Debug, Clone)]
pub enum ScanUpdate {
    Progress { seen: u64, read: u64, path: String },
    Done(Result<Arc<ScanSummary>, String>),
}

/// `library` with its album order; `with_search` builds its search index too.
pub fn build(library: Library, roots: Vec<Root>, with_search: bool) -> Arc<Loaded> {
    let search = with_search.then(|| Arc::new(SearchIndex::new(&library)));
    let mut album_order: Vec<AlbumIdx> = library.album_indices().collect();
    let keys: Vec<String> = library.albums.iter().map(|a| name_key(&a.title)).collect();
    album_order.sort_by(|&a, &b| keys[a.0].cmp(&keys[b.0]));
    Arc::new(Loaded {
        library: Arc::new(library),
        search,
        album_order,
        roots,
    })
}

fn load_from(store: &Store) -> Result<Arc<Loaded>, String> {
    let roots = store.roots()?;
    let library = Library::load_under(store, &roots)?;
    Ok(build(library, roots, false))
}

/// Loads the library through the store worker (after any edits sent before it).
pub fn load(worker: &StoreWorker) -> Task<Result<Arc<Loaded>, String>> {
    Task::perform(worker.call(|s| load_from(s)), |r| r.and_then(|r| r))
}

/// The search index of `library`, built on a thread of its own; `None` if it panicked.
pub fn index(library: Arc<Library>) -> Task<Option<(Arc<Library>, Arc<SearchIndex>)>> {
    Task::perform(
        bridge::blocking(move || {
            let index = Arc::new(SearchIndex::new(&library));
            (library, index)
        }),
        |built| built,
    )
}

/// Scans every root, or what `changed` names (a folder watcher's news); progress and the result arrive as [`ScanUpdate`]s.
pub fn scan(store: PathBuf, changed: Option<Vec<PathBuf>>) -> Task<ScanUpdate> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("leitmotif-scan".into())
        .spawn(move || {
            let (progress_tx, progress_rx) = mpsc::channel();
            let forward = tx.clone();
            let relay = std::thread::spawn(move || {
                for p in progress_rx {
                    if let ScanProgress::Scanning { seen, read, path, .. } = p {
                        let _ = forward.send(ScanUpdate::Progress { seen, read, path });
                    }
                }
            });
            let result = Store::open(&store).map_err(|e| e.to_string()).and_then(|mut s| {
                let options = ScanOptions {
                    low_priority: true,
                    ..ScanOptions::default()
                };
                match &changed {
                    Some(paths) => scan::scan_changes(&mut s, paths, &options, Some(&progress_tx)),
                    None => scan::scan(&mut s, &options, Some(&progress_tx)),
                }
                .map_err(|e| e.to_string())
            });
            drop(progress_tx);
            let _ = relay.join();
            let _ = tx.send(ScanUpdate::Done(result.map(Arc::new)));
        });
    if let Err(e) = spawned {
        return Task::done(ScanUpdate::Done(Err(format!("the scan could not start: {e}"))));
    }
    Task::run(bridge::stream(rx, "leitmotif-scan-updates"), |u| u)
}

#[derive(Debug, Clone)]
pub enum AnalysisUpdate {
    /// The gains measured before, at the pass' start: playback uses them at once.
    Measured(Arc<GainBook>),
    Progress(Progress),
    /// The pass ended: what it did and the gains now measured, or why it stopped.
    Done(Result<(Progress, Arc<GainBook>), String>),
}

/// The analysis pass over `library`'s new and changed tracks, in the background (all
/// cores but one, nice 19, held while `control` says); then the library's measured
/// gains, for the engine.
pub fn analyse(store: PathBuf, library: Arc<Library>, control: Arc<Control>) -> Task<AnalysisUpdate> {
    let (tx, rx) = mpsc::channel();
    let spawned = std::thread::Builder::new()
        .name("leitmotif-analysis".into())
        .spawn(move || {
            let progress = tx.clone();
            let mut said = Instant::now();
            let result = Store::open(&store).map_err(|e| e.to_string()).and_then(|mut s| {
                let before = Arc::new(gain_book(&s.analysed_loudness()?));
                let _ = progress.send(AnalysisUpdate::Measured(before.clone()));
                let jobs = pass::plan(&library, &s.analysis_state()?);
                let report = |p: &Progress| {
                    // A few updates a second at most: each one redraws the window.
                    if said.elapsed() >= Duration::from_millis(500) || p.done == p.total {
                        said = Instant::now();
                        let _ = progress.send(AnalysisUpdate::Progress(*p));
                    }
                };
                let done = pass::run(&mut s, jobs, PassOptions::background(), control, report)?;
                // Nothing kept: the gains read at the start still hold (at 100k tracks
                // reading them again is a second full query at every load).
                if done.measured == 0 && done.albums == 0 {
                    return Ok((done, before));
                }
                Ok((done, Arc::new(gain_book(&s.analysed_loudness()?))))
            });
            let _ = tx.send(AnalysisUpdate::Done(result));
        });
    if let Err(e) = spawned {
        return Task::done(AnalysisUpdate::Done(Err(format!("the analysis could not start: {e}"))));
    }
    Task::run(bridge::stream(rx, "leitmotif-analysis-updates"), |u| u)
}

/// Records `folder` (made absolute) as a library folder; on the store worker. Returns
/// the folder as recorded.
pub fn add_root(store: &mut Store, folder: &Path) -> Result<PathBuf, String> {
    let absolute = std::fs::canonicalize(folder).map_err(|e| format!("{}: {e}", folder.display()))?;
    store.add_root(&absolute.to_string_lossy())?;
    Ok(absolute)
}

/// First run: the bundled demo soundtrack is written to the data folder and added as
/// a library folder, so there is something to play at once; on the store worker.
/// Returns the demo's folder as the roots record it.
pub fn install_demo(store: &mut Store) -> Result<PathBuf, String> {
    let dir = crate::library::demo::folder().ok_or("no home folder to put the demo in")?;
    crate::library::demo::install(&dir).map_err(|e| e.to_string())?;
    add_root(store, &dir)
}
