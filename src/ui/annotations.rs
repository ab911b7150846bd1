//! The app's side of annotations: each series' notes read once from the store and kept,
//! and every edit written back as one transaction before the window shows it.

use std::collections::HashMap;

use crate::ost::playlists::Resolved;
use crate::ost::track_match::track_ref;
use crate::store::{Character, Role, Scene, SeriesNotes, Store};

use super::app::App;

/// One series' annotations as the window holds them.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub notes: SeriesNotes,
    pub watched_up_to: Option<u32>,
}

#[derive(Default)]
pub struct NotesCache {
    by_series: HashMap<String, Notes>,
}

impl NotesCache {
    pub fn get(&self, series: &str) -> Option<&Notes> {
        self.by_series.get(series)
    }

    pub fn clear(&mut self) {
        self.by_series.clear();
    }
}

/// A change the user makes to a series' annotations.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    CreateCharacter(String),
    RenameCharacter(usize, String),
    DeleteCharacter(usize),
    /// Library track → character with a role (a track has one role per character).
    Assign {
        character: usize,
        track: usize,
        role: Role,
    },
    CreateScene {
        episode: u32,
        title: String,
    },
    RenameScene(usize, String),
    DeleteScene(usize),
    AddToScene {
        scene: usize,
        track: usize,
    },
    MoveSceneTrack {
        scene: usize,
        from: usize,
        to: usize,
    },
    RemoveSceneTrack {
        scene: usize,
        index: usize,
    },
    SetWatched(Option<u32>),
}

impl App {
    /// Makes sure the notes of series `series` (an index) are loaded; returns its name.
    pub fn load_notes(&mut self, series: usize) -> Option<String> {
        let name = self.library.series.get(series)?.name.clone();
        if self.notes.by_series.contains_key(&name) {
            return Some(name);
        }
        let Some(store_path) = self.store_path.clone() else {
            // A window without a library database keeps annotations in memory only.
            self.notes.by_series.insert(name.clone(), Notes::default());
            return Some(name);
        };
        let loaded = Store::open(&store_path).and_then(|s| Ok((s.series_notes(&name)?, s.watched_up_to(&name)?)));
        match loaded {
            Ok((notes, watched_up_to)) => {
                self.notes
                    .by_series
                    .insert(name.clone(), Notes { notes, watched_up_to });
            }
            Err(e) => self.notify(
                "The series' characters and scenes could not be read",
                vec![e.to_string()],
            ),
        }
        Some(name)
    }

    /// Applies `edit` to series `series`: stored first, shown only once stored.
    pub fn edit_notes(&mut self, series: usize, edit: Edit) {
        let Some(name) = self.load_notes(series) else { return };
        let mut next = self.notes.by_series.get(&name).cloned().unwrap_or_default();
        if !apply(&mut next, &edit, &self.library) {
            return;
        }
        let Some(store_path) = self.store_path.clone() else {
            // No store (a window without a library database): keep the edit in memory.
            self.notes.by_series.insert(name, next);
            return;
        };
        let stored = Store::open(&store_path).and_then(|mut s| {
            if let Edit::SetWatched(n) = edit {
                s.set_watched_up_to(&name, n)
            } else {
                s.replace_series_notes(&name, &next.notes)
            }
        });
        match stored {
            Ok(()) => {
                self.notes.by_series.insert(name, next);
            }
            Err(e) => self.notify(
                "The change could not be saved; nothing was changed",
                vec![e.to_string()],
            ),
        }
    }

    /// "Lee Hwan · theme · Ep 4 · The confession" for the playing track.
    pub fn now_playing_notes(&self) -> Option<String> {
        let track = self.playback.current_track()?;
        let series = self.library.albums.get(self.library.tracks.get(track)?.album)?.series;
        let notes = self.notes.get(&self.library.series.get(series)?.name)?;
        let resolved = Resolved::new(&self.library, series, &notes.notes);
        let mut parts: Vec<String> = resolved
            .characters_of(track)
            .into_iter()
            .map(|(c, role)| format!("{} · {}", notes.notes.characters[c].name, role.as_str()))
            .collect();
        parts.extend(
            resolved
                .scenes_of(track)
                .into_iter()
                .filter(|&s| !crate::ost::playlists::is_hidden(&notes.notes.scenes[s], notes.watched_up_to))
                .map(|s| format!("Ep {} · {}", notes.notes.scenes[s].episode, notes.notes.scenes[s].title)),
        );
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}

/// Applies an edit in memory; false when it changes nothing (bad index, empty name).
fn apply(n: &mut Notes, edit: &Edit, library: &crate::library::model::Library) -> bool {
    let notes = &mut n.notes;
    match edit.clone() {
        Edit::CreateCharacter(name) => {
            let name = name.trim().to_owned();
            if name.is_empty() || notes.characters.iter().any(|c| c.name == name) {
                return false;
            }
            notes.characters.push(Character {
                name,
                ..Character::default()
            });
        }
        Edit::RenameCharacter(i, name) => {
            let name = name.trim().to_owned();
            if name.is_empty()
                || notes
                    .characters
                    .iter()
                    .enumerate()
                    .any(|(j, c)| j != i && c.name == name)
            {
                return false;
            }
            let Some(c) = notes.characters.get_mut(i) else {
                return false;
            };
            c.name = name;
        }
        Edit::DeleteCharacter(i) => {
            if i >= notes.characters.len() {
                return false;
            }
            notes.characters.remove(i);
        }
        Edit::Assign { character, track, role } => {
            let (Some(c), Some(r)) = (notes.characters.get_mut(character), track_ref(library, track)) else {
                return false;
            };
            c.tracks.retain(|(_, t)| *t != r);
            c.tracks.push((role, r));
        }
        Edit::CreateScene { episode, title } => {
            let title = title.trim().to_owned();
            if title.is_empty() || episode == 0 {
                return false;
            }
            notes.scenes.push(Scene {
                episode,
                title,
                ..Scene::default()
            });
        }
        Edit::RenameScene(i, title) => {
            let title = title.trim().to_owned();
            let Some(s) = notes.scenes.get_mut(i).filter(|_| !title.is_empty()) else {
                return false;
            };
            s.title = title;
        }
        Edit::DeleteScene(i) => {
            if i >= notes.scenes.len() {
                return false;
            }
            notes.scenes.remove(i);
        }
        Edit::AddToScene { scene, track } => {
            let (Some(s), Some(r)) = (notes.scenes.get_mut(scene), track_ref(library, track)) else {
                return false;
            };
            s.tracks.push(r);
        }
        Edit::MoveSceneTrack { scene, from, to } => {
            let Some(s) = notes.scenes.get_mut(scene) else {
                return false;
            };
            if from >= s.tracks.len() || to >= s.tracks.len() || from == to {
                return false;
            }
            let t = s.tracks.remove(from);
            s.tracks.insert(to, t);
        }
        Edit::RemoveSceneTrack { scene, index } => {
            let Some(s) = notes.scenes.get_mut(scene).filter(|s| index < s.tracks.len()) else {
                return false;
            };
            s.tracks.remove(index);
        }
        Edit::SetWatched(watched) => n.watched_up_to = watched,
    }
    true
}
