//! Timed cues on the seek bar: with the demo's sheet imported, the playing track shows
//! a mark where each of its cues starts, and a click on a mark plays from there.

mod ui_harness;
mod ui_pump;

use std::path::PathBuf;

use leitmotif::library::model::Library;
use leitmotif::ost::sheet;
use leitmotif::player::{Command, TrackSpec};
use leitmotif::store::Store;
use leitmotif::ui::Message;
use leitmotif::ui::app::Nav;
use leitmotif::ui::session::{SavedScreen, Session};
use ui_harness::{Harness, Result, harness_on, quiet_settings, scanned_demo};

fn with_demo_sheet() -> Result<(Harness, tempfile::TempDir, PathBuf)> {
    with_demo_sheet_and(Default::default())
}

fn with_demo_sheet_and(session: Session) -> Result<(Harness, tempfile::TempDir, PathBuf)> {
    with_sheet(session, |text| text)
}

/// The demo with its sheet, as `edit` leaves it.
fn with_sheet(session: Session, edit: impl Fn(String) -> String) -> Result<(Harness, tempfile::TempDir, PathBuf)> {
    let (dir, db) = scanned_demo()?;
    let mut store = Store::open(&db)?;
    let library = Library::load(&store)?;
    let text = edit(std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/The Emperor's Secret Garden.sheet.toml"),
    )?);
    sheet::import(&mut store, &library, &text, false).map_err(|e| format!("{e:?}"))?;
    drop(store);
    harness_on(dir, db, quiet_settings(), session)
}

/// The seeks sent since the last look, in milliseconds.
fn seeks(h: &mut Harness) -> Vec<u128> {
    h.sent()
        .into_iter()
        .filter_map(|c| match c {
            Command::Seek(to) => Some((to.as_secs_f64() * 1000.0).round() as u128),
            _ => None,
        })
        .collect()
}

/// The Play the last click sent: its queue and where it starts in the first entry.
fn played(h: &mut Harness) -> Result<(Vec<TrackSpec>, std::time::Duration)> {
    let sent = h.sent();
    sent.into_iter()
        .find_map(|c| match c {
            Command::Play { queue, position, .. } => Some((queue, position)),
            _ => None,
        })
        .ok_or_else(|| "no Play was sent".into())
}

#[test]
fn a_cue_mark_on_the_seek_bar_plays_from_the_cue() -> Result {
    let (mut h, _dir, _db) = with_demo_sheet()?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album("The Emperor's Secret Garden (Original Score)")?;
    h.sent();
    // The Empress's Theme: its statement starts at 0:03.333.
    h.engine_started(0, 33);
    assert!(h.find_id("cue-mark-0"), "the theme's cue is marked on the bar");
    assert!(!h.find_id("cue-mark-1"), "one cue in this track");
    h.click_id("cue-mark-0")?;
    assert_eq!(seeks(&mut h), [3_333]);
    // Secret Garden at Dusk: the cell drifts by at 0:08.571.
    h.engine_started(2, 29);
    h.click_id("cue-mark-0")?;
    assert_eq!(seeks(&mut h), [8_571]);
    // The Confession: Lee Hwan's sung line from 0:06.857.
    h.engine_started(3, 30);
    h.click_id("cue-mark-0")?;
    assert_eq!(seeks(&mut h), [6_857]);
    Ok(())
}

/// Found in the real window: a session that ended on a series page came back to it
/// without its characters and scenes (their notes were only read when a page opened).
#[test]
fn a_restored_series_page_shows_its_characters_and_their_cues() -> Result {
    let (mut h, _dir, _db) = with_demo_sheet_and(Session {
        screen: SavedScreen::SeriesPage {
            name: "The Emperor's Secret Garden".into(),
        },
        ..Session::default()
    })?;
    assert!(h.find("Empress Yun"), "the characters are there");
    assert!(h.find("0:08–0:17"), "with the timed statements");
    assert!(h.find("Theme reel · 3 statements"));
    Ok(())
}

/// What the series' notes export as now (the store the window wrote).
fn exported(db: &std::path::Path) -> Result<String> {
    Ok(sheet::export(&Store::open(db)?, None, "The Emperor's Secret Garden")?)
}

