//! Where in a text (as it is written) a search's words were found, to show them: a word
//! found in the text itself (accents, width, case and kana aside), or typed in Latin
//! letters and found in the Hangul or kana it spells ("sarangui" → 사랑의).

use std::ops::Range;

use super::romanise;
use super::search::fold;

/// Byte ranges of `text` to highlight for the folded `words`, in order, merged.
pub fn found(text: &str, words: &[String]) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let folded = Folded::new(&chars);
    for word in words.iter().map(|w| w.trim()).filter(|w| !w.is_empty()) {
        let before = ranges.len();
        folded.find_all(word, text.len(), &mut ranges);
        if ranges.len() == before && word.is_ascii() {
            ranges.extend(spelt(text, &chars, word));
        }
    }
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

/// The text folded char by char, each folded byte knowing its char.
struct Folded {
    text: String,
    /// For each folded byte, the index of its char.
    owner: Vec<usize>,
    starts: Vec<usize>,
}

impl Folded {
    fn new(chars: &[(usize, char)]) -> Self {
        let mut text = String::new();
        let mut owner = Vec::new();
        for (i, &(_, c)) in chars.iter().enumerate() {
            let f = fold(c.encode_utf8(&mut [0; 4]));
            owner.extend(std::iter::repeat_n(i, f.len()));
            text.push_str(&f);
        }
        Self {
            text,
            owner,
            starts: chars.iter().map(|(b, _)| *b).collect(),
        }
    }

    fn find_all(&self, word: &str, end: usize, out: &mut Vec<Range<usize>>) {
        for (at, _) in self.text.match_indices(word) {
            let first = self.owner[at];
            let last = self.owner[at + word.len() - 1];
            out.push(self.starts[first]..self.starts.get(last + 1).copied().unwrap_or(end));
        }
    }
}

/// The shortest run of Hangul or kana whose romanised spelling holds `word`.
fn spelt(text: &str, chars: &[(usize, char)], word: &str) -> Option<Range<usize>> {
    let word: String = word.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
    let spells = |from: usize, to: usize| {
        let end = chars.get(to).map_or(text.len(), |(b, _)| *b);
        romanise::spellings(&text[chars[from].0..end]).into_iter().any(|s| {
            s.chars()
                .filter(|c| !matches!(c, ' ' | '-'))
                .collect::<String>()
                .contains(&word)
        })
    };
    let mut best: Option<(usize, usize)> = None;
    for from in 0..chars.len() {
        if !is_spelt(chars[from].1) {
            continue;
        }
        // A syllable spells one to six letters: past that many, no run can hold it.
        let longest = (word.len() + 1).min(chars.len() - from);
        let mut to = from + 1;
        while to <= from + longest && to <= chars.len() {
            if best.is_some_and(|(f, t)| to - from >= t - f) {
                break;
            }
            if spells(from, to) {
                best = Some((from, to));
                break;
            }
            to += 1;
        }
    }
    let (from, to) = best?;
    Some(chars[from].0..chars.get(to).map_or(text.len(), |(b, _)| *b))
}

fn is_spelt(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c) || ('\u{3041}'..='\u{30ff}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lit(text: &str, words: &[&str]) -> Vec<String> {
        let words: Vec<String> = words.iter().map(|w| fold(w)).collect();
        found(text, &words).into_iter().map(|r| text[r].to_owned()).collect()
    }

    #[test]
    fn romanised_words_light_their_hangul_and_kana() {
        assert_eq!(lit("사랑의 불시착 OST Part 1", &["sarangui"]), ["사랑의"]);
        assert_eq!(lit("사랑의 불시착", &["bulsichak"]), ["불시착"]);
        assert_eq!(lit("사랑의 불시착", &["sarang-ui", "bul"]), ["사랑의", "불"]);
        assert_eq!(lit("となりのトトロ", &["totoro"]), ["トトロ"]);
        assert_eq!(lit("さんぽ", &["sanpo"]), ["さんぽ"]);
        assert_eq!(lit("도깨비 OST", &["rang"]), Vec::<String>::new());
    }

    #[test]
    fn words_in_the_text_itself_light_as_written() {
        assert_eq!(lit("Amélie's Café", &["cafe"]), ["Café"]);
        assert_eq!(lit("ＯＳＴ Part", &["ost"]), ["ＯＳＴ"]);
        assert_eq!(lit("비밀의 정원", &["비밀"]), ["비밀"]);
        // A syllable still being composed lights the syllable.
        assert_eq!(lit("비밀의 정원", &["저"]), ["정"]);
        assert_eq!(lit("Secret Garden, Garden Rain", &["garden"]), ["Garden", "Garden"]);
    }
}
