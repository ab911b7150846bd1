//! Your playlists: pick one to see, play, reorder, rename, export or delete it.

use iced::widget::{Column, button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Theme};

use crate::library::model::Library;
use crate::store::PlaylistSummary;
use crate::ui::playback::QueueEntry;
use crate::ui::theme;
use crate::ui::widget::drag::Drag;
use crate::ui::widget::format::{count, duration_ms};
use crate::ui::widget::icon::{Icon, icon};

/// The id of this screen's scrollable.
pub const SCROLL_ID: &str = "playlist-items";

#[derive(Debug, Clone)]
pub enum Message {
    Open(String),
    NewName(String),
    Create,
    RenameText(String),
    Rename,
    Delete,
    Play(usize),
    Move {
        from: usize,
        to: usize,
    },
    Remove(usize),
    Export,
    /// The button went down on an item: it is selected, and may be dragged.
    Hold(usize),
    /// The pointer entered an item (where a held one would land).
    DragOver(usize),
    /// The mouse button came up, anywhere.
    Released,
}

pub enum Event {
    Open(String),
    Create(String),
    Rename {
        from: String,
        to: String,
    },
    Delete(String),
    Play {
        name: String,
        start: usize,
    },
    /// The new order of the open playlist's items.
    Reorder {
        name: String,
        order: Vec<usize>,
    },
    Export(String),
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub open: Option<String>,
    new_name: String,
    rename: String,
    selected: Option<usize>,
    drag: Drag,
}

impl State {
    pub fn update(&mut self, message: Message, items: usize) -> Option<Event> {
        let open = self.open.clone();
        match message {
            Message::Open(name) => {
                self.rename = name.clone();
                self.open = Some(name.clone());
                Some(Event::Open(name))
            }
            Message::NewName(s) => {
                self.new_name = s;
                None
            }
            Message::Create => {
                let name = std::mem::take(&mut self.new_name).trim().to_owned();
                (!name.is_empty()).then_some(Event::Create(name))
            }
            Message::RenameText(s) => {
                self.rename = s;
                None
            }
            Message::Rename => {
                let to = self.rename.trim().to_owned();
                let from = open?;
                (!to.is_empty() && to != from).then(|| {
                    self.open = Some(to.clone());
                    Event::Rename { from, to }
                })
            }
            Message::Delete => {
                self.open = None;
                Some(Event::Delete(open?))
            }
            Message::Play(start) => Some(Event::Play { name: open?, start }),
            Message::Move { from, to } if from < items && to < items && from != to => {
                let mut order: Vec<usize> = (0..items).collect();
                let moved = order.remove(from);
                order.insert(to, moved);
                Some(Event::Reorder { name: open?, order })
            }
            Message::Move { .. } => None,
            Message::Hold(i) => {
                self.selected = Some(i);
                self.drag.press(i);
                None
            }
            Message::DragOver(i) => {
                self.drag.enter(i);
                None
            }
            Message::Released => {
                let (from, to) = self.drag.release()?;
                self.selected = Some(to);
                self.update(Message::Move { from, to }, items)
            }
            Message::Remove(i) if i < items => {
                let order = (0..items).filter(|&k| k != i).collect();
                Some(Event::Reorder { name: open?, order })
            }
            Message::Remove(_) => None,
            Message::Export => Some(Event::Export(open?)),
        }
    }

