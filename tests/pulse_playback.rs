//! Playback through a real, clocked sound server: a private PulseAudio with null sinks,
//! what Leitmotif plays recorded from the sinks' monitors with `parec` (the server's own
//! recorder). `leitmotif play` 50 times, the window 20 times, and the device-error
//! paths driven on purpose: the server killed and restarted, the sink unloaded and
//! loaded again, the server gone for good.
//!
//! `LEITMOTIF_PULSE_PLAYS` and `LEITMOTIF_PULSE_WINDOWS` change the counts, and
//! `LEITMOTIF_PULSE_TEST_AUDIO=alsa` plays through ALSA's pulse plugin instead
//! (scripts/pulse-check.sh).

mod common;

use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::pulse::{Pulse, RATE, Running, available, heard, read_recording};
use common::{FLAC, encode, tempdir, tone};

/// The tests share two cores: one at a time, so each hears the server's own timing.
static SERIAL: Mutex<()> = Mutex::new(());

const THRESHOLD: f32 = 0.05;
/// The longest silence allowed inside a recording.
const MAX_GAP: f64 = 0.050;
/// How far a recording's length may be off the file's: a few samples at each end, where
/// the tone crosses the loudness threshold.
const LENGTH_TOLERANCE: f64 = 0.002;

/// Problems from runs on several threads, reported together at the end.
#[derive(Default)]
struct Failures(Mutex<Vec<String>>);

impl Failures {
    fn add(&self, problem: String) {
        self.list().push(problem);
    }

    fn count(&self) -> usize {
        self.list().len()
    }

    fn assert_none(&self, runs: usize) {
        let list = self.list();
        assert!(list.is_empty(), "{} of {runs} failed:\n{}", list.len(), list.join("\n"));
    }

