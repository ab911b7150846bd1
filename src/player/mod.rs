//! The playback engine: decodes, converts and mixes on threads of its own.
//!
//! Callers talk to it only through [`Engine`]: commands in, [`Event`]s out.
//! Nothing here knows about the library, the store or the window.

mod clock;
mod command;
mod convert;
mod decode;
pub mod devices;
mod engine;
mod error;
mod format;
mod output;
mod pulse;
mod queue;
mod queue_source;
mod replay_gain;
mod volume;

pub use command::{Command, Event, Repeat, TrackSpec};
pub(crate) use decode::panic_text;
pub use decode::{Decoder, TrackInfo};
pub use engine::Engine;
pub use error::{EngineError, TrackError};
pub use format::{SampleKind, StreamFormat};
pub use output::{BACKEND_VAR, Output};
pub use queue::{Queue, QueueIdx};
pub use replay_gain::{GainBook, GainSource, GainTags, ReplayGainMode, ReplayGainSettings};
pub use volume::volume_to_amplitude;
