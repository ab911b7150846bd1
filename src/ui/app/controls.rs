//! Playback as the user drives it: the now-playing bar's buttons, keyboard shortcuts,
//! Enter on a selected row, and the desktop's media controls (MPRIS).

use std::time::Duration;

use iced::widget::Id;
use iced::widget::operation::scroll_to;
use iced::widget::scrollable::AbsoluteOffset;
use iced::{Task, window};

use super::{Notice, NoticeAction, QUEUE_REPLACED};
use crate::library::model::TrackIdx;
use crate::ui::media_link;
use crate::ui::playback::QueueEntry;
use crate::ui::screen::{queue, series_page, tracks};
use crate::ui::shortcuts::Action;
use crate::ui::widget::now_playing::Transport;
use crate::ui::widget::selection::{Pick, Selection};

use super::{App, ContextMenu, Message, Nav, SEARCH_ID, Screen};
use crate::ui::widget::virtual_list;

impl App {
    pub(super) fn media_request(&mut self, request: crate::desktop::media_controls::Request) -> Task<Message> {
        match media_link::request(request, &mut self.playback) {
            Some(media_link::Event::VolumeChanged) => self.settings.volume = self.playback.volume,
            Some(media_link::Event::Raise) => return window::latest().and_then(window::gain_focus),
            Some(media_link::Event::Quit) => {
                return window::latest().and_then(|id| Task::done(Message::CloseRequested(id)));
            }
            Some(media_link::Event::Open(path)) => return Task::done(Message::OpenPaths(vec![path])),
            Some(media_link::Event::NotLocal(uri)) => self.notify("Only local files can be opened", vec![uri]),
            None => {}
        }
        Task::none()
    }

    /// What the desktop's media controls show.
    pub fn media_state(&self) -> crate::desktop::media_controls::State {
        media_link::state(&self.playback, &self.library, &self.covers)
    }

    /// Tells the media controls what changed since they were last told.
    pub(super) fn sync_media(&mut self, seeked: Option<Duration>) {
        if self.media.is_some() {
            let state = self.media_state();
            if let Some(link) = self.media.as_mut() {
                link.sync(state, self.playback.position, seeked);
            }
        }
    }

    /// Plays library tracks `tracks` from position `start`.
    /// Tracks whose folder is unreachable are left out (never queued as a block of
    /// unplayable files); choosing one of them says so and keeps the queue.
    pub fn play_tracks(&mut self, tracks: &[TrackIdx], start: usize, paused: bool) {
        let offline = |t: TrackIdx| self.library.track(t).is_none_or(|t| !t.available);
        if let Some(&chosen) = tracks.get(start).filter(|&&t| offline(t)) {
            let title = self.library.track(chosen).map(|t| t.title()).unwrap_or_default();
            self.notify(
                "That track's folder is not reachable",
                vec![format!("{title}: connect its drive or folder, and it plays again")],
            );
            return;
        }
        let mut first = 0;
        let mut entries = Vec::with_capacity(tracks.len());
        for (i, &t) in tracks.iter().enumerate() {
            if offline(t) {
                continue;
            }
            if i == start {
                first = entries.len();
            }
            entries.extend(QueueEntry::from_track(&self.library, t));
        }
        self.replace_queue(entries, first, paused);
    }

    /// Plays `entries` in place of the queue. A queue the user put together is not
    /// lost in silence: a notice says so and its Undo brings it back as it was.
    pub(super) fn replace_queue(&mut self, entries: Vec<QueueEntry>, start: usize, paused: bool) {
        self.replace_queue_from(entries, start, Duration::ZERO, paused);
    }

    /// `replace_queue`, the first track played from `position` in.
    pub(super) fn replace_queue_from(
        &mut self,
        entries: Vec<QueueEntry>,
        start: usize,
        position: Duration,
        paused: bool,
    ) {
        if entries.is_empty() {
            return;
        }
        let replaced = self.playback.hand_built();
        self.playback.play(entries, start, position, paused);
        if let Some(saved) = replaced {
            self.notices.retain(|n| n.title != QUEUE_REPLACED);
            let n = saved.entries.len();
            let what = if n == 1 {
                "1 track".to_owned()
            } else {
                format!("{n} tracks")
            };
            self.notices.push(Notice {
                action: Some(NoticeAction::RestoreQueue),
                ..Notice::new(
                    QUEUE_REPLACED,
                    vec![format!("It held {what}; Undo brings it back where it was.")],
                )
            });
            self.replaced_queue = Some(saved);
        }
    }

