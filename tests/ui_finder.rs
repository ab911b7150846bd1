//! The theme finder in the window: a span dragged out on the waveform of the Empress's
//! theme, "Find this theme", the reprise found, previewed, and kept as her timed cue —
//! which then marks the reprise's seek bar and is written in the exported sheet.

mod ui_harness;
mod ui_pump;

use iced::{Event, mouse};
use leitmotif::library::model::Library;
use leitmotif::ost::sheet;
use leitmotif::player::Command;
use leitmotif::store::Store;
use leitmotif::ui::screen::theme_finder::Status;
use leitmotif::ui::widget::now_playing::Transport;
use leitmotif::ui::{AnalysisUpdate, Message};
use ui_harness::{Harness, Result, harness_on, quiet_settings, scanned_demo};

const SCORE: &str = "The Emperor's Secret Garden (Original Score)";

/// The Empress with her theme only (its first phrase timed): the reprise is not hers yet.
const SHEET: &str = r##"format = 1
series = "The Emperor's Secret Garden"

[[characters]]
name = "Empress Yun"
colour = "#c9a0dc"

[[characters.theme]]
album = "The Emperor's Secret Garden (Original Score)"
track = 1
title = "The Empress's Theme"
at = "0:03.333"
until = "0:16.667"
"##;

/// The demo, scanned, her sheet imported, and measured by the window's own pass.
fn measured_demo() -> Result<(Harness, tempfile::TempDir, std::path::PathBuf)> {
    let (dir, db) = scanned_demo()?;
    let mut store = Store::open(&db)?;
    let library = Library::load(&store)?;
    sheet::import(&mut store, &library, SHEET, false).map_err(|e| format!("{e:?}"))?;
    drop(store);
    let (mut h, dir, db) = harness_on(dir, db, Default::default(), Default::default())?;
    h.pump
        .wait_for(&mut h.app, |m| matches!(m, Message::Analysis(AnalysisUpdate::Done(_))));
    Ok((h, dir, db))
}

/// Drags with the right button across the seek bar, from and to these shares of it.
fn right_drag(h: &mut Harness, from: f32, to: f32) -> Result {
    h.interact(move |ui| {
        let bar = ui.find(iced_test::selector::id("seek-bar"))?;
        let b = bar.visible_bounds().ok_or("the seek bar is not visible")?;
        let at = |f: f32| iced::Point::new(b.x + f * b.width, b.center_y());
        ui.point_at(at(from));
        ui.simulate([
            Event::Mouse(mouse::Event::CursorMoved { position: at(from) }),
            Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)),
        ]);
        ui.point_at(at(to));
        ui.simulate([
            Event::Mouse(mouse::Event::CursorMoved { position: at(to) }),
            Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Right)),
        ]);
        Ok(())
    })
}

fn finder_done(h: &mut Harness) {
    // The click's own tasks may have brought the answer already.
    if h.app
        .finder
        .as_ref()
        .is_some_and(|f| !matches!(f.status, Status::Searching))
    {
        return;
    }
    h.pump.wait_for(&mut h.app, |m| {
        matches!(m, Message::Stored(leitmotif::ui::stored::Stored::ThemeFound(..)))
    });
}

