//! Each screen's messages: the screen updates its own state and reports an event,
//! which the app turns into playback, navigation or store work.

use iced::Task;

use super::files::pick_folder;
use super::{App, Message, Screen};
use crate::library::model::{TrackIdx, TrackSort};
use crate::ui::screen::{albums, playlists, queue, series_grid, series_page, tracks};
use crate::ui::user_playlists::Followup;
use crate::ui::widget::selection::Pick;
use crate::ui::widget::track_list::Sorted;

impl App {
    pub(super) fn screen_message(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::SeriesGrid(m) => {
                let Screen::Series(state) = &mut self.screen else {
                    return Task::none();
                };
                match state.update(m) {
                    Some(series_grid::Event::Open(s)) => self.open(series_page::Focus::Series(s)),
                    Some(series_grid::Event::AddFolder) => return pick_folder(),
                    None => {}
                }
            }
            Message::SeriesPage(m) => {
                let Screen::SeriesPage(state) = &mut self.screen else {
                    return Task::none();
                };
                let notes = match state.focus {
                    series_page::Focus::Series(s) => self.library.series_at(s).and_then(|s| self.notes.get(&s.name)),
                    series_page::Focus::Album(_) => None,
                };
                let event = state.update(m, &self.library, notes);
                return self.series_page_event(event);
            }
            Message::Albums(m) => {
                let Screen::Albums(state) = &mut self.screen else {
                    return Task::none();
                };
                if let Some(albums::Event::Open(a)) = state.update(m) {
                    self.open(series_page::Focus::Album(a));
                }
            }
            Message::Tracks(m) => {
                let Screen::Tracks(state) = &mut self.screen else {
                    return Task::none();
                };
                let rows = if self.query.trim().is_empty() {
                    &self.all_tracks
                } else {
                    &self.results
                };
                match state.update(m, rows, Pick::from_modifiers(self.modifiers)) {
                    Some(tracks::Event::Play { start }) => {
                        let rows = rows.clone();
                        self.play_tracks(&rows, start, false);
                    }
                    Some(tracks::Event::Menu { track, tracks }) => self.open_menu_for(track, tracks),
                    Some(tracks::Event::Sort(by)) => self.sort_tracks(by),
                    None => {}
                }
            }
            Message::Queue(m) => {
                let Screen::Queue(state) = &mut self.screen else {
                    return Task::none();
                };
                match state.update(m, Pick::from_modifiers(self.modifiers)) {
                    Some(queue::Event::Play(i)) => self.playback.jump_to(i),
                    Some(queue::Event::Move { from, to }) => self.playback.move_entry(from, to),
                    Some(queue::Event::Remove(i)) => self.playback.remove(i),
                    Some(queue::Event::Clear) => self.playback.clear(),
                    None => {}
                }
            }
            _ => {}
        }
        Task::none()
    }

    pub(super) fn playlists_message(&mut self, message: playlists::Message) -> Task<Message> {
        let Screen::Playlists(state) = &mut self.screen else {
            return Task::none();
        };
        let Some(event) = state.update(message, self.playlists.items().len()) else {
            return Task::none();
        };
        let event = match self.smart_event(event) {
            Ok(task) => return task,
            Err(plain) => plain,
        };
        match self.playlists.event(event, &mut self.jobs) {
            Some(Followup::Opened(name)) => {
                if let Screen::Playlists(state) = &mut self.screen {
                    state.open = Some(name);
                }
            }
            Some(Followup::Play(entries, start)) => self.replace_queue(entries, start, false),
            Some(Followup::AskExport(name)) => return super::files::export_open_playlist(&name),
            None => {}
        }
        Task::none()
    }

    /// The playlist open on the Playlists screen.
    pub(super) fn open_playlist_name(&self) -> Option<&str> {
        match &self.screen {
            Screen::Playlists(state) => state.open.as_deref(),
            _ => None,
        }
    }

    /// "Add to playlist" from a track's menu.
    pub(super) fn add_to_playlist(&mut self, playlist: usize, tracks: &[TrackIdx]) {
        let entries = self.entries_of(tracks);
        if entries.is_empty() {
            return;
        }
        let Some(name) = self.playlists.add(playlist, &entries, &mut self.jobs) else {
            return;
        };
        if self.open_playlist_name() == Some(name.as_str()) {
            self.playlists.open(&name, &mut self.jobs);
        }
    }

    /// A column header was pressed: sort by it, the other way when it already sorts
    /// (`None`, "#": the library's order, results by relevance again).
    fn sort_tracks(&mut self, by: Option<TrackSort>) {
        self.track_sort = by.map(|by| Sorted {
            by,
            descending: self.track_sort.is_some_and(|s| s.by == by && !s.descending),
        });
        self.apply_sort();
    }

    /// The first sort by a column works out every track's place in it (tens of ms at
    /// 100k): off this thread, the header marked at once, the rows following when done.
    fn prepare_sort(&mut self) {
        if let Some(s) = self.track_sort
            && !self.library.sort_ready(s.by)
        {
            let library = self.library.clone();
            self.outbox.push(Task::perform(
                crate::ui::bridge::blocking(move || library.prepare_sort(s.by)),
                move |_| Message::SortReady(s.by),
            ));
        }
    }

    /// Puts All tracks and the results in the order chosen (quick: see `sort_tracks`).
    pub(super) fn apply_sort(&mut self) {
        self.prepare_sort();
        self.all_tracks = self.sorted(self.library.track_indices().collect());
        self.refresh_results();
    }

    /// `rows` in the order the user chose, once that order is worked out (until then,
    /// as they come: `SortReady` sorts them).
    pub(super) fn sorted(&self, mut rows: Vec<TrackIdx>) -> Vec<TrackIdx> {
        if let Some(s) = self.track_sort.filter(|s| self.library.sort_ready(s.by)) {
            self.library.sort_tracks(&mut rows, s.by, s.descending);
        }
        rows
    }
}
