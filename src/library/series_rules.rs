//! Which series an album belongs to, and what kind of release it is, from its title.
//! Tags and folders are weighed in `model`; this file only reads album titles.

use std::sync::LazyLock;

use regex::Regex;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlbumKind {
    /// "X OST Part.3": a single from a drama's run.
    Part,
    /// "X (Original Soundtrack)", "X OST", "X O.S.T. Vol. 2".
    FullOst,
    /// "X Original Score".
    Score,
    Other,
}

impl AlbumKind {
    pub fn label(self) -> &'static str {
        match self {
            AlbumKind::Part => "part",
            AlbumKind::FullOst => "full OST",
            AlbumKind::Score => "score",
            AlbumKind::Other => "other",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TitleMatch {
    pub series: String,
    pub kind: AlbumKind,
    /// Part or volume number, for ordering.
    pub number: Option<u32>,
}

/// Words between the show's name and "Soundtrack"/"Score" in official titles.
const MEDIUM: &str = r"(?:(?:Original|Official)\s+)?(?:(?:Motion\s+Picture|Television|TV|Drama|Series|Video\s+Game|Game|Anime|Film|Movie|Netflix(?:\s+Series)?)\s+)?";
/// Used at most once per rule, so the number is always the `n` group.
const NUMBER: &str = r"(?:\s*[,\-–]?\s*(?:Vol(?:ume)?|Part|Pt|Disc|No)\.?\s*(?P<n>\d+))?";
const TAIL: &str = r"\s*(?:\[[^\]]*\]|\((?:\d{4}|Deluxe[^)]*|Special[^)]*|Complete[^)]*)\))*\s*$";

static RULES: LazyLock<Vec<(Regex, AlbumKind)>> = LazyLock::new(|| {
    let sep = r"\s*[-–:~]?\s*";
    let ost = r"(?:OST|O\.S\.T\.?)";
    let rules = [
        // X OST Part.3 / X OST Pt. 3 / X OST Part3 / X O.S.T. Part 2
        (
            format!(r"(?i)^(?P<s>.+?){sep}{ost}\s*(?:Part|Pt)\.?\s*(?P<n>\d+){TAIL}"),
            AlbumKind::Part,
        ),
        // X Part.3 OST (less common order)
        (
            format!(r"(?i)^(?P<s>.+?){sep}(?:Part|Pt)\.?\s*(?P<n>\d+)\s*{ost}{TAIL}"),
            AlbumKind::Part,
        ),
        // X Original Score / X OST - Original Score / X (Original Motion Picture Score)
        (
            format!(r"(?i)^(?P<s>.+?){sep}(?:{ost}\s*[-–:]?\s*)?\(?{MEDIUM}Score\)?(?:{NUMBER})?{TAIL}"),
            AlbumKind::Score,
        ),
        // X (Original Soundtrack) / X Original Sound Track / X: Original Television Soundtrack
        (
            format!(r"(?i)^(?P<s>.+?){sep}\(?{MEDIUM}Sound\s*-?\s*Track\)?(?:{NUMBER})?{TAIL}"),
            AlbumKind::FullOst,
        ),
        // X オリジナル・サウンドトラック / X サウンドトラック / X 原声带 / X 原聲帶 / X OST 원곡
        (
            format!(
                r"(?i)^(?P<s>.+?)\s*[-–:~]?\s*(?:オリジナル[・･\s]?)?(?:サウンドトラック|サントラ|原声带|原聲帶|原声音乐|原聲音樂|오리지널\s*사운드\s*트랙|사운드\s*트랙)(?:{NUMBER})?{TAIL}"
            ),
            AlbumKind::FullOst,
        ),
        // X OST / X O.S.T. Vol. 2
        (
            format!(r"(?i)^(?P<s>.+?){sep}{ost}(?:{NUMBER})?{TAIL}"),
            AlbumKind::FullOst,
        ),
    ];
    rules
        .into_iter()
        .filter_map(|(pattern, kind)| Regex::new(&pattern).ok().map(|r| (r, kind)))
        .collect()
});

/// Reads an album title: "Secret Garden OST Part.3" → ("Secret Garden", Part, 3).
pub fn parse_album_title(title: &str) -> Option<TitleMatch> {
    let title = title.trim();
    for (rule, kind) in RULES.iter() {
        let Some(caps) = rule.captures(title) else {
            continue;
        };
        let series = clean_name(caps.name("s").map_or("", |m| m.as_str()));
        if series.is_empty() {
            continue;
        }
        let number = caps
            .name("n")
            .or_else(|| {
                caps.iter()
                    .skip(1)
                    .flatten()
                    .last()
                    .filter(|m| m.as_str().chars().all(|c| c.is_ascii_digit()))
            })
            .and_then(|m| m.as_str().parse().ok());
        return Some(TitleMatch {
            series,
            kind: *kind,
            number,
        });
    }
    None
}

/// Trims separators and brackets left around a name.
pub fn clean_name(s: &str) -> String {
    s.trim()
        .trim_end_matches(['-', '–', ':', '~', '(', '[', ',', ' ', '/'])
        .trim()
        .to_owned()
}

/// A folder name as evidence: years and format labels are not part of a show's name.
pub fn clean_folder_name(name: &str) -> String {
    static DECOR: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*\[\d{4}\]\s*|\s*[\[(](?:\d{4}|FLAC|MP3|WEB|CD|Hi-?Res|24bit[^\])]*|320k?)[\])]\s*").ok()
    });
    match DECOR.as_ref() {
        Some(re) => clean_name(&re.replace_all(name, " ")),
        None => clean_name(name),
    }
}