#[test]
fn a_span_found_previewed_and_kept_becomes_a_cue_on_the_bar_and_in_the_sheet() -> Result {
    let (mut h, _dir, db) = measured_demo()?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album(SCORE)?;
    // The Empress's Theme, 32.8 s, playing: its first phrase dragged out (0:03.3–0:16.7).
    h.engine_started(0, 33);
    h.pump.settle(&mut h.app);
    assert!(h.find_id("find-theme"), "a measured track offers the finder");
    right_drag(&mut h, 3.33 / 32.8, 16.67 / 32.8)?;
    let (from, to) = h.app.selected_span().ok_or("the drag marked a span")?;
    assert!((from - 3.33).abs() < 0.6 && (to - 16.67).abs() < 0.6, "{from}–{to}");

    h.click_id("find-theme")?;
    finder_done(&mut h);
    let f = h.app.finder.clone().ok_or("the finder's panel is open")?;
    let Status::Done(found) = &f.status else {
        return Err(format!("searched: {:?}", f.status).into());
    };
    assert_eq!(f.character, Some(0), "her theme: matches go to her");
    let reprise = h.path_of("The Empress's Theme (Gayageum Reprise)")?;
    let first = *found.matches.first().ok_or("a recurrence found")?;
    assert_eq!(h.app.library.tracks[first.track].path, reprise, "{found:?}");
    assert!(first.start < 2.0, "the reprise states it from its start: {first:?}");
    assert!(h.find("The Empress's Theme (Gayageum Reprise)"), "listed by title");

    // Preview: the match's span plays as a cut.
    h.sent();
    h.click_id("finder-preview-0")?;
    let sent = h.sent();
    let played = sent.iter().find_map(|c| match c {
        Command::Play { queue, .. } => queue.first().cloned(),
        _ => None,
    });
    let cut = played.ok_or(format!("a preview played: {sent:?}"))?;
    assert_eq!(cut.path, reprise);
    assert!(cut.end.is_some() && cut.fade, "{cut:?}");

    // Keep it: her statement in the reprise, stored.
    h.click_id("finder-accept-0")?;
    h.pump.settle(&mut h.app);
    assert!(h.find("Kept ✓"));
    let exported = sheet::export(&Store::open(&db)?, Some(&h.app.library), "The Emperor's Secret Garden")?;
    assert!(
        exported.contains("title = \"The Empress's Theme (Gayageum Reprise)\""),
        "{exported}"
    );
    let at = format!(
        "at = \"{}\"",
        sheet::format_ms((f64::from(first.start) * 1000.0) as u64)
    );
    assert!(exported.contains(&at), "{at} in\n{exported}");

    // Esc closes the panel; the bar marks the kept cue while the reprise plays.
    h.press(
        iced::keyboard::Key::Named(iced::keyboard::key::Named::Escape),
        Default::default(),
    )?;
    assert!(h.app.finder.is_none(), "Esc closes the finder");
    h.play_album(SCORE)?;
    h.engine_started(4, 29);
    assert!(h.find_id("cue-mark-0"), "the kept cue marks the reprise's bar");
    Ok(())
}

#[test]
fn a_recurrence_already_kept_says_whose_it_is() -> Result {
    let (mut h, _dir, _db) = measured_demo()?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album(SCORE)?;
    h.engine_started(0, 33);
    h.update(Message::Transport(Transport::Select(3.33, 16.67)));
    h.click_id("find-theme")?;
    finder_done(&mut h);
    assert!(h.find_id("finder-accept-0"), "the reprise is not hers yet");
    h.click_id("finder-accept-0")?;
    h.pump.settle(&mut h.app);
    // Asked again (the whole library this time): now it is known.
    h.click_id("finder-library")?;
    finder_done(&mut h);
    assert!(h.find("Already Empress Yun · variation"), "found again, named");
    assert!(!h.find_id("finder-accept-0"), "not offered twice");
    Ok(())
}

#[test]
fn a_statement_on_a_characters_card_finds_where_it_recurs() -> Result {
    let (mut h, _dir, _db) = measured_demo()?;
    h.click("The Emperor's Secret Garden")?;
    // Her theme's first phrase, timed in the sheet: its finder, nothing playing.
    h.click_id("cue-find-0-0")?;
    finder_done(&mut h);
    let f = h.app.finder.clone().ok_or("the finder's panel is open")?;
    assert!(
        (f.from - 3.333).abs() < 0.01 && (f.to - 16.667).abs() < 0.01,
        "{} – {}",
        f.from,
        f.to
    );
    assert_eq!(f.character, Some(0));
    let Status::Done(found) = &f.status else {
        return Err(format!("searched: {:?}", f.status).into());
    };
    let reprise = h.path_of("The Empress's Theme (Gayageum Reprise)")?;
    assert!(
        found
            .matches
            .iter()
            .any(|m| h.app.library.tracks[m.track].path == reprise),
        "{found:?}"
    );
    h.click_id("finder-close")?;
    assert!(h.app.finder.is_none(), "the close button closes it");
    Ok(())
}

#[test]
fn an_unmeasured_library_says_why_nothing_was_searched() -> Result {
    let (dir, db) = scanned_demo()?;
    let mut settings = quiet_settings();
    settings.analyse = false;
    let (mut h, _dir, _db) = harness_on(dir, db, settings, Default::default())?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album(SCORE)?;
    h.engine_started(0, 33);
    assert!(!h.find_id("find-theme"), "no shape, no finder: nothing to search with");
    Ok(())
}
