//! The window's main flows, driven through iced_test's simulator on the real demo
//! soundtrack scanned into a real SQLite store. The engine link is a recorder: each
//! flow asserts the commands the window sent. Keyboard events go through the view
//! first; only those it leaves unhandled reach the app, as `keyboard::listen` does.

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use iced::keyboard::{Key, Modifiers, key::Named};
use iced::{Event, event};
use iced_test::selector;

use leitmotif::library::model::{AlbumIdx, Library};
use leitmotif::library::scan::{self, ScanOptions};
use leitmotif::player::Repeat;
use leitmotif::player::{Command, Event as EngineEvent, QueueIdx, TrackSpec};
use leitmotif::store::Store;
use leitmotif::ui::app::Nav;
use leitmotif::ui::playback::Link;
use leitmotif::ui::session::{SavedScreen, SavedTrack, Session};
use leitmotif::ui::{App, Boot, Message};

mod ui_harness;
mod ui_pump;
use ui_harness::{Harness, Result, demo_library, harness_with_store, quiet_settings, scanned_demo, titles};

#[test]
fn open_a_series_play_an_album_next_and_seek() -> Result {
    let mut h = Harness::new()?;
    h.click("The Emperor's Secret Garden")?;
    assert!(
        h.find("OST Parts") && h.find("Score"),
        "the series page lists parts and score"
    );

    h.play_album("The Emperor's Secret Garden OST Part.2")?;
    let sent = h.sent();
    let Some(Command::Play {
        queue, start, paused, ..
    }) = sent.first()
    else {
        panic!("expected Play, got {sent:?}");
    };
    assert_eq!(titles(&h, queue), ["Moonlit Pavilion", "Moonlit Pavilion (Inst.)"]);
    assert_eq!((*start, *paused), (QueueIdx(0), false));

    h.engine_started(0, 30);
    assert!(h.find("Moonlit Pavilion"), "the now-playing bar names the track");
    h.click_id("transport-next")?;
    assert!(matches!(h.sent().as_slice(), [Command::Next]));

    h.click_id("seek-bar")?;
    let sent = h.sent();
    let [Command::Seek(to)] = sent.as_slice() else {
        panic!("expected one Seek, got {sent:?}")
    };
    assert!(
        (to.as_secs_f32() - 15.0).abs() < 1.0,
        "clicking the middle of a 30 s bar seeks to ~15 s: {to:?}"
    );
    Ok(())
}

