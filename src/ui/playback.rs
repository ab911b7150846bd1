//! The window's side of playback: a link to the engine thread and a mirror of its queue
//! (the engine's own `Queue` type, holding the window's entries), kept in step by
//! applying the same edits the engine is told to make.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::Sender;
use std::time::Duration;

use crate::library::cue::sectors_to_duration;
use crate::library::model::{Library, TrackIdx};
use crate::player::{Command, Engine, Event, Queue, QueueIdx, Repeat, TrackSpec};
use crate::store::TrackFields;

/// Where commands go: the engine, a recorder (tests), or nowhere (no audio device).
pub enum Link {
    Engine(Engine),
    Recorder(Sender<Command>),
    Offline,
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueueEntry {
    /// Index into the library's tracks; `None` for a file played from outside the library.
    pub track: Option<TrackIdx>,
    pub spec: TrackSpec,
    /// Position in the order the queue was built in, so shuffle can be undone.
    pub order: usize,
    /// The file's own tags, for a file outside the library (read off the window's
    /// thread once it is queued).
    pub file: Option<Arc<TrackFields>>,
    /// The length the library or the file's tags give, until the engine measures it.
    pub known_length: Option<Duration>,
}

impl QueueEntry {
    pub fn from_track(library: &Library, track: TrackIdx) -> Option<Self> {
        let t = library.track(track)?;
        Some(Self {
            track: Some(track),
            spec: TrackSpec {
                path: t.path.clone(),
                start: t.fields.cue_start.map(sectors_to_duration),
                end: t.fields.cue_end.map(sectors_to_duration),
                fade: false,
            },
            order: 0,
            file: None,
            known_length: t.fields.duration_ms.map(Duration::from_millis),
        })
    }

    pub fn title(&self, library: &Library) -> String {
        if let Some(t) = self.track.and_then(|t| library.track(t)) {
            return t.title();
        }
        match self.file.as_deref().and_then(|f| f.title.as_deref()) {
            Some(title) => title.to_owned(),
            None => self
                .spec
                .path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default(),
        }
    }

    /// Its tags: the library's, else those read from the file.
    pub fn fields<'a>(&'a self, library: &'a Library) -> Option<&'a TrackFields> {
        match self.track.and_then(|t| library.track(t)) {
            Some(t) => Some(&t.fields),
            None => self.file.as_deref(),
        }
    }
}

/// The volume of a first start, and of unmuting what the slider silenced.
const DEFAULT_UNMUTED: f32 = 0.8;

pub struct Playback {
    link: Link,
    /// No output device yet (why): the engine plays as soon as one appears.
    pub no_device: Option<String>,
    queue: Queue<QueueEntry>,
    pub playing: bool,
    pub paused: bool,
    pub position: Duration,
    /// The engine's measured length and the entry it was measured for: once another
    /// entry is current (one that failed to open, say), that length is not its own.
    measured: Option<(TrackSpec, Duration)>,
    pub volume: f32,
    /// The volume before muting, while muted.
    unmuted: Option<f32>,
    pub repeat: Repeat,
    pub shuffle: bool,
    /// Bit-perfect output is chosen: no volume, the bar shows the stream's format.
    pub bit_perfect: bool,
    /// The stream as the engine last opened it.
    pub output_format: Option<OutputFormat>,
    /// The queue holds what the user put together (added to, reordered, trimmed), not
    /// just a list played: replacing it is worth an undo.
    hand_built: bool,
}

/// An output stream's format, as the now-playing bar tells it.
#[derive(Debug, Clone, PartialEq)]
pub struct OutputFormat {
    /// "96 kHz · 24-bit"
    pub label: String,
    /// It carries the track's own samples, untouched.
    pub bit_perfect: bool,
    /// Why not, when bit-perfect was asked for.
    pub note: Option<String>,
}

/// A queue as it was, to bring it back.
#[derive(Debug, Clone)]
pub struct SavedQueue {
    pub entries: Vec<QueueEntry>,
    pub current: usize,
    pub position: Duration,
    pub paused: bool,
}

impl Playback {
    pub fn new(link: Link) -> Self {
        Self {
            link,
            no_device: None,
            bit_perfect: false,
            output_format: None,
            queue: Queue::default(),
            playing: false,
            paused: false,
            position: Duration::ZERO,
            measured: None,
            volume: DEFAULT_UNMUTED,
            unmuted: None,
            repeat: Repeat::Off,
            shuffle: false,
            hand_built: false,
        }
    }

