//! Reads a release title the way stores, labels and rips write it: the show's name, the
//! medium, the kind of release and its part, volume or season. The grammar is in
//! `docs/series-names.md`; every rule here has a real example there.
//!
//! A title is peeled from its end, one layer at a time, until nothing more comes off:
//! bracketed tails (`(Original Television Soundtrack)`, `[Deluxe Edition]`,
//! `(tvN 토일드라마)`, `(English Title)`), part and volume markers (`, Pt. 1`,
//! `Special Track Vol.2`), release words (`OST`, `オリジナル・サウンドトラック`, `原声带`)
//! and seasons; then from its start: medium prefixes (`TVアニメ`, `劇場版`, `电视剧`) and
//! the quotes around the name (`「X」`, `《X》`).

use std::sync::LazyLock;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;

use super::series_rules::AlbumKind;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Medium {
    Tv,
    Film,
    Game,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Release {
    /// The series' name as the title writes it: "Goblin", "Stranger Things Season 4",
    /// "鬼滅の刃 無限列車編", "劇場版 X".
    pub name: String,
    /// Other names the title gives: the English half of "원제 (English) OST".
    pub aliases: Vec<String>,
    pub kind: AlbumKind,
    /// Part or volume number, for ordering.
    pub number: Option<u32>,
    pub season: Option<u32>,
    pub medium: Option<Medium>,
    /// The name the series shares with its seasons, films and sequels ("Stranger Things",
    /// "鬼滅の刃", "Dune"), when the title shows one.
    pub franchise: Option<String>,
    /// "X: Farewell", "X B-Sides": a subtitle after a name that may be a series of its own.
    pub parent: Option<String>,
    /// The title carried a release word, medium or part: it names a show's release.
    pub recognised: bool,
}

fn re(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// `(…)`, `[…]`, `【…】`, `（…）` at the very end.
static TAIL_GROUP: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"^(?P<rest>.*?)[\s,\-–:]*[\(\[【](?P<inner>[^\(\)\[\]【】]*)[\)\]】]\s*$"));
static SOUNDTRACK_WORDS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)sound\s*-?\s*track|(?-u:\b)score(?-u:\b)|(?-u:\b)o\.?s\.?t(?-u:\b)|music\s+(?:from|inspired)|original\s+music|サウンドトラック|サントラ|原声|原聲|사운드\s*트랙",
    )
});
static SCORE: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"(?i)(?-u:\b)score(?-u:\b)"));
static EDITION: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:\d{4}|.*(?-u:\b)(?:edition|deluxe|expanded|remaster(?:ed)?|anniversary|bonus|limited|version|reissue)(?-u:\b).*|flac|mp3|aac|web|cd|hi-?res|24\s*bit.*|16\s*bit.*|\d+\s*k(?:bps)?|v0|v2|lp|vinyl|explicit|clean)\s*$",
    )
});
static NETWORK: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)드라마|예능|ドラマ|(?-u:\b)drama(?-u:\b)|(?-u:\b)series(?-u:\b)|(?-u:\b)netflix(?-u:\b)|(?-u:\b)hbo(?-u:\b)|(?-u:\b)tvn(?-u:\b)|(?-u:\b)jtbc(?-u:\b)|(?-u:\b)kbs\d?(?-u:\b)|(?-u:\b)mbc(?-u:\b)|(?-u:\b)sbs(?-u:\b)|(?-u:\b)ocn(?-u:\b)|(?-u:\b)ena(?-u:\b)|disney\+?|(?-u:\b)amazon(?-u:\b)|apple\s*tv|(?-u:\b)wavve(?-u:\b)|(?-u:\b)tving(?-u:\b)|(?-u:\b)coupang(?-u:\b)|月火|水木|金土|土日|월화|수목|금토|토일",
    )
});
static SERIES_WORDS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)(?-u:\b)series(?-u:\b)|(?-u:\b)television(?-u:\b)|(?-u:\b)tv(?-u:\b)|드라마|ドラマ|(?-u:\b)drama(?-u:\b)|电视剧|電視劇|网剧|網劇",
    )
});
static FILM_WORDS: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"(?i)motion\s+picture|(?-u:\b)film(?-u:\b)|(?-u:\b)movie(?-u:\b)|劇場版|映画|电影|電影"));
static GAME_WORDS: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"(?i)(?-u:\b)game(?-u:\b)|ゲーム|游戏|遊戲"));
static PART: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"(?i)^(?P<rest>.*?)[\s,.\-–:~]*(?-u:\b)(?:Part|Pt)\s*\.?\s*(?P<n>\d+)\s*$"));
static SPECIAL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<rest>.*?)[\s,.\-–:~]*(?-u:\b)Special(?:\s+(?:Track|Album|OST))?(?:\s*(?:Vol(?:ume)?|Part|Pt)\s*\.?\s*(?P<n>\d+))?\s*$",
    )
});
static VOLUME: LazyLock<Option<Regex>> =
    LazyLock::new(|| re(r"(?i)^(?P<rest>.*?)[\s,.\-–:~]*(?-u:\b)(?:Vol(?:ume)?|Disc)\s*\.?\s*(?P<n>\d+)\s*$"));
