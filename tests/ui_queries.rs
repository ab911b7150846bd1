//! The query language in the search box: fields from the series' notes (read on the
//! store worker) filter the results, and a mistake is said beside the box at its
//! column while the words as typed still search.

mod ui_harness;
mod ui_pump;

use leitmotif::library::model::Library;
use leitmotif::library::query::parse;
use leitmotif::ost::sheet;
use leitmotif::store::Store;
use leitmotif::ui::Message;
use ui_harness::{Harness, Result, harness_on, scanned_demo};

/// The demo scanned and its own sheet imported, in a window on that database.
fn annotated_demo() -> Result<(Harness, tempfile::TempDir)> {
    let (dir, db) = scanned_demo()?;
    let mut store = Store::open(&db)?;
    let library = Library::load(&store)?;
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo/The Emperor's Secret Garden.sheet.toml"),
    )?;
    sheet::import(&mut store, &library, &text, false).map_err(|e| format!("{e:?}"))?;
    drop(store);
    let (h, dir, _) = harness_on(dir, db, Default::default(), Default::default())?;
    Ok((h, dir))
}

fn results(h: &Harness) -> Vec<String> {
    let mut titles: Vec<String> = h.app.results.iter().map(|&t| h.app.library.tracks[t].title()).collect();
    titles.sort();
    titles
}

#[test]
fn a_character_query_typed_in_the_search_box_keeps_her_theme() -> Result {
    let (mut h, _dir) = annotated_demo()?;
    h.type_into("search", r#"character:"Lee Hwan" role:theme"#)?;
    assert_eq!(results(&h), ["Lee Hwan's Resolve"]);
    assert!(h.find("Lee Hwan's Resolve"), "the result is listed");
    assert!(!h.find("The Confession"), "his appearance is not his theme");
    // Widened as a person would: or, a mood, and the instrumentals left out.
    h.update(Message::Search(
        r#"(character:"Lee Hwan" or mood:romance) -vocal:no"#.into(),
    ));
    assert_eq!(results(&h), ["Moonlit Pavilion", "Under the Plum Blossoms"]);
    // Enter plays what is listed.
    h.update(Message::SearchSubmit);
    assert!(!h.sent().is_empty(), "the results play");
    Ok(())
}

#[test]
fn a_query_mistake_is_said_beside_the_box_at_its_column() -> Result {
    let (mut h, _dir) = annotated_demo()?;
    let typed = "empress seris:garden";
    h.type_into("search", typed)?;
    let said = format!("⚠ {}", parse(typed).err().ok_or("should not read")?.describe(typed));
    assert!(
        said.starts_with("⚠ column 9: no field is called \"seris\": did you mean series?"),
        "{said}"
    );
    assert!(h.find(&said), "the mistake is shown: {said}");
    assert!(results(&h).is_empty(), "the words as typed find nothing");
    // Mended, the message goes and the query filters.
    h.update(Message::Search("empress series:garden".into()));
    assert!(!h.find(&said));
    assert_eq!(
        results(&h),
        ["The Empress's Theme", "The Empress's Theme (Gayageum Reprise)"]
    );
    // Words that merely look like a field are still found when quoted.
    h.update(Message::Search("\"Lee Hwan's\"".into()));
    assert_eq!(results(&h), ["Lee Hwan's Resolve"]);
    Ok(())
}

/// A character's new theme, assigned while a query about her is on screen, joins the
/// results at once (the search's facts follow the one series edited).
#[test]
fn results_follow_an_edit_of_the_notes() -> Result {
    use leitmotif::library::model::SeriesIdx;
    use leitmotif::ost::edits::Edit;
    use leitmotif::store::Role;
    let (mut h, _dir) = annotated_demo()?;
    let query = r#"character:"Lee Hwan" role:theme"#;
    h.type_into("search", query)?;
    assert_eq!(results(&h), ["Lee Hwan's Resolve"]);
    let dusk = h
        .app
        .library
        .tracks
        .iter()
        .position(|t| t.title() == "Secret Garden at Dusk")
        .ok_or("no Dusk")?;
    // Lee Hwan is the sheet's second character.
    h.app.edit_notes(
        SeriesIdx(0),
        Edit::Assign {
            character: 1,
            track: leitmotif::library::model::TrackIdx(dusk),
            role: Role::Theme,
        },
    );
    h.update(Message::Search(query.into()));
    assert_eq!(results(&h), ["Lee Hwan's Resolve", "Secret Garden at Dusk"]);
    Ok(())
}
