//! Hostile files, generated here: truncated, empty, random bytes under audio extensions,
//! absurd tag and block sizes, deeply nested MP4 atoms, a 50 MB picture, non-UTF-8 tags,
//! a file rewritten while the scan reads it, symlink loops and a FIFO in the root.
//! Scanned and played: nothing panics or hangs, every broken file is reported with its
//! reason, and the good files beside them are imported and play.

mod common;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use common::*;
use leitmotif::library::scan::{self, ScanOptions};
use leitmotif::player::Event;
use leitmotif::store::Store;

/// Deterministic noise (an LCG), so a failure reproduces.
fn noise(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (x >> 24) as u8
        })
        .collect()
}

fn write(path: &Path, bytes: &[u8]) -> PathBuf {
    std::fs::write(path, bytes).expect("write");
    path.to_owned()
}

/// MP4 atoms nested `depth` deep inside `moov`, after a valid `ftyp`.
fn nested_mp4(depth: usize) -> Vec<u8> {
    let mut inner: Vec<u8> = Vec::new();
    for _ in 0..depth {
        let mut atom = ((inner.len() + 8) as u32).to_be_bytes().to_vec();
        atom.extend_from_slice(b"trak");
        atom.extend_from_slice(&inner);
        inner = atom;
    }
    let mut out = Vec::new();
    out.extend_from_slice(&20u32.to_be_bytes());
    out.extend_from_slice(b"ftypM4A \0\0\0\0M4A ");
    out.extend_from_slice(&((inner.len() + 8) as u32).to_be_bytes());
    out.extend_from_slice(b"moov");
    out.extend_from_slice(&inner);
    out
}

/// A FLAC's "fLaC" + STREAMINFO from a good file, then `rest`.
fn flac_head(good: &[u8], rest: &[u8]) -> Vec<u8> {
    // "fLaC" (4) + block header (4) + STREAMINFO (34); the last-block flag cleared.
    let mut out = good[..42].to_vec();
    out[4] &= 0x7f;
    out.extend_from_slice(rest);
    out
}

struct Corpus {
    good: Vec<PathBuf>,
    /// Must be reported as errors.
    broken: Vec<PathBuf>,
    /// Odd but readable: imported (their audio may or may not play).
    odd: Vec<PathBuf>,
    /// Tags lofty refuses over sound audio: reported by the scan, still playable.
    unreadable_tags: Vec<PathBuf>,
    /// Rewritten during the scan: either imported or reported, never lost silently.
    changing: PathBuf,
}

