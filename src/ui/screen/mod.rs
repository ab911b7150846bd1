//! One file per screen; each owns its `Message` and reports upward with an `Event`.

pub mod albums;
pub mod lyrics;
pub mod playlists;
pub mod queue;
mod series_extras;
pub mod series_fixes;
pub mod series_grid;
pub mod series_notes;
pub mod series_page;
pub mod settings;
pub mod theme_finder;
pub mod tracks;
