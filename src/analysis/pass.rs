//! The library-wide pass: every track whose file is new or changed since it was last
//! measured is decoded once and measured; albums are measured whole (their loudness
//! is over all their tracks' blocks). Workers decode, one writer keeps each track as
//! it is done, so a kill loses at most the tracks in flight.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, mpsc};
use std::time::{Duration, Instant};

use serde::Serialize;

use super::loudness::{self, Measured};
use super::track::{self, Analysed, STOPPED};
use crate::library::cue::sectors_to_duration;
use crate::library::model::Library;
use crate::player::TrackSpec;
use crate::store::{AnalysisKey, AnalysisState, Store, TrackAnalysisRow};

/// One track to decode.
#[derive(Debug, Clone)]
pub struct Job {
    pub spec: TrackSpec,
    pub key: AnalysisKey,
    pub size: u64,
    pub mtime_ns: i64,
    /// Not measured at its file's present stamp: measured and kept. Otherwise it is
    /// decoded only for its album's loudness.
    pub fresh: bool,
    /// The track's length as its tags say (0 unknown): the longest are decoded first.
    pub duration_ms: u64,
}

/// An album to measure: its tracks in order.
#[derive(Debug, Clone)]
pub struct AlbumJob {
    pub tracks: Vec<Job>,
}

/// The albums with a track new, changed, or never measured with its album as it is
/// now. An album whose every track holds is left alone.
pub fn plan(library: &Library, state: &[AnalysisState]) -> Vec<AlbumJob> {
    let by_key: HashMap<(&str, u32), &AnalysisState> =
        state.iter().map(|s| ((s.path.as_str(), s.cue_index), s)).collect();
    let mut jobs = Vec::new();
    for album in &library.albums {
        let tracks: Vec<(&crate::library::model::Track, &AnalysisState)> = album
            .discs
            .iter()
            .flat_map(|d| &d.tracks)
            .filter_map(|&t| library.track(t))
            .filter_map(|t| {
                let path = t.path.to_str()?;
                by_key.get(&(path, t.fields.cue_index)).map(|s| (t, *s))
            })
            .collect();
        let measurable = tracks.iter().filter(|(_, s)| s.current && !s.failed).count() as u32;
        let holds = tracks
            .iter()
            .all(|(_, s)| s.current && (s.failed || s.album_tracks == Some(measurable)));
        if holds {
            continue;
        }
        let tracks = tracks
            .into_iter()
            // A track that failed at this stamp will fail again: not retried until it changes.
            .filter(|(_, s)| !(s.current && s.failed))
            .map(|(t, s)| Job {
                spec: TrackSpec {
                    path: t.path.clone(),
                    start: t.fields.cue_start.map(sectors_to_duration),
                    end: t.fields.cue_end.map(sectors_to_duration),
                    fade: false,
                },
                key: (s.path.clone(), s.cue_index),
                size: s.size,
                mtime_ns: s.mtime_ns,
                fresh: !s.current,
                duration_ms: t.fields.duration_ms.unwrap_or(0),
            })
            .collect();
        jobs.push(AlbumJob { tracks });
    }
    jobs
}

/// Shared with whoever started the pass: pause it (a scan runs), hold it while the
/// window is in use, or stop it.
#[derive(Debug)]
pub struct Control {
    pub pause: AtomicBool,
    pub stop: AtomicBool,
    epoch: Instant,
    /// Milliseconds after `epoch` before which the workers wait.
    quiet_from: AtomicU64,
}

impl Default for Control {
    fn default() -> Self {
        Self {
            pause: AtomicBool::new(false),
            stop: AtomicBool::new(false),
            epoch: Instant::now(),
            quiet_from: AtomicU64::new(0),
        }
    }
}

/// How long the pass holds after the window was last used.
const HOLD_AFTER_USE: Duration = Duration::from_millis(1000);

impl Control {
    /// The window was used (a key, the pointer, a click): the workers hold for a
    /// moment, so that what the person does next has the machine to itself.
    pub fn touch(&self) {
        let until = (self.epoch.elapsed() + HOLD_AFTER_USE).as_millis() as u64;
        self.quiet_from.fetch_max(until, Ordering::Relaxed);
    }

