//! The play queue: what plays next, reorderable, clearable.

use iced::widget::scrollable::Viewport;
use iced::widget::{Id, Space, button, column, container, row, text};
use iced::{Alignment, Element, Length, Theme};

use crate::library::model::Library;
use crate::player::QueueIdx;
use crate::ui::playback::Playback;
use crate::ui::theme;
use crate::ui::widget::drag::Drag;
use crate::ui::widget::format::{count, duration};
use crate::ui::widget::icon::{Icon, icon};
use crate::ui::widget::selection::{Pick, Selection};
use crate::ui::widget::virtual_list::{self, Window};

/// The id of this screen's scrollable.
pub const SCROLL_ID: &str = "queue-list";

const ROW: f32 = 44.0;

#[derive(Debug, Clone)]
pub enum Message {
    Scrolled(Viewport),
    Select(QueueIdx),
    Play(QueueIdx),
    MoveUp(QueueIdx),
    MoveDown(QueueIdx),
    Remove(QueueIdx),
    /// The selected entries out of the queue (Delete, or the head's button).
    RemoveSelected,
    /// The pointer entered a row (where a held row would land).
    DragOver(QueueIdx),
    /// The mouse button came up, anywhere.
    Released,
    Clear,
}

pub enum Event {
    Play(QueueIdx),
    Move {
        from: QueueIdx,
        to: QueueIdx,
    },
    /// Entries out of the queue, in queue order.
    Remove(Vec<QueueIdx>),
    Clear,
}

#[derive(Clone, Default)]
pub struct State {
    window: Window,
    selection: Selection,
    drag: Drag,
}

impl State {
    /// How far the list is scrolled, as it last reported.
    pub fn offset(&self) -> f32 {
        self.window.offset
    }

    /// Moves the selection `by` rows (↑/↓); the offset to scroll to when the row
    /// went out of view.
    pub fn step(&mut self, by: isize, len: usize, extend: bool) -> Option<f32> {
        let to = self.selection.step(by, len, extend)?;
        let offset = self.window.reveal(to, ROW, 0.0)?;
        self.window.offset = offset;
        Some(offset)
    }

    /// The focused entry (↑/↓ move it, Enter plays it).
    pub fn selected(&self) -> Option<QueueIdx> {
        self.selection.focus().map(QueueIdx)
    }

    /// A click picks as `pick` says (Ctrl adds, Shift runs).
    pub fn update(&mut self, message: Message, pick: Pick) -> Option<Event> {
        match message {
            Message::Scrolled(v) => {
                self.window = Window::from_viewport(&v);
                None
            }
            Message::Select(i) => {
                self.selection.click(i.0, pick);
                self.drag.press(i.0);
                None
            }
            Message::DragOver(i) => {
                self.drag.enter(i.0);
                None
            }
            Message::Released => {
                let (from, to) = self.drag.release()?;
                self.selection = Selection::one(to);
                Some(Event::Move {
                    from: QueueIdx(from),
                    to: QueueIdx(to),
                })
            }
            Message::Play(i) => Some(Event::Play(i)),
            Message::MoveUp(i) if i.0 > 0 => {
                let to = QueueIdx(i.0 - 1);
                self.selection = Selection::one(to.0);
                Some(Event::Move { from: i, to })
            }
            Message::MoveDown(i) => {
                let to = QueueIdx(i.0 + 1);
                self.selection = Selection::one(to.0);
                Some(Event::Move { from: i, to })
            }
            Message::MoveUp(_) => None,
            Message::Remove(i) => {
                self.selection.clear();
                Some(Event::Remove(vec![i]))
            }
            Message::RemoveSelected => {
                let rows = self.selection.rows();
                self.selection.clear();
                (!rows.is_empty()).then(|| Event::Remove(rows.into_iter().map(QueueIdx).collect()))
            }
            Message::Clear => {
                self.selection.clear();
                Some(Event::Clear)
            }
        }
    }

    /// Every entry selected (Ctrl+A).
    pub fn select_all(&mut self, len: usize) {
        self.selection = Selection::all(len);
    }

