//! The short form of the fuzzing (docs/fuzzing-runs.md): every seed in fuzz/seeds/<target>/
//! and every minimised crash in tests/fixtures/fuzz/<target>/ goes through the same entry
//! points the cargo-fuzz targets call (fuzz/harness.rs), so a fixed crash stays fixed
//! and CI needs neither nightly nor cargo-fuzz.

#[path = "../fuzz/harness.rs"]
mod harness;

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

/// The inputs for `target`: seeds, then regression inputs (a folder may be absent).
fn inputs(target: &str) -> Result<Vec<PathBuf>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for dir in [
        root.join("fuzz/seeds").join(target),
        root.join("tests/fixtures/fuzz").join(target),
    ] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        let mut found: Vec<PathBuf> = entries.map(|e| e.map(|e| e.path())).collect::<std::io::Result<_>>()?;
        found.retain(|p| p.is_file() && !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')));
        found.sort();
        files.extend(found);
    }
    Ok(files)
}

/// Runs every input of `target` through `run`, naming each one that panics.
fn replay(target: &str, run: impl Fn(&[u8])) -> Result {
    let files = inputs(target)?;
    assert!(!files.is_empty(), "no seeds for {target}");
    let mut failed = Vec::new();
    for file in &files {
        let data = std::fs::read(file)?;
        if catch_unwind(AssertUnwindSafe(|| run(&data))).is_err() {
            failed.push(file.display().to_string());
        }
    }
    assert!(
        failed.is_empty(),
        "{target}: {} input(s) failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
    Ok(())
}

#[test]
fn cue_inputs() -> Result {
    replay("cue", harness::cue)
}

#[test]
fn m3u_inputs() -> Result {
    replay("m3u", harness::m3u)
}

#[test]
fn sheet_inputs() -> Result {
    replay("sheet", harness::sheet)
}

#[test]
fn lrc_inputs() -> Result {
    replay("lrc", harness::lrc)
}

#[test]
fn query_inputs() -> Result {
    replay("query", harness::query)
}

#[test]
fn tags_inputs() -> Result {
    let dir = tempfile::tempdir()?;
    replay("tags", |data| harness::tags(data, dir.path()))
}

/// The sheet target reaches past the series lookup: the demo's sheet is accepted by
/// the in-memory library the harness builds.
#[test]
fn the_sheet_library_accepts_the_demo_sheet() -> Result {
    let text = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/The Emperor's Secret Garden.sheet.toml"),
    )?;
    let parsed = leitmotif::ost::sheet::parse(&text, harness::sheet_library(), false).map_err(|r| format!("{r:?}"))?;
    assert_eq!(parsed.series_name, harness::SERIES);
    assert_eq!(parsed.notes.characters.len(), 3);
    assert_eq!(parsed.notes.scenes.len(), 5);
    Ok(())
}

/// Opus files that make lofty 0.25.5 panic while reading their audio properties (an
/// absurd last granule position; a channel count of 0): the panic is caught and the
/// tags are still read, with the reason as a warning.
#[test]
fn opus_files_that_crash_lofty_keep_their_tags() -> Result {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz/tags");
    for name in ["opus-granule-div-by-zero.opus", "opus-zero-channels.opus"] {
        let read = leitmotif::library::tags::read(&dir.join(name))?;
        assert_eq!(read.fields.title.as_deref(), Some("Under the Plum Blossoms"), "{name}");
        let warning = read.warning.unwrap_or_default();
        assert!(warning.contains("the tag reader crashed"), "{name}: {warning}");
        // Their covers are looked up without audio properties: no panic, just no picture.
        assert!(leitmotif::library::cover::thumbnail("embedded", &dir.join(name), 64, None).is_err());
    }
    Ok(())
}
