//! The grouping kept between launches (src/library/model_cache.rs): a second load reads
//! it and gives the very library a fresh build gives; a fix, a rescan or damage to the
//! kept bytes means a fresh build, never a stale or broken library.

use leitmotif::library::model::Library;
use leitmotif::store::{CurationKind, ScannedFile, Store, TrackFields};

fn file(path: &str, album: &str, title: Option<&str>, n: u32) -> ScannedFile {
    ScannedFile {
        path: path.into(),
        size: 1,
        mtime_ns: 1,
        tracks: vec![TrackFields {
            title: title.map(Into::into),
            album: Some(album.into()),
            album_artist: Some("Kim Jun-seok".into()),
            track: title.map(|_| n),
            format: "FLAC".into(),
            ..TrackFields::default()
        }],
        error: None,
    }
}

fn library_json(library: &Library) -> String {
    // The whole model as `series --json` and `tracks --json` would show it, plus pairs.
    let mut pairs: Vec<_> = library.pairs.iter().collect();
    pairs.sort();
    format!(
        "{}{:?}",
        serde_json::to_string(library).unwrap_or_else(|e| panic!("{e}")),
        pairs
    )
}

#[test]
fn a_second_load_reads_the_kept_grouping_and_matches_a_fresh_build() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let mut store = Store::open(&dir.path().join("library.db"))?;
    let root = store.add_root("/music")?;
    store.write_scanned(
        root,
        &[
            file(
                "/music/Goblin OST Part 1/01 Stay.flac",
                "도깨비 OST Part 1",
                Some("Stay"),
                1,
            ),
            file(
                "/music/Goblin OST Part 1/02 Stay (Inst.).flac",
                "도깨비 OST Part 1",
                Some("Stay (Inst.)"),
                2,
            ),
            // No title or number in the tags: both come from the file name.
            file(
                "/music/Goblin OST Part 1/03 - Winter.flac",
                "도깨비 OST Part 1",
                None,
                0,
            ),
            file(
                "/music/Goblin OST Part 2/01 Beautiful.flac",
                "도깨비 OST Part 2",
                Some("Beautiful"),
                1,
            ),
            file("/music/Signal/01 Signal.flac", "시그널 OST", Some("Signal"), 1),
        ],
    )?;
    let first = Library::load(&store)?;
    let cached = Library::load(&store)?;
    assert!(!first.grouping_kept && cached.grouping_kept);
    assert_eq!(library_json(&first), library_json(&cached));
    assert!(
        cached
            .tracks
            .iter()
            .any(|t| t.fields.title.as_deref() == Some("Winter") && t.fields.track == Some(3)),
        "the file-name fill is done again on a cached load"
    );
    assert_eq!(first.series.len(), 2);

    // A fix changes the key: the next load groups afresh and shows it.
    store.set_curation(
        CurationKind::SeriesName,
        &first.series[0].inferred_name,
        Some("Guardian"),
    )?;
    let fixed = Library::load(&store)?;
    assert!(!fixed.grouping_kept);
    assert!(fixed.series.iter().any(|s| s.name == "Guardian"), "{:?}", fixed.series);
    assert_eq!(library_json(&fixed), library_json(&Library::load(&store)?));

    // A rescan that adds a file: the generation moves, the kept grouping is not used.
    store.write_scanned(
        root,
        &[file("/music/Signal/02 Longing.flac", "시그널 OST", Some("Longing"), 2)],
    )?;
    let rescanned = Library::load(&store)?;
    assert!(!rescanned.grouping_kept);
    assert_eq!(rescanned.tracks.len(), 6);
    assert!(
        rescanned
            .albums
            .iter()
            .any(|a| a.track_count() == 2 && a.title.contains("시그널"))
    );
    Ok(())
}

#[test]
fn damaged_kept_bytes_mean_a_fresh_build() -> Result<(), Box<dyn std::error::Error>> {
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("library.db");
    let mut store = Store::open(&db)?;
    let root = store.add_root("/music")?;
    store.write_scanned(
        root,
        &[
            file("/music/A/01 One.flac", "Alpha OST", Some("One"), 1),
            file("/music/B/01 Two.flac", "Beta OST", Some("Two"), 1),
        ],
    )?;
    let fresh = library_json(&Library::load(&store)?);
    drop(store);
    // Garbage, then a well-formed grouping whose indexes point past the tracks.
    let conn = rusqlite::Connection::open(&db)?;
    conn.execute("UPDATE model_cache SET data = x'ff00ff'", [])?;
    drop(conn);
    let store = Store::open(&db)?;
    let rebuilt = Library::load(&store)?;
    assert!(!rebuilt.grouping_kept);
    assert_eq!(library_json(&rebuilt), fresh);
    assert!(Library::load(&store)?.grouping_kept, "a good grouping is kept again");
    drop(store);
    let conn = rusqlite::Connection::open(&db)?;
    // album_of = [5, 5]: a length-2 vector of indexes to albums that do not exist.
    conn.execute("UPDATE model_cache SET data = x'020505' || substr(data, 4)", [])?;
    drop(conn);
    let store = Store::open(&db)?;
    let rebuilt = Library::load(&store)?;
    assert!(!rebuilt.grouping_kept, "indexes past the tracks are refused");
    assert_eq!(library_json(&rebuilt), fresh);
    Ok(())
}
