//! The user's own playlists for the window: their list and the open playlist's items,
//! read and written through the store worker (one transaction per change) and kept
//! here once stored. The Playlists screen sends its events; the app routes them.

use std::path::PathBuf;
use std::time::Duration;

use super::playback::{self, QueueEntry};
use super::screen::playlists::Event;
use super::stored::{Jobs, Stored};
use crate::library::m3u;
use crate::library::model::Library;
use crate::player::TrackSpec;
use crate::store::{PlaylistItem, PlaylistSummary};

pub fn to_item(spec: &TrackSpec) -> PlaylistItem {
    PlaylistItem {
        path: spec.path.to_string_lossy().into_owned(),
        start_ms: spec.start.map(|d| d.as_millis() as u64),
        end_ms: spec.end.map(|d| d.as_millis() as u64),
    }
}

fn to_spec(item: &PlaylistItem) -> TrackSpec {
    TrackSpec {
        path: PathBuf::from(&item.path),
        start: item.start_ms.map(Duration::from_millis),
        end: item.end_ms.map(Duration::from_millis),
        fade: false,
    }
}

/// What the app does for a playlist event, beyond what is stored.
pub enum Followup {
    /// Show this playlist open on the screen.
    Opened(String),
    Play(Vec<QueueEntry>, usize),
    /// Ask where to export this playlist.
    AskExport(String),
}

#[derive(Default)]
pub struct UserPlaylists {
    lists: Vec<PlaylistSummary>,
    /// The items of the playlist open on the Playlists screen.
    items: Vec<QueueEntry>,
}

impl UserPlaylists {
    pub fn lists(&self) -> &[PlaylistSummary] {
        &self.lists
    }

    pub fn items(&self) -> &[QueueEntry] {
        &self.items
    }

    pub fn refresh(&self, jobs: &mut Jobs) {
        jobs.store_then("Playlists could not be read", |s| Ok(Stored::Playlists(s.playlists()?)));
    }

    pub fn open(&self, name: &str, jobs: &mut Jobs) {
        let name = name.to_owned();
        jobs.store_then("The playlist could not be read", move |s| {
            let items = s.playlist(&name)?.unwrap_or_default();
            Ok(Stored::PlaylistOpened(name, items))
        });
    }

    fn save_items(&self, name: &str, entries: Vec<QueueEntry>, jobs: &mut Jobs) {
        let items: Vec<PlaylistItem> = entries.iter().map(|e| to_item(&e.spec)).collect();
        let name = name.to_owned();
        jobs.store_then("The playlist could not be saved; nothing was changed", move |s| {
            s.save_playlist(&name, &items)?;
            Ok(Stored::PlaylistSaved(entries))
        });
        self.refresh(jobs);
    }

    /// Sends the store what `event` changes; says what else the app should do.
    pub fn event(&mut self, event: Event, jobs: &mut Jobs) -> Option<Followup> {
        match event {
            Event::Open(name) => self.open(&name, jobs),
            Event::Create(name) => {
                if self.lists.iter().all(|p| p.name != name) {
                    let new = name.clone();
                    jobs.store_then("The playlist could not be created", move |s| {
                        s.save_playlist(&new, &[])?;
                        Ok(Stored::Nothing)
                    });
                }
                self.refresh(jobs);
                self.open(&name, jobs);
                return Some(Followup::Opened(name));
            }
            Event::Rename { from, to } => {
                jobs.store_then("The playlist could not be renamed", move |s| {
                    s.rename_playlist(&from, &to)?;
                    Ok(Stored::Nothing)
                });
                self.refresh(jobs);
            }
            Event::Delete(name) => {
                jobs.store_then("The playlist could not be deleted", move |s| {
                    s.delete_playlist(&name)?;
                    Ok(Stored::Nothing)
                });
                self.items.clear();
                self.refresh(jobs);
            }
            Event::Play { start, .. } => return Some(Followup::Play(self.items.clone(), start)),
            Event::Reorder { name, order } => {
                let entries: Vec<QueueEntry> = order.iter().filter_map(|&i| self.items.get(i).cloned()).collect();
                self.save_items(&name, entries, jobs);
            }
            Event::Export(name) => return Some(Followup::AskExport(name)),
            // Smart playlists are the app's (`app/smart.rs`), never sent here.
            Event::OpenSmart(_)
            | Event::SaveSmart { .. }
            | Event::DeleteSmart(_)
            | Event::RenameSmart { .. }
            | Event::PlaySmart(_)
            | Event::ExportSmart(_) => {}
        }
        None
    }

    /// The store answered: the list of playlists.
    pub fn listed(&mut self, lists: Vec<PlaylistSummary>) {
        self.lists = lists;
    }

    /// The store answered with a playlist's items (shown if it is still the open one).
    pub fn opened(&mut self, library: &Library, items: &[PlaylistItem]) {
        self.items = playback::entries_for_specs(library, items.iter().map(to_spec));
    }

    /// The store kept a playlist's new order.
    pub fn saved(&mut self, entries: Vec<QueueEntry>) {
        self.items = entries;
    }

    /// Writes the open playlist to `path` as M3U8, off the window's thread.
    pub fn export(&self, path: PathBuf, library: &Library, jobs: &mut Jobs) {
        let dir = path.parent().map(PathBuf::from).unwrap_or_default();
        let items: Vec<m3u::Item<'_>> = self
            .items
            .iter()
            .map(|e| m3u::Item::new(&e.spec.path, e.track.and_then(|t| library.track(t))))
            .collect();
        let text = m3u::write(&items, &dir);
        jobs.file_then("The playlist could not be exported", move || {
            crate::io_guard::check("writing a playlist file");
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(Stored::Nothing)
        });
    }

    /// "Add to playlist" from a track's menu: appends `entry` to playlist number
    /// `playlist`; returns its name.
    pub fn add(&self, playlist: usize, entries: &[QueueEntry], jobs: &mut Jobs) -> Option<String> {
        let name = self.lists.get(playlist)?.name.clone();
        let items: Vec<_> = entries.iter().map(|e| to_item(&e.spec)).collect();
        let list = name.clone();
        jobs.store_then("The tracks could not be added", move |s| {
            s.append_to_playlist(&list, &items)?;
            Ok(Stored::Nothing)
        });
        self.refresh(jobs);
        Some(name)
    }

    /// "New playlist…" from a track's menu: a playlist of its own named "New playlist"
    /// (numbered when taken), holding `entries`; returns its name to rename it by.
    pub fn create_with(&self, entries: &[QueueEntry], jobs: &mut Jobs) -> String {
        let taken = |name: &str| self.lists.iter().any(|p| p.name == name);
        let name = (1..)
            .map(|n| match n {
                1 => "New playlist".to_owned(),
                n => format!("New playlist {n}"),
            })
            .find(|name| !taken(name))
            .unwrap_or_default();
        let items: Vec<_> = entries.iter().map(|e| to_item(&e.spec)).collect();
        let list = name.clone();
        jobs.store_then("The playlist could not be created", move |s| {
            s.save_playlist(&list, &items)?;
            Ok(Stored::Nothing)
        });
        self.refresh(jobs);
        name
    }
}
