//! Search as you type across title, artists, album, series and composer, in any script.
//!
//! Every track gets one folded "haystack" when the library loads; a query is folded the
//! same way and each of its words must appear. Folding: compatibility decomposition
//! (full-width → half-width, ligatures), accents and kana voicing marks dropped,
//! katakana → hiragana, lowercase. Hangul decomposes to jamo, so a syllable still being
//! composed in an input method already matches.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::model::{Library, TrackIdx};

/// Separates fields so a word never matches across two of them.
const FIELD_BREAK: char = '\u{1f}';

#[derive(Default)]
pub struct SearchIndex {
    haystacks: Vec<Box<str>>,
    /// Instrumental versions ("(Inst.)", "MR"…), by track: the title rules are regexes,
    /// too slow to run per track on every keystroke of a query.
    instrumental: Vec<bool>,
    /// Latin spellings of tracks with Hangul or kana (`romanise`), each also without
    /// its spaces and hyphens; `None` for the rest.
    latin: Vec<Option<Box<str>>>,
}

impl std::fmt::Debug for SearchIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SearchIndex({} tracks)", self.haystacks.len())
    }
}

impl SearchIndex {
    pub fn new(library: &Library) -> Self {
        let haystacks = library
            .tracks
            .iter()
            .map(|t| {
                let album = &library.albums[t.album];
                let series = library.series_at(album.series).map(|s| s.name.as_str());
                let f = &t.fields;
                let mut text = t.title();
                // Every part is written, empty or not, so a field is found by its place.
                for part in [
                    f.artist.as_deref(),
                    f.album_artist.as_deref(),
                    Some(album.title.as_str()),
                    series,
                    f.composer.as_deref(),
                ] {
                    text.push(FIELD_BREAK);
                    text.push_str(part.unwrap_or_default());
                }
                fold(&text).into_boxed_str()
            })
            .collect();
        // Albums, series and artists repeat across tracks: each text is spelt once.
        let mut spelt = HashMap::new();
        let latin = library
            .tracks
            .iter()
            .map(|t| latin_of(library, t, &mut spelt))
            .collect();
        let instrumental = library
            .tracks
            .iter()
            .map(|t| super::pairs::is_instrumental(&t.title()))
            .collect();
        Self {
            haystacks,
            instrumental,
            latin,
        }
    }

    /// Indexes of the tracks matching every word of `query`, in library order. An empty
    /// query matches nothing: the caller shows the unfiltered list instead.
    pub fn matches(&self, query: &str) -> Vec<TrackIdx> {
        let folded = fold(query);
        let words: Vec<&str> = folded.split_whitespace().collect();
        if words.is_empty() {
            return Vec::new();
        }
        (0..self.haystacks.len())
            .map(TrackIdx)
            .filter(|&t| words.iter().all(|w| self.has_word(t, w)))
            .collect()
    }

    /// Is folded word `word` in track `track`'s text, or (typed in Latin letters) in
    /// its romanised spellings, spaces and hyphens aside?
    pub fn has_word(&self, track: TrackIdx, word: &str) -> bool {
        if self.haystack(track).contains(word) {
            return true;
        }
        match self.latin.get(track.0).and_then(Option::as_deref) {
            Some(latin) if word.is_ascii() => {
                latin.contains(word) || (word.contains('-') && latin.contains(&word.replace('-', "")))
            }
            _ => false,
        }
    }
}

/// The romanised spellings of a track's searched text, if it has Hangul or kana.
fn latin_of(library: &Library, t: &super::model::Track, spelt: &mut HashMap<String, Vec<String>>) -> Option<Box<str>> {
    let album = library.album(t.album)?;
    let series = library.series_at(album.series).map(|s| s.name.as_str());
    let f = &t.fields;
    let title = t.title();
    let parts = [
        Some(title.as_str()),
        f.artist.as_deref(),
        f.album_artist.as_deref(),
        Some(album.title.as_str()),
        series,
        f.composer.as_deref(),
    ];
    let mut text = String::new();
    for part in parts.into_iter().flatten() {
        if !spelt.contains_key(part) {
            let mut forms = Vec::new();
            for spelling in super::romanise::spellings(part) {
                let joined: String = spelling.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
                forms.extend([spelling, joined]);
            }
            spelt.insert(part.to_owned(), forms);
        }
        for s in spelt.get(part).into_iter().flatten() {
            text.push(FIELD_BREAK);
            text.push_str(s);
        }
    }
    (!text.is_empty()).then(|| text.into_boxed_str())
}

/// A part of a track's searched text, by its place in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    Title = 0,
    Artist = 1,
    AlbumArtist = 2,
    Album = 3,
    Series = 4,
    Composer = 5,
}

impl SearchIndex {
    /// Track `track`'s whole searched text, folded (empty past the end).
    pub fn haystack(&self, track: TrackIdx) -> &str {
        self.haystacks.get(track.0).map_or("", |h| h)
    }

    /// Is track `track` an instrumental version of a song?
    pub fn is_instrumental(&self, track: TrackIdx) -> bool {
        self.instrumental.get(track.0).copied().unwrap_or(false)
    }

    /// One part of track `track`'s searched text, folded.
    pub fn part(&self, track: TrackIdx, part: Part) -> &str {
        self.haystack(track).split(FIELD_BREAK).nth(part as usize).unwrap_or("")
    }
}

/// The comparable form of a text (see the module comment).
pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c))
        .map(|c| match c {
            // Katakana ァ..ヶ → hiragana ぁ..ゖ.
            '\u{30a1}'..='\u{30f6}' => char::from_u32(c as u32 - 0x60).unwrap_or(c),
            _ => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_accents_width_case_and_kana() {
        assert_eq!(fold("Amélie CAFÉ"), "amelie cafe");
        assert_eq!(fold("ＯＳＴ　Ｐａｒｔ"), "ost part");
        assert_eq!(fold("サウンドトラック"), fold("さうんどとらっく"));
        assert_eq!(fold("ガ"), fold("か"), "voicing marks fold like accents");
    }

    #[test]
    fn hangul_matches_while_a_syllable_is_being_composed() {
        let haystack = fold("비밀의 정원");
        assert!(haystack.contains(&fold("비밀")));
        // "정" typed as far as "저": the jamo prefix already matches.
        assert!(haystack.contains(&fold("저")));
        assert!(fold("秘密の花園").contains(&fold("花園")));
    }
}