fn corpus(root: &Path) -> Corpus {
    let pcm = tone(440.0, 0.3, 44_100, 0, 22_050);
    let good_dir = root.join("Good OST");
    let bad_dir = root.join("Bad Rips");
    std::fs::create_dir_all(&good_dir).expect("mkdir");
    std::fs::create_dir_all(&bad_dir).expect("mkdir");
    let good = vec![
        encode(
            &good_dir,
            "01",
            FLAC,
            &pcm,
            &[("title", "Good One"), ("album", "Good OST")],
        ),
        encode(
            &good_dir,
            "02",
            MP3,
            &pcm,
            &[("title", "Good Two"), ("album", "Good OST")],
        ),
        encode(
            &good_dir,
            "03",
            AAC,
            &pcm,
            &[("title", "Good Three"), ("album", "Good OST")],
        ),
    ];
    let flac = std::fs::read(&good[0]).expect("read");
    let mp3 = std::fs::read(&good[1]).expect("read");
    let m4a = std::fs::read(&good[2]).expect("read");
    let b = |name: &str| bad_dir.join(name);

    let mut broken = vec![
        write(&b("empty.flac"), b""),
        write(&b("empty.mp3"), b""),
        write(&b("empty.m4a"), b""),
        write(&b("truncated.flac"), &flac[..20]),
        write(&b("truncated.m4a"), &m4a[..40]),
        write(&b("nested-atoms.m4a"), &nested_mp4(100_000)),
        // A FLAC metadata block claiming 16 MB with 20 bytes behind it.
        write(
            &b("huge-block.flac"),
            &flac_head(&flac, &[0x84, 0xff, 0xff, 0xff, 1, 2, 3, 4]),
        ),
        // An MP4 atom claiming 4 GB.
        write(&b("huge-atom.m4a"), &{
            let mut v = m4a[..m4a.len().min(64)].to_vec();
            v.extend_from_slice(&[0xff, 0xff, 0xff, 0xf0]);
            v.extend_from_slice(b"moov");
            v
        }),
    ];
    for (i, ext) in ["flac", "mp3", "m4a", "ogg", "opus", "wav", "aiff"].iter().enumerate() {
        broken.push(write(&b(&format!("noise.{ext}")), &noise(64 * 1024, i as u32 + 1)));
    }
    // Random bytes that start like the real thing.
    broken.push(write(
        &b("fake-header.flac"),
        &[b"fLaC".as_slice(), &noise(4096, 99)].concat(),
    ));
    broken.push(write(
        &b("fake-header.ogg"),
        &[b"OggS".as_slice(), &noise(4096, 98)].concat(),
    ));
    broken.push(write(
        &b("fake-header.wav"),
        &[b"RIFF\xff\xff\xff\xffWAVE".as_slice(), &noise(4096, 97)].concat(),
    ));

    let mut odd = Vec::new();
    // An ID3v2 tag claiming 256 MB in front of real MPEG frames.
    odd.push(write(
        &b("huge-id3.mp3"),
        &[b"ID3\x04\x00\x00\x7f\x7f\x7f\x7f".as_slice(), &mp3].concat(),
    ));
    // A Vorbis comment block claiming four billion comments.
    let mut comment = Vec::new();
    comment.extend_from_slice(&4u32.to_le_bytes());
    comment.extend_from_slice(b"test");
    comment.extend_from_slice(&u32::MAX.to_le_bytes());
    let mut block = vec![0x04];
    block.extend_from_slice(&(comment.len() as u32).to_be_bytes()[1..]);
    block.extend_from_slice(&comment);
    let unreadable_tags = vec![write(
        &b("billion-comments.flac"),
        &flac_head(&flac, &[block, flac[42..].to_vec()].concat()),
    )];
    // Latin-1 (ID3v2.3) and invalid UTF-8 (Vorbis) tags.
    odd.push(encode(
        &bad_dir,
        "latin1",
        MP3,
        &pcm,
        &[("title", "Caf\u{e9} \u{e0} Paris")],
    ));
    odd.push({
        let p = encode(&bad_dir, "bad-utf8", FLAC, &pcm, &[("title", "PLACEHOLDER")]);
        let bytes = std::fs::read(&p).expect("read");
        let at = bytes
            .windows(11)
            .position(|w| w == b"PLACEHOLDER")
            .expect("tag in file");
        let mut bytes = bytes;
        bytes[at..at + 11].copy_from_slice(b"\xbf\xa9\xc0\xfe broken");
        write(&p, &bytes)
    });
    // A 50 MB front cover (ID3v2: FLAC blocks stop at 16 MB).
    odd.push({
        use lofty::config::WriteOptions;
        use lofty::file::TaggedFileExt;
        use lofty::picture::{MimeType, Picture, PictureType};
        use lofty::tag::TagExt;
        let p = encode(&bad_dir, "huge-cover", MP3, &pcm, &[("title", "Huge Cover")]);
        let mut file = lofty::read_from_path(&p).expect("tagged");
        let tag = file.primary_tag_mut().expect("a tag");
        let mut picture = vec![0u8; 50 * 1024 * 1024];
        picture[..3].copy_from_slice(&[0xff, 0xd8, 0xff]);
        tag.push_picture(
            Picture::unchecked(picture)
                .pic_type(PictureType::CoverFront)
                .mime_type(MimeType::Jpeg)
                .build(),
        );
        tag.save_to_path(&p, WriteOptions::default()).expect("saved");
        p
    });

    // Loops: a link to the root, and one to a parent folder.
    std::os::unix::fs::symlink(root, root.join("loop")).expect("link");
    std::os::unix::fs::symlink(&bad_dir, bad_dir.join("again")).expect("link");
    // A FIFO named like audio: opening it would block forever.
    let fifo = b("pipe.flac");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());

    let changing = encode(&bad_dir, "changing", FLAC, &pcm, &[("title", "Changing")]);
    Corpus {
        good,
        broken,
        odd,
        unreadable_tags,
        changing,
    }
}

