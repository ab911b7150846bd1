//! The theme finder's panel, docked at the window's right: the span asked about, where
//! to look (the series or the whole library), the recurrences found with their
//! confidence, each playable as a preview and accepted in one click as a timed cue of
//! the chosen character.

use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length, Theme};

use crate::library::model::{Library, TrackIdx};
use crate::ost::theme_search::{CONFIDENT, Found, ThemeMatch, clock};
use crate::store::Role;
use crate::ui::theme;
use crate::ui::widget::icon::{Icon, icon};

pub const WIDTH: f32 = 340.0;

#[derive(Debug, Clone)]
pub enum Status {
    Searching,
    Done(Found),
    Failed(String),
}

#[derive(Debug, Clone)]
pub struct State {
    pub track: TrackIdx,
    /// The span asked about, in seconds.
    pub from: f32,
    pub to: f32,
    pub all: bool,
    pub status: Status,
    /// The character accepted matches become cues of (an index into the series' notes).
    pub character: Option<usize>,
    pub role: Role,
    /// Matches already accepted (indexes into the found list).
    accepted: Vec<usize>,
}

#[derive(Debug, Clone)]
pub enum Message {
    Scope(bool),
    Character(usize),
    Role(Role),
    Preview(usize),
    Accept(usize),
    Close,
}

/// What the app does for the panel.
#[derive(Debug, Clone)]
pub enum Event {
    /// Search again (the scope changed).
    Search,
    Preview(ThemeMatch),
    Accept {
        found: ThemeMatch,
        character: usize,
        role: Role,
    },
    Close,
}

impl State {
    pub fn new(track: TrackIdx, from: f32, to: f32, character: Option<usize>) -> Self {
        State {
            track,
            from,
            to,
            all: false,
            status: Status::Searching,
            character,
            role: Role::Variation,
            accepted: Vec::new(),
        }
    }

    pub fn found(&mut self, result: Result<Found, String>) {
        self.accepted.clear();
        self.status = match result {
            Ok(f) => Status::Done(f),
            Err(e) => Status::Failed(e),
        };
    }

    fn matches(&self) -> &[ThemeMatch] {
        match &self.status {
            Status::Done(f) => &f.matches,
            _ => &[],
        }
    }

    pub fn update(&mut self, message: Message) -> Option<Event> {
        match message {
            Message::Scope(all) => {
                if all == self.all {
                    return None;
                }
                self.all = all;
                self.status = Status::Searching;
                Some(Event::Search)
            }
            Message::Character(c) => {
                self.character = Some(c);
                None
            }
            Message::Role(r) => {
                self.role = r;
                None
            }
            Message::Preview(i) => self.matches().get(i).copied().map(Event::Preview),
            Message::Accept(i) => {
                let found = *self.matches().get(i)?;
                let character = self.character?;
                if self.accepted.contains(&i) {
                    return None;
                }
                self.accepted.push(i);
                Some(Event::Accept {
                    found,
                    character,
                    role: self.role,
                })
            }
            Message::Close => Some(Event::Close),
        }
    }

