//! The lists that follow a series' notes (its characters, scenes, moods; not the user's
//! playlists): per character (themes, then variations, then
//! appearances, each in series release order), per scene (story order), per episode,
//! per mood or instrument; all through a vocal / instrumental / both filter.

use std::collections::HashMap;

use crate::library::model::{Library, SeriesIdx, TrackIdx};
use crate::library::pairs::is_instrumental;
use crate::store::TrackRef;
use crate::store::{Label, Role, Scene, SeriesNotes};

use super::track_match::TrackMatcher;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum VersionFilter {
    #[default]
    Both,
    Vocal,
    Instrumental,
}

impl VersionFilter {
    pub fn keeps(self, library: &Library, track: TrackIdx) -> bool {
        let inst = library.track(track).is_some_and(|t| is_instrumental(&t.title()));
        match self {
            VersionFilter::Both => true,
            VersionFilter::Vocal => !inst,
            VersionFilter::Instrumental => inst,
        }
    }

    pub fn apply(self, library: &Library, tracks: Vec<TrackIdx>) -> Vec<TrackIdx> {
        tracks.into_iter().filter(|&t| self.keeps(library, t)).collect()
    }
}

/// A series' notes resolved against the library it is shown with.
pub struct Resolved<'a> {
    library: &'a Library,
    pub notes: &'a SeriesNotes,
    matcher: TrackMatcher<'a>,
    /// Position of each track in the series' release order.
    order: HashMap<TrackIdx, usize>,
}

impl<'a> Resolved<'a> {
    pub fn new(library: &'a Library, series: SeriesIdx, notes: &'a SeriesNotes) -> Self {
        let order = library
            .series_tracks(series)
            .into_iter()
            .enumerate()
            .map(|(i, t)| (t, i))
            .collect();
        Self {
            library,
            notes,
            matcher: TrackMatcher::for_series(library, series),
            order,
        }
    }

    fn release_order(&self, mut tracks: Vec<TrackIdx>) -> Vec<TrackIdx> {
        tracks.sort_by_key(|t| self.order.get(t).copied().unwrap_or(usize::MAX));
        tracks.dedup();
        tracks
    }

    /// Themes first, then variations, then appearances; release order within each.
    pub fn character(&self, index: usize, filter: VersionFilter) -> Vec<TrackIdx> {
        let Some(c) = self.notes.characters.get(index) else {
            return Vec::new();
        };
        let mut out: Vec<TrackIdx> = Vec::new();
        for role in Role::ALL {
            let tracks = c
                .tracks
                .iter()
                .filter(|(r, _)| *r == role)
                .filter_map(|(_, t)| self.matcher.find(t))
                .filter(|t| !out.contains(t))
                .collect();
            out.extend(self.release_order(tracks));
        }
        filter.apply(self.library, out)
    }

    /// A scene's tracks in the order they play in it.
    pub fn scene(&self, index: usize, filter: VersionFilter) -> Vec<TrackIdx> {
        let tracks = self.scene_entries(index).into_iter().map(|(_, t, _)| t).collect();
        filter.apply(self.library, tracks)
    }

    /// A scene's entries that are in the library: each one's place among the scene's
    /// references (what edits of an entry name), its track and the reference.
    pub fn scene_entries(&self, index: usize) -> Vec<(usize, TrackIdx, &'a TrackRef)> {
        let Some(s) = self.notes.scenes.get(index) else {
            return Vec::new();
        };
        s.tracks
            .iter()
            .enumerate()
            .filter_map(|(k, r)| Some((k, self.matcher.find(r)?, r)))
            .collect()
    }

    /// The scenes in story order: episode, then time in the episode, then as entered.
    pub fn story_order(&self) -> Vec<usize> {
        let mut order: Vec<usize> = (0..self.notes.scenes.len()).collect();
        let scenes = &self.notes.scenes;
        order.sort_by_key(|&i| (scenes[i].episode, scenes[i].at_seconds.unwrap_or(u32::MAX), i));
        order
    }

    /// "The music of episode N, in story order."
    pub fn episode(&self, episode: u32, filter: VersionFilter) -> Vec<TrackIdx> {
        self.story_order()
            .into_iter()
            .filter(|&i| self.notes.scenes[i].episode == episode)
            .flat_map(|i| self.scene(i, filter))
            .collect()
    }