#[test]
fn hostile_files_are_reported_and_the_good_ones_imported() {
    let dir = tempdir();
    let root = dir.path().join("library");
    let c = corpus(&root);

    // Rewrite one file, alternately whole and cut short, for as long as the scan runs.
    let whole = std::fs::read(&c.changing).expect("read");
    let stop = Arc::new(AtomicBool::new(false));
    let rewriter = {
        let (stop, path) = (stop.clone(), c.changing.clone());
        std::thread::spawn(move || {
            let mut n = 0usize;
            while !stop.load(Ordering::Relaxed) {
                let cut = if n % 2 == 0 { whole.len() } else { whole.len() / 3 };
                let _ = std::fs::write(&path, &whole[..cut]);
                n += 1;
            }
            n
        })
    };

    let mut store = Store::open(&dir.path().join("library.db")).expect("store");
    store.add_root(&root.to_string_lossy()).expect("root");
    let options = ScanOptions {
        file_timeout: Duration::from_secs(20),
        ..ScanOptions::default()
    };
    let summary = scan::scan(&mut store, &options, None).expect("the scan finishes");
    stop.store(true, Ordering::Relaxed);
    let rewrites = rewriter.join().expect("rewriter");
    assert!(rewrites > 2, "the file changed during the scan ({rewrites} rewrites)");

    let tracks = store.load_tracks().expect("load");
    let imported = |p: &Path| tracks.iter().any(|t| t.path == p.to_string_lossy());
    let error = |p: &Path| {
        summary
            .errors
            .iter()
            .find(|e| Path::new(&e.path) == p)
            .map(|e| e.error.clone())
    };
    for p in &c.good {
        assert!(imported(p), "good file not imported: {}", p.display());
    }
    for p in &c.broken {
        let reason = error(p).unwrap_or_else(|| panic!("not reported: {}", p.display()));
        assert!(reason.len() > 10, "{}: a reason, not {reason:?}", p.display());
        // A file whose audio cannot be read but whose tags can is kept with its error
        // (issue 3: tags are not lost over damaged properties); noise never is.
        let name = p.file_name().unwrap_or_default().to_string_lossy();
        assert!(
            !(name.starts_with("noise") || name.starts_with("empty")) || !imported(p),
            "{name} imported: {reason}"
        );
        println!("{name}: {reason}{}", if imported(p) { " (tags kept)" } else { "" });
    }
    for p in &c.unreadable_tags {
        let reason = error(p).unwrap_or_else(|| panic!("not reported: {}", p.display()));
        println!("{}: {reason}", p.display());
    }
    for p in &c.odd {
        assert!(
            imported(p),
            "readable file not imported: {} ({:?})",
            p.display(),
            error(p)
        );
        println!(
            "{}: imported{}",
            p.display(),
            error(p).map(|e| format!(", {e}")).unwrap_or_default()
        );
    }
    assert!(imported(&c.changing) || error(&c.changing).is_some());
    let titles: Vec<String> = tracks
        .iter()
        .filter_map(|t| t.fields.title.as_deref().map(String::from))
        .collect();
    assert!(titles.iter().any(|t| t == "Café à Paris"), "{titles:?}");
    // Invalid UTF-8 in a Vorbis comment: the file is kept, the damage reported.
    let bad_utf8 = c
        .odd
        .iter()
        .find(|p| p.ends_with("bad-utf8.flac"))
        .expect("in the corpus");
    let warning = error(bad_utf8).unwrap_or_default();
    assert!(warning.contains("damaged tags"), "{warning:?}");
    // The loops were walked once: every file appears once.
    let mut paths: Vec<&str> = tracks.iter().map(|t| t.path.as_str()).collect();
    let count = paths.len();
    paths.dedup();
    assert_eq!(paths.len(), count);
    assert!(
        !tracks
            .iter()
            .any(|t| t.path.contains("/loop/") || t.path.contains("/again/"))
    );

    // Played in one queue: each broken file is an error event, every good one plays.
    let mut queue: Vec<PathBuf> = Vec::new();
    for (bad, good) in c.broken.iter().zip(c.good.iter().cycle()) {
        queue.push(bad.clone());
        queue.push(good.clone());
    }
    queue.extend(c.odd.iter().chain(&c.unreadable_tags).cloned());
    let mut h = Headless::new(44_100);
    h.play(&queue);
    h.pull_to_end(4096);
    for bad in &c.broken {
        let reported = h
            .seen
            .iter()
            .any(|e| matches!(e, Event::Error { path, reason } if path == bad && !reason.is_empty()));
        assert!(reported, "no playback error for {}", bad.display());
    }
    let started: Vec<&PathBuf> = h.started_indexes().into_iter().filter_map(|i| queue.get(i)).collect();
    let good_plays = started.iter().filter(|p| c.good.contains(p)).count();
    assert_eq!(
        good_plays,
        c.broken.len(),
        "every good file between the broken ones played"
    );
    assert!(h.seen.iter().any(|e| matches!(e, Event::QueueEnded)));
}
