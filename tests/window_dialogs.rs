//! The file dialog in the real window under Xvfb, on a bare X session: no desktop
//! portal, no D-Bus session at all. "Add your music folder…" must still open a dialog
//! (rfd falls back to zenity, which the set-up script installs); a folder typed into it
//! is added and scanned.

mod common;

use std::process::Command;
use std::time::{Duration, Instant};

use common::desktop::{launch_window, need, xdotool, xvfb};

#[test]
fn add_your_music_folder_opens_a_dialog_without_a_portal() {
    need("xdotool");
    need("zenity");
    let (_x, display) = xvfb();
    let home = common::tempdir();
    let h = home.path();
    let album = h.join("music/Harbour Lights OST");
    std::fs::create_dir_all(&album).expect("folder");
    for n in 1..=2 {
        let stereo = common::tone(440.0 * n as f64, 0.3, 44_100, 0, 44_100);
        common::write_wav(&album.join(format!("0{n} Theme {n}.wav")), 44_100, 2, &stereo);
    }
    let (mut app, window) = launch_window(h, &display, &[], &[]);
    // The first run sets up the demo; its invitation holds the button (below the
    // no-sound-device banner). Ctrl+O, the same action by keyboard, where the banner
    // isn't (a machine with a sound server) and the click misses.
    std::thread::sleep(Duration::from_secs(3));
    xdotool(
        &display,
        &["mousemove", "--window", &window, "1131", "227", "click", "1"],
    );
    std::thread::sleep(Duration::from_secs(2));
    let opened = Command::new("xdotool")
        .args(["search", "--class", "zenity"])
        .env("DISPLAY", &display)
        .output()
        .is_ok_and(|o| !o.stdout.is_empty());
    if !opened {
        xdotool(&display, &["windowfocus", "--sync", &window]);
        xdotool(&display, &["key", "ctrl+o"]);
    }
    let found = Command::new("timeout")
        .args(["30", "xdotool", "search", "--sync", "--class", "zenity"])
        .env("DISPLAY", &display)
        .output()
        .expect("xdotool runs");
    let dialogs = String::from_utf8_lossy(&found.stdout).to_string();
    let Some(dialog) = dialogs.lines().last() else {
        panic!("no file dialog appeared")
    };
    // A person types the folder's path and presses Enter.
    std::thread::sleep(Duration::from_secs(2));
    xdotool(&display, &["windowfocus", "--sync", dialog]);
    let path = format!("{}/", h.join("music").display());
    xdotool(&display, &["type", "--delay", "30", &path]);
    std::thread::sleep(Duration::from_millis(800));
    xdotool(&display, &["key", "Return"]);

    // The folder is added and scanned: its album reaches the library.
    let end = Instant::now() + Duration::from_secs(60);
    let mut series = String::new();
    while Instant::now() < end {
        std::thread::sleep(Duration::from_secs(1));
        let out = common::desktop::app_command(h, &display, &[])
            .args(["series", "--json"])
            .output()
            .expect("leitmotif runs");
        series = String::from_utf8_lossy(&out.stdout).to_string();
        if series.contains("Harbour Lights") {
            break;
        }
    }
    let _ = app.0.kill();
    assert!(
        series.contains("Harbour Lights"),
        "the chosen folder was not added: {series}"
    );
}
