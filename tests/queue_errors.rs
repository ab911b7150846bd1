//! Broken and missing files in the middle of a queue are reported by name and skipped;
//! the good ones around them still join without a gap; the end of the queue is reported.

mod common;

use std::time::Duration;

use common::*;
use leitmotif::player::{Command, Event, QueueIdx};

#[test]
fn broken_files_are_skipped_with_an_error_event() {
    let dir = tempdir();
    let a = encode(dir.path(), "a", FLAC, &tone(1000.0, 0.5, 44_100, 0, 20_000), &[]);
    let b = encode(dir.path(), "b", FLAC, &tone(1000.0, 0.5, 44_100, 20_000, 15_000), &[]);
    let garbage = dir.path().join("garbage.flac");
    std::fs::write(
        &garbage,
        (0..50_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect::<Vec<_>>(),
    )
    .expect("write");
    let empty = dir.path().join("empty.mp3");
    std::fs::write(&empty, b"").expect("write");
    let missing = dir.path().join("missing.ogg");

    let mut h = Headless::new(44_100);
    h.play(&[a, garbage.clone(), empty.clone(), missing.clone(), b]);
    let out = h.pull_to_end(2048);

    for bad in [&garbage, &empty, &missing] {
        let reason = h.seen.iter().find_map(|e| match e {
            Event::Error { path, reason } if path == bad => Some(reason.clone()),
            _ => None,
        });
        let reason = reason.unwrap_or_else(|| panic!("no error event for {}: {:?}", bad.display(), h.seen));
        assert!(!reason.is_empty());
        println!("{}: {reason}", bad.display());
    }
    let started = h.started_indexes();
    assert_eq!(started, [0, 4]);
    let (first, end) = span(&out, 0.01).expect("audio");
    assert_eq!(end - first, 35_000, "the two good files join exactly");
    let (residual, _) = tone_residual(&out[first..end], 1000.0, 44_100, 0.5, 16);
    assert!(residual < 0.002, "gap or click where the broken files were: {residual}");
    assert!(matches!(h.seen.last(), Some(Event::QueueEnded)) || h.seen.iter().any(|e| matches!(e, Event::QueueEnded)));
}

#[test]
fn a_truncated_file_plays_what_it_has_then_moves_on() {
    let dir = tempdir();
    let whole = encode(dir.path(), "whole", FLAC, &tone(500.0, 0.5, 44_100, 0, 88_200), &[]);
    let bytes = std::fs::read(&whole).expect("read");
    let cut = dir.path().join("cut.flac");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).expect("write");
    let after = encode(dir.path(), "after", WAV, &tone(500.0, 0.5, 44_100, 0, 4_410), &[]);
    let mut h = Headless::new(44_100);
    h.play(&[cut, after]);
    let out = h.pull_to_end(0);
    assert!(
        h.seen
            .iter()
            .any(|e| matches!(e, Event::TrackStarted { index: QueueIdx(1), .. })),
        "{:?}",
        h.seen
    );
    assert!(out.len() > 30_000);
}

#[test]
fn queue_end_next_previous_pause_and_position() {
    let dir = tempdir();
    let files: Vec<_> = (0..3)
        .map(|i| {
            encode(
                dir.path(),
                &format!("t{i}"),
                WAV,
                &tone(300.0, 0.5, 44_100, 0, 88_200),
                &[],
            )
        })
        .collect();
    let mut h = Headless::new(44_100);
    h.play(&files);
    h.pull(22_050);
    h.engine.send(Command::Next);
    h.wait_for("second track", |e| {
        matches!(e, Event::TrackStarted { index: QueueIdx(1), .. })
    });
    h.pull(22_050);
    // Pause: the position holds while audio keeps being pulled, and the output is silent.
    h.engine.send(Command::Pause);
    let paused = h.wait_for("paused", |e| matches!(e, Event::Paused { .. }));
    let Event::Paused { position } = paused else {
        unreachable!()
    };
    assert!(
        position >= Duration::from_millis(400) && position <= Duration::from_millis(600),
        "{position:?}"
    );
    h.pull(4_410);
    let silent = h.pull(22_050);
    assert!(silent.iter().all(|s| s.abs() < 1e-6), "paused output is silent");
    h.seen.clear();
    h.engine.send(Command::Resume);
    h.wait_for("resumed", |e| matches!(e, Event::Resumed { .. }));
    let resumed = h.pull(4_410);
    assert!(resumed.iter().any(|s| s.abs() > 0.1), "plays again after resume");
    // Previous near the start of a track goes back one track.
    h.engine.send(Command::Previous);
    h.wait_for("first track again", |e| {
        matches!(e, Event::TrackStarted { index: QueueIdx(0), .. })
    });
    h.engine.send(Command::JumpTo(QueueIdx(2)));
    h.wait_for("last track", |e| {
        matches!(e, Event::TrackStarted { index: QueueIdx(2), .. })
    });
    h.pull_to_end(0);
    assert!(
        h.seen
            .iter()
            .any(|e| matches!(e, Event::TrackEnded { index: QueueIdx(2), .. }))
    );
}

/// A file deleted from disk while the queue plays: when its turn comes it is reported by
/// name and the track after it plays.
#[test]
fn a_file_deleted_while_playing_is_reported_and_skipped() {
    let dir = tempdir();
    let names = ["a", "b", "c", "d"];
    let files: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, n)| {
            encode(
                dir.path(),
                n,
                FLAC,
                &tone(700.0, 0.5, 44_100, i as u64 * 22_050, 22_050),
                &[],
            )
        })
        .collect();
    let mut h = Headless::new(44_100);
    h.play(&files);
    h.pull(2048);
    h.wait_for("the first track", |e| {
        matches!(e, Event::TrackStarted { index: QueueIdx(0), .. })
    });
    std::fs::remove_file(&files[2]).expect("delete c while a plays");
    h.pull_to_end(2048);
    let reported = h
        .seen
        .iter()
        .any(|e| matches!(e, Event::Error { path, reason } if *path == files[2] && !reason.is_empty()));
    assert!(reported, "no error for the deleted file: {:?}", h.seen);
    let started = h.started_indexes();
    assert_eq!(started, [0, 1, 3]);
}
