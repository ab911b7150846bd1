//! The library's analysis pass: every track measured once and kept, only new and
//! changed files measured again, the values in `tracks --json`, and the loudness it
//! finds heard in playback where tags have none.

mod common;

use std::path::Path;
use std::sync::Arc;

use common::*;
use leitmotif::analysis::gains::gain_book;
use leitmotif::analysis::pass::{self, Control, PassOptions};
use leitmotif::library::model::Library;
use leitmotif::library::scan::{self, ScanOptions};
use leitmotif::player::{Command, GainSource, ReplayGainMode, ReplayGainSettings};
use leitmotif::store::Store;
use serde_json::Value;

fn json_lines(out: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(out)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect()
}

fn album(dir: &Path, name: &str, amps: &[f64]) {
    let folder = dir.join(name);
    std::fs::create_dir_all(&folder).expect("folder");
    for (n, amp) in amps.iter().enumerate() {
        let pcm = tone(220.0 * (n + 1) as f64, *amp, 44_100, 0, 44_100 * 3);
        let title = format!("Cue {}", n + 1);
        let number = format!("{}", n + 1);
        encode(
            &folder,
            &format!("0{} {title}", n + 1),
            FLAC,
            &pcm,
            &[("ALBUM", name), ("TITLE", &title), ("TRACKNUMBER", &number)],
        );
    }
}

fn analysis_of<'a>(tracks: &'a [Value], title: &str) -> &'a Value {
    let t = tracks
        .iter()
        .find(|t| t["title"] == title)
        .unwrap_or_else(|| panic!("no track {title}"));
    &t["analysis"]
}

#[test]
fn the_pass_measures_new_and_changed_tracks_once() {
    let home = tempdir();
    let h = home.path();
    let music = h.join("music");
    album(&music, "Harbour Lights OST", &[0.5, 0.1, 0.3]);
    album(&music, "Tidewater Score", &[0.2, 0.4]);
    cli(h, &["scan", music.to_str().expect("utf-8")]);
    let before = json_lines(&cli(h, &["tracks", "--json"]));
    assert!(
        before.iter().all(|t| t.get("analysis").is_none()),
        "nothing measured yet"
    );

    let first: Value = serde_json::from_slice(&cli(h, &["analyze", "--json"])).expect("summary");
    assert_eq!(first["tracks"], 5, "{first}");
    assert_eq!(first["albums"], 2, "{first}");
    assert_eq!(first["failed"], 0, "{first}");

    // The stored values are what measuring the files by name gives.
    let tracks = json_lines(&cli(h, &["tracks", "--json"]));
    let by_name = json_lines(&cli(
        h,
        &[
            "analyze",
            "--json",
            music.join("Harbour Lights OST").to_str().expect("utf-8"),
        ],
    ));
    for (title, direct) in ["Cue 1", "Cue 2", "Cue 3"].iter().zip(&by_name) {
        let stored = analysis_of(&tracks, title);
        let (a, b) = (stored["integrated_lufs"].as_f64(), direct["integrated_lufs"].as_f64());
        assert!(
            matches!((a, b), (Some(a), Some(b)) if (a - b).abs() < 0.011),
            "{title}: {stored} vs {direct}"
        );
        assert_eq!(stored["track_gain_db"], direct["gain_db"], "{title}");
    }
    let album_line = by_name.last().expect("album line");
    assert_eq!(album_line["file"], "album");
    let album_lufs = album_line["integrated_lufs"].as_f64().expect("album loudness");
    for title in ["Cue 1", "Cue 2", "Cue 3"] {
        let stored = analysis_of(&tracks, title)["album_lufs"].as_f64().expect("album value");
        assert!(
            (stored - album_lufs).abs() < 0.011,
            "{title}: album {stored} vs {album_lufs}"
        );
    }
    // A 0.5 cosine peaks at −6 dBFS; between samples, its sudden start overshoots
    // (the 4× oversampled true peak sees the step ring) by about 1 dB.
    let loud = analysis_of(&tracks, "Cue 1");
    let peak = loud["true_peak_dbtp"].as_f64().expect("peak");
    assert!((-6.1..-4.5).contains(&peak), "{loud}");

    // Nothing changed: nothing measured.
    let again: Value = serde_json::from_slice(&cli(h, &["analyze", "--json"])).expect("summary");
    assert_eq!(again["tracks"], 0, "{again}");
    assert_eq!(again["decoded"], 0, "{again}");

    // One file rewritten louder: it alone is measured, its album's loudness again.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let score = music.join("Tidewater Score");
    encode(
        &score,
        "02 Cue 2",
        FLAC,
        &tone(440.0, 0.8, 44_100, 0, 44_100 * 3),
        &[("ALBUM", "Tidewater Score"), ("TITLE", "Cue 2"), ("TRACKNUMBER", "2")],
    );
    cli(h, &["scan"]);
    let third: Value = serde_json::from_slice(&cli(h, &["analyze", "--json"])).expect("summary");
    assert_eq!(third["tracks"], 1, "{third}");
    assert_eq!(
        third["decoded"], 2,
        "the album's other track is decoded for the album: {third}"
    );
    assert_eq!(third["albums"], 1, "{third}");
    let after = json_lines(&cli(h, &["tracks", "--json"]));
    let louder = after
        .iter()
        .find(|t| t["album"] == "Tidewater Score" && t["title"] == "Cue 2")
        .expect("rewritten track");
    let was = tracks
        .iter()
        .find(|t| t["album"] == "Tidewater Score" && t["title"] == "Cue 2")
        .expect("track before");
    let gained = louder["analysis"]["integrated_lufs"].as_f64().expect("now")
        - was["analysis"]["integrated_lufs"].as_f64().expect("then");
    assert!(
        (gained - 20.0 * (0.8f64 / 0.4).log10()).abs() < 0.2,
        "louder by {gained}"
    );
}

