//! Series sheets: one series' characters, leitmotifs, scenes, moods and instruments as
//! a TOML file people can share (format in docs/series-sheet.md). Import is all or
//! nothing: every problem is found first, each named by line and column, and only a
//! sheet with none replaces the series' notes, in one transaction.

use std::ops::Range;
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

pub use super::sheet_export::{export, to_text};
use super::track_match::{Found, TrackMatcher, fold, track_ref_with_audio};
use crate::library::model::{Library, SeriesIdx};
use crate::library::release_title::series_key;
use crate::store::{Character, CurationKind, Label, Role, Scene, SeriesNotes, Store, TrackRef};

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
    /// The name the releases give, when `series` is the user's rename of it.
    inferred: Option<Spanned<String>>,
    #[serde(default)]
    aliases: Vec<Spanned<String>>,
    franchise: Option<Spanned<String>>,
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
    pub series: SeriesIdx,
    pub series_name: String,
    pub notes: SeriesNotes,
    /// References that matched no track (only when importing with `partial`).
    pub skipped: Vec<SheetError>,
    /// Grouping fixes (kind, subject, value) stored with the notes.
    pub fixes: Vec<(CurationKind, String, String)>,
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
    // The series by any name the sheet gives it, as the library shows or knows it.
    let names: Vec<String> = std::iter::once(sheet.series.get_ref())
        .chain(sheet.inferred.as_ref().map(Spanned::get_ref))
        .chain(sheet.aliases.iter().map(Spanned::get_ref))
        .map(|n| fold(n))
        .collect();
    // In the sheet's order: its shown name, then the releases' name, then its aliases.
    let found = names.iter().find_map(|wanted| {
        library.series.iter().position(|s| {
            std::iter::once(&s.name)
                .chain(std::iter::once(&s.inferred_name))
                .chain(s.aliases.iter())
                .any(|n| fold(n) == *wanted)
        })
    });
    let found = found.map(SeriesIdx);
    let Some(series) = found else {
        check.error(
            sheet.series.span(),
            format!("no series named {:?} in the library", sheet.series.get_ref()),
        );
        return Err(Rejected(check.errors));
    };
    let (series_name, fixes) = grouping_fixes(&sheet, library, series);
    let matcher = TrackMatcher::for_series(library, series);
    let mut skipped = Vec::new();
    let mut refs = |check: &mut Checker, list: Vec<Spanned<TrackRef>>| -> Vec<TrackRef> {
        let mut out = Vec::new();
        for r in list {
            let span = r.span();
            let r = r.into_inner();
            let reason = match matcher.resolve(&r) {
                Found::One(t) => {
                    if let Some(problem) = cue_problem(&r, library.tracks[t].fields.duration_ms) {
                        check.error(span, problem);
                        continue;
                    }
                    // Kept as written, with what tells the track apart in this library.
                    let mut r = r;
                    if let Some(found) = track_ref_with_audio(library, t) {
                        r.album_artist = r.album_artist.or(found.album_artist);
                        r.length_ms = r.length_ms.or(found.length_ms);
                        r.audio = found.audio;
                    }
                    out.push(r);
                    continue;
                }
                Found::Several(tracks) => format!(
                    "{} tracks of {series_name:?} match album {:?}{}{}, title {:?} ({}); add album_artist or length to tell them apart",
                    tracks.len(),
                    r.album,
                    r.disc.map(|d| format!(", disc {d}")).unwrap_or_default(),
                    r.track.map(|t| format!(", track {t}")).unwrap_or_default(),
                    r.title,
                    tracks
                        .iter()
                        .map(|&t| {
                            let album = &library.albums[library.tracks[t].album];
                            format!("{} by {}", album.title, album.artist)
                        })
                        .collect::<Vec<_>>()
                        .join("; ")
                ),
                Found::Nothing => format!(
                    "no track of {series_name:?} matches album {:?}{}{}, title {:?}",
                    r.album,
                    r.disc.map(|d| format!(", disc {d}")).unwrap_or_default(),
                    r.track.map(|t| format!(", track {t}")).unwrap_or_default(),
                    r.title
                ),
            };
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
        fixes,
    })
}

/// The name the notes are stored under, and the grouping fixes the sheet carries:
/// a rename (`inferred` given), aliases, a franchise.
fn grouping_fixes(
    sheet: &SheetIn,
    library: &Library,
    series: SeriesIdx,
) -> (String, Vec<(CurationKind, String, String)>) {
    let s = &library.series[series];
    let key = series_key(&s.inferred_name);
    let mut fixes = Vec::new();
    let mut name = s.name.clone();
    if sheet.inferred.is_some() && series_key(sheet.series.get_ref()) != key {
        name = sheet.series.get_ref().clone();
        fixes.push((CurationKind::SeriesName, key.clone(), name.clone()));
    }
    for alias in &sheet.aliases {
        let alias_key = series_key(alias.get_ref());
        if alias_key != key {
            fixes.push((CurationKind::Alias, alias_key, s.inferred_name.clone()));
        }
    }
    if let Some(f) = &sheet.franchise {
        fixes.push((CurationKind::Franchise, key, f.get_ref().clone()));
    }
    (name, fixes)
}

/// What is wrong with a reference's timed cue, if anything: an end before its start, or
/// a time past the end of the track (`length_ms`, when known).
pub fn cue_problem(r: &TrackRef, length_ms: Option<u64>) -> Option<String> {
    let at = r.at_ms.unwrap_or(0);
    if let Some(until) = r.until_ms
        && until <= at
    {
        return Some(format!("until {} is not after at {}", format_ms(until), format_ms(at)));
    }
    let length = length_ms?;
    // Lengths differ by a few milliseconds between decoders and rips.
    const SLACK_MS: u64 = 1_000;
    if let Some(at) = r.at_ms
        && at >= length
    {
        return Some(format!(
            "at {} is past the end of {:?} ({})",
            format_ms(at),
            r.title,
            format_ms(length)
        ));
    }
    if let Some(until) = r.until_ms
        && until > length + SLACK_MS
    {
        return Some(format!(
            "until {} is past the end of {:?} ({})",
            format_ms(until),
            r.title,
            format_ms(length)
        ));
    }
    None
}

/// 133_500 → "2:13.500"; whole seconds without the milliseconds.
pub fn format_ms(ms: u64) -> String {
    let whole = format!("{}:{:02}", ms / 60_000, ms / 1000 % 60);
    if ms % 1000 == 0 {
        whole
    } else {
        format!("{whole}.{:03}", ms % 1000)
    }
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

/// Checks and stores a sheet: all of it or, on any problem, none of it.
pub fn import(store: &mut Store, library: &Library, text: &str, partial: bool) -> Result<Parsed, ImportError> {
    let parsed = parse(text, library, partial).map_err(ImportError::Rejected)?;
    store
        .replace_series_notes_and_fixes(&parsed.series_name, &parsed.notes, &parsed.fixes)
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
