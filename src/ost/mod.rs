//! The soundtrack layer: characters and their leitmotifs, scenes, moods, instruments,
//! vocal/instrumental versions, the lists that follow them
//! (`note_lists`; "playlists" are only the user's own), and series sheets.

pub mod edits;
pub mod note_lists;
pub mod query;
pub mod sheet;
mod sheet_export;
pub mod smart;
pub mod theme_search;
pub mod track_match;
