//! Output devices on a real sound server (a private PulseAudio with two clocked null
//! sinks): they are listed with the default marked, `play --device` plays on the one
//! named, a name that isn't there is a sentence, the engine moves what plays to
//! another device mid-track without a restart, playback follows the default device
//! when it changes, and a window's engine started with no device plays once one appears.

mod common;

use std::path::Path;
use std::time::Duration;

use common::pulse::{Pulse, RATE, available, heard, read_recording};
use common::*;
use leitmotif::player::{Command, Engine, Output, QueueIdx, TrackSpec};

fn cli_in(pulse: &Pulse, home: &Path, args: &[&str]) -> std::process::Output {
    pulse.leitmotif(home).args(args).output().expect("leitmotif runs")
}

fn play(engine: &Engine, file: &Path) {
    engine.send(Command::Play {
        queue: vec![TrackSpec::file(file)],
        start: QueueIdx(0),
        position: Duration::ZERO,
        paused: false,
    });
}

/// Waits (at most `secs`) for the engine to say the queue has ended.
fn wait_for_end(events: &std::sync::mpsc::Receiver<leitmotif::player::Event>, secs: u64) {
    let deadline = std::time::Instant::now() + Duration::from_secs(secs);
    while std::time::Instant::now() < deadline {
        if let Ok(leitmotif::player::Event::QueueEnded) = events.recv_timeout(Duration::from_secs(1)) {
            return;
        }
    }
}

// One test: it points this process at the private server (below), which no other
// test in the file may see half-done.
#[test]
fn devices_are_listed_chosen_by_name_and_switched_while_playing() {
    if !available() {
        return;
    }
    let dir = tempdir();
    let pulse = Pulse::start(&dir.path().join("pulse"), &["hall", "booth"]);
    pulse.pactl(&["set-default-sink", "hall"]);
    let home = dir.path().join("home-leitmotif");
    let file = encode(
        dir.path(),
        "tone",
        FLAC,
        &tone(1000.0, 0.5, RATE, 0, u64::from(RATE) * 2),
        &[],
    );

    // Listed, the default first.
    let out = cli_in(&pulse, &home, &["devices", "--json"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let listed: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .collect();
    let names: Vec<&str> = listed.iter().filter_map(|d| d["name"].as_str()).collect();
    assert_eq!(names, ["hall", "booth"], "{listed:?}");
    assert_eq!(listed[0]["default"], true);
    assert_eq!(listed[1]["default"], false);

    // Played on the one named, not on the default.
    let hall = dir.path().join("hall.raw");
    let booth = dir.path().join("booth.raw");
    {
        let _h = pulse.record("hall", &hall);
        let _b = pulse.record("booth", &booth);
        let path = file.to_str().expect("utf-8");
        let out = cli_in(&pulse, &home, &["play", "--device", "booth", path]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        std::thread::sleep(Duration::from_millis(300));
    }
    let on_booth = heard(&read_recording(&booth), 0.05).expect("heard on booth");
    assert!((on_booth.length - 2.0).abs() < 0.1, "{on_booth:?}");
    assert!(
        heard(&read_recording(&hall), 0.05).is_none(),
        "nothing on the default sink"
    );

    // A device that isn't there: one sentence, no panic.
    let out = cli_in(
        &pulse,
        &home,
        &["play", "--device", "attic", file.to_str().expect("utf-8")],
    );
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(said.contains("attic") && !said.contains("panicked"), "{said}");

    // The engine, moved from the default to another device while a track plays.
    // SAFETY: this file's only test sets these before starting any thread of its own.
    unsafe {
        for (k, v) in pulse.env() {
            std::env::set_var(k, v);
        }
        std::env::remove_var("LEITMOTIF_AUDIO");
        std::env::remove_var("PULSE_SINK");
    }
    let long = encode(
        dir.path(),
        "long",
        FLAC,
        &tone(1000.0, 0.5, RATE, 0, u64::from(RATE) * 4),
        &[],
    );
    let (hall2, booth2) = (dir.path().join("hall2.raw"), dir.path().join("booth2.raw"));
    {
        let _h = pulse.record("hall", &hall2);
        let _b = pulse.record("booth", &booth2);
        let (engine, events) = Engine::start(Output::Device).expect("engine on the server");
        play(&engine, &long);
        std::thread::sleep(Duration::from_millis(1500));
        engine.send(Command::SetDevice(Some("booth".into())));
        wait_for_end(&events, 15);
        std::thread::sleep(Duration::from_millis(300));
        drop(engine);
    }
    let first = heard(&read_recording(&hall2), 0.05).expect("began on the default");
    let rest = heard(&read_recording(&booth2), 0.05).expect("went on on booth");
    assert!((1.0..2.2).contains(&first.length), "{first:?}");
    let total = first.length + rest.length;
    assert!(
        (3.7..4.4).contains(&total),
        "the track carried on where it was: {first:?} + {rest:?}"
    );

    // The default changed while a track plays (a headset plugged in, chosen in the
    // desktop's sound settings): the stream follows it, as the server moves streams
    // not tied to a sink by name. Told by the server's own list of streams (its
    // recorders follow the default too, so the monitors can't tell).
    pulse.pactl(&["set-default-sink", "hall"]);
    let index_of = |name: &str| {
        pulse
            .pactl(&["list", "short", "sinks"])
            .lines()
            .find(|l| l.split('\t').nth(1) == Some(name))
            .and_then(|l| l.split('\t').next().map(str::to_owned))
            .expect("sink listed")
    };
    let (hall_index, booth_index) = (index_of("hall"), index_of("booth"));
    let playing_on = || -> Vec<String> {
        pulse
            .pactl(&["list", "short", "sink-inputs"])
            .lines()
            .filter_map(|l| l.split('\t').nth(1).map(str::to_owned))
            .collect()
    };
    let (engine, _events) = Engine::start(Output::Device).expect("engine on the server");
    play(&engine, &long);
    std::thread::sleep(Duration::from_millis(800));
    assert_eq!(playing_on(), [hall_index], "on the default");
    pulse.pactl(&["set-default-sink", "booth"]);
    std::thread::sleep(Duration::from_millis(1800));
    assert_eq!(playing_on(), [booth_index], "moved to the new default");
    drop(engine);

    // A server with no device at all when the (window's) engine starts: play is
    // pressed, and the track is heard once a device appears, with no restart.
    let bare = Pulse::start(&dir.path().join("pulse-bare"), &[]);
    // SAFETY: as above, no thread of this test reads the environment meanwhile.
    unsafe {
        for (k, v) in bare.env() {
            std::env::set_var(k, v);
        }
    }
    let (engine, events) = Engine::start_waiting(Output::Device).expect("starts without a device");
    let first_word = events.recv_timeout(Duration::from_secs(10)).expect("an event");
    assert!(
        matches!(first_word, leitmotif::player::Event::NoDevice { .. }),
        "{first_word:?}"
    );
    play(&engine, &long);
    std::thread::sleep(Duration::from_millis(1500));
    bare.pactl(&["load-module", "module-null-sink", "sink_name=late"]);
    let late = dir.path().join("late.raw");
    {
        let _r = bare.record("late", &late);
        wait_for_end(&events, 20);
        std::thread::sleep(Duration::from_millis(300));
    }
    drop(engine);
    let on_late = heard(&read_recording(&late), 0.05).expect("heard once the device appeared");
    assert!(on_late.length > 3.5, "the track from its start: {on_late:?}");
}
