//! What the seek bar and the theme finder need of a track's sound, gathered while it
//! is decoded for loudness: a waveform summary (min/max per column) and a 12-bin
//! frame of the melody's pitch classes every 100 ms.

use std::sync::Arc;

use realfft::{RealFftPlanner, RealToComplex};
use serde::Serialize;

/// Columns of the waveform summary (fewer for tracks too short to fill them).
pub const WAVEFORM_COLUMNS: usize = 2000;
/// Frames per fine waveform block; blocks are merged into columns at the end, so the
/// track's length need not be known up front (many containers don't say).
const WAVE_BLOCK: usize = 256;
/// Chroma frames per second (one every 100 ms).
pub const CHROMA_RATE: u32 = 10;
/// FFT size for chroma: ~93 ms at 44.1 kHz, enough to part semitones from 110 Hz up.
const FFT_SIZE: usize = 4096;
/// The spectrum taken for pitch: below, bins are wider than a semitone; above,
/// overtones and noise say little about the melody.
const LOW_HZ: f32 = 110.0;
const HIGH_HZ: f32 = 5000.0;

/// A track's shape: per column the lowest and highest sample of the mono mix, scaled
/// to −127…127.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Waveform {
    pub min: Vec<i8>,
    pub max: Vec<i8>,
}

impl Waveform {
    /// Stored as min then max per column.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.min
            .iter()
            .zip(&self.max)
            .flat_map(|(&lo, &hi)| [lo as u8, hi as u8])
            .collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Self {
        let (min, max) = bytes.chunks_exact(2).map(|p| (p[0] as i8, p[1] as i8)).unzip();
        Self { min, max }
    }
}

/// The melody's pitch classes, one frame per 100 ms: 12 bins from C, each the harmonic
/// salience of the class's strongest pitch in the melody's range, 0–15 relative to the
/// frame's strongest (4 bits each, two to a byte: 6 bytes a frame). Against the whole
/// mix's chroma, the theme finder's best F1 on its test set went 0.62 → 0.71.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Chroma {
    pub frames: Vec<[u8; 12]>,
}

impl Chroma {
    pub fn to_bytes(&self) -> Vec<u8> {
        self.frames
            .iter()
            .flat_map(|f| (0..6).map(move |i| (f[2 * i] << 4) | (f[2 * i + 1] & 0x0f)))
            .collect()
    }

    pub fn from_bytes(bytes: &[u8]) -> Self {
        Self {
            frames: Self::packed_frames(bytes).collect(),
        }
    }

    /// The frames of `to_bytes`'s bytes, unpacked one at a time (the theme finder reads
    /// every track's without keeping them).
    pub fn packed_frames(bytes: &[u8]) -> impl Iterator<Item = [u8; 12]> + '_ {
        bytes.chunks_exact(6).map(|c| {
            let mut f = [0u8; 12];
            for (i, b) in c.iter().enumerate() {
                f[2 * i] = b >> 4;
                f[2 * i + 1] = b & 0x0f;
            }
            f
        })
    }
}

/// Takes interleaved samples as they are decoded.
pub struct FeatureMeter {
    channels: usize,
    /// Per fine block: lowest and highest mono sample.
    blocks: Vec<(f32, f32)>,
    block_lo: f32,
    block_hi: f32,
    block_len: usize,
    /// The chunk being added, mixed to mono (kept to reuse its allocation).
    mono: Vec<f32>,
    /// Mono samples waiting for the next chroma frame.
    window: Vec<f32>,
    hop: usize,
    /// Samples still to pass over before the window starts filling again.
    skip: usize,
    fft: Arc<dyn RealToComplex<f32>>,
    hann: Vec<f32>,
    scratch_in: Vec<f32>,
    /// The FFT's working space (`process` would allocate and zero it every frame).
    scratch: Vec<realfft::num_complex::Complex<f32>>,
    spectrum: Vec<realfft::num_complex::Complex<f32>>,
    bin_hz: f32,
    /// The FFT bins looked at for peaks.
    bins: std::ops::Range<usize>,
    /// The frame's power from the bin below `bins` to the one above (kept to reuse).
    power: Vec<f32>,
    /// The frame's spectral peaks, ascending: refined frequency and magnitude.
    peaks: Vec<(f32, f32)>,
    chroma: Vec<[u8; 12]>,
}