/// Scans `music` into a store at `db` and runs the pass on it.
fn scanned_and_measured(db: &Path, music: &Path) -> Store {
    let mut store = Store::open(db).expect("store");
    store.add_root(music.to_str().expect("utf-8")).expect("root");
    scan::scan(&mut store, &ScanOptions::default(), None).expect("scan");
    let library = Library::load(&store).expect("library");
    let jobs = pass::plan(&library, &store.analysis_state().expect("state"));
    let options = PassOptions {
        threads: 2,
        low_priority: false,
    };
    pass::run(&mut store, jobs, options, Arc::new(Control::default()), |_| {}).expect("pass");
    store
}

/// Level (dB) of the middle of each of the two tracks played back to back.
fn played_levels(h: &mut Headless, files: &[std::path::PathBuf]) -> Vec<f64> {
    h.play(files);
    let out = h.pull_to_end(0);
    let rate = h.rate as usize;
    let (start, _) = span(&out, 1e-4).expect("something played");
    // Each track is 3 s; the middle second of each.
    [rate, 4 * rate]
        .iter()
        .map(|&from| 20.0 * rms(&out[start + from..start + from + rate]).log10())
        .collect()
}

#[test]
fn measured_loudness_evens_out_untagged_tracks_in_playback() {
    let home = tempdir();
    let music = home.path().join("music");
    let folder = music.join("Ten Apart OST");
    std::fs::create_dir_all(&folder).expect("folder");
    // 0.5 and 0.158: 10 dB apart, no ReplayGain tags. The quiet one has a wrong
    // track gain tag on a copy to tell tags-first from analysis-first.
    let loud = encode(&folder, "01 Loud", FLAC, &tone(440.0, 0.5, 44_100, 0, 44_100 * 3), &[]);
    let quiet = encode(
        &folder,
        "02 Quiet",
        FLAC,
        &tone(440.0, 0.158, 44_100, 0, 44_100 * 3),
        &[],
    );
    let store = scanned_and_measured(&home.path().join("db.sqlite"), &music);
    let book = Arc::new(gain_book(&store.analysed_loudness().expect("gains")));
    assert_eq!(book.len(), 2);

    let mut h = Headless::new(44_100);
    h.engine.send(Command::SetReplayGain(ReplayGainSettings {
        mode: ReplayGainMode::Off,
        ..ReplayGainSettings::default()
    }));
    let off = played_levels(&mut h, &[loud.clone(), quiet.clone()]);
    assert!((off[0] - off[1] - 10.0).abs() < 0.2, "without gain: {off:?}");

    let mut h = Headless::new(44_100);
    h.engine.send(Command::SetGainBook(book.clone()));
    let track = played_levels(&mut h, &[loud.clone(), quiet.clone()]);
    assert!((track[0] - track[1]).abs() < 0.5, "with measured track gain: {track:?}");
    // −18 LUFS for a 0.5 sine (about −9 LUFS) is about 9 dB down.
    assert!(track[0] < off[0] - 8.0, "{track:?} vs {off:?}");

    // Album gain: one gain for both, so the 10 dB stays.
    let mut h = Headless::new(44_100);
    h.engine.send(Command::SetGainBook(book.clone()));
    h.engine.send(Command::SetReplayGain(ReplayGainSettings {
        mode: ReplayGainMode::Album,
        ..ReplayGainSettings::default()
    }));
    let album = played_levels(&mut h, &[loud.clone(), quiet.clone()]);
    assert!((album[0] - album[1] - 10.0).abs() < 0.2, "album gain: {album:?}");

    // A tagged file: the tag wins unless analysis comes first.
    let tagged = encode(
        home.path(),
        "tagged",
        FLAC,
        &tone(440.0, 0.158, 44_100, 0, 44_100 * 3),
        &[("REPLAYGAIN_TRACK_GAIN", "-12.00 dB")],
    );
    let mut tagged_book = (*book).clone();
    let measured_quiet = book
        .iter()
        .find(|((p, _), _)| p == &quiet)
        .map(|(_, g)| *g)
        .expect("quiet measured");
    tagged_book.insert((tagged.clone(), None), measured_quiet);
    let tagged_book = Arc::new(tagged_book);
    for (source, expect_db) in [
        (GainSource::TagsFirst, -12.0),
        (
            GainSource::AnalysisFirst,
            f64::from(measured_quiet.track_gain_db.expect("gain")),
        ),
    ] {
        let mut h = Headless::new(44_100);
        h.engine.send(Command::SetGainBook(tagged_book.clone()));
        h.engine.send(Command::SetReplayGain(ReplayGainSettings {
            source,
            ..ReplayGainSettings::default()
        }));
        let level = played_levels(&mut h, &[tagged.clone(), tagged.clone()])[0];
        let change = level - off[1];
        assert!(
            (change - expect_db).abs() < 0.3,
            "{source:?}: {change:.2} dB, wanted {expect_db:.2}"
        );
    }
}