/// Release words at the end, with an optional volume number after them.
static RELEASE_WORDS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(r"(?ix)^(?P<rest>.*?)[\s\-–:~・/]*
        (?:
          (?P<western>(?-u:\b)(?:the\s+)?(?:(?:original|official|complete|extended|expanded|full)\s+)*
             (?:(?:motion\s+picture|television|tv|drama|series|video\s*game|game|anime|animation|film|movie|netflix|web\s*toon|musical)\s+)*
             (?:sound\s*-?\s*track|score))
          |(?P<ost>(?-u:\b)o\.?\s?s\.?\s?t(?-u:\b)\.?)
          |(?P<collection>(?-u:\b)(?:original\s+)?(?:music|sound|bgm|vocal|character\s+song)\s+(?:collection|selection|album|works)|original\s+music)
          |(?P<cjk>(?:オリジナル[・･\s]?)?(?:サウンドトラック|サントラ)|(?:影视剧?|影視劇?|电视剧|電視劇)?(?:原声带|原聲帶|原声大碟|原聲大碟|原声音乐|原聲音樂|原声专辑|原聲專輯|原声)|(?:오리지널\s*)?사운드\s*트랙|音楽集|劇伴集)
          |(?P<song>(?:影视剧?|影視劇?|电视剧|電視劇)?(?:插曲|主题曲|主題曲|片尾曲|片头曲|片頭曲|推广曲|推廣曲))
        )
        (?:\s*(?:vol(?:ume)?\.?\s*)?(?P<n>\d{1,2}))?\s*$")
});
static MUSIC_FROM: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?:(?:original\s+)?(?:music|soundtrack|songs)\s+(?:from|of)\s+(?:and\s+inspired\s+by\s+)?(?:the\s+)?)(?P<rest>.+)$",
    )
});
static SEASON: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<rest>.*?)[\s,.\-–:~]*(?:Season\s*(?P<a>\d+)|(?P<b>\d+)(?:st|nd|rd|th)\s+Season|第\s*(?P<c>\d+)\s*[期季]|(?P<d>\d+)\s*기|시즌\s*(?P<e>\d+)|(?-u:\b)S(?P<f>\d{1,2}))\s*$",
    )
});
static BARE_NUMBER: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^(?P<rest>.*\S)\s+(?P<n>\d{1,2})$"));
static MEDIUM_PREFIX: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^\s*(?P<m>TVアニメーション|TVアニメ|テレビアニメ|アニメ|劇場版アニメ|劇場版|映画|ゲーム|ドラマ|連続ドラマ|NHK\s*連続テレビ小説|NHK\s*大河ドラマ|NHK|电视剧|電視劇|电影|電影|网剧|網劇|动画|動畫|TV\s*Anime|Anime)\s*",
    )
});
static FILM_TAIL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(r"(?i)^(?P<base>.+?)[\s:\-–]+(?:the\s+movie|movie|part\s+(?:two|three|four|ii|iii|iv))(?-u:\b).*$")
});
static SEQUEL: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(r"^(?P<base>.+?)\s+(?:[2-9]|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII|XIII|XIV|XV|XVI)(?:\s*[:\-–].*)?$")
});
static SUBTITLE: LazyLock<Option<Regex>> = LazyLock::new(|| re(r"^(?P<base>.+?)(?:\s*:\s+|\s+[-–]\s+)(?P<sub>.+)$"));
static EXTRAS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    re(
        r"(?i)^(?P<base>.+?)\s+(?P<sub>(?:B-?Sides?|DLC|Extras?|Bonus\s+Tracks?|Remix(?:es)?|Arrange(?:d|ments?)?)(?-u:\b).*)$",
    )
});

