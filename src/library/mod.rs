//! The library: files, tags and the soundtrack model. No window code here.

pub mod albums;
pub mod cover;
pub mod cue;
pub mod demo;
mod flac_check;
pub mod folders;
mod id3_check;
pub mod identity;
pub mod index;
pub mod lyrics;
pub mod m3u;
pub mod model;
mod model_cache;
mod mp4_check;
mod ogg_check;
pub mod pairs;
pub mod paths;
pub mod playable;
pub mod release_title;
pub mod scan;
pub mod search;
pub mod series_group;
pub mod series_rules;
pub mod sort_ranks;
pub mod split;
pub mod tag_list;
pub mod tags;
