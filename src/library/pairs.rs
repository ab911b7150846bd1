//! Vocal / instrumental pairs: "Title (Inst.)" pairs with "Title" on the same release,
//! else within the series.

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::model::Library;
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
pub fn find(library: &Library) -> HashMap<usize, usize> {
    let mut by_album: HashMap<(usize, String), usize> = HashMap::new();
    let mut by_series: HashMap<(usize, String), usize> = HashMap::new();
    for (i, t) in library.tracks.iter().enumerate() {
        let title = t.title();
        if is_instrumental(&title) {
            continue;
        }
        let key = name_key(&title);
        let album = &library.albums[t.album];
        by_album.entry((t.album, key.clone())).or_insert(i);
        by_series.entry((album.series, key)).or_insert(i);
    }
    let mut pairs = HashMap::new();
    for (i, t) in library.tracks.iter().enumerate() {
        let title = t.title();
        let Some(base) = instrumental_base(&title) else {
            continue;
        };
        let key = name_key(base);
        let series = library.albums[t.album].series;
        let vocal = by_album
            .get(&(t.album, key.clone()))
            .or_else(|| by_series.get(&(series, key)));
        if let Some(&v) = vocal {
            pairs.insert(i, v);
            pairs.entry(v).or_insert(i);
        }
    }
    pairs
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
