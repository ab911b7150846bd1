//! Characters, scenes and series sheets on the real demo soundtrack in a real SQLite
//! store: playlist order, the vocal/instrumental filter, the spoiler guard, sheet
//! round-trips, each class of malformed sheet, and imports that fail changing nothing.

use std::path::PathBuf;

use leitmotif::library::model::{Library, SeriesIdx, TrackIdx};
use leitmotif::library::scan::{self, ScanOptions};
use leitmotif::ost::note_lists::{Resolved, VersionFilter, is_hidden};
use leitmotif::ost::sheet::{self, ImportError};
use leitmotif::store::{Role, SeriesNotes, Store};

type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

const SERIES: &str = "The Emperor's Secret Garden";

fn demo_sheet() -> Result<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/The Emperor's Secret Garden.sheet.toml");
    Ok(std::fs::read_to_string(path)?)
}

fn setup() -> Result<(Store, Library)> {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let mut store = Store::open_in_memory()?;
    store.add_root(&demo.to_string_lossy())?;
    scan::scan(&mut store, &ScanOptions::default(), None)?;
    let library = Library::build(store.load_tracks()?, &[demo], &store.series_overrides()?);
    Ok((store, library))
}

fn titles(library: &Library, tracks: &[TrackIdx]) -> Vec<String> {
    tracks.iter().map(|&t| library.tracks[t].title()).collect()
}

fn imported() -> Result<(Store, Library, SeriesNotes)> {
    let (mut store, library) = setup()?;
    sheet::import(&mut store, &library, &demo_sheet()?, false).map_err(|e| format!("{e:?}"))?;
    let notes = store.series_notes(SERIES)?;
    Ok((store, library, notes))
}

#[test]
fn character_playlists_put_themes_then_variations_then_appearances() -> Result {
    let (_store, library, notes) = imported()?;
    let resolved = Resolved::new(&library, SeriesIdx(0), &notes);
    let empress = notes
        .characters
        .iter()
        .position(|c| c.name == "Empress Yun")
        .ok_or("no Empress")?;
    // The sheet lists the Reprise before Dusk; release order puts Dusk (track 3) first.
    assert_eq!(
        titles(&library, &resolved.character(empress, VersionFilter::Both)),
        [
            "The Empress's Theme",
            "Secret Garden at Dusk",
            "The Empress's Theme (Gayageum Reprise)"
        ]
    );
    let lee = notes
        .characters
        .iter()
        .position(|c| c.name == "Lee Hwan")
        .ok_or("no Lee Hwan")?;
    assert_eq!(
        titles(&library, &resolved.character(lee, VersionFilter::Both)),
        ["Lee Hwan's Resolve", "Moonlit Pavilion", "The Confession"],
        "theme first, then appearances in release order (Part.2 before the score)"
    );
    let confession = library
        .tracks
        .iter()
        .position(|t| t.title() == "The Confession")
        .map(TrackIdx)
        .ok_or("none")?;
    let of: Vec<(String, Role)> = resolved
        .characters_of(confession)
        .into_iter()
        .map(|(c, r)| (notes.characters[c].name.clone(), r))
        .collect();
    assert_eq!(
        of,
        [
            ("Lee Hwan".to_string(), Role::Appears),
            ("Seo-ha".to_string(), Role::Appears)
        ]
    );
    Ok(())
}

#[test]
fn vocal_and_instrumental_filters() -> Result {
    let (_store, library, notes) = imported()?;
    let resolved = Resolved::new(&library, SeriesIdx(0), &notes);
    let seo_ha = notes
        .characters
        .iter()
        .position(|c| c.name == "Seo-ha")
        .ok_or("no Seo-ha")?;
    assert_eq!(
        titles(&library, &resolved.character(seo_ha, VersionFilter::Instrumental)),
        ["Under the Plum Blossoms (Inst.)"]
    );
    assert_eq!(
        titles(&library, &resolved.character(seo_ha, VersionFilter::Vocal)),
        ["Under the Plum Blossoms", "The Confession"]
    );
    let all = library.series_tracks(SeriesIdx(0));
    assert_eq!(VersionFilter::Instrumental.apply(&library, all.clone()).len(), 2);
    assert_eq!(VersionFilter::Vocal.apply(&library, all).len(), 7);
    Ok(())
}

#[test]
fn scenes_play_in_story_order_and_the_spoiler_guard_hides_later_ones() -> Result {
    let (mut store, library, notes) = imported()?;
    let resolved = Resolved::new(&library, SeriesIdx(0), &notes);
    let episodes: Vec<u32> = resolved
        .story_order()
        .iter()
        .map(|&i| notes.scenes[i].episode)
        .collect();
    assert_eq!(episodes, [1, 2, 3, 4, 6]);
    assert_eq!(
        titles(&library, &resolved.episode(4, VersionFilter::Both)),
        ["The Confession", "Moonlit Pavilion"],
        "a scene's own order, not release order"
    );
    store.set_watched_up_to(SERIES, Some(4))?;
    let watched = store.watched_up_to(SERIES)?;
    let visible: Vec<&str> = notes
        .scenes
        .iter()
        .filter(|s| !is_hidden(s, watched))
        .map(|s| s.title.as_str())
        .collect();
    assert_eq!(visible.len(), 4);
    assert!(!visible.contains(&"The Empress remembers"), "episode 6 stays hidden");
    store.set_watched_up_to(SERIES, None)?;
    let watched = store.watched_up_to(SERIES)?;
    assert_eq!(watched, None);
    assert!(notes.scenes.iter().all(|s| !is_hidden(s, watched)));
    Ok(())
}