    /// The panel; `characters` are the names in the query's series' notes.
    pub fn view<'a>(
        &'a self,
        library: &'a Library,
        characters: Vec<String>,
        known: Vec<Option<(usize, String)>>,
    ) -> Element<'a, Message> {
        let title = library
            .track(self.track)
            .map_or("", |t| t.fields.title.as_deref().unwrap_or(""));
        let head = row![
            text("Find this theme").size(16).width(Length::Fill),
            container(
                button(icon(Icon::Close, 14.0, None))
                    .padding(4)
                    .style(theme::icon_button)
                    .on_press(Message::Close)
            )
            .id("finder-close"),
        ]
        .align_y(Alignment::Center);
        let asked = text(format!("{title} · {}–{}", clock(self.from), clock(self.to)))
            .size(13)
            .style(muted);
        let scope = row![
            toggle("This series".into(), !self.all, Message::Scope(false), "finder-series"),
            toggle("Whole library".into(), self.all, Message::Scope(true), "finder-library"),
        ]
        .spacing(6);
        let mut who = Column::new().spacing(6);
        if characters.is_empty() {
            who = who.push(
                text("Add a character to the series to keep matches as its cues.")
                    .size(12)
                    .style(muted),
            );
        } else {
            who = who.push(text("Keep matches as cues of").size(12).style(muted));
            let mut names = row![].spacing(6);
            for (c, name) in characters.into_iter().enumerate() {
                names = names.push(toggle(name, self.character == Some(c), Message::Character(c), ""));
            }
            let mut roles = row![].spacing(6);
            for r in Role::ALL {
                roles = roles.push(toggle(r.as_str().to_owned(), self.role == r, Message::Role(r), ""));
            }
            who = who.push(scrollable(names).direction(horizontal())).push(roles);
        }
        let body: Element<'a, Message> = match &self.status {
            Status::Searching => text("Searching…").size(13).into(),
            Status::Failed(e) => text(format!("Nothing could be searched: {e}"))
                .size(13)
                .style(danger)
                .into(),
            Status::Done(f) if f.matches.is_empty() => text(nothing_found(f, self.all)).size(13).style(muted).into(),
            Status::Done(f) => {
                let mut list = Column::new().spacing(4);
                for (i, m) in f.matches.iter().enumerate() {
                    list = list.push(self.match_row(library, i, m, known.get(i).cloned().flatten()));
                }
                let mut col = column![text(searched(f)).size(12).style(muted), list].spacing(8);
                if f.unanalysed > 0 {
                    col = col.push(
                        text(format!(
                            "{} tracks are not measured yet and were not searched.",
                            f.unanalysed
                        ))
                        .size(12)
                        .style(muted),
                    );
                }
                // The scrollbar beside the list, not over it: floating, it hid the
                // Keep buttons' right half once the matches outgrew the panel.
                scrollable(col).spacing(6).height(Length::Fill).into()
            }
        };
        container(column![head, asked, scope, who, body].spacing(12))
            .padding(16)
            .width(Length::Fixed(WIDTH))
            .height(Length::Fill)
            .style(theme::card)
            .into()
    }

    fn match_row<'a>(
        &'a self,
        library: &'a Library,
        i: usize,
        m: &ThemeMatch,
        known: Option<(usize, String)>,
    ) -> Element<'a, Message> {
        let title = library
            .track(m.track)
            .map_or("", |t| t.fields.title.as_deref().unwrap_or(""));
        let album = library
            .track(m.track)
            .and_then(|t| library.album(t.album))
            .map_or("", |a| a.title.as_str());
        let span = format!("{}–{}", clock(m.start), clock(m.end));
        let shift = match m.shift {
            0 => String::new(),
            s => format!(" · {}", interval(s)),
        };
        let sure = if m.score >= CONFIDENT { "" } else { "possible · " };
        let accept: Element<'a, Message> = if self.accepted.contains(&i) {
            text("Kept ✓").size(12).style(muted).into()
        } else if let Some((_, known)) = known.as_ref().filter(|(c, _)| Some(*c) == self.character) {
            text(format!("Already {known}"))
                .size(11)
                .style(muted)
                .width(Length::Fixed(90.0))
                .into()
        } else {
            let b = button(text("Keep").size(12))
                .padding([3, 8])
                .style(theme::secondary_button);
            let b = if self.character.is_some() {
                b.on_press(Message::Accept(i))
            } else {
                b
            };
            container(b).id(format!("finder-accept-{i}")).into()
        };
        container(
            row![
                container(
                    button(icon(Icon::Play, 12.0, None))
                        .padding(5)
                        .style(theme::icon_button)
                        .on_press(Message::Preview(i))
                )
                .id(format!("finder-preview-{i}")),
                column![
                    text(title).size(13),
                    text(format!("{sure}{span} · {:.0} %{shift}", m.score * 100.0))
                        .size(11)
                        .style(muted),
                    text(album).size(11).style(muted),
                ]
                .push(
                    known
                        .as_ref()
                        .filter(|(c, _)| Some(*c) != self.character)
                        .map(|(_, other)| text(format!("Also {other}")).size(11).style(muted)),
                )
                .width(Length::Fill),
                accept,
            ]
            .spacing(8)
            .align_y(Alignment::Center),
        )
        .padding([4, 0])
        .into()
    }
}

fn horizontal() -> scrollable::Direction {
    scrollable::Direction::Horizontal(scrollable::Scrollbar::new().width(4).scroller_width(4))
}

fn toggle<'a>(label: String, on: bool, m: Message, id: &'static str) -> Element<'a, Message> {
    let b = button(text(label).size(12)).padding([4, 10]).on_press(m).style(if on {
        theme::primary_button
    } else {
        theme::secondary_button
    });
    if id.is_empty() {
        b.into()
    } else {
        container(b).id(id).into()
    }
}

fn searched(f: &Found) -> String {
    match f.matches.len() {
        1 => format!("1 recurrence in {} tracks", f.searched),
        n => format!("{n} recurrences in {} tracks, best first", f.searched),
    }
}

fn nothing_found(f: &Found, all: bool) -> String {
    let wider = if all { "" } else { " Try the whole library." };
    format!("No recurrence found in {} tracks.{wider}", f.searched)
}

/// "a fourth higher" for a shift of 5 semitones.
pub fn interval(semitones: u8) -> &'static str {
    const NAMES: [&str; 12] = [
        "same key",
        "a semitone higher",
        "a tone higher",
        "a minor third higher",
        "a major third higher",
        "a fourth higher",
        "a tritone away",
        "a fourth lower",
        "a major third lower",
        "a minor third lower",
        "a tone lower",
        "a semitone lower",
    ];
    NAMES[usize::from(semitones % 12)]
}

fn muted(t: &Theme) -> text::Style {
    text::Style {
        color: Some(theme::muted(t)),
    }
}

fn danger(t: &Theme) -> text::Style {
    text::Style {
        color: Some(t.palette().danger),
    }
}
