//! Pieces several screens share.

pub mod card_grid;
pub mod cover;
pub mod cue_marks;
pub mod drag;
pub mod fit;
pub mod format;
pub mod icon;
pub mod labelled;
pub mod now_playing;
pub mod selection;
pub mod span_select;
pub mod track_info;
pub mod track_list;
pub mod virtual_list;
pub mod waveform;
