//! Watching the library folders: what changes under them is told, a moment after it
//! settles, so that a scan of just those parts can follow.
//!
//! The kernel's notices (inotify, through `notify`) where they see every change; a look
//! every [`POLL_EVERY`] where they cannot: network shares, FUSE and FAT/exFAT drives
//! (changed from elsewhere, they send no notice), a folder that is not reachable (to see
//! it come back), or when the system's limit of watched folders is reached.
//!
//! The settling is ours rather than `notify-debouncer-mini`'s: that one passes on every
//! file opened (inotify's OPEN), and playing or measuring a track is not a change.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{ErrorKind, EventKind, PollWatcher, RecommendedWatcher, RecursiveMode, Watcher};

/// Changes are told once none came for this long…
pub const SETTLE: Duration = Duration::from_millis(250);
/// …or this long after the first, so a long copy shows up as it goes.
pub const AT_MOST: Duration = Duration::from_millis(1000);
/// How often a polled folder is looked at.
pub const POLL_EVERY: Duration = Duration::from_secs(1);
/// How often a folder that could not be watched at all is tried again.
const RETRY_EVERY: Duration = Duration::from_secs(5);

/// How a library folder is watched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Mode {
    /// The kernel tells of every change.
    Notified,
    /// Looked at every [`POLL_EVERY`]; why.
    Polled(String),
    /// Not watched (tried again every few seconds); why.
    Unwatched(String),
}

impl Mode {
    /// A line for Settings.
    pub fn describe(&self) -> String {
        match self {
            Mode::Notified => "Watched: changes appear within a second or two".to_owned(),
            Mode::Polled(why) => format!("Checked every {} s: {why}", POLL_EVERY.as_secs()),
            Mode::Unwatched(why) => format!("Not watched: {why}; use Rescan after changes"),
        }
    }
}

/// What the watcher tells.
#[derive(Debug, Clone, PartialEq)]
pub enum News {
    /// How each folder is watched: at the start and whenever it changes.
    Modes(Vec<(PathBuf, Mode)>),
    /// Paths changed (files or folders; added, changed, removed or renamed, from or to).
    Changed(Vec<PathBuf>),
}

/// A folder to watch: its path, and whether the library last found it reachable.
#[derive(Debug, Clone, Hash, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    pub reachable: bool,
}

/// Watching runs until this is dropped.
pub struct Watching {
    stop: Arc<AtomicBool>,
}

impl Drop for Watching {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

/// Watches `folders` on a thread of its own, telling `tell` (which returns false once
/// nobody listens) until the returned guard is dropped. `force_poll` polls every folder
/// (`LEITMOTIF_WATCH=poll`: for mounts that send notices but miss changes, and tests).
pub fn spawn(
    folders: Vec<Folder>,
    force_poll: bool,
    tell: impl FnMut(News) -> bool + Send + 'static,
) -> std::io::Result<Watching> {
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    std::thread::Builder::new()
        .name("leitmotif-watch".into())
        .spawn(move || run(folders, force_poll, &stopped, tell))?;
    Ok(Watching { stop })
}

/// Whether the environment asks for polling everywhere.
pub fn poll_asked() -> bool {
    std::env::var("LEITMOTIF_WATCH").is_ok_and(|v| v.eq_ignore_ascii_case("poll"))
}

struct Watchers {
    events: mpsc::Sender<notify::Result<notify::Event>>,
    notified: Option<RecommendedWatcher>,
    polled: Option<PollWatcher>,
    modes: Vec<(PathBuf, Mode)>,
}

impl Watchers {
    fn watch(&mut self, folder: &Folder, force_poll: bool) -> Mode {
        let why_poll = if force_poll {
            Some("polling was asked for (LEITMOTIF_WATCH=poll)".to_owned())
        } else if !folder.reachable {
            Some("not reachable now; checked until it comes back".to_owned())
        } else {
            silent_filesystem(&folder.path)
                .map(|fs| format!("on a {fs} filesystem, which sends no notice of changes made elsewhere"))
        };
        let Some(why) = why_poll else {
            return match self.notify(&folder.path) {
                Ok(()) => Mode::Notified,
                Err(e) if matches!(e.kind, ErrorKind::MaxFilesWatch) => {
                    self.unnotify(&folder.path);
                    self.poll(&folder.path, limit_reached())
                }
                Err(e) => self.poll(&folder.path, format!("the system could not watch it ({e})")),
            };
        };
        self.poll(&folder.path, why)
    }

