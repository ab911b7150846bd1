//! Listening history in the window, on a real database: a play counts once 60 % of a
//! track has been heard, a skip when the next starts at 10 %; ♥ and Ctrl+L mark and
//! unmark a favourite; the search's history fields follow at once, and all of it is
//! there again after a restart.

mod ui_harness;
mod ui_pump;

use std::time::Duration;

use iced::keyboard::{Key, Modifiers};
use leitmotif::player::{Event as EngineEvent, QueueIdx};
use leitmotif::store::Store;
use leitmotif::ui::Message;
use ui_harness::{Harness, Result, harness_on, harness_with_store};

const PART1: &str = "The Emperor's Secret Garden OST Part.1";

fn play_part1(h: &mut Harness) -> Result {
    let album = h.album(PART1)?;
    let tracks = leitmotif::ui::screen::series_page::album_tracks(&h.app.library, album);
    h.app.play_tracks(&tracks, 0, false);
    h.sent();
    Ok(())
}

fn results(h: &Harness) -> Vec<String> {
    let mut titles: Vec<String> = h.app.results.iter().map(|&t| h.app.library.tracks[t].title()).collect();
    titles.sort();
    titles
}

fn search(h: &mut Harness, query: &str) -> Vec<String> {
    h.update(Message::Search(query.into()));
    results(h)
}

/// The engine's position reports every 200 ms, from `from` to `to` seconds.
fn heard(h: &mut Harness, index: usize, from: f64, to: f64) {
    let mut t = from;
    while t <= to {
        h.update(Message::Engine(EngineEvent::Position {
            index: QueueIdx(index),
            position: Duration::from_secs_f64(t),
            duration: Some(Duration::from_secs_f64(32.6)),
        }));
        t += 0.2;
    }
}

/// Each stored row: file name, plays, skips.
fn stored(db: &std::path::Path) -> Result<Vec<(String, u32, u32)>> {
    let store = Store::open(db)?;
    Ok(store
        .listening()?
        .into_iter()
        .map(|r| {
            let name = std::path::Path::new(&r.path)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, r.plays, r.skips)
        })
        .collect())
}

#[test]
fn plays_and_skips_count_by_what_was_heard_and_survive_a_restart() -> Result {
    let (mut h, dir, db) = harness_with_store()?;
    play_part1(&mut h)?;
    h.engine_started(0, 33);
    heard(&mut h, 0, 0.0, 15.0);
    assert!(search(&mut h, "plays>0").is_empty(), "46 % heard is not a play yet");
    heard(&mut h, 0, 15.2, 19.6);
    assert_eq!(search(&mut h, "plays>0"), ["Under the Plum Blossoms"]);
    assert_eq!(stored(&db)?, [("01 Under the Plum Blossoms.opus".into(), 1, 0)]);
    heard(&mut h, 0, 19.8, 32.4);
    assert_eq!(search(&mut h, "plays:1"), ["Under the Plum Blossoms"], "counted once");

    // The Inst. starts and is left at 10 % (back to the first): a skip, not a play.
    h.engine_started(1, 33);
    heard(&mut h, 1, 0.0, 3.3);
    h.engine_started(0, 33);
    assert_eq!(search(&mut h, "skips>0"), ["Under the Plum Blossoms (Inst.)"]);
    assert_eq!(search(&mut h, "played<1d"), ["Under the Plum Blossoms"]);
    let mut rows = stored(&db)?;
    rows.sort();
    assert_eq!(
        rows,
        [
            ("01 Under the Plum Blossoms.opus".into(), 1, 0),
            ("02 Under the Plum Blossoms (Inst.).opus".into(), 0, 1)
        ]
    );

    // A seek towards the end is not listening.
    h.update(Message::Engine(EngineEvent::Seeked {
        index: QueueIdx(0),
        position: Duration::from_secs(30),
    }));
    heard(&mut h, 0, 30.0, 32.4);
    assert_eq!(search(&mut h, "plays:1"), ["Under the Plum Blossoms"]);

    // The window closed and opened again on the same database.
    drop(h);
    let (mut h, _dir, _db) = harness_on(dir, db, Default::default(), Default::default())?;
    assert_eq!(search(&mut h, "plays>0 or skips>0").len(), 2);
    Ok(())
}

#[test]
fn the_heart_and_ctrl_l_mark_a_favourite() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    play_part1(&mut h)?;
    h.engine_started(0, 33);
    assert!(h.find("♡"), "the bar offers a heart for the playing track");
    h.click_id("favourite")?;
    assert!(h.find("♥"), "filled once it is a favourite");
    assert_eq!(search(&mut h, "fav:yes"), ["Under the Plum Blossoms"]);
    assert_eq!(Store::open(&db)?.favourites()?.len(), 1, "kept in the database");
    // A live list: the results follow Ctrl+L taking the heart back.
    h.press(Key::Character("l".into()), Modifiers::CTRL)?;
    assert!(results(&h).is_empty(), "fav:yes follows the change at once");
    assert!(Store::open(&db)?.favourites()?.is_empty());
    Ok(())
}

#[test]
fn a_series_and_an_album_take_a_heart_from_their_page() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    h.click("The Emperor's Secret Garden")?;
    h.click("♡ Favourite")?;
    assert!(h.find("♥ Favourite"), "the series page shows its heart filled");
    let series_tracks = search(&mut h, "series:\"The Emperor's Secret Garden\"");
    assert!(series_tracks.len() > 2, "{series_tracks:?}");
    assert_eq!(search(&mut h, "fav:yes"), series_tracks, "every track of the series");
    let kept = Store::open(&db)?.favourites()?;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, leitmotif::store::FavouriteKind::Series);

    // Taken back from the series (Alt+L, the page's key); given to one album instead,
    // from the album's page.
    h.update(Message::Search(String::new()));
    h.press(Key::Character("l".into()), Modifiers::ALT)?;
    assert!(h.find("♡ Favourite"));
    assert!(Store::open(&db)?.favourites()?.is_empty());
    let album = h.album(PART1)?;
    h.app.open(leitmotif::ui::screen::series_page::Focus::Album(album));
    h.click("♡ Favourite")?;
    assert!(h.find("♥ Favourite"), "the album page shows its heart filled");
    assert_eq!(
        search(&mut h, "fav:yes"),
        ["Under the Plum Blossoms", "Under the Plum Blossoms (Inst.)"]
    );
    let kept = Store::open(&db)?.favourites()?;
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].kind, leitmotif::store::FavouriteKind::Album);
    Ok(())
}