/// An MP4 whose media header says its timescale is 0 (the perf corpus has such files):
/// symphonia asserts on it. Found by the pass on the 10k corpus, where both workers
/// died on such files and the pass ended with 1,400 tracks unmeasured.
fn zero_timescale_m4a(dir: &Path) -> std::path::PathBuf {
    let file = encode(
        dir,
        "03 Broken",
        AAC,
        &tone(440.0, 0.3, 44_100, 0, 44_100),
        &[("ALBUM", "Tidewater Score")],
    );
    let mut bytes = std::fs::read(&file).expect("m4a");
    let at = bytes.windows(4).position(|w| w == b"mdhd").expect("an mdhd box");
    // version 0: version+flags (4), creation (4), modification (4), then the timescale.
    let timescale = at + 4 + 4 + 8;
    bytes[timescale..timescale + 4].copy_from_slice(&0u32.to_be_bytes());
    std::fs::write(&file, bytes).expect("write");
    file
}

#[test]
fn a_file_that_crashes_the_decoder_is_one_failure_and_the_pass_goes_on() {
    let home = tempdir();
    let h = home.path();
    let music = h.join("music");
    album(&music, "Tidewater Score", &[0.2, 0.4]);
    let broken = zero_timescale_m4a(&music.join("Tidewater Score"));
    assert!(leitmotif::player::Decoder::open(&broken, None, None).is_err());
    album(&music, "Harbour Lights OST", &[0.5, 0.1, 0.3]);
    cli(h, &["scan", music.to_str().expect("utf-8")]);
    let listed = json_lines(&cli(h, &["tracks", "--json"])).len();
    let summary: Value = serde_json::from_slice(&cli(h, &["analyze", "--json", "--threads", "1"])).expect("summary");
    assert_eq!(
        summary["tracks"].as_u64(),
        Some(listed as u64),
        "every track tried: {summary}"
    );
    assert_eq!(summary["failed"].as_u64(), Some(listed as u64 - 5), "{summary}");
    assert_eq!(summary["albums"], 2, "{summary}");

    // Played: the engine says why and goes on to the next file.
    let mut p = Headless::new(44_100);
    let next = music.join("Tidewater Score/01 Cue 1.flac");
    p.play(&[broken, next]);
    p.pull_to_end(0);
    assert_eq!(p.tracks_started(), 1, "{:?}", p.seen);
}
