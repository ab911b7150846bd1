//! The library end to end: real files encoded in the test, a real SQLite database,
//! scanned, grouped into series, rescanned incrementally; missing roots delete nothing;
//! CUE images (beside the file in CP949, or embedded) become virtual tracks.

mod common;

use std::path::{Path, PathBuf};
use std::time::Duration;

use common::*;
use leitmotif::library::model::{Library, SeriesEvidence, SeriesIdx, TrackIdx};
use leitmotif::library::scan::{self, ScanOptions, ScanSummary};
use leitmotif::library::series_rules::AlbumKind;
use leitmotif::store::Store;

const RATE: u32 = 44_100;

fn short() -> Vec<f32> {
    tone(440.0, 0.2, RATE, 0, RATE as u64 / 5)
}

fn song(dir: &Path, name: &str, tags: &[(&str, &str)]) -> PathBuf {
    std::fs::create_dir_all(dir).expect("mkdir");
    encode(dir, name, FLAC, &short(), tags)
}

/// The test library: a K-drama with two OST parts and a score in nested folders, a
/// show named only by its GROUPING tag, a broken file, and a CUE image.
fn build_library(root: &Path) {
    let show = root.join("Secret Garden");
    for part in [2u32, 1] {
        let dir = show.join(format!("[2010] Secret Garden OST Part.{part}"));
        let album = format!("Secret Garden OST Part.{part}");
        let title = format!("Song {part}");
        let inst = format!("Song {part} (Inst.)");
        song(
            &dir,
            "01",
            &[
                ("title", &title),
                ("album", &album),
                ("album_artist", "Various Artists"),
                ("artist", "Singer"),
                ("track", "1/2"),
            ],
        );
        song(
            &dir,
            "02",
            &[
                ("title", &inst),
                ("album", &album),
                ("album_artist", "Various Artists"),
                ("artist", "Singer"),
                ("track", "2/2"),
            ],
        );
    }
    let score = show.join("Secret Garden Original Score");
    for (disc, n) in [(1, 1), (1, 2), (2, 1)] {
        song(
            &score.join(format!("CD{disc}")),
            &format!("{n:02}"),
            &[
                ("title", &format!("Cue {disc}-{n}")),
                ("album", "Secret Garden Original Score"),
                ("album_artist", "Kim Composer"),
                ("track", &n.to_string()),
                ("disc", &format!("{disc}/2")),
            ],
        );
    }
    let grouped = root.join("Misc");
    song(
        &grouped,
        "a",
        &[
            ("title", "Theme"),
            ("album", "Collected Themes"),
            ("grouping", "Moon Lovers"),
            ("track", "1"),
        ],
    );
    std::fs::write(grouped.join("broken.flac"), vec![0x5au8; 4096]).expect("write");
}

/// A 3-track image with its sheet in CP949, the FILE line naming a .wav as rippers do.
fn cue_image(root: &Path) -> PathBuf {
    let dir = root.join("Goblin (Original Soundtrack)");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let image = encode(
        &dir,
        "Goblin OST",
        FLAC,
        &tone(440.0, 0.2, RATE, 0, RATE as u64 * 3),
        &[("album", "도깨비 OST")],
    );
    let sheet = "REM DATE 2016\r\nPERFORMER \"Various Artists\"\r\nTITLE \"도깨비 OST\"\r\nFILE \"Goblin OST.wav\" WAVE\r\n  TRACK 01 AUDIO\r\n    TITLE \"첫눈처럼 너에게 가겠다\"\r\n    PERFORMER \"에일리\"\r\n    INDEX 01 00:00:00\r\n  TRACK 02 AUDIO\r\n    TITLE \"Stay With Me\"\r\n    PERFORMER \"찬열, 펀치\"\r\n    INDEX 01 00:01:20\r\n  TRACK 03 AUDIO\r\n    TITLE \"Beautiful\"\r\n    INDEX 00 00:02:00\r\n    INDEX 01 00:02:10\r\n";
    let (bytes, _, _) = encoding_rs::EUC_KR.encode(sheet);
    std::fs::write(dir.join("Goblin OST.cue"), &bytes).expect("write cue");
    image
}

fn run(store: &mut Store) -> ScanSummary {
    scan::scan(store, &ScanOptions::default(), None).expect("scan")
}

