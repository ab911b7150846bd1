//! The library: files, tags and the soundtrack model. No window code here.

pub mod cover;
pub mod cue;
pub mod demo;
mod flac_check;
mod id3_check;
pub mod lyrics;
pub mod m3u;
pub mod model;
pub mod pairs;
pub mod paths;
pub mod playable;
pub mod scan;
pub mod search;
pub mod series_rules;
pub mod split;
pub mod tags;