impl FeatureMeter {
    pub fn new(channels: u16, sample_rate: u32) -> Self {
        let fft = RealFftPlanner::<f32>::new().plan_fft_forward(FFT_SIZE);
        let hann = (0..FFT_SIZE)
            .map(|i| 0.5 - 0.5 * (2.0 * std::f32::consts::PI * i as f32 / FFT_SIZE as f32).cos())
            .collect();
        let bin_hz = sample_rate as f32 / FFT_SIZE as f32;
        let first = ((LOW_HZ / bin_hz).ceil() as usize).max(1);
        let last = ((HIGH_HZ / bin_hz) as usize).min(FFT_SIZE / 2);
        Self {
            channels: usize::from(channels.max(1)),
            blocks: Vec::new(),
            block_lo: f32::MAX,
            block_hi: f32::MIN,
            block_len: 0,
            mono: Vec::new(),
            window: Vec::with_capacity(FFT_SIZE * 2),
            hop: (sample_rate / CHROMA_RATE).max(1) as usize,
            skip: 0,
            spectrum: fft.make_output_vec(),
            scratch_in: fft.make_input_vec(),
            scratch: fft.make_scratch_vec(),
            fft,
            hann,
            bin_hz,
            // Peaks need a neighbour each side.
            bins: first..last.max(first).min(FFT_SIZE / 2 - 1),
            power: Vec::new(),
            peaks: Vec::new(),
            chroma: Vec::new(),
        }
    }

    pub fn add(&mut self, interleaved: &[f32]) {
        // A chunk at a time rather than a frame at a time: each step is then a plain
        // loop the compiler turns into vector instructions.
        let scale = 1.0 / self.channels as f32;
        let mut mono = std::mem::take(&mut self.mono);
        mono.clear();
        match self.channels {
            1 => mono.extend_from_slice(interleaved),
            2 => mono.extend(interleaved.chunks_exact(2).map(|f| (f[0] + f[1]) * scale)),
            n => mono.extend(interleaved.chunks_exact(n).map(|f| f.iter().sum::<f32>() * scale)),
        }
        let mut rest = &mono[..];
        while !rest.is_empty() {
            let (now, later) = rest.split_at((WAVE_BLOCK - self.block_len).min(rest.len()));
            self.block_lo = now.iter().fold(self.block_lo, |lo, &m| lo.min(m));
            self.block_hi = now.iter().fold(self.block_hi, |hi, &m| hi.max(m));
            self.block_len += now.len();
            if self.block_len == WAVE_BLOCK {
                self.close_block();
            }
            rest = later;
        }
        let skipped = self.skip.min(mono.len());
        self.skip -= skipped;
        self.window.extend_from_slice(&mono[skipped..]);
        self.mono = mono;
        // A frame is taken every hop, over the FFT_SIZE samples from its start.
        while self.window.len() >= FFT_SIZE {
            self.chroma_frame();
            self.advance();
        }
    }

    /// Moves the window on by a hop; at 44.1 kHz a hop (4,410) is longer than the FFT
    /// (4,096), so samples not yet seen are skipped as they come.
    fn advance(&mut self) {
        let n = self.hop.min(self.window.len());
        self.window.drain(..n);
        self.skip = self.hop - n;
    }

    fn close_block(&mut self) {
        if self.block_len > 0 {
            self.blocks.push((self.block_lo, self.block_hi));
        }
        self.block_lo = f32::MAX;
        self.block_hi = f32::MIN;
        self.block_len = 0;
    }

