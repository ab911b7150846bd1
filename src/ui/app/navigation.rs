//! Where the window is: the sidebar's destinations, a series or album page, and the
//! search that takes over the track list while something is typed.

use crate::ui::screen::{albums, playlists, queue, series_grid, series_page, tracks};

use super::{App, Nav, Screen};

impl App {
    pub fn open(&mut self, focus: series_page::Focus) {
        self.menu = None;
        if let series_page::Focus::Series(s) = focus {
            self.load_notes(s);
        }
        self.screen = Screen::SeriesPage(series_page::State::new(focus));
    }

    pub fn navigate(&mut self, nav: Nav) {
        self.menu = None;
        self.help = false;
        self.before_search = None;
        if !self.query.is_empty() {
            self.query.clear();
            self.results.clear();
        }
        self.screen = match nav {
            Nav::Series => Screen::Series(series_grid::State::default()),
            Nav::Albums => Screen::Albums(albums::State::default()),
            Nav::Tracks => Screen::Tracks(tracks::State::default()),
            Nav::Queue => Screen::Queue(queue::State::default()),
            Nav::Lyrics => Screen::Lyrics,
            Nav::Playlists => Screen::Playlists(playlists::State::default()),
            Nav::Settings => Screen::Settings,
        };
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
                self.screen = previous;
            }
            return;
        }
        self.results = self.search_index.matches(&self.query);
        if was_empty {
            let previous = std::mem::replace(&mut self.screen, Screen::Tracks(tracks::State::default()));
            self.before_search = Some(previous);
        } else if let Screen::Tracks(state) = &mut self.screen {
            state.reset();
        } else {
            self.screen = Screen::Tracks(tracks::State::default());
        }
    }
}
