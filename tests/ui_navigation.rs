//! Moving around the window as a person does. Back and Forward: each place comes back
//! with its own selection and search, by the ← button, Alt+←/→, the mouse's side
//! buttons (their messages) and Esc once nothing else is open. ↑/↓ and Enter in lists.

use iced::keyboard::{Key, Modifiers, key::Named};

use leitmotif::ui::Message;
use leitmotif::ui::app::Screen;

mod ui_harness;
mod ui_pump;
use ui_harness::{Harness, Result};

fn on(h: &Harness) -> &'static str {
    match &h.app.screen {
        Screen::Series(_) => "series",
        Screen::SeriesPage(_) => "series page",
        Screen::Albums(_) => "albums",
        Screen::Tracks(_) => "tracks",
        Screen::Queue(_) => "queue",
        Screen::Playlists(_) => "playlists",
        Screen::Lyrics => "lyrics",
        Screen::Settings => "settings",
    }
}

fn selected(h: &Harness) -> Option<usize> {
    match &h.app.screen {
        Screen::Tracks(state) => state.selected(),
        _ => None,
    }
}

#[test]
fn back_and_forward_retrace_the_screens_with_their_selection() -> Result {
    let mut h = Harness::new()?;
    assert_eq!(on(&h), "series");
    assert!(h.find("←"), "a back button is on view");
    h.click("Albums")?;
    h.click("All tracks")?;
    h.click("Under the Plum Blossoms (Inst.)")?;
    let chosen = selected(&h);
    assert!(chosen.is_some(), "a row is selected");
    h.click("Queue")?;
    assert_eq!(on(&h), "queue");

    // The ← button, then Alt+←: All tracks with its row still selected, then Albums.
    h.click("←")?;
    assert_eq!((on(&h), selected(&h)), ("tracks", chosen));
    h.press(Key::Named(Named::ArrowLeft), Modifiers::ALT)?;
    assert_eq!(on(&h), "albums");
    // The mouse's back button sends Back; Forward retraces.
    h.update(Message::Back);
    assert_eq!(on(&h), "series");
    h.update(Message::Back);
    assert_eq!(on(&h), "series", "nothing further back");
    h.press(Key::Named(Named::ArrowRight), Modifiers::ALT)?;
    assert_eq!(on(&h), "albums");
    h.update(Message::Forward);
    assert_eq!((on(&h), selected(&h)), ("tracks", chosen));
    // A new step forgets what was ahead.
    h.click("Lyrics")?;
    h.update(Message::Forward);
    assert_eq!(on(&h), "lyrics");
    // Alt+← is Back; ← alone still seeks (not a step).
    h.press(Key::Named(Named::ArrowLeft), Modifiers::empty())?;
    assert_eq!(on(&h), "lyrics");
    Ok(())
}

/// Search, "Go to series" on a result, then Esc: back to the results (the search
/// field holding what was typed), and Esc again leaves the search for where it began.
#[test]
fn esc_after_go_to_series_returns_to_the_results() -> Result {
    let mut h = Harness::new()?;
    h.click("Albums")?;
    h.update(Message::Search("empress".into()));
    assert_eq!((on(&h), h.app.results.len()), ("tracks", 2));
    h.right_click("The Empress's Theme (Gayageum Reprise)")?;
    h.click("Go to series")?;
    assert_eq!(on(&h), "series page");
    assert!(h.app.query.is_empty(), "the series page is not a search");

    h.press(Key::Named(Named::Escape), Modifiers::empty())?;
    assert_eq!(
        (on(&h), h.app.query.as_str(), h.app.results.len()),
        ("tracks", "empress", 2)
    );
    assert!(
        h.find("The Empress's Theme (Gayageum Reprise)"),
        "the results are shown"
    );
    h.press(Key::Named(Named::Escape), Modifiers::empty())?;
    assert_eq!((on(&h), h.app.query.as_str()), ("albums", ""));
    // Forward goes to the series page again.
    h.update(Message::Forward);
    assert_eq!(on(&h), "series page");
    Ok(())
}

/// Where no file dialog can open (no portal, no zenity), asking for one says so.
#[test]
fn a_missing_file_dialog_is_a_notice_not_silence() -> Result {
    let mut h = Harness::new()?;
    h.update(Message::NoFileDialog);
    assert!(h.find("No file dialog can open on this desktop"));
    Ok(())
}

#[test]
fn the_sidebar_entry_on_view_is_not_a_step() -> Result {
    let mut h = Harness::new()?;
    h.click("Albums")?;
    h.click("Albums")?;
    h.update(Message::Back);
    assert_eq!(on(&h), "series", "one Back undoes the one step");
    Ok(())
}

