//! Seeking lands within 10 ms of the target, forward and backward, in every format,
//! and the reported position is right after it. Where it landed is measured by
//! matching the audio after the seek against a decode of the whole file.

mod common;

use std::time::Duration;

use common::*;
use leitmotif::player::{Command, Decoder, Event};

const SECONDS: u64 = 6;

/// A signal with no repeating stretch (two tones plus a slow glide), so a window of it
/// matches the reference at one offset only.
fn signal(rate: u32) -> Vec<f32> {
    let n = u64::from(rate) * SECONDS;
    let mut v = Vec::with_capacity(n as usize * 2);
    for i in 0..n {
        let t = i as f64 / f64::from(rate);
        let glide = 2.0 * std::f64::consts::PI * (200.0 * t + 60.0 * t * t);
        let s = 0.3 * glide.sin() + 0.2 * (2.0 * std::f64::consts::PI * 1234.5 * t).sin();
        v.push(s as f32);
        v.push(s as f32);
    }
    v
}

fn reference(path: &std::path::Path) -> Vec<f32> {
    let mut d = Decoder::open(path, None, None).expect("opens");
    let mut all = Vec::new();
    while d.read(&mut all, 4096).expect("decodes") > 0 {}
    all.iter().step_by(2).copied().collect()
}

/// Offset in `reference` where `window` fits best, searched within ±`radius` of `around`.
fn locate(reference: &[f32], window: &[f32], around: usize, radius: usize) -> usize {
    let lo = around.saturating_sub(radius);
    let hi = (around + radius).min(reference.len() - window.len());
    (lo..=hi)
        .map(|o| {
            let e: f64 = window
                .iter()
                .zip(&reference[o..])
                .map(|(a, b)| f64::from(a - b).powi(2))
                .sum();
            (e, o)
        })
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, o)| o)
        .unwrap_or(lo)
}

fn check_seek(format: Format, tolerance_ms: f64) {
    let dir = tempdir();
    let file = encode(dir.path(), "long", format, &signal(format.rate), &[]);
    let reference = reference(&file);
    let rate = format.rate as usize;
    let mut h = Headless::new(format.rate);
    h.play(std::slice::from_ref(&file));
    h.wait_for("track_started", |e| matches!(e, Event::TrackStarted { .. }));
    h.pull(rate / 2);
    // Forward, then backward, then forward again to a point off any packet boundary.
    for target_ms in [4_000u64, 1_300, 2_777] {
        let target = Duration::from_millis(target_ms);
        h.seen.clear();
        h.engine.send(Command::Seek(target));
        let reported = h.wait_for("seeked", |e| matches!(e, Event::Seeked { .. }));
        let Event::Seeked { position, .. } = reported else {
            unreachable!()
        };
        assert!(
            position.abs_diff(target) <= Duration::from_millis(1),
            "reported {position:?} for {target:?}"
        );
        let pulled = h.pull(4096 + 256);
        let window = &pulled[256..];
        let expected = target_ms as usize * rate / 1000 + 256;
        let found = locate(&reference, window, expected, rate / 5);
        let error_ms = (found as f64 - expected as f64) * 1000.0 / rate as f64;
        println!("{}: seek to {target_ms} ms landed {error_ms:+.3} ms off", format.name);
        assert!(
            error_ms.abs() <= tolerance_ms,
            "{}: seek to {target_ms} ms landed {error_ms:+.1} ms off",
            format.name
        );
        // The position reported next is the new one.
        h.pull(4096);
        let last = h.seen.iter().rev().find_map(|e| match e {
            Event::Position { position, .. } => Some(*position),
            _ => None,
        });
        if let Some(p) = last {
            assert!(
                p >= target && p <= target + Duration::from_millis(500),
                "position {p:?} after seeking to {target:?}"
            );
        }
    }
}

#[test]
fn seek_wav() {
    check_seek(WAV, 10.0);
}

#[test]
fn seek_flac() {
    check_seek(FLAC, 10.0);
}

#[test]
fn seek_aiff() {
    check_seek(AIFF, 10.0);
}

#[test]
fn seek_alac() {
    check_seek(ALAC, 10.0);
}

#[test]
fn seek_vorbis() {
    check_seek(VORBIS, 10.0);
}

#[test]
fn seek_opus() {
    check_seek(OPUS, 10.0);
}

#[test]
fn seek_mp3() {
    check_seek(MP3, 10.0);
}

#[test]
fn seek_aac() {
    check_seek(AAC, 10.0);
}
