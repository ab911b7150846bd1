//! Series sheets: one series' characters, leitmotifs, scenes, moods and instruments as
//! a TOML file people can share (format in docs/series-sheet.md). Import is all or
//! nothing: every problem is found first, each named by line and column, and only a
//! sheet with none replaces the series' annotations, in one transaction.

use std::ops::Range;
use std::path::Path;

use serde::{Deserialize, Serialize};
use toml::Spanned;

use super::track_match::{TrackMatcher, fold};
use crate::library::model::Library;
use crate::store::{Character, Label, Role, Scene, SeriesNotes, Store, TrackRef};

pub const FORMAT: u32 = 1;

/// One problem in a sheet, at a line and column (1-based).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetError {
    pub line: usize,
    pub column: usize,
    pub reason: String,
}

impl std::fmt::Display for SheetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.reason)
    }
}

/// Everything wrong with a sheet; nothing was changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected(pub Vec<SheetError>);

impl Rejected {
    /// One line per problem, each prefixed with the file name: `FILE:LINE:COL: reason`.
    pub fn report(&self, file: &Path) -> String {
        self.0
            .iter()
            .map(|e| format!("{}:{e}", file.display()))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SheetIn {
    format: Spanned<i64>,
    series: Spanned<String>,
    #[serde(default)]
    characters: Vec<CharacterIn>,
    #[serde(default)]
    scenes: Vec<SceneIn>,
    #[serde(default)]
    moods: Vec<LabelIn>,
    #[serde(default)]
    instruments: Vec<LabelIn>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CharacterIn {
    name: Spanned<String>,
    original: Option<String>,
    colour: Option<Spanned<String>>,
    note: Option<String>,
    #[serde(default)]
    theme: Vec<Spanned<TrackRef>>,
    #[serde(default)]
    variation: Vec<Spanned<TrackRef>>,
    #[serde(default)]
    appears: Vec<Spanned<TrackRef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SceneIn {
    episode: Spanned<i64>,
    at: Option<Spanned<String>>,
    title: Spanned<String>,
    note: Option<String>,
    #[serde(default)]
    tracks: Vec<Spanned<TrackRef>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LabelIn {
    name: Spanned<String>,
    #[serde(default)]
    tracks: Vec<Spanned<TrackRef>>,
}

/// A sheet that passed every check, ready to store.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    /// Index into `library.series`.
    pub series: usize,
    pub series_name: String,
    pub notes: SeriesNotes,
    /// References that matched no track (only when importing with `partial`).
    pub skipped: Vec<SheetError>,
}

fn position(text: &str, span: Range<usize>) -> (usize, usize) {
    let before = &text[..span.start.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

struct Checker<'a> {
    text: &'a str,
    errors: Vec<SheetError>,
}

impl Checker<'_> {
    fn error(&mut self, span: Range<usize>, reason: impl Into<String>) {
        let (line, column) = position(self.text, span);
        self.errors.push(SheetError {
            line,
            column,
            reason: reason.into(),
        });
    }
}

/// Checks `text` against `library`. With `partial`, references that match no track are
/// left out and listed in [`Parsed::skipped`] instead of rejecting the sheet.
pub fn parse(text: &str, library: &Library, partial: bool) -> Result<Parsed, Rejected> {
    let mut check = Checker {
        text,
        errors: Vec::new(),
    };
    let sheet: SheetIn = match toml::from_str(text) {
        Ok(s) => s,
        Err(e) => {
            check.error(e.span().unwrap_or(0..0), e.message().to_string());
            return Err(Rejected(check.errors));
        }
    };
    if *sheet.format.get_ref() != i64::from(FORMAT) {
        check.error(
            sheet.format.span(),
            format!(
                "format {} is not one this Leitmotif reads (it reads {FORMAT})",
                sheet.format.get_ref()
            ),
        );
    }
    let wanted = fold(sheet.series.get_ref());
    let Some(series) = library.series.iter().position(|s| fold(&s.name) == wanted) else {
        check.error(
            sheet.series.span(),
            format!("no series named {:?} in the library", sheet.series.get_ref()),
        );
        return Err(Rejected(check.errors));
    };
    let series_name = library.series[series].name.clone();
    let matcher = TrackMatcher::for_series(library, series);
    let mut skipped = Vec::new();
    let mut refs = |check: &mut Checker, list: Vec<Spanned<TrackRef>>| -> Vec<TrackRef> {
        let mut out = Vec::new();
        for r in list {
            let span = r.span();
            let r = r.into_inner();
            if matcher.find(&r).is_some() {
                out.push(r);
                continue;
            }
            let reason = format!(
                "no track of {series_name:?} matches album {:?}{}{}, title {:?}",
                r.album,
                r.disc.map(|d| format!(", disc {d}")).unwrap_or_default(),
                r.track.map(|t| format!(", track {t}")).unwrap_or_default(),
                r.title
            );
            if partial {
                let (line, column) = position(check.text, span);
                skipped.push(SheetError { line, column, reason });
            } else {
                check.error(span, reason);
            }
        }
        out
    };

    let mut notes = SeriesNotes::default();
    let mut names: Vec<String> = Vec::new();
    for c in sheet.characters {
        let key = fold(c.name.get_ref());
        if key.is_empty() {
            check.error(c.name.span(), "a character needs a name");
        } else if names.contains(&key) {
            check.error(c.name.span(), format!("character {:?} appears twice", c.name.get_ref()));
        }
        names.push(key);
        if let Some(colour) = &c.colour {
            if !is_colour(colour.get_ref()) {
                check.error(colour.span(), format!("colour {:?} is not #rrggbb", colour.get_ref()));
            }
        }
        let mut tracks = Vec::new();
        for (role, list) in [
            (Role::Theme, c.theme),
            (Role::Variation, c.variation),
            (Role::Appears, c.appears),
        ] {
            tracks.extend(refs(&mut check, list).into_iter().map(|t| (role, t)));
        }
        notes.characters.push(Character {
            name: c.name.into_inner(),
            original_name: c.original,
            colour: c.colour.map(Spanned::into_inner),
            note: c.note,
            tracks,
        });
    }
    for s in sheet.scenes {
        let episode = *s.episode.get_ref();
        if !(1..=100_000).contains(&episode) {
            check.error(
                s.episode.span(),
                format!("episode {episode} is not an episode number (1 or more)"),
            );
        }
        let at_seconds = s.at.as_ref().and_then(|at| {
            let parsed = parse_time(at.get_ref());
            if parsed.is_none() {
                check.error(at.span(), format!("time {:?} is not m:ss or h:mm:ss", at.get_ref()));
            }
            parsed
        });
        if s.title.get_ref().trim().is_empty() {
            check.error(s.title.span(), "a scene needs a title");
        }
        notes.scenes.push(Scene {
            episode: u32::try_from(episode).unwrap_or(0),
            at_seconds,
            title: s.title.into_inner(),
            note: s.note,
            tracks: refs(&mut check, s.tracks),
        });
    }
    for (list, kind, out) in [
        (sheet.moods, "mood", &mut notes.moods),
        (sheet.instruments, "instrument", &mut notes.instruments),
    ] {
        let mut seen: Vec<String> = Vec::new();
        for l in list {
            let key = fold(l.name.get_ref());
            if key.is_empty() || seen.contains(&key) {
                check.error(
                    l.name.span(),
                    format!("{kind} {:?} is empty or appears twice", l.name.get_ref()),
                );
            }
            seen.push(key);
            out.push(Label {
                name: l.name.into_inner(),
                tracks: refs(&mut check, l.tracks),
            });
        }
    }
    if !check.errors.is_empty() {
        return Err(Rejected(check.errors));
    }
    Ok(Parsed {
        series,
        series_name,
        notes,
        skipped,
    })
}

fn is_colour(s: &str) -> bool {
    s.len() == 7 && s.starts_with('#') && s[1..].chars().all(|c| c.is_ascii_hexdigit())
}

/// "41:10" or "1:02:03" → seconds.
pub fn parse_time(s: &str) -> Option<u32> {
    let parts: Vec<&str> = s.trim().split(':').collect();
    let nums: Option<Vec<u32>> = parts.iter().map(|p| p.parse().ok()).collect();
    // Checked: a time past u32::MAX seconds is not a time, not a panic.
    match nums?.as_slice() {
        [m, sec] if *sec < 60 => m.checked_mul(60)?.checked_add(*sec),
        [h, m, sec] if *m < 60 && *sec < 60 => h.checked_mul(3600)?.checked_add(m * 60 + sec),
        _ => None,
    }
}

pub fn format_time(seconds: u32) -> String {
    if seconds >= 3600 {
        format!("{}:{:02}:{:02}", seconds / 3600, seconds / 60 % 60, seconds % 60)
    } else {
        format!("{}:{:02}", seconds / 60, seconds % 60)
    }
}

#[derive(Serialize)]
struct SheetOut<'a> {
    format: u32,
    series: &'a str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    characters: Vec<CharacterOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    scenes: Vec<SceneOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    moods: Vec<LabelOut<'a>>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    instruments: Vec<LabelOut<'a>>,
}

#[derive(Serialize)]
struct CharacterOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    original: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    colour: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    theme: Vec<&'a TrackRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    variation: Vec<&'a TrackRef>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    appears: Vec<&'a TrackRef>,
}

#[derive(Serialize)]
struct SceneOut<'a> {
    episode: u32,
    #[serde(skip_serializing_if = "Option::is_none")]
    at: Option<String>,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    note: Option<&'a str>,
    tracks: &'a [TrackRef],
}

#[derive(Serialize)]
struct LabelOut<'a> {
    name: &'a str,
    tracks: &'a [TrackRef],
}

