//! EBU R128 loudness of a track — integrated loudness, loudness range, true and sample
//! peaks — measured by decoding it once (the `ebur128` crate, the Rust port of
//! libebur128), and the ReplayGain 2.0 gains that follow (reference −18 LUFS).

use ebur128::{EbuR128, Mode};
use serde::Serialize;

/// ReplayGain 2.0's reference loudness.
pub const REFERENCE_LUFS: f64 = -18.0;

/// What one track measured.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Loudness {
    /// Integrated (programme) loudness, LUFS; `-inf` for silence.
    pub integrated_lufs: f64,
    /// Loudness range, LU.
    pub range_lu: f64,
    /// The highest true (inter-sample) peak over all channels, linear (1.0 = full scale).
    pub true_peak: f64,
    /// The highest sample peak, linear.
    pub sample_peak: f64,
}

impl Loudness {
    /// The ReplayGain 2.0 track gain, dB (none for silence).
    pub fn gain_db(&self) -> Option<f64> {
        self.integrated_lufs
            .is_finite()
            .then_some(REFERENCE_LUFS - self.integrated_lufs)
    }
}

/// A track's meter, kept after measuring so an album's loudness can be taken over
/// all of its tracks' blocks together (as the standard asks, not an average of them).
pub struct Measured {
    pub loudness: Loudness,
    meter: EbuR128,
}

/// Takes a track's interleaved samples as they are decoded.
pub struct LoudnessMeter {
    meter: EbuR128,
    channels: u32,
}

impl LoudnessMeter {
    pub fn new(channels: u16, sample_rate: u32) -> Result<Self, String> {
        let channels = u32::from(channels);
        let mode = Mode::I | Mode::LRA | Mode::TRUE_PEAK | Mode::SAMPLE_PEAK;
        let meter = EbuR128::new(channels, sample_rate, mode)
            .map_err(|e| format!("cannot measure {channels} channels at {sample_rate} Hz: {e}"))?;
        Ok(Self { meter, channels })
    }

    pub fn add(&mut self, interleaved: &[f32]) -> Result<(), String> {
        self.meter.add_frames_f32(interleaved).map_err(|e| e.to_string())
    }

    pub fn finish(self) -> Measured {
        let meter = self.meter;
        let peak = |f: fn(&EbuR128, u32) -> Result<f64, ebur128::Error>| {
            (0..self.channels)
                .filter_map(|c| f(&meter, c).ok())
                .fold(0.0_f64, f64::max)
        };
        let loudness = Loudness {
            integrated_lufs: meter.loudness_global().unwrap_or(f64::NEG_INFINITY),
            range_lu: meter.loudness_range().unwrap_or(0.0),
            true_peak: peak(EbuR128::true_peak),
            sample_peak: peak(EbuR128::sample_peak),
        };
        Measured { loudness, meter }
    }
}

/// An album's integrated loudness over all its tracks' blocks, and its highest peak.
pub fn album(tracks: &[Measured]) -> Option<Loudness> {
    let first = tracks.first()?;
    // Silence throughout (or a meter error) is an album without loudness, not no album:
    // the pass keeps it as measured rather than measuring it again forever.
    let integrated = EbuR128::loudness_global_multiple(tracks.iter().map(|t| &t.meter)).unwrap_or(f64::NEG_INFINITY);
    let range = EbuR128::loudness_range_multiple(tracks.iter().map(|t| &t.meter)).unwrap_or(first.loudness.range_lu);
    Some(Loudness {
        integrated_lufs: integrated,
        range_lu: range,
        true_peak: tracks.iter().map(|t| t.loudness.true_peak).fold(0.0, f64::max),
        sample_peak: tracks.iter().map(|t| t.loudness.sample_peak).fold(0.0, f64::max),
    })
}
