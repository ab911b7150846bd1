//! The real window under Xvfb, driven with xdotool as a person would. All tracks
//! scrolled far down, then a search: its results open at their top, not at the offset
//! All tracks was scrolled to (where a short result list showed as a blank area).
//! iced keeps a scrollable's state by its place in the window, which the `iced_test`
//! flows (a fresh view each time) cannot show. And the mouse's back button, which only a real
//! pointer sends.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::desktop::{app_command, focus, launch_window, need, xdotool, xvfb};

/// Copies the demo's albums into `copies` folders each: enough tracks to scroll.
fn library(root: &Path, copies: usize) {
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    for album in std::fs::read_dir(&demo).expect("demo").flatten() {
        if !album.path().is_dir() {
            continue;
        }
        for k in 0..copies {
            let to = root.join(format!("Copy {k}")).join(album.file_name());
            std::fs::create_dir_all(&to).expect("folder");
            for f in std::fs::read_dir(album.path()).expect("album").flatten() {
                std::fs::copy(f.path(), to.join(f.file_name())).expect("copy");
            }
        }
    }
}

/// The share of bright (text) pixels in the list area of the screen.
fn bright_share(display: &str, shot: &Path) -> f64 {
    let taken = Command::new("import")
        .args(["-window", "root"])
        .arg(shot)
        .env("DISPLAY", display)
        .status()
        .is_ok_and(|s| s.success());
    assert!(taken, "no screenshot");
    // Titles column, below the heading, above the now-playing bar (1280×820 window).
    let out = Command::new("convert")
        .arg(shot)
        .args(["-crop", "450x480+240+200", "-colorspace", "gray", "-threshold", "80%"])
        .args(["-format", "%[fx:mean]", "info:"])
        .output()
        .expect("convert runs");
    String::from_utf8_lossy(&out.stdout).trim().parse().unwrap_or(0.0)
}

#[test]
fn search_results_open_at_their_top_after_a_scrolled_list() {
    need("xdotool");
    need("import");
    let (_x, display) = xvfb();
    let home = common::tempdir();
    let h = home.path();
    library(&h.join("music"), 8);
    let scanned = app_command(h, &display, &[])
        .arg("scan")
        .arg(h.join("music"))
        .output()
        .expect("scan runs");
    assert!(scanned.status.success(), "{}", String::from_utf8_lossy(&scanned.stderr));
    let (_app, window) = launch_window(h, &display, &[], &[]);
    std::thread::sleep(Duration::from_secs(3));

    // All tracks (the sidebar's third entry), scrolled far down with the wheel.
    xdotool(&display, &["mousemove", "--window", &window, "88", "182", "click", "1"]);
    std::thread::sleep(Duration::from_millis(800));
    xdotool(&display, &["mousemove", "--window", &window, "700", "500"]);
    xdotool(&display, &["click", "--repeat", "40", "--delay", "20", "5"]);
    std::thread::sleep(Duration::from_millis(800));
    let shots = h.join("shots");
    std::fs::create_dir_all(&shots).expect("folder");
    let scrolled = bright_share(&display, &shots.join("scrolled.png"));

    // Ctrl+F, then a search matching every track: a list as long as the one scrolled.
    focus(&display, &window);
    xdotool(&display, &["key", "ctrl+f"]);
    std::thread::sleep(Duration::from_millis(300));
    xdotool(&display, &["type", "--delay", "60", "secret"]);
    std::thread::sleep(Duration::from_millis(1500));
    let results = bright_share(&display, &shots.join("results.png"));
    if scrolled <= 0.003 || results <= 0.003 {
        // Keep the screenshots to look at.
        let _kept = std::mem::ManuallyDrop::new(home);
        panic!(
            "rows on screen: scrolled list {scrolled}, results {results} (blank below 0.003); screenshots in {}",
            shots.display()
        );
    }
}

/// The mouse's back button (X button 8) goes back a screen, forward (9) again: Albums,
/// then All tracks, back → Albums, as the session saved on Ctrl+Q says.
#[test]
fn the_mouse_back_button_goes_back() {
    need("xdotool");
    let (_x, display) = xvfb();
    let home = common::tempdir();
    let h = home.path();
    let (mut app, window) = launch_window(h, &display, &[], &[]);
    std::thread::sleep(Duration::from_secs(3));
    xdotool(&display, &["mousemove", "--window", &window, "88", "144", "click", "1"]);
    std::thread::sleep(Duration::from_millis(500));
    xdotool(&display, &["mousemove", "--window", &window, "88", "182", "click", "1"]);
    std::thread::sleep(Duration::from_millis(500));
    xdotool(
        &display,
        &["mousemove", "--window", &window, "700", "400", "click", "8"],
    );
    std::thread::sleep(Duration::from_millis(500));
    focus(&display, &window);
    xdotool(&display, &["key", "ctrl+q"]);
    let status = common::desktop::wait_exit(&mut app.0, Duration::from_secs(20));
    assert!(status.is_some_and(|s| s.success()), "did not exit: {status:?}");
    let session = std::fs::read_to_string(h.join("data/leitmotif/session.toml")).expect("session saved");
    assert!(session.contains("kind = \"albums\""), "not back on Albums: {session}");
}
