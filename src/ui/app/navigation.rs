//! Where the window is: the sidebar's destinations, a series or album page, and the
//! search that takes over the track list while something is typed.

use iced::Task;
use iced::widget::Id;
use iced::widget::operation::scroll_to;
use iced::widget::scrollable::AbsoluteOffset;

use crate::ui::screen::{albums, playlists, queue, series_grid, series_page, settings, tracks};

use super::{App, Message, Nav, Screen};

impl App {
    pub fn open(&mut self, focus: series_page::Focus) {
        self.menu = None;
        if let series_page::Focus::Series(s) = focus {
            self.load_notes(s);
        }
        self.show(Screen::SeriesPage(series_page::State::new(focus)));
    }

    /// Puts `screen` on view; its scroll position is put back once it is drawn.
    pub(super) fn show(&mut self, screen: Screen) {
        self.screen = screen;
        self.screen_serial += 1;
    }

    /// The current screen's scroll position, put back on its scrollable: a fresh screen
    /// opens at the top, one shown again where it was. iced keeps a scrollable's state
    /// by its place in the window, so without this a list opened at the offset of the
    /// list shown there before (search results over a blank area).
    pub(super) fn scroll_into_place(&self) -> Task<Message> {
        let (id, y) = match &self.screen {
            Screen::Series(s) => (series_grid::SCROLL_ID, s.offset()),
            Screen::Albums(s) => (albums::SCROLL_ID, s.offset()),
            Screen::Tracks(s) => (tracks::SCROLL_ID, s.offset()),
            Screen::Queue(s) => (queue::SCROLL_ID, s.offset()),
            Screen::SeriesPage(_) => (series_page::SCROLL_ID, 0.0),
            Screen::Playlists(_) => (playlists::SCROLL_ID, 0.0),
            Screen::Settings => (settings::SCROLL_ID, 0.0),
            // The lyrics follow the playing line (`LyricsPane::follow`).
            Screen::Lyrics => return Task::none(),
        };
        scroll_to(Id::new(id), AbsoluteOffset { x: 0.0, y })
    }

    pub fn navigate(&mut self, nav: Nav) {
        self.menu = None;
        self.help = false;
        self.before_search = None;
        if !self.query.is_empty() {
            self.query.clear();
            self.results.clear();
        }
        let screen = match nav {
            Nav::Series => Screen::Series(series_grid::State::default()),
            Nav::Albums => Screen::Albums(albums::State::default()),
            Nav::Tracks => Screen::Tracks(tracks::State::default()),
            Nav::Queue => Screen::Queue(queue::State::default()),
            Nav::Lyrics => Screen::Lyrics,
            Nav::Playlists => Screen::Playlists(playlists::State::default()),
            Nav::Settings => Screen::Settings,
        };
        self.show(screen);
    }

    /// Enter in the search field plays the results, from the selected row.
    pub(super) fn search_submit(&mut self) {
        if !self.results.is_empty() {
            let start = match &self.screen {
                Screen::Tracks(t) => t.selected.unwrap_or(0),
                _ => 0,
            };
            let rows = self.results.clone();
            self.play_tracks(&rows, start, false);
        }
    }

    pub(super) fn search(&mut self, query: String) {
        self.menu = None;
        let was_empty = self.query.trim().is_empty();
        self.query = query;
        if self.query.trim().is_empty() {
            self.results.clear();
            if let Some(previous) = self.before_search.take() {
                self.show(previous);
            }
            return;
        }
        self.results = self.search_index.matches(&self.query);
        if was_empty {
            let previous = std::mem::replace(&mut self.screen, Screen::Tracks(tracks::State::default()));
            self.before_search = Some(previous);
            self.screen_serial += 1;
        } else if let Screen::Tracks(state) = &mut self.screen {
            // New results open at their top.
            state.reset();
            self.screen_serial += 1;
        } else {
            self.show(Screen::Tracks(tracks::State::default()));
        }
    }
}