    fn chroma_frame(&mut self) {
        for ((x, w), s) in self.scratch_in.iter_mut().zip(&self.hann).zip(&self.window) {
            *x = s * w;
        }
        if (self.fft)
            .process_with_scratch(&mut self.scratch_in, &mut self.spectrum, &mut self.scratch)
            .is_err()
        {
            return;
        }
        // Spectral peaks only (as HPCP does): a partial's window leaks into the bins
        // beside it, which at low notes are the next semitone's.
        let below = self.bins.start - 1;
        self.power.clear();
        self.power
            .extend(self.spectrum[below..=self.bins.end].iter().map(|c| c.norm_sqr()));
        self.peaks.clear();
        let mut total = 0f32;
        for (i, w) in self.power.windows(3).enumerate() {
            let (l, p, r) = (w[0], w[1], w[2]);
            if p > l && p >= r {
                self.peaks.push((self.bin_hz_refined(below + 1 + i, l, p, r), p.sqrt()));
                total += p;
            }
        }
        // The whole spectrum's energy tells silence (below −90 dB of a full-scale
        // sine's energy in every pitch class); the frame itself is the melody's. The
        // classes' sums are needed only near the floor: the strongest class holds at
        // most all of it and at least a twelfth.
        let floor = (FFT_SIZE as f32 / 4.0).powi(2) * 1e-9;
        let sounding = if total > 13.0 * floor {
            true
        } else {
            let mut classes = [0f32; 12];
            for (i, w) in self.power.windows(3).enumerate() {
                if w[1] > w[0] && w[1] >= w[2] {
                    let hz = self.bin_hz_refined(below + 1 + i, w[0], w[1], w[2]);
                    classes[usize::from(class_of(hz))] += w[1];
                }
            }
            classes.iter().any(|&e| e > floor)
        };
        let melody = melody_salience(&self.peaks);
        let loudest = melody.iter().copied().fold(0.0_f32, f32::max);
        let frame = if sounding && loudest > 0.0 {
            melody.map(|e| ((e / loudest) * 15.0).round() as u8)
        } else {
            [0; 12]
        };
        self.chroma.push(frame);
    }

    /// The frequency of the peak at bin `b`, refined from the peak's shape (a
    /// parabola through the log powers of it and its neighbours).
    fn bin_hz_refined(&self, b: usize, left: f32, peak: f32, right: f32) -> f32 {
        let (l, c, r) = (left.max(1e-30).ln(), peak.max(1e-30).ln(), right.max(1e-30).ln());
        let denom = l - 2.0 * c + r;
        let offset = if denom.abs() > f32::EPSILON {
            0.5 * (l - r) / denom
        } else {
            0.0
        };
        (b as f32 + offset.clamp(-0.5, 0.5)) * self.bin_hz
    }

    /// The summary and the chroma frames. A tail shorter than one FFT is padded out,
    /// so a short track still has its frames.
    pub fn finish(mut self) -> (Waveform, Chroma) {
        let seen = self.blocks.len() * WAVE_BLOCK + self.block_len;
        self.close_block();
        let expected = seen.div_ceil(self.hop);
        while self.chroma.len() < expected && !self.window.is_empty() {
            self.window.resize(FFT_SIZE.max(self.window.len()), 0.0);
            self.chroma_frame();
            self.advance();
        }
        (columns(&self.blocks), Chroma { frames: self.chroma })
    }
}

/// The pitch class of a frequency: semitones above C (A4 = 440 Hz is 9 above C).
fn class_of(hz: f32) -> u8 {
    let semis = (12.0 * (hz / 440.0).log2()).round() as i32 + 9;
    semis.rem_euclid(12) as u8
}

/// Melody range for the predominant pitch: G3 to F6.
const MELODY_LOW: f32 = 196.0;
const MELODY_HIGH: f32 = 1400.0;
const HARMONICS: usize = 8;

