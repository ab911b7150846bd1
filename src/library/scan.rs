//! Incremental scanning: a walker compares every audio file's size and mtime with the
//! store, worker threads read only new or changed files (each isolated: a panic or a
//! hang past the per-file timeout becomes that file's error), and the calling thread
//! writes results in batched transactions. A root that is missing, unreadable or empty
//! where files used to be deletes nothing: its files are marked unavailable.

use std::collections::{HashMap, HashSet};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant, UNIX_EPOCH};

use serde::Serialize;

use super::model::Library;
use super::playable::is_audio_file;
use super::scan_moves::moved;
pub use super::scan_scope::Scope;
use super::split::{CueSource, read_file};
use crate::store::{FileStamp, ScannedFile, Store, StoreError};

#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot start a scanning thread: {0}")]
    Thread(std::io::Error),
}

#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub threads: usize,
    pub file_timeout: Duration,
    /// Files per write transaction.
    pub batch: usize,
    /// Run below normal priority, so a window on the same cores stays smooth (the
    /// window's scans; the command line runs at full speed).
    pub low_priority: bool,
}

impl Default for ScanOptions {
    fn default() -> Self {
        Self {
            threads: std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, 8),
            file_timeout: Duration::from_secs(10),
            batch: 512,
            low_priority: false,
        }
    }
}

/// What the window shows while a scan runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "phase", rename_all = "snake_case")]
pub enum ScanProgress {
    Scanning {
        root: String,
        seen: u64,
        read: u64,
        path: String,
    },
    Finished,
}

