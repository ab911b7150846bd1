//! ReplayGain: the loudness correction stored in tags, applied per track or per album.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReplayGainMode {
    Off,
    #[default]
    Track,
    Album,
}

/// Where a track's gain comes from when both its tags and the analysis pass have one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum GainSource {
    /// The file's ReplayGain tags, else what the analysis measured.
    #[default]
    TagsFirst,
    /// What the analysis measured, else the tags (tags written by other tools at other
    /// references or by older scanners are overruled).
    AnalysisFirst,
}

/// Gains the analysis pass measured, by file and CUE start (`None` for a whole file).
pub type GainBook = HashMap<(PathBuf, Option<Duration>), GainTags>;

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ReplayGainSettings {
    pub mode: ReplayGainMode,
    /// Added to the tagged gain, in dB.
    pub preamp_db: f32,
    /// Applied to files that carry no ReplayGain tags, in dB.
    pub fallback_db: f32,
    /// Lower the gain so that the tagged peak never exceeds full scale.
    pub prevent_clipping: bool,
    #[serde(default)]
    pub source: GainSource,
}

impl Default for ReplayGainSettings {
    fn default() -> Self {
        Self {
            mode: ReplayGainMode::Track,
            preamp_db: 0.0,
            fallback_db: 0.0,
            prevent_clipping: true,
            source: GainSource::TagsFirst,
        }
    }
}

/// The gain values a file carries. Gains are in dB relative to the ReplayGain
/// reference (-18 LUFS); peaks are linear amplitudes (1.0 = full scale).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct GainTags {
    pub track_gain_db: Option<f32>,
    pub track_peak: Option<f32>,
    pub album_gain_db: Option<f32>,
    pub album_peak: Option<f32>,
}

/// R128 gains are relative to -23 LUFS; ReplayGain 2.0 to -18 LUFS.
const R128_TO_REPLAYGAIN_DB: f32 = 5.0;

impl GainTags {
    /// Reads one tag. Keys are matched without regard to case or container prefix
    /// (`REPLAYGAIN_TRACK_GAIN`, `TXXX:replaygain_track_gain`,
    /// `----:com.apple.iTunes:replaygain_track_gain`, `R128_TRACK_GAIN`).
    pub fn absorb(&mut self, key: &str, value: &str) {
        let key = key.to_ascii_lowercase();
        let key = key.rsplit(':').next().unwrap_or(&key);
        match key {
            "replaygain_track_gain" => self.track_gain_db = parse_db(value),
            "replaygain_album_gain" => self.album_gain_db = parse_db(value),
            "replaygain_track_peak" => self.track_peak = parse_peak(value),
            "replaygain_album_peak" => self.album_peak = parse_peak(value),
            // R128 tags only fill in what ReplayGain tags did not.
            "r128_track_gain" if self.track_gain_db.is_none() => {
                self.track_gain_db = parse_q78(value).map(|db| db + R128_TO_REPLAYGAIN_DB)
            }
            "r128_album_gain" if self.album_gain_db.is_none() => {
                self.album_gain_db = parse_q78(value).map(|db| db + R128_TO_REPLAYGAIN_DB)
            }
            _ => {}
        }
    }

    pub fn is_empty(&self) -> bool {
        self.track_gain_db.is_none() && self.album_gain_db.is_none()
    }
}

impl ReplayGainSettings {
    /// The gains a track plays with: its tags' or the analysis', as the setting says;
    /// either stands in whole for the other (a tagged track gain is not mixed with a
    /// measured album gain).
    pub fn choose(&self, tags: GainTags, analysed: Option<&GainTags>) -> GainTags {
        match (self.source, analysed) {
            (_, None) => tags,
            (GainSource::TagsFirst, Some(_)) if !tags.is_empty() => tags,
            (_, Some(a)) => *a,
        }
    }

    /// The gain to apply to a track with these tags, in dB.
    pub fn gain_db(&self, tags: &GainTags) -> f32 {
        let (gain, peak) = match self.mode {
            ReplayGainMode::Off => return 0.0,
            ReplayGainMode::Track => tags
                .track_gain_db
                .map(|g| (g, tags.track_peak))
                .or(tags.album_gain_db.map(|g| (g, tags.album_peak))),
            ReplayGainMode::Album => tags
                .album_gain_db
                .map(|g| (g, tags.album_peak))
                .or(tags.track_gain_db.map(|g| (g, tags.track_peak))),
        }
        .map_or((self.fallback_db, None), |(g, p)| (g + self.preamp_db, p));
        match peak {
            Some(peak) if self.prevent_clipping && peak > 0.0 => gain.min(-20.0 * peak.log10()),
            _ => gain,
        }
    }
}

