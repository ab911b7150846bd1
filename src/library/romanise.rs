//! Latin spellings of Hangul and kana, so a title is found by how fans type it:
//! "sarangui bulsichak" finds 사랑의 불시착, "tonari no totoro" (or "tonarinototoro")
//! となりのトトロ. Hangul follows the Revised Romanisation with its sound changes
//! (liaison, ㄹㄹ → ll, nasalisation), plus the syllable-by-syllable spelling and
//! 의 as "eui"; kana follows Hepburn, long vowels both written out ("kyuu", "ou")
//! and shortened ("kyu", "o"). Kanji have no reading here and stay as they are.

/// The spellings of `text`, lowercase, or none when it has no Hangul or kana.
pub fn spellings(text: &str) -> Vec<String> {
    let has_hangul = text.chars().any(is_hangul);
    let has_kana = text.chars().any(|c| kana_index(c).is_some() || c == 'ー');
    let mut out = Vec::new();
    if has_hangul {
        for style in [Hangul::Revised, Hangul::BySyllable, Hangul::Eui] {
            out.push(hangul(text, style).to_lowercase());
        }
    }
    if has_kana {
        let long = kana(text).to_lowercase();
        out.push(short_vowels(&long));
        out.push(long);
    }
    out.sort();
    out.dedup();
    out
}

fn is_hangul(c: char) -> bool {
    ('\u{ac00}'..='\u{d7a3}').contains(&c)
}

#[derive(Clone, Copy, PartialEq)]
enum Hangul {
    /// Revised Romanisation with its sound changes.
    Revised,
    /// Each syllable on its own, as many fans type.
    BySyllable,
    /// Revised, but 의 as "eui" (a common informal spelling).
    Eui,
}

const INITIALS: [&str; 19] = [
    "g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h",
];
const MEDIALS: [&str; 21] = [
    "a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi", "yu", "eu",
    "ui", "i",
];
/// A final consonant as it ends a syllable.
const FINALS: [&str; 28] = [
    "", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t", "ng", "t",
    "t", "k", "t", "p", "t",
];
/// A final before a vowel: what stays, and what moves on to start the next syllable.
const CARRIED: [(&str, &str); 28] = [
    ("", ""),
    ("", "g"),
    ("", "kk"),
    ("k", "s"),
    ("", "n"),
    ("n", "j"),
    ("n", ""),
    ("", "d"),
    ("", "r"),
    ("l", "g"),
    ("l", "m"),
    ("l", "b"),
    ("l", "s"),
    ("l", "t"),
    ("l", "p"),
    ("l", ""),
    ("", "m"),
    ("", "b"),
    ("p", "s"),
    ("", "s"),
    ("", "ss"),
    ("ng", ""),
    ("", "j"),
    ("", "ch"),
    ("", "k"),
    ("", "t"),
    ("", "p"),
    ("", ""),
];
const IEUNG: usize = 11;
const RIEUL: usize = 5;
const NIEUN: usize = 2;
const MIEUM: usize = 6;
const FINAL_NIEUN: usize = 4;
const FINAL_RIEUL: usize = 8;
const FINAL_MIEUM: usize = 16;
const FINAL_IEUNG: usize = 21;

/// (initial, medial, final) of a Hangul syllable.
fn jamo(c: char) -> Option<(usize, usize, usize)> {
    let code = (c as u32).checked_sub(0xac00)? as usize;
    (code < 11_172).then_some((code / 588, (code % 588) / 28, code % 28))
}

fn hangul(text: &str, style: Hangul) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    // What the previous syllable's final makes of this one's initial.
    let mut onset: Option<String> = None;
    for (i, &c) in chars.iter().enumerate() {
        let Some((initial, medial, fin)) = jamo(c) else {
            onset = None;
            out.push(c);
            continue;
        };
        out.push_str(&onset.take().unwrap_or_else(|| INITIALS[initial].to_owned()));
        out.push_str(if medial == 19 && style == Hangul::Eui {
            "eui"
        } else {
            MEDIALS[medial]
        });
        let next = chars.get(i + 1).copied().and_then(jamo).map(|(n, _, _)| n);
        let (coda, carried) = match (style, next) {
            (Hangul::BySyllable, _) | (_, None) => (FINALS[fin].to_owned(), None),
            (_, Some(next)) => sound_change(fin, next),
        };
        out.push_str(&coda);
        onset = carried;
    }
    out
}

