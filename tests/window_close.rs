//! The real window under Xvfb, closed as a window manager's close button closes it
//! (WM_DELETE_WINDOW): the app saves the session and settings, then exits by itself.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::desktop::{focus, launch_window, need, wait_exit, xdotool, xvfb};

/// Sends the window manager's close request (WM_DELETE_WINDOW), as a close button does.
fn close_button(display: &str, window: &str) {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wm-close.py");
    let sent = Command::new("python3")
        .arg(script)
        .arg(window)
        .env("DISPLAY", display)
        .status()
        .expect("python3 runs");
    assert!(sent.success(), "WM_DELETE_WINDOW not sent");
}

fn session(home: &Path) -> toml::Table {
    let path = home.join("data/leitmotif/session.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn volume(home: &Path) -> f64 {
    let path = home.join("config/leitmotif/settings.toml");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let settings: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{text}: {e}"));
    settings.get("volume").and_then(|v| v.as_float()).unwrap_or(-1.0)
}

fn number(table: &toml::Table, key: &str) -> f64 {
    match table.get(key) {
        Some(toml::Value::Integer(n)) => *n as f64,
        Some(toml::Value::Float(x)) => *x,
        other => panic!("{key}: {other:?} in {table}"),
    }
}

fn current_path(table: &toml::Table) -> String {
    let current = number(table, "current") as usize;
    let queue = table.get("queue").and_then(|q| q.as_array()).expect("a queue");
    queue[current]
        .get("path")
        .and_then(|p| p.as_str())
        .unwrap_or_default()
        .to_owned()
}

/// The close button as a user meets it: a track playing a few seconds in, the volume
/// turned down, the window resized, Albums on view; closed with the window manager's
/// delete request. On the next start all of it is back: the window's size, the screen,
/// the track and its position (±1 s), the volume — checked in the restarted window
/// itself (its geometry) and in what it saves when closed again untouched.
#[test]
fn the_close_button_keeps_the_session_for_the_next_start() {
    need("xdotool");
    need("python3");
    if !common::pulse::available() {
        return;
    }
    let (_x, display) = xvfb();
    let home = common::tempdir();
    let h = home.path();
    let pulse = common::pulse::Pulse::start(&h.join("pulse"), &["speakers"]);
    let sound = pulse.env().into_iter().filter(|(k, _)| k != "HOME").collect::<Vec<_>>();

    let (mut app, window) = launch_window(h, &display, &sound, &[]);
    // The first run sets up the demo and loads it.
    std::thread::sleep(Duration::from_secs(3));
    // All tracks; ↓ selects the first row, Enter plays it.
    xdotool(&display, &["mousemove", "--window", &window, "88", "182", "click", "1"]);
    std::thread::sleep(Duration::from_millis(800));
    focus(&display, &window);
    xdotool(&display, &["key", "Down", "Return"]);
    std::thread::sleep(Duration::from_secs(4));
    // Volume down four steps (0.8 → 0.6), a smaller window, Albums on view.
    focus(&display, &window);
    for _ in 0..4 {
        xdotool(&display, &["key", "minus"]);
    }
    xdotool(&display, &["windowsize", &window, "1000", "700"]);
    std::thread::sleep(Duration::from_millis(800));
    xdotool(&display, &["mousemove", "--window", &window, "88", "144", "click", "1"]);
    std::thread::sleep(Duration::from_millis(800));
    close_button(&display, &window);
    let status = wait_exit(&mut app.0, Duration::from_secs(20));
    assert!(
        status.is_some_and(|s| s.success()),
        "the app did not exit by itself: {status:?}"
    );
    let first = session(h);
    let played = number(&first, "position_ms");
    assert!(played >= 2_000.0, "the track did not play: {first}");
    assert_eq!(number(&first, "width"), 1000.0, "{first}");
    assert_eq!(
        first.get("screen").and_then(|s| s.get("kind")).and_then(|k| k.as_str()),
        Some("albums")
    );
    assert!((volume(h) - 0.6).abs() < 0.01, "volume {}", volume(h));

    // The next start: the window comes back at its size; closed again untouched, it
    // saves what it restored.
    let (mut again, window) = launch_window(h, &display, &sound, &[]);
    std::thread::sleep(Duration::from_secs(3));
    let geometry = Command::new("xdotool")
        .args(["getwindowgeometry", &window])
        .env("DISPLAY", &display)
        .output()
        .expect("xdotool runs");
    let geometry = String::from_utf8_lossy(&geometry.stdout).to_string();
    assert!(geometry.contains("1000x700"), "the window came back as {geometry}");
    close_button(&display, &window);
    let status = wait_exit(&mut again.0, Duration::from_secs(20));
    assert!(
        status.is_some_and(|s| s.success()),
        "the app did not exit by itself: {status:?}"
    );
    let second = session(h);
    assert_eq!(second.get("screen"), first.get("screen"), "{second}");
    assert_eq!(current_path(&second), current_path(&first), "another track: {second}");
    let kept = number(&second, "position_ms");
    assert!(
        (kept - played).abs() <= 1_000.0,
        "position {played} ms came back as {kept} ms"
    );
    assert_eq!(number(&second, "width"), 1000.0, "{second}");
    assert!((volume(h) - 0.6).abs() < 0.01, "volume came back as {}", volume(h));
}

/// Logout, shutdown or `kill` end the app with SIGTERM: it saves the session as the
/// close button does (the screen the user was on is back next time), then exits.
#[test]
fn sigterm_saves_the_session_then_exits() {
    ended_by(|pid, _, _| {
        // SAFETY: signals a process this test started; no memory involved.
        let sent = unsafe { libc::kill(pid as libc::pid_t, libc::SIGTERM) };
        assert_eq!(sent, 0, "SIGTERM not sent");
    });
}

/// Ctrl+Q quits the same way, the session kept.
#[test]
fn ctrl_q_saves_the_session_then_exits() {
    ended_by(|_, display, window| {
        focus(display, window);
        xdotool(display, &["key", "ctrl+q"]);
    });
}

/// Starts the window, goes to Lyrics (a screen a session would not start on), ends the
/// app with `end(pid, display, window)`, and checks it exited by itself having saved
/// that screen.
fn ended_by(end: impl FnOnce(u32, &str, &str)) {
    need("xdotool");
    let (_x, display) = xvfb();
    let home = common::tempdir();
    let h = home.path();
    let (mut app, window) = launch_window(h, &display, &[], &[]);
    let pid = app.0.id();
    std::thread::sleep(Duration::from_secs(3));
    // Lyrics, the sidebar's sixth entry.
    xdotool(&display, &["mousemove", "--window", &window, "76", "302", "click", "1"]);
    std::thread::sleep(Duration::from_millis(800));
    end(pid, &display, &window);
    let status = wait_exit(&mut app.0, Duration::from_secs(20));
    assert!(
        status.is_some_and(|s| s.success()),
        "did not exit by itself: {status:?}"
    );
    let session = h.join("data/leitmotif/session.toml");
    let text = std::fs::read_to_string(&session).unwrap_or_else(|e| panic!("{}: {e}", session.display()));
    assert!(text.contains("kind = \"lyrics\""), "the screen was not saved: {text}");
}