/// Per pitch class, the harmonic salience of the strongest pitch of that class in the
/// melody's range: each spectral peak there taken as a fundamental, its harmonics'
/// magnitudes summed with weights falling 0.8 a harmonic. The loudest voice with a
/// rich harmonic series wins; chords below and the bass count far less.
/// `peaks` ascend, so each harmonic's search window only moves up as the fundamental
/// does: one cursor per harmonic walks the peaks once (a binary search per harmonic
/// was most of the frame's time after the FFT).
fn melody_salience(peaks: &[(f32, f32)]) -> [f32; 12] {
    let mut out = [0f32; 12];
    let mut from = [0usize; HARMONICS];
    let top_hz = peaks.last().map_or(0.0, |p| p.0);
    for &(f0, _) in peaks.iter().filter(|p| (MELODY_LOW..=MELODY_HIGH).contains(&p.0)) {
        let mut weight = 1.0;
        let mut sal = 0.0;
        for (h, start) in from.iter_mut().enumerate() {
            let hz = f0 * (h + 1) as f32;
            let tol = hz * 0.03;
            if hz - tol > top_hz {
                break;
            }
            while *start < peaks.len() && peaks[*start].0 < hz - tol {
                *start += 1;
            }
            let near = peaks[*start..]
                .iter()
                .take_while(|p| p.0 <= hz + tol)
                .map(|p| p.1)
                .fold(0.0, f32::max);
            sal += weight * near;
            weight *= 0.8;
        }
        let c = usize::from(class_of(f0));
        out[c] = out[c].max(sal);
    }
    out
}

