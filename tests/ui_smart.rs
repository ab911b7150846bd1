//! Smart playlists in the window: a search with fields saved from the top bar appears
//! under Playlists filled by its query; its query and name are edited in place; the built-in
//! Favourites follows a ♥ at once (a live list); Play plays what it holds.

mod ui_harness;
mod ui_pump;

use leitmotif::player::Command;
use leitmotif::store::Store;
use leitmotif::ui::Message;
use leitmotif::ui::app::Nav;
use leitmotif::ui::screen::playlists;
use ui_harness::{Result, harness_with_store, titles};

#[test]
fn a_search_saved_as_a_smart_playlist_fills_it_and_plays() -> Result {
    let (mut h, _dir, db) = harness_with_store()?;
    h.type_into("search", "kind:part vocal:no")?;
    h.click_id("save-search")?;
    assert!(h.find("Saved as a smart playlist"));
    assert_eq!(
        Store::open(&db)?.smart_playlists()?,
        [("kind:part vocal:no".to_string(), "kind:part vocal:no".to_string())]
    );
    h.update(Message::Search(String::new()));
    h.app.navigate(Nav::Playlists);
    h.click("kind:part vocal:no")?;
    assert!(h.find("Moonlit Pavilion (Inst.)") && h.find("Under the Plum Blossoms (Inst.)"));
    assert!(!h.find("Moonlit Pavilion"), "the song is not an instrumental");
    h.click("Play")?;
    let sent = h.sent();
    let Some(Command::Play { queue, .. }) = sent.iter().find(|c| matches!(c, Command::Play { .. })) else {
        panic!("expected Play, got {sent:?}")
    };
    // In the library's order: Part.1, then Part.2.
    assert_eq!(
        titles(&h, queue),
        ["Under the Plum Blossoms (Inst.)", "Moonlit Pavilion (Inst.)"]
    );

    // Its query edited in place: Enter keeps it, the list follows.
    assert!(h.find_id("smart-query"), "a saved query can be edited");
    h.update(Message::Playlists(playlists::Message::SmartQuery(
        "kind:score duration<30s".into(),
    )));
    // A mistake is said and not saved.
    h.update(Message::Playlists(playlists::Message::SmartQuery("kind:scor".into())));
    h.update(Message::Playlists(playlists::Message::SaveSmart));
    assert!(h.find("⚠ column 6: kind is score, part, ost or other, not \"scor\""));
    assert_eq!(Store::open(&db)?.smart_playlists()?[0].1, "kind:part vocal:no");
    h.update(Message::Playlists(playlists::Message::SmartQuery(
        "kind:score duration<30s".into(),
    )));
    // Enter in the field (its on_submit).
    h.update(Message::Playlists(playlists::Message::SaveSmart));
    assert!(h.find("Secret Garden at Dusk"), "the edited query fills the list");
    assert!(!h.find("Moonlit Pavilion (Inst.)"));
    assert_eq!(Store::open(&db)?.smart_playlists()?[0].1, "kind:score duration<30s");

    // Renamed in place: a built-in name is refused and said; Enter on a new one keeps it.
    assert!(h.find_id("smart-name"), "a saved smart playlist's name can be edited");
    h.update(Message::Playlists(playlists::Message::RenameText("Favourites".into())));
    h.update(Message::Playlists(playlists::Message::RenameSmart));
    assert!(h.find("⚠ “Favourites” is a built-in smart playlist's name"));
    assert_eq!(Store::open(&db)?.smart_playlists()?[0].0, "kind:part vocal:no");
    h.update(Message::Playlists(playlists::Message::RenameText(
        "Short score cues".into(),
    )));
    h.update(Message::Playlists(playlists::Message::RenameSmart));
    assert_eq!(
        Store::open(&db)?.smart_playlists()?,
        [("Short score cues".to_string(), "kind:score duration<30s".to_string())]
    );
    assert!(
        h.find("Secret Garden at Dusk"),
        "still open, still filled, under its new name"
    );
    h.click("Delete")?;
    assert!(Store::open(&db)?.smart_playlists()?.is_empty());
    Ok(())
}

#[test]
fn favourites_follow_a_heart_at_once() -> Result {
    let (mut h, _dir, _db) = harness_with_store()?;
    h.app.navigate(Nav::Playlists);
    h.click("Favourites")?;
    assert!(h.find("Built in · fav:yes"));
    assert!(h.find("0 tracks"));
    let track = h
        .app
        .library
        .tracks
        .iter()
        .position(|t| t.title() == "The Confession")
        .ok_or("no Confession")?;
    h.app
        .play_tracks(&[leitmotif::library::model::TrackIdx(track)], 0, false);
    h.sent();
    h.engine_started(0, 31);
    h.click_id("favourite")?;
    assert!(h.find("1 track · 0:30"), "the list follows the ♥ without reopening");
    assert!(h.find("The Confession"));
    Ok(())
}