    pub fn label(&self, label: &Label, filter: VersionFilter) -> Vec<TrackIdx> {
        let tracks = label.tracks.iter().filter_map(|t| self.matcher.find(t)).collect();
        filter.apply(self.library, self.release_order(tracks))
    }

    /// Characters that track `track` belongs to, with the role.
    pub fn characters_of(&self, track: TrackIdx) -> Vec<(usize, Role)> {
        self.notes
            .characters
            .iter()
            .enumerate()
            .filter_map(|(i, c)| {
                c.tracks
                    .iter()
                    .filter(|(_, t)| self.matcher.find(t) == Some(track))
                    .map(|(r, _)| *r)
                    .min()
                    .map(|r| (i, r))
            })
            .collect()
    }

    /// Every timed statement of character `index` (its references with a cue), as a
    /// reel plays them: the series' albums in release order, then time in the track.
    pub fn reel(&self, index: usize) -> Vec<Statement> {
        let Some(c) = self.notes.characters.get(index) else {
            return Vec::new();
        };
        let mut statements: Vec<Statement> = c
            .tracks
            .iter()
            .filter_map(|(_, t)| {
                let at_ms = t.at_ms?;
                Some(Statement {
                    track: self.matcher.find(t)?,
                    at_ms,
                    until_ms: t.until_ms,
                })
            })
            .collect();
        statements.sort_by_key(|s| (self.order.get(&s.track).copied().unwrap_or(usize::MAX), s.at_ms));
        statements
    }

    /// The same statements in story order: by the first scene (episode, then time in
    /// it) that uses each one's track, then the order within the scene; statements
    /// whose track no scene uses come after, as the release order has them. `None`
    /// when no scene uses any of them (the story says nothing of their order).
    pub fn story_reel(&self, index: usize) -> Option<Vec<Statement>> {
        let mut first_use: HashMap<TrackIdx, (usize, usize)> = HashMap::new();
        for (rank, i) in self.story_order().into_iter().enumerate() {
            for (place, t) in self.notes.scenes[i].tracks.iter().enumerate() {
                if let Some(track) = self.matcher.find(t) {
                    first_use.entry(track).or_insert((rank, place));
                }
            }
        }
        let mut statements = self.reel(index);
        if !statements.iter().any(|s| first_use.contains_key(&s.track)) {
            return None;
        }
        // Stable: what no scene uses keeps the release order after the rest.
        statements.sort_by_key(|s| first_use.get(&s.track).copied().unwrap_or((usize::MAX, usize::MAX)));
        Some(statements)
    }

    /// Character `index`'s first reference to `track` (its role's, with its cue).
    pub fn reference_of(&self, index: usize, track: TrackIdx) -> Option<&'a TrackRef> {
        self.notes
            .characters
            .get(index)?
            .tracks
            .iter()
            .find(|(_, t)| self.matcher.find(t) == Some(track))
            .map(|(_, t)| t)
    }

    /// The timed cues inside `track`: each character statement and scene use that names
    /// a span of it, in time order. Scenes past `watched` are left out (no spoilers).
    pub fn cues_of(&self, track: TrackIdx, watched: Option<u32>) -> Vec<TimedCue> {
        self.cues_by_track(watched).remove(&track).unwrap_or_default()
    }

    /// The characters' timed statements inside `track`: character, role, from and to
    /// (ms; `None`: to the track's end).
    pub fn statements_in(&self, track: TrackIdx) -> Vec<(usize, Role, u64, Option<u64>)> {
        let mut found = Vec::new();
        for (i, c) in self.notes.characters.iter().enumerate() {
            for (role, t) in &c.tracks {
                if let Some(at) = t.at_ms.filter(|_| self.matcher.find(t) == Some(track)) {
                    found.push((i, *role, at, t.until_ms));
                }
            }
        }
        found
    }

    /// Every track's timed cues (see `cues_of`).
    pub fn cues_by_track(&self, watched: Option<u32>) -> HashMap<TrackIdx, Vec<TimedCue>> {
        let mut cues: HashMap<TrackIdx, Vec<TimedCue>> = HashMap::new();
        for c in &self.notes.characters {
            for (role, t) in &c.tracks {
                let (Some(at_ms), Some(track)) = (t.at_ms, self.matcher.find(t)) else {
                    continue;
                };
                cues.entry(track).or_default().push(TimedCue {
                    at_ms,
                    until_ms: t.until_ms,
                    label: format!("{} · {}", c.name, role.as_str()),
                    note: t.cue_note.clone(),
                    colour: c.colour.clone(),
                });
            }
        }
        for i in self.story_order() {
            let scene = &self.notes.scenes[i];
            if is_hidden(scene, watched) {
                continue;
            }
            for t in &scene.tracks {
                let (Some(at_ms), Some(track)) = (t.at_ms, self.matcher.find(t)) else {
                    continue;
                };
                cues.entry(track).or_default().push(TimedCue {
                    at_ms,
                    until_ms: t.until_ms,
                    label: format!("Ep {} · {}", scene.episode, scene.title),
                    note: t.cue_note.clone(),
                    colour: None,
                });
            }
        }
        for list in cues.values_mut() {
            list.sort_by_key(|c| c.at_ms);
        }
        cues
    }

    /// Scenes `track` plays in, in story order.
    pub fn scenes_of(&self, track: TrackIdx) -> Vec<usize> {
        self.story_order()
            .into_iter()
            .filter(|&i| {
                self.notes.scenes[i]
                    .tracks
                    .iter()
                    .any(|t| self.matcher.find(t) == Some(track))
            })
            .collect()
    }
}