/// Merges fine blocks into at most WAVEFORM_COLUMNS columns.
fn columns(blocks: &[(f32, f32)]) -> Waveform {
    let n = blocks.len().min(WAVEFORM_COLUMNS);
    let mut wave = Waveform {
        min: Vec::with_capacity(n),
        max: Vec::with_capacity(n),
    };
    let q = |x: f32| (x.clamp(-1.0, 1.0) * 127.0).round() as i8;
    for c in 0..n {
        let from = c * blocks.len() / n;
        let to = ((c + 1) * blocks.len() / n).max(from + 1);
        let (lo, hi) = blocks[from..to]
            .iter()
            .fold((f32::MAX, f32::MIN), |(lo, hi), &(l, h)| (lo.min(l), hi.max(h)));
        wave.min.push(q(lo));
        wave.max.push(q(hi));
    }
    wave
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sine(hz: f32, secs: f32, rate: u32, amp: f32) -> Vec<f32> {
        let n = (secs * rate as f32) as usize;
        (0..n)
            .flat_map(|i| {
                let s = amp * (2.0 * std::f32::consts::PI * hz * i as f32 / rate as f32).sin();
                [s, s]
            })
            .collect()
    }

    /// `melody_salience` as it was first written: a binary search per harmonic.
    fn melody_salience_searched(peaks: &[(f32, f32)]) -> [f32; 12] {
        let mut out = [0f32; 12];
        let near = |hz: f32| -> f32 {
            let tol = hz * 0.03;
            let from = peaks.partition_point(|p| p.0 < hz - tol);
            peaks[from..]
                .iter()
                .take_while(|p| p.0 <= hz + tol)
                .map(|p| p.1)
                .fold(0.0, f32::max)
        };
        for &(f0, _) in peaks.iter().filter(|p| (MELODY_LOW..=MELODY_HIGH).contains(&p.0)) {
            let mut weight = 1.0;
            let mut sal = 0.0;
            for h in 1..=HARMONICS {
                sal += weight * near(f0 * h as f32);
                weight *= 0.8;
            }
            let c = usize::from(class_of(f0));
            out[c] = out[c].max(sal);
        }
        out
    }

    #[test]
    fn the_harmonic_cursors_find_what_a_search_per_harmonic_found() {
        // Ascending peaks as a frame has them (at least two bins apart), from 110 Hz
        // to 5 kHz, with pseudo-random spacing and magnitudes.
        let mut seed = 12345u64;
        let mut next = || {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as f32 / (1u64 << 31) as f32
        };
        for _ in 0..200 {
            let mut peaks = Vec::new();
            let mut hz = 110.0 + 30.0 * next();
            while hz < 5000.0 {
                peaks.push((hz, next() * 100.0));
                hz += 21.6 + 60.0 * next() * next();
            }
            assert_eq!(melody_salience(&peaks), melody_salience_searched(&peaks));
        }
        assert_eq!(melody_salience(&[]), [0.0; 12]);
    }

    #[test]
    fn an_a_is_an_a_and_the_waveform_follows_the_level() {
        let rate = 44_100;
        let mut quiet_then_loud = sine(440.0, 2.0, rate, 0.1);
        quiet_then_loud.extend(sine(440.0, 2.0, rate, 0.8));
        let mut m = FeatureMeter::new(2, rate);
        for chunk in quiet_then_loud.chunks(4096 * 2) {
            m.add(chunk);
        }
        let (wave, chroma) = m.finish();
        assert!(wave.max.len() > 600 && wave.max.len() <= WAVEFORM_COLUMNS);
        let first = wave.max[10];
        let last = wave.max[wave.max.len() - 10];
        assert!((12..=13).contains(&first), "quiet half peaks at 0.1: {first}");
        assert!((101..=102).contains(&last), "loud half peaks at 0.8: {last}");
        assert_eq!(wave.min[10], -first);
        // 4 s at 10 frames a second; every frame says A (9 semitones above C).
        assert!((38..=41).contains(&chroma.frames.len()), "{}", chroma.frames.len());
        for f in &chroma.frames[1..chroma.frames.len() - 1] {
            assert_eq!(f[9], 15, "{f:?}");
            assert!(f.iter().enumerate().all(|(i, &v)| i == 9 || v < 8), "{f:?}");
        }
        let back = Chroma::from_bytes(&chroma.to_bytes());
        assert_eq!(back, chroma);
        assert_eq!(Waveform::from_bytes(&wave.to_bytes()), wave);
    }

    /// A melody note over a louder chord below it: the frame names the melody's class,
    /// where the whole mix's chroma named the chord's root.
    #[test]
    fn the_melody_stands_out_over_a_louder_chord_below_it() {
        let rate = 44_100;
        // A5 with two harmonics, over C3, E3 and G2 (each louder than the melody).
        let mut mix = sine(880.0, 1.0, rate, 0.25);
        for (hz, amp) in [
            (1760.0, 0.12),
            (2640.0, 0.06),
            (130.81, 0.3),
            (164.81, 0.3),
            (98.0, 0.3),
        ] {
            for (s, t) in mix.iter_mut().zip(sine(hz, 1.0, rate, amp)) {
                *s += t;
            }
        }
        let mut m = FeatureMeter::new(2, rate);
        m.add(&mix);
        let (_, chroma) = m.finish();
        for f in &chroma.frames[1..chroma.frames.len() - 1] {
            let top = (0..12).max_by_key(|&k| f[k]).unwrap_or(0);
            assert_eq!(top, 9, "A leads: {f:?}");
        }
    }

    #[test]
    fn a_c_major_chord_lights_c_e_and_g() {
        let rate = 48_000;
        let mut chord = sine(261.63, 1.0, rate, 0.3);
        for (hz, amp) in [(329.63, 0.3), (392.0, 0.3)] {
            for (s, t) in chord.iter_mut().zip(sine(hz, 1.0, rate, amp)) {
                *s += t;
            }
        }
        let mut m = FeatureMeter::new(2, rate);
        m.add(&chord);
        let (_, chroma) = m.finish();
        let f = chroma.frames[3];
        for pc in [0, 4, 7] {
            assert!(f[pc] >= 12, "{f:?}");
        }
        for pc in [1, 2, 3, 5, 6, 8, 9, 10, 11] {
            assert!(f[pc] <= 5, "{f:?}");
        }
    }

    #[test]
    fn silence_has_no_pitch() {
        let mut m = FeatureMeter::new(1, 44_100);
        m.add(&vec![0.0; 44_100]);
        let (wave, chroma) = m.finish();
        assert!(chroma.frames.iter().all(|f| *f == [0; 12]));
        assert!(wave.max.iter().all(|&x| x == 0));
    }
}
