//! EBU R128 loudness of a track — integrated loudness, loudness range, true and sample
//! peaks — measured by decoding it once (the `ebur128` crate, the Rust port of
//! libebur128), and the ReplayGain 2.0 gains that follow (reference −18 LUFS).

use ebur128::{EbuR128, Mode};
use serde::Serialize;

use crate::player::{Decoder, TrackSpec};

/// ReplayGain 2.0's reference loudness.
pub const REFERENCE_LUFS: f64 = -18.0;

/// Frames handed to the meter at a time.
const CHUNK: usize = 4096;

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

/// Decodes `spec` (a file, or a CUE track's slice of its image) and measures it.
pub fn measure(spec: &TrackSpec) -> Result<Measured, String> {
    let mut decoder = Decoder::open(&spec.path, spec.start, spec.end).map_err(|e| e.to_string())?;
    let info = decoder.info().clone();
    let channels = u32::from(info.channels);
    let mode = Mode::I | Mode::LRA | Mode::TRUE_PEAK | Mode::SAMPLE_PEAK;
    let mut meter = EbuR128::new(channels, info.sample_rate, mode).map_err(|e| {
        format!(
            "{}: cannot measure {channels} channels at {} Hz: {e}",
            spec.path.display(),
            info.sample_rate
        )
    })?;
    let mut buf: Vec<f32> = Vec::with_capacity(CHUNK * channels as usize);
    loop {
        buf.clear();
        let frames = decoder.read(&mut buf, CHUNK).map_err(|e| e.to_string())?;
        if frames == 0 {
            break;
        }
        meter
            .add_frames_f32(&buf)
            .map_err(|e| format!("{}: {e}", spec.path.display()))?;
    }
    let peak = |f: fn(&EbuR128, u32) -> Result<f64, ebur128::Error>| {
        (0..channels).filter_map(|c| f(&meter, c).ok()).fold(0.0_f64, f64::max)
    };
    let loudness = Loudness {
        integrated_lufs: meter.loudness_global().unwrap_or(f64::NEG_INFINITY),
        range_lu: meter.loudness_range().unwrap_or(0.0),
        true_peak: peak(EbuR128::true_peak),
        sample_peak: peak(EbuR128::sample_peak),
    };
    Ok(Measured { loudness, meter })
}

/// An album's integrated loudness over all its tracks' blocks, and its highest peak.
pub fn album(tracks: &[Measured]) -> Option<Loudness> {
    let first = tracks.first()?;
    let integrated = EbuR128::loudness_global_multiple(tracks.iter().map(|t| &t.meter)).ok()?;
    let range = EbuR128::loudness_range_multiple(tracks.iter().map(|t| &t.meter)).unwrap_or(first.loudness.range_lu);
    Some(Loudness {
        integrated_lufs: integrated,
        range_lu: range,
        true_peak: tracks.iter().map(|t| t.loudness.true_peak).fold(0.0, f64::max),
        sample_peak: tracks.iter().map(|t| t.loudness.sample_peak).fold(0.0, f64::max),
    })
}
