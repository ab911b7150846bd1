//! The query language through `leitmotif tracks --query` on the real demo soundtrack
//! with its sheet imported: fields from tags, albums and notes, a character bound to
//! its role, and/or/not, durations, and a mistake named at its column.

mod common;

use common::cli::{Cli, Result, demo};

/// The demo scanned and its sheet imported.
fn annotated() -> Result<Cli> {
    let env = Cli::with_demo()?;
    let sheet = demo().join("The Emperor's Secret Garden.sheet.toml");
    env.ok(&["sheet", "import", &sheet.to_string_lossy()])?;
    Ok(env)
}

#[test]
fn queries_keep_what_their_fields_say() -> Result {
    let env = annotated()?;
    let q = |query: &str| env.titles(query);
    assert_eq!(q("")?.len(), 9, "an empty query keeps every track");
    // A character with its role side by side: that character's theme, not someone's.
    assert_eq!(q(r#"character:"Lee Hwan" role:theme"#)?, ["Lee Hwan's Resolve"]);
    assert_eq!(
        q(r#"character:"Lee Hwan""#)?,
        ["Lee Hwan's Resolve", "Moonlit Pavilion", "The Confession"]
    );
    assert_eq!(
        q(r#"character:"Lee Hwan" or role:theme"#)?,
        [
            "Lee Hwan's Resolve",
            "Moonlit Pavilion",
            "The Confession",
            "The Empress's Theme",
            "Under the Plum Blossoms"
        ]
    );
    // The original-script name, folded like every text.
    assert_eq!(q("character:서하 role:var")?, ["Under the Plum Blossoms (Inst.)"]);
    assert_eq!(
        q("kind:part vocal:no")?,
        ["Moonlit Pavilion (Inst.)", "Under the Plum Blossoms (Inst.)"]
    );
    assert_eq!(q("vocal:yes")?, ["Moonlit Pavilion", "Under the Plum Blossoms"]);
    assert_eq!(
        q("mood:romance or mood:tension")?,
        [
            "Lee Hwan's Resolve",
            "Moonlit Pavilion",
            "The Confession",
            "Under the Plum Blossoms"
        ]
    );
    assert_eq!(
        q("not kind:score -inst")?,
        ["Moonlit Pavilion", "Under the Plum Blossoms"]
    );
    assert_eq!(
        q("kind:score duration<30s")?,
        ["Secret Garden at Dusk", "The Empress's Theme (Gayageum Reprise)"]
    );
    assert_eq!(q("kind:score duration:30s..31s")?, ["The Confession"]);
    assert_eq!(q(r#"title="the confession""#)?, ["The Confession"]);
    // Free words search as before, and mix with fields.
    assert_eq!(
        q("empress")?,
        ["The Empress's Theme", "The Empress's Theme (Gayageum Reprise)"]
    );
    assert_eq!(
        q("empress (reprise or format:flac)")?,
        ["The Empress's Theme (Gayageum Reprise)"]
    );
    assert_eq!(q("series:\"secret garden\" format:opus")?.len(), 9);
    // Just scanned: added within the day, none before it.
    assert_eq!(q("added<1d")?.len(), 9);
    assert!(q("added>1d")?.is_empty());
    Ok(())
}

#[test]
fn scenes_and_episodes_come_from_the_sheet() -> Result {
    let env = annotated()?;
    assert_eq!(env.titles("scene:confession")?, ["Moonlit Pavilion", "The Confession"]);
    assert_eq!(env.titles("episode:4")?, ["Moonlit Pavilion", "The Confession"]);
    assert_eq!(
        env.titles("episode:3..4 vocal:no")?,
        ["Lee Hwan's Resolve", "Secret Garden at Dusk", "The Confession"]
    );
    assert!(env.titles("episode:99")?.is_empty());
    Ok(())
}

#[test]
fn a_query_mistake_is_named_at_its_column_and_lists_nothing() -> Result {
    let env = annotated()?;
    let out = env.run(&["tracks", "--query", "kind:score seris:x"])?;
    assert!(!out.status.success());
    assert!(out.stdout.is_empty(), "nothing listed");
    let err = String::from_utf8(out.stderr)?;
    assert!(
        err.contains("column 12: no field is called \"seris\": did you mean series?"),
        "{err}"
    );
    assert!(err.contains("  kind:score seris:x\n             ^^^^^"), "{err}");
    let out = env.run(&["tracks", "--query", "(empress or"])?;
    let err = String::from_utf8(out.stderr)?;
    assert!(!out.status.success() && err.contains("column 12"), "{err}");
    Ok(())
}

#[test]
fn a_saved_smart_playlist_is_renamed_and_a_taken_name_refused() -> Result {
    let env = Cli::with_demo()?;
    env.ok(&["playlist", "smart", "Scores", "--query", "kind:score"])?;
    env.ok(&["playlist", "smart", "Songs", "--query", "vocal:yes"])?;
    for (taken, said) in [
        ("Songs", "already called"),
        ("Favourites", "built-in"),
        ("  ", "needs a name"),
    ] {
        let out = env.run(&["playlist", "smart", "Scores", "--rename", taken])?;
        assert!(!out.status.success(), "{taken:?} must be refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(said), "{taken:?}: {err}");
    }
    let out = env.run(&["playlist", "smart", "Favourites", "--rename", "Hearts"])?;
    assert!(!out.status.success(), "a built-in one keeps its name");
    let before = env.ok(&["playlist", "smart", "Scores"])?;
    env.ok(&["playlist", "smart", "Scores", "--rename", "Score cues"])?;
    assert_eq!(
        env.ok(&["playlist", "smart", "Score cues"])?,
        before,
        "the same query, the same tracks"
    );
    let listed = env.ok(&["playlist", "list"])?;
    assert!(listed.contains("Score cues") && !listed.contains("Scores "), "{listed}");
    Ok(())
}