fn library(store: &Store) -> Library {
    // The window's and the command line's own load.
    Library::load(store).expect("load")
}

#[test]
fn scan_groups_series_and_rescans_incrementally() {
    let dir = tempdir();
    let root = dir.path().join("music");
    build_library(&root);
    cue_image(&root);
    let mut store = Store::open(&dir.path().join("db/library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");

    let first = run(&mut store);
    // 4 part tracks + 3 score + 1 grouped + 3 CUE tracks; the broken file is an error.
    assert_eq!(first.tracks, 11, "{first:?}");
    assert_eq!(
        (first.added, first.updated, first.removed, first.unchanged),
        (10, 0, 0, 0)
    );
    assert_eq!(first.errors.len(), 1, "{:?}", first.errors);
    assert!(first.errors[0].path.ends_with("broken.flac"));
    assert!(!first.errors[0].error.is_empty());
    assert_eq!(first.new_errors.len(), 1, "found by this scan: news");

    let lib = library(&store);
    let names: Vec<&str> = lib.series.iter().map(|s| s.name.as_str()).collect();
    // The image's album tag names the show, over its folder.
    assert_eq!(names, ["Moon Lovers", "Secret Garden", "도깨비"], "{names:?}");
    let garden = &lib.series[1];
    let order: Vec<(AlbumKind, Option<u32>, &str)> = garden
        .albums
        .iter()
        .map(|&a| (lib.albums[a].kind, lib.albums[a].number, lib.albums[a].title.as_str()))
        .collect();
    assert_eq!(
        order,
        [
            (AlbumKind::Part, Some(1), "Secret Garden OST Part.1"),
            (AlbumKind::Part, Some(2), "Secret Garden OST Part.2"),
            (AlbumKind::Score, None, "Secret Garden Original Score"),
        ]
    );
    let score = &lib.albums[garden.albums[2]];
    assert_eq!(score.discs.len(), 2, "CD1/CD2 folders are one album");
    assert_eq!(lib.albums[lib.series[0].albums[0]].evidence, SeriesEvidence::Tag);
    // Release order across the series, and the instrumental paired with its vocal.
    let titles: Vec<String> = lib
        .series_tracks(SeriesIdx(1))
        .iter()
        .map(|&t| lib.tracks[t].title())
        .collect();
    assert_eq!(
        titles,
        [
            "Song 1",
            "Song 1 (Inst.)",
            "Song 2",
            "Song 2 (Inst.)",
            "Cue 1-1",
            "Cue 1-2",
            "Cue 2-1"
        ]
    );
    let inst = lib
        .tracks
        .iter()
        .position(|t| t.title() == "Song 1 (Inst.)")
        .map(TrackIdx)
        .expect("inst");
    let vocal = lib
        .tracks
        .iter()
        .position(|t| t.title() == "Song 1")
        .map(TrackIdx)
        .expect("vocal");
    assert_eq!(lib.pairs.get(&inst), Some(&vocal));
    assert_eq!(lib.pairs.get(&vocal), Some(&inst));

    // The CUE image: three virtual tracks, titles decoded from CP949, exact bounds.
    let cue: Vec<_> = lib.tracks.iter().filter(|t| t.fields.cue_index > 0).collect();
    assert_eq!(cue.len(), 3);
    assert_eq!(cue[0].fields.title.as_deref(), Some("첫눈처럼 너에게 가겠다"));
    assert_eq!(cue[1].fields.artist.as_deref(), Some("찬열, 펀치"));
    assert_eq!((cue[0].fields.cue_start, cue[0].fields.cue_end), (Some(0), Some(95)));
    assert_eq!((cue[1].fields.cue_start, cue[1].fields.cue_end), (Some(95), Some(160)));
    assert_eq!((cue[2].fields.cue_start, cue[2].fields.cue_end), (Some(160), None));
    assert_eq!(
        cue[2].fields.duration_ms,
        Some((225 - 160) * 1000 / 75),
        "to the end of the 3 s image"
    );
    assert_eq!(lib.albums[cue[0].album].title, "도깨비 OST");

    // Unchanged: nothing reopened.
    let again = run(&mut store);
    assert_eq!(
        (again.added, again.updated, again.removed, again.unchanged),
        (0, 0, 0, 10)
    );
    assert_eq!(again.tracks, 11);
    // The broken file is unchanged: still listed, not read again, not news.
    assert_eq!(again.errors.len(), 1, "{:?}", again.errors);
    assert!(again.new_errors.is_empty(), "{:?}", again.new_errors);

    // A changed file is re-read, a deleted one removed.
    let changed = root.join("Misc/a.flac");
    song(
        &root.join("Misc"),
        "a",
        &[
            ("title", "Theme (Remastered)"),
            ("album", "Collected Themes"),
            ("grouping", "Moon Lovers"),
        ],
    );
    std::fs::remove_file(root.join("Secret Garden/[2010] Secret Garden OST Part.2/02.flac")).expect("rm");
    let third = run(&mut store);
    assert_eq!((third.added, third.updated, third.removed), (0, 1, 1), "{third:?}");
    let lib = library(&store);
    assert!(
        lib.tracks
            .iter()
            .any(|t| t.path == changed && t.title() == "Theme (Remastered)")
    );
    assert_eq!(lib.tracks.len(), 10);
    assert_eq!(third.tracks, 10, "the cached counts were dropped when files changed");

    // An unchanged rescan reports the cached counts; a series override drops them.
    let (albums, series) = (third.albums, third.series);
    assert_eq!(store.cached_counts().expect("counts"), Some((10, albums, series)));
    let shared = lib
        .series
        .iter()
        .find(|s| s.albums.len() > 1)
        .expect("a series of several albums");
    let key = lib.albums[shared.albums[0]].key.clone();
    store
        .set_series_override(&key, Some("Brand New Series"))
        .expect("override");
    assert_eq!(store.cached_counts().expect("counts"), None);
    let fourth = run(&mut store);
    assert_eq!(fourth.series, series + 1, "{fourth:?}");
}

#[test]
fn missing_root_deletes_nothing_and_comes_back() {
    let dir = tempdir();
    let root = dir.path().join("drive");
    song(
        &root.join("Show OST Part.1"),
        "01",
        &[("title", "One"), ("album", "Show OST Part.1")],
    );
    song(
        &root.join("Show OST Part.1"),
        "02",
        &[("title", "Two"), ("album", "Show OST Part.1")],
    );
    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    assert_eq!(run(&mut store).tracks, 2);
    let override_key = library(&store).albums[0].key.clone();
    store
        .set_series_override(&override_key, Some("My Show"))
        .expect("override");

    // Unplugged: the folder is gone.
    let away = dir.path().join("unplugged");
    std::fs::rename(&root, &away).expect("rename");
    let gone = run(&mut store);
    assert!(!gone.roots[0].available);
    assert!(gone.roots[0].reason.is_some());
    assert_eq!((gone.removed, gone.tracks), (0, 2));
    assert!(library(&store).tracks.iter().all(|t| !t.available));

    // An empty mount point where music used to be: still nothing deleted.
    std::fs::create_dir_all(&root).expect("mkdir");
    let empty = run(&mut store);
    assert!(!empty.roots[0].available, "{empty:?}");
    assert_eq!((empty.removed, empty.tracks), (0, 2));

    // Back: available again, nothing re-read, the override kept.
    std::fs::remove_dir(&root).expect("rmdir");
    std::fs::rename(&away, &root).expect("rename back");
    let back = run(&mut store);
    assert!(back.roots[0].available);
    assert_eq!((back.added, back.updated, back.removed, back.unchanged), (0, 0, 0, 2));
    let lib = library(&store);
    assert!(lib.tracks.iter().all(|t| t.available));
    assert_eq!(lib.series[0].name, "My Show");
    assert_eq!(lib.albums[0].evidence, SeriesEvidence::Override);
}

#[test]
fn embedded_cuesheet_splits_the_image() {
    let dir = tempdir();
    let root = dir.path().join("music");
    std::fs::create_dir_all(&root).expect("mkdir");
    let sheet = "TITLE \"Score\"\nFILE \"x.flac\" WAVE\n  TRACK 01 AUDIO\n    TITLE \"Opening\"\n    INDEX 01 00:00:00\n  TRACK 02 AUDIO\n    TITLE \"Ending\"\n    INDEX 01 00:01:00\n";
    encode(
        &root,
        "image",
        FLAC,
        &tone(440.0, 0.2, RATE, 0, RATE as u64 * 2),
        &[("album", "Hagane Original Score"), ("CUESHEET", sheet)],
    );
    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    let summary = run(&mut store);
    assert_eq!(summary.tracks, 2, "{summary:?}");
    let lib = library(&store);
    let titles: Vec<String> = lib.tracks.iter().map(|t| t.title()).collect();
    assert_eq!(titles, ["Opening", "Ending"]);
    assert_eq!(lib.tracks[1].fields.cue_start, Some(75));
    assert_eq!(lib.series[0].name, "Hagane");
}

#[test]
fn a_newer_database_is_refused_untouched() {
    let dir = tempdir();
    let path = dir.path().join("library.db");
    drop(Store::open(&path).expect("store"));
    {
        let conn = rusqlite::Connection::open(&path).expect("open");
        conn.pragma_update(None, "user_version", 99).expect("set");
    }
    let before = std::fs::read(&path).expect("read");
    let err = Store::open(&path).err().expect("refused");
    assert!(err.to_string().contains("newer Leitmotif"), "{err}");
    std::thread::sleep(Duration::from_millis(10));
    assert_eq!(std::fs::read(&path).expect("read"), before);
}

#[test]
fn cli_scan_and_series_json() {
    let dir = tempdir();
    let root = dir.path().join("music");
    song(
        &root.join("Show A OST Pt. 3"),
        "01",
        &[("title", "Hello"), ("album", "Show A OST Pt. 3")],
    );
    let bin = env!("CARGO_BIN_EXE_leitmotif");
    let xdg = |cmd: &mut std::process::Command| {
        cmd.env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_CACHE_HOME", dir.path().join("cache"));
    };
    let mut scan = std::process::Command::new(bin);
    scan.args(["scan", "--json"]).arg(&root);
    xdg(&mut scan);
    let out = scan.output().expect("runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    for key in [
        "roots",
        "tracks",
        "albums",
        "series",
        "added",
        "updated",
        "removed",
        "unchanged",
        "errors",
        "seconds",
    ] {
        assert!(summary.get(key).is_some(), "missing {key}: {summary}");
    }
    assert_eq!(summary["tracks"], 1);
    assert!(dir.path().join("data/leitmotif/library.db").exists());
    let mut series = std::process::Command::new(bin);
    series.args(["series", "--json"]);
    xdg(&mut series);
    let out = series.output().expect("runs");
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(list[0]["name"], "Show A");
    assert_eq!(list[0]["albums"][0]["kind"], "part");
    assert_eq!(list[0]["albums"][0]["number"], 3);
    assert_eq!(list[0]["albums"][0]["tracks"], 1);
    // A folder that does not exist is refused with a message, not added.
    let mut bad = std::process::Command::new(bin);
    bad.args(["scan"]).arg(dir.path().join("nope"));
    xdg(&mut bad);
    let out = bad.output().expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope"));
}

#[test]
fn a_malformed_cue_is_reported_and_the_image_kept() {
    let dir = tempdir();
    let root = dir.path().join("music");
    std::fs::create_dir_all(&root).expect("mkdir");
    encode(
        &root,
        "image",
        FLAC,
        &short(),
        &[("title", "Whole image"), ("album", "Show OST")],
    );
    std::fs::write(
        root.join("image.cue"),
        "FILE \"image.wav\" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:99:00\n",
    )
    .expect("cue");
    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    let summary = run(&mut store);
    assert_eq!(summary.tracks, 1, "{summary:?}");
    assert_eq!(summary.errors.len(), 1, "{summary:?}");
    let error = &summary.errors[0];
    assert!(error.path.ends_with("image.flac"));
    assert!(
        error.error.contains("image.cue") && error.error.contains("line 3"),
        "{}",
        error.error
    );
    assert_eq!(library(&store).tracks[0].title(), "Whole image");
}

/// A folder in the library that links to another drive: when that drive is unmounted the
/// link dangles; its tracks are kept as unavailable, and come back with the drive.
#[test]
fn a_linked_drive_unmounted_deletes_nothing() {
    let dir = tempdir();
    let root = dir.path().join("Music");
    let drive = dir.path().join("drive2");
    song(
        &root.join("Local OST"),
        "01",
        &[("title", "Here"), ("album", "Local OST")],
    );
    song(
        &drive.join("Far OST"),
        "01",
        &[("title", "There"), ("album", "Far OST")],
    );
    song(
        &drive.join("Far OST"),
        "02",
        &[("title", "Yonder"), ("album", "Far OST")],
    );
    std::os::unix::fs::symlink(drive.join("Far OST"), root.join("Far OST")).expect("link");
    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    assert_eq!(run(&mut store).tracks, 3);

    let away = dir.path().join("drive2-unmounted");
    std::fs::rename(&drive, &away).expect("unmount");
    let summary = run(&mut store);
    assert_eq!((summary.removed, summary.tracks), (0, 3), "{summary:?}");
    let lib = library(&store);
    let available = |title: &str| {
        lib.tracks
            .iter()
            .find(|t| t.fields.title.as_deref() == Some(title))
            .map(|t| t.available)
    };
    assert_eq!(available("Here"), Some(true));
    assert_eq!(available("There"), Some(false));
    assert_eq!(available("Yonder"), Some(false));

    std::fs::rename(&away, &drive).expect("mount again");
    let back = run(&mut store);
    assert_eq!((back.added, back.updated, back.removed, back.unchanged), (0, 0, 0, 3));
    assert!(library(&store).tracks.iter().all(|t| t.available));
}

/// Files linked to others in the same root count once, as Debian's drascula-music
/// links each language's folder (`en/track1.ogg → ../audio/track1.ogg`): one album,
/// not one per language. A link to a file outside the root still counts.
#[test]
fn files_linked_within_a_root_count_once() {
    let dir = tempdir();
    let root = dir.path().join("drascula");
    let elsewhere = dir.path().join("elsewhere");
    for n in ["01", "02"] {
        song(&root.join("audio"), n, &[("title", &format!("Track {n}"))]);
    }
    song(&elsewhere, "03", &[("title", "Track 03")]);
    for lang in ["de", "en"] {
        std::fs::create_dir_all(root.join(lang)).expect("folder");
        for n in ["01", "02"] {
            let target = root.join(format!("audio/{n}.flac"));
            std::os::unix::fs::symlink(&target, root.join(format!("{lang}/{n}.flac"))).expect("link");
        }
    }
    std::os::unix::fs::symlink(elsewhere.join("03.flac"), root.join("audio/03.flac")).expect("link");
    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    let summary = run(&mut store);
    assert_eq!(summary.tracks, 3, "{summary:?}");
    let lib = library(&store);
    assert_eq!(
        lib.albums.len(),
        1,
        "{:?}",
        lib.albums.iter().map(|a| &a.title).collect::<Vec<_>>()
    );
}

/// A FLAC cut off mid-audio (an interrupted copy) keeps its tags and is reported; the
/// complete file beside it is not.
#[test]
fn a_flac_cut_short_is_reported_with_its_tags_kept() {
    let dir = tempdir();
    let root = dir.path().join("Music");
    std::fs::create_dir_all(&root).expect("mkdir");
    let pcm = tone(440.0, 0.3, RATE, 0, RATE as u64 * 3);
    let whole = encode(&root, "whole", FLAC, &pcm, &[("title", "Whole"), ("album", "Cut OST")]);
    let cut = encode(&root, "cut", FLAC, &pcm, &[("title", "Cut"), ("album", "Cut OST")]);
    let bytes = std::fs::read(&cut).expect("read");
    std::fs::write(&cut, &bytes[..bytes.len() * 6 / 10]).expect("cut");
    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    let summary = run(&mut store);
    assert_eq!(summary.tracks, 2);
    let errors: Vec<_> = summary
        .errors
        .iter()
        .map(|e| (e.path.clone(), e.error.clone()))
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].0, cut.to_string_lossy());
    assert!(errors[0].1.contains("cut short"), "{errors:?}");
    let lib = library(&store);
    assert!(lib.tracks.iter().any(|t| t.fields.title.as_deref() == Some("Cut")));
    assert!(!summary.errors.iter().any(|e| e.path == whole.to_string_lossy()));
}
