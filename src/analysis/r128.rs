//! EBU R128 / ITU-R BS.1770 loudness: K-weighting, 400 ms gating blocks every 100 ms,
//! 3 s short-term blocks every second, and the gated integrated loudness and loudness
//! range over them — the same filter, blocks and gates as libebur128 and its Rust port
//! (`ebur128`, against which the tests check this to 1e-9 LU).
//!
//! Why not that crate: it sums each 400 ms block and each 3 s block afresh from its
//! filtered audio (seven passes over every sample), and its filter's feedback sum waits
//! on the newest state first. Here each 100 ms is summed once and blocks add up those
//! sums, and the feedback term of the newest state is taken last, so the loop's chain
//! is one multiply and one subtraction long. Profiled on a FLAC album, the crate's
//! filter and blocks were about a third of the analysis pass's CPU; these are about a
//! tenth (docs/BENCHMARKS.md).

/// Energy of a block at −70 LUFS, the absolute gate (`10^((−70 + 0.691) / 10)`, as
/// libebur128 writes it).
const ABSOLUTE_GATE: f64 = 0.000_000_117_246_530_458_229_809_506_033_624_374;

/// Loudness (LUFS) of a mean square energy.
fn energy_to_loudness(energy: f64) -> f64 {
    10.0 * energy.log10() - 0.691
}

/// The K-weighting filter (high shelf, then high pass) for `rate`, as one 4th-order
/// filter: numerator `b`, denominator `a` (a[0] = 1). BS.1770's analogue prototypes,
/// as libebur128 derives them.
#[allow(non_snake_case)]
fn k_weighting(rate: f64) -> ([f64; 5], [f64; 5]) {
    let (f0, G, Q) = (1681.974450955533, 3.999843853973347, 0.7071752369554196);
    let K = (std::f64::consts::PI * f0 / rate).tan();
    let Vh = 10f64.powf(G / 20.0);
    let Vb = Vh.powf(0.4996667741545416);
    let a0 = 1.0 + K / Q + K * K;
    let pb = [
        (Vh + Vb * K / Q + K * K) / a0,
        2.0 * (K * K - Vh) / a0,
        (Vh - Vb * K / Q + K * K) / a0,
    ];
    let pa = [1.0, 2.0 * (K * K - 1.0) / a0, (1.0 - K / Q + K * K) / a0];

    let (f0, Q) = (38.13547087602444, 0.5003270373238773);
    let K = (std::f64::consts::PI * f0 / rate).tan();
    let rb = [1.0, -2.0, 1.0];
    let ra = [
        1.0,
        2.0 * (K * K - 1.0) / (1.0 + K / Q + K * K),
        (1.0 - K / Q + K * K) / (1.0 + K / Q + K * K),
    ];

    let convolve = |p: [f64; 3], r: [f64; 3]| {
        [
            p[0] * r[0],
            p[0] * r[1] + p[1] * r[0],
            p[0] * r[2] + p[1] * r[1] + p[2] * r[0],
            p[1] * r[2] + p[2] * r[1],
            p[2] * r[2],
        ]
    };
    (convolve(pb, rb), convolve(pa, ra))
}

/// How much each channel counts, by libebur128's default layout: L, R, C, (LFE), Ls, Rs;
/// four channels are L, R, Ls, Rs. Surrounds weigh 1.41; LFE and channels past the
/// sixth are not measured.
fn channel_weights(channels: usize) -> Vec<f64> {
    match channels {
        4 => vec![1.0, 1.0, 1.41, 1.41],
        5 => vec![1.0, 1.0, 1.0, 1.41, 1.41],
        n => (0..n)
            .map(|c| match c {
                0..=2 => 1.0,
                4 | 5 => 1.41,
                _ => 0.0,
            })
            .collect(),
    }
}

/// Sub-blocks (100 ms) in a gating block and in a short-term block.
const GATING_SUBS: usize = 4;
const SHORT_TERM_SUBS: usize = 30;
/// A short-term block starts every this many sub-blocks (1 s).
const SHORT_TERM_EVERY: usize = 10;