    pub(super) fn restore_queue(&mut self) {
        self.notices.retain(|n| n.title != QUEUE_REPLACED);
        if let Some(saved) = self.replaced_queue.take() {
            self.playback.restore(saved);
        }
    }

    pub(super) fn transport(&mut self, t: Transport) {
        match t {
            Transport::TogglePause => self.playback.toggle_pause(),
            Transport::Next => self.playback.next(),
            Transport::Previous => self.playback.previous(),
            Transport::SeekPreview(s) => self.seek_preview = Some(s),
            Transport::Select(from, to) => self.select_span(from, to),
            Transport::FindTheme => self.find_theme(),
            Transport::Favourite => self.favourite_current(),
            Transport::JumpTo(s) => {
                self.seek_preview = None;
                self.playback.seek(Duration::from_secs_f32(s.max(0.0)));
            }
            Transport::SeekCommit => {
                if let Some(s) = self.seek_preview.take() {
                    self.playback.seek(Duration::from_secs_f32(s.max(0.0)));
                }
            }
            Transport::Volume(v) => {
                self.playback.set_volume(v);
                self.settings.volume = self.playback.volume;
            }
            Transport::Mute => {
                self.playback.toggle_mute();
                self.settings.volume = self.playback.volume;
            }
            Transport::Shuffle => self.playback.toggle_shuffle(),
            Transport::Repeat => self.playback.cycle_repeat(),
            Transport::ShowCurrent => {
                if let Some(album) = self.playback.current_track().map(|t| self.library.tracks[t].album) {
                    let series = self.library.albums[album].series;
                    self.open(series_page::Focus::Series(series));
                }
            }
        }
    }

    pub(super) fn shortcut(&mut self, action: Action) -> Task<Message> {
        match action {
            Action::TogglePause => self.playback.toggle_pause(),
            Action::SeekBack => self.playback.seek_by(-5.0),
            Action::SeekForward => self.playback.seek_by(5.0),
            Action::Previous => self.playback.previous(),
            Action::Next => self.playback.next(),
            Action::FocusSearch => return iced::widget::operation::focus(Id::new(SEARCH_ID)),
            Action::VolumeUp => self.transport(Transport::Volume(self.playback.volume + 0.05)),
            Action::VolumeDown => self.transport(Transport::Volume(self.playback.volume - 0.05)),
            Action::Mute => self.transport(Transport::Mute),
            Action::PlaySelected if self.menu.is_some() => return self.choose_in_menu(),
            Action::PlaySelected => self.play_selected(),
            Action::Help => self.help = !self.help,
            Action::UndoFix => return self.undo_fix(),
            Action::Quit => return Task::done(Message::Terminate),
            Action::SelectUp if self.menu.is_some() => self.step_menu(-1),
            Action::SelectDown if self.menu.is_some() => self.step_menu(1),
            Action::SelectUp => return self.step_selection(-1),
            Action::SelectDown => return self.step_selection(1),
            Action::OpenMenu => self.open_menu_by_keys(),
            Action::SelectAll => self.select_all(),
            Action::RemoveSelected => {
                if let Screen::Queue(state) = &mut self.screen
                    && let Some(queue::Event::Remove(entries)) = state.update(queue::Message::RemoveSelected, Pick::One)
                {
                    self.playback.remove(entries);
                }
            }
            Action::AddFolder => return super::files::pick_folder(),
            Action::Favourite => self.favourite_current(),
            Action::FavouritePage => {
                if let Screen::SeriesPage(page) = &self.screen {
                    self.favourite_page(page.focus);
                }
            }
            Action::TrackInfo => {
                if let Some(track) = self.selected_track() {
                    self.open_info(track);
                }
            }
            Action::ShowScreen(n) => {
                let nav = [
                    Nav::Series,
                    Nav::Albums,
                    Nav::Tracks,
                    Nav::Queue,
                    Nav::Playlists,
                    Nav::Lyrics,
                    Nav::Settings,
                ];
                if let Some(&nav) = nav.get(usize::from(n).wrapping_sub(1)) {
                    self.navigate(nav);
                }
            }
            Action::Back => self.back(),
            Action::Forward => self.forward(),
            Action::Dismiss => {
                // What is open closes first; with nothing open, Esc goes back.
                let closed = self.menu.take().is_some()
                    || std::mem::take(&mut self.help)
                    || self.info.take().is_some()
                    || self.finder.take().is_some();
                if closed {
                    // Nothing more for this press.
                } else if !self.query.is_empty() {
                    self.search(String::new());
                } else {
                    self.back();
                }
            }
        }
        Task::none()
    }