/// A final meeting the next initial (Revised Romanisation): the final as written and
/// the next syllable's onset, when it changes.
fn sound_change(fin: usize, next: usize) -> (String, Option<String>) {
    let same = |coda: &str| (coda.to_owned(), None::<String>);
    if fin == 0 {
        return (String::new(), None);
    }
    if next == IEUNG {
        let (stay, moved) = CARRIED[fin];
        return (stay.to_owned(), Some(moved.to_owned()));
    }
    let k_class = matches!(fin, 1 | 2 | 3 | 9 | 24);
    let t_class = matches!(fin, 7 | 19 | 20 | 22 | 23 | 25 | 27);
    let p_class = matches!(fin, 17 | 18 | 26 | 14);
    match next {
        // ㄹ after ㄹ or ㄴ is "ll"; ㄴ before ㄹ too.
        RIEUL if fin == FINAL_RIEUL || fin == FINAL_NIEUN => ("l".into(), Some("l".into())),
        // ㄹ after ㅁ, ㅇ is read n; after a stop it nasalises both.
        RIEUL if fin == FINAL_MIEUM || fin == FINAL_IEUNG => (FINALS[fin].to_owned(), Some("n".into())),
        RIEUL if k_class => ("ng".into(), Some("n".into())),
        RIEUL if p_class => ("m".into(), Some("n".into())),
        NIEUN if fin == FINAL_RIEUL => ("l".into(), Some("l".into())),
        NIEUN | MIEUM if k_class => ("ng".into(), None),
        NIEUN | MIEUM if t_class => ("n".into(), None),
        NIEUN | MIEUM if p_class => ("m".into(), None),
        _ => same(FINALS[fin]),
    }
}

/// Hiragana ぁ (U+3041) … ゖ in order, katakana mapped onto them.
const KANA: [&str; 86] = [
    "a", "a", "i", "i", "u", "u", "e", "e", "o", "o", "ka", "ga", "ki", "gi", "ku", "gu", "ke", "ge", "ko", "go", "sa",
    "za", "shi", "ji", "su", "zu", "se", "ze", "so", "zo", "ta", "da", "chi", "ji", "", "tsu", "zu", "te", "de", "to",
    "do", "na", "ni", "nu", "ne", "no", "ha", "ba", "pa", "hi", "bi", "pi", "fu", "bu", "pu", "he", "be", "pe", "ho",
    "bo", "po", "ma", "mi", "mu", "me", "mo", "ya", "ya", "yu", "yu", "yo", "yo", "ra", "ri", "ru", "re", "ro", "wa",
    "wa", "i", "e", "o", "n", "vu", "ka", "ke",
];

/// The kana's place in `KANA` (katakana folded onto hiragana).
fn kana_index(c: char) -> Option<usize> {
    let code = c as u32;
    let hira = match code {
        0x3041..=0x3096 => code,
        0x30a1..=0x30f6 => code - 0x60,
        _ => return None,
    };
    Some((hira - 0x3041) as usize)
}

/// Small kana that join the one before: ゃゅょ (and katakana's ァィゥェォ).
fn small(c: char) -> Option<&'static str> {
    Some(match kana_index(c)? {
        66 => "ya",
        68 => "yu",
        70 => "yo",
        0 => "a",
        2 => "i",
        4 => "u",
        6 => "e",
        8 => "o",
        _ => return None,
    })
}

const SMALL_TSU: usize = 34;

