//! The soundtrack layer: characters and their leitmotifs, scenes, moods, instruments,
//! vocal/instrumental versions, the playlists that follow them, and series sheets.

pub mod edits;
pub mod playlists;
pub mod sheet;
mod sheet_export;
pub mod track_match;