    fn notify(&mut self, path: &Path) -> notify::Result<()> {
        if self.notified.is_none() {
            self.notified = Some(RecommendedWatcher::new(self.events.clone(), notify::Config::default())?);
        }
        match self.notified.as_mut() {
            Some(w) => w.watch(path, RecursiveMode::Recursive),
            None => Err(notify::Error::generic("no watcher")),
        }
    }

    fn unnotify(&mut self, path: &Path) {
        if let Some(w) = self.notified.as_mut() {
            let _ = w.unwatch(path);
        }
    }

    fn poll(&mut self, path: &Path, why: String) -> Mode {
        if self.polled.is_none() {
            let config = notify::Config::default().with_poll_interval(POLL_EVERY);
            match PollWatcher::new(self.events.clone(), config) {
                Ok(w) => self.polled = Some(w),
                Err(e) => return Mode::Unwatched(format!("{why}, and polling could not start ({e})")),
            }
        }
        match self.polled.as_mut().map(|w| w.watch(path, RecursiveMode::Recursive)) {
            Some(Ok(())) => Mode::Polled(why),
            Some(Err(e)) => Mode::Unwatched(format!("{why}, and it could not be read ({e})")),
            None => Mode::Unwatched(why),
        }
    }

    /// The watch limit was reached inside `path` (a folder added to a watched tree):
    /// that folder's tree is polled from now on.
    fn limit_reached_at(&mut self, path: &Path) -> bool {
        let Some(i) = self
            .modes
            .iter()
            .position(|(root, mode)| path.starts_with(root) && *mode == Mode::Notified)
        else {
            return false;
        };
        let root = self.modes[i].0.clone();
        self.unnotify(&root);
        self.modes[i].1 = self.poll(&root, limit_reached());
        true
    }
}

fn run(folders: Vec<Folder>, force_poll: bool, stop: &AtomicBool, mut tell: impl FnMut(News) -> bool) {
    let (events, received) = mpsc::channel();
    let mut watchers = Watchers {
        events,
        notified: None,
        polled: None,
        modes: Vec::new(),
    };
    for folder in &folders {
        let mode = watchers.watch(folder, force_poll);
        watchers.modes.push((folder.path.clone(), mode));
    }
    if !tell(News::Modes(watchers.modes.clone())) {
        return;
    }
    // A folder that came back (a drive plugged in again) between the library finding it
    // unreachable and this watch starting sends no notice: the poller's first look at
    // it already holds its files. Looked at whole now.
    let back: Vec<PathBuf> = folders
        .iter()
        .filter(|f| !f.reachable && has_entries(&f.path))
        .map(|f| f.path.clone())
        .collect();
    if !back.is_empty() && !tell(News::Changed(back)) {
        return;
    }
    let mut pending: BTreeSet<PathBuf> = BTreeSet::new();
    let mut first: Option<Instant> = None;
    let mut last = Instant::now();
    let mut retried = Instant::now();
    while !stop.load(Ordering::Acquire) {
        // Woken at least every quarter second to notice the stop.
        let wait = match first {
            Some(first) => (last + SETTLE)
                .min(first + AT_MOST)
                .saturating_duration_since(Instant::now()),
            None => SETTLE,
        };
        match received.recv_timeout(wait) {
            Ok(Ok(event)) => {
                if is_change(&event.kind) && !event.paths.is_empty() {
                    pending.extend(event.paths);
                    last = Instant::now();
                    first.get_or_insert(last);
                }
            }
            Ok(Err(e)) => {
                if matches!(e.kind, ErrorKind::MaxFilesWatch)
                    && e.paths.first().is_some_and(|p| watchers.limit_reached_at(p))
                    && !tell(News::Modes(watchers.modes.clone()))
                {
                    return;
                }
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return,
        }
        // Checked after every notice, not only when none comes: a stream of reads
        // (not changes) must not hold back the changes before it.
        if first.is_some_and(|f| last.elapsed() >= SETTLE || f.elapsed() >= AT_MOST) {
            first = None;
            if !tell(News::Changed(std::mem::take(&mut pending).into_iter().collect())) {
                return;
            }
        }
        if retried.elapsed() >= RETRY_EVERY {
            retried = Instant::now();
            if !retry_unwatched(&mut watchers, &folders, force_poll, &mut tell) {
                return;
            }
        }
    }
}

/// Folders that could not be watched at all are tried again; one that now can is
/// looked at whole (what changed meanwhile is not known).
fn retry_unwatched(
    watchers: &mut Watchers,
    folders: &[Folder],
    force_poll: bool,
    tell: &mut impl FnMut(News) -> bool,
) -> bool {
    let mut now_watched = Vec::new();
    for i in 0..watchers.modes.len() {
        if !matches!(watchers.modes[i].1, Mode::Unwatched(_)) {
            continue;
        }
        let Some(folder) = folders.iter().find(|f| f.path == watchers.modes[i].0) else {
            continue;
        };
        let mode = watchers.watch(folder, force_poll);
        if !matches!(mode, Mode::Unwatched(_)) {
            now_watched.push(folder.path.clone());
        }
        watchers.modes[i].1 = mode;
    }
    now_watched.is_empty() || (tell(News::Modes(watchers.modes.clone())) && tell(News::Changed(now_watched)))
}

/// Whether `path` is a folder that can be read and holds something (an unmounted
/// drive's mount point is empty).
fn has_entries(path: &Path) -> bool {
    std::fs::read_dir(path).is_ok_and(|mut entries| entries.next().is_some())
}

/// Opening, reading and closing unchanged are not changes (the player and the
/// analysis pass open every file they read).
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(notify::event::AccessKind::Close(notify::event::AccessMode::Write)) => true,
        EventKind::Access(_) | EventKind::Other => false,
        EventKind::Any | EventKind::Create(_) | EventKind::Modify(_) | EventKind::Remove(_) => true,
    }
}

