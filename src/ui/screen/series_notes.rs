//! The series page's soundtrack sections: characters (with their leitmotif playlists)
//! and scenes (story order, spoiler guard, reorderable tracks), and the vocal /
//! instrumental filter they all play through.

use iced::widget::{Column, Row, Space, button, column, container, row, text, text_input};
use iced::{Alignment, Color, Element, Length, Theme};

use crate::library::model::Library;
use crate::ost::playlists::{Resolved, VersionFilter, is_hidden};
use crate::ost::sheet::format_time;
use crate::store::Role;
use crate::ui::annotations::{Edit, Notes};
use crate::ui::theme;
use crate::ui::widget::format::count;
use crate::ui::widget::icon::{Icon, icon};

#[derive(Debug, Clone)]
pub enum Message {
    Filter(VersionFilter),
    NewCharacter(String),
    CreateCharacter,
    NewSceneEpisode(String),
    NewSceneTitle(String),
    CreateScene,
    Rename(Target),
    RenameText(String),
    CommitRename,
    Delete(Target),
    PlayCharacter(usize),
    PlayScene(usize),
    QueueCharacter(usize),
    QueueScene(usize),
    ExportCharacter(usize),
    ExportScene(usize),
    PlayMood(usize),
    PlayInstrument(usize),
    ImportSheet,
    ExportSheet,
    MoveSceneTrack { scene: usize, from: usize, to: usize },
    RemoveSceneTrack { scene: usize, index: usize },
    Watched(String),
    Reveal,
}

static NO_NOTES: Notes = Notes {
    notes: crate::store::SeriesNotes {
        characters: Vec::new(),
        scenes: Vec::new(),
        moods: Vec::new(),
        instruments: Vec::new(),
    },
    watched_up_to: None,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Character(usize),
    Scene(usize),
}

pub enum Event {
    Edit(Edit),
    Play(Vec<usize>),
    Queue(Vec<usize>),
    /// Save these tracks as an M3U8 playlist named `name`.
    Export {
        name: String,
        tracks: Vec<usize>,
    },
    ImportSheet,
    ExportSheet,
}

#[derive(Debug, Default)]
pub struct State {
    pub filter: VersionFilter,
    new_character: String,
    new_episode: String,
    new_scene: String,
    renaming: Option<(Target, String)>,
    /// Show scenes past "watched up to" for this visit.
    revealed: bool,
    watched_text: Option<String>,
}

impl State {
    pub fn update(
        &mut self,
        message: Message,
        library: &Library,
        series: usize,
        notes: Option<&Notes>,
    ) -> Option<Event> {
        let resolved = notes.map(|n| Resolved::new(library, series, &n.notes));
        match message {
            Message::Filter(f) => self.filter = f,
            Message::NewCharacter(s) => self.new_character = s,
            Message::CreateCharacter => {
                let name = std::mem::take(&mut self.new_character);
                return (!name.trim().is_empty()).then_some(Event::Edit(Edit::CreateCharacter(name)));
            }
            Message::NewSceneEpisode(s) => self.new_episode = s.chars().filter(char::is_ascii_digit).collect(),
            Message::NewSceneTitle(s) => self.new_scene = s,
            Message::CreateScene => {
                let episode = self.new_episode.parse().ok().filter(|e| *e > 0)?;
                let title = std::mem::take(&mut self.new_scene);
                return (!title.trim().is_empty()).then_some(Event::Edit(Edit::CreateScene { episode, title }));
            }
            Message::Rename(target) => {
                let current = notes.and_then(|n| match target {
                    Target::Character(i) => n.notes.characters.get(i).map(|c| c.name.clone()),
                    Target::Scene(i) => n.notes.scenes.get(i).map(|s| s.title.clone()),
                });
                self.renaming = Some((target, current.unwrap_or_default()));
            }
            Message::RenameText(s) => {
                if let Some((_, text)) = self.renaming.as_mut() {
                    *text = s;
                }
            }
            Message::CommitRename => {
                let (target, name) = self.renaming.take()?;
                return Some(Event::Edit(match target {
                    Target::Character(i) => Edit::RenameCharacter(i, name),
                    Target::Scene(i) => Edit::RenameScene(i, name),
                }));
            }
            Message::Delete(Target::Character(i)) => return Some(Event::Edit(Edit::DeleteCharacter(i))),
            Message::Delete(Target::Scene(i)) => return Some(Event::Edit(Edit::DeleteScene(i))),
            Message::PlayCharacter(i) => return Some(Event::Play(resolved?.character(i, self.filter))),
            Message::PlayScene(i) => return Some(Event::Play(resolved?.scene(i, self.filter))),
            Message::QueueCharacter(i) => return Some(Event::Queue(resolved?.character(i, self.filter))),
            Message::QueueScene(i) => return Some(Event::Queue(resolved?.scene(i, self.filter))),
            Message::ExportCharacter(i) => {
                let name = notes?.notes.characters.get(i)?.name.clone();
                return Some(Event::Export {
                    name,
                    tracks: resolved?.character(i, self.filter),
                });
            }
            Message::ExportScene(i) => {
                let s = notes?.notes.scenes.get(i)?;
                let name = format!("Ep {} - {}", s.episode, s.title);
                return Some(Event::Export {
                    name,
                    tracks: resolved?.scene(i, self.filter),
                });
            }
            Message::PlayMood(i) => {
                let label = notes?.notes.moods.get(i)?;
                return Some(Event::Play(resolved?.label(label, self.filter)));
            }
            Message::PlayInstrument(i) => {
                let label = notes?.notes.instruments.get(i)?;
                return Some(Event::Play(resolved?.label(label, self.filter)));
            }
            Message::ImportSheet => return Some(Event::ImportSheet),
            Message::ExportSheet => return Some(Event::ExportSheet),
            Message::MoveSceneTrack { scene, from, to } => {
                return Some(Event::Edit(Edit::MoveSceneTrack { scene, from, to }));
            }
            Message::RemoveSceneTrack { scene, index } => {
                return Some(Event::Edit(Edit::RemoveSceneTrack { scene, index }));
            }
            Message::Watched(s) => {
                let digits: String = s.chars().filter(char::is_ascii_digit).collect();
                self.watched_text = Some(digits.clone());
                self.revealed = false;
                return Some(Event::Edit(Edit::SetWatched(digits.parse().ok())));
            }
            Message::Reveal => self.revealed = !self.revealed,
        }
        None
    }

