//! What the series page and the context menu ask of the app: playing, queueing,
//! exporting, and annotating tracks.

use std::sync::Arc;

use iced::Task;

use super::{App, ContextMenu, MenuAction, MenuPage, Message};
use crate::library::model::TrackIdx;
use crate::store::CurationKind;
use crate::ui::notes::Edit;
use crate::ui::playback::QueueEntry;
use crate::ui::screen::series_fixes::Fix;
use crate::ui::screen::series_page;

use crate::ui::stored::{Stored, UndoFix};

/// The title of the one notice that says what the last fix did.
const FIX_NOTICE: &str = "Grouping changed";
/// Fixes that Ctrl+Z can undo, newest last.
const UNDO_DEPTH: usize = 50;

impl App {
    /// Stores a fix to grouping (one transaction), remembers how to undo it and
    /// rebuilds the library.
    pub(super) fn apply_fix(&mut self, fix: Fix) -> Task<Message> {
        self.jobs.store_then("The fix could not be saved", move |s| {
            let notes = fix.notes.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
            let previous = s
                .set_curation_moving_notes(fix.kind, &fix.subject, fix.value.as_deref(), notes)
                .map_err(|e| e.to_string())?;
            Ok(Stored::FixSaved(Arc::new(UndoFix { fix, previous })))
        });
        Task::none()
    }

    pub(super) fn fix_saved(&mut self, undo: Arc<UndoFix>) -> Task<Message> {
        self.say_fix(&undo.fix.label, "Ctrl+Z undoes it.");
        self.open_after_load = undo.fix.then_open.clone();
        self.undo_fixes.push(undo);
        if self.undo_fixes.len() > UNDO_DEPTH {
            self.undo_fixes.remove(0);
        }
        self.notes.clear();
        self.reload_library();
        Task::none()
    }

    /// Ctrl+Z: puts back what the last fix replaced.
    pub(super) fn undo_fix(&mut self) -> Task<Message> {
        let Some(undo) = self.undo_fixes.pop() else {
            return Task::none();
        };
        if !self.jobs.has_store() {
            return Task::none();
        }
        self.jobs.store_then("The fix could not be undone", move |s| {
            let notes = undo.fix.notes.as_ref().map(|(a, b)| (b.as_str(), a.as_str()));
            let restored =
                s.set_curation_moving_notes(undo.fix.kind, &undo.fix.subject, undo.previous.as_deref(), notes);
            Ok(match restored {
                Ok(_) => Stored::FixUndone(undo),
                Err(e) => Stored::FixUndoFailed(undo, e.to_string()),
            })
        });
        Task::none()
    }

    pub(super) fn fix_undone(&mut self, undo: &UndoFix) -> Task<Message> {
        self.say_fix(&format!("Undone: {}", undo.fix.label), "");
        self.open_after_load = undo.fix.undo_open.clone();
        self.notes.clear();
        self.reload_library();
        Task::none()
    }

    fn say_fix(&mut self, what: &str, hint: &str) {
        self.notices.retain(|n| n.title != FIX_NOTICE);
        let mut details = vec![what.to_owned()];
        if !hint.is_empty() {
            details.push(hint.to_owned());
        }
        // Shown open: what changed is the point of this notice.
        self.notices.push(super::Notice {
            expanded: true,
            ..super::Notice::new(FIX_NOTICE, details)
        });
    }

