//! All tracks, or the tracks matching the search, in one windowed table.

use iced::widget::scrollable::Viewport;
use iced::widget::{Id, column, container, text};
use iced::{Element, Length, Theme};

use crate::library::model::{Library, TrackIdx, TrackSort};
use crate::ui::theme;
use crate::ui::widget::format::count;
use crate::ui::widget::track_list::{self, Columns, Marks, RowAction, Sorted};
use crate::ui::widget::virtual_list::{self, Window};

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
    Menu(TrackIdx),
    Sort(Option<TrackSort>),
}

#[derive(Clone, Default)]
pub struct State {
    window: Window,
    /// Row position in the list shown.
    pub selected: Option<usize>,
}

impl State {
    /// How far the list is scrolled, as it last reported.
    pub fn offset(&self) -> f32 {
        self.window.offset
    }

    pub fn update(&mut self, message: Message, rows: &[TrackIdx]) -> Option<Event> {
        match message {
            Message::Scrolled(v) => {
                self.window = Window::from_viewport(&v);
                None
            }
            Message::Row(RowAction::Select(i)) => {
                self.selected = Some(i);
                None
            }
            Message::Row(RowAction::Activate(i)) => Some(Event::Play { start: i }),
            Message::Sort(by) => {
                // The rows move: what was selected by position means nothing now.
                self.reset();
                Some(Event::Sort(by))
            }
            Message::Row(RowAction::Menu(i)) => {
                self.selected = Some(i);
                rows.get(i).map(|&t| Event::Menu(t))
            }
        }
    }

    /// Moves the selection `by` rows (↑/↓); the offset to scroll to when the row
    /// went out of view.
    pub fn step(&mut self, by: isize, len: usize) -> Option<f32> {
        self.selected = virtual_list::step(self.selected, by, len);
        let offset = self
            .window
            .reveal(self.selected?, track_list::ROW_HEIGHT, track_list::HEADER_HEIGHT)?;
        self.window.offset = offset;
        Some(offset)
    }

    /// A new list (another search): nothing selected, back to the top.
    pub fn reset(&mut self) {
        self.selected = None;
        self.window = Window::default();
    }

    pub fn view<'a>(
        &'a self,
        library: &'a Library,
        rows: &'a [TrackIdx],
        query: Option<&str>,
        playing: Option<TrackIdx>,
        sorted: Option<Sorted>,
    ) -> Element<'a, Message> {
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
            container(text("Nothing matches. Search looks in titles, artists, albums, series and composers.").size(14))
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
                    selected: self.selected,
                    playing_track: playing,
                    badges: None,
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