    /// The queue the user put together, if that is what it holds.
    pub fn hand_built(&self) -> Option<SavedQueue> {
        (self.hand_built && !self.queue.is_empty()).then(|| SavedQueue {
            entries: self.entries().cloned().collect(),
            current: self.current().map_or(0, |c| c.0),
            position: self.position,
            paused: self.paused || !self.playing,
        })
    }

    /// Brings back a replaced queue as it was: its order, its track and position.
    pub fn restore(&mut self, saved: SavedQueue) {
        let shuffle = std::mem::replace(&mut self.shuffle, false);
        self.play(saved.entries, saved.current, saved.position, saved.paused);
        self.shuffle = shuffle;
        self.hand_built = true;
    }

    pub fn is_offline(&self) -> bool {
        matches!(self.link, Link::Offline)
    }

    fn send(&self, command: Command) {
        match &self.link {
            Link::Engine(engine) => engine.send(command),
            Link::Recorder(tx) => {
                let _ = tx.send(command);
            }
            Link::Offline => {}
        }
    }

    /// What the media controls show of playback, cheap to compare: whether a message
    /// changed any of it.
    pub fn stamp(&self) -> (usize, Option<QueueIdx>, bool, bool, u32, Repeat, bool, Duration) {
        (
            self.len(),
            self.current(),
            self.playing,
            self.paused,
            self.volume.to_bits(),
            self.repeat,
            self.shuffle,
            self.position,
        )
    }

    /// The queue's entries in order.
    pub fn entries(&self) -> impl ExactSizeIterator<Item = &QueueEntry> {
        self.queue.values()
    }

    /// The entries, to update in place (after the library is rebuilt).
    pub fn entries_mut(&mut self) -> impl Iterator<Item = &mut QueueEntry> {
        self.queue.values_mut()
    }

    pub fn entry(&self, index: QueueIdx) -> Option<&QueueEntry> {
        self.queue.get(index).map(|i| &i.value)
    }

    pub fn len(&self) -> usize {
        self.queue.len()
    }

    pub fn is_empty(&self) -> bool {
        self.queue.is_empty()
    }

    /// The index of the current entry.
    pub fn current(&self) -> Option<QueueIdx> {
        self.queue.current()
    }

    /// The current entry's length: as the engine measured it, else as the library or
    /// the file's tags know it; never another entry's.
    pub fn duration(&self) -> Option<Duration> {
        let entry = self.current_entry()?;
        match &self.measured {
            Some((spec, d)) if *spec == entry.spec => Some(*d),
            _ => entry.known_length,
        }
    }

    fn measure(&mut self, duration: Option<Duration>) {
        let spec = self.current_entry().map(|e| e.spec.clone());
        self.measured = spec.zip(duration);
    }

    pub fn current_entry(&self) -> Option<&QueueEntry> {
        self.current().and_then(|c| self.entry(c))
    }

    pub fn current_track(&self) -> Option<TrackIdx> {
        self.current_entry().and_then(|e| e.track)
    }

    /// Replaces the queue and plays `start` (paused at `position` when restoring).
    pub fn play(&mut self, mut entries: Vec<QueueEntry>, start: usize, position: Duration, paused: bool) {
        if entries.is_empty() {
            return;
        }
        for (i, e) in entries.iter_mut().enumerate() {
            e.order = i;
        }
        let start = QueueIdx(start.min(entries.len() - 1));
        self.send(Command::Play {
            queue: entries.iter().map(|e| e.spec.clone()).collect(),
            start,
            position,
            paused,
        });
        self.queue.replace(entries);
        self.queue.set_current(Some(start));
        self.position = position;
        self.paused = paused;
        self.playing = true;
        self.hand_built = false;
        if self.shuffle {
            self.shuffle_upcoming();
        }
    }

    /// Entries added to the queue come after everything in the built order.
    fn numbered(&self, entries: Vec<QueueEntry>) -> Vec<QueueEntry> {
        // Past every order in use, so each entry's order (also its MPRIS track id) is unique.
        let base = self.entries().map(|e| e.order + 1).max().unwrap_or(0);
        entries
            .into_iter()
            .enumerate()
            .map(|(i, e)| QueueEntry { order: base + i, ..e })
            .collect()
    }