pub fn db_to_amplitude(db: f32) -> f32 {
    10f32.powf(db / 20.0)
}

fn parse_db(value: &str) -> Option<f32> {
    let v = value.trim();
    let v = v
        .strip_suffix("dB")
        .or_else(|| v.strip_suffix("db"))
        .or_else(|| v.strip_suffix("DB"))
        .unwrap_or(v);
    v.trim()
        .trim_start_matches('+')
        .parse::<f32>()
        .ok()
        .filter(|g| g.is_finite() && g.abs() < 60.0)
}

fn parse_peak(value: &str) -> Option<f32> {
    value
        .trim()
        .parse::<f32>()
        .ok()
        .filter(|p| p.is_finite() && *p > 0.0 && *p < 100.0)
}

/// R128 gains are Q7.8 fixed-point integers (1/256 dB).
fn parse_q78(value: &str) -> Option<f32> {
    value
        .trim()
        .parse::<i32>()
        .ok()
        .filter(|q| q.abs() <= i32::from(i16::MAX))
        .map(|q| q as f32 / 256.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tags(pairs: &[(&str, &str)]) -> GainTags {
        let mut t = GainTags::default();
        for (k, v) in pairs {
            t.absorb(k, v);
        }
        t
    }

    #[test]
    fn reads_the_common_spellings() {
        let t = tags(&[
            ("REPLAYGAIN_TRACK_GAIN", "-6.50 dB"),
            ("replaygain_track_peak", "0.988"),
            ("----:com.apple.iTunes:replaygain_album_gain", "+1.25 dB"),
            ("TXXX:REPLAYGAIN_ALBUM_PEAK", "1.02"),
        ]);
        assert_eq!(t.track_gain_db, Some(-6.5));
        assert_eq!(t.track_peak, Some(0.988));
        assert_eq!(t.album_gain_db, Some(1.25));
        assert_eq!(t.album_peak, Some(1.02));
    }

    #[test]
    fn r128_is_rebased_and_does_not_override_replaygain() {
        let t = tags(&[("R128_TRACK_GAIN", "-1280")]);
        assert_eq!(t.track_gain_db, Some(0.0));
        let t = tags(&[("REPLAYGAIN_TRACK_GAIN", "-3 dB"), ("R128_TRACK_GAIN", "-1280")]);
        assert_eq!(t.track_gain_db, Some(-3.0));
    }

    #[test]
    fn garbage_is_ignored() {
        let t = tags(&[
            ("REPLAYGAIN_TRACK_GAIN", "loud"),
            ("REPLAYGAIN_TRACK_PEAK", "NaN"),
            ("REPLAYGAIN_ALBUM_GAIN", "-9999 dB"),
        ]);
        assert!(t.is_empty());
        assert_eq!(t.track_peak, None);
    }

    #[test]
    fn modes_preamp_fallback_and_clipping() {
        let t = tags(&[
            ("REPLAYGAIN_TRACK_GAIN", "-6 dB"),
            ("REPLAYGAIN_ALBUM_GAIN", "-4 dB"),
            ("REPLAYGAIN_ALBUM_PEAK", "0.5"),
        ]);
        let mut s = ReplayGainSettings::default();
        assert_eq!(s.gain_db(&t), -6.0);
        s.mode = ReplayGainMode::Album;
        assert_eq!(s.gain_db(&t), -4.0);
        s.preamp_db = 12.0;
        // +8 dB would push the 0.5 peak past full scale: limited to 1/0.5 = +6.02 dB.
        assert!((s.gain_db(&t) - 6.0206).abs() < 1e-3);
        s.prevent_clipping = false;
        assert_eq!(s.gain_db(&t), 8.0);
        s.mode = ReplayGainMode::Off;
        assert_eq!(s.gain_db(&t), 0.0);
        s.mode = ReplayGainMode::Track;
        s.fallback_db = -7.0;
        assert_eq!(s.gain_db(&GainTags::default()), -7.0);
        // Album mode falls back to the track gain when there is no album gain.
        s.mode = ReplayGainMode::Album;
        assert_eq!(s.gain_db(&tags(&[("REPLAYGAIN_TRACK_GAIN", "-2 dB")])), 10.0);
    }
}