#[test]
fn export_then_import_round_trips_exactly() -> Result {
    let (mut store, library, notes) = imported()?;
    let text = sheet::export(&store, None, SERIES)?;
    assert_eq!(text, demo_sheet()?, "the demo sheet is in the exported form");
    store.replace_series_notes(SERIES, &SeriesNotes::default())?;
    sheet::import(&mut store, &library, &text, false).map_err(|e| format!("{e:?}"))?;
    assert_eq!(store.series_notes(SERIES)?, notes);
    assert_eq!(sheet::export(&store, None, SERIES)?, text);
    Ok(())
}

/// Imports `text` expecting a rejection; returns the problems and checks nothing changed.
fn rejected(text: &str) -> Result<Vec<String>> {
    let (mut store, library, before) = imported()?;
    match sheet::import(&mut store, &library, text, false) {
        Err(ImportError::Rejected(r)) => {
            assert_eq!(store.series_notes(SERIES)?, before, "a rejected sheet changes nothing");
            Ok(r.0.iter().map(ToString::to_string).collect())
        }
        other => Err(format!("expected a rejection, got {other:?}").into()),
    }
}

#[test]
fn malformed_sheets_name_line_and_column_and_change_nothing() -> Result {
    let sheet = demo_sheet()?;
    // Bad TOML.
    let e = rejected(&sheet.replacen("name = \"Lee Hwan\"", "name = \"Lee Hwan", 1))?;
    assert_eq!(
        e,
        ["45:17: invalid basic string, expected `\"`"],
        "the unclosed string, at its line end"
    );
    // Unknown series.
    let e = rejected(&sheet.replacen(SERIES, "The King's Affection", 1))?;
    assert_eq!(e, ["3:10: no series named \"The King's Affection\" in the library"]);
    // Bad episode: zero, negative, not a number.
    let e = rejected(&sheet.replacen("episode = 4", "episode = 0", 1))?;
    assert!(e[0].contains("episode 0 is not an episode number"), "{e:?}");
    let e = rejected(&sheet.replacen("episode = 4", "episode = \"four\"", 1))?;
    assert_eq!(e, ["167:11: invalid type: string \"four\", expected i64"]);
    // Bad time.
    let e = rejected(&sheet.replacen("at = \"41:10\"", "at = \"41:99\"", 1))?;
    assert!(e[0].contains("not m:ss or h:mm:ss"), "{e:?}");
    // Duplicate character (compared folded: case and width).
    let e = rejected(&sheet.replacen("name = \"Lee Hwan\"", "name = \"ＥＭＰＲＥＳＳ yun\"", 1))?;
    assert!(e[0].contains("appears twice"), "{e:?}");
    // A reference to a missing track: every one is listed, each at its line.
    let e = rejected(&sheet.replace("title = \"The Confession\"", "title = \"The Confessional\""))?;
    assert_eq!(e.len(), 4, "{e:?}");
    assert!(
        e.iter()
            .all(|l| l.contains("no track of") && l.contains("The Confessional"))
    );
    // Unknown fields are typos, not ignored.
    let e = rejected(&sheet.replacen("colour = \"#5b8def\"", "color = \"#5b8def\"", 1))?;
    assert!(e[0].contains("unknown field"), "{e:?}");
    Ok(())
}

#[test]
fn tolerant_matching_and_partial_import_list_what_matched_nothing() -> Result {
    let (mut store, library) = setup()?;
    // Case, spacing and full-width forms still match.
    let text = "format = 1\nseries = \"the emperor's  secret garden\"\n\n[[characters]]\nname = \"Seo-ha\"\n\
         theme = [{ album = \"THE EMPEROR'S SECRET GARDEN ＯＳＴ Part.1\", track = 1, title = \"under the plum  blossoms\" }]\n\
         appears = [{ album = \"Elsewhere\", title = \"Not Here\" }]\n";
    assert!(matches!(
        sheet::import(&mut store, &library, text, false),
        Err(ImportError::Rejected(_))
    ));
    assert!(store.series_notes(SERIES)?.is_empty());
    let parsed = sheet::import(&mut store, &library, text, true).map_err(|e| format!("{e:?}"))?;
    assert_eq!(parsed.skipped.len(), 1);
    assert_eq!(parsed.skipped[0].line, 7);
    let notes = store.series_notes(SERIES)?;
    assert_eq!(notes.characters[0].tracks.len(), 1);
    let resolved = Resolved::new(&library, SeriesIdx(0), &notes);
    assert_eq!(
        titles(&library, &resolved.character(0, VersionFilter::Both)),
        ["Under the Plum Blossoms"]
    );
    Ok(())
}