    pub fn append(&mut self, entries: Vec<QueueEntry>) {
        if self.queue.is_empty() {
            self.play(entries, 0, Duration::ZERO, false);
            self.hand_built = true;
            return;
        }
        self.hand_built = true;
        let entries = self.numbered(entries);
        self.send(Command::Append(entries.iter().map(|e| e.spec.clone()).collect()));
        self.queue.append(entries);
    }

    pub fn insert_next(&mut self, entries: Vec<QueueEntry>) {
        if self.queue.is_empty() {
            self.play(entries, 0, Duration::ZERO, false);
            self.hand_built = true;
            return;
        }
        self.hand_built = true;
        let entries = self.numbered(entries);
        self.send(Command::InsertNext(entries.iter().map(|e| e.spec.clone()).collect()));
        self.queue.insert_next(entries);
    }

    pub fn toggle_pause(&mut self) {
        if self.queue.is_empty() {
            return;
        }
        self.send(Command::TogglePause);
        if self.playing {
            self.paused = !self.paused;
        }
    }

    /// Stops but keeps the queue; playing again starts the current track over.
    pub fn stop(&mut self) {
        if self.playing {
            self.send(Command::Stop);
            self.playing = false;
            self.paused = false;
            self.position = Duration::ZERO;
        }
    }

    /// Plays: resumes when paused, restarts the current (or first) track when stopped.
    pub fn resume(&mut self) {
        if self.playing {
            if self.paused {
                self.toggle_pause();
            }
        } else if !self.queue.is_empty() {
            self.jump_to(self.current().unwrap_or_default());
        }
    }

    pub fn next(&mut self) {
        self.send(Command::Next);
    }

    pub fn previous(&mut self) {
        self.send(Command::Previous);
    }

    pub fn seek(&mut self, position: Duration) {
        if !self.playing {
            return;
        }
        let position = self.duration().map_or(position, |d| position.min(d));
        self.position = position;
        self.send(Command::Seek(position));
    }

    /// Seeks by `seconds` (negative goes back), within the track.
    pub fn seek_by(&mut self, seconds: f32) {
        let target = (self.position.as_secs_f32() + seconds).max(0.0);
        self.seek(Duration::from_secs_f32(target));
    }

    pub fn jump_to(&mut self, index: QueueIdx) {
        if index.0 < self.queue.len() {
            self.send(Command::JumpTo(index));
            self.queue.set_current(Some(index));
            self.playing = true;
            self.paused = false;
        }
    }

    pub fn set_volume(&mut self, volume: f32) {
        self.volume = volume.clamp(0.0, 1.0);
        self.unmuted = None;
        self.send(Command::SetVolume(self.volume));
    }

    /// Silences playback, or brings back the volume it had before.
    pub fn toggle_mute(&mut self) {
        match self.unmuted.take() {
            Some(before) if self.volume == 0.0 => self.set_volume(before),
            _ if self.volume > 0.0 => {
                let before = self.volume;
                self.set_volume(0.0);
                self.unmuted = Some(before);
            }
            // Silenced with the slider: back to the usual volume.
            _ => self.set_volume(DEFAULT_UNMUTED),
        }
    }

    pub fn set_replay_gain(&mut self, settings: crate::player::ReplayGainSettings) {
        self.send(Command::SetReplayGain(settings));
    }

    /// Plays through another output device from now on, moving what plays.
    pub fn set_device(&mut self, name: Option<String>) {
        self.send(Command::SetDevice(name));
    }

    /// Bit-perfect output on or off; what plays moves to a stream in its format.
    pub fn set_bit_perfect(&mut self, on: bool) {
        self.bit_perfect = on;
        self.send(Command::SetBitPerfect(on));
    }

    /// The loudness the analysis measured, for tracks opened from now on.
    pub fn set_gain_book(&mut self, book: std::sync::Arc<crate::player::GainBook>) {
        self.send(Command::SetGainBook(book));
    }

    pub fn cycle_repeat(&mut self) {
        self.repeat = match self.repeat {
            Repeat::Off => Repeat::All,
            Repeat::All => Repeat::One,
            Repeat::One => Repeat::Off,
        };
        self.send(Command::SetRepeat(self.repeat));
    }

    pub fn set_repeat(&mut self, repeat: Repeat) {
        self.repeat = repeat;
        self.send(Command::SetRepeat(repeat));
    }

