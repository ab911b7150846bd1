//! Where the window is: the sidebar's destinations, a series or album page, and the
//! search that takes over the track list while something is typed.

use iced::Task;
use iced::widget::Id;
use iced::widget::operation::scroll_to;
use iced::widget::scrollable::AbsoluteOffset;

use crate::ui::screen::{albums, playlists, queue, series_grid, series_page, settings, tracks};

use super::{App, Message, Nav, Screen};

/// How many places Back remembers.
const REMEMBERED: usize = 50;

/// Where the user was: the screen with its own scroll position and selection, and the
/// search that was showing on it (results are found again on the way back).
#[derive(Clone)]
pub struct Place {
    screen: Screen,
    query: String,
    before_search: Option<Screen>,
}

/// The places behind and ahead of the current one (Back and Forward).
#[derive(Default)]
pub struct History {
    behind: Vec<Place>,
    ahead: Vec<Place>,
}

impl History {
    pub fn can_go_back(&self) -> bool {
        !self.behind.is_empty()
    }

    pub fn can_go_forward(&self) -> bool {
        !self.ahead.is_empty()
    }
}

fn remember(places: &mut Vec<Place>, place: Place) {
    if places.len() == REMEMBERED {
        places.remove(0);
    }
    places.push(place);
}

impl App {
    pub fn open(&mut self, focus: series_page::Focus) {
        self.menu = None;
        if let series_page::Focus::Series(s) = focus {
            self.load_notes(s);
        }
        self.go(Screen::SeriesPage(series_page::State::new(focus)));
    }

    fn here(&self) -> Place {
        Place {
            screen: self.screen.clone(),
            query: self.query.clone(),
            before_search: self.before_search.clone(),
        }
    }

    /// Goes to `screen` as the user's own step: where they were is remembered for Back
    /// (and what was ahead forgotten), and a search showing is left behind with it.
    pub(super) fn go(&mut self, screen: Screen) {
        let here = self.here();
        remember(&mut self.history.behind, here);
        self.history.ahead.clear();
        self.leave_search();
        self.show(screen);
    }

    fn leave_search(&mut self) {
        self.before_search = None;
        self.query.clear();
        self.results.clear();
    }

    /// Back to the previous place (Alt+←, the mouse's back button, the ← button, Esc).
    pub(super) fn back(&mut self) {
        if let Some(place) = self.history.behind.pop() {
            let here = self.here();
            remember(&mut self.history.ahead, here);
            self.arrive(place);
        }
    }

    pub(super) fn forward(&mut self) {
        if let Some(place) = self.history.ahead.pop() {
            let here = self.here();
            remember(&mut self.history.behind, here);
            self.arrive(place);
        }
    }

    fn arrive(&mut self, place: Place) {
        self.menu = None;
        self.help = false;
        if let Screen::SeriesPage(state) = &place.screen
            && let series_page::Focus::Series(s) = state.focus
        {
            self.load_notes(s);
        }
        self.query = place.query;
        self.results.clear();
        self.refresh_results();
        self.before_search = place.before_search;
        self.show(place.screen);
    }

    /// Puts `screen` on view; its scroll position is put back once it is drawn.
    pub(super) fn show(&mut self, screen: Screen) {
        // A series page shows its characters and scenes however it was reached (a
        // restored session, Back): their notes are asked for if not yet read.
        if let Screen::SeriesPage(page) = &screen
            && let series_page::Focus::Series(s) = page.focus
        {
            self.load_notes(s);
        }
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
        let screen = match nav {
            Nav::Series => Screen::Series(series_grid::State::default()),
            Nav::Albums => Screen::Albums(albums::State::default()),
            Nav::Tracks => Screen::Tracks(tracks::State::default()),
            Nav::Queue => Screen::Queue(queue::State::default()),
            Nav::Lyrics => Screen::Lyrics,
            Nav::Playlists => Screen::Playlists(playlists::State::default()),
            Nav::Settings => {
                // Devices come and go: listed afresh each time Settings opens.
                self.outbox.push(list_devices());
                Screen::Settings
            }
        };
        let again =
            self.query.is_empty() && !matches!(self.screen, Screen::SeriesPage(_)) && self.screen.nav() == Some(nav);
        if again {
            // The sidebar's entry for the screen on view opens it afresh, not as a step.
            self.show(screen);
        } else {
            self.go(screen);
        }
    }

    /// Enter in the search field plays the results, from the selected row.
    pub(super) fn search_submit(&mut self) {
        if !self.results.is_empty() {
            let start = match &self.screen {
                Screen::Tracks(t) => t.selected().unwrap_or(0),
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
            self.query_error = None;
            if let Some(previous) = self.before_search.take() {
                self.show(previous);
            }
            return;
        }
        self.refresh_results();
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

/// The output devices, listed off the window's thread.
pub(super) fn list_devices() -> iced::Task<super::Message> {
    iced::Task::perform(crate::ui::bridge::blocking(crate::player::devices::list), |listed| {
        super::Message::Devices(listed.unwrap_or_else(|| Err("the device list failed".into())))
    })
}
