//! One track decoded once, every measure fed from the same samples.

use crate::player::{Decoder, TrackSpec};

use super::features::{Chroma, FeatureMeter, Waveform};
use super::loudness::{LoudnessMeter, Measured};

/// The error of a track whose analysis was stopped part-way.
pub const STOPPED: &str = "stopped";

/// Frames decoded at a time.
pub const CHUNK: usize = 4096;

/// What one track yielded.
pub struct Analysed {
    pub measured: Measured,
    /// Empty when only loudness was asked for.
    pub waveform: Waveform,
    pub chroma: Chroma,
    /// Audio decoded, in seconds (for speed reports).
    pub seconds: f64,
}

/// Decodes `spec` (a file, or a CUE track's slice of its image) and measures its
/// loudness, and with `features` its waveform and chroma too.
pub fn analyse(spec: &TrackSpec, features: bool) -> Result<Analysed, String> {
    analyse_gated(spec, features, &|| true)
}

/// `analyse`, asking `go_on` before each chunk: it may wait (a paused pass) and says
/// `false` to stop (the track is then an error, "stopped").
pub fn analyse_gated(spec: &TrackSpec, features: bool, go_on: &dyn Fn() -> bool) -> Result<Analysed, String> {
    let at = |e: String| format!("{}: {e}", spec.path.display());
    let mut decoder = Decoder::open(&spec.path, spec.start, spec.end).map_err(|e| e.to_string())?;
    let info = decoder.info().clone();
    let mut loudness = LoudnessMeter::new(info.channels, info.sample_rate).map_err(at)?;
    let mut shape = features.then(|| FeatureMeter::new(info.channels, info.sample_rate));
    let mut buf: Vec<f32> = Vec::with_capacity(CHUNK * usize::from(info.channels));
    let mut frames_read = 0u64;
    loop {
        if !go_on() {
            return Err(STOPPED.to_owned());
        }
        buf.clear();
        let frames = decoder.read(&mut buf, CHUNK).map_err(|e| e.to_string())?;
        if frames == 0 {
            break;
        }
        frames_read += frames as u64;
        loudness.add(&buf).map_err(at)?;
        if let Some(shape) = shape.as_mut() {
            shape.add(&buf);
        }
    }
    let (waveform, chroma) = shape.map(FeatureMeter::finish).unwrap_or_default();
    Ok(Analysed {
        measured: loudness.finish(),
        waveform,
        chroma,
        seconds: frames_read as f64 / f64::from(info.sample_rate.max(1)),
    })
}