#[derive(Debug, Clone, Serialize)]
pub struct RootStatus {
    pub path: String,
    pub available: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileError {
    pub path: String,
    pub error: String,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ScanSummary {
    pub roots: Vec<RootStatus>,
    pub tracks: usize,
    pub albums: usize,
    pub series: usize,
    pub added: u64,
    pub updated: u64,
    pub removed: u64,
    /// Files found under another name or folder (counted neither added nor removed).
    pub moved: u64,
    pub unchanged: u64,
    /// Every file in the library folders that could not be read, with the reason.
    pub errors: Vec<FileError>,
    /// Those read by this scan: a file that failed before and is unchanged is not read
    /// again, so it is not news (the window tells only these).
    pub new_errors: Vec<FileError>,
    pub seconds: f64,
    /// Whether the library is any different afterwards (a watcher's scan of a file that
    /// was only touched changes nothing, and nothing needs reloading).
    pub changed: bool,
}

/// A file the walker wants read.
struct Job {
    path: PathBuf,
    size: u64,
    mtime_ns: i64,
    is_new: bool,
    cue: Option<CueSource>,
    folder_cover: Option<PathBuf>,
}

struct WalkResult {
    seen: u64,
    unchanged: u64,
    /// Known files found again unchanged after being unavailable.
    restored: Vec<i64>,
    /// Known files not found, under folders that could be read.
    missing: Vec<i64>,
    /// Their ids, paths, sizes and times, to recognise them if they turn up elsewhere.
    missing_stamps: Vec<(i64, String, u64, i64)>,
    /// Known files under folders that could not be reached (unreadable, a link to an
    /// unmounted drive, gone mid-scan): kept, shown as unavailable.
    unreachable: Vec<i64>,
}

/// Scans every root in the store.
pub fn scan(
    store: &mut Store,
    options: &ScanOptions,
    progress: Option<&Sender<ScanProgress>>,
) -> Result<ScanSummary, ScanError> {
    scan_scoped(store, options, progress, |_| Some(Scope::Whole))
}

/// Scans only what `changed` (paths a folder watcher reported) touches: the folders that
/// appeared or changed are listed, the files known under paths now gone are missing (or
/// moved, when they turn up in a folder listed beside them).
pub fn scan_changes(
    store: &mut Store,
    changed: &[PathBuf],
    options: &ScanOptions,
    progress: Option<&Sender<ScanProgress>>,
) -> Result<ScanSummary, ScanError> {
    scan_scoped(store, options, progress, |root| Scope::of(root, changed))
}

fn scan_scoped(
    store: &mut Store,
    options: &ScanOptions,
    progress: Option<&Sender<ScanProgress>>,
    scope_of: impl Fn(&Path) -> Option<Scope>,
) -> Result<ScanSummary, ScanError> {
    let started = Instant::now();
    if options.low_priority {
        lower_priority(10);
    }
    let generation = store.library_generation()?;
    let mut summary = ScanSummary::default();
    for root in store.roots()? {
        let path = Path::new(&root.path);
        let status = match scope_of(path) {
            Some(scope) => scan_root(store, root.id, path, &scope, options, progress, &mut summary)?,
            None => RootStatus {
                path: root.path.clone(),
                available: root.available,
                reason: None,
            },
        };
        summary.roots.push(status);
    }
    summary.changed = store.library_generation()? != generation;
    if let Some(p) = progress {
        let _ = p.send(ScanProgress::Finished);
    }
    // Building the model only to count it is most of an unchanged rescan's time: the
    // counts are kept until something they depend on changes.
    let (tracks, albums, series) = match store.cached_counts()? {
        Some(counts) => counts,
        None => {
            let roots: Vec<PathBuf> = summary.roots.iter().map(|r| PathBuf::from(&r.path)).collect();
            let library = Library::build_with(store.load_tracks()?, &roots, &store.curation()?);
            let counts = (library.tracks.len(), library.albums.len(), library.series.len());
            store.store_counts(counts.0, counts.1, counts.2)?;
            counts
        }
    };
    summary.tracks = tracks;
    summary.albums = albums;
    summary.series = series;
    summary.errors = store
        .file_errors()?
        .into_iter()
        .map(|(path, error)| FileError { path, error })
        .collect();
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

fn scan_root(
    store: &mut Store,
    root_id: i64,
    root: &Path,
    scope: &Scope,
    options: &ScanOptions,
    progress: Option<&Sender<ScanProgress>>,
    summary: &mut ScanSummary,
) -> Result<RootStatus, ScanError> {
    let root_text = root.to_string_lossy().into_owned();
    let unavailable = |store: &mut Store, reason: String| -> Result<RootStatus, StoreError> {
        store.set_root_available(root_id, false)?;
        Ok(RootStatus {
            path: root_text.clone(),
            available: false,
            reason: Some(reason),
        })
    };
    let root_is_empty = match std::fs::read_dir(root) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) => return Ok(unavailable(store, format!("cannot read the folder: {e}"))?),
    };
    // A watcher's news from a drive that is now empty is an unmount, not a purge (a
    // whole scan finds the same after its walk).
    if matches!(scope, Scope::Parts(_)) && root_is_empty && !store.file_stamps(root_id)?.is_empty() {
        return Ok(unavailable(
            store,
            "the folder is empty but held music before (not mounted?); nothing was removed".into(),
        )?);
    }
    let starts = match scope {
        Scope::Whole => vec![(root.to_path_buf(), true)],
        Scope::Parts(parts) => parts.walk.clone(),
    };
    let (stamps_tx, stamps_rx) = mpsc::channel::<HashMap<String, FileStamp>>();
    let (job_tx, job_rx) = mpsc::channel::<Job>();
    let jobs_sent = Arc::new(AtomicU64::new(0));
    let pool = Pool::start(options.threads.max(1), job_rx, options.low_priority);
    let walker = {
        let root = root.to_path_buf();
        let jobs_sent = jobs_sent.clone();
        let done_tx = pool.results_tx.clone();
        let low_priority = options.low_priority;
        std::thread::Builder::new()
            .name("leitmotif-walk".into())
            .spawn(move || {
                if low_priority {
                    lower_priority(10);
                }
                let result = walk(&root, starts, &stamps_rx, &job_tx, &jobs_sent);
                drop(job_tx);
                let _ = done_tx.send(Msg::Walked);
                result
            })
            .map_err(ScanError::Thread)?
    };
    // Loaded while the walker lists folders (it waits for them before comparing).
    let stamps = match scope {
        Scope::Whole => store.file_stamps(root_id)?,
        Scope::Parts(parts) => {
            let (prefixes, exact) = parts.stamp_ranges();
            let mut stamps = store.file_stamps_under(root_id, &prefixes, &exact)?;
            stamps.retain(|path, _| scope.covers(Path::new(path)));
            stamps
        }
    };
    let known = stamps.len();
    let _ = stamps_tx.send(stamps);
    let mut walked_all = false;
    let mut received = 0u64;
    let mut batch: Vec<ScannedFile> = Vec::with_capacity(options.batch);
    // New files, to find the missing ones among them (a move keeps size and time).
    let mut added: Vec<(String, u64, i64)> = Vec::new();
    let mut last_progress = Instant::now();
    let mut busy = false;
    loop {
        // Results are taken in bursts: waking this thread for every file cost more than
        // writing it (a tenth of an import). While files keep coming, it naps a few
        // milliseconds and takes what gathered; when none did, it waits for the next.
        if busy {
            std::thread::sleep(Duration::from_millis(4));
        }
        let mut finished = pool.reap(options.file_timeout);
        let mut messages: Vec<Msg> = pool.results.try_iter().collect();
        if messages.is_empty()
            && let Ok(msg) = pool.results.recv_timeout(Duration::from_millis(50))
        {
            messages.push(msg);
        }
        busy = !messages.is_empty();
        for msg in messages {
            match msg {
                Msg::Walked => walked_all = true,
                // A late result from a reader already recorded as timed out is dropped.
                Msg::Done(done) if !pool.is_abandoned(done.worker) => finished.push(done),
                Msg::Done(_) => {}
            }
        }
        for done in finished {
            received += 1;
            if let Some(error) = &done.file.error {
                summary.new_errors.push(FileError {
                    path: done.file.path.clone(),
                    error: error.clone(),
                });
            }
            if done.is_new {
                summary.added += 1;
                added.push((done.file.path.clone(), done.file.size, done.file.mtime_ns));
            } else {
                summary.updated += 1;
            }
            batch.push(done.file);
        }
        if batch.len() >= options.batch {
            store.write_scanned(root_id, &batch)?;
            batch.clear();
        }
        if let Some(p) = progress
            && last_progress.elapsed() >= Duration::from_millis(100)
        {
            last_progress = Instant::now();
            let _ = p.send(ScanProgress::Scanning {
                root: root_text.clone(),
                seen: jobs_sent.load(Ordering::Acquire),
                read: received,
                path: pool.current_path().unwrap_or_default(),
            });
        }
        if walked_all && received >= jobs_sent.load(Ordering::Acquire) {
            break;
        }
    }
    store.write_scanned(root_id, &batch)?;
    let walked = walker.join().unwrap_or(WalkResult {
        seen: 0,
        unchanged: 0,
        restored: Vec::new(),
        missing: Vec::new(),
        missing_stamps: Vec::new(),
        unreachable: Vec::new(),
    });
    summary.unchanged += walked.unchanged;
    // Unmounted while being scanned: what the walk missed is not gone.
    if let Err(e) = std::fs::read_dir(root) {
        return Ok(unavailable(
            store,
            format!("the folder went away during the scan ({e}); nothing was removed"),
        )?);
    }

    // An empty folder where files used to be is an unmounted drive, not a purge.
    if matches!(scope, Scope::Whole) && walked.seen == 0 && known > 0 {
        return Ok(unavailable(
            store,
            "the folder is empty but held music before (not mounted?); nothing was removed".into(),
        )?);
    }
    store.set_root_available(root_id, true)?;
    // A file gone from one place and new in another with the same size and time was
    // moved: it keeps its identity (track ids, playlists, history, favourites and
    // measurements follow it; scenes and characters find it by its tags and audio).
    let moves = moved(&walked.missing_stamps, &added);
    let kept: HashSet<i64> = moves.iter().map(|(id, _, _)| *id).collect();
    let pairs: Vec<(String, String)> = moves.into_iter().map(|(_, old, new)| (old, new)).collect();
    store.follow_moves(&pairs)?;
    let gone: Vec<i64> = walked.missing.iter().copied().filter(|id| !kept.contains(id)).collect();
    summary.removed += gone.len() as u64;
    summary.added -= kept.len() as u64;
    summary.moved += kept.len() as u64;
    store.remove_files(&gone)?;
    store.set_files_available(&walked.restored, true)?;
    store.set_files_available(&walked.unreachable, false)?;
    Ok(RootStatus {
        path: root_text,
        available: true,
        reason: None,
    })
}

/// One folder's files against the database's stamps: unchanged ones counted, new and
/// changed ones sent to the readers.
fn compare_folder(
    files: &[(PathBuf, std::fs::Metadata)],
    stamps: &mut HashMap<String, FileStamp>,
    result: &mut WalkResult,
    jobs: &Sender<Job>,
    sent: &AtomicU64,
) {
    let cues = CueSource::find_in(files);
    let folder_cover = find_folder_cover(files);
    for (path, meta) in files {
        if !is_audio_file(path) {
            continue;
        }
        result.seen += 1;
        let cue = cues.iter().find(|c| c.covers(path)).cloned();
        let mut mtime_ns = mtime_ns(meta);
        if let Some(c) = &cue {
            // Editing the sheet re-reads the image.
            mtime_ns = mtime_ns.max(c.mtime_ns);
        }
        let size = meta.len();
        let key = path.to_string_lossy().into_owned();
        match stamps.remove(&key) {
            Some(s) if s.size == size && s.mtime_ns == mtime_ns => {
                result.unchanged += 1;
                if !s.available {
                    result.restored.push(s.id);
                }
            }
            previous => {
                sent.fetch_add(1, Ordering::AcqRel);
                let _ = jobs.send(Job {
                    path: path.clone(),
                    size,
                    mtime_ns,
                    is_new: previous.is_none(),
                    cue,
                    folder_cover: folder_cover.clone(),
                });
            }
        }
    }
}

/// Walks a root from `starts` (folders, each with or without what lies under it):
/// directories in sorted order, symlinked folders followed once (loops cut by device +
/// inode).
fn walk(
    root: &Path,
    starts: Vec<(PathBuf, bool)>,
    stamps_rx: &mpsc::Receiver<HashMap<String, FileStamp>>,
    jobs: &Sender<Job>,
    sent: &AtomicU64,
) -> WalkResult {
    let mut stamps: Option<HashMap<String, FileStamp>> = None;
    let mut pending: std::collections::VecDeque<Vec<(PathBuf, std::fs::Metadata)>> = Default::default();
    let mut result = WalkResult {
        seen: 0,
        unchanged: 0,
        restored: Vec::new(),
        missing: Vec::new(),
        missing_stamps: Vec::new(),
        unreachable: Vec::new(),
    };
    let mut unreadable: Vec<PathBuf> = Vec::new();
    let mut visited: HashSet<(u64, u64)> = HashSet::new();
    let real_root = std::fs::canonicalize(root).ok();
    let identity = |dir: &Path| std::fs::metadata(dir).ok().and_then(|m| dir_identity(dir, &m));
    let mut stack: Vec<_> = starts
        .into_iter()
        .rev()
        .map(|(dir, deep)| (dir.clone(), identity(&dir), deep, true))
        .collect();
    while let Some((dir, identity, deep, is_start)) = stack.pop() {
        if let Some(id) = identity
            && !visited.insert(id)
        {
            continue;
        }
        let entries = match std::fs::read_dir(&dir) {
            Ok(e) => e,
            // A folder a watcher named that is gone by now (itself, not a link's
            // target): what was under it is missing, not unreachable.
            Err(e)
                if is_start && e.kind() == std::io::ErrorKind::NotFound && std::fs::symlink_metadata(&dir).is_err() =>
            {
                continue;
            }
            Err(_) => {
                unreadable.push(dir);
                continue;
            }
        };
        let mut files: Vec<(PathBuf, std::fs::Metadata)> = Vec::new();
        let mut subdirs = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            // Follows symlinks: a linked folder or file counts as what it points to. A
            // link whose target is gone (an unmounted drive) or an entry that vanished
            // while listing protects whatever was known under it. The entry's own
            // metadata is read relative to the open folder (no walk down the whole
            // path for each file); only a link is looked up by its path.
            let meta = match entry.metadata() {
                Ok(m) if !m.file_type().is_symlink() => Ok(m),
                _ => std::fs::metadata(&path),
            };
            let Ok(meta) = meta else {
                unreadable.push(path);
                continue;
            };
            // A linked file whose target lies in this root is found there: counted
            // twice it would be a second album (Debian's drascula-music links each
            // language's folder to the same files).
            if meta.is_file() && entry.file_type().is_ok_and(|t| t.is_symlink()) && links_inside(&path, &real_root) {
                continue;
            }
            if meta.is_dir() {
                if deep {
                    let identity = dir_identity(&path, &meta);
                    subdirs.push((path, identity, true, false));
                }
            } else if meta.is_file() {
                files.push((path, meta));
            }
        }
        // Entries of one folder differ only in their names: comparing the names is the
        // paths' order without splitting every path into components.
        subdirs.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));
        stack.extend(subdirs.into_iter().rev());
        files.sort_by(|a, b| a.0.file_name().cmp(&b.0.file_name()));

        pending.push_back(files);
        // The database's stamps load on the caller's thread while this walks: folders
        // listed before they arrive wait here, then everything streams.
        if stamps.is_none()
            && let Ok(arrived) = stamps_rx.try_recv()
        {
            stamps = Some(arrived);
        }
        if let Some(known) = stamps.as_mut() {
            while let Some(files) = pending.pop_front() {
                compare_folder(&files, known, &mut result, jobs, sent);
            }
        }
    }
    let mut stamps = stamps.unwrap_or_else(|| stamps_rx.recv().unwrap_or_default());
    while let Some(files) = pending.pop_front() {
        compare_folder(&files, &mut stamps, &mut result, jobs, sent);
    }
    // Whatever was not found is gone, unless it sat under a folder we could not read.
    for (path, stamp) in stamps {
        if unreadable.iter().any(|d| Path::new(&path).starts_with(d)) {
            result.unreachable.push(stamp.id);
        } else {
            result.missing.push(stamp.id);
            result.missing_stamps.push((stamp.id, path, stamp.size, stamp.mtime_ns));
        }
    }
    result
}

