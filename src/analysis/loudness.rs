//! EBU R128 loudness of a track — integrated loudness, loudness range, true and sample
//! peaks — measured by decoding it once (`r128` and `true_peak`: libebur128's method,
//! checked against it), and the ReplayGain 2.0 gains that follow (reference −18 LUFS).

use serde::Serialize;

use super::r128::{self, Blocks};
use super::true_peak::TruePeak;

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

/// A track's blocks, kept after measuring so an album's loudness can be taken over
/// all of its tracks' blocks together (as the standard asks, not an average of them).
pub struct Measured {
    pub loudness: Loudness,
    gating: Vec<f64>,
    short_term: Vec<f64>,
}

/// Takes a track's interleaved samples as they are decoded.
pub struct LoudnessMeter {
    channels: usize,
    blocks: Blocks,
    true_peak: Option<TruePeak>,
    sample_peak: f32,
}

impl LoudnessMeter {
    pub fn new(channels: u16, sample_rate: u32) -> Result<Self, String> {
        if channels == 0 || sample_rate == 0 {
            return Err(format!("cannot measure {channels} channels at {sample_rate} Hz"));
        }
        let channels = usize::from(channels);
        Ok(Self {
            channels,
            blocks: Blocks::new(channels, sample_rate),
            true_peak: TruePeak::new(channels, sample_rate),
            sample_peak: 0.0,
        })
    }

    pub fn add(&mut self, interleaved: &[f32]) -> Result<(), String> {
        if interleaved.len() % self.channels != 0 {
            return Err(format!(
                "{} samples are not whole frames of {} channels",
                interleaved.len(),
                self.channels
            ));
        }
        self.blocks.add(interleaved);
        self.sample_peak = interleaved.iter().fold(self.sample_peak, |m, x| m.max(x.abs()));
        if let Some(tp) = self.true_peak.as_mut() {
            tp.add(interleaved);
        }
        Ok(())
    }

    pub fn finish(self) -> Measured {
        let Blocks { gating, short_term, .. } = self.blocks;
        let sample_peak = f64::from(self.sample_peak);
        let loudness = Loudness {
            integrated_lufs: r128::integrated(std::iter::once(&gating[..])),
            range_lu: r128::range(std::iter::once(&short_term[..])),
            true_peak: self.true_peak.map_or(0.0, |tp| tp.peak()).max(sample_peak),
            sample_peak,
        };
        Measured {
            loudness,
            gating,
            short_term,
        }
    }
}

/// An album's integrated loudness over all its tracks' blocks, and its highest peak.
pub fn album(tracks: &[Measured]) -> Option<Loudness> {
    tracks.first()?;
    // Silence throughout is an album without loudness (-inf), not no album: the pass
    // keeps it as measured rather than measuring it again forever.
    Some(Loudness {
        integrated_lufs: r128::integrated(tracks.iter().map(|t| &t.gating[..])),
        range_lu: r128::range(tracks.iter().map(|t| &t.short_term[..])),
        true_peak: tracks.iter().map(|t| t.loudness.true_peak).fold(0.0, f64::max),
        sample_peak: tracks.iter().map(|t| t.loudness.sample_peak).fold(0.0, f64::max),
    })
}

#[cfg(test)]
mod tests {
    //! The meter against the `ebur128` crate (libebur128's port) on the same samples.

    use super::*;
    use ebur128::{EbuR128, Mode};

    /// A test signal: tones, noise, a quiet stretch and silence, so the gates, the
    /// loudness range and the peaks all have something to do.
    fn signal(channels: usize, rate: u32, seconds: f64, seed: u64) -> Vec<f32> {
        let frames = (f64::from(rate) * seconds) as usize;
        let mut rng = fastrand::Rng::with_seed(seed);
        let mut out = Vec::with_capacity(frames * channels);
        for n in 0..frames {
            let t = n as f64 / f64::from(rate);
            // Loud, then 25 dB down, then silent, then loud again.
            let level = match t / seconds {
                f if f < 0.4 => 0.5,
                f if f < 0.6 => 0.03,
                f if f < 0.7 => 0.0,
                _ => 0.7,
            };
            for c in 0..channels {
                let tone = (2.0 * std::f64::consts::PI * (220.0 * (c + 1) as f64 + 30.0 * t) * t).sin();
                let noise = rng.f64() * 2.0 - 1.0;
                out.push((level * (0.8 * tone + 0.2 * noise)) as f32);
            }
        }
        out
    }