    pub(super) fn series_page_event(&mut self, event: Option<series_page::Event>) -> Task<Message> {
        match event {
            Some(series_page::Event::SetSeries { album, series }) => {
                let Some(album) = self.library.album(album) else {
                    return Task::none();
                };
                let label = match &series {
                    Some(s) => format!("Moved {} to {s}", album.title),
                    None => format!("Gave {} back its own series", album.title),
                };
                let here = self.library.series_at(album.series).map(|s| s.name.clone());
                return self.apply_fix(Fix {
                    kind: CurationKind::AlbumSeries,
                    subject: album.key.clone(),
                    value: series.clone(),
                    notes: None,
                    label,
                    then_open: series.or_else(|| here.clone()),
                    undo_open: here,
                });
            }
            Some(series_page::Event::Fix(fix)) => return self.apply_fix(fix),
            Some(series_page::Event::Queue(tracks)) => {
                let entries = tracks
                    .iter()
                    .filter_map(|&t| QueueEntry::from_track(&self.library, t))
                    .collect();
                self.playback.append(entries);
            }
            Some(series_page::Event::ExportPlaylist { name, tracks }) => {
                return super::files::export_playlist(name, tracks);
            }
            Some(series_page::Event::ImportSheet) => return super::files::pick_sheet(),
            Some(series_page::Event::ExportSheet(series)) => {
                let name = self
                    .library
                    .series_at(series)
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                return super::files::export_sheet(name);
            }
            Some(series_page::Event::Play { tracks, start, shuffle }) => {
                if shuffle != self.playback.shuffle {
                    self.playback.shuffle = shuffle;
                }
                self.play_tracks(&tracks, start, false);
            }
            Some(series_page::Event::Menu(t)) => self.open_menu(t),
            Some(series_page::Event::PlayFrom { track, at_ms }) => self.play_from_cue(track, at_ms),
            Some(series_page::Event::PlayReel(statements)) => self.play_reel(&statements),
            Some(series_page::Event::FindTheme {
                character,
                track,
                at_ms,
                until_ms,
            }) => {
                let length = self.library.track(track).and_then(|t| t.fields.duration_ms);
                let until = until_ms.or(length).unwrap_or(at_ms);
                self.open_finder(track, at_ms as f32 / 1000.0, until as f32 / 1000.0, Some(character));
            }
            Some(series_page::Event::SaveReel { name, statements }) => self.save_reel(name, &statements),
            Some(series_page::Event::Edit { series, edits }) => {
                for edit in edits {
                    self.edit_notes(series, edit);
                }
            }
            Some(series_page::Event::OpenSeries(s)) => self.open(series_page::Focus::Series(s)),
            Some(series_page::Event::Favourite(focus)) => self.favourite_page(focus),
            Some(series_page::Event::OpenAlbum(a)) => self.open(series_page::Focus::Album(a)),
            None => {}
        }
        Task::none()
    }

    pub(super) fn open_menu(&mut self, track: TrackIdx) {
        self.open_menu_for(track, vec![track]);
    }

    /// The menu of `track`, whose queue and playlist entries take in `tracks`.
    pub(super) fn open_menu_for(&mut self, track: TrackIdx, mut tracks: Vec<TrackIdx>) {
        // The row the menu is for is always among what it acts on.
        if !tracks.contains(&track) {
            tracks = vec![track];
        }
        let series = self.library.track(track).map(|t| self.library.albums[t.album].series);
        if let Some(series) = series {
            self.load_notes(series);
        }
        self.menu = Some(ContextMenu {
            track,
            tracks,
            at: self.pointer,
            page: MenuPage::Main,
            highlight: None,
        });
    }

    /// Queue entries for library tracks (those gone from the library left out).
    pub(super) fn entries_of(&self, tracks: &[TrackIdx]) -> Vec<QueueEntry> {
        tracks
            .iter()
            .filter_map(|&t| QueueEntry::from_track(&self.library, t))
            .collect()
    }

    pub(super) fn menu_action(&mut self, action: MenuAction) -> Task<Message> {
        let Some(menu) = self.menu.take() else {
            return Task::none();
        };
        let Some(track) = self.library.track(menu.track) else {
            return Task::none();
        };
        let album = track.album;
        let series = self.library.albums[album].series;
        match action {
            MenuAction::ShowPage(page) => {
                let highlight = menu.highlight.map(|_| 0);
                self.menu = Some(ContextMenu {
                    page,
                    highlight,
                    ..menu
                });
            }
            MenuAction::Assign { character, role } => self.edit_notes(
                series,
                Edit::Assign {
                    character,
                    track: menu.track,
                    role,
                },
            ),
            MenuAction::Unassign(character) => self.edit_notes(
                series,
                Edit::Unassign {
                    character,
                    track: menu.track,
                },
            ),
            MenuAction::RemoveFromScene(scene) => self.edit_notes(
                series,
                Edit::RemoveFromScene {
                    scene,
                    track: menu.track,
                },
            ),
            MenuAction::Info => self.open_info(menu.track),
            MenuAction::NewPlaylist => {
                let entries = self.entries_of(&menu.tracks);
                if !entries.is_empty() {
                    let name = self.playlists.create_with(&entries, &mut self.jobs);
                    self.notify(&format!("Added to “{name}”"), vec!["Rename it under Playlists.".into()]);
                }
            }
            MenuAction::AddToPlaylist(p) => self.add_to_playlist(p, &menu.tracks),
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
                    self.replace_queue(entries, 0, false);
                }
            }
            MenuAction::Play => {
                let tracks = series_page::album_tracks(&self.library, album);
                let start = tracks.iter().position(|&t| t == menu.track).unwrap_or(0);
                self.play_tracks(&tracks, start, false);
            }
            MenuAction::PlayNext => {
                let entries = self.entries_of(&menu.tracks);
                self.playback.insert_next(entries);
            }
            MenuAction::AddToQueue => {
                let entries = self.entries_of(&menu.tracks);
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
