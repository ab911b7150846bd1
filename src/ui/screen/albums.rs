//! Every album as a card, by title.

use iced::widget::scrollable::Viewport;
use iced::widget::{Id, column, container, text};
use iced::{Element, Theme};

use crate::library::model::{AlbumIdx, Library};
use crate::ui::covers::Covers;
use crate::ui::theme;
use crate::ui::widget::card_grid::{self, Card};
use crate::ui::widget::format::count;
use crate::ui::widget::virtual_list::Window;

/// The id of this screen's scrollable.
pub const SCROLL_ID: &str = "album-grid";

#[derive(Debug, Clone)]
pub enum Message {
    Scrolled(Viewport),
    Open(AlbumIdx),
}

pub enum Event {
    Open(AlbumIdx),
}

#[derive(Clone, Default)]
pub struct State {
    window: Window,
    /// The card ↑/↓ moved to, by position.
    pub selected: Option<usize>,
}

impl State {
    /// How far the list is scrolled, as it last reported.
    pub fn offset(&self) -> f32 {
        self.window.offset
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Scrolled(v) => {
                self.window = Window::from_viewport(&v);
                None
            }
            Message::Open(a) => Some(Event::Open(a)),
        }
    }

    pub fn visible_albums<'a>(&self, order: &'a [AlbumIdx]) -> impl Iterator<Item = AlbumIdx> + 'a {
        order[card_grid::visible_cards(self.window, order.len())]
            .iter()
            .copied()
    }

    /// `order`: album indexes sorted for display.
    pub fn view<'a>(&'a self, library: &'a Library, covers: &'a Covers, order: &'a [AlbumIdx]) -> Element<'a, Message> {
        let header = move || {
            let head = column![
                text("Albums").size(30),
                text(count(order.len(), "album", "albums"))
                    .size(13)
                    .style(|t: &Theme| text::Style {
                        color: Some(theme::muted(t))
                    }),
            ]
            .spacing(4);
            (container(head).padding([24, 0]).into(), 96.0)
        };
        card_grid::grid(
            Id::new(SCROLL_ID),
            order.len(),
            self.window,
            header,
            Message::Scrolled,
            move |i| {
                let a = order[i];
                let album = &library.albums[a];
                Card {
                    cover: covers.get(a),
                    title: album.title.clone(),
                    subtitle: album.artist.clone(),
                    on_press: Message::Open(a),
                    selected: self.selected == Some(i),
                }
            },
        )
    }
}