#[test]
fn search_then_play_a_result() -> Result {
    let mut h = Harness::new()?;
    h.interact(|ui| {
        ui.click(selector::id("search"))?;
        ui.typewrite("empress");
        Ok(())
    })?;
    assert_eq!(h.app.query, "empress");
    let results: Vec<String> = h.app.results.iter().map(|&t| h.app.library.tracks[t].title()).collect();
    assert_eq!(results.len(), 2, "{results:?}");
    assert!(results.iter().all(|t| t.contains("Empress")));

    h.double_click("The Empress's Theme (Gayageum Reprise)")?;
    let sent = h.sent();
    let Some(Command::Play { queue, start, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(titles(&h, queue)[start.0], "The Empress's Theme (Gayageum Reprise)");
    assert_eq!(queue.len(), 2, "the results are the queue");

    // Accents and case fold: "EMPRÉSS" finds the same tracks.
    h.update(Message::Search("EMPRÉSS".into()));
    assert_eq!(h.app.results.len(), 2);
    Ok(())
}

#[test]
fn reorder_and_clear_the_queue() -> Result {
    let mut h = Harness::new()?;
    let score = h.album("The Emperor's Secret Garden (Original Score)")?;
    let tracks = leitmotif::ui::screen::series_page::album_tracks(&h.app.library, score);
    h.app.play_tracks(&tracks, 0, false);
    h.sent();
    h.app.navigate(Nav::Queue);
    h.engine_started(0, 30);

    h.click_id("queue-down-1")?;
    assert!(matches!(h.sent().as_slice(), [Command::Reorder(order)] if order == &[0, 2, 1, 3, 4].map(QueueIdx)));
    let names: Vec<String> = h.app.playback.entries().map(|e| e.title(&h.app.library)).collect();
    assert_eq!(names[1], "Secret Garden at Dusk");
    assert_eq!(names[2], "Lee Hwan's Resolve");

    h.click_id("queue-remove-4")?;
    assert!(matches!(h.sent().as_slice(), [Command::Remove(i)] if i == &[QueueIdx(4)]));
    assert_eq!(h.app.playback.len(), 4);

    h.click("Clear")?;
    assert!(matches!(h.sent().as_slice(), [Command::Clear]));
    assert!(h.app.playback.is_empty());
    assert!(h.find("Nothing queued. Double-click a track, or choose “Add to queue” from its menu."));
    Ok(())
}

/// Enter typed in a text field belongs to the field: in "Watched up to episode" it
/// once played the selected track.
#[test]
fn enter_in_a_text_field_does_not_play_the_selected_track() -> Result {
    use leitmotif::library::model::SeriesIdx;
    use leitmotif::ui::screen::series_page::Focus;
    let mut h = Harness::new()?;
    h.app.open(Focus::Series(SeriesIdx(0)));
    h.click("Moonlit Pavilion")?;
    h.sent();
    for field in ["watched-up-to", "new-scene-episode"] {
        let mut status = event::Status::Ignored;
        h.interact(|ui| {
            ui.click(selector::id(field))?;
            ui.typewrite("2");
            status = ui.simulate(iced_test::simulator::tap_key(Key::Named(Named::Enter), None))[0];
            Ok(())
        })?;
        if status == event::Status::Ignored {
            // What the window's keyboard subscription would then receive.
            h.press(Key::Named(Named::Enter), Modifiers::empty())?;
        }
        let sent = h.sent();
        assert!(
            !sent.iter().any(|c| matches!(c, Command::Play { .. })),
            "Enter in {field} played: {sent:?}"
        );
    }
    // Enter outside a field still plays the selected track.
    h.press(Key::Named(Named::Enter), Modifiers::empty())?;
    assert!(h.sent().iter().any(|c| matches!(c, Command::Play { .. })));
    Ok(())
}

/// The spoiler guard holds in a track's menu: with "watched up to 1", "Add to scene…"
/// once listed "Ep 3 · The river crossing".
#[test]
fn the_scene_menu_keeps_unwatched_scenes_hidden() -> Result {
    use leitmotif::library::model::SeriesIdx;
    use leitmotif::ost::edits::Edit;
    use leitmotif::ui::app::{MenuAction, MenuPage};
    use leitmotif::ui::screen::tracks;
    use leitmotif::ui::widget::track_list::RowAction;
    let mut h = Harness::new()?;
    for (episode, title) in [(1, "Opening"), (3, "The river crossing")] {
        h.app.edit_notes(
            SeriesIdx(0),
            Edit::CreateScene {
                episode,
                title: title.into(),
            },
        );
    }
    h.app.edit_notes(SeriesIdx(0), Edit::SetWatched(Some(1)));
    h.app.navigate(Nav::Tracks);
    h.update(Message::Tracks(tracks::Message::Row(RowAction::Menu(0))));
    h.update(Message::Menu(MenuAction::ShowPage(MenuPage::Scenes)));
    assert!(h.find("Ep 1 · Opening"));
    assert!(!h.find("Ep 3 · The river crossing"), "a spoiler in the menu");
    assert!(h.find("1 scene after episode 1 hidden (spoilers)"));
    Ok(())
}

/// The speaker mutes and unmutes (it did nothing), as M does.
#[test]
fn the_speaker_mutes_and_brings_the_volume_back() -> Result {
    let mut h = Harness::new()?;
    h.update(Message::Transport(
        leitmotif::ui::widget::now_playing::Transport::Volume(0.6),
    ));
    h.sent();
    h.click_id("mute")?;
    assert!(matches!(h.sent().as_slice(), [Command::SetVolume(v)] if *v == 0.0));
    h.click_id("mute")?;
    assert!(matches!(h.sent().as_slice(), [Command::SetVolume(v)] if (*v - 0.6).abs() < 1e-6));
    h.press(Key::Character("m".into()), Modifiers::empty())?;
    assert!(matches!(h.sent().as_slice(), [Command::SetVolume(v)] if *v == 0.0));
    h.press(Key::Character("m".into()), Modifiers::empty())?;
    assert!(matches!(h.sent().as_slice(), [Command::SetVolume(v)] if (*v - 0.6).abs() < 1e-6));
    Ok(())
}

#[test]
fn keyboard_shortcuts() -> Result {
    let mut h = Harness::new()?;
    let part1 = h.album("The Emperor's Secret Garden OST Part.1")?;
    let tracks = leitmotif::ui::screen::series_page::album_tracks(&h.app.library, part1);
    h.app.play_tracks(&tracks, 0, false);
    h.engine_started(0, 30);
    h.update(Message::Engine(EngineEvent::Position {
        index: QueueIdx(0),
        position: Duration::from_secs(10),
        duration: Some(Duration::from_secs(30)),
    }));
    h.sent();

    let none = Modifiers::empty();
    h.press(Key::Named(Named::Space), none)?;
    assert!(matches!(h.sent().as_slice(), [Command::TogglePause]));
    h.press(Key::Named(Named::ArrowRight), none)?;
    assert!(matches!(h.sent().as_slice(), [Command::Seek(d)] if *d == Duration::from_secs(15)));
    h.press(Key::Named(Named::ArrowLeft), none)?;
    assert!(matches!(h.sent().as_slice(), [Command::Seek(d)] if *d == Duration::from_secs(10)));
    h.press(Key::Named(Named::ArrowRight), Modifiers::CTRL)?;
    assert!(matches!(h.sent().as_slice(), [Command::Next]));
    h.press(Key::Named(Named::ArrowLeft), Modifiers::CTRL)?;
    assert!(matches!(h.sent().as_slice(), [Command::Previous]));
    let before = h.app.playback.volume;
    h.press(Key::Character("-".into()), none)?;
    assert!(matches!(h.sent().as_slice(), [Command::SetVolume(v)] if (*v - (before - 0.05)).abs() < 1e-4));
    h.press(Key::Character("+".into()), none)?;
    assert!(matches!(h.sent().as_slice(), [Command::SetVolume(v)] if (*v - before).abs() < 1e-4));

    h.press(Key::Named(Named::F1), none)?;
    assert!(
        h.find("Keyboard shortcuts") && h.find("Back 5 seconds"),
        "F1 shows the help overlay"
    );
    h.press(Key::Named(Named::Escape), none)?;
    assert!(!h.find("Keyboard shortcuts"));

    // Ctrl+F focuses the search box (a focus task for the runtime); once typing there,
    // Space types instead of pausing.
    h.press(Key::Character("f".into()), Modifiers::CTRL)?;
    h.interact(|ui| {
        ui.click(selector::id("search"))?;
        Ok(())
    })?;
    let status = {
        let mut status = event::Status::Ignored;
        h.interact(|ui| {
            ui.click(selector::id("search"))?;
            status = ui.simulate(iced_test::simulator::tap_key(
                Key::Named(Named::Space),
                Some(" ".into()),
            ))[0];
            Ok(())
        })?;
        status
    };
    assert_eq!(
        status,
        event::Status::Captured,
        "the focused search box takes the space"
    );
    assert!(h.sent().is_empty(), "no TogglePause while typing");

    // Enter plays the selected row.
    h.app.navigate(Nav::Tracks);
    h.click("Under the Plum Blossoms (Inst.)")?;
    h.press(Key::Named(Named::Enter), none)?;
    let sent = h.sent();
    let Some(Command::Play { queue, start, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(titles(&h, queue)[start.0], "Under the Plum Blossoms (Inst.)");
    Ok(())
}

#[test]
fn a_restart_restores_screen_queue_track_and_position_paused() -> Result {
    let (library, roots) = demo_library()?;
    let score = library
        .albums
        .iter()
        .position(|a| a.title.ends_with("(Original Score)"))
        .map(AlbumIdx)
        .ok_or("no score")?;
    let specs: Vec<TrackSpec> = leitmotif::ui::screen::series_page::album_tracks(&library, score)
        .iter()
        .map(|&t| TrackSpec::file(library.tracks[t].path.clone()))
        .collect();
    let session = Session {
        width: 1100.0,
        height: 700.0,
        screen: SavedScreen::SeriesPage {
            name: "The Emperor's Secret Garden".into(),
        },
        current: Some(2),
        position_ms: 12_500,
        repeat: Repeat::All,
        shuffle: false,
        queue: specs.iter().map(SavedTrack::from_spec).collect(),
    };
    let (tx, commands) = mpsc::channel();
    let (app, _task) = App::new(Boot {
        library: Some(library),
        roots,
        link: Link::Recorder(tx),
        store_path: None,
        cache_dir: None,
        files: Default::default(),
        settings: Default::default(),
        session: session.clone(),
        play: Vec::new(),
        notices: Vec::new(),
        media: None,
    });
    let sent: Vec<Command> = commands.try_iter().collect();
    let play = sent.iter().find_map(|c| match c {
        Command::Play {
            queue,
            start,
            position,
            paused,
        } => Some((queue.clone(), *start, *position, *paused)),
        _ => None,
    });
    assert_eq!(play, Some((specs, QueueIdx(2), Duration::from_millis(12_500), true)));
    assert!(sent.iter().any(|c| matches!(c, Command::SetRepeat(Repeat::All))));
    assert!(matches!(app.screen, leitmotif::ui::app::Screen::SeriesPage(_)));
    // And what it would save now is what it was given.
    assert_eq!(app.session(), session);
    Ok(())
}

#[test]
fn the_demo_is_one_series_of_two_parts_and_a_score_with_pairs() -> Result {
    use leitmotif::library::series_rules::AlbumKind;
    let (library, _) = demo_library()?;
    assert_eq!(library.series.len(), 1);
    assert_eq!(library.series[0].name, "The Emperor's Secret Garden");
    let kinds: Vec<(AlbumKind, Option<u32>)> = library.series[0]
        .albums
        .iter()
        .map(|&a| (library.albums[a].kind, library.albums[a].number))
        .collect();
    assert_eq!(
        kinds,
        [
            (AlbumKind::Part, Some(1)),
            (AlbumKind::Part, Some(2)),
            (AlbumKind::Score, None)
        ]
    );
    assert_eq!(library.tracks.len(), 9);
    assert_eq!(library.pairs.len(), 4, "two vocal/inst pairs, both directions");
    assert!(
        library.albums.iter().all(|a| a.cover.is_some()),
        "every album has its cover"
    );
    let bytes: usize = leitmotif::library::demo::FILES.iter().map(|(_, b)| b.len()).sum();
    assert!(bytes <= 3_000_000, "the demo stays within 3 MB: {bytes}");
    Ok(())
}

#[test]
fn context_menu_drop_and_scan_progress() -> Result {
    use iced::mouse;
    let mut h = Harness::new()?;
    h.app.navigate(Nav::Tracks);
    // Something plays, so "play next" has a place to go.
    let first = h.app.all_tracks[..1].to_vec();
    h.app.play_tracks(&first, 0, false);
    h.sent();

    h.interact(|ui| {
        let target = ui.find("Moonlit Pavilion (Inst.)")?;
        let at = target.visible_bounds().ok_or("not visible")?.center();
        ui.point_at(at);
        ui.simulate([
            Event::Mouse(mouse::Event::CursorMoved { position: at }),
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)),
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Right)),
        ]);
        Ok(())
    })?;
    assert!(h.app.menu.is_some(), "right-click opens the menu");
    h.click("Play next")?;
    let sent = h.sent();
    let [Command::InsertNext(specs)] = sent.as_slice() else {
        panic!("expected InsertNext, got {sent:?}")
    };
    assert_eq!(titles(&h, specs), ["Moonlit Pavilion (Inst.)"]);
    assert!(h.app.menu.is_none());
    assert_eq!(
        h.app
            .playback
            .entry(QueueIdx(1))
            .map(|e| e.title(&h.app.library))
            .unwrap_or_default(),
        "Moonlit Pavilion (Inst.)"
    );

    // A folder dropped on the window is queued, in disc and track order.
    let part1 = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/The Emperor's Secret Garden OST Part.1");
    h.update(Message::FileDropped(part1));
    let sent = h.sent();
    let [Command::Append(specs)] = sent.as_slice() else {
        panic!("expected Append, got {sent:?}")
    };
    assert_eq!(
        titles(&h, specs),
        ["Under the Plum Blossoms", "Under the Plum Blossoms (Inst.)"]
    );

    // A running scan shows its counts.
    h.update(Message::Scan(leitmotif::ui::ScanUpdate::Progress {
        seen: 10,
        read: 3,
        path: "/music/a.flac".into(),
    }));
    assert!(h.find("Scanning · 3 of 10 files"));
    Ok(())
}

