//! A continuous tone cut into three files at points that are not frame- or
//! packet-aligned must come back out of the engine as one unbroken tone of exactly the
//! original length, for every format that can carry gapless information.

mod common;

use common::*;

/// Lengths of the three pieces, in frames: odd, and no multiple of any codec's frame size.
const PIECES: [u64; 3] = [31_337, 27_001, 22_057];
const FREQ: f64 = 1_000.0;
const AMP: f64 = 0.5;

fn check_gapless(format: Format, max_residual: f64) {
    let dir = tempdir();
    let mut start = 0;
    let mut files = Vec::new();
    for (i, len) in PIECES.iter().enumerate() {
        let pcm = tone(FREQ, AMP, format.rate, start, *len);
        files.push(encode(dir.path(), &format!("part{i}"), format, &pcm, &[]));
        start += len;
    }
    let total: u64 = PIECES.iter().sum();
    // The tone ends away from a zero crossing, so its last sample marks the end.
    let last = (2.0 * std::f64::consts::PI * FREQ * (total - 1) as f64 / f64::from(format.rate)).cos();
    assert!(last.abs() > 0.1);

    let mut h = Headless::new(format.rate);
    h.play(&files);
    let out = h.pull_to_end(4096);

    let (first, end) = span(&out, 0.01).expect("something played");
    let length = (end - first) as u64;
    let (residual, at) = tone_residual(&out[first..end], FREQ, format.rate, AMP, 32);
    println!(
        "{}: {length} frames (expected {total}), largest residual {residual:.4} at frame {at}",
        format.name
    );
    assert_eq!(
        length,
        total,
        "{}: the joined length is off by {} frames",
        format.name,
        length as i64 - total as i64
    );
    assert!(
        residual <= max_residual,
        "{}: discontinuity {residual:.4} at frame {at} (joins at {} and {})",
        format.name,
        PIECES[0],
        PIECES[0] + PIECES[1]
    );
    assert_eq!(h.tracks_started(), 3);
}

// A dropped or doubled sample of a 1 kHz tone at 44.1 kHz leaves a residual of ~0.14;
// a gap or a jump far more. Lossless formats must be near-exact (16-bit rounding only);
// lossy ones carry their own coding error, measured on the files without any join.

#[test]
fn wav_is_gapless() {
    check_gapless(WAV, 0.002);
}

#[test]
fn flac_is_gapless() {
    check_gapless(FLAC, 0.002);
}

#[test]
fn aiff_is_gapless() {
    check_gapless(AIFF, 0.002);
}

#[test]
fn alac_is_gapless() {
    check_gapless(ALAC, 0.002);
}

#[test]
fn vorbis_is_gapless() {
    check_gapless(VORBIS, 0.25);
}

#[test]
fn opus_is_gapless() {
    check_gapless(OPUS, 0.25);
}

#[test]
fn mp3_is_gapless() {
    check_gapless(MP3, 0.25);
}

/// A 48 kHz track then a 44.1 kHz one, on a 44.1 kHz output: the first is resampled,
/// the second is not, and the change makes no click (no step larger than the tone's own).
#[test]
fn mixed_sample_rates_join_without_a_click() {
    let dir = tempdir();
    // One second each: the tone's phase continues exactly across the change of rate.
    let a = encode(
        dir.path(),
        "a48",
        Format { rate: 48_000, ..FLAC },
        &tone(FREQ, AMP, 48_000, 0, 48_000),
        &[],
    );
    let b = encode(dir.path(), "b44", FLAC, &tone(FREQ, AMP, 44_100, 44_100, 44_100), &[]);
    let mut h = Headless::new(44_100);
    h.play(&[a, b]);
    let out = h.pull_to_end(1024);
    let (first, end) = span(&out, 0.01).expect("audio");
    let length = end - first;
    assert!((length as i64 - 88_200).abs() <= 2, "length {length}");
    let max_step = 2.0 * std::f64::consts::PI * FREQ / 44_100.0 * AMP;
    let worst = out[first + 64..end - 64]
        .windows(2)
        .map(|w| f64::from((w[1] - w[0]).abs()))
        .fold(0.0, f64::max);
    println!("largest step {worst:.4}, the tone's own {max_step:.4}");
    assert!(worst < max_step * 1.1, "click: step {worst:.4} > {max_step:.4}");
    let (residual, at) = tone_residual(&out[first + 64..end - 64], FREQ, 44_100, AMP, 0);
    println!("residual {residual:.4} at {at}");
    assert!(
        residual < 0.05,
        "discontinuity {residual:.4} at {at} around the change of rate (44100)"
    );
}

/// A FLAC image split by its .cue (the sheet names the ripped .wav) plays as the
/// continuous image: three tracks, exact total length, no discontinuity at the cuts.
#[test]
fn cue_tracks_are_gapless() {
    let dir = tempdir();
    let total = 44_100 * 3;
    let pcm = tone(FREQ, AMP, 44_100, 0, total);
    encode(dir.path(), "image", FLAC, &pcm, &[]);
    let sheet = "FILE \"image.wav\" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    INDEX 00 00:00:70\n    INDEX 01 00:01:05\n  TRACK 03 AUDIO\n    INDEX 01 00:02:33\n";
    let cue = dir.path().join("image.cue");
    std::fs::write(&cue, sheet).expect("write cue");
    let (playables, problems) = leitmotif::library::playable::expand_with_cues(&[cue]);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(playables.len(), 3);
    let mut h = Headless::new(44_100);
    h.play_specs(
        playables
            .into_iter()
            .map(|p| leitmotif::player::TrackSpec {
                path: p.path,
                start: p.start,
                end: p.end,
                fade: false,
            })
            .collect(),
    );
    let out = h.pull_to_end(4096);
    let (first, end) = span(&out, 0.01).expect("something played");
    let (residual, at) = tone_residual(&out[first..end], FREQ, 44_100, AMP, 32);
    assert_eq!((end - first) as u64, total, "the tracks rejoin to the image's length");
    assert!(residual <= 0.002, "discontinuity {residual:.4} at frame {at}");
    assert_eq!(h.tracks_started(), 3);
}