#[test]
fn a_cue_is_edited_on_the_card_kept_and_exported() -> Result {
    let (mut h, _dir, db) = with_demo_sheet()?;
    h.click("The Emperor's Secret Garden")?;
    // Lee Hwan's appearance in "Moonlit Pavilion" (a song) has no time yet.
    h.click_id("cue-edit-1-1")?;
    h.type_into("cue-at", "0:12")?;
    h.type_into("cue-until", "0:05")?;
    h.click("Save")?;
    assert!(
        h.find("Until 0:05 is not after at 0:12"),
        "a wrong span is named, not saved"
    );
    assert!(!exported(&db)?.contains("at = \"0:12\""));
    // Fixed: kept, shown on the card, exported with the sheet.
    h.retype("cue-until", 4, "0:20")?;
    h.type_into("cue-note", "haegeum, under the vocal")?;
    h.click("Save")?;
    assert!(h.find("0:12–0:20"), "the card shows the new statement");
    let text = exported(&db)?;
    assert!(
        text.contains("title = \"Moonlit Pavilion\"\nalbum_artist = \"Kang Min-jae\"\nlength = \"0:32.600\"\nat = \"0:12\"\nuntil = \"0:20\"\nnote = \"haegeum, under the vocal\""),
        "{text}"
    );
    Ok(())
}

#[test]
fn a_theme_reel_plays_each_statement_as_a_faded_cut_and_is_kept_as_a_playlist() -> Result {
    let (mut h, _dir, db) = with_demo_sheet()?;
    h.click("The Emperor's Secret Garden")?;
    h.sent();
    h.click_id("play-reel-0")?;
    let (queue, _) = played(&mut h)?;
    // Release order within the score: the theme (track 1), Dusk (3), the reprise (5).
    let cuts: Vec<(String, u128, Option<u128>, bool)> = queue
        .iter()
        .map(|s| {
            (
                s.path.file_name().unwrap_or_default().to_string_lossy().into_owned(),
                s.start.unwrap_or_default().as_millis(),
                s.end.map(|e| e.as_millis()),
                s.fade,
            )
        })
        .collect();
    assert_eq!(cuts.len(), 3, "{cuts:?}");
    assert_eq!((cuts[0].1, cuts[0].2, cuts[0].3), (3_333, Some(30_000), true));
    assert_eq!((cuts[1].1, cuts[1].2), (8_571, Some(17_143)));
    assert_eq!((cuts[2].1, cuts[2].2), (0, Some(25_620)));
    assert!(cuts[1].0.contains("Secret Garden at Dusk"), "{cuts:?}");
    // A cut spans the bar: the whole track's marks would not line up, so none show.
    h.engine_started(0, 27);
    assert!(!h.find_id("cue-mark-0"), "no whole-track marks over a cut");
    // The queue shows each cut under its track's title, at its own length.
    h.app.navigate(Nav::Queue);
    assert!(h.find("Secret Garden at Dusk"));
    assert!(h.find("0:08"), "the Dusk statement is 8.6 s long");

    h.app.navigate(Nav::Series);
    h.click("The Emperor's Secret Garden")?;
    h.click_id("save-reel-0")?;
    let store = Store::open(&db)?;
    let items = store
        .playlist("Empress Yun — theme reel")?
        .ok_or("the reel is a playlist")?;
    assert_eq!(items.len(), 3);
    assert_eq!((items[1].start_ms, items[1].end_ms), (Some(8_571), Some(17_143)));
    Ok(())
}

#[test]
fn a_cue_is_marked_from_where_the_track_is_playing() -> Result {
    use leitmotif::player::{Event, QueueIdx};
    let (mut h, _dir, db) = with_demo_sheet()?;
    h.click("The Emperor's Secret Garden")?;
    h.play_album("The Emperor's Secret Garden (Original Score)")?;
    h.engine_started(0, 33);
    h.update(Message::Engine(Event::Position {
        index: QueueIdx(0),
        position: std::time::Duration::from_millis(5_500),
        duration: Some(std::time::Duration::from_secs(33)),
    }));
    // The Empress's theme row on her card: its cue form, "From now" while it plays.
    h.click_id("cue-edit-0-0")?;
    h.click_id("cue-at-now")?;
    h.update(Message::Engine(Event::Position {
        index: QueueIdx(0),
        position: std::time::Duration::from_millis(29_250),
        duration: Some(std::time::Duration::from_secs(33)),
    }));
    h.click_id("cue-until-now")?;
    h.click("Save")?;
    let text = exported(&db)?;
    assert!(text.contains("at = \"0:05.500\"\nuntil = \"0:29.250\""), "{text}");
    // A row whose track is not playing has no "now".
    h.click_id("cue-edit-0-1")?;
    assert!(!h.find_id("cue-at-now"));
    Ok(())
}