    fn reference(channels: usize, rate: u32, samples: &[f32], chunk: usize) -> EbuR128 {
        let mode = Mode::I | Mode::LRA | Mode::TRUE_PEAK | Mode::SAMPLE_PEAK;
        let mut meter = EbuR128::new(channels as u32, rate, mode).unwrap();
        for part in samples.chunks(chunk * channels) {
            meter.add_frames_f32(part).unwrap();
        }
        meter
    }

    fn ours(channels: usize, rate: u32, samples: &[f32], chunk: usize) -> Measured {
        let mut meter = LoudnessMeter::new(channels as u16, rate).unwrap();
        for part in samples.chunks(chunk * channels) {
            meter.add(part).unwrap();
        }
        meter.finish()
    }

    fn peak_of(meter: &EbuR128, f: fn(&EbuR128, u32) -> Result<f64, ebur128::Error>) -> f64 {
        (0..meter.channels()).map(|c| f(meter, c).unwrap()).fold(0.0, f64::max)
    }

    #[test]
    fn measures_what_libebur128_measures() {
        let cases = [
            (1, 44_100),
            (2, 44_100),
            (2, 48_000),
            (2, 96_000),
            (2, 192_000),
            (5, 48_000),
            (6, 44_100),
            (8, 22_050),
        ];
        for (i, &(channels, rate)) in cases.iter().enumerate() {
            let samples = signal(channels, rate, 14.0, i as u64);
            // Chunks that do and don't line up with 100 ms.
            for chunk in [4096, 777] {
                let theirs = reference(channels, rate, &samples, chunk);
                let mine = ours(channels, rate, &samples, chunk).loudness;
                let case = format!("{channels} ch, {rate} Hz, chunks of {chunk}");
                let integrated = theirs.loudness_global().unwrap();
                assert!(
                    (mine.integrated_lufs - integrated).abs() < 1e-9,
                    "{case}: {} vs {integrated}",
                    mine.integrated_lufs
                );
                let range = theirs.loudness_range().unwrap();
                assert!(range > 1.0, "{case}: the signal has a loudness range ({range})");
                assert!(
                    (mine.range_lu - range).abs() < 1e-9,
                    "{case}: range {} vs {range}",
                    mine.range_lu
                );
                assert_eq!(
                    mine.true_peak,
                    peak_of(&theirs, EbuR128::true_peak),
                    "{case}: true peak"
                );
                assert_eq!(
                    mine.sample_peak,
                    peak_of(&theirs, EbuR128::sample_peak),
                    "{case}: sample peak"
                );
            }
        }
    }

    #[test]
    fn an_album_is_measured_over_all_its_tracks_blocks() {
        let tracks: Vec<Vec<f32>> = (0..3u32)
            .map(|i| {
                signal(2, 44_100, 5.0 + f64::from(i), u64::from(i))
                    .into_iter()
                    .map(|s| s * (0.3 + 0.3 * i as f32))
                    .collect()
            })
            .collect();
        let theirs: Vec<EbuR128> = tracks.iter().map(|t| reference(2, 44_100, t, 4096)).collect();
        let mine: Vec<Measured> = tracks.iter().map(|t| ours(2, 44_100, t, 4096)).collect();
        let album = album(&mine).unwrap();
        let integrated = EbuR128::loudness_global_multiple(theirs.iter()).unwrap();
        let range = EbuR128::loudness_range_multiple(theirs.iter()).unwrap();
        assert!(
            (album.integrated_lufs - integrated).abs() < 1e-9,
            "{} vs {integrated}",
            album.integrated_lufs
        );
        assert!((album.range_lu - range).abs() < 1e-9, "{} vs {range}", album.range_lu);
        let true_peak = theirs
            .iter()
            .map(|m| peak_of(m, EbuR128::true_peak))
            .fold(0.0, f64::max);
        assert_eq!(album.true_peak, true_peak);
    }

    #[test]
    fn silence_has_no_loudness_and_no_peak() {
        let mine = ours(2, 48_000, &vec![0.0; 48_000 * 2 * 5], 4096).loudness;
        assert_eq!(mine.integrated_lufs, f64::NEG_INFINITY);
        assert_eq!((mine.range_lu, mine.true_peak, mine.sample_peak), (0.0, 0.0, 0.0));
        assert_eq!(mine.gain_db(), None);
    }
}
