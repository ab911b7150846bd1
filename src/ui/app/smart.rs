//! Smart playlists in the window: the built-in five and the user's own, each filled by
//! its query whenever it is open and kept up to date as plays, favourites and notes
//! change; a search with fields is saved as one from the top bar.

use std::sync::Arc;

use iced::Task;

use crate::library::query;
use crate::ost::query::{Facts, Sources};
use crate::ost::smart::{self, Smart};
use crate::ui::screen::playlists::{Event, SmartView};
use crate::ui::stored::Stored;

use super::{App, Message, Screen};

impl App {
    /// Reads the saved smart playlists (the built-in ones are always there).
    pub(super) fn load_smart_lists(&mut self) {
        self.jobs.store_then("Smart playlists could not be read", |s| {
            Ok(Stored::SmartPlaylists(s.smart_playlists()?))
        });
    }

    pub(super) fn smart_listed(&mut self, saved: Vec<(String, String)>) {
        self.smart_lists = smart::all(&saved);
        self.refresh_smart();
    }

    /// What the Playlists screen shows of them.
    pub(super) fn smart_view(&self) -> SmartView<'_> {
        SmartView {
            lists: &self.smart_lists,
            rows: &self.smart_rows,
            problem: self.smart_problem.as_deref(),
        }
    }

    fn open_smart_list(&self) -> Option<&Smart> {
        let Screen::Playlists(state) = &self.screen else {
            return None;
        };
        let name = state.smart.as_deref()?;
        self.smart_lists.iter().find(|s| s.name == name)
    }

    /// The open smart playlist's tracks as they stand now.
    pub(super) fn refresh_smart(&mut self) {
        let Some(list) = self.open_smart_list().cloned() else {
            self.smart_rows.clear();
            self.smart_problem = None;
            return;
        };
        let facts = match query::parse(&list.query) {
            Ok(Some(expr)) => self.facts_for(&expr),
            _ => Arc::new(Facts::default()),
        };
        let sources = Sources {
            library: &self.library,
            index: &self.search_index,
            facts: &facts,
            history: &self.listened,
        };
        match list.tracks(sources) {
            Ok(rows) => {
                self.smart_rows = rows;
                self.smart_problem = None;
            }
            Err(e) => {
                self.smart_rows.clear();
                self.smart_problem = Some(e.describe(&list.query));
            }
        }
    }

    /// A smart playlist's event from the Playlists screen (the rest go to the plain ones).
    pub(super) fn smart_event(&mut self, event: Event) -> Result<Task<Message>, Event> {
        match event {
            Event::OpenSmart(name) => {
                let query = self
                    .smart_lists
                    .iter()
                    .find(|s| s.name == name)
                    .map(|s| s.query.clone());
                if let (Screen::Playlists(state), Some(q)) = (&mut self.screen, query) {
                    state.smart_opened(&q);
                }
                self.refresh_smart();
            }
            Event::SaveSmart { name, query } => {
                if let Err(e) = query::parse(&query) {
                    // Not saved: the mistake is said where the query is typed.
                    self.smart_problem = Some(e.describe(&query));
                    return Ok(Task::none());
                }
                self.save_smart(name, query);
            }
            Event::RenameSmart { from, to } => {
                if let Some(problem) = smart::name_problem(&to, &self.smart_lists) {
                    // Not renamed: said under the name, which stays as typed.
                    self.smart_problem = Some(problem);
                    return Ok(Task::none());
                }
                if let Some(list) = self.smart_lists.iter_mut().find(|s| !s.built_in && s.name == from) {
                    list.name = to.clone();
                }
                if let Screen::Playlists(state) = &mut self.screen {
                    state.smart = Some(to.clone());
                }
                self.refresh_smart();
                self.jobs
                    .store_then("The smart playlist could not be renamed", move |s| {
                        if !s.rename_smart_playlist(&from, &to)? {
                            return Ok(Stored::Said(
                                "The smart playlist could not be renamed".into(),
                                vec![format!("a smart playlist is already called “{to}”")],
                            ));
                        }
                        Ok(Stored::SmartPlaylists(s.smart_playlists()?))
                    });
            }
            Event::DeleteSmart(name) => {
                self.smart_lists.retain(|s| s.built_in || s.name != name);
                self.refresh_smart();
                self.jobs
                    .store_then("The smart playlist could not be deleted", move |s| {
                        s.delete_smart_playlist(&name)?;
                        Ok(Stored::SmartPlaylists(s.smart_playlists()?))
                    });
            }
            Event::PlaySmart(start) => {
                let rows = self.smart_rows.clone();
                self.play_tracks(&rows, start, false);
            }
            Event::ExportSmart(name) => {
                return Ok(super::files::export_playlist(name, self.smart_rows.clone()));
            }
            other => return Err(other),
        }
        Ok(Task::none())
    }

    fn save_smart(&mut self, name: String, query: String) {
        match self.smart_lists.iter_mut().find(|s| !s.built_in && s.name == name) {
            Some(list) => list.query = query.clone(),
            None => self
                .smart_lists
                .extend(smart::all(&[(name.clone(), query.clone())]).pop()),
        }
        self.refresh_smart();
        self.jobs.store_then("The smart playlist could not be saved", move |s| {
            s.save_smart_playlist(&name, &query)?;
            Ok(Stored::SmartPlaylists(s.smart_playlists()?))
        });
    }

    /// The top bar's "Save as smart playlist": the search as typed, named by itself.
    pub(super) fn save_search(&mut self) {
        let query = self.query.trim().to_owned();
        if query.is_empty() || self.query_error.is_some() {
            return;
        }
        self.save_smart(query.clone(), query.clone());
        self.notify(
            "Saved as a smart playlist",
            vec![format!(
                "“{query}” is under Playlists, kept up to date as your library and listening change."
            )],
        );
    }

    /// The search can be saved: it reads and names a field.
    pub(super) fn search_savable(&self) -> bool {
        self.query_error.is_none() && query::parse(&self.query).is_ok_and(|q| q.is_some_and(|q| q.has_fields()))
    }
}