/// K-weighted mean square energies of one programme's blocks, as its samples arrive.
pub struct Blocks {
    b: [f64; 5],
    a: [f64; 5],
    weights: Vec<f64>,
    /// Per channel, the filter's last four internal states (newest first).
    state: Vec<[f64; 4]>,
    /// Frames in 100 ms (rounded as libebur128 rounds).
    per_sub: usize,
    /// Frames summed into the current 100 ms, and their squares per channel.
    filled: usize,
    squares: Vec<f64>,
    /// The weighted sums of the last 30 sub-blocks (a ring), and how many have ended.
    recent: [f64; SHORT_TERM_SUBS],
    ended: usize,
    /// Gating blocks (400 ms) above the absolute gate.
    pub gating: Vec<f64>,
    /// Short-term blocks (3 s) above the absolute gate, for the loudness range.
    pub short_term: Vec<f64>,
}

impl Blocks {
    pub fn new(channels: usize, rate: u32) -> Self {
        let (b, a) = k_weighting(f64::from(rate));
        Self {
            b,
            a,
            weights: channel_weights(channels),
            state: vec![[0.0; 4]; channels],
            per_sub: ((rate as usize + 5) / 10).max(1),
            filled: 0,
            squares: vec![0.0; channels],
            recent: [0.0; SHORT_TERM_SUBS],
            ended: 0,
            gating: Vec::new(),
            short_term: Vec::new(),
        }
    }

    /// Takes interleaved frames.
    pub fn add(&mut self, interleaved: &[f32]) {
        let channels = self.weights.len();
        let mut rest = interleaved;
        while !rest.is_empty() {
            let frames = (rest.len() / channels).min(self.per_sub - self.filled);
            if frames == 0 {
                break; // a partial frame: not ours to guess
            }
            let (now, later) = rest.split_at(frames * channels);
            let k = (&self.a, &self.b);
            let (state, squares) = (&mut self.state[..], &mut self.squares[..]);
            match channels {
                1 => k_filter::<1>(k, state, squares, now),
                2 => k_filter::<2>(k, state, squares, now),
                4 => k_filter::<4>(k, state, squares, now),
                5 => k_filter::<5>(k, state, squares, now),
                6 => k_filter::<6>(k, state, squares, now),
                8 => k_filter::<8>(k, state, squares, now),
                _ => {
                    for c in 0..channels {
                        let samples: Vec<f32> = now.iter().skip(c).step_by(channels).copied().collect();
                        k_filter::<1>(k, &mut state[c..=c], &mut squares[c..=c], &samples);
                    }
                }
            }
            self.filled += frames;
            if self.filled == self.per_sub {
                self.end_sub_block();
            }
            rest = later;
        }
        // A long silence decays the filter's states towards subnormal numbers, which
        // are slow on every x86; they are far below anything that can be heard.
        for s in self.state.iter_mut().flatten() {
            if s.abs() < f64::MIN_POSITIVE {
                *s = 0.0;
            }
        }
    }

    fn end_sub_block(&mut self) {
        // Unmeasured channels (LFE) are filtered along with the rest but never counted.
        let weighted: f64 = self
            .squares
            .iter()
            .zip(&self.weights)
            .filter(|(_, w)| **w != 0.0)
            .map(|(s, w)| s * w)
            .sum();
        self.recent[self.ended % SHORT_TERM_SUBS] = weighted;
        self.ended += 1;
        self.squares.fill(0.0);
        self.filled = 0;
        let mean_of_last = |n: usize| {
            let sum: f64 = (self.ended - n..self.ended)
                .map(|i| self.recent[i % SHORT_TERM_SUBS])
                .sum();
            sum / (n * self.per_sub) as f64
        };
        if self.ended >= GATING_SUBS {
            let energy = mean_of_last(GATING_SUBS);
            keep_above_gate(&mut self.gating, energy);
        }
        if self.ended >= SHORT_TERM_SUBS && (self.ended - SHORT_TERM_SUBS) % SHORT_TERM_EVERY == 0 {
            let energy = mean_of_last(SHORT_TERM_SUBS);
            keep_above_gate(&mut self.short_term, energy);
        }
    }
}

