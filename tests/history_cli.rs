//! `leitmotif history export|import` and the history fields of `tracks --query`: a
//! history exported from one library imports into another (twice counts nothing
//! twice); a malformed export names its line and column and changes nothing.

mod common;

use std::path::Path;

use common::cli::{Cli, Result};
use leitmotif::store::{FavouriteKind, Store};

fn demo_file(album: &str, file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo")
        .join(album)
        .join(file)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn history_exports_imports_and_is_queried() -> Result {
    let from = Cli::with_demo()?;
    let theme = demo_file(
        "The Emperor's Secret Garden (Original Score)",
        "01 The Empress's Theme.opus",
    );
    let dusk = demo_file(
        "The Emperor's Secret Garden (Original Score)",
        "03 Secret Garden at Dusk.opus",
    );
    {
        let mut s = Store::open(&from.db())?;
        for at in [1_000, 2_000, 3_000] {
            s.record_play(&theme, 0, None, at)?;
        }
        s.record_skip(&dusk, 0, None, 4_000)?;
        s.set_favourite(FavouriteKind::Series, "The Emperor's Secret Garden", true, 5_000)?;
    }
    assert_eq!(from.titles("plays>2")?, ["The Empress's Theme"]);
    assert_eq!(from.titles("skips:1 -plays>0")?, ["Secret Garden at Dusk"]);
    assert_eq!(from.titles("fav:yes")?.len(), 9, "the series' ♥ covers its tracks");
    assert!(from.titles("played<1d")?.is_empty(), "played in 1970");

    let file = from.dir.path().join("history.json");
    let out = from.run(&["history", "export", "-o", &file.to_string_lossy()])?;
    assert!(out.status.success());

    let to = Cli::with_demo()?;
    for _ in 0..2 {
        let out = to.run(&["history", "import", &file.to_string_lossy()])?;
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        assert!(String::from_utf8(out.stdout)?.contains("2 tracks and 1 favourites"));
    }
    assert_eq!(
        to.titles("plays:3")?,
        ["The Empress's Theme"],
        "imported twice, counted once"
    );
    assert_eq!(
        Store::open(&to.db())?.export_history()?,
        Store::open(&from.db())?.export_history()?
    );

    // A broken export: named at its line and column, nothing imported.
    let text = std::fs::read_to_string(&file)?.replacen("\"plays\": 3", "\"plays\": \"three\"", 1);
    let broken = from.dir.path().join("broken.json");
    std::fs::write(&broken, &text)?;
    let fresh = Cli::with_demo()?;
    let out = fresh.run(&["history", "import", &broken.to_string_lossy()])?;
    assert!(!out.status.success());
    let err = String::from_utf8(out.stderr)?;
    let line = text.lines().position(|l| l.contains("three")).ok_or("no line")? + 1;
    assert!(err.contains(&format!("broken.json:{line}:")), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    assert!(Store::open(&fresh.db())?.listening()?.is_empty());
    Ok(())
}