    pub fn view<'a>(&'a self, library: &'a Library, playback: &'a Playback) -> Element<'a, Message> {
        let queue = playback;
        let total: u64 = queue.entries().filter_map(|e| entry_length(e, library)).sum();
        let muted = |t: &Theme| text::Style {
            color: Some(theme::muted(t)),
        };
        let head = row![
            column![
                text("Queue").size(30),
                text(format!(
                    "{} · {}",
                    count(queue.len(), "track", "tracks"),
                    duration(std::time::Duration::from_millis(total))
                ))
                .size(13)
                .style(muted),
            ]
            .spacing(4)
            .width(Length::Fill),
            // Only while something is selected: what it takes out is in view.
            if self.selection.is_empty() {
                Element::from(Space::new())
            } else {
                button(
                    text(match self.selection.len() {
                        1 => "Remove".to_owned(),
                        n => format!("Remove {n}"),
                    })
                    .size(13),
                )
                .padding([8, 16])
                .style(theme::secondary_button)
                .on_press(Message::RemoveSelected)
                .into()
            },
            button(text("Clear").size(13))
                .padding([8, 16])
                .style(theme::secondary_button)
                .on_press_maybe((!queue.is_empty()).then_some(Message::Clear)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let body: Element<'a, Message> = if queue.is_empty() {
            container(text("Nothing queued. Double-click a track, or choose “Add to queue” from its menu.").size(14))
                .padding(24)
                .into()
        } else {
            virtual_list::list(
                Id::new(SCROLL_ID),
                queue.len(),
                ROW,
                self.window,
                None,
                Message::Scrolled,
                move |i| self.row(library, playback, QueueIdx(i)),
            )
        };
        column![container(head).padding([24, 0]), body]
            .padding([0, 28])
            .height(Length::Fill)
            .into()
    }

    fn row<'a>(&self, library: &'a Library, playback: &'a Playback, i: QueueIdx) -> Element<'a, Message> {
        let Some(entry) = playback.entry(i) else {
            return Space::new().into();
        };
        let current = playback.current() == Some(i);
        let selected = self.selection.contains(i.0);
        let fields = entry.fields(library);
        let artist = fields.and_then(|f| f.artist.as_deref()).unwrap_or_default().to_owned();
        let time = entry_length(entry, library)
            .map(|ms| duration(std::time::Duration::from_millis(ms)))
            .unwrap_or_default();
        let muted = |t: &Theme| text::Style {
            color: Some(theme::muted(t)),
        };
        let small = |ic: Icon, name: &str, m: Message| {
            container(
                button(icon(ic, 14.0, None))
                    .padding(6)
                    .style(theme::icon_button)
                    .on_press(m),
            )
            .id(format!("queue-{name}-{i}"))
        };
        let cells = row![
            container(
                text(if current {
                    "♪".to_string()
                } else {
                    (i.0 + 1).to_string()
                })
                .size(13)
                .style(muted)
            )
            .width(Length::Fixed(40.0)),
            column![
                text(entry.title(library)).size(14).wrapping(text::Wrapping::None),
                text(artist).size(12).style(muted).wrapping(text::Wrapping::None),
            ]
            .width(Length::Fill)
            .clip(true),
            text(time).size(13).style(muted),
            small(Icon::Up, "up", Message::MoveUp(i)),
            small(Icon::Down, "down", Message::MoveDown(i)),
            small(Icon::Close, "remove", Message::Remove(i)),
        ]
        .spacing(10)
        .padding([0, 12])
        .align_y(Alignment::Center)
        .height(Length::Fill);
        let body = container(cells)
            .style(theme::row_container(selected, current))
            .width(Length::Fill)
            .height(Length::Fill);
        self.drag.row(
            i.0,
            body.into(),
            Message::Select(i),
            Message::Play(i),
            Message::DragOver(i),
        )
    }
}

/// An entry's length in milliseconds: a cut's own (a theme reel's statement), else its
/// track's.
fn entry_length(entry: &crate::ui::playback::QueueEntry, library: &Library) -> Option<u64> {
    entry
        .known_length
        .map(|d| d.as_millis() as u64)
        .or_else(|| entry.fields(library).and_then(|f| f.duration_ms))
}