/// Whether the link at `path` points to a file inside `real_root` (canonical).
fn links_inside(path: &Path, real_root: &Option<PathBuf>) -> bool {
    let Some(root) = real_root else { return false };
    std::fs::canonicalize(path).is_ok_and(|target| target.starts_with(root))
}

/// What makes a folder the same folder however it is reached (symlinks included).
#[cfg(unix)]
fn dir_identity(_dir: &Path, meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    use std::os::unix::fs::MetadataExt;
    Some((meta.dev(), meta.ino()))
}

#[cfg(not(unix))]
fn dir_identity(dir: &Path, _meta: &std::fs::Metadata) -> Option<(u64, u64)> {
    // Without inode numbers, canonical paths stand in.
    use std::hash::{Hash, Hasher};
    let canonical = std::fs::canonicalize(dir).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    Some((0, h.finish()))
}

pub(crate) fn mtime_ns(meta: &std::fs::Metadata) -> i64 {
    meta.modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos() as i64)
}

/// cover/folder/front/albumcover/albumart.jpg|png, in that order of preference, else the
/// folder's only picture (games ship "albumcover.png", rips "Folder.jpg" or "<Album>.jpg").
fn find_folder_cover(files: &[(PathBuf, std::fs::Metadata)]) -> Option<PathBuf> {
    const NAMES: [&str; 6] = ["cover", "folder", "front", "albumcover", "albumart", "albumartsmall"];
    let pictures: Vec<&PathBuf> = files
        .iter()
        .map(|(p, _)| p)
        .filter(|p| {
            let ext = p.extension().map(|s| s.to_string_lossy().to_lowercase());
            matches!(ext.as_deref(), Some("jpg" | "jpeg" | "png"))
        })
        .collect();
    NAMES
        .iter()
        .find_map(|want| {
            pictures.iter().copied().find(|p| {
                let stem = p.file_stem().map(|s| s.to_string_lossy().to_lowercase());
                stem.as_deref() == Some(*want)
            })
        })
        .or_else(|| (pictures.len() == 1).then(|| pictures[0]))
        .cloned()
}

