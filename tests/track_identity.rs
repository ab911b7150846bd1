//! Two singles both titled "Victory", each alone on an album titled "Victory", by two
//! artists, same length, same folder. A scene given one of them keeps playing that one
//! through a rescan, a move of its file, a re-tag of its title and a sheet round trip;
//! a sheet that names "Victory" without saying which is refused with both named, and
//! `--partial` skips it; a user playlist holding it follows the move. Run for FLAC (the
//! STREAMINFO MD5) and Ogg Vorbis (the packets).

mod common;

use std::path::Path;

use common::*;
use leitmotif::library::model::{Library, SeriesIdx, TrackIdx};
use leitmotif::library::scan::{self, ScanOptions};
use leitmotif::ost::sheet::{self, ImportError};
use leitmotif::ost::track_match::{Found, TrackMatcher, track_ref_with_audio};
use leitmotif::store::{PlaylistItem, Scene, SeriesNotes, Store};
use lofty::file::{AudioFile, TaggedFileExt};
use lofty::tag::Accessor;

const RATE: u32 = 44_100;

fn library(store: &Store) -> Library {
    // The window's and the command line's own load.
    Library::load(store).expect("load")
}

fn rescan(store: &mut Store) -> Library {
    scan::scan(store, &ScanOptions::default(), None).expect("scan");
    library(store)
}

fn series(library: &Library, name: &str) -> SeriesIdx {
    library
        .series
        .iter()
        .position(|s| s.name == name)
        .map(SeriesIdx)
        .unwrap_or_else(|| {
            panic!(
                "no series {name:?}: {:?}",
                library.series.iter().map(|s| &s.name).collect::<Vec<_>>()
            )
        })
}

fn track_at(library: &Library, path: &Path) -> TrackIdx {
    library
        .tracks
        .iter()
        .position(|t| t.path == path)
        .map(TrackIdx)
        .unwrap_or_else(|| panic!("no track at {}", path.display()))
}

/// The track the stored scene plays now.
fn scene_track(store: &Store, library: &Library) -> Found {
    let notes = store.series_notes("Victory").expect("notes");
    let r = &notes.scenes[0].tracks[0];
    TrackMatcher::for_series(library, series(library, "Victory")).resolve(r)
}

fn retitle(path: &Path, title: &str) {
    let mut file = lofty::read_from_path(path).expect("readable");
    let tag = file.primary_tag_mut().expect("a tag");
    tag.set_title(title.to_owned());
    file.save_to_path(path, lofty::config::WriteOptions::default())
        .expect("tag written");
}

fn scenario(format: Format) {
    let dir = tempdir();
    let root = dir.path().join("Music");
    let singles = root.join("Singles");
    std::fs::create_dir_all(&singles).expect("mkdir");
    let len = RATE as u64 / 2;
    let a = encode(
        &singles,
        "Victory - Artist A",
        format,
        &tone(440.0, 0.3, RATE, 0, len),
        &[
            ("title", "Victory"),
            ("album", "Victory"),
            ("album_artist", "Artist A"),
            ("artist", "Artist A"),
            ("track", "1"),
        ],
    );
    let b = encode(
        &singles,
        "Victory - Artist B",
        format,
        &tone(660.0, 0.3, RATE, 0, len),
        &[
            ("title", "Victory"),
            ("album", "Victory"),
            ("album_artist", "Artist B"),
            ("artist", "Artist B"),
            ("track", "1"),
        ],
    );
    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    let lib = rescan(&mut store);
    let s = series(&lib, "Victory");
    assert_eq!(lib.series[s].albums.len(), 2, "two albums called Victory, kept apart");

    // The scene is given B, as the window's "Add to scene" does.
    let (ta, tb) = (track_at(&lib, &a), track_at(&lib, &b));
    let r = track_ref_with_audio(&lib, tb).expect("a reference");
    assert!(r.audio.is_some(), "the audio key is read");
    let notes = SeriesNotes {
        scenes: vec![Scene {
            episode: 1,
            title: "Finale".into(),
            tracks: vec![r],
            ..Scene::default()
        }],
        ..SeriesNotes::default()
    };
    store.replace_series_notes("Victory", &notes).expect("stored");
    assert_eq!(scene_track(&store, &lib), Found::One(tb));
    assert_ne!(ta, tb);

    // A rescan with nothing changed.
    let lib = rescan(&mut store);
    assert_eq!(
        scene_track(&store, &lib),
        Found::One(track_at(&lib, &b)),
        "after a rescan"
    );

    // B in a user playlist (paths, like M3U8), then moved to another folder.
    store
        .save_playlist("Victories", &[PlaylistItem::file(b.to_string_lossy())])
        .expect("playlist");
    let moved_dir = root.join("Elsewhere");
    std::fs::create_dir_all(&moved_dir).expect("mkdir");
    let moved = moved_dir.join(b.file_name().expect("name"));
    std::fs::rename(&b, &moved).expect("move");
    let lib = rescan(&mut store);
    assert_eq!(
        scene_track(&store, &lib),
        Found::One(track_at(&lib, &moved)),
        "after a move"
    );

    // B re-tagged: its title no longer says Victory.
    retitle(&moved, "Victory (Main Theme)");
    let lib = rescan(&mut store);
    let tb = track_at(&lib, &moved);
    assert_eq!(lib.tracks[tb].fields.title.as_deref(), Some("Victory (Main Theme)"));
    assert_eq!(scene_track(&store, &lib), Found::One(tb), "after a re-tag");

    // A sheet round trip: exported, imported over the notes, still B.
    let text = sheet::export(&store, Some(&lib), "Victory").expect("export");
    assert!(text.contains("album_artist = \"Artist B\""), "{text}");
    sheet::import(&mut store, &lib, &text, false).expect("import");
    assert_eq!(scene_track(&store, &lib), Found::One(tb), "after a sheet round trip");

    // Put the title back so both say "Victory": a sheet that cannot tell them apart is
    // refused, naming both, and changes nothing.
    retitle(&moved, "Victory");
    let lib = rescan(&mut store);
    let before = store.series_notes("Victory").expect("notes");
    let vague = "format = 1\nseries = \"Victory\"\n\n[[scenes]]\nepisode = 1\ntitle = \"Finale\"\ntracks = [{ album = \"Victory\", title = \"Victory\" }]\n";
    match sheet::import(&mut store, &lib, vague, false) {
        Err(ImportError::Rejected(r)) => {
            let message = r.report(Path::new("sheet.toml"));
            assert!(
                message.contains("2 tracks") && message.contains("Artist A") && message.contains("Artist B"),
                "{message}"
            );
            assert!(message.contains("sheet.toml:7:"), "the line is named: {message}");
        }
        other => panic!("an ambiguous sheet was not refused: {other:?}"),
    }
    assert_eq!(store.series_notes("Victory").expect("notes"), before, "nothing changed");
    let parsed = sheet::import(&mut store, &lib, vague, true).expect("partial import");
    assert_eq!(parsed.skipped.len(), 1, "the ambiguous reference is listed as skipped");
}

#[test]
fn a_scene_keeps_its_victory_flac() {
    scenario(FLAC);
}

#[test]
fn a_scene_keeps_its_victory_vorbis() {
    scenario(VORBIS);
}