    /// Whether the workers are holding now.
    pub fn holding(&self) -> bool {
        self.pause.load(Ordering::Relaxed)
            || (self.epoch.elapsed().as_millis() as u64) < self.quiet_from.load(Ordering::Relaxed)
    }

    /// Waits while paused or held; `false` once stopped.
    fn go_on(&self) -> bool {
        while self.holding() && !self.stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(50));
        }
        !self.stop.load(Ordering::Relaxed)
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Progress {
    /// Tracks decoded, of `total`.
    pub done: usize,
    pub total: usize,
    /// Tracks measured and kept (the rest were decoded again for their album only).
    pub measured: usize,
    /// Tracks that could not be decoded.
    pub failed: usize,
    pub albums: usize,
}

#[derive(Debug, Clone, Copy)]
pub struct PassOptions {
    pub threads: usize,
    /// SCHED_IDLE (else nice 19) for the workers, nice 19 for the writer: the window
    /// and the playback always come first.
    pub low_priority: bool,
}

impl PassOptions {
    /// All cores but one, at low priority: what the window runs in the background.
    pub fn background() -> Self {
        let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
        Self {
            threads: cores.saturating_sub(1).max(1),
            low_priority: true,
        }
    }
}

/// One track decoded: its row to keep (new or changed, or failing now), and its meter
/// for its album's loudness.
struct Done {
    album: usize,
    /// Its place in the album: the album's meters are summed in track order, so its
    /// loudness is the same to the last bit whichever worker finishes first.
    place: usize,
    key: AnalysisKey,
    row: Option<Box<TrackAnalysisRow>>,
    measured: Option<Measured>,
}

/// An album whose tracks are being decoded: what is still out, and the meters in.
struct OpenAlbum {
    left: usize,
    measured: Vec<(usize, AnalysisKey, Measured)>,
}

/// Measures `jobs` with `options.threads` workers, a track each at a time (so one
/// album uses every worker too), keeping each result in `store` as it comes and each
/// album once its last track is in. `progress` hears after each track. Returns what
/// was done; an error only when the store cannot be written (the pass stops then).
pub fn run(
    store: &mut Store,
    jobs: Vec<AlbumJob>,
    options: PassOptions,
    control: Arc<Control>,
    mut progress: impl FnMut(&Progress),
) -> Result<Progress, String> {
    let mut p = Progress {
        total: jobs.iter().map(|a| a.tracks.len()).sum(),
        ..Progress::default()
    };
    if options.low_priority {
        // The writer too: its SQLite writes wait for the window like the decoding.
        crate::library::scan::lower_priority(19);
    }
    progress(&p);
    let mut open: HashMap<usize, OpenAlbum> = HashMap::new();
    let mut queue = VecDeque::with_capacity(p.total);
    for (album, job) in jobs.into_iter().enumerate() {
        open.insert(
            album,
            OpenAlbum {
                left: job.tracks.len(),
                measured: Vec::new(),
            },
        );
        // An album's longest tracks first: the workers then finish it together, where
        // in track order a long last track ran alone (Wesnoth's 13-track score on two
        // workers: 1,101 s of audio on the busier one against 1,045). Albums stay in
        // turn, so each is kept, and its meters let go, as soon as it can be.
        let mut tracks: Vec<_> = job.tracks.into_iter().enumerate().collect();
        tracks.sort_by_key(|(_, t)| std::cmp::Reverse(t.duration_ms));
        queue.extend(tracks.into_iter().map(|(place, t)| (album, place, t)));
    }
    let queue = Arc::new(Mutex::new(queue));
    let (tx, rx) = mpsc::channel::<Done>();
    let mut workers = Vec::new();
    for n in 0..options.threads.max(1) {
        let (queue, tx, control) = (queue.clone(), tx.clone(), control.clone());
        let spawned = std::thread::Builder::new()
            .name(format!("leitmotif-analysis-{n}"))
            .spawn(move || {
                if options.low_priority {
                    idle_priority();
                }
                loop {
                    let job = queue.lock().ok().and_then(|mut q| q.pop_front());
                    let Some((album, place, job)) = job else { break };
                    let Some(done) = measure_track(album, place, job, &control) else {
                        break;
                    };
                    if tx.send(done).is_err() {
                        break;
                    }
                }
            });
        match spawned {
            Ok(handle) => workers.push(handle),
            Err(e) if workers.is_empty() => return Err(format!("the analysis could not start: {e}")),
            Err(_) => break,
        }
    }
    drop(tx);
    let mut failure = None;
    for done in rx {
        p.done += 1;
        let mut kept = match &done.row {
            Some(row) => {
                p.measured += 1;
                p.failed += usize::from(row.error.is_some());
                store.save_track_analysis(row)
            }
            None => Ok(()),
        };
        if let Some(album) = open.get_mut(&done.album) {
            album.left -= 1;
            if let Some(m) = done.measured {
                album.measured.push((done.place, done.key, m));
            }
            if album.left == 0
                && let Some(mut album) = open.remove(&done.album)
            {
                album.measured.sort_by_key(|(place, ..)| *place);
                let (keys, meters): (Vec<AnalysisKey>, Vec<Measured>) =
                    album.measured.into_iter().map(|(_, k, m)| (k, m)).unzip();
                if let Some(loudness) = loudness::album(&meters)
                    && kept.is_ok()
                {
                    p.albums += 1;
                    let lufs = loudness.integrated_lufs.is_finite().then_some(loudness.integrated_lufs);
                    kept = store.save_album_analysis(&keys, lufs, loudness.true_peak);
                }
            }
        }
        if let Err(e) = kept {
            failure = Some(e.to_string());
            control.stop.store(true, Ordering::Relaxed);
            break;
        }
        progress(&p);
    }
    for w in workers {
        let _ = w.join();
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(p),
    }
}