enum Msg {
    Done(Done),
    /// The walker has sent every job.
    Walked,
}

struct Done {
    worker: u64,
    is_new: bool,
    file: ScannedFile,
}

/// What a worker is reading, for the timeout watch and the progress line.
#[derive(Default)]
struct Slot {
    busy: Option<(PathBuf, u64, i64, bool, Instant)>,
    abandoned: bool,
}

/// Reader threads. A thread stuck in one file past the timeout is abandoned (a thread
/// cannot be killed): its file is recorded as timed out and a fresh thread takes over.
struct Pool {
    jobs: Arc<Mutex<Receiver<Job>>>,
    results: Receiver<Msg>,
    results_tx: Sender<Msg>,
    slots: Mutex<Vec<Arc<Mutex<Slot>>>>,
    low_priority: bool,
}

impl Pool {
    fn start(threads: usize, jobs: Receiver<Job>, low_priority: bool) -> Pool {
        let (results_tx, results) = mpsc::channel();
        let pool = Pool {
            jobs: Arc::new(Mutex::new(jobs)),
            results,
            results_tx,
            slots: Mutex::new(Vec::new()),
            low_priority,
        };
        for _ in 0..threads {
            pool.spawn();
        }
        pool
    }

    fn spawn(&self) {
        let slot = Arc::new(Mutex::new(Slot::default()));
        let worker = {
            let mut slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
            slots.push(slot.clone());
            slots.len() as u64 - 1
        };
        let jobs = self.jobs.clone();
        let tx = self.results_tx.clone();
        let low_priority = self.low_priority;
        let _ = std::thread::Builder::new()
            .name(format!("leitmotif-read-{worker}"))
            .spawn(move || {
                if low_priority {
                    lower_priority(10);
                }
                loop {
                    // One idle reader waits on the queue, the others on the lock; all
                    // leave when the walker hangs up.
                    let job = {
                        let rx = jobs.lock().unwrap_or_else(PoisonError::into_inner);
                        rx.recv()
                    };
                    let Ok(job) = job else {
                        return;
                    };
                    {
                        let mut s = slot.lock().unwrap_or_else(PoisonError::into_inner);
                        s.busy = Some((job.path.clone(), job.size, job.mtime_ns, job.is_new, Instant::now()));
                    }
                    let file = read_isolated(&job);
                    let abandoned = {
                        let mut s = slot.lock().unwrap_or_else(PoisonError::into_inner);
                        s.busy = None;
                        s.abandoned
                    };
                    if abandoned {
                        return;
                    }
                    let _ = tx.send(Msg::Done(Done {
                        worker,
                        is_new: job.is_new,
                        file,
                    }));
                }
            });
    }

