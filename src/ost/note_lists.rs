//! The lists that follow a series' notes (its characters, scenes, moods; not the user's
//! playlists): per character (themes, then variations, then
//! appearances, each in series release order), per scene (story order), per episode,
//! per mood or instrument; all through a vocal / instrumental / both filter.

use std::collections::HashMap;

use crate::library::model::{Library, SeriesIdx, TrackIdx};
use crate::library::pairs::is_instrumental;
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
        let Some(s) = self.notes.scenes.get(index) else {
            return Vec::new();
        };
        filter.apply(
            self.library,
            s.tracks.iter().filter_map(|t| self.matcher.find(t)).collect(),
        )
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