    fn list(&self) -> std::sync::MutexGuard<'_, Vec<String>> {
        self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn serial() -> std::sync::MutexGuard<'static, ()> {
    SERIAL.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn count(var: &str, default: usize) -> usize {
    std::env::var(var).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn tone_file(dir: &Path, seconds: f64) -> PathBuf {
    let frames = (seconds * f64::from(RATE)) as u64;
    encode(
        dir,
        "tone",
        FLAC,
        &tone(1000.0, 0.5, RATE, 0, frames),
        &[("title", "Tone")],
    )
}

fn wait_with_timeout(child: &mut Child, timeout: Duration) -> Option<ExitStatus> {
    let deadline = Instant::now() + timeout;
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            return None;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn play_command(pulse: &Pulse, sink: &str, file: &Path, home: &Path) -> Command {
    let mut c = pulse.command(env!("CARGO_BIN_EXE_leitmotif"));
    c.arg("play")
        .arg(file)
        .env("PULSE_SINK", sink)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("LEITMOTIF_AUDIO");
    // scripts/pulse-check.sh also measures the ALSA path (through ALSA's pulse plugin).
    if let Some(backend) = std::env::var_os("LEITMOTIF_PULSE_TEST_AUDIO") {
        c.env("LEITMOTIF_AUDIO", backend);
    }
    c
}

#[test]
fn play_exits_cleanly_and_is_heard_whole_every_time() {
    let _serial = serial();
    if !available() {
        return;
    }
    let dir = tempdir();
    let file = tone_file(dir.path(), 10.0);
    let lanes = 10;
    let runs = count("LEITMOTIF_PULSE_PLAYS", 50);
    let names: Vec<String> = (0..lanes).map(|i| format!("lane{i}")).collect();
    let sinks: Vec<&str> = names.iter().map(String::as_str).collect();
    let pulse = Arc::new(Pulse::start(&dir.path().join("pulse"), &sinks));
    let failures = Arc::new(Failures::default());
    let started = Instant::now();
    std::thread::scope(|scope| {
        for (lane, sink) in names.iter().enumerate() {
            let (pulse, failures, file, dir) = (pulse.clone(), failures.clone(), file.clone(), dir.path());
            let sink = sink.clone();
            scope.spawn(move || {
                for run in (lane..runs).step_by(lanes) {
                    let recording = dir.join(format!("run{run}.raw"));
                    let recorder = pulse.record(&sink, &recording);
                    let mut child = play_command(&pulse, &sink, &file, &dir.join(format!("home{run}")))
                        .stdout(Stdio::null())
                        .stderr(Stdio::piped())
                        .spawn()
                        .expect("leitmotif starts");
                    let status = wait_with_timeout(&mut child, Duration::from_secs(40));
                    std::thread::sleep(Duration::from_millis(200));
                    drop(recorder);
                    let samples = read_recording(&recording);
                    let result = heard(&samples, THRESHOLD);
                    let problem = match (status, result) {
                        (None, _) => Some("did not exit within 40 s".to_string()),
                        (Some(s), _) if !s.success() => Some(format!("exited with {s}")),
                        (_, None) => Some("nothing was heard".to_string()),
                        (_, Some(h)) if (h.length - 10.0).abs() > LENGTH_TOLERANCE || h.longest_gap > MAX_GAP => {
                            Some(format!("heard {h:?}"))
                        }
                        _ => None,
                    };
                    if let Some(p) = problem {
                        let mut stderr = String::new();
                        if let Some(mut e) = child.stderr.take() {
                            use std::io::Read;
                            let _ = e.read_to_string(&mut stderr);
                        }
                        failures.add(format!("run {run} on {sink}: {p}; stderr: {stderr}"));
                    }
                    let _ = std::fs::remove_file(&recording);
                }
            });
        }
    });
    eprintln!(
        "{runs} plays in {:.1} s, {} failed",
        started.elapsed().as_secs_f64(),
        failures.count()
    );
    failures.assert_none(runs);
}

#[test]
fn the_window_launched_with_a_file_plays_it_to_the_end_every_time() {
    let _serial = serial();
    if !available() {
        return;
    }
    let dir = tempdir();
    let seconds = 4.0;
    let file = tone_file(dir.path(), seconds);
    let lanes = 2;
    let runs = count("LEITMOTIF_PULSE_WINDOWS", 20);
    let pulse = Arc::new(Pulse::start(&dir.path().join("pulse"), &["win0", "win1"]));
    let (_xvfb, display) = common::desktop::xvfb();
    let failures = Arc::new(Failures::default());
    std::thread::scope(|scope| {
        for lane in 0..lanes {
            let (pulse, failures, file, dir, display) = (
                pulse.clone(),
                failures.clone(),
                file.clone(),
                dir.path(),
                display.clone(),
            );
            scope.spawn(move || {
                let sink = format!("win{lane}");
                for run in (lane..runs).step_by(lanes) {
                    let home = dir.join(format!("window{run}"));
                    std::fs::create_dir_all(home.join("run")).expect("runtime dir");
                    let recording = dir.join(format!("window{run}.raw"));
                    let recorder = pulse.record(&sink, &recording);
                    let launched = Instant::now();
                    let window = pulse
                        .command(env!("CARGO_BIN_EXE_leitmotif"))
                        .arg(&file)
                        .env("PULSE_SINK", &sink)
                        .env("DISPLAY", &display)
                        .env("XDG_DATA_HOME", home.join("data"))
                        .env("XDG_CONFIG_HOME", home.join("config"))
                        .env("XDG_CACHE_HOME", home.join("cache"))
                        .env("XDG_RUNTIME_DIR", home.join("run"))
                        .env("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent")
                        .env_remove("LEITMOTIF_AUDIO")
                        .stdout(Stdio::null())
                        .stderr(std::fs::File::create(home.join("window.log")).expect("log"))
                        .spawn()
                        .expect("the window starts");
                    let window = Running(window);
                    // Done once the tone has sounded and been followed by a second of quiet.
                    let result = loop {
                        std::thread::sleep(Duration::from_millis(500));
                        let samples = read_recording(&recording);
                        let h = heard(&samples, THRESHOLD);
                        let quiet_after =
                            h.is_some_and(|h| samples.len() as f64 / f64::from(RATE) - (h.start + h.length) > 1.0);
                        if quiet_after || launched.elapsed() > Duration::from_secs(60) {
                            break h;
                        }
                    };
                    drop(window);
                    drop(recorder);
                    let problem = match result {
                        None => Some("nothing was heard within 60 s".to_string()),
                        Some(h) if (h.length - seconds).abs() > LENGTH_TOLERANCE || h.longest_gap > MAX_GAP => {
                            Some(format!("heard {h:?}"))
                        }
                        Some(_) => None,
                    };
                    if let Some(p) = problem {
                        let log = std::fs::read_to_string(home.join("window.log")).unwrap_or_default();
                        failures.add(format!("window {run}: {p}; log: {log}"));
                    }
                    let _ = std::fs::remove_file(&recording);
                }
            });
        }
    });
    failures.assert_none(runs);
}

/// `leitmotif play --json`, its events read as they come with the instant each arrived.
struct Playing {
    child: Child,
    events: mpsc::Receiver<(Instant, serde_json::Value)>,
    seen: Vec<(Instant, serde_json::Value)>,
}

impl Playing {
    fn start(pulse: &Pulse, sink: &str, file: &Path, home: &Path) -> Playing {
        let mut child = play_command(pulse, sink, file, home)
            .arg("--json")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("leitmotif starts");
        let (tx, rx) = mpsc::channel();
        if let Some(out) = child.stdout.take() {
            std::thread::spawn(move || {
                for line in std::io::BufReader::new(out).lines().map_while(Result::ok) {
                    if let Ok(v) = serde_json::from_str(&line) {
                        let _ = tx.send((Instant::now(), v));
                    }
                }
            });
        }
        Playing {
            child,
            events: rx,
            seen: Vec::new(),
        }
    }

    /// Waits for an event that satisfies `pred`; returns when it arrived.
    fn wait_for(
        &mut self,
        what: &str,
        secs: u64,
        pred: impl Fn(&serde_json::Value) -> bool,
    ) -> (Instant, serde_json::Value) {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.events.recv_timeout(left) {
                Ok(e) => {
                    self.seen.push(e.clone());
                    if pred(&e.1) {
                        return e;
                    }
                }
                Err(_) => panic!(
                    "no {what} within {secs} s; events: {:?}",
                    self.seen.iter().map(|(_, v)| v.to_string()).collect::<Vec<_>>()
                ),
            }
        }
    }

    fn finish(mut self, secs: u64) -> (Option<ExitStatus>, Vec<serde_json::Value>, String) {
        let status = wait_with_timeout(&mut self.child, Duration::from_secs(secs));
        // The reader thread ends with the process's output.
        while let Ok(e) = self.events.recv_timeout(Duration::from_millis(500)) {
            self.seen.push(e);
        }
        let mut stderr = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            use std::io::Read;
            let _ = e.read_to_string(&mut stderr);
        }
        (status, self.seen.into_iter().map(|(_, v)| v).collect(), stderr)
    }
}

fn event(v: &serde_json::Value) -> &str {
    v["event"].as_str().unwrap_or_default()
}

fn position(v: &serde_json::Value) -> f64 {
    v["position"].as_f64().unwrap_or(-1.0)
}

/// Plays a 10 s tone, breaks the output 3 s in with `breaks`, mends it with `mends`
/// after 0.5 s, and checks that playback resumed within 2 s at the same place and
/// played the rest to the end.
fn interrupted(breaks: impl Fn(&mut Pulse), mends: impl Fn(&mut Pulse)) {
    let dir = tempdir();
    let file = tone_file(dir.path(), 10.0);
    let mut pulse = Pulse::start(&dir.path().join("pulse"), &["solo"]);
    let mut playing = Playing::start(&pulse, "solo", &file, &dir.path().join("home"));
    let (_, before) = playing.wait_for("a position past 3 s", 30, |e| {
        event(e) == "position" && position(e) >= 3.0
    });
    breaks(&mut pulse);
    let (_, lost) = playing.wait_for("device_lost", 10, |e| event(e) == "device_lost");
    assert!(lost["reason"].as_str().is_some_and(|r| !r.is_empty()), "{lost}");
    std::thread::sleep(Duration::from_millis(500));
    mends(&mut pulse);
    let back = Instant::now();
    let recording = dir.path().join("after.raw");
    let recorder = pulse.record("solo", &recording);
    let (restored_at, _) = playing.wait_for("device_restored", 10, |e| event(e) == "device_restored");
    let delay = restored_at.saturating_duration_since(back);
    assert!(
        delay < Duration::from_secs(2),
        "restored {delay:?} after the output came back"
    );
    let (_, resumed) = playing.wait_for("a position after the restore", 5, |e| event(e) == "position");
    let was = position(&before);
    assert!(
        position(&resumed) >= was - 0.05 && position(&resumed) <= was + 0.6,
        "lost near {was} s, resumed at {resumed}"
    );
    let (status, events, stderr) = playing.finish(30);
    std::thread::sleep(Duration::from_millis(200));
    drop(recorder);
    assert!(status.is_some_and(|s| s.success()), "{status:?} {stderr}");
    assert_eq!(events.last().map(event), Some("queue_ended"), "{events:?}");
    // What was heard after the restore is the rest of the tone, from where it stopped.
    let h = heard(&read_recording(&recording), THRESHOLD).expect("the rest was heard");
    let rest = 10.0 - position(&resumed);
    assert!((h.length - rest).abs() < 0.4, "heard {h:?}, expected about {rest:.2} s");
    assert!(h.longest_gap < MAX_GAP, "{h:?}");
}

#[test]
fn a_sound_server_killed_and_restarted_mid_track_resumes_where_it_was() {
    let _serial = serial();
    if !available() {
        return;
    }
    interrupted(Pulse::kill, Pulse::restart);
}

#[test]
fn a_sink_unloaded_and_loaded_again_mid_track_resumes_where_it_was() {
    let _serial = serial();
    if !available() {
        return;
    }
    interrupted(
        |p| {
            let modules = p.pactl(&["list", "short", "modules"]);
            let index = modules
                .lines()
                .find(|l| l.contains("module-null-sink"))
                .and_then(|l| l.split_whitespace().next())
                .expect("the sink's module")
                .to_owned();
            p.pactl(&["unload-module", &index]);
        },
        |p| {
            p.pactl(&[
                "load-module",
                "module-null-sink",
                "sink_name=solo",
                &format!("rate={RATE}"),
            ]);
        },
    );
}

#[test]
fn a_sound_server_gone_for_good_ends_play_with_an_error_not_a_hang() {
    let _serial = serial();
    if !available() {
        return;
    }
    let dir = tempdir();
    let file = tone_file(dir.path(), 10.0);
    let mut pulse = Pulse::start(&dir.path().join("pulse"), &["solo"]);
    let mut playing = Playing::start(&pulse, "solo", &file, &dir.path().join("home"));
    playing.wait_for("a position past 1 s", 30, |e| {
        event(e) == "position" && position(e) >= 1.0
    });
    pulse.kill();
    let killed = Instant::now();
    let (status, events, stderr) = playing.finish(30);
    assert_eq!(status.and_then(|s| s.code()), Some(3), "{stderr} {events:?}");
    assert!(
        killed.elapsed() < Duration::from_secs(15),
        "took {:?}",
        killed.elapsed()
    );
    assert!(stderr.contains("no sound"), "{stderr}");
    assert!(events.iter().any(|e| event(e) == "device_failed"), "{events:?}");
}

#[test]
fn three_files_cut_from_one_tone_join_without_a_seam_at_the_sound_server() {
    let _serial = serial();
    if !available() {
        return;
    }
    let dir = tempdir();
    let music = dir.path().join("music");
    std::fs::create_dir_all(&music).expect("music dir");
    let pieces = [30_011u64, 25_013, 20_021];
    let mut start = 0;
    for (i, n) in pieces.iter().enumerate() {
        encode(
            &music,
            &format!("{i:02}"),
            FLAC,
            &tone(1000.0, 0.5, RATE, start, *n),
            &[],
        );
        start += n;
    }
    let pulse = Pulse::start(&dir.path().join("pulse"), &["solo"]);
    let recording = dir.path().join("joined.raw");
    let recorder = pulse.record("solo", &recording);
    let mut child = play_command(&pulse, "solo", &music, &dir.path().join("home"))
        .stdout(Stdio::null())
        .spawn()
        .expect("leitmotif starts");
    let status = wait_with_timeout(&mut child, Duration::from_secs(30));
    std::thread::sleep(Duration::from_millis(200));
    drop(recorder);
    assert!(status.is_some_and(|s| s.success()), "{status:?}");
    let samples = read_recording(&recording);
    let h = heard(&samples, THRESHOLD).expect("the tone was heard");
    let expected = start as f64 / f64::from(RATE);
    assert!(
        (h.length - expected).abs() < 0.001,
        "heard {h:?}, expected {expected:.4} s"
    );
    // A pure tone: any lost, doubled or shifted sample at a join leaves a spike here.
    let first = (h.start * f64::from(RATE)).round() as usize;
    let span = &samples[first..first + (h.length * f64::from(RATE)) as usize];
    let (worst, at) = common::tone_residual(span, 1000.0, RATE, 0.5, 64);
    assert!(worst < 0.01, "a seam at frame {at}: residual {worst}");
}