    fn is_abandoned(&self, worker: u64) -> bool {
        let slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        slots
            .get(worker as usize)
            .is_some_and(|s| s.lock().unwrap_or_else(PoisonError::into_inner).abandoned)
    }

    /// Files whose reader has been stuck past `timeout`, as errors; their threads are
    /// replaced.
    fn reap(&self, timeout: Duration) -> Vec<Done> {
        let mut out = Vec::new();
        let slots: Vec<_> = self.slots.lock().unwrap_or_else(PoisonError::into_inner).clone();
        for (worker, slot) in slots.iter().enumerate() {
            let mut s = slot.lock().unwrap_or_else(PoisonError::into_inner);
            if s.abandoned {
                continue;
            }
            let Some((path, size, mtime_ns, is_new, since)) = s.busy.clone() else {
                continue;
            };
            if since.elapsed() < timeout {
                continue;
            }
            s.abandoned = true;
            drop(s);
            out.push(Done {
                worker: worker as u64,
                is_new,
                file: ScannedFile {
                    path: path.to_string_lossy().into_owned(),
                    size,
                    mtime_ns,
                    tracks: Vec::new(),
                    error: Some(format!("reading took longer than {} s; skipped", timeout.as_secs())),
                },
            });
            self.spawn();
        }
        out
    }