    pub fn view<'a>(
        &'a self,
        lists: &'a [PlaylistSummary],
        items: &'a [QueueEntry],
        library: &'a Library,
    ) -> Element<'a, Message> {
        let right: Element<'a, Message> = match &self.open {
            None => text(if lists.is_empty() {
                "No playlists yet. Name one on the left, then add tracks from any list's right-click menu."
            } else {
                "Pick a playlist."
            })
            .size(14)
            .style(muted)
            .into(),
            Some(_) => self.open_playlist(items, library),
        };
        row![
            self.playlist_names(lists),
            container(right).padding([40, 0]).width(Length::Fill)
        ]
        .spacing(28)
        .padding([24, 28])
        .height(Length::Fill)
        .into()
    }

    /// The left column: title, the new-playlist field, and every playlist by name
    /// with its item count, the open one highlighted.
    fn playlist_names<'a>(&'a self, lists: &'a [PlaylistSummary]) -> Element<'a, Message> {
        let mut names = Column::new().spacing(2);
        for p in lists {
            let active = self.open.as_deref() == Some(p.name.as_str());
            names = names.push(
                button(row![
                    text(p.name.clone()).size(14).width(Length::Fill),
                    text(p.items.to_string()).size(12).style(muted)
                ])
                .padding([8, 12])
                .width(Length::Fill)
                .style(theme::nav(active))
                .on_press(Message::Open(p.name.clone())),
            );
        }
        column![
            text("Playlists").size(30),
            row![
                text_input("New playlist…", &self.new_name)
                    .id("new-playlist")
                    .on_input(Message::NewName)
                    .on_submit(Message::Create)
                    .size(14)
                    .padding([7, 12]),
                button(icon(Icon::Plus, 14.0, None))
                    .padding(8)
                    .style(theme::icon_button)
                    .on_press(Message::Create),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
            scrollable(names).height(Length::Fill),
        ]
        .spacing(14)
        .width(Length::Fixed(260.0))
        .into()
    }

    /// The open playlist: its actions, track count and items.
    fn open_playlist<'a>(&'a self, items: &'a [QueueEntry], library: &'a Library) -> Element<'a, Message> {
        let mut rows = Column::new().spacing(2);
        for (i, e) in items.iter().enumerate() {
            rows = rows.push(self.playlist_row(library, i, e));
        }
        column![
            self.playlist_actions(!items.is_empty()),
            text(summary(items, library)).size(12).style(muted),
            scrollable(rows).id(SCROLL_ID).height(Length::Fill),
        ]
        .spacing(12)
        .into()
    }

    /// The name field (rename on Enter) and the rename, play, export and delete buttons.
    fn playlist_actions<'a>(&'a self, has_items: bool) -> Element<'a, Message> {
        row![
            text_input("Name", &self.rename)
                .on_input(Message::RenameText)
                .on_submit(Message::Rename)
                .size(20)
                .padding([6, 10])
                .width(Length::Fixed(320.0)),
            button(text("Rename").size(13))
                .padding([7, 12])
                .style(theme::secondary_button)
                .on_press(Message::Rename),
            button(text("Play").size(13))
                .padding([7, 16])
                .style(theme::primary_button)
                .on_press_maybe(has_items.then_some(Message::Play(0))),
            button(text("Export M3U8…").size(13))
                .padding([7, 12])
                .style(theme::secondary_button)
                .on_press(Message::Export),
            button(text("Delete").size(13))
                .padding([7, 12])
                .style(theme::icon_button)
                .on_press(Message::Delete),
        ]
        .spacing(8)
        .align_y(Alignment::Center)
        .into()
    }
}

/// "12 tracks · 38:20": the count and the length of what is known.
fn summary(items: &[QueueEntry], library: &Library) -> String {
    let ms: u64 = items
        .iter()
        .filter_map(|e| e.fields(library).and_then(|f| f.duration_ms))
        .sum();
    match ms {
        0 => count(items.len(), "track", "tracks"),
        ms => format!("{} · {}", count(items.len(), "track", "tracks"), duration_ms(ms)),
    }
}

impl State {
    /// Item `i`: number, title, artist, length, and move up / move down / remove buttons
    /// (ids `playlist-{up|down|remove}-{i}` so tests can press them). A click selects it,
    /// a double-click plays the playlist from it, a drag moves it.
    fn playlist_row<'a>(&self, library: &'a Library, i: usize, e: &'a QueueEntry) -> Element<'a, Message> {
        let small = |ic: Icon, name: &str, m: Message| {
            container(
                button(icon(ic, 12.0, None))
                    .padding(5)
                    .style(theme::icon_button)
                    .on_press(m),
            )
            .id(format!("playlist-{name}-{i}"))
        };
        let fields = e.fields(library);
        let artist = fields.and_then(|f| f.artist.as_deref()).unwrap_or_default().to_owned();
        let length = fields.and_then(|f| f.duration_ms).map(duration_ms).unwrap_or_default();
        let cells = row![
            text(format!("{}", i + 1))
                .size(12)
                .style(muted)
                .width(Length::Fixed(32.0)),
            text(e.title(library)).size(14),
            text(artist).size(12).style(muted).width(Length::Fill),
            text(length).size(12).style(muted),
            small(
                Icon::Up,
                "up",
                Message::Move {
                    from: i,
                    to: i.saturating_sub(1)
                }
            ),
            small(Icon::Down, "down", Message::Move { from: i, to: i + 1 }),
            small(Icon::Close, "remove", Message::Remove(i)),
        ]
        .spacing(8)
        .padding([4, 6])
        .align_y(Alignment::Center);
        let body = container(cells)
            .width(Length::Fill)
            .style(theme::row_container(self.selected == Some(i), false));
        self.drag
            .row(i, body.into(), Message::Hold(i), Message::Play(i), Message::DragOver(i))
    }
}

/// Counts and artists in the theme's muted colour.
fn muted(t: &Theme) -> text::Style {
    text::Style {
        color: Some(theme::muted(t)),
    }
}
