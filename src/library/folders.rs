//! What folder and file names say when tags are silent: disc folders (`CD2`,
//! `Disc 1 - Night`), container folders that name nothing (`albums`, `music`), and a
//! track's title and number from its file name (`03 - Song.flac`, `return_to_wesnoth.ogg`).

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use super::series_rules::clean_folder_name;

static DISC: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:cd|disc|disk|dvd)\s*[-_.]?\s*(?P<n>\d*)\s*(?:[-_:.]\s*(?P<sub>.*))?$").ok()
});

/// "Disc 2 - Night" → (2, Some("Night")); "CD" → (1, None); `None` for other folders.
pub fn disc_folder(name: &str) -> Option<(u32, Option<String>)> {
    let caps = DISC.as_ref()?.captures(name)?;
    let n = caps.name("n").and_then(|m| m.as_str().parse().ok()).unwrap_or(1);
    let sub = caps
        .name("sub")
        .map(|m| m.as_str().trim().to_owned())
        .filter(|s| !s.is_empty());
    Some((n, sub))
}

/// The folder holding an album's discs and the disc its folder names:
/// "Album/CD2/01.flac" → ("Album", Some((2, None))).
pub fn album_root(path: &Path) -> (PathBuf, Option<(u32, Option<String>)>) {
    let dir = path.parent().unwrap_or(Path::new(""));
    match dir.file_name().and_then(|n| disc_folder(&n.to_string_lossy())) {
        Some(disc) => (dir.parent().unwrap_or(dir).to_path_buf(), Some(disc)),
        None => (dir.to_path_buf(), None),
    }
}

/// Folders that hold music without naming it: "Warzone 2100/albums/…", "Game/music".
pub fn is_container(name: &str) -> bool {
    // Containers ("albums") and the categories people sort a collection by ("Games").
    const NAMES: [&str; 40] = [
        "albums",
        "album",
        "music",
        "audio",
        "soundtrack",
        "soundtracks",
        "ost",
        "osts",
        "bgm",
        "sound",
        "sounds",
        "flac",
        "mp3",
        "ogg",
        "opus",
        "data",
        "core",
        "games",
        "game",
        "game music",
        "game soundtracks",
        "vgm",
        "anime",
        "anime soundtracks",
        "movies",
        "films",
        "film scores",
        "movie soundtracks",
        "scores",
        "tv",
        "tv series",
        "series",
        "dramas",
        "drama",
        "k-drama",
        "kdrama",
        "j-drama",
        "c-drama",
        "compilations",
        "various",
    ];
    let lower = name.trim().to_lowercase();
    NAMES.contains(&lower.as_str())
}

/// A folder or file name as a readable title: "original_soundtrack" → "Original
/// Soundtrack", "track1" → "Track 1", "Battle for Wesnoth OST" unchanged.
pub fn humanize(name: &str) -> String {
    let cleaned = clean_folder_name(name);
    let spaced: String = if cleaned.contains(' ') {
        cleaned.replace('_', " ")
    } else {
        cleaned.replace(['_', '-'], " ")
    };
    static TRACK_N: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(r"(?i)^(track|song|bgm|m)(\d+)$").ok());
    let spaced = match TRACK_N.as_ref().and_then(|r| r.captures(&spaced)) {
        Some(c) => format!("{} {}", &c[1], &c[2]),
        None => spaced,
    };
    let words: Vec<&str> = spaced.split_whitespace().collect();
    // Slugs are all lower case; anything with capitals was written by a person.
    if spaced.chars().any(char::is_uppercase) {
        return words.join(" ");
    }
    const SMALL: [&str; 12] = ["a", "an", "the", "and", "or", "of", "to", "in", "on", "at", "for", "is"];
    words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(w) {
                (*w).to_owned()
            } else {
                let mut c = w.chars();
                c.next()
                    .map(|f| f.to_uppercase().chain(c).collect())
                    .unwrap_or_default()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

static NUMBERED: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"^(?:(?P<disc>\d)[-.])?(?P<n>\d{1,3})(?:\s*[-.–_)]\s*|\s+)(?P<title>\S.*)$").ok());
static TRACK_WORD: LazyLock<Option<Regex>> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:track|song)\s*_?(?P<n>\d{1,3})$").ok());

/// A track's number and title from its file name: "03 - Song.flac" → (3, "Song"),
/// "return_to_wesnoth.ogg" → (None, "Return to Wesnoth"), "track12.opus" → (12, "Track 12").
pub fn from_file_name(path: &Path) -> (Option<u32>, String) {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    if let Some(c) = NUMBERED.as_ref().and_then(|r| r.captures(&stem)) {
        let n = c.name("n").and_then(|m| m.as_str().parse().ok());
        let title = c.name("title").map_or("", |m| m.as_str());
        return (n, humanize(title));
    }
    let n = TRACK_WORD
        .as_ref()
        .and_then(|r| r.captures(&stem))
        .and_then(|c| c.name("n")?.as_str().parse().ok());
    (n, humanize(&stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disc_folders() {
        assert_eq!(disc_folder("CD1"), Some((1, None)));
        assert_eq!(disc_folder("Disc 2"), Some((2, None)));
        assert_eq!(disc_folder("DISC 02"), Some((2, None)));
        assert_eq!(disc_folder("disk_03"), Some((3, None)));
        assert_eq!(disc_folder("Disc 1 - Night"), Some((1, Some("Night".into()))));
        assert_eq!(disc_folder("Discovery"), None);
        let (root, disc) = album_root(Path::new("/m/Album/CD2/01.flac"));
        assert_eq!((root, disc), (PathBuf::from("/m/Album"), Some((2, None))));
    }

    #[test]
    fn titles_from_names() {
        assert_eq!(humanize("original_soundtrack"), "Original Soundtrack");
        assert_eq!(humanize("Battle for Wesnoth OST"), "Battle for Wesnoth OST");
        assert_eq!(
            from_file_name(Path::new("a/return_to_wesnoth.ogg")),
            (None, "Return to Wesnoth".into())
        );
        assert_eq!(from_file_name(Path::new("a/03 - Song.flac")), (Some(3), "Song".into()));
        assert_eq!(
            from_file_name(Path::new("a/07. Stay With Me.mp3")),
            (Some(7), "Stay With Me".into())
        );
        assert_eq!(
            from_file_name(Path::new("a/track12.opus")),
            (Some(12), "Track 12".into())
        );
        assert_eq!(from_file_name(Path::new("a/hr3-caves.ogg")), (None, "Hr3 Caves".into()));
        assert!(is_container("Albums") && !is_container("Warzone 2100"));
    }
}
