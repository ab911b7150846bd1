//! Kinds of release and the name keys shared by the library. Titles are read in
//! `release_title`, folders in `folders`, evidence weighed in `series_group`.

use std::sync::LazyLock;

use regex::Regex;
use serde::{Deserialize, Serialize};
use unicode_normalization::UnicodeNormalization;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
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

/// A folder name as evidence: years and format labels are not part of a show's name.
pub fn clean_folder_name(name: &str) -> String {
    static DECOR: LazyLock<Option<Regex>> = LazyLock::new(|| {
        Regex::new(r"(?i)^\s*\[\d{4}\]\s*|\s*[\[(](?:\d{4}|FLAC|MP3|WEB|CD|Hi-?Res|24bit[^\])]*|320k?)[\])]\s*").ok()
    });
    match DECOR.as_ref() {
        Some(re) => super::release_title::clean(&re.replace_all(name, " ")),
        None => super::release_title::clean(name),
    }
}

/// NFKC (full-width forms fold) and lower case. Most names are already NFKC (plain
/// ASCII, precomposed Hangul, kana): the quick check spares them the decomposition.
pub fn fold_case_width(s: &str) -> String {
    if unicode_normalization::is_nfkc_quick(s.chars()) == unicode_normalization::IsNormalized::Yes {
        s.chars().flat_map(char::to_lowercase).collect()
    } else {
        s.nfkc().flat_map(char::to_lowercase).collect()
    }
}

/// The comparison key for names: NFKC (full-width forms fold), case and spacing folded.
pub fn name_key(s: &str) -> String {
    let folded: String = fold_case_width(s);
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folders_and_keys() {
        assert_eq!(clean_folder_name("[2010] Goblin OST Part.1"), "Goblin OST Part.1");
        assert_eq!(
            clean_folder_name("Goblin (Original Soundtrack) [FLAC]"),
            "Goblin (Original Soundtrack)"
        );
        assert_eq!(clean_folder_name("Goblin (2016)"), "Goblin");
        assert_eq!(name_key("ＳＥＣＲＥＴ  Garden"), name_key("secret garden"));
    }
}
