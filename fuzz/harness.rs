//! The fuzzed entry points, shared by the cargo-fuzz targets (fuzz/fuzz_targets/*.rs)
//! and the regression test (tests/fuzz_regressions.rs), so CI replays every seed and
//! every minimised crash through exactly the code the fuzzer ran.
//!
//! Each function takes the raw input and panics only on a bug: a panic inside
//! Leitmotif, or a broken invariant checked here.

#![allow(dead_code)] // each fuzz target uses one of these

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Duration;

use leitmotif::library::model::Library;
use leitmotif::library::{cue, lyrics, m3u, split};
use leitmotif::ost::sheet;
use leitmotif::store::{StoredTrack, TrackFields};

/// CUE sheets: bytes in any encoding (`parse_bytes`, as the scanner reads a .cue), and
/// the text parser (as for an embedded CUESHEET tag).
pub fn cue(data: &[u8]) {
    let text = cue::decode_text(data);
    let parsed = cue::parse_bytes(data);
    assert_eq!(parsed, cue::parse(&text), "parse_bytes is parse(decode_text)");
    match &parsed {
        Ok(sheet) => {
            assert!(sheet.files.iter().any(|f| !f.tracks.is_empty()));
            for file in &sheet.files {
                for (i, track) in file.tracks.iter().enumerate() {
                    assert_eq!(track.end, file.tracks.get(i + 1).map(|t| t.start));
                    let _ = cue::sectors_to_duration(track.start);
                    // The scanner turns sectors into milliseconds (split.rs).
                    assert!(
                        track.start.checked_mul(1000).is_some(),
                        "start {} overflows as ms",
                        track.start
                    );
                }
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    if let Ok(s) = std::str::from_utf8(data) {
        let _ = cue::parse(s);
        if let Some(sectors) = cue::parse_time(s) {
            assert!(sectors.checked_mul(1000).is_some());
        }
    }
}

/// M3U / M3U8 playlists: bytes (BOM, Latin-1, CRLF), against an absolute and a
/// relative base; every path read must write back (`m3u::write`) and read again as
/// itself when M3U can represent it.
pub fn m3u(data: &[u8]) {
    let _ = m3u::parse(data, Path::new(""));
    let _ = m3u::parse(data, Path::new("lists/../x"));
    let base = Path::new("/fuzz/lists");
    for entry in m3u::parse(data, base) {
        let m3u::Entry::Path(path) = entry else { continue };
        if !representable(&path) {
            continue;
        }
        for dir in [base, Path::new("/elsewhere")] {
            let item = m3u::Item {
                path: &path,
                title: "t\nitle".into(),
                artist: Some("a".into()),
                seconds: Some(1),
            };
            let written = m3u::write(&[item], dir);
            assert_eq!(
                m3u::parse(written.as_bytes(), dir),
                [m3u::Entry::Path(path.clone())],
                "{path:?} written for {dir:?} as {written:?}"
            );
        }
    }
}

/// A path one M3U line can hold: no line break and no whitespace at either end (the
/// reader trims lines), and already normalised (no `.` or `..` left).
fn representable(path: &Path) -> bool {
    let s = path.to_string_lossy();
    !s.contains(['\n', '\r']) && s.trim() == s && m3u::parse(s.as_bytes(), Path::new("/")).len() == 1
}

/// The series the sheet library below holds.
pub const SERIES: &str = "The Emperor's Secret Garden";

/// A library shaped like the demo's (assets/demo), built in memory from tags: the
/// demo's series sheet matches it.
pub fn sheet_library() -> &'static Library {
    static LIBRARY: OnceLock<Library> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let albums: [(&str, &[&str]); 3] = [
            (
                "The Emperor's Secret Garden (Original Score)",
                &[
                    "The Empress's Theme",
                    "Lee Hwan's Resolve",
                    "Secret Garden at Dusk",
                    "The Confession",
                    "The Empress's Theme (Gayageum Reprise)",
                ],
            ),
            (
                "The Emperor's Secret Garden OST Part.1",
                &["Under the Plum Blossoms", "Under the Plum Blossoms (Inst.)"],
            ),
            (
                "The Emperor's Secret Garden OST Part.2",
                &["Moonlit Pavilion", "Moonlit Pavilion (Inst.)"],
            ),
        ];
        let mut stored = Vec::new();
        for (album, titles) in albums {
            for (i, title) in titles.iter().enumerate() {
                let id = stored.len() as i64 + 1;
                stored.push(StoredTrack {
                    id,
                    added_at: None,
                    path: format!("/demo/{album}/{:02} {title}.opus", i + 1),
                    available: true,
                    fields: TrackFields {
                        title: Some((*title).into()),
                        artist: Some("Han Seo-yeon".into()),
                        album_artist: Some("Han Seo-yeon".into()),
                        album: Some(album.into()),
                        track: Some(i as u32 + 1),
                        disc: Some(1),
                        series_tag: Some(SERIES.into()),
                        mb_recording_id: (id == 1).then(|| "0f8a3d7e-0000-4000-8000-000000000001".into()),
                        duration_ms: Some(60_000),
                        format: "Opus".into(),
                        ..TrackFields::default()
                    },
                });
            }
        }
        Library::build(stored, &[PathBuf::from("/demo")], &Default::default())
    })
}