fn kana(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::new();
    let mut double_next = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == 'ー' {
            // The long mark repeats the vowel before it.
            if let Some(v) = out.chars().last().filter(|v| "aeiou".contains(*v)) {
                out.push(v);
            }
            i += 1;
            continue;
        }
        let Some(k) = kana_index(c) else {
            out.push(match c {
                '・' | '、' | '　' => ' ',
                _ => c,
            });
            double_next = false;
            i += 1;
            continue;
        };
        if k == SMALL_TSU {
            double_next = true;
            i += 1;
            continue;
        }
        let mut syllable = KANA[k].to_owned();
        // きゃ kya, しゃ sha, ちゃ cha, じゃ ja; ファ fa, ティ ti, ウィ wi.
        if let Some(tail) = chars.get(i + 1).copied().and_then(small) {
            let stem = syllable.trim_end_matches(['a', 'i', 'u', 'e', 'o']).to_owned();
            syllable = match (stem.as_str(), tail) {
                ("sh" | "ch" | "j", t) if t.starts_with('y') => format!("{stem}{}", &t[1..]),
                (_, t) if t.starts_with('y') => format!("{stem}y{}", &t[1..]),
                ("f" | "v", t) => format!("{stem}{t}"),
                ("", t) => format!("{}{t}", if syllable == "u" { "w" } else { "" }),
                ("ts" | "t" | "d", t)
                    if syllable.ends_with('e') || syllable.ends_with('o') || syllable.ends_with('u') =>
                {
                    format!("{stem}{t}")
                }
                ("ch" | "j" | "sh", t) => format!("{stem}{t}"),
                (_, t) if syllable.ends_with('i') && (stem == "t" || stem == "d") => format!("{stem}{t}"),
                _ => format!("{stem}{tail}"),
            };
            // テ+ィ is "ti", デ+ィ "di", チ+ェ "che".
            if KANA[k] == "te" || KANA[k] == "de" {
                syllable = format!("{}{}", &KANA[k][..1], tail);
            }
            i += 1;
        }
        if double_next {
            let first = syllable.chars().next().unwrap_or_default();
            if syllable.starts_with("ch") {
                out.push('t');
            } else if !"aeiou".contains(first) {
                out.push(first);
            }
            double_next = false;
        }
        out.push_str(&syllable);
        i += 1;
    }
    out
}

/// Long vowels shortened as most titles are typed: "kyuu" → "kyu", "ou" → "o",
/// "ii"/"ee"/"aa" → one; "tch" as "cch" too ("bocchi").
fn short_vowels(s: &str) -> String {
    s.replace("tch", "cch")
        .replace("ou", "o")
        .replace("oo", "o")
        .replace("uu", "u")
        .replace("aa", "a")
        .replace("ii", "i")
        .replace("ee", "e")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hangul_follows_the_revised_romanisation() {
        let rr = |s| hangul(s, Hangul::Revised);
        assert_eq!(rr("사랑의 불시착"), "sarangui bulsichak");
        assert_eq!(rr("별에서 온 그대"), "byeoreseo on geudae");
        assert_eq!(rr("종로"), "jongno");
        assert_eq!(rr("신라"), "silla");
        assert_eq!(rr("국민"), "gungmin");
        assert_eq!(rr("붉은"), "bulgeun");
        assert_eq!(hangul("별에서", Hangul::BySyllable), "byeoleseo");
        assert_eq!(hangul("사랑의", Hangul::Eui), "sarangeui");
    }

    #[test]
    fn kana_follows_hepburn() {
        assert_eq!(kana("となりのトトロ"), "tonarinototoro");
        assert_eq!(kana("シュタインズ・ゲート"), "shutainzu geeto");
        assert_eq!(kana("ぼっち・ざ・ろっく"), "botchi za rokku");
        assert_eq!(kana("ヴァイオレット・エヴァーガーデン"), "vaioretto evaagaaden");
        assert_eq!(kana("フォニイ"), "fonii");
        assert_eq!(kana("ティ"), "ti");
        assert_eq!(short_vowels(&kana("ありがとう")), "arigato");
    }
}
