//! Integer PCM made in the test and encoded losslessly: what bit-perfect output must
//! deliver unchanged.

use std::path::{Path, PathBuf};
use std::process::Command as Process;

/// Pseudo-random full-range samples (a fixed LCG): every bit of every sample matters.
pub fn noise(seed: u64, frames: usize, bits: u32) -> Vec<i32> {
    let mut x = seed;
    let half = 1i64 << (bits - 1);
    (0..frames * 2)
        .map(|_| {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            // Within -6 dBFS, so no codec clips.
            (((x >> 33) as i64 % half) - half / 2) as i32
        })
        .collect()
}

/// Writes integer PCM (stereo) as a WAV, then encodes it to FLAC with ffmpeg.
pub fn flac(dir: &Path, name: &str, rate: u32, bits: u32, samples: &[i32], tags: &[(&str, &str)]) -> PathBuf {
    let wav = dir.join(format!("{name}.wav"));
    let width = (bits / 8) as usize;
    let data: Vec<u8> = samples.iter().flat_map(|s| s.to_le_bytes()[..width].to_vec()).collect();
    let mut b = Vec::new();
    b.extend_from_slice(b"RIFF");
    b.extend_from_slice(&(36 + data.len() as u32).to_le_bytes());
    b.extend_from_slice(b"WAVEfmt ");
    b.extend_from_slice(&16u32.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&2u16.to_le_bytes());
    b.extend_from_slice(&rate.to_le_bytes());
    b.extend_from_slice(&(rate * 2 * width as u32).to_le_bytes());
    b.extend_from_slice(&(2 * width as u16).to_le_bytes());
    b.extend_from_slice(&(bits as u16).to_le_bytes());
    b.extend_from_slice(b"data");
    b.extend_from_slice(&(data.len() as u32).to_le_bytes());
    b.extend_from_slice(&data);
    std::fs::write(&wav, b).expect("write wav");
    let out = dir.join(format!("{name}.flac"));
    let mut cmd = Process::new("ffmpeg");
    cmd.args(["-hide_banner", "-loglevel", "error", "-y", "-i"])
        .arg(&wav)
        .args(["-c:a", "flac"]);
    for (k, v) in tags {
        cmd.arg("-metadata").arg(format!("{k}={v}"));
    }
    assert!(cmd.arg(&out).status().expect("ffmpeg runs").success());
    out
}
