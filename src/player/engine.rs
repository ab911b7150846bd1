//! The engine thread: owns the output, the queue and the decoders being prepared.
//! Callers send [`Command`]s and read [`Event`]s; nothing here blocks them.

use std::collections::{HashMap, VecDeque};
use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use super::command::{Command, Event, Repeat, TrackSpec};
use super::decode::{Decoder, TrackInfo};
use super::error::EngineError;
use super::format::StreamFormat;
use super::output::{self, Opened, Output};
use super::queue::{Queue, QueueIdx};
use super::queue_source::{AudioEvent, Prepared, Shared};
use super::replay_gain::{GainBook, ReplayGainSettings, db_to_amplitude};

mod audio_events;
mod bit_perfect;
mod commands;
mod opening;
mod stream;

use stream::DEVICE_RETRY;

/// Position events while playing: 10 a second, smooth for a seek bar and no more
/// redraws than the window needs. Also the engine's tick while a stream runs.
const POSITION_INTERVAL: Duration = Duration::from_millis(100);
/// "Previous" restarts the track instead when this far into it.
const RESTART_THRESHOLD: Duration = Duration::from_secs(3);
/// The fades at both ends of a cut from a longer track (a theme reel's segments).
const CUT_FADE: Duration = Duration::from_millis(60);

enum Input {
    Command(Command),
    Audio { generation: u64, event: AudioEvent },
    DeviceError { generation: u64, reason: String },
}

/// A handle on the engine thread. Dropping it stops playback and joins the thread.
pub struct Engine {
    tx: Sender<Input>,
    thread: Option<JoinHandle<()>>,
}

impl Engine {
    /// Starts the engine thread and finds the output on it. Fails with
    /// [`EngineError::NoDevice`] when there is no usable output device. No stream runs
    /// until something plays.
    pub fn start(output: Output) -> Result<(Engine, Receiver<Event>), EngineError> {
        let (tx, rx) = mpsc::channel();
        let (events_tx, events_rx) = mpsc::channel();
        let (ready_tx, ready_rx) = mpsc::sync_channel(1);
        let worker_tx = tx.clone();
        let thread = std::thread::Builder::new()
            .name("leitmotif-engine".into())
            .spawn(move || match output::open(&output, None) {
                Ok(opened) => {
                    let worker = Worker::new(output, Some(opened), worker_tx, events_tx);
                    let _ = ready_tx.send(Ok(()));
                    worker.run(rx);
                }
                Err(reason) => {
                    let _ = ready_tx.send(Err(reason));
                }
            })?;
        match ready_rx.recv() {
            Ok(Ok(())) => Ok((
                Engine {
                    tx,
                    thread: Some(thread),
                },
                events_rx,
            )),
            Ok(Err(reason)) => {
                let _ = thread.join();
                Err(EngineError::NoDevice(reason))
            }
            Err(_) => Err(EngineError::NoDevice(
                "the playback thread stopped while opening the output".into(),
            )),
        }
    }

    /// Starts the engine whether or not there is an output device now: without one,
    /// it says so (`Event::NoDevice`), and whatever is played starts once a device
    /// appears. A lost device is waited for as long as it takes.
    pub fn start_waiting(output: Output) -> Result<(Engine, Receiver<Event>), EngineError> {
        let (tx, rx) = mpsc::channel();
        let (events_tx, events_rx) = mpsc::channel();
        let worker_tx = tx.clone();
        let thread = std::thread::Builder::new()
            .name("leitmotif-engine".into())
            .spawn(move || {
                let (opened, missing) = match output::open(&output, None) {
                    Ok(opened) => (Some(opened), None),
                    Err(reason) => (None, Some(reason)),
                };
                let mut worker = Worker::new(output, opened, worker_tx, events_tx);
                worker.wait_for_device = true;
                if let Some(reason) = missing {
                    worker.emit(Event::NoDevice { reason });
                }
                worker.run(rx);
            })?;
        Ok((
            Engine {
                tx,
                thread: Some(thread),
            },
            events_rx,
        ))
    }

