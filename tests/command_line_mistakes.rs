//! What a person mistypes or runs where no window can open gets one sentence and a
//! non-zero exit, never a window, a panic or a backtrace.

use std::process::{Command, Output};

fn leitmotif(args: &[&str], display: Option<&str>) -> Output {
    let home = tempfile::tempdir().unwrap_or_else(|e| panic!("no temporary folder: {e}"));
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_leitmotif"));
    cmd.args(args)
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env("RUST_BACKTRACE", "1")
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_CACHE_HOME", home.path().join("cache"))
        .env("XDG_RUNTIME_DIR", home.path().join("run"))
        .current_dir(home.path());
    if let Some(d) = display {
        cmd.env("DISPLAY", d);
    }
    cmd.output().unwrap_or_else(|e| panic!("cannot run leitmotif: {e}"))
}

fn said(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn an_unknown_command_is_named_not_played() {
    // Even with a display, a bare word that names no file is not opened as one.
    let out = leitmotif(&["anaylze"], Some(":0"));
    let text = said(&out);
    assert_eq!(out.status.code(), Some(2), "{text}");
    assert!(text.contains("\"anaylze\" is not a command"), "{text}");
    assert!(text.lines().count() == 1, "one sentence: {text}");
}

#[test]
fn no_display_is_a_sentence_not_a_panic() {
    let out = leitmotif(&[], None);
    let text = said(&out);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("no display to open the window on"), "{text}");
    assert!(!text.contains("panicked") && !text.contains("backtrace"), "{text}");
}

#[test]
fn an_unreachable_display_is_a_sentence_not_a_panic() {
    // A display named but not there (a stale DISPLAY over SSH).
    let out = leitmotif(&[], Some(":87"));
    let text = said(&out);
    assert!(!out.status.success(), "{text}");
    assert!(
        !text.contains("panicked") && !text.contains("stack backtrace"),
        "{text}"
    );
    assert!(text.contains("leitmotif:"), "{text}");
}