    /// Shuffle mixes what is still to come; turning it off restores the built order.
    pub fn toggle_shuffle(&mut self) {
        self.shuffle = !self.shuffle;
        if self.shuffle {
            self.shuffle_upcoming();
        } else {
            let built: Vec<usize> = self.entries().map(|e| e.order).collect();
            let mut order: Vec<usize> = (0..built.len()).collect();
            order.sort_by_key(|&i| built[i]);
            self.reorder(order);
        }
    }

    fn shuffle_upcoming(&mut self) {
        let from = self.current().map_or(0, |c| c.0 + 1);
        let mut order: Vec<usize> = (0..self.queue.len()).collect();
        if from < order.len() {
            fastrand::shuffle(&mut order[from..]);
        }
        self.reorder(order);
    }

    /// Moves the entry at `from` so that it ends up at `to`.
    pub fn move_entry(&mut self, QueueIdx(from): QueueIdx, QueueIdx(to): QueueIdx) {
        let len = self.queue.len();
        if from >= len || to >= len || from == to {
            return;
        }
        let mut order: Vec<usize> = (0..len).collect();
        let moved = order.remove(from);
        order.insert(to, moved);
        self.hand_built = true;
        self.reorder(order);
    }

    /// Puts the entries in `order` (a permutation of their positions), here and in
    /// the engine.
    fn reorder(&mut self, order: Vec<usize>) {
        let order: Vec<QueueIdx> = order.into_iter().map(QueueIdx).collect();
        if self.queue.reorder(&order) {
            self.send(Command::Reorder(order));
        }
    }

    pub fn remove(&mut self, indexes: Vec<QueueIdx>) {
        let len = self.queue.len();
        let indexes: Vec<QueueIdx> = indexes.into_iter().filter(|i| i.0 < len).collect();
        if indexes.is_empty() {
            return;
        }
        self.hand_built = true;
        let removed_current = self.queue.remove(&indexes);
        self.send(Command::Remove(indexes));
        // What followed a removed current entry becomes current only while playing.
        if removed_current && !self.playing {
            self.queue.set_current(None);
        }
    }

    pub fn clear(&mut self) {
        self.send(Command::Clear);
        self.queue.clear();
        self.playing = false;
        self.paused = false;
        self.position = Duration::ZERO;
        self.measured = None;
    }

    /// Applies what the engine reports. Returns an error worth showing, if any.
    pub fn on_event(&mut self, event: Event) -> Option<String> {
        match event {
            Event::TrackStarted { index, duration, .. } => {
                self.queue.set_current(Some(index));
                self.measure(duration);
                self.playing = true;
            }
            Event::Position {
                index,
                position,
                duration,
            } => {
                self.queue.set_current(Some(index));
                self.position = position;
                if duration.is_some() {
                    self.measure(duration);
                }
            }
            Event::Seeked { position, .. } => self.position = position,
            Event::Paused { position } => {
                self.paused = true;
                self.position = position;
            }
            Event::Resumed { position } => {
                self.paused = false;
                self.position = position;
            }
            Event::Stopped | Event::QueueEnded => {
                self.playing = false;
                self.paused = false;
                self.position = Duration::ZERO;
            }
            Event::QueueChanged { current, .. } => {
                if current.is_some() {
                    self.queue.set_current(current);
                }
            }
            Event::VolumeChanged { volume } => self.volume = volume,
            Event::NoDevice { reason } => self.no_device = Some(reason),
            Event::DeviceRestored => self.no_device = None,
            Event::Output {
                format,
                bit_perfect,
                note,
                ..
            } => {
                self.no_device = None;
                self.output_format = Some(OutputFormat {
                    label: format,
                    bit_perfect,
                    note,
                });
            }
            Event::TrackEnded { .. } => {}
            Event::DeviceFailed { reason } => {
                self.paused = true;
                return Some(format!(
                    "No sound: the audio output could not be reopened ({reason}). Press play to try again."
                ));
            }
            Event::Error { path, reason } => return Some(format!("{}: {reason}", path.display())),
            Event::DeviceLost { reason } => {
                return Some(format!("The sound output was lost ({reason}); reconnecting…"));
            }
        }
        None
    }

