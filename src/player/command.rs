use std::path::PathBuf;
use std::time::Duration;

use serde::Serialize;

use super::queue::QueueIdx;
use super::replay_gain::{GainBook, ReplayGainSettings};

/// One playable thing: a file, or a range of a file (a CUE track inside an image).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrackSpec {
    pub path: PathBuf,
    /// Where the track starts inside the file (CUE INDEX 01); zero for whole files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub start: Option<Duration>,
    /// Where the track ends inside the file; `None` plays to the end.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub end: Option<Duration>,
    /// A cut out of a longer track (a timed cue in a theme reel): short fades at both
    /// ends, where a CUE track's slice joins its neighbours without one.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub fade: bool,
}

impl TrackSpec {
    pub fn file(path: impl Into<PathBuf>) -> Self {
        Self {
            path: path.into(),
            start: None,
            end: None,
            fade: false,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Repeat {
    #[default]
    Off,
    All,
    One,
}

/// What a caller may ask of the engine. Every command returns at once; results come back as events.
#[derive(Debug, Clone)]
pub enum Command {
    /// Replace the queue and start playing `start` (paused if asked), from `position`.
    Play {
        queue: Vec<TrackSpec>,
        start: QueueIdx,
        position: Duration,
        paused: bool,
    },
    Append(Vec<TrackSpec>),
    /// Insert after the current track.
    InsertNext(Vec<TrackSpec>),
    /// New order of the queue as a permutation of its indexes; the playing track plays on.
    Reorder(Vec<QueueIdx>),
    /// Remove these queue indexes; removing the playing track moves on to what followed it.
    Remove(Vec<QueueIdx>),
    /// Stop and empty the queue.
    Clear,
    Pause,
    Resume,
    TogglePause,
    Stop,
    Seek(Duration),
    Next,
    /// Restart the current track, or go to the previous one when near its start.
    Previous,
    JumpTo(QueueIdx),
    /// 0.0 ..= 1.0 on a perceptual scale.
    SetVolume(f32),
    SetReplayGain(ReplayGainSettings),
    /// Play through this output device (`None`: the system's default), moving what
    /// plays there now. Ignored by a headless mixer.
    SetDevice(Option<String>),
    /// Bit-perfect output: the device opened at each track's own rate, channels and
    /// sample format, with volume, ReplayGain and resampling out of the way.
    SetBitPerfect(bool),
    /// What the analysis pass measured, for tracks opened from now on.
    SetGainBook(std::sync::Arc<GainBook>),
    SetRepeat(Repeat),
    Shutdown,
}

/// What the engine reports. `index` is the position in the queue.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    TrackStarted {
        index: QueueIdx,
        path: PathBuf,
        #[serde(serialize_with = "seconds_opt")]
        duration: Option<Duration>,
        sample_rate: u32,
        channels: u16,
        /// The ReplayGain applied, in dB.
        gain_db: f32,
    },
    Position {
        index: QueueIdx,
        #[serde(serialize_with = "seconds")]
        position: Duration,
        #[serde(serialize_with = "seconds_opt")]
        duration: Option<Duration>,
    },
    TrackEnded {
        index: QueueIdx,
        path: PathBuf,
    },
    Seeked {
        index: QueueIdx,
        #[serde(serialize_with = "seconds")]
        position: Duration,
    },
    Paused {
        #[serde(serialize_with = "seconds")]
        position: Duration,
    },
    Resumed {
        #[serde(serialize_with = "seconds")]
        position: Duration,
    },
    Stopped,
    QueueEnded,
    QueueChanged {
        len: usize,
        current: Option<QueueIdx>,
    },
    VolumeChanged {
        volume: f32,
    },
    Error {
        path: PathBuf,
        reason: String,
    },
    /// There is no output device yet (the engine was started to wait for one): what
    /// is played starts as soon as one appears.
    NoDevice {
        reason: String,
    },
    /// The output failed; the engine is reopening it and will resume where it was.
    DeviceLost {
        reason: String,
    },
    /// The output was reopened and plays again.
    DeviceRestored,
    /// The output could not be reopened: playback is paused where it was, and playing
    /// again tries the device again.
    DeviceFailed {
        reason: String,
    },
    /// Which sound system the output goes through, once it is opened.
    Output {
        backend: String,
        sample_rate: u32,
        channels: u16,
        /// "96 kHz · 24-bit"
        format: String,
        /// The stream carries the track's own samples, untouched.
        bit_perfect: bool,
        /// Under bit-perfect, why the samples are changed after all (the sound server
        /// resamples, converts, or scales by its volume).
        #[serde(skip_serializing_if = "Option::is_none")]
        note: Option<String>,
    },
}

fn seconds<S: serde::Serializer>(d: &Duration, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_f64((d.as_secs_f64() * 1000.0).round() / 1000.0)
}

fn seconds_opt<S: serde::Serializer>(d: &Option<Duration>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => seconds(d, s),
        None => s.serialize_none(),
    }
}
