//! Turns decoded audio into the output's channel layout and sample rate.
//!
//! The resampler (rubato's FFT resampler, not a linear interpolator) is kept across
//! track boundaries while the input rate stays the same, so a 48 kHz album played on a
//! 44.1 kHz device is one continuous stream and its joins stay gapless.

use rubato::{FftFixedIn, Resampler};

/// Input frames per resampler call: ~23 ms at 44.1 kHz.
const CHUNK: usize = 1024;

/// Maps `input` (interleaved, `in_ch` channels) to `out_ch` channels, scaled by `gain`.
pub fn map_channels(input: &[f32], in_ch: usize, out_ch: usize, gain: f32, out: &mut Vec<f32>) {
    if in_ch == out_ch {
        out.extend(input.iter().map(|s| s * gain));
        return;
    }
    for frame in input.chunks_exact(in_ch) {
        match (in_ch, out_ch) {
            (1, _) => out.extend(std::iter::repeat_n(frame[0] * gain, out_ch)),
            (_, 1) => out.push(frame.iter().sum::<f32>() / in_ch as f32 * gain),
            _ => {
                // More channels than the output: fold the extra ones into the first
                // pair at -3 dB; fewer: copy what there is and repeat the last.
                for c in 0..out_ch {
                    let mut s = frame.get(c).copied().unwrap_or(frame[in_ch - 1]);
                    if out_ch == 2 && in_ch > 2 {
                        s += frame[2..].iter().sum::<f32>() * std::f32::consts::FRAC_1_SQRT_2 / (in_ch - 2) as f32;
                    }
                    out.push(s * gain);
                }
            }
        }
    }
}

struct Resampling {
    resampler: FftFixedIn<f32>,
    in_rate: u32,
    /// Planar input waiting for a full chunk.
    input: Vec<Vec<f32>>,
    output: Vec<Vec<f32>>,
    /// Output frames still to drop: the resampler's own delay.
    delay_left: usize,
    in_frames: u64,
    out_frames: u64,
}

pub struct Converter {
    out_rate: u32,
    channels: usize,
    resampling: Option<Resampling>,
}

impl Converter {
    pub fn new(out_rate: u32, channels: usize) -> Self {
        Self {
            out_rate,
            channels,
            resampling: None,
        }
    }

    /// Converts `input` (interleaved, already in the output's channel layout, at `in_rate`)
    /// and appends the result to `out`. Some of it may stay buffered until the next call.
    pub fn push(&mut self, input: &[f32], in_rate: u32, out: &mut Vec<f32>) {
        let current = self.resampling.as_ref().map_or(self.out_rate, |r| r.in_rate);
        if current != in_rate {
            self.flush(out);
            if in_rate != self.out_rate {
                self.resampling = self.make(in_rate);
            }
        }
        let Some(r) = self.resampling.as_mut() else {
            out.extend_from_slice(input);
            return;
        };
        for frame in input.chunks_exact(self.channels) {
            for (c, s) in frame.iter().enumerate() {
                r.input[c].push(*s);
            }
        }
        r.in_frames += (input.len() / self.channels) as u64;
        while r.input[0].len() >= r.resampler.input_frames_next() {
            run(r, self.channels, out, None);
        }
    }

    /// Empties the resampler: what is still buffered comes out, to the exact length.
    pub fn flush(&mut self, out: &mut Vec<f32>) {
        let Some(mut r) = self.resampling.take() else {
            return;
        };
        let expected = (u128::from(r.in_frames) * u128::from(self.out_rate)).div_ceil(u128::from(r.in_rate)) as u64;
        // Pad with the last frame held rather than silence, so the filter's tail does
        // not dip toward zero right before the next track.
        let hold: Vec<f32> = r.input.iter().map(|ch| ch.last().copied().unwrap_or(0.0)).collect();
        let mut guard = 0;
        while r.out_frames < expected && guard < 64 {
            let need = r.resampler.input_frames_next();
            for (c, ch) in r.input.iter_mut().enumerate() {
                ch.resize(need.max(ch.len()), hold[c]);
            }
            run(&mut r, self.channels, out, Some(expected));
            guard += 1;
        }
    }

    /// Drops anything buffered (after a seek or a stop).
    pub fn reset(&mut self) {
        self.resampling = None;
    }

    fn make(&self, in_rate: u32) -> Option<Resampling> {
        let resampler =
            FftFixedIn::<f32>::new(in_rate as usize, self.out_rate as usize, CHUNK, 2, self.channels).ok()?;
        let delay_left = resampler.output_delay();
        let output = resampler.output_buffer_allocate(true);
        Some(Resampling {
            resampler,
            in_rate,
            input: vec![Vec::with_capacity(CHUNK * 2); self.channels],
            output,
            delay_left,
            in_frames: 0,
            out_frames: 0,
        })
    }
}

/// One resampler call on the front of `r.input`; appends what is due to `out`.
fn run(r: &mut Resampling, channels: usize, out: &mut Vec<f32>, limit: Option<u64>) {
    let need = r.resampler.input_frames_next();
    let result = r.resampler.process_into_buffer(&r.input, &mut r.output, None);
    let Ok((used, produced)) = result else {
        // Cannot happen with buffers from the resampler's own allocators; drop the input.
        for ch in &mut r.input {
            ch.clear();
        }
        return;
    };
    debug_assert_eq!(used, need);
    for ch in &mut r.input {
        ch.drain(..used.min(ch.len()));
    }
    let skip = r.delay_left.min(produced);
    r.delay_left -= skip;
    let mut frames = produced - skip;
    if let Some(limit) = limit {
        frames = frames.min(limit.saturating_sub(r.out_frames) as usize);
    }
    for i in skip..skip + frames {
        for c in 0..channels {
            out.push(r.output[c][i]);
        }
    }
    r.out_frames += frames as u64;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn channel_mapping() {
        let mut out = Vec::new();
        map_channels(&[0.5, -0.5], 1, 2, 1.0, &mut out);
        assert_eq!(out, [0.5, 0.5, -0.5, -0.5]);
        out.clear();
        map_channels(&[0.2, 0.4], 2, 1, 2.0, &mut out);
        assert!((out[0] - 0.6).abs() < 1e-6);
        out.clear();
        map_channels(&[0.1, 0.2], 2, 2, 0.5, &mut out);
        assert_eq!(out, [0.05, 0.1]);
    }

    #[test]
    fn passthrough_at_the_output_rate() {
        let mut c = Converter::new(44_100, 2);
        let input: Vec<f32> = (0..2000).map(|i| i as f32 / 2000.0).collect();
        let mut out = Vec::new();
        c.push(&input, 44_100, &mut out);
        c.flush(&mut out);
        assert_eq!(out, input);
    }

    #[test]
    fn resampling_keeps_exact_length_and_level() {
        let mut c = Converter::new(44_100, 1);
        let frames = 48_000 + 123;
        let input: Vec<f32> = (0..frames)
            .map(|i| (2.0 * std::f32::consts::PI * 440.0 * i as f32 / 48_000.0).sin() * 0.5)
            .collect();
        let mut out = Vec::new();
        for chunk in input.chunks(700) {
            c.push(chunk, 48_000, &mut out);
        }
        c.flush(&mut out);
        let expected = (frames as u64 * 44_100).div_ceil(48_000) as usize;
        assert_eq!(out.len(), expected);
        let peak = out[1000..out.len() - 1000].iter().fold(0f32, |m, s| m.max(s.abs()));
        assert!((peak - 0.5).abs() < 0.01, "peak {peak}");
    }
}