/// One statement of a theme: the span of a track it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Statement {
    pub track: TrackIdx,
    pub at_ms: u64,
    /// `None`: to the end of the track.
    pub until_ms: Option<u64>,
}

/// A span of a track that a character's statement or a scene names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimedCue {
    pub at_ms: u64,
    pub until_ms: Option<u64>,
    /// "Empress Yun · variation", "Ep 4 · The confession"
    pub label: String,
    /// "erhu, slower"
    pub note: Option<String>,
    /// The character's colour (#rrggbb), if it has one.
    pub colour: Option<String>,
}

impl TimedCue {
    /// "Empress Yun · variation — erhu, slower (2:13–2:41)"
    pub fn describe(&self) -> String {
        let time = crate::ost::sheet::format_ms;
        let span = match self.until_ms {
            Some(until) => format!("{}–{}", time(self.at_ms), time(until)),
            None => format!("from {}", time(self.at_ms)),
        };
        match &self.note {
            Some(note) => format!("{} — {note} ({span})", self.label),
            None => format!("{} ({span})", self.label),
        }
    }
}

/// Spoiler guard: whether scene `scene` is hidden when the user has watched up to
/// `watched` (None: nothing hidden).
pub fn is_hidden(scene: &Scene, watched: Option<u32>) -> bool {
    watched.is_some_and(|w| scene.episode > w)
}

/// What each track is to the series: its characters with their roles, the episodes of
/// its scenes (those past "watched up to" left out: no spoilers on a row either).
pub fn track_labels(
    library: &Library,
    series: SeriesIdx,
    notes: &SeriesNotes,
    watched_up_to: Option<u32>,
) -> HashMap<TrackIdx, Vec<String>> {
    let resolved = Resolved::new(library, series, notes);
    let mut badges: HashMap<TrackIdx, Vec<String>> = HashMap::new();
    for (i, c) in notes.characters.iter().enumerate() {
        for t in resolved.character(i, VersionFilter::Both) {
            let role = resolved
                .characters_of(t)
                .into_iter()
                .find(|(c, _)| *c == i)
                .map(|(_, r)| r);
            let label = match role {
                Some(r) => format!("{} · {}", c.name, r.as_str()),
                None => c.name.clone(),
            };
            badges.entry(t).or_default().push(label);
        }
    }
    for (i, s) in notes.scenes.iter().enumerate() {
        if is_hidden(s, watched_up_to) {
            continue;
        }
        let label = format!("Ep {}", s.episode);
        for t in resolved.scene(i, VersionFilter::Both) {
            let on = badges.entry(t).or_default();
            if !on.contains(&label) {
                on.push(label.clone());
            }
        }
    }
    badges
}
