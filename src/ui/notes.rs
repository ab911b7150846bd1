//! A series' notes (characters, scenes, moods) for the window: each series' notes read
//! once through the store worker and kept, and every edit applied and written there as
//! one transaction; the window shows the result once it is stored.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use crate::library::model::Library;
pub use crate::ost::edits::{Edit, Notes, apply};
use crate::store::Store;

use super::stored::{Jobs, Stored};

#[derive(Default)]
pub struct NotesCache {
    by_series: HashMap<String, Notes>,
    /// Asked of the worker, not answered yet (asked once).
    asked: HashSet<String>,
}

impl NotesCache {
    pub fn get(&self, series: &str) -> Option<&Notes> {
        self.by_series.get(series)
    }

    pub fn insert(&mut self, series: String, notes: Notes) {
        self.asked.remove(&series);
        self.by_series.insert(series, notes);
    }

    pub fn forget_asked(&mut self, series: &str) {
        self.asked.remove(series);
    }

    pub fn clear(&mut self) {
        self.by_series.clear();
        self.asked.clear();
    }
}

fn read(store: &Store, series: &str) -> Result<Notes, String> {
    let read = || {
        Ok(Notes {
            notes: store.series_notes(series)?,
            watched_up_to: store.watched_up_to(series)?,
        })
    };
    read().map_err(|e: crate::store::StoreError| e.to_string())
}

impl NotesCache {
    /// Asks the worker for the notes of the series named `name` unless they are here
    /// or asked for.
    pub fn load(&mut self, name: &str, jobs: &mut Jobs) {
        if self.by_series.contains_key(name) || self.asked.contains(name) {
            return;
        }
        if !jobs.has_store() {
            // A window without a library database keeps notes in memory only.
            self.insert(name.to_owned(), Notes::default());
            return;
        }
        self.asked.insert(name.to_owned());
        let series = name.to_owned();
        jobs.store_then("The series' characters and scenes could not be read", move |s| {
            Ok(match read(s, &series) {
                Ok(notes) => Stored::Notes(series, notes),
                Err(e) => Stored::NotesUnread(series, e),
            })
        });
    }

    /// Applies `edit` to the series named `name` where it is stored, from what is
    /// stored (the audio key of an assigned track is read there too, off the window's
    /// thread); the result comes back as `Stored::Notes`.
    pub fn edit(&mut self, name: String, edit: Edit, library: &Arc<Library>, jobs: &mut Jobs) {
        self.load(&name, jobs);
        if !jobs.has_store() {
            let mut next = self.get(&name).cloned().unwrap_or_default();
            if apply(&mut next, &edit, library) {
                self.insert(name, next);
            }
            return;
        }
        let library = library.clone();
        jobs.store_then("The change could not be saved; nothing was changed", move |s| {
            let mut next = read(s, &name)?;
            if !apply(&mut next, &edit, &library) {
                return Ok(Stored::Nothing);
            }
            let written = if let Edit::SetWatched(n) = edit {
                s.set_watched_up_to(&name, n)
            } else {
                s.replace_series_notes(&name, &next.notes)
            };
            written.map_err(|e| e.to_string())?;
            Ok(Stored::Notes(name, next))
        });
    }
}
