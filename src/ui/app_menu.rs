//! What the series page and the context menu ask of the app: playing, queueing,
//! exporting, and annotating tracks.

use std::time::Duration;

use iced::Task;

use super::annotations::Edit;
use super::app::{App, ContextMenu, MenuAction, MenuPage, Message};
use super::playback::QueueEntry;
use super::screen::series_page;

impl App {
    pub(super) fn series_page_event(&mut self, event: Option<series_page::Event>) -> Task<Message> {
        match event {
            Some(series_page::Event::SetSeries { album, series }) => {
                let Some(key) = self.library.albums.get(album).map(|a| a.key.clone()) else {
                    return Task::none();
                };
                let Some(store) = self.store_path.clone() else {
                    return Task::none();
                };
                let saved =
                    crate::store::Store::open(&store).and_then(|mut s| s.set_series_override(&key, series.as_deref()));
                return match saved {
                    Ok(()) => super::library_tasks::load(store),
                    Err(e) => {
                        self.notify("The album's series could not be changed", vec![e.to_string()]);
                        Task::none()
                    }
                };
            }
            Some(series_page::Event::Queue(tracks)) => {
                let entries = tracks
                    .iter()
                    .filter_map(|&t| QueueEntry::from_track(&self.library, t))
                    .collect();
                self.playback.append(entries);
            }
            Some(series_page::Event::ExportPlaylist { name, tracks }) => {
                return super::app_files::export_playlist(name, tracks);
            }
            Some(series_page::Event::ImportSheet) => return super::app_files::pick_sheet(),
            Some(series_page::Event::ExportSheet(series)) => {
                let name = self
                    .library
                    .series
                    .get(series)
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                return super::app_files::export_sheet(name);
            }
            Some(series_page::Event::Play { tracks, start, shuffle }) => {
                if shuffle != self.playback.shuffle {
                    self.playback.shuffle = shuffle;
                }
                self.play_tracks(&tracks, start, false);
            }
            Some(series_page::Event::Menu(t)) => self.open_menu(t),
            Some(series_page::Event::Edit { series, edit }) => self.edit_notes(series, edit),
            Some(series_page::Event::OpenSeries(s)) => self.open(series_page::Focus::Series(s)),
            None => {}
        }
        Task::none()
    }

    pub(super) fn open_menu(&mut self, track: usize) {
        let series = self
            .library
            .tracks
            .get(track)
            .map(|t| self.library.albums[t.album].series);
        if let Some(series) = series {
            self.load_notes(series);
        }
        self.menu = Some(ContextMenu {
            track,
            at: self.pointer,
            page: MenuPage::Main,
        });
    }

    pub(super) fn menu_action(&mut self, action: MenuAction) -> Task<Message> {
        let Some(menu) = self.menu.take() else {
            return Task::none();
        };
        let Some(track) = self.library.tracks.get(menu.track) else {
            return Task::none();
        };
        let album = track.album;
        let series = self.library.albums[album].series;
        match action {
            MenuAction::ShowPage(page) => self.menu = Some(ContextMenu { page, ..menu }),
            MenuAction::Assign { character, role } => self.edit_notes(
                series,
                Edit::Assign {
                    character,
                    track: menu.track,
                    role,
                },
            ),
            MenuAction::AddToPlaylist(p) => self.add_to_playlist(p, menu.track),
            MenuAction::AddToScene(scene) => self.edit_notes(
                series,
                Edit::AddToScene {
                    scene,
                    track: menu.track,
                },
            ),
            MenuAction::PlayOtherVersion => {
                if let Some(&other) = self.library.pairs.get(&menu.track) {
                    let entries = QueueEntry::from_track(&self.library, other).into_iter().collect();
                    self.playback.play(entries, 0, Duration::ZERO, false);
                }
            }
            MenuAction::Play => {
                let tracks = series_page::album_tracks(&self.library, album);
                let start = tracks.iter().position(|&t| t == menu.track).unwrap_or(0);
                self.play_tracks(&tracks, start, false);
            }
            MenuAction::PlayNext => {
                let entries = QueueEntry::from_track(&self.library, menu.track).into_iter().collect();
                self.playback.insert_next(entries);
            }
            MenuAction::AddToQueue => {
                let entries = QueueEntry::from_track(&self.library, menu.track).into_iter().collect();
                self.playback.append(entries);
            }
            MenuAction::GoToAlbum => self.open(series_page::Focus::Album(album)),
            MenuAction::GoToSeries => {
                let series = self.library.albums[album].series;
                self.open(series_page::Focus::Series(series));
            }
        }
        Task::none()
    }
}