    fn current_path(&self) -> Option<String> {
        let slots = self.slots.lock().unwrap_or_else(PoisonError::into_inner);
        slots.iter().find_map(|s| {
            let s = s.lock().unwrap_or_else(PoisonError::into_inner);
            s.busy
                .as_ref()
                .filter(|_| !s.abandoned)
                .map(|b| b.0.to_string_lossy().into_owned())
        })
    }
}

/// Reads one file; a panic inside the parser becomes the file's error.
fn read_isolated(job: &Job) -> ScannedFile {
    let read = catch_unwind(AssertUnwindSafe(|| {
        read_file(&job.path, job.cue.as_ref(), job.folder_cover.as_deref())
    }));
    let (tracks, error) = match read {
        Ok(Ok((tracks, warning))) => (tracks, warning),
        Ok(Err(error)) => (Vec::new(), Some(error)),
        Err(panic) => {
            let message = panic
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "unknown".into());
            (
                Vec::new(),
                Some(format!("the tag reader crashed on this file ({message})")),
            )
        }
    };
    ScannedFile {
        path: job.path.to_string_lossy().into_owned(),
        size: job.size,
        mtime_ns: job.mtime_ns,
        tracks,
        error,
    }
}

/// `nice` for the calling thread only (Linux keeps a nice value per thread). Failing
/// only means the work competes with the window at equal priority.
#[cfg(target_os = "linux")]
pub(crate) fn lower_priority(nice: i32) {
    // SAFETY: setpriority reads plain integers and touches no memory of ours.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, nice);
    }
}

#[cfg(not(target_os = "linux"))]
pub(crate) fn lower_priority(_nice: i32) {}
