//! The output runs only while something plays: a long pause lets go of it, and play
//! picks up where the pause left off, fading in; the end of the queue is reported
//! once its last sample has been pulled, not when it was decoded.

mod common;

use std::time::Duration;

use common::*;
use leitmotif::player::{Command, Event};

const RATE: u32 = 44_100;
const SECONDS: f64 = 6.0;

/// A slow ramp: each sample's value says where in the file it is.
fn ramp() -> Vec<f32> {
    let frames = (SECONDS * f64::from(RATE)) as usize;
    let mut v = Vec::with_capacity(frames * 2);
    for n in 0..frames {
        let s = (-0.9 + 1.8 * n as f64 / frames as f64) as f32;
        v.push(s);
        v.push(s);
    }
    v
}

fn time_of(value: f32) -> f64 {
    (f64::from(value) + 0.9) / 1.8 * SECONDS
}

fn position_of(e: &Event) -> Duration {
    match e {
        Event::Paused { position } | Event::Resumed { position } => *position,
        _ => Duration::ZERO,
    }
}

#[test]
fn a_long_pause_lets_the_output_go_and_play_resumes_at_the_same_place() {
    let dir = tempdir();
    let file = encode(dir.path(), "ramp", WAV, &ramp(), &[]);
    let mut h = Headless::new(RATE);
    h.play(std::slice::from_ref(&file));
    h.wait_for("track started", |e| matches!(e, Event::TrackStarted { .. }));
    h.pull(RATE as usize * 2);
    h.engine.send(Command::Pause);
    let paused = position_of(&h.wait_for("paused", |e| matches!(e, Event::Paused { .. })));
    // The fade out, then silence for longer than the engine keeps an idle output.
    let after_pause = h.pull(RATE as usize / 5);
    std::thread::sleep(Duration::from_millis(3600));
    let idle = h.pull(RATE as usize / 10);
    assert!(idle.iter().all(|s| *s == 0.0), "nothing plays while paused");
    assert!(after_pause.last().is_some_and(|s| s.abs() < 1e-3), "faded out");

    h.engine.send(Command::Resume);
    let resumed = position_of(&h.wait_for("resumed", |e| matches!(e, Event::Resumed { .. })));
    assert!(
        resumed.abs_diff(paused) < Duration::from_millis(30),
        "paused at {paused:?}, resumed at {resumed:?}"
    );
    let out = h.pull(RATE as usize / 2);
    let first = out.iter().position(|s| s.abs() > 1e-4).expect("sound after resuming");
    // It fades in rather than jumping to full level (a click).
    assert!(
        out[first].abs() < 0.2 * out[first + 2000].abs(),
        "no fade in: {}",
        out[first]
    );
    // After the fade, the ramp says where in the file we are.
    let at = time_of(out[first + 2000]) - 2000.0 / f64::from(RATE);
    assert!(
        (at - paused.as_secs_f64()).abs() < 0.03,
        "paused at {paused:?}, picked up at {at:.3} s"
    );
}

#[test]
fn the_queue_ends_only_after_its_last_sample_was_pulled() {
    let dir = tempdir();
    let file = encode(dir.path(), "ramp", WAV, &ramp(), &[]);
    let mut h = Headless::new(RATE);
    h.play(std::slice::from_ref(&file));
    h.wait_for("track started", |e| matches!(e, Event::TrackStarted { .. }));
    // Pull all but the last half second, then wait: the engine must not call it ended.
    let mut pulled = h.pull((SECONDS as usize - 1) * RATE as usize + RATE as usize / 2);
    std::thread::sleep(Duration::from_millis(600));
    h.drain_events();
    assert!(
        !h.seen
            .iter()
            .any(|e| matches!(e, Event::QueueEnded | Event::TrackEnded { .. })),
        "ended before it was heard: {:?}",
        h.seen
    );
    pulled.extend(h.pull_to_end(0));
    let (_, last) = span(&pulled, 0.5).expect("the ramp's loud end");
    assert!(last as f64 / f64::from(RATE) > SECONDS - 0.01, "the end was played");
}