/// K-weights whole frames of `C` channels side by side, adding each channel's squares
/// to `squares`. The newest state's feedback term is taken last: it is the only one
/// that waits on the previous sample, so each channel's loop-carried chain is one
/// multiply and one subtraction, and the processor runs the channels' chains together.
fn k_filter<const C: usize>(
    (a, b): (&[f64; 5], &[f64; 5]),
    state: &mut [[f64; 4]],
    squares: &mut [f64],
    frames: &[f32],
) {
    let mut s = [[0.0f64; C]; 4];
    for (c, st) in state.iter().enumerate() {
        for k in 0..4 {
            s[k][c] = st[k];
        }
    }
    let mut sum = [0.0f64; C];
    for frame in frames.chunks_exact(C) {
        for c in 0..C {
            let s0 = f64::from(frame[c]) - a[4] * s[3][c] - a[3] * s[2][c] - a[2] * s[1][c] - a[1] * s[0][c];
            let y = b[0] * s0 + b[1] * s[0][c] + b[2] * s[1][c] + b[3] * s[2][c] + b[4] * s[3][c];
            sum[c] += y * y;
            (s[3][c], s[2][c], s[1][c], s[0][c]) = (s[2][c], s[1][c], s[0][c], s0);
        }
    }
    for (c, st) in state.iter_mut().enumerate() {
        *st = [s[0][c], s[1][c], s[2][c], s[3][c]];
        squares[c] += sum[c];
    }
}

/// Blocks under −70 LUFS are silence to the standard; NaN (a broken decoder's) is kept
/// so that the result says so.
fn keep_above_gate(blocks: &mut Vec<f64>, energy: f64) {
    if energy >= ABSOLUTE_GATE || energy.is_nan() {
        blocks.push(energy);
    }
}

/// Integrated loudness (LUFS) over the gating blocks of one or more programmes in
/// order: blocks 10 LU under their mean are left out. `-inf` without blocks.
pub fn integrated<'a>(programmes: impl Iterator<Item = &'a [f64]> + Clone) -> f64 {
    let (count, sum) = programmes
        .clone()
        .fold((0usize, 0.0f64), |(n, s), p| (n + p.len(), s + p.iter().sum::<f64>()));
    if count == 0 {
        return f64::NEG_INFINITY;
    }
    if sum.is_nan() {
        return f64::NAN;
    }
    let threshold = sum / count as f64 * 10f64.powf(-10.0 / 10.0);
    let (count, sum) = programmes
        .flat_map(|p| p.iter())
        .filter(|&&e| e >= threshold)
        .fold((0usize, 0.0f64), |(n, s), &e| (n + 1, s + e));
    if count == 0 {
        return f64::NEG_INFINITY;
    }
    energy_to_loudness(sum / count as f64)
}

/// Loudness range (LU, EBU Tech 3342) over the short-term blocks of one or more
/// programmes: the spread from the 10th to the 95th percentile of the blocks not 20 LU
/// under their mean.
pub fn range<'a>(programmes: impl Iterator<Item = &'a [f64]>) -> f64 {
    let mut blocks: Vec<f64> = programmes.flatten().copied().collect();
    if blocks.is_empty() {
        return 0.0;
    }
    if blocks.iter().any(|e| e.is_nan()) {
        return f64::NAN;
    }
    blocks.sort_unstable_by(f64::total_cmp);
    let mean = blocks.iter().sum::<f64>() / blocks.len() as f64;
    let threshold = 10f64.powf(-20.0 / 10.0) * mean;
    let gated = blocks.iter().take_while(|&&e| e < threshold).count();
    let Some(last) = (blocks.len() - gated).checked_sub(1) else {
        return 0.0;
    };
    let at = |share: f64| blocks[gated + (last as f64 * share + 0.5) as usize];
    energy_to_loudness(at(0.95)) - energy_to_loudness(at(0.1))
}