fn of_role(c: &Character, role: Role) -> Vec<&TrackRef> {
    c.tracks.iter().filter(|(r, _)| *r == role).map(|(_, t)| t).collect()
}

/// The sheet text for `notes` of series `series`.
pub fn to_text(series: &str, notes: &SeriesNotes) -> Result<String, String> {
    let sheet = SheetOut {
        format: FORMAT,
        series,
        characters: notes
            .characters
            .iter()
            .map(|c| CharacterOut {
                name: &c.name,
                original: c.original_name.as_deref(),
                colour: c.colour.as_deref(),
                note: c.note.as_deref(),
                theme: of_role(c, Role::Theme),
                variation: of_role(c, Role::Variation),
                appears: of_role(c, Role::Appears),
            })
            .collect(),
        scenes: notes
            .scenes
            .iter()
            .map(|s| SceneOut {
                episode: s.episode,
                at: s.at_seconds.map(format_time),
                title: &s.title,
                note: s.note.as_deref(),
                tracks: &s.tracks,
            })
            .collect(),
        moods: notes
            .moods
            .iter()
            .map(|l| LabelOut {
                name: &l.name,
                tracks: &l.tracks,
            })
            .collect(),
        instruments: notes
            .instruments
            .iter()
            .map(|l| LabelOut {
                name: &l.name,
                tracks: &l.tracks,
            })
            .collect(),
    };
    let body = toml::to_string_pretty(&sheet).map_err(|e| e.to_string())?;
    Ok(format!(
        "# Leitmotif series sheet: docs/series-sheet.md describes the format.\n{body}"
    ))
}

/// Exports the annotations stored for `series` (a name).
pub fn export(store: &Store, series: &str) -> Result<String, String> {
    let notes = store.series_notes(series).map_err(|e| e.to_string())?;
    to_text(series, &notes)
}

/// Checks and stores a sheet: all of it or, on any problem, none of it.
pub fn import(store: &mut Store, library: &Library, text: &str, partial: bool) -> Result<Parsed, ImportError> {
    let parsed = parse(text, library, partial).map_err(ImportError::Rejected)?;
    store
        .replace_series_notes(&parsed.series_name, &parsed.notes)
        .map_err(|e| ImportError::Store(e.to_string()))?;
    Ok(parsed)
}

#[derive(Debug)]
pub enum ImportError {
    Rejected(Rejected),
    Store(String),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Rejected(r) => {
                let lines: Vec<String> = r.0.iter().map(ToString::to_string).collect();
                write!(f, "the sheet was rejected: {}", lines.join("; "))
            }
            ImportError::Store(e) => write!(f, "the sheet could not be stored: {e}"),
        }
    }
}
