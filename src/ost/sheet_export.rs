//! Writing series sheets: the notes of a series, with each track reference as its
//! track is now, and the user's grouping fixes (shown name, aliases, franchise).

use serde::Serialize;

use super::sheet::{FORMAT, format_time};
use super::track_match::{TrackMatcher, fold, track_ref};
use crate::library::model::{Library, SeriesIdx};
use crate::library::release_title::series_key;
use crate::store::{Character, Role, SeriesNotes, Store, TrackRef};

#[derive(Serialize)]
struct SheetOut<'a> {
    format: u32,
    series: &'a str,
    /// The name the releases give, when `series` is the user's rename of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    inferred: Option<&'a str>,
    /// Other names the user gave the series (merged series).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    franchise: Option<&'a str>,
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

/// The user's fixes to a series' grouping, as a sheet carries them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Grouping {
    pub inferred: Option<String>,
    pub aliases: Vec<String>,
    pub franchise: Option<String>,
}

impl Grouping {
    /// What the user fixed about series `series` of `library`.
    pub fn of(library: &Library, curation: &crate::store::Curation, series: SeriesIdx) -> Grouping {
        let Some(s) = library.series_at(series) else {
            return Grouping::default();
        };
        let key = series_key(&s.inferred_name);
        Grouping {
            inferred: curation
                .series_names
                .contains_key(&key)
                .then(|| s.inferred_name.clone()),
            aliases: s
                .aliases
                .iter()
                .filter(|a| {
                    curation
                        .aliases
                        .get(&series_key(a))
                        .is_some_and(|v| series_key(v) == key)
                })
                .cloned()
                .collect(),
            franchise: curation.franchises.get(&key).cloned(),
        }
    }
}

/// The sheet text for `notes` of series `series`.
pub fn to_text(series: &str, notes: &SeriesNotes) -> Result<String, String> {
    to_text_with(series, &Grouping::default(), notes)
}

/// The sheet text for `notes` of series `series`, with its grouping fixes.
pub fn to_text_with(series: &str, grouping: &Grouping, notes: &SeriesNotes) -> Result<String, String> {
    let sheet = SheetOut {
        format: FORMAT,
        series,
        inferred: grouping.inferred.as_deref(),
        aliases: grouping.aliases.iter().map(String::as_str).collect(),
        franchise: grouping.franchise.as_deref(),
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

/// Exports the notes stored for `series` (a name).
/// The sheet of `series` as the library is now: each reference that still finds its
/// track (by tags or, after a re-tag, by its audio) is written with the track's current
/// tags; one that finds nothing is written as stored.
pub fn export(store: &Store, library: Option<&Library>, series: &str) -> Result<String, String> {
    let mut notes = store.series_notes(series).map_err(|e| e.to_string())?;
    let wanted = fold(series);
    let mut grouping = Grouping::default();
    if let Some(library) = library
        && let Some(s) = library
            .series
            .iter()
            .position(|x| fold(&x.name) == wanted)
            .map(SeriesIdx)
    {
        grouping = Grouping::of(library, &store.curation().map_err(|e| e.to_string())?, s);
        let matcher = TrackMatcher::for_series(library, s);
        let refresh = |r: &mut TrackRef| {
            if let Some(now) = matcher.find(r).and_then(|t| track_ref(library, t)) {
                // The audio key stays the database's (sheets never carry it), and the
                // cue is the user's.
                let audio = r.audio.take();
                let cue = r.cue();
                *r = TrackRef { audio, ..now }.with_cue(&cue);
            }
        };
        for c in &mut notes.characters {
            c.tracks.iter_mut().for_each(|(_, r)| refresh(r));
        }
        for scene in &mut notes.scenes {
            scene.tracks.iter_mut().for_each(refresh);
        }
        for label in notes.moods.iter_mut().chain(notes.instruments.iter_mut()) {
            label.tracks.iter_mut().for_each(refresh);
        }
    }
    to_text_with(series, &grouping, &notes)
}