fn strip_with(re: &LazyLock<Option<Regex>>, s: &str) -> Option<(String, Option<u32>)> {
    let caps = re.as_ref()?.captures(s)?;
    let rest = caps.name("rest").map_or("", |m| m.as_str()).trim().to_owned();
    let n = ["n", "a", "b", "c", "d", "e", "f"]
        .iter()
        .find_map(|g| caps.name(g))
        .and_then(|m| m.as_str().parse().ok());
    Some((rest, n))
}

fn has(re: &LazyLock<Option<Regex>>, s: &str) -> bool {
    re.as_ref().is_some_and(|r| r.is_match(s))
}

fn is_latin(s: &str) -> bool {
    s.chars().any(|c| c.is_ascii_alphabetic()) && !s.chars().any(is_cjk)
}

fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x11FF | 0x3040..=0x30FF | 0x3130..=0x318F | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

struct Peeled {
    s: String,
    aliases: Vec<String>,
    kind: Option<AlbumKind>,
    part: Option<u32>,
    number: Option<u32>,
    special: bool,
    season: Option<u32>,
    medium: Option<Medium>,
    recognised: bool,
}

impl Peeled {
    fn blank(&self) -> Peeled {
        Peeled {
            s: String::new(),
            aliases: Vec::new(),
            kind: None,
            part: None,
            number: None,
            special: false,
            season: None,
            medium: None,
            recognised: false,
        }
    }

    fn note_medium(&mut self, words: &str) {
        if self.medium.is_none() {
            if has(&FILM_WORDS, words) {
                self.medium = Some(Medium::Film);
            } else if has(&SERIES_WORDS, words) {
                self.medium = Some(Medium::Tv);
            } else if has(&GAME_WORDS, words) {
                self.medium = Some(Medium::Game);
            }
        }
    }

    fn set_kind(&mut self, kind: AlbumKind) {
        self.recognised = true;
        if self.kind.is_none() || self.kind == Some(AlbumKind::FullOst) && kind == AlbumKind::Score {
            self.kind = Some(kind);
        }
    }

