use std::path::PathBuf;

/// Why one track could not be played. The engine reports it and moves on.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}: {reason}", path.display())]
pub struct TrackError {
    pub path: PathBuf,
    pub reason: String,
}

impl TrackError {
    pub fn new(path: impl Into<PathBuf>, reason: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            reason: reason.into(),
        }
    }
}

/// Why the engine itself could not start.
#[derive(Debug, thiserror::Error)]
pub enum EngineError {
    #[error("no audio output device: {0}")]
    NoDevice(String),
    #[error("the playback thread could not be started: {0}")]
    Thread(#[from] std::io::Error),
}