    /// Paths and ranges of the queue, for saving the session.
    pub fn specs(&self) -> Vec<TrackSpec> {
        self.entries().map(|e| e.spec.clone()).collect()
    }
}

/// Queue entries for files named from outside the library (command line, drops).
pub fn entries_for_paths(library: &Library, paths: &[PathBuf]) -> (Vec<QueueEntry>, Vec<String>) {
    let (playables, problems) = crate::library::playable::expand_with_cues(paths);
    let specs = playables.into_iter().map(|p| TrackSpec {
        path: p.path,
        start: p.start,
        end: p.end,
        fade: false,
    });
    (entries_for_specs(library, specs), problems)
}

/// The files among `entries` that are not library tracks and have no tags read yet.
pub fn untagged(entries: &[QueueEntry]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = entries
        .iter()
        .filter(|e| e.track.is_none() && e.file.is_none())
        .map(|e| e.spec.path.clone())
        .collect();
    paths.sort();
    paths.dedup();
    paths
}

/// Reads the tags of files outside the library (I/O: never on the window's thread).
/// A file that can't be read is left out: it shows by its name, and the engine says
/// why it won't play when it comes to it.
pub fn read_file_tags(paths: &[PathBuf]) -> Vec<(PathBuf, Arc<TrackFields>)> {
    paths
        .iter()
        .filter_map(|p| {
            let tags = crate::library::tags::read(p).ok()?;
            Some((p.clone(), Arc::new(tags.fields)))
        })
        .collect()
}

/// Puts tags read by `read_file_tags` on the entries of those files.
pub fn fill_file_tags<'a>(entries: impl Iterator<Item = &'a mut QueueEntry>, read: &[(PathBuf, Arc<TrackFields>)]) {
    for entry in entries {
        if entry.track.is_none()
            && let Some((_, fields)) = read.iter().find(|(p, _)| *p == entry.spec.path)
        {
            entry.known_length = fields.duration_ms.map(Duration::from_millis);
            entry.file = Some(fields.clone());
        }
    }
}

/// Queue entries for specs, matched to library tracks by file and CUE start. One pass
/// over the library looking up each track's path among the specs (few), rather than
/// a map of every track's path (100k entries, ~70 ms on the window's thread).
pub fn entries_for_specs(library: &Library, specs: impl IntoIterator<Item = TrackSpec>) -> Vec<QueueEntry> {
    let mut entries: Vec<QueueEntry> = specs
        .into_iter()
        .map(|spec| QueueEntry {
            track: None,
            spec,
            order: 0,
            file: None,
            known_length: None,
        })
        .collect();
    if entries.is_empty() {
        return entries;
    }
    let mut wanted: HashMap<&Path, Vec<usize>> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        wanted.entry(e.spec.path.as_path()).or_default().push(i);
    }
    let mut found: Vec<Option<TrackIdx>> = vec![None; entries.len()];
    for (t, track) in library.track_indices().zip(&library.tracks) {
        let Some(waiting) = wanted.get(track.path.as_path()) else {
            continue;
        };
        let start = track.fields.cue_start.map(sectors_to_duration).unwrap_or_default();
        let end = track.fields.cue_end.map(sectors_to_duration);
        for &e in waiting {
            let at = entries[e].spec.start.unwrap_or_default();
            // The track itself, or a cut inside it (a theme reel's statement).
            if found[e].is_none() && at >= start && end.is_none_or(|end| at < end) {
                found[e] = Some(t);
            }
        }
    }
    for (entry, track) in entries.iter_mut().zip(found) {
        entry.track = track;
        let whole = track.and_then(|t| library.track(t)).map(|t| {
            (
                t.fields.cue_start.map(sectors_to_duration).unwrap_or_default(),
                t.fields.cue_end.map(sectors_to_duration),
                t.fields.duration_ms.map(Duration::from_millis),
            )
        });
        let Some((start, end, length)) = whole else { continue };
        let spec = &mut entry.spec;
        let cut = spec.start.unwrap_or_default() != start || (spec.end.is_some() && spec.end != end);
        // A cut fades in and out (also when it comes back from a playlist or session).
        spec.fade |= cut;
        entry.known_length = match (cut, spec.end) {
            (true, Some(to)) => Some(to.saturating_sub(spec.start.unwrap_or_default())),
            (true, None) => length.map(|l| (start + l).saturating_sub(spec.start.unwrap_or_default())),
            (false, _) => length,
        };
    }
    entries
}
