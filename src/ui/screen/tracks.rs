//! All tracks, or the tracks matching the search, in one windowed table.

use iced::widget::scrollable::Viewport;
use iced::widget::{Id, column, container, text};
use iced::{Element, Length, Theme};

use crate::library::model::{Library, TrackIdx, TrackSort};
use crate::ui::theme;
use crate::ui::widget::format::count;
use crate::ui::widget::selection::{Pick, Selection};
use crate::ui::widget::track_list::{self, Columns, Marks, RowAction, Sorted};
use crate::ui::widget::virtual_list::Window;

/// The id of this screen's scrollable.
pub const SCROLL_ID: &str = "track-list";

#[derive(Debug, Clone)]
pub enum Message {
    Scrolled(Viewport),
    Row(RowAction),
    /// A column header: sort by it (`None`: the library's order).
    Sort(Option<TrackSort>),
}

pub enum Event {
    /// Play `rows` (library track indexes) from `start`.
    Play {
        start: usize,
    },
    /// The menu for `track`, whose actions take in `tracks` (all selected, in list
    /// order: the one clicked alone when it wasn't among them).
    Menu {
        track: TrackIdx,
        tracks: Vec<TrackIdx>,
    },
    Sort(Option<TrackSort>),
}

#[derive(Clone, Default)]
pub struct State {
    window: Window,
    /// Row positions in the list shown.
    pub selection: Selection,
}

impl State {
    /// How far the list is scrolled, as it last reported.
    pub fn offset(&self) -> f32 {
        self.window.offset
    }

    /// The focused row (↑/↓ move it, Enter plays from it).
    pub fn selected(&self) -> Option<usize> {
        self.selection.focus()
    }

    /// A click picks as `pick` says (Ctrl adds, Shift runs).
    pub fn update(&mut self, message: Message, rows: &[TrackIdx], pick: Pick) -> Option<Event> {
        match message {
            Message::Scrolled(v) => {
                self.window = Window::from_viewport(&v);
                None
            }
            Message::Row(RowAction::Select(i)) => {
                self.selection.click(i, pick);
                None
            }
            Message::Row(RowAction::Activate(i)) => Some(Event::Play { start: i }),
            // No cue marks in these lists.
            Message::Row(RowAction::PlayFrom(..)) => None,
            Message::Sort(by) => {
                // The rows move: what was selected by position means nothing now.
                self.reset();
                Some(Event::Sort(by))
            }
            Message::Row(RowAction::Menu(i)) => {
                if !self.selection.contains(i) {
                    self.selection = Selection::one(i);
                }
                let tracks = self
                    .selection
                    .rows()
                    .iter()
                    .filter_map(|&r| rows.get(r).copied())
                    .collect();
                rows.get(i).map(|&track| Event::Menu { track, tracks })
            }
        }
    }

    /// Moves the selection `by` rows (↑/↓); the offset to scroll to when the row
    /// went out of view.
    pub fn step(&mut self, by: isize, len: usize, extend: bool) -> Option<f32> {
        let to = self.selection.step(by, len, extend)?;
        let offset = self
            .window
            .reveal(to, track_list::ROW_HEIGHT, track_list::HEADER_HEIGHT)?;
        self.window.offset = offset;
        Some(offset)
    }

    /// A new list (another search): nothing selected, back to the top.
    pub fn reset(&mut self) {
        self.selection.clear();
        self.window = Window::default();
    }

    pub fn view<'a>(
        &'a self,
        library: &'a Library,
        rows: &'a [TrackIdx],
        query: Option<(&str, &'a [String])>,
        playing: Option<TrackIdx>,
        sorted: Option<Sorted>,
    ) -> Element<'a, Message> {
        let found = query.map(|(_, words)| words);
        let query = query.map(|(q, _)| q);
        let title = match query {
            Some(q) => format!("Results for “{q}”"),
            None => "All tracks".to_string(),
        };
        let head = column![
            text(title).size(30),
            text(count(rows.len(), "track", "tracks"))
                .size(13)
                .style(|t: &Theme| text::Style {
                    color: Some(theme::muted(t))
                }),
        ]
        .spacing(4);
        let list = if rows.is_empty() && query.is_some() {
            container(text("Nothing matches. Words are looked for in titles, artists, albums, series and composers; fields such as kind:score or plays>3 filter (F1 lists them).").size(14))
                .padding(24)
                .into()
        } else {
            track_list::view(
                Id::new(SCROLL_ID),
                library,
                rows,
                self.window,
                Columns {
                    album: true,
                    track_numbers: false,
                },
                Marks {
                    selected: self.selection.focus(),
                    picked: Some(&self.selection),
                    playing_track: playing,
                    badges: None,
                    cues: None,
                    found,
                },
                Message::Scrolled,
                Message::Row,
                (sorted, &Message::Sort),
            )
        };
        column![container(head).padding([24, 0]), list]
            .padding([0, 28])
            .height(Length::Fill)
            .into()
    }
}
