//! The analysis' loudness as the ReplayGain 2.0 values playback uses where tags have
//! none (or first, by setting).

use std::path::PathBuf;

use super::loudness::REFERENCE_LUFS;
use crate::library::cue::sectors_to_duration;
use crate::player::{GainBook, GainTags};
use crate::store::{AnalysedLoudness, AnalysedRow};

/// Gains (dB against −18 LUFS) and true peaks, as tags would carry them.
pub fn gain_tags(l: &AnalysedLoudness) -> GainTags {
    let gain = |lufs: Option<f64>| lufs.map(|v| (REFERENCE_LUFS - v) as f32);
    GainTags {
        track_gain_db: gain(l.integrated_lufs),
        track_peak: l.true_peak.map(|p| p as f32),
        album_gain_db: gain(l.album_lufs),
        album_peak: l.album_peak.map(|p| p as f32),
    }
}

/// The engine's book: each measured track by file and CUE start.
pub fn gain_book(rows: &[AnalysedRow]) -> GainBook {
    rows.iter()
        .map(|r| {
            let key = (PathBuf::from(&r.path), r.cue_start.map(sectors_to_duration));
            (key, gain_tags(&r.loudness))
        })
        .collect()
}
