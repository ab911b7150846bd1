//! The home screen: every series as a card, cover first.

use iced::widget::scrollable::Viewport;
use iced::widget::{Id, button, column, container, row, text};
use iced::{Alignment, Element, Length, Theme};

use crate::library::bilingual::{NameDisplay, shown};
use crate::library::model::{AlbumIdx, Library, SeriesIdx};
use crate::ui::covers::Covers;
use crate::ui::theme;
use crate::ui::widget::card_grid::{self, Card};
use crate::ui::widget::format::count;
use crate::ui::widget::virtual_list::Window;

/// The id of this screen's scrollable.
pub const SCROLL_ID: &str = "series-grid";

#[derive(Debug, Clone)]
pub enum Message {
    Scrolled(Viewport),
    Open(SeriesIdx),
    AddFolder,
}

pub enum Event {
    Open(SeriesIdx),
    AddFolder,
}

#[derive(Clone, Default)]
pub struct State {
    window: Window,
    /// The card ↑/↓ moved to, by position.
    pub selected: Option<usize>,
}

/// The first album of a series with a cover stands for it.
pub fn series_cover(library: &Library, series: SeriesIdx) -> Option<AlbumIdx> {
    let albums = &library.series_at(series)?.albums;
    albums
        .iter()
        .copied()
        .find(|&a| library.albums[a].cover.is_some())
        .or_else(|| albums.first().copied())
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
            Message::Open(s) => Some(Event::Open(s)),
            Message::AddFolder => Some(Event::AddFolder),
        }
    }

    /// Albums whose covers the visible cards show (over-asks a little: the column count
    /// is only known while laying out).
    pub fn visible_albums<'a>(&self, library: &'a Library) -> impl Iterator<Item = AlbumIdx> + 'a {
        card_grid::visible_cards(self.window, library.shelf.len())
            .filter_map(move |i| library.shelf.get(i).and_then(|&s| series_cover(library, s)))
    }

    pub fn view<'a>(
        &'a self,
        library: &'a Library,
        covers: &'a Covers,
        only_demo: bool,
        names: NameDisplay,
    ) -> Element<'a, Message> {
        let series_count = library.series.len();
        let header = move || {
            let mut head = column![
                text("Series").size(30),
                text(format!(
                    "{} · {} · {}",
                    count(series_count, "series", "series"),
                    count(library.albums.len(), "album", "albums"),
                    count(library.tracks.len(), "track", "tracks")
                ))
                .size(13)
                .style(|t: &Theme| text::Style {
                    color: Some(theme::muted(t))
                }),
            ]
            .spacing(4);
            let mut height = 96.0;
            if only_demo {
                head = head.push(call_to_action());
                height += 100.0;
            }
            (container(head).padding([24, 0]).into(), height)
        };
        card_grid::grid(
            Id::new(SCROLL_ID),
            library.shelf.len(),
            self.window,
            header,
            Message::Scrolled,
            move |i| {
                let first = library.shelf.get(i).copied().unwrap_or_default();
                let s = &library.series[first];
                // A franchise's card counts all of its series and opens the first.
                let members: &[SeriesIdx] = match s.franchise.and_then(|f| library.franchises.get(f)) {
                    Some(f) => &f.series,
                    None => std::slice::from_ref(&library.shelf[i]),
                };
                let albums: usize = members.iter().map(|&m| library.series[m].albums.len()).sum();
                let tracks: usize = members
                    .iter()
                    .flat_map(|&m| library.series[m].albums.iter())
                    .map(|&a| library.albums[a].track_count())
                    .sum();
                // A franchise counts its series instead of its albums: three counts
                // don't fit a card's line.
                let (title, lead) = match s.franchise.and_then(|f| library.franchises.get(f)) {
                    Some(f) => (f.name.clone(), count(members.len(), "series", "series")),
                    None => (shown(&s.name, &s.aliases, names), count(albums, "album", "albums")),
                };
                Card {
                    cover: series_cover(library, first).and_then(|a| covers.get(a)),
                    title,
                    subtitle: format!("{lead} · {}", count(tracks, "track", "tracks")),
                    on_press: Message::Open(first),
                    selected: self.selected == Some(i),
                }
            },
        )
    }
}

fn call_to_action<'a>() -> Element<'a, Message> {
    container(
        row![
            column![
                text("This is a demo soundtrack to play with.").size(16),
                text("Add your music folder and Leitmotif groups your soundtracks into series.")
                    .size(13)
                    .style(|t: &Theme| text::Style {
                        color: Some(theme::muted(t))
                    }),
            ]
            .spacing(4)
            .width(Length::Fill),
            button(text("Add your music folder…").size(14))
                .padding([10, 18])
                .style(theme::primary_button)
                .on_press(Message::AddFolder),
        ]
        .align_y(Alignment::Center)
        .spacing(16),
    )
    .padding(18)
    .style(theme::card)
    .into()
}
