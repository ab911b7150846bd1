//! ReplayGain and volume change the level by exactly what the tags and settings say.

mod common;

use common::*;
use leitmotif::player::{Command, Event, ReplayGainMode, ReplayGainSettings};

const AMP: f64 = 0.25;

/// Plays `file` with `settings` and `volume`; returns the level change in dB.
fn measured_gain_db(file: &std::path::Path, rate: u32, settings: ReplayGainSettings, volume: f32) -> f64 {
    let mut h = Headless::new(rate);
    h.engine.send(Command::SetReplayGain(settings));
    h.engine.send(Command::SetVolume(volume));
    h.play(&[file.to_path_buf()]);
    let out = h.pull_to_end(0);
    let (first, end) = span(&out, 1e-4).expect("something played");
    // Skip the edges (codec edges, the volume ramp).
    let inner = &out[first + rate as usize / 10..end - rate as usize / 10];
    20.0 * (rms(inner) / (AMP / 2f64.sqrt())).log10()
}

fn settings(mode: ReplayGainMode) -> ReplayGainSettings {
    ReplayGainSettings {
        mode,
        ..ReplayGainSettings::default()
    }
}

#[test]
fn track_and_album_gain_from_vorbis_comments() {
    let dir = tempdir();
    let pcm = tone(1000.0, AMP, 44_100, 0, 44_100);
    let file = encode(
        dir.path(),
        "tagged",
        FLAC,
        &pcm,
        &[
            ("REPLAYGAIN_TRACK_GAIN", "-6.00 dB"),
            ("REPLAYGAIN_TRACK_PEAK", "0.25"),
            ("REPLAYGAIN_ALBUM_GAIN", "+3.50 dB"),
            ("REPLAYGAIN_ALBUM_PEAK", "0.25"),
        ],
    );
    let off = measured_gain_db(&file, 44_100, settings(ReplayGainMode::Off), 1.0);
    assert!(off.abs() < 0.1, "off: {off:.3} dB");
    let track = measured_gain_db(&file, 44_100, settings(ReplayGainMode::Track), 1.0);
    assert!((track + 6.0).abs() < 0.1, "track: {track:.3} dB");
    let album = measured_gain_db(&file, 44_100, settings(ReplayGainMode::Album), 1.0);
    assert!((album - 3.5).abs() < 0.1, "album: {album:.3} dB");
    // +3.5 dB + 10 dB preamp would push the 0.25 peak past full scale: capped at +12.04 dB.
    let capped = measured_gain_db(
        &file,
        44_100,
        ReplayGainSettings {
            preamp_db: 10.0,
            ..settings(ReplayGainMode::Album)
        },
        1.0,
    );
    assert!((capped - 12.04).abs() < 0.1, "clipping prevention: {capped:.3} dB");
}

#[test]
fn id3_txxx_gain_in_mp3() {
    let dir = tempdir();
    let file = encode(
        dir.path(),
        "tagged",
        MP3,
        &tone(1000.0, AMP, 44_100, 0, 44_100),
        &[("REPLAYGAIN_TRACK_GAIN", "-4.20 dB")],
    );
    let db = measured_gain_db(&file, 44_100, settings(ReplayGainMode::Track), 1.0);
    assert!((db + 4.2).abs() < 0.1, "mp3 track gain: {db:.3} dB");
}

#[test]
fn r128_gain_in_opus() {
    let dir = tempdir();
    // -2560/256 = -10 dB relative to -23 LUFS = -5 dB in ReplayGain terms.
    let file = encode(
        dir.path(),
        "tagged",
        OPUS,
        &tone(1000.0, AMP, 48_000, 0, 48_000),
        &[("R128_TRACK_GAIN", "-2560")],
    );
    let db = measured_gain_db(&file, 48_000, settings(ReplayGainMode::Track), 1.0);
    assert!((db + 5.0).abs() < 0.1, "opus r128 gain: {db:.3} dB");
}

#[test]
fn untagged_files_get_the_fallback_and_volume_is_perceptual() {
    let dir = tempdir();
    let file = encode(dir.path(), "plain", WAV, &tone(1000.0, AMP, 44_100, 0, 44_100), &[]);
    let fallback = ReplayGainSettings {
        fallback_db: -7.5,
        ..settings(ReplayGainMode::Track)
    };
    let db = measured_gain_db(&file, 44_100, fallback, 1.0);
    assert!((db + 7.5).abs() < 0.1, "fallback: {db:.3} dB");
    // Half volume on the cubic curve is -18.06 dB.
    let half = measured_gain_db(&file, 44_100, settings(ReplayGainMode::Off), 0.5);
    assert!((half + 18.06).abs() < 0.1, "half volume: {half:.3} dB");
}

#[test]
fn track_started_reports_the_applied_gain() {
    let dir = tempdir();
    let file = encode(
        dir.path(),
        "t",
        FLAC,
        &tone(440.0, AMP, 44_100, 0, 4410),
        &[("REPLAYGAIN_TRACK_GAIN", "-2.5 dB")],
    );
    let mut h = Headless::new(44_100);
    h.play(&[file]);
    let e = h.wait_for("track_started", |e| matches!(e, Event::TrackStarted { .. }));
    let Event::TrackStarted { gain_db, .. } = e else {
        unreachable!()
    };
    assert!((gain_db + 2.5).abs() < 1e-4);
}