/// The comparison key for names: NFKC (full-width forms fold), case and spacing folded.
pub fn name_key(s: &str) -> String {
    let folded: String = s.nfkc().flat_map(char::to_lowercase).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// "Disc 2", "CD1", "Disk 03": a folder that is one disc of an album.
pub fn is_disc_folder(name: &str) -> bool {
    static DISC: LazyLock<Option<Regex>> =
        LazyLock::new(|| Regex::new(r"(?i)^\s*(?:cd|disc|disk|dvd)\s*[-_.]?\s*\d*\s*(?:[-_:].*)?$").ok());
    DISC.as_ref().is_some_and(|re| re.is_match(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(title: &str, series: &str, kind: AlbumKind, number: Option<u32>) {
        let m = parse_album_title(title).unwrap_or_else(|| panic!("no match for {title:?}"));
        assert_eq!(
            (m.series.as_str(), m.kind, m.number),
            (series, kind, number),
            "{title:?}"
        );
    }

    #[test]
    fn every_rule_compiles() {
        // A rule whose pattern failed to build would be skipped silently.
        assert_eq!(RULES.len(), 6);
    }

    #[test]
    fn part_singles() {
        check("Secret Garden OST Part.3", "Secret Garden", AlbumKind::Part, Some(3));
        check("Secret Garden OST Pt. 3", "Secret Garden", AlbumKind::Part, Some(3));
        check("Secret Garden OST Part 12", "Secret Garden", AlbumKind::Part, Some(12));
        check("Secret Garden OST Part3", "Secret Garden", AlbumKind::Part, Some(3));
        check(
            "별에서 온 그대 (Crash Landing) OST Part.1",
            "별에서 온 그대 (Crash Landing)",
            AlbumKind::Part,
            Some(1),
        );
        check("Goblin O.S.T. Part 2", "Goblin", AlbumKind::Part, Some(2));
        check("Goblin - OST Part.4", "Goblin", AlbumKind::Part, Some(4));
    }

    #[test]
    fn full_soundtracks() {
        check(
            "Secret Garden (Original Soundtrack)",
            "Secret Garden",
            AlbumKind::FullOst,
            None,
        );
        check(
            "Secret Garden Original Sound Track",
            "Secret Garden",
            AlbumKind::FullOst,
            None,
        );
        check(
            "Secret Garden: Original Television Soundtrack",
            "Secret Garden",
            AlbumKind::FullOst,
            None,
        );
        check(
            "Secret Garden (Original Motion Picture Soundtrack)",
            "Secret Garden",
            AlbumKind::FullOst,
            None,
        );
        check(
            "Secret Garden O.S.T. Vol. 2",
            "Secret Garden",
            AlbumKind::FullOst,
            Some(2),
        );
        check("Secret Garden OST", "Secret Garden", AlbumKind::FullOst, None);
        check("Secret Garden OST Vol.1", "Secret Garden", AlbumKind::FullOst, Some(1));
        check(
            "千と千尋の神隠し オリジナル・サウンドトラック",
            "千と千尋の神隠し",
            AlbumKind::FullOst,
            None,
        );
        check(
            "鋼の錬金術師 サウンドトラック",
            "鋼の錬金術師",
            AlbumKind::FullOst,
            None,
        );
    }

    #[test]
    fn scores() {
        check("Secret Garden Original Score", "Secret Garden", AlbumKind::Score, None);
        check(
            "Crystal Chronicle OST - Original Score",
            "Crystal Chronicle",
            AlbumKind::Score,
            None,
        );
        check("Dune (Original Motion Picture Score)", "Dune", AlbumKind::Score, None);
        check("Über Éternité Original Score", "Über Éternité", AlbumKind::Score, None);
    }

    #[test]
    fn other_albums_do_not_match() {
        assert_eq!(parse_album_title("Abbey Road"), None);
        assert_eq!(parse_album_title("Hosting"), None);
        assert_eq!(parse_album_title("OST"), None);
    }

    #[test]
    fn folders_and_keys() {
        assert_eq!(clean_folder_name("[2010] Goblin OST Part.1"), "Goblin OST Part.1");
        assert_eq!(
            clean_folder_name("Goblin (Original Soundtrack) [FLAC]"),
            "Goblin (Original Soundtrack)"
        );
        assert_eq!(clean_folder_name("Goblin (2016)"), "Goblin");
        assert!(is_disc_folder("CD1"));
        assert!(is_disc_folder("Disc 2"));
        assert!(is_disc_folder("disk_03"));
        assert!(!is_disc_folder("Discovery"));
        assert_eq!(name_key("ＳＥＣＲＥＴ  Garden"), name_key("secret garden"));
    }
}