/// Series sheets (TOML): parsed strictly and with `partial`; a rejection's report and
/// every error's Display are rendered and must name real positions; an accepted sheet
/// must export (`to_text`) to a sheet that is accepted again.
pub fn sheet(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let library = sheet_library();
    let lines = text.split('\n').count();
    for partial in [false, true] {
        match sheet::parse(text, library, partial) {
            Err(rejected) => {
                assert!(!rejected.0.is_empty(), "a rejection names a problem");
                let report = rejected.report(Path::new("fuzz.sheet.toml"));
                assert!(report.lines().count() >= rejected.0.len());
                for e in &rejected.0 {
                    assert!(
                        e.line >= 1 && e.line <= lines && e.column >= 1,
                        "{e:?} in {lines} lines"
                    );
                    let _ = e.to_string();
                }
                let _ = sheet::ImportError::Rejected(rejected).to_string();
            }
            Ok(parsed) => {
                for e in &parsed.skipped {
                    let _ = e.to_string();
                }
                let exported = sheet::to_text(&parsed.series_name, &parsed.notes).expect("an accepted sheet exports");
                let again = sheet::parse(&exported, library, false)
                    .unwrap_or_else(|r| panic!("export of an accepted sheet is rejected: {r:?}\n{exported}"));
                assert_eq!(again.notes, parsed.notes, "export round trip");
            }
        }
    }
    if let Some(seconds) = sheet::parse_time(text) {
        assert_eq!(sheet::parse_time(&sheet::format_time(seconds)), Some(seconds));
    }
}

/// The facts of the demo's sheet over `sheet_library()`: what a query's notes fields see.
fn query_facts() -> &'static leitmotif::ost::query::Facts {
    static FACTS: OnceLock<leitmotif::ost::query::Facts> = OnceLock::new();
    FACTS.get_or_init(|| {
        let library = sheet_library();
        let text = include_str!("../assets/demo/The Emperor's Secret Garden.sheet.toml");
        let notes = sheet::parse(text, library, false).map(|p| p.notes).unwrap_or_default();
        leitmotif::ost::query::Facts::new(library, [(leitmotif::library::model::SeriesIdx(0), &notes)])
    })
}

