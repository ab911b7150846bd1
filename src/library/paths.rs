//! Where Leitmotif keeps its data: what `directories` says (XDG on Linux), so tests
//! isolate it with XDG_DATA_HOME / XDG_CONFIG_HOME / XDG_CACHE_HOME.

use std::path::PathBuf;

use directories::{ProjectDirs, UserDirs};

fn project() -> Option<ProjectDirs> {
    ProjectDirs::from("io.github", "leitmotif", "Leitmotif")
}

/// The library database.
pub fn database() -> Option<PathBuf> {
    project().map(|p| p.data_dir().join("library.db"))
}

/// Where thumbnails and other rebuildable files go.
pub fn cache_dir() -> Option<PathBuf> {
    project().map(|p| p.cache_dir().to_owned())
}

/// Settings (TOML).
pub fn config_dir() -> Option<PathBuf> {
    project().map(|p| p.config_dir().to_owned())
}

/// User data beside the library database: the window session, the demo OST.
pub fn data_dir() -> Option<PathBuf> {
    project().map(|p| p.data_dir().to_owned())
}

/// The OS music folder: the default library root.
pub fn music_dir() -> Option<PathBuf> {
    UserDirs::new().and_then(|u| u.audio_dir().map(PathBuf::from))
}
