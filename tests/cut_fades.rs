//! Cuts from a longer track (a theme reel's statements) through the real mixer: each
//! plays exactly its span, fading in and out over 60 ms, so a cut never clicks; a CUE
//! track's slice, which is not a cut, joins its neighbour without a fade.

mod common;

use std::time::Duration;

use common::*;
use leitmotif::player::TrackSpec;

const RATE: u32 = 44_100;

fn cut(path: &std::path::Path, from_ms: u64, to_ms: u64, fade: bool) -> TrackSpec {
    TrackSpec {
        path: path.to_owned(),
        start: Some(Duration::from_millis(from_ms)),
        end: Some(Duration::from_millis(to_ms)),
        fade,
    }
}

/// The peak level in each 5 ms window.
fn envelope(x: &[f32]) -> Vec<f32> {
    x.chunks(RATE as usize / 200)
        .map(|w| w.iter().fold(0.0f32, |m, s| m.max(s.abs())))
        .collect()
}

#[test]
fn reel_cuts_fade_at_both_ends_and_keep_their_length() {
    let dir = tempdir();
    let file = dir.path().join("cue.wav");
    write_wav(&file, RATE, 2, &tone(440.0, 0.5, RATE, 0, u64::from(RATE) * 3));

    let mut faded = Headless::new(RATE);
    faded.play_specs(vec![cut(&file, 500, 1500, true), cut(&file, 2000, 2500, true)]);
    let out = faded.pull_to_end(4096);
    let (first, last) = span(&out, 0.001).expect("the cuts played");
    let heard = (last - first) as f64 / f64::from(RATE);
    assert!((heard - 1.5).abs() < 0.01, "1 s + 0.5 s of cuts, heard {heard:.3} s");
    let env = envelope(&out[first..=last]);
    assert!(env[0] < 0.1, "the first cut fades in: {:.3}", env[0]);
    assert!(env[20] > 0.45, "and is at full level 100 ms in: {:.3}", env[20]);
    // The join, 1 s in: the first cut has faded out and the second fades in.
    let join = &env[195..205];
    let dip = join.iter().copied().fold(f32::MAX, f32::min);
    assert!(dip < 0.1, "a fade at the cut, not a click: {join:?}");
    assert!(env[env.len() - 1] < 0.1, "the last cut fades out");

    // The same spans as plain slices (a CUE image's tracks): no fade at all.
    let mut plain = Headless::new(RATE);
    plain.play_specs(vec![cut(&file, 500, 1500, false)]);
    let out = plain.pull_to_end(4096);
    let (first, last) = span(&out, 0.001).expect("the slice played");
    let env = envelope(&out[first..=last]);
    assert!(env[0] > 0.45, "a slice starts at full level: {:.3}", env[0]);
}