/// Queries (the search box, smart playlists, `tracks --query`): a mistake names a
/// range of the text on character boundaries and renders; a query that reads is
/// evaluated, and `not (it)` keeps exactly the other tracks.
pub fn query(data: &[u8]) {
    use leitmotif::library::query::{Expr, parse};
    use leitmotif::library::search::SearchIndex;
    use leitmotif::ost::query::matches;
    let Ok(text) = std::str::from_utf8(data) else { return };
    match parse(text) {
        Err(e) => {
            assert!(
                e.span.start <= e.span.end && e.span.end <= text.len(),
                "{e:?} in {} bytes",
                text.len()
            );
            assert!(
                text.is_char_boundary(e.span.start) && text.is_char_boundary(e.span.end),
                "{e:?}"
            );
            assert!(e.column(text) >= 1 && !e.message.is_empty());
            let _ = (e.describe(text), e.pointed(text));
        }
        Ok(None) => assert!(text.trim().is_empty(), "only an empty query is no filter"),
        Ok(Some(expr)) => {
            let library = sheet_library();
            static INDEX: OnceLock<SearchIndex> = OnceLock::new();
            let index = INDEX.get_or_init(|| SearchIndex::new(library));
            let history = leitmotif::library::history::History::default();
            let sources = leitmotif::ost::query::Sources {
                library,
                index,
                facts: query_facts(),
                history: &history,
            };
            let kept = matches(&expr, sources);
            assert!(kept.windows(2).all(|w| w[0] < w[1]), "library order, once each");
            let others = matches(&Expr::Not(Box::new(expr)), sources);
            assert_eq!(kept.len() + others.len(), library.tracks.len(), "not(q) keeps the rest");
            assert!(kept.iter().all(|t| !others.contains(t)));
        }
    }
}

/// LRC lyrics: bytes decoded as a .lrc beside a file is (`cue::decode_text`), and the
/// text directly (as embedded lyrics are).
pub fn lrc(data: &[u8]) {
    let decoded = cue::decode_text(data);
    lrc_text(&decoded);
    if let Ok(text) = std::str::from_utf8(data) {
        lrc_text(text);
    }
}

fn lrc_text(text: &str) {
    let Some(lines) = lyrics::parse_lrc(text) else { return };
    assert!(!lines.is_empty());
    assert!(lines.windows(2).all(|w| w[0].time <= w[1].time), "lines in time order");
    for position in [Duration::ZERO, lines[lines.len() / 2].time, Duration::MAX] {
        if let Some(i) = lyrics::current(&lines, position) {
            assert!(lines[i].time <= position);
        }
    }
}

const TAG_EXTENSIONS: [&str; 5] = ["mp3", "flac", "m4a", "ogg", "wav"];

/// Tags: the input written to a file in `dir` (its extension chosen by the first byte;
/// the format is guessed from content anyway) and read as the scanner reads one file
/// (`split::read_file`: `tags::read`, then an embedded CUESHEET split), then as the
/// lyrics panel reads it. Audio is never decoded or played here.
pub fn tags(data: &[u8], dir: &Path) {
    let ext = TAG_EXTENSIONS[usize::from(data.first().copied().unwrap_or(0)) % TAG_EXTENSIONS.len()];
    let path = dir.join(format!("input.{ext}"));
    std::fs::write(&path, data).expect("temp file written");
    // A panic inside lofty that `tags::read` catches is not a crash: the fuzz target's
    // hook (`report_panics_once`) lets it unwind to that catch. One that escapes fails.
    if let Ok((tracks, _warning)) = split::read_file(&path, None, None) {
        assert!(!tracks.is_empty());
    }
    let _ = lyrics::for_file(&path);
}

/// For the `tags` fuzz target: libFuzzer's panic hook aborts on every panic, even one
/// Leitmotif catches (`tags::read` turns a panic inside lofty into an error and keeps
/// the tags). This hook aborts on none and prints each panic location once; a panic
/// nothing catches still reaches libfuzzer-sys's `catch_unwind`, which aborts: a crash.
pub fn report_panics_once() {
    static SEEN: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());
    std::panic::set_hook(Box::new(|info| {
        let location = info.location().map(ToString::to_string).unwrap_or_default();
        let mut seen = SEEN.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if !seen.contains(&location) {
            eprintln!("panic, first at this location (a crash only if libFuzzer aborts next): {info}");
            seen.push(location);
        }
    }));
}

/// A per-process folder for `tags` inputs (the file is rewritten for each input).
pub fn tags_dir() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("leitmotif-fuzz-tags-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir created");
        dir
    })
}