/// "32 files could not be read" came back on every start and rescan for the same
/// unchanged files. A scan tells only what it found; Settings lists them all.
#[test]
fn unreadable_files_are_told_once_and_listed_in_settings() -> Result {
    use leitmotif::library::scan::{FileError, ScanSummary};
    use leitmotif::ui::ScanUpdate;
    use std::sync::Arc;
    let broken = FileError {
        path: "/music/broken.flac".into(),
        error: "not a FLAC stream".into(),
    };
    let mut h = Harness::new()?;
    let found = ScanSummary {
        errors: vec![broken.clone()],
        new_errors: vec![broken.clone()],
        ..ScanSummary::default()
    };
    h.update(Message::Scan(ScanUpdate::Done(Ok(Arc::new(found)))));
    assert!(h.find("Scan finished: 1 file could not be read"));
    h.app.notices.clear();
    let again = ScanSummary {
        errors: vec![broken],
        ..ScanSummary::default()
    };
    h.update(Message::Scan(ScanUpdate::Done(Ok(Arc::new(again)))));
    assert!(
        h.app.notices.is_empty(),
        "told already: {:?}",
        h.app.notices.iter().map(|n| &n.title).collect::<Vec<_>>()
    );
    h.press(Key::Character("7".into()), Modifiers::CTRL)?;
    assert!(h.find("1 file could not be read"));
    assert!(h.find("/music/broken.flac: not a FLAC stream"));
    Ok(())
}