    pub fn filter_bar<'a>(&self) -> Element<'a, Message> {
        let choice = |label: &'static str, f: VersionFilter| {
            button(text(label).size(13))
                .padding([6, 14])
                .style(theme::nav(self.filter == f))
                .on_press(Message::Filter(f))
        };
        row![
            choice("Both", VersionFilter::Both),
            choice("Vocal", VersionFilter::Vocal),
            choice("Instrumental", VersionFilter::Instrumental),
        ]
        .spacing(4)
        .into()
    }

    pub fn view<'a>(&'a self, library: &'a Library, series: usize, notes: Option<&'a Notes>) -> Element<'a, Message> {
        let n = notes.unwrap_or(&NO_NOTES);
        let resolved = Resolved::new(library, series, &n.notes);
        column![
            self.characters(library, n, &resolved),
            self.scenes(library, n, &resolved),
            self.labels(n),
        ]
        .spacing(28)
        .into()
    }

    /// Moods and instruments as chips that play their tracks; the sheet buttons.
    fn labels<'a>(&'a self, n: &'a Notes) -> Element<'a, Message> {
        let chip = |label: String, m: Message| {
            button(text(label).size(13))
                .padding([6, 14])
                .style(theme::secondary_button)
                .on_press(m)
        };
        let mut chips = Row::new().spacing(8);
        for (i, l) in n.notes.moods.iter().enumerate() {
            chips = chips.push(chip(format!("♪ {}", l.name), Message::PlayMood(i)));
        }
        for (i, l) in n.notes.instruments.iter().enumerate() {
            chips = chips.push(chip(format!("♫ {}", l.name), Message::PlayInstrument(i)));
        }
        let sheet = row![
            text("Series sheet").size(13).width(Length::Fill),
            button(text("Import sheet…").size(13))
                .padding([6, 14])
                .style(theme::secondary_button)
                .on_press(Message::ImportSheet),
            button(text("Export sheet…").size(13))
                .padding([6, 14])
                .style(theme::secondary_button)
                .on_press(Message::ExportSheet),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        let mut section = Column::new().spacing(12);
        if !n.notes.moods.is_empty() || !n.notes.instruments.is_empty() {
            section = section.push(text("Moods and instruments").size(20)).push(chips.wrap());
        }
        section.push(sheet).into()
    }

    fn rename_field<'a>(&'a self, target: Target) -> Option<Element<'a, Message>> {
        let (t, value) = self.renaming.as_ref()?;
        (*t == target).then(|| {
            text_input("Name", value)
                .id(rename_id(target))
                .on_input(Message::RenameText)
                .on_submit(Message::CommitRename)
                .size(14)
                .padding([6, 10])
                .width(Length::Fixed(240.0))
                .into()
        })
    }

    fn characters<'a>(&'a self, library: &'a Library, n: &'a Notes, resolved: &Resolved<'_>) -> Element<'a, Message> {
        let muted = |t: &Theme| text::Style {
            color: Some(theme::muted(t)),
        };
        let mut cards = Row::new().spacing(14);
        for (i, c) in n.notes.characters.iter().enumerate() {
            let tracks = resolved.character(i, self.filter);
            let themes = c.tracks.iter().filter(|(r, _)| *r == Role::Theme).count();
            let colour = c.colour.as_deref().and_then(parse_colour);
            let name: Element<'a, Message> = match self.rename_field(Target::Character(i)) {
                Some(field) => field,
                None => text(c.name.clone()).size(16).into(),
            };
            let first = tracks
                .first()
                .and_then(|&t| library.tracks.get(t))
                .map(|t| t.title())
                .unwrap_or_default();
            let card = column![
                row![
                    container(Space::new().width(Length::Fixed(10.0)).height(Length::Fixed(10.0))).style(
                        move |t: &Theme| {
                            container::Style {
                                background: Some(colour.unwrap_or(theme::accent(t)).into()),
                                border: iced::Border {
                                    radius: 5.0.into(),
                                    ..iced::Border::default()
                                },
                                ..container::Style::default()
                            }
                        }
                    ),
                    name,
                ]
                .spacing(8)
                .align_y(Alignment::Center),
                text(c.original_name.clone().unwrap_or_default()).size(12).style(muted),
                text(format!(
                    "{} · {}",
                    count(themes, "theme", "themes"),
                    count(tracks.len(), "track", "tracks")
                ))
                .size(12)
                .style(muted),
                text(first).size(12).style(muted).wrapping(text::Wrapping::None),
                row![
                    container(
                        button(
                            row![icon(Icon::Play, 12.0, None), text("Play").size(12)]
                                .spacing(6)
                                .align_y(Alignment::Center)
                        )
                        .padding([5, 12])
                        .style(theme::secondary_button)
                        .on_press_maybe((!tracks.is_empty()).then_some(Message::PlayCharacter(i)))
                    )
                    .id(format!("play-character-{i}")),
                    button(text("Queue").size(12))
                        .padding([5, 8])
                        .style(theme::icon_button)
                        .on_press_maybe((!tracks.is_empty()).then_some(Message::QueueCharacter(i))),
                    button(text("M3U8").size(12))
                        .padding([5, 8])
                        .style(theme::icon_button)
                        .on_press_maybe((!tracks.is_empty()).then_some(Message::ExportCharacter(i))),
                    button(text("Rename").size(12))
                        .padding([5, 8])
                        .style(theme::icon_button)
                        .on_press(Message::Rename(Target::Character(i))),
                    button(text("Delete").size(12))
                        .padding([5, 8])
                        .style(theme::icon_button)
                        .on_press(Message::Delete(Target::Character(i))),
                ]
                .spacing(4),
            ]
            .spacing(4)
            .width(Length::Fixed(330.0));
            cards = cards.push(container(card).padding(14).style(theme::card));
        }
        let add = row![
            text_input("New character…", &self.new_character)
                .id("new-character")
                .on_input(Message::NewCharacter)
                .on_submit(Message::CreateCharacter)
                .size(14)
                .padding([7, 12])
                .width(Length::Fixed(240.0)),
            button(text("Add character").size(13))
                .padding([7, 14])
                .style(theme::secondary_button)
                .on_press(Message::CreateCharacter),
        ]
        .spacing(8);
        let mut section = column![
            text("Characters").size(20),
            text("Right-click a track to make it a character's theme, variation or appearance.")
                .size(12)
                .style(muted),
        ]
        .spacing(10);
        if !n.notes.characters.is_empty() {
            section = section.push(iced::widget::scrollable(cards).direction(
                iced::widget::scrollable::Direction::Horizontal(
                    iced::widget::scrollable::Scrollbar::new().width(4).scroller_width(4),
                ),
            ));
        }
        section.push(add).into()
    }

    fn scenes<'a>(&'a self, library: &'a Library, n: &'a Notes, resolved: &Resolved<'_>) -> Element<'a, Message> {
        let muted = |t: &Theme| text::Style {
            color: Some(theme::muted(t)),
        };
        let watched = self
            .watched_text
            .clone()
            .unwrap_or_else(|| n.watched_up_to.map(|w| w.to_string()).unwrap_or_default());
        let header = row![
            text("Scenes").size(20).width(Length::Fill),
            text("Watched up to episode").size(13).style(muted),
            text_input("all", &watched)
                .on_input(Message::Watched)
                .size(13)
                .padding([5, 8])
                .width(Length::Fixed(56.0)),
        ]
        .spacing(10)
        .align_y(Alignment::Center);
        let mut list = Column::new().spacing(10);
        let mut hidden = 0;
        for i in resolved.story_order() {
            let s = &n.notes.scenes[i];
            if is_hidden(s, n.watched_up_to) && !self.revealed {
                hidden += 1;
                continue;
            }
            let when = match s.at_seconds {
                Some(at) => format!("EP {} · {}", s.episode, format_time(at)),
                None => format!("EP {}", s.episode),
            };
            let title: Element<'a, Message> = match self.rename_field(Target::Scene(i)) {
                Some(field) => field,
                None => text(s.title.clone()).size(15).into(),
            };
            let tracks = resolved.scene(i, VersionFilter::Both);
            let mut body = column![
                row![
                    container(text(when).size(11)).padding([2, 8]).style(theme::card),
                    title,
                    Space::new().width(Length::Fill),
                    container(
                        button(icon(Icon::Play, 14.0, None))
                            .padding(6)
                            .style(theme::icon_button)
                            .on_press_maybe((!tracks.is_empty()).then_some(Message::PlayScene(i)))
                    )
                    .id(format!("play-scene-{i}")),
                    button(text("Queue").size(12))
                        .padding([5, 10])
                        .style(theme::icon_button)
                        .on_press_maybe((!tracks.is_empty()).then_some(Message::QueueScene(i))),
                    button(text("M3U8").size(12))
                        .padding([5, 10])
                        .style(theme::icon_button)
                        .on_press_maybe((!tracks.is_empty()).then_some(Message::ExportScene(i))),
                    button(text("Rename").size(12))
                        .padding([5, 10])
                        .style(theme::icon_button)
                        .on_press(Message::Rename(Target::Scene(i))),
                    button(text("Delete").size(12))
                        .padding([5, 10])
                        .style(theme::icon_button)
                        .on_press(Message::Delete(Target::Scene(i))),
                ]
                .spacing(10)
                .align_y(Alignment::Center)
            ]
            .spacing(6);
            if let Some(note) = &s.note {
                body = body.push(text(note.clone()).size(12).style(muted));
            }
            for (k, &t) in tracks.iter().enumerate() {
                let small = |ic: Icon, name: &str, m: Message| {
                    container(
                        button(icon(ic, 12.0, None))
                            .padding(4)
                            .style(theme::icon_button)
                            .on_press(m),
                    )
                    .id(format!("scene-{i}-{name}-{k}"))
                };
                body = body.push(
                    row![
                        text(format!("{}.", k + 1))
                            .size(12)
                            .style(muted)
                            .width(Length::Fixed(24.0)),
                        text(library.tracks[t].title()).size(13).width(Length::Fill),
                        small(
                            Icon::Up,
                            "up",
                            Message::MoveSceneTrack {
                                scene: i,
                                from: k,
                                to: k.saturating_sub(1)
                            }
                        ),
                        small(
                            Icon::Down,
                            "down",
                            Message::MoveSceneTrack {
                                scene: i,
                                from: k,
                                to: k + 1
                            }
                        ),
                        small(Icon::Close, "remove", Message::RemoveSceneTrack { scene: i, index: k }),
                    ]
                    .spacing(6)
                    .align_y(Alignment::Center),
                );
            }
            if s.tracks.is_empty() {
                body = body.push(
                    text("Right-click a track and choose this scene to add it.")
                        .size(12)
                        .style(muted),
                );
            }
            list = list.push(container(body).padding([10, 14]).style(theme::card));
        }
        if hidden > 0 {
            list = list.push(
                row![
                    text(format!(
                        "{} hidden after episode {} (spoilers)",
                        count(hidden, "scene", "scenes"),
                        n.watched_up_to.unwrap_or(0)
                    ))
                    .size(13)
                    .style(muted),
                    button(text("Reveal").size(12))
                        .padding([5, 12])
                        .style(theme::secondary_button)
                        .on_press(Message::Reveal),
                ]
                .spacing(12)
                .align_y(Alignment::Center),
            );
        }
        let add = row![
            text_input("Ep", &self.new_episode)
                .id("new-scene-episode")
                .on_input(Message::NewSceneEpisode)
                .size(14)
                .padding([7, 10])
                .width(Length::Fixed(56.0)),
            text_input("New scene…", &self.new_scene)
                .id("new-scene-title")
                .on_input(Message::NewSceneTitle)
                .on_submit(Message::CreateScene)
                .size(14)
                .padding([7, 12])
                .width(Length::Fixed(240.0)),
            button(text("Add scene").size(13))
                .padding([7, 14])
                .style(theme::secondary_button)
                .on_press(Message::CreateScene),
        ]
        .spacing(8);
        column![header, list, add].spacing(12).into()
    }
}

fn rename_id(target: Target) -> String {
    match target {
        Target::Character(i) => format!("rename-character-{i}"),
        Target::Scene(i) => format!("rename-scene-{i}"),
    }
}

fn parse_colour(s: &str) -> Option<Color> {
    let hex = s.strip_prefix('#')?;
    let v = u32::from_str_radix(hex, 16).ok()?;
    (hex.len() == 6).then(|| Color::from_rgb8((v >> 16) as u8, (v >> 8) as u8, v as u8))
}
