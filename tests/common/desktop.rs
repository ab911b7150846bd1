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
