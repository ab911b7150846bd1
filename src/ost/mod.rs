//! The soundtrack layer: characters and their leitmotifs, scenes, moods, instruments,
//! vocal/instrumental versions, the playlists that follow them, and series sheets.

pub mod playlists;
pub mod sheet;
pub mod track_match;
