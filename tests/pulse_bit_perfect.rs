//! Bit-perfect output on a real sound server (a private PulseAudio whose clocked null
//! sink runs at 96 kHz in 24-bit words): `play --bit-perfect` opens its stream at each
//! track's own rate and format, and what the sink plays is the file's samples to the
//! last bit — ReplayGain tags ignored, two 96 kHz tracks joined without a gap, and a
//! 48 kHz/16-bit track after them on a stream reopened in its own format. Without the
//! option the same files go through the float pipeline and are not identical.

mod common;

use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use common::pcm::{flac, noise};
use common::pulse::{Pulse, available};
use common::tempdir;

const HI_RATE: u32 = 96_000;

struct Run {
    /// Every sample specification the sink's inputs reported while it played.
    specs: Vec<String>,
    /// The engine's events, one JSON object each.
    events: Vec<serde_json::Value>,
    /// What the sink played, as 24-bit integers.
    heard: Vec<i32>,
}

fn run(pulse: &Pulse, home: &Path, files: &[PathBuf], extra: &[&str], capture: &Path) -> Run {
    let recorder = pulse.record_as("hifi", capture, "s24-32le", HI_RATE);
    let mut child = pulse
        .leitmotif(home)
        .arg("play")
        .arg("--json")
        .args(extra)
        .args(files)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("leitmotif runs");
    let mut specs = Vec::new();
    let deadline = Instant::now() + Duration::from_secs(30);
    while child.try_wait().expect("wait").is_none() {
        assert!(Instant::now() < deadline, "play did not end");
        // A poll the server turns away (it has been seen once) is just one poll missed.
        let listed = pulse.command("pactl").args(["list", "sink-inputs"]).output();
        let listed = listed
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        for line in listed.lines() {
            if let Some(spec) = line.trim().strip_prefix("Sample Specification: ") {
                if specs.last().map(String::as_str) != Some(spec) {
                    specs.push(spec.to_owned());
                }
            }
        }
        // Not oftener: each look is a client connecting, and a busy server that is
        // asked too often turns clients away (the player's own stream among them).
        std::thread::sleep(Duration::from_millis(200));
    }
    let out = child.wait_with_output().expect("output");
    assert!(
        out.status.success(),
        "play {extra:?}: {:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    std::thread::sleep(Duration::from_millis(300));
    drop(recorder);
    let events = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let heard = std::fs::read(capture)
        .expect("capture")
        .chunks_exact(4)
        .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
        .collect();
    Run { specs, events, heard }
}

/// Where `want` starts in `heard` (found by its first non-zero sample), and whether
/// what follows is identical.
fn bit_identical(heard: &[i32], want: &[i32]) -> bool {
    let Some(lead) = want.iter().position(|&s| s != 0) else {
        return false;
    };
    let Some(first) = heard.iter().position(|&s| s != 0) else {
        return false;
    };
    let Some(start) = first.checked_sub(lead) else {
        return false;
    };
    heard.get(start..start + want.len()) == Some(want)
}

fn outputs(events: &[serde_json::Value]) -> Vec<(String, bool)> {
    events
        .iter()
        .filter(|e| e["event"] == "output")
        .map(|e| {
            (
                e["format"].as_str().unwrap_or_default().to_owned(),
                e["bit_perfect"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

#[test]
fn bit_perfect_plays_the_files_samples_at_their_own_rate_and_format() {
    if !available() {
        return;
    }
    let dir = tempdir();
    let pulse = Pulse::start_sinks(
        &dir.path().join("pulse"),
        &[
            ("hifi", "rate=96000 format=s24-32le"),
            ("lowfi", "rate=48000 format=s16le"),
        ],
    );
    pulse.pactl(&["set-default-sink", "hifi"]);
    let home = dir.path().join("home");
    let a = noise(1, 144_000, 24);
    let b = noise(2, 96_000, 24);
    let c = noise(3, 48_000, 16);
    // A loud ReplayGain tag that a bit-perfect stream must not apply.
    let tags = [("REPLAYGAIN_TRACK_GAIN", "-9.00 dB"), ("REPLAYGAIN_TRACK_PEAK", "0.5")];
    let files = [
        flac(dir.path(), "a", HI_RATE, 24, &a, &tags),
        flac(dir.path(), "b", HI_RATE, 24, &b, &[]),
        flac(dir.path(), "c", 48_000, 16, &c, &[]),
    ];
    let joined: Vec<i32> = a.iter().chain(&b).copied().collect();

    let perfect = run(
        &pulse,
        &home,
        &files,
        &["--bit-perfect"],
        &dir.path().join("perfect.raw"),
    );
    assert!(
        perfect.specs.iter().any(|s| s == "s24-32le 2ch 96000Hz"),
        "the 96 kHz tracks' stream: {:?}",
        perfect.specs
    );
    assert!(
        perfect.specs.iter().any(|s| s == "s16le 2ch 48000Hz"),
        "the 48 kHz track's stream: {:?}",
        perfect.specs
    );
    assert!(
        bit_identical(&perfect.heard, &joined),
        "the sink did not play the two 96 kHz files' samples, bit for bit and without a gap"
    );
    let told = outputs(&perfect.events);
    assert!(
        told.contains(&("96 kHz · 24-bit".to_owned(), true)),
        "the 96 kHz stream is reported bit-perfect: {told:?}"
    );
    // The 48 kHz track's stream is in its own format, but this sink runs at 96 kHz: the
    // server resamples it, and the engine says so rather than claim bit-perfect.
    assert!(told.contains(&("48 kHz · 16-bit".to_owned(), false)), "{told:?}");
    assert!(notes(&perfect.events).contains("its device runs at 96 kHz"));

    // The same files through the usual pipeline: a float stream, resampled, gain applied.
    let usual = run(&pulse, &home, &files, &[], &dir.path().join("usual.raw"));
    assert!(
        usual.specs.iter().all(|s| s != "s24-32le 2ch 96000Hz"),
        "without the option the stream is the engine's own: {:?}",
        usual.specs
    );
    assert!(
        !bit_identical(&usual.heard, &joined),
        "the usual pipeline changes samples"
    );
    assert!(outputs(&usual.events).iter().all(|(_, perfect)| !perfect));

    // Where the sound server would change the samples after all, it is said, not claimed:
    // a sink at another rate and format, then the right sink at half volume.
    let on_lowfi = run(
        &pulse,
        &home,
        &files[..1],
        &["--bit-perfect", "--device", "lowfi"],
        &dir.path().join("lowfi.raw"),
    );
    // (The first event is the device as probed at start, before a track was chosen.)
    assert_eq!(
        outputs(&on_lowfi.events).last(),
        Some(&("96 kHz · 24-bit".to_owned(), false))
    );
    assert!(notes(&on_lowfi.events).contains("resamples it: its device runs at 48 kHz"));
    pulse.pactl(&["set-sink-volume", "hifi", "50%"]);
    let quiet = run(
        &pulse,
        &home,
        &files[..1],
        &["--bit-perfect"],
        &dir.path().join("quiet.raw"),
    );
    // (The first event is the device as probed at start, before a track was chosen.)
    assert_eq!(
        outputs(&quiet.events).last(),
        Some(&("96 kHz · 24-bit".to_owned(), false))
    );
    assert!(
        notes(&quiet.events).contains("volume is at 50 %"),
        "{}",
        notes(&quiet.events)
    );
}

fn notes(events: &[serde_json::Value]) -> String {
    events
        .iter()
        .filter_map(|e| e["note"].as_str())
        .collect::<Vec<_>>()
        .join("; ")
}
