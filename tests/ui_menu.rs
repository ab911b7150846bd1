//! A track's context menu as people use it: by keyboard alone (Ctrl+number, ↑/↓, the
//! Menu key, Enter), with what the track already belongs to checked, and a second
//! choice of a checked entry taking the track out again; a new playlist made from it.

use iced::keyboard::{Key, Modifiers, key::Named};

use leitmotif::player::Command;
use leitmotif::store::Store;

mod common;
mod ui_harness;
mod ui_pump;
use ui_harness::{Harness, Result, harness_with_store, titles};

#[test]
fn the_keyboard_alone_queues_a_track_through_its_menu() -> Result {
    let mut h = Harness::new()?;
    // Something plays, so "Add to queue" adds rather than starts.
    let first = h.app.all_tracks[..1].to_vec();
    h.app.play_tracks(&first, 0, false);
    h.sent();
    let none = Modifiers::empty();
    h.press(Key::Character("3".into()), Modifiers::CTRL)?;
    assert!(h.find("All tracks") && h.find("9 tracks"), "Ctrl+3 is All tracks");
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ContextMenu), none)?;
    assert!(h.app.menu.is_some(), "the Menu key opens the selected track's menu");
    // Play, Play next, Add to queue: two steps down, Enter.
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::Enter), none)?;
    assert!(h.app.menu.is_none(), "chosen, the menu closes");
    let sent = h.sent();
    let [Command::Append(specs)] = sent.as_slice() else {
        panic!("expected Append, got {sent:?}")
    };
    assert_eq!(titles(&h, specs), ["Lee Hwan's Resolve"]);
    // Esc closes a menu without choosing.
    h.press(Key::Named(Named::ContextMenu), none)?;
    h.press(Key::Named(Named::Escape), none)?;
    assert!(h.app.menu.is_none() && h.sent().is_empty());

    // Typed into the search field, which keeps the focus: its Enter chooses in the menu.
    h.interact(|ui| {
        ui.click(iced_test::selector::id("search"))?;
        ui.typewrite("moonlit");
        Ok(())
    })?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ContextMenu), none)?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    // (What the focused field sends on Enter; a fresh simulated view has no focus to keep
    // and a click would land on the menu's backdrop.)
    h.update(leitmotif::ui::Message::SearchSubmit);
    let sent = h.sent();
    let [Command::Append(specs)] = sent.as_slice() else {
        panic!("expected Append from the search field's Enter, got {sent:?}")
    };
    assert_eq!(titles(&h, specs), ["Moonlit Pavilion"]);
    Ok(())
}

#[test]
fn a_checked_character_or_scene_takes_the_track_out() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    h.click("The Emperor's Secret Garden")?;
    h.type_into("new-character", "Lee Hwan")?;
    h.click("Add character")?;
    h.right_click("Lee Hwan's Resolve")?;
    h.click("Add to character…")?;
    assert!(!h.find("✓"), "nothing checked yet");
    h.click("Lee Hwan · theme")?;
    let stored = || Store::open(&db).and_then(|s| s.series_notes("The Emperor's Secret Garden"));
    assert_eq!(stored()?.characters[0].tracks.len(), 1);

    // Its title is on the character's card now too: the Menu key opens the menu of the
    // row still selected.
    h.press(Key::Named(Named::ContextMenu), Modifiers::empty())?;
    h.click("Add to character…")?;
    assert!(h.find("✓"), "the role the track holds is checked");
    // The row wears "Lee Hwan · theme" as a badge now: the entry is chosen by keys.
    h.press(Key::Named(Named::Enter), Modifiers::empty())?;
    assert!(
        stored()?.characters[0].tracks.is_empty(),
        "chosen again, the track leaves the character"
    );

    // Scenes the same way.
    h.type_into("new-scene-episode", "1")?;
    h.type_into("new-scene-title", "The plum blossoms")?;
    h.click("Add scene")?;
    h.press(Key::Named(Named::ContextMenu), Modifiers::empty())?;
    h.click("Add to scene…")?;
    h.click("Ep 1 · The plum blossoms")?;
    assert_eq!(stored()?.scenes[0].tracks.len(), 1);
    h.press(Key::Named(Named::ContextMenu), Modifiers::empty())?;
    h.click("Add to scene…")?;
    assert!(h.find("✓"));
    h.click("Ep 1 · The plum blossoms")?;
    assert!(stored()?.scenes[0].tracks.is_empty());
    Ok(())
}

#[test]
fn new_playlist_from_a_tracks_menu() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    h.click("All tracks")?;
    h.right_click("Moonlit Pavilion")?;
    h.click("Add to playlist…")?;
    h.click("New playlist…")?;
    let store = Store::open(&db)?;
    let lists = store.playlists()?;
    assert_eq!(
        lists.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(),
        ["New playlist"]
    );
    assert_eq!(store.playlist("New playlist")?.map(|items| items.len()), Some(1));
    assert!(h.find("Added to “New playlist”"), "a notice says where it went");
    Ok(())
}

