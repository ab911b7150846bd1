//! Your playlists: pick one to see, play, reorder, rename, export or delete it.

use iced::widget::{Column, button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Theme};

use crate::library::model::{Library, TrackIdx};
use crate::ost::smart::Smart;
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
    OpenSmart(String),
    SmartQuery(String),
    SaveSmart,
    DeleteSmart,
    /// Enter in the open smart playlist's name field.
    RenameSmart,
    /// Play the open smart playlist from this track.
    PlaySmart(usize),
    ExportSmart,
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
    OpenSmart(String),
    SaveSmart {
        name: String,
        query: String,
    },
    DeleteSmart(String),
    RenameSmart {
        from: String,
        to: String,
    },
    PlaySmart(usize),
    ExportSmart(String),
}

/// What the Playlists screen shows of the smart playlists.
pub struct SmartView<'a> {
    pub lists: &'a [Smart],
    /// The open one's tracks as they stand.
    pub rows: &'a [TrackIdx],
    /// Why the open one's query does not read.
    pub problem: Option<&'a str>,
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub open: Option<String>,
    /// The smart playlist open (then no plain one is).
    pub smart: Option<String>,
    /// Its query as being edited.
    smart_query: String,
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
            Message::OpenSmart(name) => {
                self.open = None;
                self.smart = Some(name.clone());
                self.rename = name.clone();
                self.smart_query.clear();
                Some(Event::OpenSmart(name))
            }
            Message::SmartQuery(q) => {
                self.smart_query = q;
                None
            }
            Message::SaveSmart => Some(Event::SaveSmart {
                name: self.smart.clone()?,
                query: self.smart_query.trim().to_owned(),
            }),
            Message::DeleteSmart => Some(Event::DeleteSmart(self.smart.take()?)),
            Message::RenameSmart => {
                let to = self.rename.trim().to_owned();
                let from = self.smart.clone()?;
                (to != from).then_some(Event::RenameSmart { from, to })
            }
            Message::PlaySmart(i) => Some(Event::PlaySmart(i)),
            Message::ExportSmart => Some(Event::ExportSmart(self.smart.clone()?)),
        }
    }

    /// The query box of the open smart playlist starts from its saved query.
    pub fn smart_opened(&mut self, query: &str) {
        self.smart_query = query.to_owned();
    }

    pub fn view<'a>(
        &'a self,
        lists: &'a [PlaylistSummary],
        items: &'a [QueueEntry],
        library: &'a Library,
        smart: SmartView<'a>,
    ) -> Element<'a, Message> {
        let open_smart = self
            .smart
            .as_ref()
            .and_then(|name| smart.lists.iter().find(|s| &s.name == name));
        let right: Element<'a, Message> = match (&self.open, open_smart) {
            (_, Some(list)) => self.open_smart(list, &smart, library),
            (None, None) => text(if lists.is_empty() {
                "No playlists of your own yet: name one on the left, then add tracks from any list's right-click menu. Smart playlists fill themselves."
            } else {
                "Pick a playlist."
            })
            .size(14)
            .style(muted)
            .into(),
            (Some(_), None) => self.open_playlist(items, library),
        };
        row![
            self.playlist_names(lists, smart.lists),
            container(right).padding([40, 0]).width(Length::Fill)
        ]
        .spacing(28)
        .padding([24, 28])
        .height(Length::Fill)
        .into()
    }

    /// The left column: title, the new-playlist field, and every playlist by name
    /// with its item count, the open one highlighted.
    fn playlist_names<'a>(&'a self, lists: &'a [PlaylistSummary], smart: &'a [Smart]) -> Element<'a, Message> {
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
        // Smart playlists below: the built-in ones, then the user's.
        names = names.push(container(text("Smart playlists").size(12).style(muted)).padding([12, 12]));
        for s in smart {
            let active = self.smart.as_deref() == Some(s.name.as_str());
            names = names.push(
                button(row![
                    text("✦").size(12).style(muted).width(Length::Fixed(18.0)),
                    text(s.name.clone()).size(14).width(Length::Fill),
                ])
                .padding([8, 12])
                .width(Length::Fill)
                .style(theme::nav(active))
                .on_press(Message::OpenSmart(s.name.clone())),
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

impl State {
    /// The open smart playlist: its name, query (editable unless built in), play,
    /// export, delete, and its tracks as they stand.
    fn open_smart<'a>(&'a self, list: &'a Smart, smart: &SmartView<'a>, library: &'a Library) -> Element<'a, Message> {
        let rows = smart.rows;
        let query: Element<'a, Message> = if list.built_in {
            text(format!("Built in · {}", list.query)).size(13).style(muted).into()
        } else {
            text_input("Query, as in the search box", &self.smart_query)
                .id("smart-query")
                .on_input(Message::SmartQuery)
                .on_submit(Message::SaveSmart)
                .size(14)
                .padding([6, 10])
                .font(iced::Font::MONOSPACE)
                .into()
        };
        // A saved one is renamed in place (Enter); a built-in one keeps its name.
        let name: Element<'a, Message> = if list.built_in {
            text(list.name.clone()).size(24).width(Length::Fill).into()
        } else {
            text_input("Name", &self.rename)
                .id("smart-name")
                .on_input(Message::RenameText)
                .on_submit(Message::RenameSmart)
                .size(20)
                .padding([6, 10])
                .width(Length::Fill)
                .into()
        };
        let mut actions = row![
            name,
            button(text("Play").size(13))
                .padding([7, 16])
                .style(theme::primary_button)
                .on_press_maybe((!rows.is_empty()).then_some(Message::PlaySmart(0))),
            button(text("Export M3U8…").size(13))
                .padding([7, 12])
                .style(theme::secondary_button)
                .on_press_maybe((!rows.is_empty()).then_some(Message::ExportSmart)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if !list.built_in {
            actions = actions.push(
                button(text("Delete").size(13))
                    .padding([7, 12])
                    .style(theme::icon_button)
                    .on_press(Message::DeleteSmart),
            );
        }
        let mut list_rows = Column::new().spacing(2);
        for (i, &t) in rows.iter().enumerate().take(MAX_SHOWN) {
            let Some(track) = library.track(t) else { continue };
            let artist = track.fields.artist.as_deref().unwrap_or_default().to_owned();
            let length = track.fields.duration_ms.map(duration_ms).unwrap_or_default();
            list_rows = list_rows.push(
                iced::widget::mouse_area(
                    container(
                        row![
                            text(format!("{}", i + 1))
                                .size(12)
                                .style(muted)
                                .width(Length::Fixed(40.0)),
                            text(track.title()).size(14).width(Length::FillPortion(3)),
                            text(artist).size(12).style(muted).width(Length::FillPortion(2)),
                            text(length).size(12).style(muted),
                        ]
                        .spacing(8)
                        .padding([6, 6])
                        .align_y(Alignment::Center),
                    )
                    .width(Length::Fill)
                    .style(theme::row_container(false, false)),
                )
                .on_double_click(Message::PlaySmart(i)),
            );
        }
        let said = match smart.problem {
            Some(p) => text(format!("⚠ {p}")).size(12).style(text::danger),
            None => text(smart_summary(rows, library)).size(12).style(muted),
        };
        column![
            actions,
            query,
            said,
            scrollable(list_rows).id(SCROLL_ID).height(Length::Fill)
        ]
        .spacing(12)
        .into()
    }
}

/// Rows a smart playlist shows (it plays and exports all of them).
const MAX_SHOWN: usize = 500;

/// "312 tracks · 17:20:05" (and how many are shown when not all).
fn smart_summary(rows: &[TrackIdx], library: &Library) -> String {
    let ms: u64 = rows
        .iter()
        .filter_map(|&t| library.track(t).and_then(|t| t.fields.duration_ms))
        .sum();
    let mut said = count(rows.len(), "track", "tracks");
    if ms > 0 {
        said = format!("{said} · {}", duration_ms(ms));
    }
    if rows.len() > MAX_SHOWN {
        said = format!("{said} · the first {MAX_SHOWN} shown; Play and Export take them all");
    }
    said
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