    /// ↑/↓ in an open menu: the highlight moves among its entries.
    fn step_menu(&mut self, by: isize) {
        let Some(menu) = self.menu.take() else { return };
        let count = self.menu_actions(&menu).len();
        self.menu = Some(ContextMenu {
            highlight: virtual_list::step(menu.highlight, by, count),
            ..menu
        });
    }

    /// Enter in an open menu: the highlighted entry is chosen.
    fn choose_in_menu(&mut self) -> Task<Message> {
        let Some(menu) = &self.menu else { return Task::none() };
        let chosen = menu.highlight.and_then(|h| self.menu_actions(menu).get(h).copied());
        match chosen {
            Some(action) => self.menu_action(action),
            None => Task::none(),
        }
    }

    /// The Menu key: the selected track's menu, in the middle of the window, its first
    /// entry highlighted.
    fn open_menu_by_keys(&mut self) {
        if let Some(track) = self.selected_track() {
            let tracks = match &self.screen {
                Screen::Tracks(state) => {
                    let rows = self.track_rows();
                    state
                        .selection
                        .rows()
                        .iter()
                        .filter_map(|&r| rows.get(r).copied())
                        .collect()
                }
                _ => vec![track],
            };
            self.open_menu_for(track, tracks);
            if let Some(menu) = &mut self.menu {
                menu.at = iced::Point::new(self.window_size.width / 2.0 - 120.0, self.window_size.height / 3.0);
                menu.highlight = Some(0);
            }
        }
    }

    /// The rows of the track list: all tracks, or the results while searching.
    fn track_rows(&self) -> &[TrackIdx] {
        if self.query.trim().is_empty() {
            &self.all_tracks
        } else {
            &self.results
        }
    }

    /// The library track selected in the list on view.
    pub(super) fn selected_track(&self) -> Option<TrackIdx> {
        let rows = self.track_rows();
        match &self.screen {
            Screen::Tracks(state) => state.selected().and_then(|i| rows.get(i).copied()),
            Screen::Queue(state) => state
                .selected()
                .and_then(|i| self.playback.entry(i))
                .and_then(|e| e.track),
            Screen::SeriesPage(state) => state.selected,
            _ => None,
        }
    }

    fn select_all(&mut self) {
        let rows = self.track_rows().len();
        match &mut self.screen {
            Screen::Tracks(state) => state.selection = Selection::all(rows),
            Screen::Queue(state) => state.select_all(self.playback.len()),
            _ => {}
        }
    }

    /// ↑/↓: the selection moves a row in the list on view, scrolled along with it.
    fn step_selection(&mut self, by: isize) -> Task<Message> {
        let rows = self.track_rows().len();
        let queued = self.playback.len();
        // Shift+↑/↓ runs the selection on from where it began.
        let extend = self.modifiers.shift();
        let (id, offset) = match &mut self.screen {
            Screen::Tracks(state) => (tracks::SCROLL_ID, state.step(by, rows, extend)),
            Screen::Queue(state) => (queue::SCROLL_ID, state.step(by, queued, extend)),
            Screen::SeriesPage(state) => {
                state.step(by, &self.library);
                return Task::none();
            }
            Screen::Series(state) => {
                state.selected = virtual_list::step(state.selected, by, self.library.shelf.len());
                return Task::none();
            }
            Screen::Albums(state) => {
                state.selected = virtual_list::step(state.selected, by, self.album_order.len());
                return Task::none();
            }
            _ => return Task::none(),
        };
        match offset {
            Some(y) => scroll_to(Id::new(id), AbsoluteOffset { x: 0.0, y }),
            None => Task::none(),
        }
    }

    pub(super) fn play_selected(&mut self) {
        match &self.screen {
            Screen::Tracks(state) => {
                if let Some(start) = state.selected() {
                    let rows = self.track_rows().to_vec();
                    self.play_tracks(&rows, start, false);
                }
            }
            Screen::SeriesPage(state) => {
                let event = state.play_selected(&self.library);
                let _ = self.series_page_event(event);
            }
            Screen::Queue(state) => {
                if let Some(i) = state.selected() {
                    self.playback.jump_to(i);
                }
            }
            // Enter on a chosen card opens it.
            Screen::Series(state) => {
                let first = state.selected.and_then(|i| self.library.shelf.get(i).copied());
                if let Some(series) = first {
                    self.open(series_page::Focus::Series(series));
                }
            }
            Screen::Albums(state) => {
                if let Some(&album) = state.selected.and_then(|i| self.album_order.get(i)) {
                    self.open(series_page::Focus::Album(album));
                }
            }
            _ => {}
        }
    }
}