fn limit_reached() -> String {
    let limit = std::fs::read_to_string("/proc/sys/fs/inotify/max_user_watches")
        .map(|s| format!(" (fs.inotify.max_user_watches = {})", s.trim()))
        .unwrap_or_default();
    format!(
        "the system's limit of watched folders is reached{limit}; raise it \
         (sysctl fs.inotify.max_user_watches) for changes to appear at once"
    )
}

/// The kind of filesystem `path` is on, when it is one whose changes made elsewhere
/// (another computer, another system) send no notice here.
#[cfg(target_os = "linux")]
fn silent_filesystem(path: &Path) -> Option<&'static str> {
    use std::os::unix::ffi::OsStrExt;
    let c_path = std::ffi::CString::new(path.as_os_str().as_bytes()).ok()?;
    let mut stat: libc::statfs = unsafe { std::mem::zeroed() };
    // SAFETY: a valid C string and a zeroed out-struct of the right type.
    if unsafe { libc::statfs(c_path.as_ptr(), &mut stat) } != 0 {
        return None;
    }
    // The f_type magic numbers of linux/magic.h (the field's width differs by target).
    #[allow(clippy::unnecessary_cast)]
    let kind = stat.f_type as u64 as u32;
    Some(match kind {
        0x6969 => "NFS",
        0x517B | 0xFF53_4D42 | 0xFE53_4D42 => "SMB",
        0x6573_5546 => "FUSE",
        0x4D44 => "FAT",
        0x2011_BAB0 => "exFAT",
        0x0102_1997 => "9p",
        0x00C3_6400 => "Ceph",
        0x7375_7245 => "Coda",
        0x5346_414F => "AFS",
        0x786F_4256 => "VirtualBox shared",
        _ => return None,
    })
}

