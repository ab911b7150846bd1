//! What the window remembers between runs: settings (config dir) and the session
//! (data dir): window size, screen, queue, current track and position. Both TOML,
//! written whole to a temporary file and renamed, so a crash never leaves half a file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use crate::player::{GainSource, Repeat, ReplayGainMode, TrackSpec};
use crate::ui::theme::ThemeChoice;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Settings {
    pub theme: ThemeChoice,
    pub replay_gain: ReplayGainMode,
    /// Tags or measured loudness first.
    pub gain_source: GainSource,
    /// Measure new tracks' loudness (and shape) in the background.
    pub analyse: bool,
    /// The output device by name (`None`: the system's default).
    pub device: Option<String>,
    /// Each track to the device at its own rate and format, untouched.
    pub bit_perfect: bool,
    pub volume: f32,
    /// How a series with names in two scripts is shown.
    pub names: crate::library::bilingual::NameDisplay,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            theme: ThemeChoice::System,
            replay_gain: ReplayGainMode::Track,
            gain_source: GainSource::TagsFirst,
            analyse: true,
            device: None,
            bit_perfect: false,
            volume: 0.8,
            names: Default::default(),
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SavedScreen {
    #[default]
    Series,
    /// Series are saved by name and albums by key: indexes change between runs.
    SeriesPage {
        name: String,
    },
    Album {
        key: String,
    },
    Albums,
    Tracks,
    Queue,
    Playlists,
    Lyrics,
    Settings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedTrack {
    pub path: PathBuf,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_ms: Option<u64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end_ms: Option<u64>,
}

impl SavedTrack {
    pub fn from_spec(spec: &TrackSpec) -> Self {
        Self {
            path: spec.path.clone(),
            start_ms: spec.start.map(|d| d.as_millis() as u64),
            end_ms: spec.end.map(|d| d.as_millis() as u64),
        }
    }

    pub fn to_spec(&self) -> TrackSpec {
        TrackSpec {
            path: self.path.clone(),
            start: self.start_ms.map(Duration::from_millis),
            end: self.end_ms.map(Duration::from_millis),
            fade: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Session {
    pub width: f32,
    pub height: f32,
    pub screen: SavedScreen,
    pub current: Option<usize>,
    pub position_ms: u64,
    pub repeat: Repeat,
    pub shuffle: bool,
    pub queue: Vec<SavedTrack>,
}

impl Default for Session {
    fn default() -> Self {
        Self {
            width: 1280.0,
            height: 820.0,
            screen: SavedScreen::Series,
            current: None,
            position_ms: 0,
            repeat: Repeat::Off,
            shuffle: false,
            queue: Vec::new(),
        }
    }
}

/// Where the two files live; `None` parts (no home folder) are simply not saved.
#[derive(Debug, Clone, Default)]
pub struct Files {
    pub settings: Option<PathBuf>,
    pub session: Option<PathBuf>,
}

impl Files {
    pub fn standard() -> Self {
        Self {
            settings: crate::library::paths::config_dir().map(|d| d.join("settings.toml")),
            session: crate::library::paths::data_dir().map(|d| d.join("session.toml")),
        }
    }
}

/// Reads a TOML file; a missing file is the default, an unreadable one is reported
/// and the default used (the file is left alone for the user to look at).
pub fn load<T: DeserializeOwned + Default>(path: Option<&Path>) -> (T, Option<String>) {
    let Some(path) = path else { return (T::default(), None) };
    crate::io_guard::check("reading a settings file");
    match std::fs::read_to_string(path) {
        Ok(text) => match toml::from_str(&text) {
            Ok(value) => (value, None),
            Err(e) => (T::default(), Some(format!("{}: {e}", path.display()))),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (T::default(), None),
        Err(e) => (T::default(), Some(format!("{}: {e}", path.display()))),
    }
}

pub fn save<T: Serialize>(path: Option<&Path>, value: &T) -> Result<(), String> {
    let Some(path) = path else { return Ok(()) };
    crate::io_guard::check("writing a settings file");
    let text = toml::to_string(value).map_err(|e| e.to_string())?;
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let temp = path.with_extension("toml.tmp");
    std::fs::write(&temp, text).map_err(|e| format!("{}: {e}", temp.display()))?;
    std::fs::rename(&temp, path).map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn session_round_trips_and_a_broken_file_falls_back() -> Result<(), String> {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let path = dir.path().join("s/session.toml");
        let session = Session {
            screen: SavedScreen::SeriesPage {
                name: "비밀의 정원".into(),
            },
            current: Some(1),
            position_ms: 61_500,
            repeat: Repeat::All,
            queue: vec![
                SavedTrack::from_spec(&TrackSpec::file("/m/a.flac")),
                SavedTrack::from_spec(&TrackSpec {
                    path: "/m/image.flac".into(),
                    start: Some(Duration::from_millis(183_000)),
                    end: None,
                    fade: false,
                }),
            ],
            ..Session::default()
        };
        save(Some(&path), &session)?;
        let (back, problem): (Session, _) = load(Some(&path));
        assert_eq!((back, problem), (session, None));
        std::fs::write(&path, "width = \"wide\"").map_err(|e| e.to_string())?;
        let (fallback, problem): (Session, _) = load(Some(&path));
        assert_eq!(fallback, Session::default());
        assert!(problem.is_some_and(|p| p.contains("session.toml")));
        Ok(())
    }
}
