//! A cover embedded in a file is found without the tag reader decoding it: the scan walks
//! the headers itself (FLAC blocks, ID3 frames, MP4 atoms, Ogg comment keys). Checked
//! against lofty reading the pictures in full, on files ffmpeg encodes and lofty tags,
//! with covers large enough to span many Ogg pages and comments before and after them.

mod common;

use common::{AAC, FLAC, Format, MP3, OPUS, VORBIS, encode, tempdir, tone};
use lofty::config::{ParseOptions, WriteOptions};
use lofty::file::TaggedFileExt;
use lofty::picture::{MimeType, Picture, PictureType};
use lofty::prelude::*;
use lofty::probe::Probe;
use lofty::tag::{ItemKey, Tag};
use std::path::Path;

fn with_cover(path: &Path, cover_bytes: usize) {
    let mut file = Probe::open(path)
        .and_then(|p| p.read())
        .unwrap_or_else(|e| panic!("lofty reads {}: {e}", path.display()));
    let kind = file.primary_tag_type();
    if file.primary_tag().is_none() {
        file.insert_tag(Tag::new(kind));
    }
    let Some(tag) = file.primary_tag_mut() else {
        panic!("no tag in {}", path.display());
    };
    // Comments on both sides of the picture: the walk must read past the ones before it.
    tag.insert_text(ItemKey::Comment, "x".repeat(300));
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend((0..cover_bytes).map(|i| (i % 251) as u8));
    tag.push_picture(
        Picture::unchecked(png)
            .pic_type(PictureType::CoverFront)
            .mime_type(MimeType::Png)
            .build(),
    );
    tag.insert_text(ItemKey::Label, "After the cover".into());
    file.save_to_path(path, WriteOptions::default())
        .unwrap_or_else(|e| panic!("lofty writes {}: {e}", path.display()));
}

fn lofty_sees_picture(path: &Path) -> bool {
    Probe::open(path)
        .and_then(|p| p.options(ParseOptions::new().read_cover_art(true)).read())
        .is_ok_and(|f| f.tags().iter().any(|t| !t.pictures().is_empty()))
}

#[test]
fn embedded_covers_are_found_in_every_format_without_decoding_them() {
    let dir = tempdir();
    let pcm = tone(440.0, 0.3, 48_000, 0, 48_000);
    let formats: [(&str, Format); 5] = [
        ("flac", FLAC),
        ("mp3", MP3),
        ("m4a", AAC),
        ("ogg", VORBIS),
        ("opus", OPUS),
    ];
    for (name, format) in formats {
        // No cover, a small one, and one spread over several Ogg pages (pages hold < 64 KB).
        for (label, cover) in [("none", None), ("small", Some(2_000)), ("large", Some(300_000))] {
            let title = format!("{name} {label}");
            let path = encode(
                dir.path(),
                &format!("{name}-{label}"),
                format,
                &pcm,
                &[("title", &title)],
            );
            if let Some(bytes) = cover {
                with_cover(&path, bytes);
            }
            assert_eq!(lofty_sees_picture(&path), cover.is_some(), "lofty's view of {title}");
            let read = leitmotif::library::tags::read(&path).unwrap_or_else(|e| panic!("{title}: {e}"));
            assert_eq!(
                read.fields.cover.as_deref(),
                cover.map(|_| "embedded"),
                "the scan's view of {title}"
            );
            assert_eq!(
                read.fields.title.as_deref(),
                Some(title.as_str()),
                "tags still read in {title}"
            );
            let length = read.fields.duration_ms;
            assert!(
                length.is_some_and(|d| (900..=1200).contains(&d)),
                "{title}: length {length:?}"
            );
        }
    }
}
