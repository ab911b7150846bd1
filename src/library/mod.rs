//! The library: files, tags and the soundtrack model. No window code here.

pub mod cue;
pub mod model;
pub mod pairs;
pub mod paths;
pub mod playable;
pub mod scan;
pub mod series_rules;
pub mod split;
pub mod tags;