/// ↑/↓ move the selection in a list, Enter plays it; in the search field too (the
/// field keeps ←/→ for its text), so a search is typed, chosen and played by keys.
#[test]
fn arrow_keys_move_the_selection_and_enter_plays_it() -> Result {
    use leitmotif::player::Command;
    let mut h = Harness::new()?;
    h.click("All tracks")?;
    let none = Modifiers::empty();
    h.press(Key::Named(Named::ArrowDown), none)?;
    assert_eq!(selected(&h), Some(0), "↓ selects the first row");
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ArrowUp), none)?;
    assert_eq!(selected(&h), Some(1));
    for _ in 0..5 {
        h.press(Key::Named(Named::ArrowUp), none)?;
    }
    assert_eq!(selected(&h), Some(0), "clamped at the top");
    h.press(Key::Named(Named::Enter), none)?;
    let sent: Vec<Command> = h.commands.try_iter().collect();
    assert!(
        matches!(sent.as_slice(), [Command::Play { start, .. }] if start.0 == 0),
        "{sent:?}"
    );

    h.interact(|ui| {
        ui.click(iced_test::selector::id("search"))?;
        ui.typewrite("empress");
        Ok(())
    })?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    assert_eq!(selected(&h), Some(1), "↓ from the search field moves in the results");
    Ok(())
}

/// A series nobody has annotated opens on its music: the albums come first, the
/// invitation to add characters and scenes below them.
#[test]
fn a_series_without_notes_shows_its_music_first() -> Result {
    let mut h = Harness::new()?;
    h.click("The Emperor's Secret Garden")?;
    let mut tops = (0.0, 0.0);
    h.interact(|ui| {
        let music = ui.find("OST Parts")?.visible_bounds().ok_or("not drawn")?;
        let invitation = ui
            .find("Add characters and scenes")?
            .visible_bounds()
            .ok_or("not drawn")?;
        tops = (music.y, invitation.y);
        Ok(())
    })?;
    assert!(tops.0 < tops.1, "music at {}, the invitation at {}", tops.0, tops.1);
    Ok(())
}

/// The series and album grids by keyboard: ↓ chooses a card, Enter opens it.
#[test]
fn cards_are_chosen_and_opened_by_keys() -> Result {
    let mut h = Harness::new()?;
    let none = Modifiers::empty();
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::Enter), none)?;
    assert_eq!(on(&h), "series page", "the first series card opened");
    h.press(Key::Character("2".into()), Modifiers::CTRL)?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::ArrowDown), none)?;
    h.press(Key::Named(Named::Enter), none)?;
    let Screen::SeriesPage(page) = &h.app.screen else {
        panic!("not an album page")
    };
    assert!(
        matches!(page.focus, leitmotif::ui::screen::series_page::Focus::Album(_)),
        "the second album card opened"
    );
    Ok(())
}

/// Column headers sort All tracks (again: the other way; "#": the library's order),
/// and what plays follows the order shown.
#[test]
fn column_headers_sort_the_list() -> Result {
    use leitmotif::player::Command;
    let mut h = Harness::new()?;
    h.click("All tracks")?;
    let first = |h: &Harness| h.app.library.tracks[h.app.all_tracks[0]].title();
    let library_first = first(&h);
    h.click("TIME")?;
    assert_eq!(
        first(&h),
        "The Empress's Theme (Gayageum Reprise)",
        "the shortest first"
    );
    h.click("TIME ▲")?;
    assert_ne!(first(&h), "The Empress's Theme (Gayageum Reprise)", "the other way");
    assert!(h.find("TIME ▼"));
    h.click("TITLE")?;
    assert_eq!(first(&h), "Lee Hwan's Resolve", "by title");
    h.press(Key::Named(Named::ArrowDown), Modifiers::empty())?;
    h.press(Key::Named(Named::Enter), Modifiers::empty())?;
    let sent: Vec<Command> = h.commands.try_iter().collect();
    let Some(Command::Play { queue, start, .. }) = sent.first() else {
        panic!("expected Play, got {sent:?}")
    };
    assert_eq!(
        ui_harness::titles(&h, &queue[start.0..start.0 + 1]),
        ["Lee Hwan's Resolve"]
    );
    h.click("#")?;
    assert_eq!(first(&h), library_first, "back to the library's order");
    Ok(())
}

/// An album's header on a series page was not a link: it opens the album's own page,
/// and Back comes back to the series.
#[test]
fn an_album_header_on_a_series_page_opens_the_album() -> Result {
    use leitmotif::ui::screen::series_page::Focus;
    let mut h = Harness::new()?;
    h.click("The Emperor's Secret Garden")?;
    let part2 = h.album("The Emperor's Secret Garden OST Part.2")?;
    h.click("The Emperor's Secret Garden OST Part.2")?;
    assert!(
        matches!(&h.app.screen, Screen::SeriesPage(p) if p.focus == Focus::Album(part2)),
        "the album's page"
    );
    h.press(Key::Named(Named::ArrowLeft), Modifiers::ALT)?;
    assert!(matches!(&h.app.screen, Screen::SeriesPage(p) if matches!(p.focus, Focus::Series(_))));
    Ok(())
}