#[test]
fn a_cue_mark_in_a_series_page_row_plays_from_the_cue() -> Result {
    let (mut h, _dir, _db) = with_demo_sheet()?;
    h.click("The Emperor's Secret Garden")?;
    h.sent();
    assert!(h.find_id("row-cue-0"), "rows with timed cues show their marks");
    h.click_id("row-cue-0")?;
    let (queue, position) = played(&mut h)?;
    // The first row with a mark on the page: one of the demo's timed statements,
    // played from its start.
    let titles = ui_harness::titles(&h, &queue);
    let starts: [(&str, u128); 3] = [
        ("The Empress's Theme", 3_333),
        ("Secret Garden at Dusk", 8_571),
        ("The Confession", 6_857),
    ];
    let expected = starts
        .iter()
        .find(|(title, _)| titles == [*title])
        .map(|(_, ms)| *ms)
        .unwrap_or_else(|| panic!("played {titles:?}"));
    assert_eq!(position.as_millis(), expected);
    Ok(())
}

#[test]
fn a_theme_reel_plays_in_story_order_where_scenes_say() -> Result {
    // The garden at dusk moved to episode 7: after the Empress remembers (episode 6),
    // though its track comes before the reprise on the score.
    let (mut h, _dir, _db) = with_sheet(Default::default(), |text| {
        text.replacen("episode = 3", "episode = 7", 1)
    })?;
    h.click("The Emperor's Secret Garden")?;
    h.sent();
    h.click_id("story-reel-0")?;
    let (queue, _) = played(&mut h)?;
    assert_eq!(
        ui_harness::titles(&h, &queue),
        [
            "The Empress's Theme",
            "The Empress's Theme (Gayageum Reprise)",
            "Secret Garden at Dusk"
        ],
        "episode 1, 6, 7"
    );
    // The Reel beside it keeps the release order.
    h.click_id("play-reel-0")?;
    let (queue, _) = played(&mut h)?;
    assert_eq!(
        ui_harness::titles(&h, &queue),
        [
            "The Empress's Theme",
            "Secret Garden at Dusk",
            "The Empress's Theme (Gayageum Reprise)"
        ]
    );
    Ok(())
}

#[test]
fn a_scene_uses_a_span_of_its_track_set_in_the_window_kept_and_exported() -> Result {
    let (mut h, _dir, db) = with_demo_sheet()?;
    h.click("The Emperor's Secret Garden")?;
    // Episode 1's "The plum blossoms fall": its second entry, the Empress's Theme
    // (0:32.8), has no time yet.
    assert!(!h.find_id("scene-0-span-1"));
    h.click_id("scene-0-cue-1")?;
    h.type_into("cue-at", "0:04")?;
    h.type_into("cue-until", "0:40")?;
    h.click("Save")?;
    assert!(
        h.find("Until 0:40 is past the end of \"The Empress's Theme\" (0:32.800)"),
        "named, not saved"
    );
    assert!(!exported(&db)?.contains("at = \"0:04\""));
    h.retype("cue-until", 4, "0:16")?;
    h.type_into("cue-note", "while the Empress listens")?;
    h.click("Save")?;
    assert!(
        h.find("0:04–0:16 · while the Empress listens"),
        "the scene shows its span"
    );
    let text = exported(&db)?;
    assert!(
        text.contains("title = \"The Empress's Theme\"\nalbum_artist = \"Han Seo-yeon\"\nlength = \"0:32.800\"\nat = \"0:04\"\nuntil = \"0:16\"\nnote = \"while the Empress listens\"\n\n[[scenes]]\nepisode = 2"),
        "{text}"
    );
    // The span plays the track from there.
    h.sent();
    h.click_id("scene-0-span-1")?;
    let (queue, position) = played(&mut h)?;
    assert_eq!(ui_harness::titles(&h, &queue), ["The Empress's Theme"]);
    assert_eq!(position.as_millis(), 4_000);
    Ok(())
}