/// "Track info" (menu or Ctrl+I): every tag and file property, the path, and "Show in
/// folder"; Esc closes it.
#[test]
fn track_info_shows_tags_file_properties_and_the_path() -> Result {
    let mut h = Harness::new()?;
    h.click("All tracks")?;
    h.right_click("Under the Plum Blossoms")?;
    h.click("Track info")?;
    for shown in ["Composer", "Han Seo-yeon", "Audio", "Show in folder", "1 of 2"] {
        assert!(h.find(shown), "{shown} in the panel");
    }
    let path = h.path_of("Under the Plum Blossoms")?;
    assert!(h.find(&path.display().to_string()), "the file's path");
    h.press(Key::Named(Named::Escape), Modifiers::empty())?;
    assert!(!h.find("Show in folder"), "Esc closes it");
    let status = h.press(Key::Character("i".into()), Modifiers::CTRL)?;
    assert!(
        h.find("Show in folder"),
        "Ctrl+I opens it for the selected row ({status:?})"
    );
    Ok(())
}

/// Credits the library doesn't keep (arranger, lyricist, label) were nowhere: the panel
/// reads them from the file itself.
#[test]
fn track_info_shows_the_files_own_credits() -> Result {
    use leitmotif::library::model::Library;
    use leitmotif::library::scan::{self, ScanOptions};
    let dir = tempfile::tempdir()?;
    let pcm = common::tone(440.0, 0.3, 44_100, 0, 44_100);
    common::encode(
        dir.path(),
        "01 Main Title",
        common::FLAC,
        &pcm,
        &[
            ("title", "Main Title"),
            ("album", "Moon Lovers OST"),
            ("ARRANGER", "Nam Hye-seung"),
            ("LYRICIST", "Kim Eana"),
            ("LABEL", "Stone Music"),
        ],
    );
    let mut store = Store::open_in_memory()?;
    store.add_root(&dir.path().to_string_lossy())?;
    scan::scan(&mut store, &ScanOptions::default(), None)?;
    let roots = store.roots()?;
    let library = Library::build(
        store.load_tracks()?,
        &[dir.path().to_path_buf()],
        &store.series_overrides()?,
    );
    let mut h = Harness::with_library(library, roots)?;
    h.click("All tracks")?;
    h.right_click("Main Title")?;
    h.click("Track info")?;
    for shown in [
        "Arranger",
        "Nam Hye-seung",
        "Lyricist",
        "Kim Eana",
        "Label",
        "Stone Music",
    ] {
        assert!(h.find(shown), "{shown} in the panel");
    }
    Ok(())
}

/// Shift/Ctrl multi-select: Shift+click runs a range, Ctrl+click takes one out, the
/// menu's queue entries take them all; Shift+↓ extends; in the queue Ctrl+A and Delete
/// take the selected entries out.
#[test]
fn several_rows_are_selected_and_queued_together() -> Result {
    use iced::keyboard::Event as KeyEvent;
    use leitmotif::player::QueueIdx;
    use leitmotif::ui::Message;
    let mut h = Harness::new()?;
    let first = h.app.all_tracks[..1].to_vec();
    h.app.play_tracks(&first, 0, false);
    h.sent();
    h.click("All tracks")?;
    let all: Vec<String> = h
        .app
        .all_tracks
        .iter()
        .map(|&t| h.app.library.tracks[t].title())
        .collect();
    let hold = |h: &mut Harness, m: Modifiers| h.update(Message::Key(KeyEvent::ModifiersChanged(m)));
    h.click(&all[1])?;
    hold(&mut h, Modifiers::SHIFT);
    h.click(&all[4])?;
    hold(&mut h, Modifiers::CTRL);
    h.click(&all[2])?;
    hold(&mut h, Modifiers::empty());
    h.right_click(&all[3])?;
    assert!(h.find("3 tracks selected"), "rows 2, 4 and 5");
    h.click("Add 3 to queue")?;
    let sent = h.sent();
    let [Command::Append(specs)] = sent.as_slice() else {
        panic!("expected one Append, got {sent:?}")
    };
    assert_eq!(titles(&h, specs), [all[1].clone(), all[3].clone(), all[4].clone()]);

    // Shift+↓ from a lone row runs on; the menu key's menu takes the run.
    h.click(&all[6])?;
    h.press(Key::Named(Named::ArrowDown), Modifiers::SHIFT)?;
    h.press(Key::Named(Named::ArrowDown), Modifiers::SHIFT)?;
    h.press(Key::Named(Named::ContextMenu), Modifiers::empty())?;
    assert!(h.find("3 tracks selected"), "rows 7 to 9");
    h.press(Key::Named(Named::Escape), Modifiers::empty())?;

    // The queue: Ctrl+A, then Delete, takes every entry but none is left playing.
    h.press(Key::Character("4".into()), Modifiers::CTRL)?;
    assert_eq!(h.app.playback.len(), 4);
    h.click(&all[1])?;
    hold(&mut h, Modifiers::SHIFT);
    h.click(&all[4])?;
    hold(&mut h, Modifiers::empty());
    assert!(h.find("Remove 3"), "the head's button counts them");
    h.press(Key::Named(Named::Delete), Modifiers::empty())?;
    let sent = h.sent();
    assert!(
        matches!(sent.as_slice(), [Command::Remove(r)] if r == &[QueueIdx(1), QueueIdx(2), QueueIdx(3)]),
        "{sent:?}"
    );
    assert_eq!(h.app.playback.len(), 1);
    h.press(Key::Character("a".into()), Modifiers::CTRL)?;
    assert!(h.find("Remove"), "one selected");
    Ok(())
}
