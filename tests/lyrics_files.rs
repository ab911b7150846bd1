//! Lyrics read from real files: SYLT frames (several renderings merged by time, both
//! timestamp units), an .lrc beside the file winning over tags, and unsynced USLT text.

mod common;

use std::path::Path;
use std::time::Duration;

use common::*;
use leitmotif::library::lyrics::{self, Line, Lyrics};
use lofty::TextEncoding;
use lofty::config::WriteOptions;
use lofty::id3::v2::{
    BinaryFrame, Frame, FrameId, Id3v2Tag, SyncTextContentType, SynchronizedTextFrame, TimestampFormat,
    UnsynchronizedTextFrame,
};
use lofty::tag::TagExt;

fn sylt(language: &[u8; 3], format: TimestampFormat, content: &[(u32, &str)]) -> Frame<'static> {
    let frame = SynchronizedTextFrame::new(
        TextEncoding::UTF8,
        *language,
        format,
        SyncTextContentType::Lyrics,
        None,
        content.iter().map(|(t, s)| (*t, (*s).to_owned())).collect(),
    );
    let bytes = frame.as_bytes(WriteOptions::default()).expect("SYLT encodes");
    Frame::Binary(BinaryFrame::new(FrameId::Valid("SYLT".into()), bytes))
}

fn mp3_with(dir: &Path, frames: Vec<Frame<'static>>) -> std::path::PathBuf {
    let file = encode(
        dir,
        "song",
        MP3,
        &tone(440.0, 0.3, 44_100, 0, 44_100),
        &[("title", "꽃잎")],
    );
    let mut tag = Id3v2Tag::new();
    for f in frames {
        tag.insert(f);
    }
    tag.save_to_path(&file, WriteOptions::default()).expect("tag written");
    file
}

fn line(ms: u64, text: &str) -> Line {
    Line {
        time: Duration::from_millis(ms),
        text: text.to_owned(),
    }
}

#[test]
fn sylt_frames_merge_by_time_in_frame_order() {
    let dir = tempdir();
    let file = mp3_with(
        dir.path(),
        vec![
            sylt(
                b"kor",
                TimestampFormat::MS,
                &[(1200, "\n바람에 날리는"), (5400, "\n꽃잎처럼")],
            ),
            sylt(
                b"eng",
                TimestampFormat::MS,
                &[(1200, "\nLike petals"), (5400, "\nin the wind")],
            ),
        ],
    );
    assert_eq!(
        lyrics::for_file(&file),
        Some(Lyrics::Synced(vec![
            line(1200, "바람에 날리는"),
            line(1200, "Like petals"),
            line(5400, "꽃잎처럼"),
            line(5400, "in the wind"),
        ]))
    );
}

#[test]
fn sylt_in_mpeg_frames_becomes_time() {
    let dir = tempdir();
    // 44.1 kHz MPEG-1 Layer III: 1152 samples a frame; 383 frames = 10.005 s.
    let file = mp3_with(
        dir.path(),
        vec![sylt(b"jpn", TimestampFormat::MPEG, &[(383, "月の光")])],
    );
    assert_eq!(
        lyrics::for_file(&file),
        Some(Lyrics::Synced(vec![line(10_004, "月の光")]))
    );
}

#[test]
fn an_lrc_beside_the_file_wins_and_uslt_text_is_unsynced() {
    let dir = tempdir();
    let uslt = UnsynchronizedTextFrame::new(
        TextEncoding::UTF8,
        *b"eng",
        String::new(),
        String::from("Plain words\nno times"),
    );
    let file = mp3_with(dir.path(), vec![Frame::UnsynchronizedText(uslt)]);
    assert_eq!(
        lyrics::for_file(&file),
        Some(Lyrics::Unsynced("Plain words\nno times".into()))
    );
    std::fs::write(file.with_extension("lrc"), "[00:02.50]From the .lrc\n").expect("lrc");
    assert_eq!(
        lyrics::for_file(&file),
        Some(Lyrics::Synced(vec![line(2500, "From the .lrc")]))
    );
}
