//! A `SERIES` or `FRANCHISE` tag wins over the title and folders, whatever case and
//! container a tagger wrote it in: Picard's script writes `TXXX:series` in an MP3 and
//! `----:com.apple.iTunes:series` in an M4A; ffmpeg and foobar2000 write upper or lower
//! case Vorbis comments.

mod common;

use common::{AAC, FLAC, MP3, encode, tempdir, tone};
use lofty::config::{ParseOptions, WriteOptions};
use lofty::mp4::{Atom, AtomData, AtomIdent, Mp4File};
use lofty::prelude::*;
use std::borrow::Cow;
use std::path::Path;

/// Adds freeform atoms the way iTunes-style taggers store custom tags.
fn add_freeform(path: &Path, tags: &[(&'static str, &str)]) {
    let mut file = std::fs::File::open(path).unwrap_or_else(|e| panic!("open {}: {e}", path.display()));
    let mp4 = Mp4File::read_from(&mut file, ParseOptions::new()).unwrap_or_else(|e| panic!("lofty reads the m4a: {e}"));
    let mut ilst = mp4.ilst().cloned().unwrap_or_default();
    for (name, value) in tags {
        ilst.insert(Atom::new(
            AtomIdent::Freeform {
                mean: Cow::Borrowed("com.apple.iTunes"),
                name: Cow::Borrowed(name),
            },
            AtomData::UTF8((*value).to_owned()),
        ));
    }
    ilst.save_to_path(path, WriteOptions::default())
        .unwrap_or_else(|e| panic!("lofty writes the m4a: {e}"));
}

#[test]
fn series_and_franchise_tags_are_read_in_any_case_and_container() {
    let dir = tempdir();
    let lib = dir.path().join("lib");
    let pcm = tone(440.0, 0.3, 44_100, 0, 44_100);
    // Album titles that name nothing: only the tags can say where they belong.
    let mp3_dir = lib.join("Disc A");
    std::fs::create_dir_all(&mp3_dir).expect("folder");
    encode(
        &mp3_dir,
        "01 Opening",
        MP3,
        &pcm,
        &[
            ("title", "Opening"),
            ("album", "Collected Cues A"),
            ("album_artist", "Someone"),
            ("series", "Mushishi"),
            ("franchise", "Mushishi Universe"),
        ],
    );
    let m4a_dir = lib.join("Disc B");
    std::fs::create_dir_all(&m4a_dir).expect("folder");
    let m4a = encode(
        &m4a_dir,
        "01 Ending",
        AAC,
        &pcm,
        &[
            ("title", "Ending"),
            ("album", "Collected Cues B"),
            ("album_artist", "Someone"),
        ],
    );
    add_freeform(
        &m4a,
        &[("series", "Mushishi Zoku Shou"), ("FRANCHISE", "Mushishi Universe")],
    );
    let flac_dir = lib.join("Disc C");
    std::fs::create_dir_all(&flac_dir).expect("folder");
    encode(
        &flac_dir,
        "01 Rain",
        FLAC,
        &pcm,
        &[
            ("title", "Rain"),
            ("album", "Collected Cues C"),
            ("album_artist", "Someone"),
            ("Series", "Mushishi"),
        ],
    );

    let home = dir.path().join("home");
    let run = |args: &[&str]| common::cli(&home, args);
    run(&["scan", lib.to_str().expect("utf-8 path")]);
    let series: serde_json::Value = serde_json::from_slice(&run(&["series", "--json"])).expect("series --json");
    let series = series.as_array().expect("a list of series");
    let find = |name: &str| {
        series
            .iter()
            .find(|s| s["name"] == name)
            .unwrap_or_else(|| panic!("no series {name:?} in {series:#?}"))
    };
    let albums = |s: &serde_json::Value| -> Vec<String> {
        let mut v: Vec<String> = s["albums"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|a| a["title"].as_str().map(str::to_owned))
            .collect();
        v.sort();
        v
    };
    let first = find("Mushishi");
    assert_eq!(
        albums(first),
        ["Collected Cues A", "Collected Cues C"],
        "MP3 TXXX:series and FLAC Series="
    );
    let second = find("Mushishi Zoku Shou");
    assert_eq!(albums(second), ["Collected Cues B"], "M4A ----:com.apple.iTunes:series");
    assert_eq!(first["franchise"], "Mushishi Universe");
    assert_eq!(second["franchise"], "Mushishi Universe", "the M4A's FRANCHISE atom");
    assert_eq!(series.len(), 2, "{series:#?}");
}

/// `series --json` lists each vocal / instrumental pair under its series, sorted.
#[test]
fn series_json_lists_the_demos_pairs() {
    let dir = tempdir();
    let home = dir.path();
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let run = |args: &[&str]| common::cli(home, args);
    run(&["scan", demo.to_str().expect("utf-8 path")]);
    let series: serde_json::Value = serde_json::from_slice(&run(&["series", "--json"])).expect("series --json");
    assert_eq!(
        series[0]["pairs"],
        serde_json::json!([
            ["Moonlit Pavilion", "Moonlit Pavilion (Inst.)"],
            ["Under the Plum Blossoms", "Under the Plum Blossoms (Inst.)"]
        ])
    );
}
