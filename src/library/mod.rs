//! The library: files, tags and the soundtrack model. No window code here.

pub mod playable;
pub mod tags;
pub mod cue;
pub mod series_rules;
pub mod model;
pub mod pairs;
pub mod scan;
pub mod split;
pub mod paths;