    /// Sends a command. Never blocks; a command sent after the engine stopped is dropped.
    pub fn send(&self, command: Command) {
        let _ = self.tx.send(Input::Command(command));
    }
}

impl Drop for Engine {
    fn drop(&mut self) {
        let _ = self.tx.send(Input::Command(Command::Shutdown));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Where playback resumes once a stream runs again.
#[derive(Debug, Clone, Copy)]
struct Resume {
    index: QueueIdx,
    position: Duration,
}

struct Lost {
    resume: Option<Resume>,
    since: Instant,
}

struct Worker {
    output: Output,
    /// The device found (for a sound server, the connection to it); `None` after it
    /// failed, until it is found again.
    opened: Option<Opened>,
    /// A stream runs with the current source.
    running: bool,
    stream_started: Instant,
    inputs: Sender<Input>,
    events: Sender<Event>,
    shared: Arc<Shared>,
    /// Bumped whenever the engine replaces what the audio thread plays, so audio events
    /// and device errors from before the change are recognised and dropped.
    generation: u64,
    queue: Queue,
    /// Infos of the tracks loaded in the audio thread (current and next), by item id.
    loaded: HashMap<u64, TrackInfo>,
    next_item: Option<u64>,
    playing: bool,
    paused: bool,
    paused_since: Instant,
    /// The stream was closed (a long pause, a lost device): play resumes here.
    parked: Option<Resume>,
    /// The next stream picks up mid-track, so it fades in.
    fade_in: bool,
    /// What was heard when pause was pressed: play picks up there (the fade-out after
    /// it is heard again, not skipped).
    paused_at: Option<Resume>,
    volume: f32,
    replay_gain: ReplayGainSettings,
    gain_book: Arc<GainBook>,
    repeat: Repeat,
    device_lost: Option<Lost>,
    /// Each track goes to the device in its own format, untouched (see `bit_perfect.rs`).
    bit_perfect: bool,
    /// The format the output was opened for (a track's own, under bit-perfect).
    want: Option<StreamFormat>,
    /// Under bit-perfect, the next track needs another format: it starts once the
    /// current one has been heard to its end, on a stream reopened for it.
    format_break: Option<QueueIdx>,
    /// Threads asking the sound server how its sink runs: waited for before the engine
    /// ends, so none is still inside the sound server's library as the process exits.
    sink_checks: Vec<JoinHandle<()>>,
    /// Never give up on a lost or missing device (the window's engine): play starts or
    /// goes on as soon as one is there.
    wait_for_device: bool,
    last_retry: Instant,
    last_position: Instant,
    /// Events the audio thread caused, held until the listener hears them (by output frame).
    deferred: VecDeque<(u64, Event)>,
    /// The queue ran out at this output frame; the stream closes once it is heard.
    draining: Option<(u64, Instant)>,
}

impl Worker {
    fn new(output: Output, opened: Option<Opened>, inputs: Sender<Input>, events: Sender<Event>) -> Self {
        let rate = opened.as_ref().map_or(44_100, |o| o.sample_rate);
        let mut worker = Self {
            output,
            opened,
            wait_for_device: false,
            running: false,
            stream_started: Instant::now(),
            inputs,
            events,
            shared: Shared::new(1.0, false, rate),
            generation: 0,
            queue: Queue::default(),
            loaded: HashMap::new(),
            next_item: None,
            playing: false,
            paused: false,
            paused_since: Instant::now(),
            parked: None,
            fade_in: false,
            paused_at: None,
            volume: 1.0,
            replay_gain: ReplayGainSettings::default(),
            gain_book: Arc::default(),
            repeat: Repeat::Off,
            device_lost: None,
            bit_perfect: false,
            want: None,
            format_break: None,
            sink_checks: Vec::new(),
            last_retry: Instant::now(),
            last_position: Instant::now(),
            deferred: VecDeque::new(),
            draining: None,
        };
        worker.emit_output();
        worker
    }

    fn run(mut self, rx: Receiver<Input>) {
        loop {
            let timeout = if self.device_lost.is_some() {
                DEVICE_RETRY.saturating_sub(self.last_retry.elapsed())
            } else if self.running {
                POSITION_INTERVAL.saturating_sub(self.last_position.elapsed())
            } else {
                Duration::from_secs(3600)
            };
            match rx.recv_timeout(timeout) {
                Ok(Input::Command(Command::Shutdown)) | Err(RecvTimeoutError::Disconnected) => break,
                Ok(Input::Command(c)) => self.command(c),
                Ok(Input::Audio { generation, event }) if generation == self.generation => self.audio(event),
                Ok(Input::Audio { .. }) => {}
                Ok(Input::DeviceError { generation, reason }) => {
                    if generation == self.generation {
                        self.lose_device(reason);
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
            }
            self.tick();
        }
        // Stop the audio before the output closes.
        self.silence();
        self.release();
        for check in self.sink_checks.drain(..) {
            let _ = check.join();
        }
    }

    /// Empties the audio thread: nothing current, nothing next.
    fn silence(&self) {
        self.shared.edit(|s| {
            s.replace = Some(None);
            s.next = None;
            s.next_pending = false;
        });
    }

    fn emit(&self, event: Event) {
        let _ = self.events.send(event);
    }

    fn start_at(&mut self, index: QueueIdx, position: Duration, paused: bool) {
        self.fade_in = false;
        let Some((index, info)) = self.load_at(index, position, paused) else {
            // The output failed just as the track began: it has begun all the same, and
            // plays once the output is back (or pauses with DeviceFailed).
            if self.device_lost.is_some()
                && let Some(at) = self.parked
                && let Some(info) = self.queue.get(at.index).and_then(|i| self.loaded.get(&i.id)).cloned()
            {
                self.emit_started(at.index, &info);
            }
            return;
        };
        if let Some(info) = &info {
            self.emit_started(index, info);
        }
        if position > Duration::ZERO {
            self.emit(Event::Seeked { index, position });
        }
        self.emit(Event::Position {
            index,
            position,
            duration: info.and_then(|i| i.duration),
        });
    }

    /// Opens the queue item at `index` (or the first playable after it) at `position`
    /// and hands it to a running stream. Ends the queue when nothing is playable; loses
    /// the device (to retry) when no stream can run. Returns what it loaded.
    fn load_at(&mut self, index: QueueIdx, position: Duration, paused: bool) -> Option<(QueueIdx, Option<TrackInfo>)> {
        self.loaded.clear();
        self.parked = None;
        self.paused_at = None;
        let Some((index, prepared)) = self.open_from(index, position) else {
            self.stop();
            self.emit(Event::QueueEnded);
            return None;
        };
        let info = self.loaded.get(&prepared.item).cloned();
        self.queue.set_current(Some(index));
        self.paused = paused;
        self.paused_since = Instant::now();
        self.playing = true;
        if paused {
            // Nothing to hear yet: the stream opens when play is pressed.
            self.release();
            self.parked = Some(Resume { index, position });
            return Some((index, info));
        }
        if let Some(info) = &info {
            self.follow_format(info);
        }
        if let Err(reason) = self.ensure_running() {
            self.parked = Some(Resume { index, position });
            self.lose_device(reason);
            return None;
        }
        self.draining = None;
        self.shared.set_paused(paused);
        self.shared.announce(Some(prepared.item), position);
        self.shared.edit(|s| {
            s.replace = Some(Some(prepared));
            s.next = None;
            s.next_pending = true;
        });
        self.next_item = None;
        self.last_position = Instant::now();
        self.prepare_next();
        Some((index, info))
    }

    fn emit_started(&self, index: QueueIdx, info: &TrackInfo) {
        if let Some(event) = self.started_event(index, info) {
            self.emit(event);
        }
    }

    fn started_event(&self, index: QueueIdx, info: &TrackInfo) -> Option<Event> {
        let item = self.queue.get(index)?;
        Some(Event::TrackStarted {
            index,
            path: item.value.path.clone(),
            duration: info.duration,
            sample_rate: info.sample_rate,
            channels: info.channels,
            gain_db: self.replay_gain.gain_db(&info.gain_tags) + info.header_gain_db,
        })
    }

    /// Opens the track that follows the current one and hands it to the audio thread,
    /// long before the current one ends: this is what makes playback gapless.
    fn prepare_next(&mut self) {
        let following = self.queue.current().and_then(|c| self.queue.following(c, self.repeat));
        self.format_break = None;
        let prepared = following
            .and_then(|i| self.open_from(i, Duration::ZERO))
            .and_then(|(index, p)| self.joinable(index, p));
        self.next_item = prepared.as_ref().map(|p| p.item).or_else(|| {
            let index = self.format_break?;
            self.queue.get(index).map(|i| i.id)
        });
        let current_item = self.queue.current().and_then(|c| self.queue.get(c)).map(|i| i.id);
        let next_item = self.next_item;
        self.loaded
            .retain(|id, _| Some(*id) == current_item || Some(*id) == next_item);
        self.shared.edit(|s| {
            s.next = prepared;
            s.next_pending = false;
        });
    }

    /// After a queue edit: re-prepare if the next track is no longer the one loaded.
    fn refresh_next(&mut self) {
        if !self.playing {
            return;
        }
        let wanted = self
            .queue
            .current()
            .and_then(|c| self.queue.following(c, self.repeat))
            .and_then(|i| self.queue.get(i))
            .map(|i| i.id);
        if wanted != self.next_item || wanted.is_none() {
            self.shared.edit(|s| s.next_pending = true);
            self.prepare_next();
        }
    }

    fn set_paused(&mut self, paused: bool) {
        if !self.playing || self.paused == paused {
            return;
        }
        if !paused && let Some(at) = self.parked {
            // The stream was closed during the pause: open it again where it stopped.
            self.fade_in = at.position > Duration::ZERO;
            if self.load_at(at.index, at.position, false).is_some() {
                self.emit(Event::Resumed { position: at.position });
            }
            return;
        }
        self.paused = paused;
        self.paused_since = Instant::now();
        self.shared.set_paused(paused);
        self.paused_at = None;
        let point = self.resume_point();
        self.paused_at = point.filter(|_| paused);
        let position = point.map_or(Duration::ZERO, |r| r.position);
        self.emit(if paused {
            Event::Paused { position }
        } else {
            Event::Resumed { position }
        });
        self.last_position = Instant::now();
    }

    fn stop(&mut self) {
        self.format_break = None;
        self.silence();
        self.release();
        self.loaded.clear();
        self.next_item = None;
        self.parked = None;
        self.device_lost = None;
        if self.playing {
            self.playing = false;
            self.emit(Event::Stopped);
        }
    }

    fn seek(&mut self, position: Duration) {
        let Some(index) = self.queue.current().filter(|_| self.playing) else {
            return;
        };
        let Some(item) = self.queue.get(index).cloned() else {
            return;
        };
        if let Some(parked) = self.parked.as_mut().filter(|_| !self.running) {
            // No stream (a long pause, a lost device): play resumes from the new place.
            parked.position = position;
            self.emit(Event::Seeked { index, position });
            return;
        }
        match self.open_spec(&item.value, position) {
            Ok(decoder) => {
                let gain = self.loaded.get(&item.id).map_or(1.0, |info| self.gain(info));
                let position = decoder.position();
                self.shared.announce(Some(item.id), position);
                self.shared.edit(|s| {
                    s.replace = Some(Some(Prepared {
                        item: item.id,
                        decoder,
                        gain,
                    }))
                });
                if self.paused {
                    // A seek while paused moves where play picks up.
                    self.paused_at = Some(Resume { index, position });
                }
                self.emit(Event::Seeked { index, position });
                self.emit(Event::Position {
                    index,
                    position,
                    duration: self.loaded.get(&item.id).and_then(|i| i.duration),
                });
                self.last_position = Instant::now();
            }
            Err(e) => self.emit(Event::Error {
                path: e.path,
                reason: e.reason,
            }),
        }
    }
}