    /// One layer off the end; false when nothing came off.
    fn peel_end(&mut self) -> bool {
        // Cheap looks at the last character spare most titles the patterns below: a
        // bracketed tail ends in a bracket, a part, volume or season in a digit.
        let last = self.s.chars().next_back().unwrap_or(' ');
        let bracketed = matches!(last, ')' | ']' | '】');
        let numbered = last.is_ascii_digit() || matches!(last, '期' | '季' | '기');
        let special = numbered || self.s.to_ascii_lowercase().contains("special");
        if let Some(caps) = TAIL_GROUP
            .as_ref()
            .filter(|_| bracketed)
            .and_then(|r| r.captures(&self.s))
        {
            let inner = caps.name("inner").map_or("", |m| m.as_str()).trim().to_owned();
            let rest = caps.name("rest").map_or("", |m| m.as_str()).trim().to_owned();
            if !rest.is_empty() && self.tail_group(&inner, &rest) {
                self.s = rest;
                return true;
            }
        }
        if let Some((rest, n)) = strip_with(&SPECIAL, &self.s).filter(|(r, _)| special && !r.is_empty()) {
            self.special = true;
            self.recognised = true;
            self.number = self.number.or(n);
            self.s = rest;
            return true;
        }
        if let Some((rest, n)) = numbered
            .then(|| strip_with(&PART, &self.s))
            .flatten()
            .filter(|(r, _)| !r.is_empty())
        {
            self.part = self.part.or(n);
            self.s = rest;
            return true;
        }
        if let Some((rest, n)) = numbered
            .then(|| strip_with(&VOLUME, &self.s))
            .flatten()
            .filter(|(r, _)| !r.is_empty())
        {
            self.number = self.number.or(n);
            self.s = rest;
            return true;
        }
        let words = RELEASE_WORDS.as_ref().and_then(|r| r.captures(&self.s)).map(|caps| {
            let rest = caps.name("rest").map_or("", |m| m.as_str()).trim().to_owned();
            let whole = caps.get(0).map_or("", |m| m.as_str());
            let words = whole.get(rest.len()..).unwrap_or_default().to_owned();
            let kind = if caps.name("song").is_some() {
                AlbumKind::Part
            } else if caps.name("collection").is_some() {
                AlbumKind::Other
            } else if has(&SCORE, &words) {
                AlbumKind::Score
            } else {
                AlbumKind::FullOst
            };
            let n = caps.name("n").and_then(|m| m.as_str().parse().ok());
            (rest, words, kind, n)
        });
        if let Some((rest, words, kind, n)) = words.filter(|(rest, ..)| !rest.is_empty()) {
            self.note_medium(&words);
            self.set_kind(kind);
            self.number = self.number.or(n);
            self.s = rest;
            return true;
        }
        if let Some((rest, n)) = numbered
            .then(|| strip_with(&SEASON, &self.s))
            .flatten()
            .filter(|(r, _)| !r.is_empty())
        {
            self.season = self.season.or(n);
            self.s = rest;
            return true;
        }
        false
    }

    /// What a bracketed tail says; true when it is not part of the name.
    fn tail_group(&mut self, inner: &str, rest: &str) -> bool {
        if inner.is_empty() {
            return true;
        }
        if has(&SOUNDTRACK_WORDS, inner) {
            self.note_medium(inner);
            let kind = if has(&SCORE, inner) {
                AlbumKind::Score
            } else {
                AlbumKind::FullOst
            };
            self.set_kind(kind);
            if let Some((_, n)) = strip_with(&VOLUME, inner).or_else(|| strip_with(&PART, inner)) {
                self.number = self.number.or(n);
            }
            return true;
        }
        if let Some((_, n)) = strip_with(&PART, inner).filter(|(r, _)| r.is_empty()) {
            self.part = self.part.or(n);
            return true;
        }
        if let Some((_, n)) = strip_with(&SEASON, inner).filter(|(r, _)| r.is_empty()) {
            self.season = self.season.or(n);
            return true;
        }
        if let Some((_, n)) = strip_with(&VOLUME, inner).filter(|(r, _)| r.is_empty()) {
            self.number = self.number.or(n);
            return true;
        }
        if has(&EDITION, inner) {
            return true;
        }
        if has(&NETWORK, inner) {
            self.note_medium(inner);
            self.recognised = true;
            return true;
        }
        // "사랑의 불시착 (Crash Landing on You)": the same name in another script.
        let rest_name = MEDIUM_PREFIX
            .as_ref()
            .map_or(rest.to_owned(), |r| r.replace(rest, "").into_owned());
        if is_latin(inner) != is_latin(&rest_name) && !rest_name.is_empty() {
            self.aliases.push(inner.to_owned());
            return true;
        }
        false
    }
}

