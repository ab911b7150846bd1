//! Loudness measured as EBU Tech 3341 says it must be, on the test signals it defines
//! (generated here), and beside `loudgain` (libebur128, Debian's package) on the same
//! files and on the demo's real-looking music: within 0.1 LU, and 0.1 dB of true peak.

use std::path::{Path, PathBuf};
use std::process::Command;

use leitmotif::analysis::loudness::Loudness;
use leitmotif::analysis::track;
use leitmotif::player::TrackSpec;

mod common;
use common::Format;

const FLAC48: Format = Format {
    name: "flac",
    ext: "flac",
    args: &["-c:a", "flac"],
    rate: 48_000,
    lossy: false,
};

/// Stereo sine segments: (frequency, peak dBFS per channel, seconds, phase in degrees).
fn sine(segments: &[(f64, f64, f64, f64)]) -> Vec<f32> {
    let rate = f64::from(FLAC48.rate);
    let mut pcm = Vec::new();
    let mut n = 0u64;
    for &(freq, dbfs, seconds, phase) in segments {
        let amp = 10f64.powf(dbfs / 20.0);
        for _ in 0..(seconds * rate) as u64 {
            let t = n as f64 / rate;
            let s = (amp * (2.0 * std::f64::consts::PI * freq * t + phase.to_radians()).sin()) as f32;
            pcm.extend([s, s]);
            n += 1;
        }
    }
    pcm
}

fn measured(path: &Path) -> Loudness {
    let spec = TrackSpec {
        path: path.to_path_buf(),
        start: None,
        end: None,
        fade: false,
    };
    // With the features on, as the library pass runs it: one decode feeds all.
    track::analyse(&spec, true).expect("measured").measured.loudness
}

/// loudgain's integrated loudness (LUFS) and true peak (dBTP) of `path`.
fn loudgain(path: &Path) -> Option<(f64, f64)> {
    let out = Command::new("loudgain").args(["-q", "-O"]).arg(path).output().ok()?;
    let text = String::from_utf8_lossy(&out.stdout);
    let row: Vec<&str> = text.lines().nth(1)?.split('\t').collect();
    let number = |s: &str| s.split_whitespace().next()?.parse::<f64>().ok();
    Some((number(row.get(1)?)?, number(row.get(4)?)?))
}

fn db(linear: f64) -> f64 {
    20.0 * linear.log10()
}

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

#[test]
fn tech_3341_signals_measure_as_the_standard_says_and_as_loudgain_does() {
    let dir = tempdir();
    let have_loudgain = Command::new("loudgain").arg("--version").output().is_ok();
    assert!(
        have_loudgain,
        "loudgain is missing: scripts/setup-system.sh test installs it"
    );
    // (name, signal, expected integrated LUFS, expected true peak dBTP if the case says)
    let cases: Vec<(&str, Vec<f32>, f64, Option<f64>)> = vec![
        ("case1", sine(&[(1000.0, -23.0, 20.0, 0.0)]), -23.0, None),
        ("case2", sine(&[(1000.0, -33.0, 20.0, 0.0)]), -33.0, None),
        (
            "case3",
            sine(&[
                (1000.0, -36.0, 10.0, 0.0),
                (1000.0, -23.0, 60.0, 0.0),
                (1000.0, -36.0, 10.0, 0.0),
            ]),
            -23.0,
            None,
        ),
        (
            "case5",
            sine(&[
                (1000.0, -26.0, 20.0, 0.0),
                (1000.0, -20.0, 20.1, 0.0),
                (1000.0, -26.0, 20.0, 0.0),
            ]),
            -23.0,
            None,
        ),
        // True peak: a quarter of the sample rate at 45°, samples 3 dB under its peak.
        ("tp16", sine(&[(12_000.0, -6.0, 10.0, 45.0)]), f64::NAN, Some(-6.0)),
    ];
    for (name, pcm, lufs, tp) in cases {
        let file = common::encode(dir.path(), name, FLAC48, &pcm, &[]);
        let got = measured(&file);
        if lufs.is_finite() {
            assert!(
                (got.integrated_lufs - lufs).abs() <= 0.1,
                "{name}: {got:?}, want {lufs} LUFS"
            );
        }
        if let Some(tp) = tp {
            let got_tp = db(got.true_peak);
            // Tech 3341: +0.2 / −0.4 dB.
            assert!(
                got_tp - tp <= 0.2 && tp - got_tp <= 0.4,
                "{name}: true peak {got_tp:.2} dBTP, want {tp}"
            );
            assert!(db(got.sample_peak) < tp - 2.5, "{name}: the samples sit under the peak");
        }
        let (their_lufs, their_tp) = loudgain(&file).expect("loudgain measures it");
        {
            if got.integrated_lufs.is_finite() {
                assert!(
                    (got.integrated_lufs - their_lufs).abs() <= 0.1,
                    "{name}: {got:?} vs loudgain {their_lufs}"
                );
            }
            assert!(
                (db(got.true_peak) - their_tp).abs() <= 0.1,
                "{name}: true peak vs loudgain {their_tp}"
            );
        }
    }
}

#[test]
fn the_demo_music_measures_as_loudgain_does() {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let mut files: Vec<PathBuf> = walk(&demo);
    files.sort();
    assert!(files.len() >= 5, "the demo's tracks");
    for f in &files {
        let got = measured(f);
        let Some((their_lufs, their_tp)) = loudgain(f) else {
            continue;
        };
        assert!(
            (got.integrated_lufs - their_lufs).abs() <= 0.1,
            "{}: {got:?} vs {their_lufs}",
            f.display()
        );
        assert!(
            (db(got.true_peak) - their_tp).abs() <= 0.1,
            "{}: {got:?} vs {their_tp} dBTP",
            f.display()
        );
    }
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "opus") {
            out.push(p);
        }
    }
    out
}
