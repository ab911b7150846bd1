//! Turns what a user names on the command line (files and folders) into a play order.

use std::path::{Path, PathBuf};

use lofty::config::ParseOptions;
use lofty::file::TaggedFileExt;
use lofty::probe::Probe;
use lofty::tag::Accessor;

/// Extensions looked at when walking a folder. Files named explicitly are always tried,
/// whatever their extension: the decoder probes content, not names.
pub const AUDIO_EXTENSIONS: &[&str] = &[
    "flac", "mp3", "ogg", "oga", "opus", "m4a", "mp4", "m4b", "aac", "alac", "wav", "wave", "aif", "aiff", "aifc",
];

pub fn is_audio_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| AUDIO_EXTENSIONS.iter().any(|a| a.eq_ignore_ascii_case(e)))
}

/// Files stay where they are in the list; each folder becomes its audio files, album by
/// album (folder by folder), in disc and track order, then by name.
pub fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found = Vec::new();
            walk(path, &mut found, 0);
            let mut keyed: Vec<_> = found.into_iter().map(|p| (order_key(&p), p)).collect();
            keyed.sort();
            out.extend(keyed.into_iter().map(|(_, p)| p));
        } else if path.exists() {
            out.push(path.clone());
        }
    }
    out
}

/// Deep enough for any real library; stops symlink loops.
const MAX_DEPTH: usize = 32;

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, out, depth + 1);
        } else if is_audio_file(&path) {
            out.push(path);
        }
    }
}

type OrderKey = (PathBuf, u32, u32, String);

fn order_key(path: &Path) -> OrderKey {
    let (disc, track) = disc_and_track(path);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    (
        path.parent().map(Path::to_path_buf).unwrap_or_default(),
        disc.unwrap_or(0),
        track.unwrap_or(u32::MAX),
        name,
    )
}

/// Disc and track numbers from the tags; a file lofty cannot read sorts by name.
fn disc_and_track(path: &Path) -> (Option<u32>, Option<u32>) {
    let tagged = Probe::open(path)
        .and_then(|p| {
            p.options(ParseOptions::new().read_properties(false))
                .guess_file_type()
                .map_err(Into::into)
        })
        .and_then(|p| p.read());
    match tagged {
        Ok(file) => match file.primary_tag().or_else(|| file.first_tag()) {
            Some(tag) => (tag.disk(), tag.track()),
            None => (None, None),
        },
        Err(_) => (None, None),
    }
}

/// Something to play: a file, or one CUE track inside an image.
#[derive(Debug, Clone, PartialEq)]
pub struct Playable {
    pub path: PathBuf,
    pub start: Option<std::time::Duration>,
    pub end: Option<std::time::Duration>,
}

/// Like [`expand`], and a `.cue` sheet becomes its tracks, each a slice of its image.
/// A sheet that cannot be read is reported and skipped.
pub fn expand_with_cues(paths: &[PathBuf]) -> (Vec<Playable>, Vec<String>) {
    crate::io_guard::check("listing files to play");
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if super::m3u::is_playlist(path) {
            match std::fs::read(path) {
                Ok(bytes) => {
                    let base = path.parent().unwrap_or(Path::new("."));
                    let mut files = Vec::new();
                    for entry in super::m3u::parse(&bytes, base) {
                        match entry {
                            super::m3u::Entry::Path(p) if p.exists() => files.push(p),
                            super::m3u::Entry::Path(p) => {
                                problems.push(format!("{}: {} is not there", path.display(), p.display()))
                            }
                            super::m3u::Entry::Url(u) => {
                                problems.push(format!("{}: {u}: streams are not played", path.display()))
                            }
                        }
                    }
                    // A playlist naming a playlist is not followed: no loops.
                    files.retain(|p| !super::m3u::is_playlist(p));
                    let (found, more) = expand_with_cues(&files);
                    out.extend(found);
                    problems.extend(more);
                }
                Err(e) => problems.push(format!("{}: {e}", path.display())),
            }
            continue;
        }
        let is_cue = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("cue"));
        if !is_cue {
            out.extend(expand(std::slice::from_ref(path)).into_iter().map(|p| Playable {
                path: p,
                start: None,
                end: None,
            }));
            continue;
        }
        let sheet = match std::fs::read(path)
            .map_err(|e| e.to_string())
            .and_then(|b| super::cue::parse_bytes(&b).map_err(|e| e.to_string()))
        {
            Ok(sheet) => sheet,
            Err(e) => {
                problems.push(format!("{}: {e}", path.display()));
                continue;
            }
        };
        let dir = path.parent().unwrap_or(Path::new("."));
        for file in &sheet.files {
            let Some(image) = resolve_image(dir, &file.name) else {
                problems.push(format!(
                    "{}: the sheet's file {:?} is not there",
                    path.display(),
                    file.name
                ));
                continue;
            };
            out.extend(file.tracks.iter().map(|t| Playable {
                path: image.clone(),
                start: Some(super::cue::sectors_to_duration(t.start)),
                end: t.end.map(super::cue::sectors_to_duration),
            }));
        }
    }
    (out, problems)
}

/// The sheet's file, or an audio file with its stem (sheets often name the .wav that
/// was compressed afterwards).
fn resolve_image(dir: &Path, name: &str) -> Option<PathBuf> {
    let exact = dir.join(name);
    if exact.is_file() {
        return Some(exact);
    }
    let stem = Path::new(name).file_stem()?.to_string_lossy().to_lowercase();
    let mut candidates: Vec<PathBuf> = std::fs::read_dir(dir)
        .ok()?
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            is_audio_file(p)
                && p.file_stem()
                    .is_some_and(|s| s.to_string_lossy().to_lowercase() == stem)
        })
        .collect();
    candidates.sort();
    candidates.into_iter().next()
}
