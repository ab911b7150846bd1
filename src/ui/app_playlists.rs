//! The app's side of user playlists: read and written through the store, one
//! transaction per change, the open playlist's items kept for the screen.

use std::path::PathBuf;
use std::time::Duration;

use iced::Task;

use super::app::{App, Message, Screen};
use super::playback::QueueEntry;
use super::screen::playlists::{self, Event};
use crate::library::m3u;
use crate::player::TrackSpec;
use crate::store::PlaylistItem;

use super::stored::Stored;

pub fn to_item(spec: &TrackSpec) -> PlaylistItem {
    PlaylistItem {
        path: spec.path.to_string_lossy().into_owned(),
        start_ms: spec.start.map(|d| d.as_millis() as u64),
        end_ms: spec.end.map(|d| d.as_millis() as u64),
    }
}

pub(super) fn to_spec(item: &PlaylistItem) -> TrackSpec {
    TrackSpec {
        path: PathBuf::from(&item.path),
        start: item.start_ms.map(Duration::from_millis),
        end: item.end_ms.map(Duration::from_millis),
    }
}

impl App {
    pub(super) fn refresh_playlists(&mut self) {
        self.store_then("Playlists could not be read", |s| Ok(Stored::Playlists(s.playlists()?)));
    }

    /// The playlist open on the Playlists screen.
    pub(super) fn open_playlist_name(&self) -> Option<String> {
        match &self.screen {
            Screen::Playlists(state) => state.open.clone(),
            _ => None,
        }
    }

    fn open_playlist(&mut self, name: &str) {
        let name = name.to_owned();
        self.store_then("The playlist could not be read", move |s| {
            let items = s.playlist(&name)?.unwrap_or_default();
            Ok(Stored::PlaylistOpened(name, items))
        });
    }

    fn save_items(&mut self, name: &str, entries: Vec<QueueEntry>) {
        let items: Vec<PlaylistItem> = entries.iter().map(|e| to_item(&e.spec)).collect();
        let name = name.to_owned();
        self.store_then("The playlist could not be saved; nothing was changed", move |s| {
            s.save_playlist(&name, &items)?;
            Ok(Stored::PlaylistSaved(entries))
        });
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
                    let new = name.clone();
                    self.store_then("The playlist could not be created", move |s| {
                        s.save_playlist(&new, &[])?;
                        Ok(Stored::Nothing)
                    });
                }
                self.refresh_playlists();
                if let Screen::Playlists(state) = &mut self.screen {
                    state.open = Some(name.clone());
                }
                self.open_playlist(&name);
            }
            Event::Rename { from, to } => {
                self.store_then("The playlist could not be renamed", move |s| {
                    s.rename_playlist(&from, &to)?;
                    Ok(Stored::Nothing)
                });
                self.refresh_playlists();
            }
            Event::Delete(name) => {
                self.store_then("The playlist could not be deleted", move |s| {
                    s.delete_playlist(&name)?;
                    Ok(Stored::Nothing)
                });
                self.playlist_items.clear();
                self.refresh_playlists();
            }
            Event::Play { start, .. } => {
                let entries = self.playlist_items.clone();
                self.playback.play(entries, start, Duration::ZERO, false);
            }
            Event::Reorder { name, order } => {
                let entries: Vec<QueueEntry> = order.iter().map(|&i| self.playlist_items[i].clone()).collect();
                self.save_items(&name, entries);
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
        self.file_then("The playlist could not be exported", move || {
            crate::io_guard::check("writing a playlist file");
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(Stored::Nothing)
        });
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
        let list = name.clone();
        self.store_then("The track could not be added", move |s| {
            s.append_to_playlist(&list, &[item])?;
            Ok(Stored::Nothing)
        });
        self.refresh_playlists();
        if matches!(&self.screen, Screen::Playlists(s) if s.open.as_deref() == Some(name.as_str())) {
            self.open_playlist(&name);
        }
    }
}
