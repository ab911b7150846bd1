//! The app's side of user playlists: read and written through the store, one
//! transaction per change, the open playlist's items kept for the screen.

use std::path::PathBuf;
use std::time::Duration;

use iced::Task;

use super::app::{App, Message, Screen};
use super::playback::{self, QueueEntry};
use super::screen::playlists::{self, Event};
use crate::library::m3u;
use crate::player::TrackSpec;
use crate::store::{PlaylistItem, Store};

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
    }
}

impl App {
    fn with_store<T>(&mut self, what: &str, f: impl FnOnce(&mut Store) -> crate::store::Result<T>) -> Option<T> {
        let path = self.store_path.clone()?;
        match Store::open(&path).and_then(|mut s| f(&mut s)) {
            Ok(v) => Some(v),
            Err(e) => {
                self.notify(what, vec![e.to_string()]);
                None
            }
        }
    }

    pub(super) fn refresh_playlists(&mut self) {
        if let Some(lists) = self.with_store("Playlists could not be read", |s| s.playlists()) {
            self.playlists = lists;
        }
    }

    fn open_playlist(&mut self, name: &str) {
        let items = self
            .with_store("The playlist could not be read", |s| s.playlist(name))
            .flatten()
            .unwrap_or_default();
        self.playlist_items = playback::entries_for_specs(&self.library, items.iter().map(to_spec));
    }

    fn save_items(&mut self, name: &str, entries: &[QueueEntry]) {
        let items: Vec<PlaylistItem> = entries.iter().map(|e| to_item(&e.spec)).collect();
        if self
            .with_store("The playlist could not be saved; nothing was changed", |s| {
                s.save_playlist(name, &items)
            })
            .is_some()
        {
            self.playlist_items = entries.to_vec();
        }
        self.refresh_playlists();
    }

    pub(super) fn playlists_message(&mut self, message: playlists::Message) -> Task<Message> {
        let Screen::Playlists(state) = &mut self.screen else {
            return Task::none();
        };
        let Some(event) = state.update(message, self.playlist_items.len()) else {
            return Task::none();
        };
        match event {
            Event::Open(name) => self.open_playlist(&name),
            Event::Create(name) => {
                if self.playlists.iter().all(|p| p.name != name) {
                    self.with_store("The playlist could not be created", |s| s.save_playlist(&name, &[]));
                }
                self.refresh_playlists();
                if let Screen::Playlists(state) = &mut self.screen {
                    state.open = Some(name.clone());
                }
                self.open_playlist(&name);
            }
            Event::Rename { from, to } => {
                self.with_store("The playlist could not be renamed", |s| s.rename_playlist(&from, &to));
                self.refresh_playlists();
            }
            Event::Delete(name) => {
                self.with_store("The playlist could not be deleted", |s| s.delete_playlist(&name));
                self.playlist_items.clear();
                self.refresh_playlists();
            }
            Event::Play { start, .. } => {
                let entries = self.playlist_items.clone();
                self.playback.play(entries, start, Duration::ZERO, false);
            }
            Event::Reorder { name, order } => {
                let entries: Vec<QueueEntry> = order.iter().map(|&i| self.playlist_items[i].clone()).collect();
                self.save_items(&name, &entries);
            }
            Event::Export(name) => {
                let file = format!("{}.m3u8", super::app_files::safe_name(&name));
                return Task::perform(
                    async move {
                        rfd::AsyncFileDialog::new()
                            .set_title("Export the playlist")
                            .set_file_name(file)
                            .save_file()
                            .await
                            .map(|h| h.path().to_owned())
                    },
                    Message::ExportPlaylistFile,
                );
            }
        }
        Task::none()
    }

    /// Writes the open playlist to `path` as M3U8.
    pub(super) fn export_open_playlist(&mut self, path: Option<PathBuf>) {
        let Some(path) = path else { return };
        let dir = path.parent().map(PathBuf::from).unwrap_or_default();
        let items: Vec<m3u::Item<'_>> = self
            .playlist_items
            .iter()
            .map(|e| m3u::Item::new(&e.spec.path, e.track.and_then(|t| self.library.tracks.get(t))))
            .collect();
        let text = m3u::write(&items, &dir);
        if let Err(e) = std::fs::write(&path, text) {
            self.notify(
                "The playlist could not be exported",
                vec![format!("{}: {e}", path.display())],
            );
        }
    }

    /// "Add to playlist" from a track's menu.
    pub(super) fn add_to_playlist(&mut self, playlist: usize, track: usize) {
        let (Some(name), Some(entry)) = (
            self.playlists.get(playlist).map(|p| p.name.clone()),
            QueueEntry::from_track(&self.library, track),
        ) else {
            return;
        };
        let item = to_item(&entry.spec);
        self.with_store("The track could not be added", |s| s.append_to_playlist(&name, &[item]));
        self.refresh_playlists();
        if matches!(&self.screen, Screen::Playlists(s) if s.open.as_deref() == Some(name.as_str())) {
            self.open_playlist(&name);
        }
    }
}
