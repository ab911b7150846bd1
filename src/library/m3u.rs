//! Reading M3U / M3U8 playlists: one entry per line that is not a `#` comment or
//! directive, relative paths against the playlist's folder, UTF-8 (with or without a
//! BOM) or, failing that, Latin-1 as legacy `.m3u` files are.

use std::path::{Path, PathBuf};

/// An entry of a playlist: a local path, or a URL (kept, so callers can say they skip it).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    Path(PathBuf),
    Url(String),
}

/// Parses playlist bytes; `base` is the playlist's folder.
pub fn parse(bytes: &[u8], base: &Path) -> Vec<Entry> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_owned(),
        Err(_) => bytes.iter().map(|&b| char::from(b)).collect(),
    };
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|line| {
            if line.contains("://") && !line.starts_with("file://") {
                return Entry::Url(line.to_owned());
            }
            let line = line.strip_prefix("file://").unwrap_or(line);
            let path = PathBuf::from(line);
            Entry::Path(normalize(&if path.is_absolute() { path } else { base.join(path) }))
        })
        .collect()
}

/// One line of a written playlist.
pub struct Item<'a> {
    pub path: &'a Path,
    pub title: String,
    pub artist: Option<String>,
    pub seconds: Option<u64>,
}

impl<'a> Item<'a> {
    /// The line for `path`, titled from its library track when there is one, else from
    /// its file name.
    pub fn new(path: &'a Path, track: Option<&super::model::Track>) -> Self {
        Self {
            path,
            title: track.map(|t| t.title()).unwrap_or_else(|| {
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default()
            }),
            artist: track.and_then(|t| t.fields.artist.as_deref().map(String::from)),
            seconds: track.and_then(|t| t.fields.duration_ms).map(|ms| ms / 1000),
        }
    }
}

/// An extended M3U8 playlist (UTF-8, `#EXTINF`), paths relative to `dir` (the folder
/// the playlist is written to) when they are inside it, else absolute.
pub fn write(items: &[Item<'_>], dir: &Path) -> String {
    let mut out = String::from("#EXTM3U\n");
    for item in items {
        let seconds = item.seconds.map_or(-1, |s| s as i64);
        let label = match &item.artist {
            Some(a) => format!("{a} - {}", item.title),
            None => item.title.clone(),
        };
        out.push_str(&format!("#EXTINF:{seconds},{}\n", label.replace('\n', " ")));
        let path = item.path.strip_prefix(dir).unwrap_or(item.path).to_string_lossy();
        // A line that would read back as a comment, as nothing, or trimmed (`#1 Theme.flac`,
        // the folder itself, ` Intro.mp3`) is written `./`-prefixed, which reads back the same.
        if path.is_empty() || path.starts_with('#') || path.trim_start() != path {
            out.push_str("./");
        }
        out.push_str(&path);
        out.push('\n');
    }
    out
}

/// `a/b/../c` → `a/c`, without touching the disk (the file may be missing).
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

pub fn is_playlist(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("m3u") || e.eq_ignore_ascii_case("m3u8"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_comments_bom_crlf_relative_absolute_and_urls() {
        let text = "\u{feff}#EXTM3U\r\n#EXTINF:123,Artist - Title\r\nCD1/01 Theme.flac\r\n\r\n/music/a.mp3\r\nhttp://radio.example/stream\r\n../other/./b.flac\r\n";
        let entries = parse(text.as_bytes(), Path::new("/lists"));
        assert_eq!(
            entries,
            [
                Entry::Path("/lists/CD1/01 Theme.flac".into()),
                Entry::Path("/music/a.mp3".into()),
                Entry::Url("http://radio.example/stream".into()),
                Entry::Path("/other/b.flac".into()),
            ]
        );
    }

    #[test]
    fn written_playlists_read_back() {
        let a = Path::new("/music/OST/01 Theme.flac");
        let b = Path::new("/elsewhere/b.opus");
        let items = [
            Item {
                path: a,
                title: "Theme".into(),
                artist: Some("Han Seo-yeon".into()),
                seconds: Some(187),
            },
            Item {
                path: b,
                title: "B".into(),
                artist: None,
                seconds: None,
            },
        ];
        let text = write(&items, Path::new("/music"));
        assert_eq!(
            text,
            "#EXTM3U\n#EXTINF:187,Han Seo-yeon - Theme\nOST/01 Theme.flac\n#EXTINF:-1,B\n/elsewhere/b.opus\n"
        );
        assert_eq!(
            parse(text.as_bytes(), Path::new("/music")),
            [Entry::Path(a.into()), Entry::Path(b.into())]
        );
    }

    #[test]
    fn names_that_look_like_comments_or_blanks_read_back() {
        let dir = Path::new("/music");
        for name in ["/music/#1 Crush.mp3", "/music/ Intro.mp3", "/music"] {
            let item = Item {
                path: Path::new(name),
                title: "t".into(),
                artist: None,
                seconds: None,
            };
            let text = write(&[item], dir);
            assert_eq!(parse(text.as_bytes(), dir), [Entry::Path(name.into())], "{text:?}");
        }
    }

    #[test]
    fn legacy_latin1_is_decoded() {
        let entries = parse(b"Am\xe9lie.mp3\n", Path::new("/m"));
        assert_eq!(entries, [Entry::Path("/m/Amélie.mp3".into())]);
    }
}
