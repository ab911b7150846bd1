//! Vocal / instrumental pairs: "Title (Inst.)" pairs with "Title" on the same release,
//! else within the series.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::model::{AlbumIdx, Library, SeriesIdx, TrackIdx};
use super::series_rules::name_key;

static INSTRUMENTAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<base>.*?)\s*(?:[\(\[（]\s*(?:Inst\.?|Instrumental(?:\s+Ver(?:sion|\.)?)?|MR|Inst\s+Ver\.?)\s*[\)\]）]|[-–]\s*Instrumental)\s*$").ok()
});

/// The vocal title an instrumental version belongs to: "Stay (Inst.)" → "Stay".
pub fn instrumental_base(title: &str) -> Option<&str> {
    let re = INSTRUMENTAL.as_ref()?;
    let caps = re.captures(title)?;
    let base = caps.name("base")?.as_str().trim();
    (!base.is_empty()).then_some(base)
}

pub fn is_instrumental(title: &str) -> bool {
    instrumental_base(title).is_some()
}

/// Both directions: instrumental → vocal and vocal → instrumental.
pub fn find(library: &Library) -> HashMap<TrackIdx, TrackIdx> {
    // Instrumentals are few; only their albums and series need vocal titles indexed.
    let instrumentals: Vec<(usize, String)> = library
        .tracks
        .iter()
        .enumerate()
        .filter(|(_, t)| t.fields.title.as_deref().is_some_and(might_be_instrumental))
        .filter_map(|(i, t)| Some((i, name_key(instrumental_base(t.fields.title.as_deref()?)?))))
        .collect();
    if instrumentals.is_empty() {
        return HashMap::new();
    }
    let albums: std::collections::HashSet<AlbumIdx> =
        instrumentals.iter().map(|(i, _)| library.tracks[*i].album).collect();
    let series: std::collections::HashSet<SeriesIdx> = albums.iter().map(|a| library.albums[*a].series).collect();
    let mut by_album: HashMap<(AlbumIdx, String), usize> = HashMap::new();
    let mut by_series: HashMap<(SeriesIdx, String), usize> = HashMap::new();
    for (i, t) in library.tracks.iter().enumerate() {
        let album_series = library.albums[t.album].series;
        if !series.contains(&album_series) {
            continue;
        }
        let title = t.title();
        if is_instrumental(&title) {
            continue;
        }
        let key = name_key(&title);
        if albums.contains(&t.album) {
            by_album.entry((t.album, key.clone())).or_insert(i);
        }
        by_series.entry((album_series, key)).or_insert(i);
    }
    let mut pairs = HashMap::new();
    for (i, key) in instrumentals {
        let t = &library.tracks[i];
        let series = library.albums[t.album].series;
        let vocal = by_album
            .get(&(t.album, key.clone()))
            .or_else(|| by_series.get(&(series, key)));
        if let Some(&v) = vocal {
            pairs.insert(TrackIdx(i), TrackIdx(v));
            pairs.entry(TrackIdx(v)).or_insert(TrackIdx(i));
        }
    }
    pairs
}

/// A cheap test before the regex: every instrumental marker ends in a bracket or the
/// word "Instrumental".
fn might_be_instrumental(title: &str) -> bool {
    let t = title.trim_end();
    t.ends_with([')', ']', '）']) || t.to_ascii_lowercase().ends_with("instrumental")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instrumental_suffixes() {
        assert_eq!(instrumental_base("Stay (Inst.)"), Some("Stay"));
        assert_eq!(instrumental_base("Stay (Inst)"), Some("Stay"));
        assert_eq!(instrumental_base("Stay (Instrumental)"), Some("Stay"));
        assert_eq!(instrumental_base("Stay (MR)"), Some("Stay"));
        assert_eq!(instrumental_base("Stay [Inst.]"), Some("Stay"));
        assert_eq!(instrumental_base("Stay - Instrumental"), Some("Stay"));
        assert_eq!(instrumental_base("별처럼 (Inst.)"), Some("별처럼"));
        assert_eq!(instrumental_base("Stay"), None);
        assert_eq!(instrumental_base("Instrumental"), None);
        assert_eq!(instrumental_base("Mr. Brightside"), None);
    }
}
