//! The real window under Xvfb, closed as a window manager's close button closes it
//! (WM_DELETE_WINDOW): the app saves the session and settings, then exits by itself.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::desktop::{Running, need, xvfb};

fn wait_exit(child: &mut std::process::Child, within: Duration) -> Option<std::process::ExitStatus> {
    let end = Instant::now() + within;
    while Instant::now() < end {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    None
}

#[test]
fn the_close_button_saves_the_session_then_closes() {
    need("xdotool");
    need("python3");
    let (_x, display) = xvfb();
    let home = common::tempdir();
    let h = home.path();
    let app = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .env("DISPLAY", &display)
        .env("HOME", h)
        .env("XDG_DATA_HOME", h.join("data"))
        .env("XDG_CONFIG_HOME", h.join("config"))
        .env("XDG_CACHE_HOME", h.join("cache"))
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("XDG_RUNTIME_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("leitmotif starts");
    let mut app = Running(app);
    let pid = app.0.id().to_string();
    let found = Command::new("timeout")
        .args(["60", "xdotool", "search", "--sync", "--pid", &pid])
        .env("DISPLAY", &display)
        .output()
        .expect("xdotool runs");
    let window = String::from_utf8_lossy(&found.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(!window.is_empty(), "the window never appeared");
    // The first run sets up the demo and loads it; then the user closes the window.
    std::thread::sleep(Duration::from_secs(3));
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/wm-close.py");
    let sent = Command::new("python3")
        .arg(script)
        .arg(&window)
        .env("DISPLAY", &display)
        .status()
        .expect("python3 runs");
    assert!(sent.success(), "WM_DELETE_WINDOW not sent");
    let status = wait_exit(&mut app.0, Duration::from_secs(20));
    assert!(
        status.is_some_and(|s| s.success()),
        "the app did not exit by itself: {status:?}"
    );
    let session = h.join("data/leitmotif/session.toml");
    let text = std::fs::read_to_string(&session).unwrap_or_else(|e| panic!("{}: {e}", session.display()));
    assert!(text.contains("width"), "{text}");
    assert!(h.join("config/leitmotif/settings.toml").is_file(), "settings saved too");
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
        for args in [vec!["windowfocus", "--sync", window], vec!["key", "ctrl+q"]] {
            let ok = Command::new("xdotool")
                .args(&args)
                .env("DISPLAY", display)
                .status()
                .is_ok_and(|s| s.success());
            assert!(ok, "xdotool {args:?}");
        }
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
    let app = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .env("DISPLAY", &display)
        .env("HOME", h)
        .env("XDG_DATA_HOME", h.join("data"))
        .env("XDG_CONFIG_HOME", h.join("config"))
        .env("XDG_CACHE_HOME", h.join("cache"))
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("XDG_RUNTIME_DIR")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("leitmotif starts");
    let mut app = Running(app);
    let pid = app.0.id();
    let found = Command::new("timeout")
        .args(["60", "xdotool", "search", "--sync", "--pid", &pid.to_string()])
        .env("DISPLAY", &display)
        .output()
        .expect("xdotool runs");
    let window = String::from_utf8_lossy(&found.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(!window.is_empty(), "the window never appeared");
    std::thread::sleep(Duration::from_secs(3));
    // Lyrics, the sidebar's sixth entry.
    let clicked = Command::new("xdotool")
        .args(["mousemove", "--window", &window, "76", "302", "click", "1"])
        .env("DISPLAY", &display)
        .status()
        .is_ok_and(|s| s.success());
    assert!(clicked);
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
