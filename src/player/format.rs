//! Sample formats a device stream can carry, for bit-perfect output: a track's own rate,
//! channels and sample width, so that what reaches the device is what the file holds.
//!
//! The engine works in 32-bit floats. That loses nothing on the way to a device: a
//! decoder scales a 16- or 24-bit integer by a power of two into a float, whose 24-bit
//! mantissa holds it exactly, and scaling back by the same power of two gives the
//! integer again (unit-tested below over every 16-bit value and a 24-bit sweep).

use symphonia::core::codecs::CodecParameters;
use symphonia::core::sample::SampleFormat;

/// How one sample travels to the device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SampleKind {
    F32,
    I16,
    /// 24-bit integers, carried in the low bits of 32-bit words (PulseAudio's s24-32).
    I24,
    I32,
}

impl SampleKind {
    /// The format a track's samples have in the file: integers of the width the codec
    /// declares (FLAC, ALAC, WAV), floats for float PCM and lossy codecs.
    pub fn of_codec(params: &CodecParameters) -> SampleKind {
        if matches!(params.sample_format, Some(SampleFormat::F32 | SampleFormat::F64)) {
            return SampleKind::F32;
        }
        let bits = params.bits_per_sample.or(match params.sample_format {
            Some(SampleFormat::U8 | SampleFormat::S8) => Some(8),
            Some(SampleFormat::S16 | SampleFormat::U16) => Some(16),
            Some(SampleFormat::S24 | SampleFormat::U24) => Some(24),
            Some(SampleFormat::S32 | SampleFormat::U32) => Some(32),
            _ => None,
        });
        match bits {
            Some(1..=16) => SampleKind::I16,
            Some(17..=24) => SampleKind::I24,
            Some(25..=32) => SampleKind::I32,
            _ => SampleKind::F32,
        }
    }

    /// As the now-playing bar says it.
    pub fn label(self) -> &'static str {
        match self {
            SampleKind::F32 => "32-bit float",
            SampleKind::I16 => "16-bit",
            SampleKind::I24 => "24-bit",
            SampleKind::I32 => "32-bit",
        }
    }

    pub fn bytes(self) -> usize {
        match self {
            SampleKind::I16 => 2,
            SampleKind::F32 | SampleKind::I24 | SampleKind::I32 => 4,
        }
    }

    /// Appends `samples` in this format, native-endian, to `out`.
    pub fn write(self, samples: &[f32], out: &mut Vec<u8>) {
        match self {
            SampleKind::F32 => samples.iter().for_each(|s| out.extend_from_slice(&s.to_ne_bytes())),
            SampleKind::I16 => samples
                .iter()
                .for_each(|&s| out.extend_from_slice(&(to_int(s, 15) as i16).to_ne_bytes())),
            SampleKind::I24 => samples
                .iter()
                .for_each(|&s| out.extend_from_slice(&(to_int(s, 23) as i32).to_ne_bytes())),
            SampleKind::I32 => samples
                .iter()
                .for_each(|&s| out.extend_from_slice(&(to_int(s, 31) as i32).to_ne_bytes())),
        }
    }
}

/// A float in [-1, 1) as a signed integer of `bits` + 1 bits: exact for any float a
/// decoder made from such an integer; rounded and clamped otherwise.
fn to_int(s: f32, bits: u32) -> i64 {
    let scale = (1i64 << bits) as f64;
    (f64::from(s) * scale).round().clamp(-scale, scale - 1.0) as i64
}

/// The format a device stream is opened with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct StreamFormat {
    pub rate: u32,
    pub channels: u16,
    pub sample: SampleKind,
}

impl StreamFormat {
    /// "96 kHz · 24-bit"
    pub fn label(&self) -> String {
        format!("{} · {}", khz(self.rate), self.sample.label())
    }
}

/// 96_000 → "96 kHz", 44_100 → "44.1 kHz".
pub fn khz(rate: u32) -> String {
    let khz = f64::from(rate) / 1000.0;
    if rate % 1000 == 0 {
        format!("{khz:.0} kHz")
    } else {
        format!("{khz:.1} kHz")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ne_i32(bytes: &[u8]) -> Vec<i32> {
        bytes
            .chunks_exact(4)
            .map(|b| i32::from_ne_bytes([b[0], b[1], b[2], b[3]]))
            .collect()
    }

    #[test]
    fn every_16_bit_value_survives_the_float_pipeline() {
        let ints: Vec<i16> = (i16::MIN..=i16::MAX).collect();
        // As symphonia converts: the integer scaled by 2^-15.
        let floats: Vec<f32> = ints.iter().map(|&i| f32::from(i) / 32768.0).collect();
        let mut out = Vec::new();
        SampleKind::I16.write(&floats, &mut out);
        let back: Vec<i16> = out.chunks_exact(2).map(|b| i16::from_ne_bytes([b[0], b[1]])).collect();
        assert_eq!(back, ints);
    }

    #[test]
    fn a_24_bit_sweep_survives_the_float_pipeline() {
        // Both ends, zero, and a prime stride through the rest.
        let mut ints: Vec<i32> = (-(1 << 23)..(1 << 23)).step_by(7919).collect();
        ints.extend([-(1 << 23), -1, 0, 1, (1 << 23) - 1]);
        // symphonia's FLAC decoder gives i32 samples shifted to full scale, then /2^31.
        let floats: Vec<f32> = ints.iter().map(|&i| ((i << 8) as f32) / 2_147_483_648.0).collect();
        let mut out = Vec::new();
        SampleKind::I24.write(&floats, &mut out);
        assert_eq!(ne_i32(&out), ints);
    }

    #[test]
    fn out_of_range_floats_clamp_instead_of_wrapping() {
        let mut out = Vec::new();
        SampleKind::I16.write(&[1.5, -1.5, 1.0], &mut out);
        let back: Vec<i16> = out.chunks_exact(2).map(|b| i16::from_ne_bytes([b[0], b[1]])).collect();
        assert_eq!(back, [i16::MAX, i16::MIN, i16::MAX]);
    }

    #[test]
    fn labels() {
        let f = StreamFormat {
            rate: 96_000,
            channels: 2,
            sample: SampleKind::I24,
        };
        assert_eq!(f.label(), "96 kHz · 24-bit");
        let f = StreamFormat {
            rate: 44_100,
            channels: 2,
            sample: SampleKind::I16,
        };
        assert_eq!(f.label(), "44.1 kHz · 16-bit");
    }
}
