//! `leitmotif play` through the real output path: ALSA's default device routed to a file
//! (no sound card needed), and ALSA pointed at a card that does not exist.

mod common;

use std::path::Path;
use std::process::Command;

use common::*;

fn alsa_config(fixture: &str) -> String {
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(fixture);
    format!("/usr/share/alsa/alsa.conf:{}", fixture.display())
}

#[test]
fn no_device_is_a_clear_error() {
    let dir = tempdir();
    let file = encode(dir.path(), "t", WAV, &tone(440.0, 0.5, 44_100, 0, 4410), &[]);
    let out = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .arg("play")
        .arg(&file)
        .env("LEITMOTIF_AUDIO", "alsa")
        // A data folder of its own: a library where the tests run (a developer's own)
        // would count these plays into it.
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("ALSA_CONFIG_PATH", alsa_config("asound-nodevice.conf"))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("leitmotif: no audio output device: "), "{stderr}");
}

#[test]
fn nothing_playable_exits_non_zero() {
    let dir = tempdir();
    let bad = dir.path().join("bad.flac");
    std::fs::write(&bad, b"not audio at all").expect("write");
    let capture = dir.path().join("capture.raw");
    let out = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(["play", "--json"])
        .arg(&bad)
        .env("LEITMOTIF_AUDIO", "alsa")
        // A data folder of its own: a library where the tests run (a developer's own)
        // would count these plays into it.
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("ALSA_CONFIG_PATH", alsa_config("asound-capture.conf"))
        .env("LEITMOTIF_CAPTURE", &capture)
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("\"event\":\"error\""), "{stdout}");
}

#[test]
fn play_is_gapless_on_the_real_output_and_prints_json_events() {
    let dir = tempdir();
    let pieces = [30_011u64, 25_013, 20_021];
    let mut start = 0;
    let mut files = Vec::new();
    for (i, n) in pieces.iter().enumerate() {
        files.push(encode(
            dir.path(),
            &format!("{i:02}"),
            FLAC,
            &tone(1000.0, 0.5, 44_100, start, *n),
            &[],
        ));
        start += n;
    }
    let capture = dir.path().join("capture.raw");
    // A folder plays in track/name order.
    let out = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(["play", "--json"])
        .arg(dir.path())
        .env("LEITMOTIF_AUDIO", "alsa")
        // A data folder of its own: a library where the tests run (a developer's own)
        // would count these plays into it.
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("ALSA_CONFIG_PATH", alsa_config("asound-capture.conf"))
        .env("LEITMOTIF_CAPTURE", &capture)
        .output()
        .expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let events: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let started: Vec<&str> = events
        .iter()
        .filter(|e| e["event"] == "track_started")
        .filter_map(|e| e["path"].as_str())
        .collect();
    assert_eq!(started.len(), 3);
    assert!(started[0].ends_with("00.flac") && started[2].ends_with("02.flac"));
    assert_eq!(events.last().map(|e| e["event"].clone()), Some("queue_ended".into()));
    let times: Vec<f64> = events.iter().filter_map(|e| e["t"].as_f64()).collect();
    assert_eq!(times.len(), events.len());
    assert!(times.windows(2).all(|w| w[0] <= w[1]), "timestamps are monotonic");

    let raw = std::fs::read(&capture).expect("capture written");
    let left: Vec<f32> = raw
        .chunks_exact(4)
        .map(|f| f32::from(i16::from_le_bytes([f[0], f[1]])) / 32768.0)
        .collect();
    let (first, end) = span(&left, 0.01).expect("audio reached the device");
    let total: u64 = pieces.iter().sum();
    assert_eq!((end - first) as u64, total, "exact length through ALSA");
    let (residual, at) = tone_residual(&left[first..end], 1000.0, 44_100, 0.5, 16);
    assert!(residual < 0.003, "discontinuity {residual} at {at}");
}