/// Reads a release title; `None` for an empty one.
pub fn parse(title: &str) -> Option<Release> {
    let s: String = title
        .nfkc()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if s.is_empty() {
        return None;
    }
    let mut p = Peeled {
        s,
        aliases: Vec::new(),
        kind: None,
        part: None,
        number: None,
        special: false,
        season: None,
        medium: None,
        recognised: false,
    };
    // Bounded: each step removes text, but a pathological title must not spin.
    for _ in 0..16 {
        if !p.peel_end() {
            break;
        }
    }
    if let Some(caps) = MUSIC_FROM.as_ref().and_then(|r| r.captures(&p.s)) {
        let rest = caps.name("rest").map_or("", |m| m.as_str()).to_owned();
        p.note_medium(&p.s.clone());
        p.set_kind(AlbumKind::FullOst);
        p.s = rest;
        while p.peel_end() {}
    }
    let mut film_prefix = None;
    if let Some(caps) = MEDIUM_PREFIX.as_ref().and_then(|r| r.captures(&p.s)) {
        let m = caps.name("m").map_or("", |m| m.as_str()).to_owned();
        let rest = p.s[caps.get(0).map_or(0, |m| m.end())..].to_owned();
        if !rest.trim().is_empty() {
            p.recognised = true;
            p.note_medium(&m);
            if p.medium.is_none() {
                p.medium = Some(if has(&GAME_WORDS, &m) { Medium::Game } else { Medium::Tv });
            }
            if has(&FILM_WORDS, &m) {
                p.medium = Some(Medium::Film);
                film_prefix = Some(m);
            }
            p.s = rest;
        }
    }
    let mut subtitle = None;
    if let Some((name, before, after)) = unquote(&p.s) {
        if !before.is_empty() {
            p.recognised = true;
            if has(&FILM_WORDS, &before) {
                p.medium = Some(Medium::Film);
                film_prefix = Some(before.clone());
            } else {
                p.note_medium(&before);
            }
        }
        p.s = name;
        // 『ゆるキャン△ SEASON2』: the season inside the quotes.
        if let Some((rest, n)) = strip_with(&SEASON, &p.s).filter(|(r, _)| !r.is_empty()) {
            p.season = p.season.or(n);
            p.s = rest;
        }
        if !after.is_empty() {
            let mut tail = Peeled {
                s: after,
                aliases: Vec::new(),
                kind: None,
                part: None,
                number: None,
                special: false,
                season: None,
                medium: None,
                recognised: false,
            };
            while tail.peel_end() {}
            // "X」Season 2" leaves only the season behind.
            if let Some((rest, n)) = strip_with(&SEASON, &format!("x {}", tail.s)) {
                p.season = p.season.or(n);
                tail.s = rest.trim_start_matches('x').trim().to_owned();
            }
            p.season = p.season.or(tail.season);
            p.number = p.number.or(tail.number);
            p.part = p.part.or(tail.part);
            if tail.kind.is_some() {
                p.kind = tail.kind;
                p.recognised = true;
            }
            if !tail.s.is_empty() {
                subtitle = Some(tail.s);
            }
        }
    }
    let mut name = clean(&p.s);
    if name.is_empty() {
        return None;
    }
    if p.season.is_none()
        && p.medium == Some(Medium::Tv)
        && let Some((rest, n)) = strip_with(&BARE_NUMBER, &name)
    {
        p.season = n;
        name = clean(&rest);
    }
    let mut franchise = None;
    let mut parent = None;
    if let Some(sub) = &subtitle {
        franchise = Some(name.clone());
        name = format!("{name} {sub}");
    } else if let Some(prefix) = &film_prefix {
        franchise = Some(name.clone());
        name = format!("{prefix} {name}");
    }
    if let Some(season) = p.season {
        franchise = Some(name.clone());
        name = format!("{name} Season {season}");
    }
    if franchise.is_none() {
        if let Some(caps) = FILM_TAIL.as_ref().and_then(|r| r.captures(&name)) {
            franchise = caps.name("base").map(|m| clean(m.as_str()));
        } else if let Some(caps) = SEQUEL.as_ref().and_then(|r| r.captures(&name)) {
            franchise = caps.name("base").map(|m| clean(m.as_str()));
        } else if let Some(caps) = SUBTITLE
            .as_ref()
            .and_then(|r| r.captures(&name))
            .or_else(|| EXTRAS.as_ref().and_then(|r| r.captures(&name)))
        {
            let base = caps.name("base").map(|m| clean(m.as_str()));
            if p.medium == Some(Medium::Film) {
                franchise = base;
            } else {
                parent = base;
            }
        }
    }
    if p.kind.is_none() {
        // "Original Soundtrack" alone (an untagged folder's name): release words only.
        let mut whole = Peeled {
            s: format!("x {name}"),
            ..p.blank()
        };
        if whole.peel_end() && whole.s == "x" {
            p.kind = whole.kind;
        }
    }
    let kind = if p.special {
        AlbumKind::Other
    } else if p.part.is_some() && p.recognised {
        AlbumKind::Part
    } else {
        p.kind.unwrap_or(AlbumKind::Other)
    };
    let number = if p.special {
        p.number
    } else if kind == AlbumKind::Part {
        p.part
    } else {
        p.number.or(p.part)
    };
    Some(Release {
        name,
        aliases: p
            .aliases
            .into_iter()
            .map(|a| clean(&a))
            .filter(|a| !a.is_empty())
            .collect(),
        kind,
        number,
        season: p.season,
        medium: p.medium,
        franchise,
        parent,
        recognised: p.recognised,
    })
}