#[test]
fn an_import_failing_halfway_leaves_the_database_as_it_was() -> Result {
    let (mut store, library, before) = imported()?;
    // Make the database refuse one scene in the middle of the write.
    let db = tempfile::tempdir()?;
    let path = db.path().join("library.db");
    drop(store);
    store = Store::open(&path)?;
    store.replace_series_notes(SERIES, &before)?;
    {
        let conn = rusqlite::Connection::open(&path)?;
        conn.execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON scenes WHEN NEW.episode = 6 \
             BEGIN SELECT RAISE(ABORT, 'disk on fire'); END;",
        )?;
    }
    let changed = demo_sheet()?.replacen("name = \"Lee Hwan\"", "name = \"Crown Prince Lee Hwan\"", 1);
    match sheet::import(&mut store, &library, &changed, false) {
        Err(ImportError::Store(e)) => assert!(e.contains("disk on fire"), "{e}"),
        other => return Err(format!("expected a store failure, got {other:?}").into()),
    }
    assert_eq!(
        store.series_notes(SERIES)?,
        before,
        "characters written before the failure were rolled back"
    );
    Ok(())
}

#[test]
fn timed_cues_are_kept_exported_and_checked() -> Result {
    let (store, library, notes) = imported()?;
    // The demo's sheet times the Empress's theme inside "Secret Garden at Dusk".
    let empress = &notes.characters[0];
    let (role, dusk) = empress
        .tracks
        .iter()
        .find(|(_, t)| t.title == "Secret Garden at Dusk")
        .ok_or("Dusk is a variation of the Empress's theme")?;
    assert_eq!(*role, Role::Variation);
    assert_eq!((dusk.at_ms, dusk.until_ms), (Some(8_571), Some(17_143)));
    assert_eq!(
        dusk.cue_note.as_deref(),
        Some("the opening cell at half speed, a fourth higher")
    );
    // Kept in the database as written, and exported the same way.
    let text = sheet::export(&store, None, SERIES)?;
    assert!(text.contains("at = \"0:08.571\"\nuntil = \"0:17.143\"\nnote = \"the opening cell"));
    assert!(
        text.contains("at = \"0:00\"\nuntil = \"0:25.620\""),
        "whole seconds without .000"
    );
    drop(library);

    let sheet = demo_sheet()?;
    // An end before its start, at the line of the reference.
    let e = rejected(&sheet.replacen("until = \"0:17.143\"", "until = \"0:05\"", 1))?;
    assert_eq!(e.len(), 1, "{e:?}");
    assert!(e[0].ends_with("until 0:05 is not after at 0:08.571"), "{e:?}");
    let line: usize = e[0].split(':').next().unwrap_or_default().parse()?;
    assert!(
        sheet
            .lines()
            .nth(line - 1)
            .is_some_and(|l| l.starts_with("[[characters.variation]]")),
        "the error points at the reference: {e:?}"
    );
    // A time past the end of the track.
    let e = rejected(&sheet.replacen("until = \"0:17.143\"", "until = \"2:17\"", 1))?;
    assert!(
        e[0].contains("until 2:17 is past the end of \"Secret Garden at Dusk\" (0:29.114)"),
        "{e:?}"
    );
    // Not a time, at its own position.
    let e = rejected(&sheet.replacen("at = \"0:08.571\"", "at = \"8.5 s\"", 1))?;
    assert!(e[0].contains("time \"8.5 s\" is not m:ss or m:ss.mmm"), "{e:?}");
    Ok(())
}

/// Found reading the change back: a new role for a track dropped its second timed
/// statement (the track's references were replaced by one).
#[test]
fn a_new_role_keeps_every_timed_statement_of_the_track() -> Result {
    use leitmotif::ost::edits::{Edit, Notes, apply};
    let (_store, library, notes) = imported()?;
    let dusk = library
        .track_indices()
        .find(|&t| library.tracks[t].title() == "Secret Garden at Dusk")
        .ok_or("Dusk")?;
    let mut n = Notes {
        notes,
        watched_up_to: None,
    };
    // A second statement of the Empress's theme in Dusk, later on.
    let (_, first) = n.notes.characters[0]
        .tracks
        .iter()
        .find(|(_, t)| t.title == "Secret Garden at Dusk")
        .cloned()
        .ok_or("Dusk is hers")?;
    let mut second = first.clone();
    second.at_ms = Some(20_000);
    second.until_ms = Some(24_000);
    n.notes.characters[0].tracks.push((Role::Variation, second));
    let theme = Edit::Assign {
        character: 0,
        track: dusk,
        role: Role::Theme,
    };
    assert!(apply(&mut n, &theme, &library));
    let dusk_refs: Vec<(Role, Option<u64>)> = n.notes.characters[0]
        .tracks
        .iter()
        .filter(|(_, t)| t.title == "Secret Garden at Dusk")
        .map(|(r, t)| (*r, t.at_ms))
        .collect();
    assert_eq!(dusk_refs, [(Role::Theme, Some(8_571)), (Role::Theme, Some(20_000))]);
    assert!(!apply(&mut n, &theme, &library), "the same role again changes nothing");
    Ok(())
}