#[test]
fn create_a_character_assign_two_tracks_and_play_its_playlist() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    h.click("The Emperor's Secret Garden")?;
    h.type_into("new-character", "Lee Hwan")?;
    h.click("Add character")?;
    assert!(h.find("Lee Hwan"), "the new character's card shows");

    // Appearance first, theme second: the playlist still puts the theme first.
    h.right_click("Moonlit Pavilion")?;
    h.click("Add to character…")?;
    h.click("Lee Hwan · appears")?;
    h.right_click("Lee Hwan's Resolve")?;
    h.click("Add to character…")?;
    h.click("Lee Hwan · theme")?;

    let stored = Store::open(&db)?.series_notes("The Emperor's Secret Garden")?;
    assert_eq!(stored.characters.len(), 1, "each edit is stored at once");
    assert_eq!(stored.characters[0].tracks.len(), 2);

    h.click_id("play-character-0")?;
    let sent = h.sent();
    let Some(Command::Play { queue, start, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(titles(&h, queue), ["Lee Hwan's Resolve", "Moonlit Pavilion"]);
    assert_eq!(*start, QueueIdx(0));

    // The now-playing bar names the character.
    h.engine_started(0, 31);
    assert!(h.find("Lee Hwan · theme"), "{:?}", h.app.now_playing_notes());
    Ok(())
}

#[test]
fn create_a_scene_add_tracks_and_reorder_them() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    h.click("The Emperor's Secret Garden")?;
    h.type_into("new-scene-episode", "4")?;
    h.type_into("new-scene-title", "The confession")?;
    h.click("Add scene")?;
    assert!(h.find("The confession"));
    for title in ["The Confession", "Moonlit Pavilion"] {
        h.right_click(title)?;
        h.click("Add to scene…")?;
        h.click("Ep 4 · The confession")?;
    }
    let order = |db: &PathBuf| -> Result<Vec<String>> {
        let notes = Store::open(db)?.series_notes("The Emperor's Secret Garden")?;
        Ok(notes.scenes[0].tracks.iter().map(|t| t.title.clone()).collect())
    };
    assert_eq!(order(&db)?, ["The Confession", "Moonlit Pavilion"]);
    h.click_id("scene-0-down-0")?;
    assert_eq!(
        order(&db)?,
        ["Moonlit Pavilion", "The Confession"],
        "reordered and stored"
    );

    h.click_id("play-scene-0")?;
    let sent = h.sent();
    let Some(Command::Play { queue, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(
        titles(&h, queue),
        ["Moonlit Pavilion", "The Confession"],
        "the scene plays in its order"
    );

    // Spoiler guard: watched up to episode 3 hides it, Reveal shows it again.
    h.update(Message::SeriesPage(leitmotif::ui::screen::series_page::Message::Notes(
        leitmotif::ui::screen::series_notes::Message::Watched("3".into()),
    )));
    assert!(!h.find("The confession"), "episode 4 is hidden after watching up to 3");
    assert!(h.find("1 scene hidden after episode 3 (spoilers)"));
    h.click("Reveal")?;
    assert!(h.find("The confession"));
    assert_eq!(Store::open(&db)?.watched_up_to("The Emperor's Secret Garden")?, Some(3));
    Ok(())
}

#[test]
fn synced_lyrics_follow_the_track_and_a_click_seeks() -> Result {
    use leitmotif::library::lyrics;
    let mut h = Harness::new()?;
    // A demo track with an .lrc beside it: original, romanised and translated lines.
    let dir = tempfile::tempdir()?;
    let src = h
        .app
        .library
        .tracks
        .iter()
        .find(|t| t.title() == "Under the Plum Blossoms")
        .ok_or("none")?;
    let audio = dir.path().join("01 Under the Plum Blossoms.opus");
    std::fs::copy(&src.path, &audio)?;
    std::fs::write(
        dir.path().join("01 Under the Plum Blossoms.lrc"),
        "[ar:Yoon Ha-eun]\n[00:02.00]매화 아래서\n[00:02.00]Maehwa araeseo\n[00:02.00]Under the plum blossoms\n[00:09.50]바람이 분다\n",
    )?;
    let (entries, _) = leitmotif::ui::playback::entries_for_paths(&h.app.library, std::slice::from_ref(&audio));
    h.app.playback.play(entries, 0, Duration::ZERO, false);
    h.engine_started(0, 32);
    let loaded = lyrics::for_file(&audio).map(std::sync::Arc::new);
    assert!(matches!(loaded.as_deref(), Some(lyrics::Lyrics::Synced(l)) if l.len() == 4));
    h.update(Message::LyricsLoaded(audio.clone(), loaded));
    h.app.navigate(Nav::Lyrics);
    h.update(Message::Engine(EngineEvent::Position {
        index: QueueIdx(0),
        position: Duration::from_secs(3),
        duration: Some(Duration::from_secs(32)),
    }));
    assert!(
        h.find("매화 아래서") && h.find("Under the plum blossoms"),
        "every line is shown as given"
    );
    assert_eq!(
        leitmotif::ui::screen::lyrics::current_line(h.app.current_lyrics(), h.app.playback.position),
        Some(2),
        "at 3 s the three lines of 0:02 are current"
    );
    // All three are highlighted, none shown as already sung.
    {
        use leitmotif::ui::screen::lyrics::{LineState, current_line, line_state};
        let Some(lyrics::Lyrics::Synced(lines)) = h.app.current_lyrics() else {
            panic!("synced lyrics")
        };
        let current = current_line(h.app.current_lyrics(), h.app.playback.position);
        let states: Vec<LineState> = (0..lines.len()).map(|i| line_state(lines, current, i)).collect();
        assert_eq!(
            states,
            [LineState::Now, LineState::Now, LineState::Now, LineState::Coming]
        );
    }
    h.sent();
    h.click("바람이 분다")?;
    assert!(matches!(h.sent().as_slice(), [Command::Seek(d)] if *d == Duration::from_millis(9_500)));
    Ok(())
}

#[test]
fn files_handed_over_by_a_second_launch_play() -> Result {
    let mut h = Harness::new()?;
    let path = h.path_of("Moonlit Pavilion")?;
    h.update(Message::OpenPaths(vec![path.clone()]));
    let sent = h.sent();
    let Some(Command::Play { queue, paused, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!((queue.len(), queue[0].path.clone(), *paused), (1, path, false));
    Ok(())
}

/// A file opened from outside the library (a file manager, the command line) shows its
/// own tags — title, artist, album, length — in the window and the queue, not its name.
#[test]
fn a_file_from_outside_the_library_shows_its_tags() -> Result {
    let mut h = Harness::new()?;
    let outside = tempfile::tempdir()?;
    let copy = outside.path().join("track01.opus");
    std::fs::copy(h.path_of("Under the Plum Blossoms")?, &copy)?;
    h.update(Message::OpenPaths(vec![copy.clone()]));
    let entry = h.app.playback.entry(QueueIdx(0)).ok_or("nothing queued")?;
    assert_eq!((entry.track, entry.spec.path.clone()), (None, copy));
    assert_eq!(entry.title(&h.app.library), "Under the Plum Blossoms");
    assert!(h.find("Yoon Ha-eun"), "the artist in the now-playing bar");
    assert!(h.find("The Emperor's Secret Garden OST Part.1"), "the album there too");
    h.app.navigate(Nav::Queue);
    assert!(
        h.find("Under the Plum Blossoms") && !h.find("track01"),
        "the queue row by its title"
    );
    Ok(())
}

/// `leitmotif --enqueue FILE` and `--play-next FILE` (the desktop entry's "Add to
/// Queue" and "Play Next") add to what plays instead of replacing it: at the end, or
/// right after the track playing.
#[test]
fn files_handed_over_join_the_queue_at_the_end_or_next() -> Result {
    let mut h = Harness::new()?;
    let part1 = h.album("The Emperor's Secret Garden OST Part.1")?;
    let tracks = leitmotif::ui::screen::series_page::album_tracks(&h.app.library, part1);
    h.app.play_tracks(&tracks, 0, false);
    h.sent();
    let path = h.path_of("Moonlit Pavilion")?;
    h.update(Message::QueuePaths(vec![path.clone()]));
    let sent = h.sent();
    assert!(
        matches!(sent.as_slice(), [Command::Append(specs)] if specs.len() == 1 && specs[0].path == path),
        "{sent:?}"
    );
    assert_eq!(h.app.playback.len(), 3, "the two playing and the one added");
    let next = h.path_of("The Confession")?;
    h.update(Message::NextPaths(vec![next.clone()]));
    let sent = h.sent();
    assert!(
        matches!(sent.as_slice(), [Command::InsertNext(specs)] if specs.len() == 1 && specs[0].path == next),
        "{sent:?}"
    );
    let second = h.app.playback.entry(QueueIdx(1)).ok_or("a second entry")?;
    assert_eq!(second.spec.path, next, "right after the one playing");
    Ok(())
}

#[test]
fn make_a_playlist_add_from_a_list_reorder_and_play() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    h.app.navigate(Nav::Playlists);
    h.type_into("new-playlist", "Rainy night")?;
    h.update(Message::Playlists(leitmotif::ui::screen::playlists::Message::Create));
    assert!(h.find("Rainy night"));
    h.app.navigate(Nav::Tracks);
    for title in ["The Confession", "Moonlit Pavilion (Inst.)"] {
        h.right_click(title)?;
        h.click("Add to playlist…")?;
        h.click("Rainy night")?;
    }
    let stored = |db: &PathBuf| -> Result<Vec<String>> {
        let items = Store::open(db)?.playlist("Rainy night")?.ok_or("gone")?;
        Ok(items
            .iter()
            .map(|i| i.path.rsplit('/').next().unwrap_or_default().to_string())
            .collect())
    };
    assert_eq!(
        stored(&db)?,
        ["04 The Confession.opus", "02 Moonlit Pavilion (Inst.).opus"]
    );
    h.app.navigate(Nav::Playlists);
    h.click("Rainy night")?;
    h.click_id("playlist-down-0")?;
    assert_eq!(
        stored(&db)?,
        ["02 Moonlit Pavilion (Inst.).opus", "04 The Confession.opus"]
    );
    h.click("Play")?;
    let sent = h.sent();
    let Some(Command::Play { queue, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(titles(&h, queue), ["Moonlit Pavilion (Inst.)", "The Confession"]);
    Ok(())
}

/// A double-click (in a playlist, a list, a series) replaced a queue the user had put
/// together, silently. Now a notice says so, and its Undo brings it back as it was.
#[test]
fn a_hand_built_queue_replaced_by_a_double_click_comes_back_with_undo() -> Result {
    const REPLACED: &str = "The queue you put together was replaced";
    let mut h = Harness::new()?;
    h.app.navigate(Nav::Tracks);
    for title in ["The Confession", "Moonlit Pavilion (Inst.)"] {
        h.right_click(title)?;
        h.click("Add to queue")?;
    }
    h.sent();
    h.engine_started(0, 30);
    h.double_click("Lee Hwan's Resolve")?;
    assert!(matches!(h.sent().first(), Some(Command::Play { .. })));
    assert!(h.find(REPLACED), "said, not silent");
    h.click("Undo")?;
    let sent = h.sent();
    let Some(Command::Play { queue, start, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(titles(&h, queue), ["The Confession", "Moonlit Pavilion (Inst.)"]);
    assert_eq!(*start, QueueIdx(0));
    assert!(!h.find(REPLACED));
    // The restored queue is hand-built again; once replaced, Undo stays on offer while
    // other lists play.
    h.double_click("Lee Hwan's Resolve")?;
    assert!(h.find(REPLACED), "the restored queue was hand-built");
    h.double_click("The Confession")?;
    assert!(h.find(REPLACED), "still on offer");
    h.update(Message::DismissNotice);
    h.double_click("Lee Hwan's Resolve")?;
    assert!(!h.find(REPLACED), "replacing a list just played is not news");
    Ok(())
}

/// Rows are dragged to a new place: in the queue (the engine told) and in a playlist
/// (stored). A double-click in the playlist plays it from that item.
#[test]
fn queue_and_playlist_rows_are_dragged_into_place() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    let part1 = h.album("The Emperor's Secret Garden OST Part.1")?;
    let score = h.album("The Emperor's Secret Garden (Original Score)")?;
    let mut tracks = leitmotif::ui::screen::series_page::album_tracks(&h.app.library, part1);
    tracks.extend(leitmotif::ui::screen::series_page::album_tracks(&h.app.library, score));
    h.app.play_tracks(&tracks, 0, false);
    h.sent();
    h.app.navigate(Nav::Queue);
    let before: Vec<String> = h.app.playback.entries().map(|e| e.title(&h.app.library)).collect();
    h.drag(&before[1], &before[3])?;
    let sent = h.sent();
    assert!(
        matches!(sent.as_slice(), [Command::Reorder(o)] if o[..5] == [0, 2, 3, 1, 4].map(QueueIdx)),
        "{sent:?}"
    );
    let after: Vec<String> = h.app.playback.entries().map(|e| e.title(&h.app.library)).collect();
    assert_eq!(after[3], before[1], "{after:?}");
    // Let go where it was picked up: nothing moves.
    h.drag(&before[2], &before[2])?;
    assert!(h.sent().is_empty());

    h.app.navigate(Nav::Playlists);
    h.type_into("new-playlist", "Night")?;
    h.update(Message::Playlists(leitmotif::ui::screen::playlists::Message::Create));
    h.app.navigate(Nav::Tracks);
    for title in ["The Confession", "Moonlit Pavilion", "Under the Plum Blossoms"] {
        h.right_click(title)?;
        h.click("Add to playlist…")?;
        h.click("Night")?;
    }
    h.app.navigate(Nav::Playlists);
    h.click("Night")?;
    h.drag("Under the Plum Blossoms", "The Confession")?;
    let stored: Vec<String> = Store::open(&db)?
        .playlist("Night")?
        .ok_or("gone")?
        .iter()
        .map(|i| i.path.rsplit('/').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        stored,
        [
            "01 Under the Plum Blossoms.opus",
            "04 The Confession.opus",
            "01 Moonlit Pavilion.opus"
        ]
    );
    h.double_click("Moonlit Pavilion")?;
    let sent = h.sent();
    let Some(Command::Play { queue, start, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(titles(&h, queue)[start.0], "Moonlit Pavilion");
    Ok(())
}

#[test]
fn an_albums_series_is_changed_from_its_page_and_kept_in_the_database() -> Result {
    use leitmotif::ui::screen::series_page::{Focus, Message as Page};
    let (mut h, _dir, db) = harness_with_store()?;
    let score = h.album("The Emperor's Secret Garden (Original Score)")?;
    let key = h.app.library.albums[score].key.clone();
    h.app.open(Focus::Album(score));
    h.interact(|ui| {
        ui.click(selector::id("album-series"))?;
        Ok(())
    })?;
    h.update(Message::SeriesPage(Page::SeriesText("Secret Garden Scores".into())));
    h.update(Message::SeriesPage(Page::SetSeries));
    let store = Store::open(&db)?;
    assert_eq!(
        store.series_overrides()?.get(&key).map(String::as_str),
        Some("Secret Garden Scores")
    );
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let rebuilt = Library::build(store.load_tracks()?, &[demo], &store.series_overrides()?);
    let album = rebuilt.albums.iter().find(|a| a.key == key).ok_or("album gone")?;
    assert_eq!(rebuilt.series[album.series].name, "Secret Garden Scores");
    assert_eq!(rebuilt.series.len(), 2);
    Ok(())
}

/// A file that vanished before its turn: the engine's error becomes a notice naming it,
/// with the reason under "details", and the bar shows the track that played instead.
#[test]
fn a_vanished_file_is_shown_as_a_notice_and_the_next_track_plays() -> Result {
    let mut h = Harness::new()?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album("The Emperor's Secret Garden (Original Score)")?;
    let sent = h.sent();
    let Some(Command::Play { queue, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}");
    };
    let names = titles(&h, queue);
    let gone = queue[1].path.clone();
    h.engine_started(0, 30);
    h.update(Message::Engine(EngineEvent::Error {
        path: gone.clone(),
        reason: "cannot open: No such file or directory (os error 2)".into(),
    }));
    h.engine_started(2, 30);
    assert!(h.find("Playback problem"), "a notice is shown");
    assert!(h.find(&names[2]), "the bar shows the track after the vanished one");
    let notice = h.app.notices.last().ok_or("no notice")?;
    let file = gone.file_name().ok_or("no name")?.to_string_lossy().into_owned();
    assert!(
        notice
            .details
            .iter()
            .any(|d| d.contains(&file) && d.contains("No such file"))
    );
    Ok(())
}

/// Files that fail to play gather in one notice with a count, not one notice (and one
/// ×) each; a file that plays again leaves it, and the notice goes with the last.
#[test]
fn playback_problems_gather_in_one_notice_that_clears() -> Result {
    let mut h = Harness::new()?;
    let (a, b) = (PathBuf::from("/music/gone/a.flac"), PathBuf::from("/music/gone/b.flac"));
    for p in [&a, &b] {
        h.update(Message::Engine(EngineEvent::Error {
            path: p.clone(),
            reason: "cannot open: No such file or directory (os error 2)".into(),
        }));
    }
    let problems: Vec<_> = h.app.notices.iter().filter(|n| n.title == "Playback problem").collect();
    assert_eq!(problems.len(), 1, "one notice, not one per file");
    assert_eq!(problems[0].details.len(), 2);
    assert!(h.find("Playback problem (2)"));
    for (p, left) in [(&a, 1), (&b, 0)] {
        h.update(Message::Engine(EngineEvent::TrackStarted {
            index: QueueIdx(0),
            path: p.clone(),
            duration: Some(Duration::from_secs(30)),
            sample_rate: 48_000,
            channels: 2,
            gain_db: 0.0,
        }));
        let details = h
            .app
            .notices
            .iter()
            .find(|n| n.title == "Playback problem")
            .map_or(0, |n| n.details.len());
        assert_eq!(details, left, "{} plays again", p.display());
    }
    assert!(!h.find("Playback problem"), "gone once every file plays");
    Ok(())
}

/// Tracks of an unplugged folder are never queued: playing an album skips them (the
/// queue held 28 unplayable tracks), and choosing one says why instead.
#[test]
fn offline_tracks_are_skipped_not_queued() -> Result {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let mut store = Store::open_in_memory()?;
    store.add_root(&demo.to_string_lossy())?;
    scan::scan(&mut store, &ScanOptions::default(), None)?;
    let mut tracks = store.load_tracks()?;
    // "01 The Empress's Theme" is on a drive that is gone.
    for t in tracks
        .iter_mut()
        .filter(|t| t.path.contains("01 The Empress's Theme.opus"))
    {
        t.available = false;
    }
    let roots = store.roots()?;
    let paths: Vec<PathBuf> = roots.iter().map(|r| PathBuf::from(&r.path)).collect();
    let library = Library::build(tracks, &paths, &store.series_overrides()?);
    let mut h = Harness::with_library(library, roots)?;
    let score = h.album("The Emperor's Secret Garden (Original Score)")?;
    let tracks = leitmotif::ui::screen::series_page::album_tracks(&h.app.library, score);
    // From the second track: the offline first is left out, the chosen one still starts.
    h.app.play_tracks(&tracks, 1, false);
    let sent = h.sent();
    let Some(Command::Play { queue, start, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(queue.len(), 4, "the offline track is not queued");
    assert_eq!(titles(&h, queue)[start.0], "Lee Hwan's Resolve");
    // Choosing the offline track itself keeps the queue and says why.
    h.app.play_tracks(&tracks, 0, false);
    assert!(h.sent().is_empty(), "nothing unplayable replaces the queue");
    assert!(h.find("That track's folder is not reachable"));
    Ok(())
}

/// A queued track whose folder went away fails to open: the bar and the desktop's media
/// widget showed the previous track's length (1:00:00) for it. Now they show its own.
#[test]
fn a_failed_track_never_shows_the_previous_length() -> Result {
    let mut h = Harness::new()?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album("The Emperor's Secret Garden OST Part.2")?;
    h.sent();
    h.engine_started(0, 3600);
    assert_eq!(h.app.playback.duration(), Some(Duration::from_secs(3600)));
    assert!(h.find("1:00:00"));
    // The second entry is chosen in the queue; its file is gone, the engine says so and
    // ends (nothing after it opens either).
    let second = h.app.playback.entry(QueueIdx(1)).ok_or("a second entry")?;
    let (path, own) = (second.spec.path.clone(), second.known_length);
    assert!(own.is_some_and(|d| d < Duration::from_secs(600)), "{own:?}");
    h.app.playback.jump_to(QueueIdx(1));
    h.update(Message::Engine(EngineEvent::Error {
        path,
        reason: "No such file or directory".into(),
    }));
    h.update(Message::Engine(EngineEvent::QueueEnded));
    assert_eq!(h.app.playback.duration(), own, "its own length, not the last track's");
    assert!(!h.find("1:00:00"), "the bar no longer shows the previous length");
    let media = h.app.media_state().track.ok_or("a track for the media widget")?;
    assert_eq!(media.length, own);
    Ok(())
}

/// What the desktop's media controls ask goes through the same playback calls, and what
/// they are shown follows the window.
#[test]
fn media_control_requests_drive_playback() -> Result {
    use leitmotif::desktop::media_controls::{Request, Status};
    let mut h = Harness::new()?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album("The Emperor's Secret Garden OST Part.2")?;
    h.sent();
    h.engine_started(0, 30);
    let state = h.app.media_state();
    assert_eq!(state.status, Status::Playing);
    let track = state.track.ok_or("a track")?;
    assert_eq!(track.title, "Moonlit Pavilion");
    assert_eq!(track.album.as_deref(), Some("The Emperor's Secret Garden OST Part.2"));
    assert!(state.can_next);

    fn ask_in(h: &mut Harness, r: Request) -> Vec<Command> {
        h.update(Message::Media(r));
        h.sent()
    }
    assert!(matches!(
        ask_in(&mut h, Request::Pause).as_slice(),
        [Command::TogglePause]
    ));
    assert!(ask_in(&mut h, Request::Pause).is_empty(), "already paused");
    assert!(matches!(
        ask_in(&mut h, Request::Play).as_slice(),
        [Command::TogglePause]
    ));
    assert!(matches!(ask_in(&mut h, Request::Next).as_slice(), [Command::Next]));
    let seek = ask_in(
        &mut h,
        Request::SetPosition {
            track: track.id,
            position: Duration::from_secs(12),
        },
    );
    assert!(matches!(seek.as_slice(), [Command::Seek(d)] if *d == Duration::from_secs(12)));
    let stale = ask_in(
        &mut h,
        Request::SetPosition {
            track: track.id + 100,
            position: Duration::from_secs(3),
        },
    );
    assert!(stale.is_empty(), "a stale track id is ignored: {stale:?}");
    assert!(
        matches!(ask_in(&mut h, Request::Volume(0.25)).as_slice(), [Command::SetVolume(v)] if (*v - 0.25).abs() < 1e-6)
    );
    assert!(matches!(ask_in(&mut h, Request::Stop).as_slice(), [Command::Stop]));
    assert_eq!(h.app.media_state().status, Status::Stopped);
    assert!(matches!(ask_in(&mut h, Request::Play).as_slice(), [Command::JumpTo(_)]));
    Ok(())
}

/// A lost sound output is one notice while the engine reconnects, gone once it plays
/// again; when it cannot be reopened the notice says so and playback shows paused.
#[test]
fn the_sound_output_notice_follows_the_device() -> Result {
    let mut h = Harness::new()?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album("The Emperor's Secret Garden (Original Score)")?;
    h.engine_started(0, 30);
    let output_notices = |h: &Harness| h.app.notices.iter().filter(|n| n.title == "Sound output").count();
    for _ in 0..2 {
        h.update(Message::Engine(EngineEvent::DeviceLost {
            reason: "the sound server stopped taking audio: Connection terminated".into(),
        }));
    }
    assert_eq!(output_notices(&h), 1, "one notice, however often it is lost");
    assert!(h.find("Sound output"), "the notice is shown");
    h.update(Message::Engine(EngineEvent::DeviceRestored));
    assert_eq!(output_notices(&h), 0, "gone once it plays again");
    h.update(Message::Engine(EngineEvent::DeviceLost {
        reason: "Connection refused".into(),
    }));
    h.update(Message::Engine(EngineEvent::DeviceFailed {
        reason: "the sound server refused a stream: Connection refused".into(),
    }));
    assert_eq!(output_notices(&h), 1);
    let notice = h.app.notices.last().ok_or("no notice")?;
    assert!(
        notice.details.iter().any(|d| d.contains("Press play to try again")),
        "{notice:?}"
    );
    assert!(h.app.playback.paused, "shown paused where it stopped");
    Ok(())
}

/// "Fix grouping…" on a series page: a rename typed and entered is stored (with the
/// series' notes following it) and said in one notice; Ctrl+Z puts it back.
#[test]
fn grouping_is_fixed_from_the_series_page_and_undone_with_ctrl_z() -> Result {
    use leitmotif::library::release_title::series_key;
    let (mut h, _dir, db) = harness_with_store()?;
    h.click("The Emperor's Secret Garden")?;
    h.click("Fix grouping…")?;
    h.type_into("fix-rename", "Secret Garden")?;
    h.interact(|ui| {
        ui.click(selector::id("fix-rename"))?;
        ui.simulate(iced_test::simulator::tap_key(Key::Named(Named::Enter), None));
        Ok(())
    })?;
    let subject = series_key("The Emperor's Secret Garden");
    let stored = Store::open(&db)?.curation()?;
    assert_eq!(
        stored.series_names.get(&subject).map(String::as_str),
        Some("Secret Garden")
    );
    assert!(h.find("Grouping changed"), "one notice says what changed");
    assert!(h.find("Renamed The Emperor's Secret Garden to Secret Garden"));

    h.press(Key::Character("z".into()), Modifiers::CTRL)?;
    assert!(
        Store::open(&db)?.curation()?.series_names.is_empty(),
        "Ctrl+Z undid the rename"
    );
    assert!(h.find("Undone: Renamed The Emperor's Secret Garden to Secret Garden"));
    // Nothing left to undo: a second Ctrl+Z changes nothing.
    h.press(Key::Character("z".into()), Modifiers::CTRL)?;
    assert!(Store::open(&db)?.curation()?.series_names.is_empty());
    Ok(())
}

/// A search typed while a library loads through the store stays on screen, finds what
/// the search index (built after the grid shows) finds, and clearing it leads to the
/// screen the session restores.
#[test]
fn a_search_typed_while_the_library_loads_stays_and_finds() -> Result {
    let (_dir, db) = scanned_demo()?;
    let (tx, commands) = mpsc::channel();
    let (mut app, task) = App::new(Boot {
        library: None,
        roots: Vec::new(),
        link: Link::Recorder(tx),
        store_path: Some(db),
        cache_dir: None,
        files: Default::default(),
        settings: quiet_settings(),
        session: Session {
            screen: SavedScreen::Albums,
            ..Session::default()
        },
        play: Vec::new(),
        notices: Vec::new(),
        media: None,
    });
    // Typed before the load's answer has come back.
    let typed = app.update(Message::Search("empress".into()));
    assert!(app.library.tracks.is_empty(), "the library is still loading");
    let mut h = Harness::started(app, iced::Task::batch([task, typed]), commands);
    h.pump.settle(&mut h.app);
    assert!(matches!(h.app.screen, leitmotif::ui::app::Screen::Tracks(_)));
    assert!(!h.app.results.is_empty(), "the index came and the results with it");
    assert!(
        h.app
            .results
            .iter()
            .all(|&t| h.app.library.tracks[t].title().to_lowercase().contains("empress"))
    );
    h.update(Message::Search(String::new()));
    assert!(matches!(h.app.screen, leitmotif::ui::app::Screen::Albums(_)));
    Ok(())
}
