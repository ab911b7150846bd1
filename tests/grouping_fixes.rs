//! The user's fixes to grouping, end to end on real files and a real database: a store's
//! English title merged into the Korean series by an alias, the series renamed (its
//! scene follows), put in a franchise, two albums merged and one split by folder. Each
//! fix survives a rescan, undoes by setting back what it replaced, and travels in the
//! series sheet to another library holding the same files.

mod common;

use std::path::Path;

use common::*;
use leitmotif::library::model::Library;
use leitmotif::library::release_title::series_key;
use leitmotif::library::scan::{self, ScanOptions};
use leitmotif::ost::sheet;
use leitmotif::store::{CurationKind, Scene, SeriesNotes, Store};

const RATE: u32 = 44_100;

fn song(dir: &Path, name: &str, tags: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).expect("mkdir");
    encode(dir, name, FLAC, &tone(440.0, 0.2, RATE, 0, RATE as u64 / 5), tags);
}

fn build(root: &Path) {
    for part in [1, 2] {
        let album = format!("도깨비 OST Part {part}");
        song(
            &root.join("K-Drama").join(&album),
            "01",
            &[
                ("title", &format!("Song {part}")),
                ("album", &album),
                ("album_artist", "Various Artists"),
                ("track", "1"),
            ],
        );
    }
    let itunes = "Guardian: The Lonely and Great God (Original Television Soundtrack), Pt. 3";
    song(
        &root.join("iTunes").join("Guardian Pt. 3"),
        "01",
        &[
            ("title", "Beautiful"),
            ("album", itunes),
            ("album_artist", "Various Artists"),
            ("track", "1"),
        ],
    );
    // A score whose two discs were ripped as two albums, and an album holding two releases.
    for disc in [1, 2] {
        let album = format!("도깨비 Original Score Disc {disc}");
        song(
            &root.join("K-Drama").join(&album),
            "01",
            &[
                ("title", &format!("Cue {disc}")),
                ("album", "도깨비 Original Score"),
                ("album_artist", "Nam Hye-seung"),
                ("track", "1"),
            ],
        );
    }
    let mixed = root.join("K-Drama").join("도깨비 Extras");
    for (sub, title) in [("Live", "Live Medley"), ("Remix", "Remix Medley")] {
        song(
            &mixed.join(sub),
            "01",
            &[
                ("title", title),
                ("album", "도깨비 Extras"),
                ("album_artist", "Various Artists"),
                ("track", "1"),
            ],
        );
    }
    song(
        &root.join("Other").join("Moon Lovers OST Part 1"),
        "01",
        &[
            ("title", "For You"),
            ("album", "Moon Lovers OST Part 1"),
            ("album_artist", "Various Artists"),
            ("track", "1"),
        ],
    );
}

fn load(store: &mut Store) -> Library {
    scan::scan(store, &ScanOptions::default(), None).expect("scan");
    Library::load(store).expect("load")
}

fn series_named(library: &Library, name: &str) -> Option<usize> {
    library.series.iter().position(|s| s.name == name)
}

fn albums_titled(library: &Library, title: &str) -> Vec<usize> {
    (0..library.albums.len())
        .filter(|&a| library.albums[a].title == title)
        .collect()
}