#[cfg(not(target_os = "linux"))]
fn silent_filesystem(_path: &Path) -> Option<&'static str> {
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next(rx: &mpsc::Receiver<News>) -> News {
        rx.recv_timeout(Duration::from_secs(10)).expect("news within 10 s")
    }

    fn changes(rx: &mpsc::Receiver<News>, until: impl Fn(&[PathBuf]) -> bool) -> Vec<PathBuf> {
        let mut seen = Vec::new();
        while !until(&seen) {
            match next(rx) {
                News::Changed(paths) => seen.extend(paths),
                News::Modes(_) => {}
            }
        }
        seen
    }

    fn watch(dir: &Path, force_poll: bool) -> (Watching, mpsc::Receiver<News>) {
        watch_as(dir, force_poll, true)
    }

    fn watch_as(dir: &Path, force_poll: bool, reachable: bool) -> (Watching, mpsc::Receiver<News>) {
        let (tx, rx) = mpsc::channel();
        let folders = vec![Folder {
            path: dir.to_path_buf(),
            reachable,
        }];
        let guard = spawn(folders, force_poll, move |n| tx.send(n).is_ok()).expect("watch thread");
        (guard, rx)
    }

    #[test]
    fn a_file_added_is_told_and_a_file_read_is_not() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("old.flac"), b"x").unwrap();
        let (_guard, rx) = watch(dir.path(), false);
        assert_eq!(next(&rx), News::Modes(vec![(dir.path().to_path_buf(), Mode::Notified)]));
        let _ = std::fs::read(dir.path().join("old.flac")).unwrap();
        std::fs::create_dir(dir.path().join("Album")).unwrap();
        std::fs::write(dir.path().join("Album/01.flac"), b"x").unwrap();
        // The folder, or the file too: a file written before the watch on its new folder
        // is set is told as its folder (which a scan then lists whole).
        let seen = changes(&rx, |s| s.iter().any(|p| p.starts_with(dir.path().join("Album"))));
        assert!(
            !seen.iter().any(|p| p.ends_with("old.flac")),
            "a read is no change: {seen:?}"
        );
    }

    #[test]
    fn polling_tells_of_a_rename() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("A")).unwrap();
        std::fs::write(dir.path().join("A/01.flac"), b"x").unwrap();
        let (_guard, rx) = watch(dir.path(), true);
        assert!(matches!(next(&rx), News::Modes(m) if matches!(m[0].1, Mode::Polled(_))));
        std::fs::rename(dir.path().join("A"), dir.path().join("B")).unwrap();
        changes(&rx, |s| {
            s.iter().any(|p| p.ends_with("B/01.flac")) && s.iter().any(|p| p.ends_with("A/01.flac"))
        });
    }

    #[test]
    fn a_folder_back_before_its_watch_began_is_told_at_once() {
        // The library last found it unreachable; it was plugged in again since.
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("A")).unwrap();
        std::fs::write(dir.path().join("A/01.flac"), b"x").unwrap();
        let (_guard, rx) = watch_as(dir.path(), false, false);
        assert!(matches!(next(&rx), News::Modes(m) if matches!(m[0].1, Mode::Polled(_))));
        assert_eq!(next(&rx), News::Changed(vec![dir.path().to_path_buf()]));
        // Still unreachable (an empty mount point): nothing to tell.
        let empty = tempfile::tempdir().unwrap();
        let (_guard, rx) = watch_as(empty.path(), false, false);
        assert!(matches!(next(&rx), News::Modes(_)));
        assert!(rx.recv_timeout(Duration::from_millis(1500)).is_err());
    }

    #[test]
    fn a_missing_folder_is_said_not_watched() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("unplugged");
        let (_guard, rx) = watch(&gone, false);
        let News::Modes(modes) = next(&rx) else {
            panic!("modes first")
        };
        assert!(matches!(&modes[0].1, Mode::Unwatched(_) | Mode::Polled(_)), "{modes:?}");
    }
}