/// `TVアニメ「X」Season 2` → ("X", "TVアニメ", "Season 2"): the name inside the first
/// pair of title quotes, what came before and after.
fn unquote(s: &str) -> Option<(String, String, String)> {
    const PAIRS: [(char, char); 6] = [
        ('「', '」'),
        ('『', '』'),
        ('《', '》'),
        ('“', '”'),
        ('〈', '〉'),
        ('"', '"'),
    ];
    let (open_at, open, close) = s
        .char_indices()
        .find_map(|(i, c)| PAIRS.iter().find(|(o, _)| *o == c).map(|(o, cl)| (i, *o, *cl)))?;
    let after_open = open_at + open.len_utf8();
    let close_at = after_open + s[after_open..].find(close)?;
    let name = s[after_open..close_at].trim().to_owned();
    if name.is_empty() {
        return None;
    }
    let before = s[..open_at].trim().to_owned();
    let after = s[close_at + close.len_utf8()..].trim().to_owned();
    Some((name, before, after))
}

/// Trims separators and stray brackets left around a name.
pub fn clean(s: &str) -> String {
    s.trim()
        .trim_matches(|c: char| {
            matches!(
                c,
                '-' | '–' | ':' | '~' | ',' | '/' | '・' | '|' | '.' | '(' | '[' | '【'
            ) || c.is_whitespace()
        })
        .trim()
        .to_owned()
}

/// The key series are merged by: width, case, punctuation, spacing and a leading
/// article fold ("The Battle for Wesnoth" = "battle for wesnoth").
pub fn series_key(name: &str) -> String {
    let folded: String = super::series_rules::fold_case_width(name);
    let trimmed = folded.trim_start();
    let without_article = ["the ", "a ", "an "]
        .iter()
        .find_map(|a| trimmed.strip_prefix(a).filter(|rest| !rest.trim().is_empty()))
        .unwrap_or(trimmed);
    let key: String = without_article.chars().filter(|c| c.is_alphanumeric()).collect();
    if key.is_empty() { folded.trim().to_owned() } else { key }
}

#[cfg(test)]
#[path = "release_title_tests.rs"]
mod tests;
