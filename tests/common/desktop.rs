//! Pieces of a desktop for tests that run the real window or real system tools: child
//! processes that never outlive a test, tools looked up on PATH, an Xvfb display.

use std::io::BufRead;
use std::process::{Child, Command, Stdio};

/// Kills and reaps its process when dropped, so a failing test leaves nothing running.
pub struct Running(pub Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn on_path(tool: &str) -> bool {
    std::env::var_os("PATH").is_some_and(|paths| std::env::split_paths(&paths).any(|d| d.join(tool).is_file()))
}

pub fn need(tool: &str) {
    assert!(
        on_path(tool),
        "{tool} is missing: scripts/setup-system.sh test installs it"
    );
}

/// A fresh Xvfb; returns it and its display (":N").
pub fn xvfb() -> (Running, String) {
    need("Xvfb");
    let mut xvfb = Command::new("Xvfb")
        .args(["-displayfd", "1", "-screen", "0", "1280x820x24", "-nolisten", "tcp"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("Xvfb starts");
    let mut number = String::new();
    if let Some(out) = xvfb.stdout.take() {
        let _ = std::io::BufReader::new(out).read_line(&mut number);
    }
    let running = Running(xvfb);
    assert!(!number.trim().is_empty(), "Xvfb gave no display number");
    (running, format!(":{}", number.trim()))
}

/// The app's data kept under `home` (XDG dirs inside it), shown on `display`, with no
/// Wayland, no runtime dir (no other instance to hand over to) and no sound server
/// unless `extra` sets one.
pub fn app_command(home: &std::path::Path, display: &str, extra: &[(String, String)]) -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    c.env("DISPLAY", display)
        .env("HOME", home)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("XDG_RUNTIME_DIR")
        .env_remove("DBUS_SESSION_BUS_ADDRESS");
    for (k, v) in extra {
        c.env(k, v);
    }
    c
}

/// Starts the window (`app_command` with `args`) and waits for it to appear: the
/// running app and its X window id.
pub fn launch_window(
    home: &std::path::Path,
    display: &str,
    extra: &[(String, String)],
    args: &[&str],
) -> (Running, String) {
    let app = app_command(home, display, extra)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("leitmotif starts");
    let app = Running(app);
    let window = window_of(app.0.id(), display);
    (app, window)
}

/// The first X window of process `pid`, waited for up to a minute.
pub fn window_of(pid: u32, display: &str) -> String {
    let found = Command::new("timeout")
        .args(["60", "xdotool", "search", "--sync", "--pid", &pid.to_string()])
        .env("DISPLAY", display)
        .output()
        .expect("xdotool runs");
    let window = String::from_utf8_lossy(&found.stdout)
        .lines()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(!window.is_empty(), "the window never appeared");
    window
}

/// Runs xdotool on `display` and fails the test if it fails.
pub fn xdotool(display: &str, args: &[&str]) {
    let ok = Command::new("xdotool")
        .args(args)
        .env("DISPLAY", display)
        .status()
        .is_ok_and(|s| s.success());
    assert!(ok, "xdotool {args:?} failed");
}

/// Gives `window` the keyboard focus, as a click on it would. X refuses the focus
/// (BadMatch) to a window not yet mapped, and a window found by `xdotool search` may be
/// a moment from its mapping, so this tries again for up to 15 s before failing.
pub fn focus(display: &str, window: &str) {
    let end = std::time::Instant::now() + std::time::Duration::from_secs(15);
    loop {
        let ok = Command::new("xdotool")
            .args(["windowfocus", "--sync", window])
            .env("DISPLAY", display)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok {
            return;
        }
        assert!(std::time::Instant::now() < end, "window {window} never took the focus");
        std::thread::sleep(std::time::Duration::from_millis(250));
    }
}

/// Waits up to `within` for `child` to exit by itself.
pub fn wait_exit(child: &mut Child, within: std::time::Duration) -> Option<std::process::ExitStatus> {
    let end = std::time::Instant::now() + within;
    while std::time::Instant::now() < end {
        if let Ok(Some(status)) = child.try_wait() {
            return Some(status);
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    None
}