#[test]
fn fixes_survive_rescans_undo_and_travel_in_sheets() {
    let dir = tempdir();
    let root = dir.path().join("Music");
    build(&root);
    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    let lib = load(&mut store);
    let goblin = series_named(&lib, "도깨비").expect("도깨비");
    let guardian = series_named(&lib, "Guardian: The Lonely and Great God").expect("the iTunes title, apart");
    assert_ne!(goblin, guardian);
    assert_eq!(
        albums_titled(&lib, "도깨비 Original Score").len(),
        2,
        "two disc folders ripped as two albums"
    );
    assert_eq!(
        albums_titled(&lib, "도깨비 Extras").len(),
        1,
        "Live/ and Remix/ read as one album"
    );

    // Merge: "Guardian: The Lonely and Great God" is "도깨비".
    let subject = series_key("Guardian: The Lonely and Great God");
    let previous = store
        .set_curation(CurationKind::Alias, &subject, Some("도깨비"))
        .expect("alias stored");
    assert_eq!(previous, None);
    let lib = load(&mut store);
    let goblin = series_named(&lib, "도깨비").expect("도깨비");
    assert_eq!(lib.series[goblin].albums.len(), 6, "the iTunes part joined");
    assert!(series_named(&lib, "Guardian: The Lonely and Great God").is_none());
    assert!(
        lib.series[goblin]
            .aliases
            .iter()
            .any(|a| a == "Guardian: The Lonely and Great God")
    );
    // Undo puts back what it replaced; redo for the rest of the test.
    store
        .set_curation(CurationKind::Alias, &subject, previous.as_deref())
        .expect("undone");
    assert!(
        series_named(&load(&mut store), "Guardian: The Lonely and Great God").is_some(),
        "undone"
    );
    store
        .set_curation(CurationKind::Alias, &subject, Some("도깨비"))
        .expect("again");

    // Rename, with the series' scene following it.
    let notes = SeriesNotes {
        scenes: vec![Scene {
            episode: 1,
            title: "First snow".into(),
            ..Scene::default()
        }],
        ..SeriesNotes::default()
    };
    store.replace_series_notes("도깨비", &notes).expect("notes");
    store
        .set_curation_moving_notes(
            CurationKind::SeriesName,
            &series_key("도깨비"),
            Some("Goblin"),
            Some(("도깨비", "Goblin")),
        )
        .expect("renamed");
    let lib = load(&mut store);
    let goblin = series_named(&lib, "Goblin").expect("renamed");
    assert_eq!(lib.series[goblin].inferred_name, "도깨비");
    assert_eq!(
        store.series_notes("Goblin").expect("notes").scenes.len(),
        1,
        "the scene followed"
    );
    assert!(store.series_notes("도깨비").expect("notes").scenes.is_empty());

    // Franchise: Goblin and Moon Lovers in one (by the user's choice, nothing infers it).
    for name in ["도깨비", "Moon Lovers"] {
        store
            .set_curation(CurationKind::Franchise, &series_key(name), Some("Studio Dragon Dramas"))
            .expect("franchise");
    }
    // Albums: the two score discs merged; the extras split by folder.
    let score = albums_titled(&lib, "도깨비 Original Score");
    store
        .set_curation(
            CurationKind::AlbumMerge,
            &lib.albums[score[1]].key,
            Some(&lib.albums[score[0]].key),
        )
        .expect("merge");
    let extras = albums_titled(&lib, "도깨비 Extras")[0];
    store
        .set_curation(CurationKind::AlbumSplit, &lib.albums[extras].key, Some("folder"))
        .expect("split");

    // All of it survives rescans.
    for _ in 0..2 {
        let lib = load(&mut store);
        let goblin = series_named(&lib, "Goblin").expect("Goblin");
        let f = lib.series[goblin].franchise.expect("in a franchise");
        assert_eq!(lib.franchises[f].name, "Studio Dragon Dramas");
        assert_eq!(lib.franchises[f].series.len(), 2);
        let score = albums_titled(&lib, "도깨비 Original Score");
        assert_eq!(score.len(), 1, "the score is one album");
        assert_eq!(lib.albums[score[0]].track_count(), 2);
        assert_eq!(albums_titled(&lib, "도깨비 Extras").len(), 2, "split by folder");
    }

    // The sheet carries the rename, the alias and the franchise to another library.
    let lib = load(&mut store);
    let text = sheet::export(&store, Some(&lib), "Goblin").expect("export");
    assert!(text.contains("series = \"Goblin\""), "{text}");
    assert!(text.contains("inferred = \"도깨비\""), "{text}");
    assert!(text.contains("Guardian: The Lonely and Great God"), "{text}");
    assert!(text.contains("franchise = \"Studio Dragon Dramas\""), "{text}");
    let mut other = Store::open(&dir.path().join("other.db")).expect("store");
    other.add_root(&root.to_string_lossy()).expect("root");
    let fresh = load(&mut other);
    assert!(series_named(&fresh, "Goblin").is_none());
    sheet::import(&mut other, &fresh, &text, false).expect("import");
    // A franchise needs two series: Moon Lovers' sheet brings the other.
    let moon = sheet::export(&store, Some(&lib), "Moon Lovers").expect("export");
    sheet::import(&mut other, &fresh, &moon, false).expect("import");
    let lib = load(&mut other);
    let goblin = series_named(&lib, "Goblin").expect("renamed by the sheet");
    assert_eq!(lib.series[goblin].albums.len(), 6, "merged by the sheet's alias");
    assert!(lib.series[goblin].franchise.is_some(), "in its franchise");
    assert_eq!(other.series_notes("Goblin").expect("notes").scenes.len(), 1);
}