/// Decodes and measures one track; `None` once the pass is stopped.
fn measure_track(album: usize, place: usize, job: Job, control: &Control) -> Option<Done> {
    let go_on = || control.go_on();
    // The decoder's own panics are errors already; this catches the rest (the meters),
    // so one file never ends a worker and, with it, the pass.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        track::analyse_gated(&job.spec, job.fresh, &go_on)
    }))
    .unwrap_or_else(|panic| {
        Err(format!(
            "the analysis crashed on this file ({})",
            crate::player::panic_text(&*panic)
        ))
    });
    if matches!(&result, Err(e) if e == STOPPED) {
        return None;
    }
    // A track measured before that fails now (changed in place, a disk error) is kept
    // as failing: else its album would wait for it at every pass.
    let row = (job.fresh || result.is_err()).then(|| Box::new(row(&job, &result)));
    Some(Done {
        album,
        place,
        key: job.key,
        row,
        measured: result.ok().map(|a| a.measured),
    })
}

fn row(job: &Job, result: &Result<Analysed, String>) -> TrackAnalysisRow {
    let mut row = TrackAnalysisRow {
        path: job.key.0.clone(),
        cue_index: job.key.1,
        size: job.size,
        mtime_ns: job.mtime_ns,
        ..TrackAnalysisRow::default()
    };
    match result {
        Ok(a) => {
            let l = &a.measured.loudness;
            row.integrated_lufs = l.integrated_lufs.is_finite().then_some(l.integrated_lufs);
            row.range_lu = Some(l.range_lu);
            row.true_peak = Some(l.true_peak);
            row.sample_peak = Some(l.sample_peak);
            row.waveform = a.waveform.to_bytes();
            row.chroma = a.chroma.to_bytes();
        }
        Err(e) => row.error = Some(e.clone()),
    }
    row
}

/// The calling thread runs only when nothing else wants the CPU (Linux SCHED_IDLE),
/// else at nice 19: the window and the playback always come first.
fn idle_priority() {
    #[cfg(target_os = "linux")]
    {
        let param = libc::sched_param { sched_priority: 0 };
        // SAFETY: changes the calling thread's policy; reads only `param`.
        let idle = unsafe { libc::sched_setscheduler(0, libc::SCHED_IDLE, &param) } == 0;
        if idle {
            return;
        }
    }
    crate::library::scan::lower_priority(19);
}
