//! True (inter-sample) peak: the signal oversampled 4× under 96 kHz, 2× under 192 kHz,
//! by the same 48-tap windowed-sinc polyphase filter as libebur128 and its Rust port
//! (`ebur128`), summed in the same order in `f32`, so the peaks are the same numbers.
//!
//! What this adds: a stretch whose samples, times the filter's largest gain, cannot
//! reach the peak found so far is not oversampled at all (an FIR filter has no state to
//! keep up). In music the loud passages set the peak early and most of the rest is
//! skipped; oversampling was a third of the analysis pass.

/// Taps of the whole filter; each of its `factor` phases has `TAPS / factor`.
const TAPS: usize = 48;
/// Outputs judged together for skipping.
const STRETCH: usize = 64;

pub struct TruePeak {
    channels: usize,
    /// `by_tap[t][p]`: the weight of the sample `t` frames back in output phase `p`
    /// (2× uses two of the four).
    by_tap: Vec<[f32; 4]>,
    /// Outputs per input sample (the oversampling factor).
    phases: usize,
    /// The largest sum of absolute weights of any phase: no output exceeds the largest
    /// input it sees times this.
    gain: f32,
    /// Per channel, the last `taps − 1` samples (oldest first) and then the new ones.
    history: Vec<Vec<f32>>,
    peak: f32,
}

impl TruePeak {
    /// `None` at 192 kHz and above, where the samples are the peak (as libebur128).
    pub fn new(channels: usize, rate: u32) -> Option<Self> {
        let factor = match rate {
            ..96_000 => 4,
            96_000..192_000 => 2,
            _ => return None,
        };
        let taps = TAPS / factor;
        let mut by_tap = vec![[0.0f32; 4]; taps];
        let window = TAPS as f64;
        for j in 0..TAPS {
            let (t, p) = (j / factor, j % factor);
            let w = 0.5 * (1.0 - (2.0 * std::f64::consts::PI * j as f64 / window).cos());
            let m = j as f64 - window / 2.0;
            let x = m * std::f64::consts::PI / factor as f64;
            by_tap[t][p] = if m.abs() > 0.000_001 { w * x.sin() / x } else { w } as f32;
        }
        let gain = (0..factor)
            .map(|p| by_tap.iter().map(|h| h[p].abs()).sum::<f32>())
            .fold(0.0, f32::max);
        Some(Self {
            channels,
            by_tap,
            phases: factor,
            // Rounding in the sums could pass the exact bound by a few ulps.
            gain: gain * 1.001,
            history: vec![vec![0.0; taps - 1]; channels],
            peak: 0.0,
        })
    }

    /// The highest oversampled magnitude so far, over all channels.
    pub fn peak(&self) -> f64 {
        f64::from(self.peak)
    }

    /// Takes interleaved frames.
    pub fn add(&mut self, interleaved: &[f32]) {
        let taps = self.by_tap.len();
        for c in 0..self.channels {
            let mut xs = std::mem::take(&mut self.history[c]);
            // Whole frames by a fixed step: with `skip().step_by()` the copy was ~5 % of
            // a loudness-only pass on FLAC.
            match self.channels {
                1 => xs.extend_from_slice(interleaved),
                2 if c == 0 => xs.extend(interleaved.chunks_exact(2).map(|f| f[0])),
                2 => xs.extend(interleaved.chunks_exact(2).map(|f| f[1])),
                n => xs.extend(interleaved.chunks_exact(n).map(|f| f[c])),
            }
            self.scan(&xs);
            xs.drain(..xs.len() - (taps - 1));
            self.history[c] = xs;
        }
    }

    /// `xs`: `taps − 1` earlier samples, then the new ones; looks at each new one's
    /// outputs.
    fn scan(&mut self, xs: &[f32]) {
        let taps = self.by_tap.len();
        let mut first = taps - 1;
        while first < xs.len() {
            let end = (first + STRETCH).min(xs.len());
            let seen = &xs[first + 1 - taps..end];
            let loudest = seen.iter().fold(0.0f32, |m, x| m.max(x.abs()));
            if loudest * self.gain > self.peak {
                self.peak = oversampled_peak(&self.by_tap, self.phases, seen, self.peak);
            }
            first = end;
        }
    }
}

/// The highest of `peak` and the oversampled magnitudes of `xs[taps − 1..]` (at most
/// `STRETCH` of them), each sum taken newest sample first like libebur128's.
fn oversampled_peak(by_tap: &[[f32; 4]], phases: usize, xs: &[f32], peak: f32) -> f32 {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx") {
        // SAFETY: the processor was just found to have AVX.
        return unsafe { oversampled_peak_avx(by_tap, phases, xs, peak) };
    }
    oversampled_peak_any(by_tap, phases, xs, peak)
}

/// Twice the lanes of the SSE2 every x86-64 has, and no fused multiply-add, so the
/// sums round exactly as without it.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "avx")]
fn oversampled_peak_avx(by_tap: &[[f32; 4]], phases: usize, xs: &[f32], peak: f32) -> f32 {
    oversampled_peak_any(by_tap, phases, xs, peak)
}

/// Output by output along the stretch for one tap at a time: the inner loop is the
/// same multiply-add on neighbouring samples, which becomes vector instructions.
#[inline(always)]
fn oversampled_peak_any(by_tap: &[[f32; 4]], phases: usize, xs: &[f32], peak: f32) -> f32 {
    let taps = by_tap.len();
    let n = xs.len() + 1 - taps;
    let mut lanes = [peak; 8];
    for p in 0..phases {
        let mut out = [0.0f32; STRETCH];
        for (t, h) in by_tap.iter().enumerate() {
            let h = h[p];
            let newest = &xs[taps - 1 - t..taps - 1 - t + n];
            for (o, x) in out[..n].iter_mut().zip(newest) {
                *o += x * h;
            }
        }
        for chunk in out.chunks_exact(8) {
            for (lane, o) in lanes.iter_mut().zip(chunk) {
                *lane = lane.max(o.abs());
            }
        }
    }
    lanes.iter().copied().fold(peak, f32::max)
}
