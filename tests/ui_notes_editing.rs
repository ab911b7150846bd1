//! Characters and scenes edited wholly from the window: a character's name in the
//! original script, colour and note; its tracks listed with their roles, one taken out
//! with ×; a scene's episode, time and note. Each change is stored at once; a colour or
//! time that doesn't read is named and nothing is saved.

use leitmotif::store::Store;

mod ui_harness;
mod ui_pump;
use ui_harness::{Result, harness_with_store};

#[test]
fn a_character_and_a_scene_are_edited_in_place() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    let stored = || Store::open(&db).and_then(|s| s.series_notes("The Emperor's Secret Garden"));
    h.click("The Emperor's Secret Garden")?;
    h.type_into("new-character", "Lee Hwan")?;
    h.click("Add character")?;

    h.click_id("edit-character-0")?;
    h.type_into("edit-original", "이환")?;
    h.type_into("edit-colour", "crimson")?;
    h.click("Save")?;
    assert!(
        h.find("“crimson” is not a colour: write it as #c0392b."),
        "the field is named"
    );
    assert_eq!(stored()?.characters[0].colour, None, "nothing saved");
    h.retype("edit-colour", "crimson".len(), "#c0392b")?;
    h.type_into("edit-note", "The crown prince")?;
    h.click("Save")?;
    let c = &stored()?.characters[0];
    assert_eq!(
        (
            c.name.as_str(),
            c.original_name.as_deref(),
            c.colour.as_deref(),
            c.note.as_deref()
        ),
        ("Lee Hwan", Some("이환"), Some("#c0392b"), Some("The crown prince"))
    );
    assert!(h.find("이환") && h.find("The crown prince"), "the card shows them");

    // Its tracks are listed with their roles; × takes one out.
    h.right_click("Lee Hwan's Resolve")?;
    h.click("Add to character…")?;
    h.click("Lee Hwan · theme")?;
    assert!(h.find("theme"), "the role beside the track");
    assert!(h.find("Lee Hwan · theme"), "a badge on the track's row");
    h.click_id("unassign-0-0")?;
    assert!(stored()?.characters[0].tracks.is_empty());

    // A scene: episode, time and note.
    h.type_into("new-scene-episode", "1")?;
    h.type_into("new-scene-title", "The plum blossoms")?;
    h.click("Add scene")?;
    h.click_id("edit-scene-0")?;
    h.type_into("edit-episode", "2")?;
    h.type_into("edit-time", "12:3O")?;
    h.click("Save")?;
    assert!(h.find("“12:3O” is not a time: write it as 12:30."));
    h.retype("edit-time", 1, "0")?;
    h.type_into("edit-note", "Under the old tree")?;
    h.click("Save")?;
    let scene = &stored()?.scenes[0];
    assert_eq!(
        (scene.episode, scene.at_seconds, scene.note.as_deref()),
        (12, Some(750), Some("Under the old tree"))
    );
    assert!(h.find("EP 12 · 12:30"), "the badge shows episode and time");
    Ok(())
}
