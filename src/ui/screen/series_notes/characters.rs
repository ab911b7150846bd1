//! The characters section: a card per character with its leitmotif playlist, and the
//! field that adds one.

use iced::widget::{Row, Space, button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Color, Element, Length, Theme};

use super::cue_form::{CueOwner, span_button};
use super::{Message, State, Target, muted, parse_colour};
use crate::library::model::{Library, TrackIdx};
use crate::ost::note_lists::Resolved;
use crate::store::{Character, Role};
use crate::ui::notes::Notes;
use crate::ui::theme;
use crate::ui::widget::format::count;
use crate::ui::widget::icon::{Icon, icon};

impl State {
    pub(super) fn characters<'a>(
        &'a self,
        library: &'a Library,
        n: &'a Notes,
        resolved: &Resolved<'_>,
        now: Option<(TrackIdx, u64)>,
    ) -> Element<'a, Message> {
        let mut cards = Row::new().spacing(14);
        for (i, c) in n.notes.characters.iter().enumerate() {
            cards = cards.push(self.character_card(library, i, c, resolved, now));
        }
        let mut section = column![
            text("Characters").size(20),
            text("Right-click a track to make it a character's theme, variation or appearance.")
                .size(12)
                .style(muted),
        ]
        .spacing(10);
        if !n.notes.characters.is_empty() {
            section = section.push(scrollable(cards).direction(scrollable::Direction::Horizontal(
                scrollable::Scrollbar::new().width(4).scroller_width(4),
            )));
        }
        section.push(self.add_character()).into()
    }

    /// One character: colour dot, name, original name, note and counts (or the edit
    /// form), its tracks with their roles (× takes one out), and its actions.
    fn character_card<'a>(
        &'a self,
        library: &'a Library,
        i: usize,
        c: &'a Character,
        resolved: &Resolved<'_>,
        now: Option<(TrackIdx, u64)>,
    ) -> Element<'a, Message> {
        let tracks = resolved.character(i, self.filter);
        let themes = c.tracks.iter().filter(|(r, _)| *r == Role::Theme).count();
        let colour = c.colour.as_deref().and_then(parse_colour);
        let mut card = match self.edit_form(Target::Character(i)) {
            Some(form) => column![form],
            None => column![
                row![colour_dot(colour), text(c.name.clone()).size(16)]
                    .spacing(8)
                    .align_y(Alignment::Center),
                text(c.original_name.clone().unwrap_or_default()).size(12).style(muted),
                text(c.note.clone().unwrap_or_default()).size(12).style(muted),
            ],
        }
        .spacing(4)
        .width(Length::Fixed(330.0));
        card = card.push(
            text(format!(
                "{} · {}",
                count(themes, "theme", "themes"),
                count(tracks.len(), "track", "tracks")
            ))
            .size(12)
            .style(muted),
        );
        for (k, &t) in tracks.iter().enumerate() {
            let role = resolved
                .characters_of(t)
                .into_iter()
                .find(|(c, _)| *c == i)
                .map(|(_, r)| r.as_str())
                .unwrap_or_default();
            let title = library.track(t).map(|t| t.title()).unwrap_or_default();
            let reference = resolved.reference_of(i, t);
            // A timed statement: its span, which plays the track from there.
            let span = reference.and_then(|r| span_button(r, t, false, format!("cue-play-{i}-{k}")));
            // …and finds where else it recurs.
            let find = reference.and_then(|r| {
                let at = r.at_ms?;
                Some(
                    container(
                        button(icon(Icon::Search, 12.0, None))
                            .padding(3)
                            .style(theme::icon_button)
                            .on_press(Message::FindFromCue {
                                character: i,
                                track: t,
                                at_ms: at,
                                until_ms: r.until_ms,
                            }),
                    )
                    .id(format!("cue-find-{i}-{k}")),
                )
            });
            card = card.push(
                row![
                    text(role).size(11).style(muted).width(Length::Fixed(66.0)),
                    crate::ui::widget::fit::line(title, 12.0, crate::ui::widget::fit::plain),
                ]
                .push(span)
                .push(find)
                .push(
                    container(
                        button(icon(Icon::Clock, 12.0, None))
                            .padding(3)
                            .style(theme::icon_button)
                            .on_press(Message::EditCue { character: i, track: t }),
                    )
                    .id(format!("cue-edit-{i}-{k}")),
                )
                .push(
                    container(
                        button(icon(Icon::Close, 10.0, None))
                            .padding(4)
                            .style(theme::icon_button)
                            .on_press(Message::Unassign { character: i, track: t }),
                    )
                    .id(format!("unassign-{i}-{k}")),
                )
                .spacing(6)
                .align_y(Alignment::Center),
            );
            if let Some(form) = self
                .cue
                .as_ref()
                .filter(|f| f.owner == CueOwner::Character(i) && f.track == t)
            {
                card = card.push(form.view(now.filter(|(playing, _)| *playing == t).map(|(_, ms)| ms)));
            }
        }
        let statements = resolved.reel(i).len();
        let story = resolved.story_reel(i).is_some();
        if statements > 0 {
            let mut reel = row![
                text(format!("Theme reel · {}", count(statements, "statement", "statements")))
                    .size(12)
                    .style(muted)
                    .width(Length::Fill),
                container(
                    button(
                        row![icon(Icon::Play, 11.0, None), text("Reel").size(12)]
                            .spacing(5)
                            .align_y(Alignment::Center)
                    )
                    .padding([4, 10])
                    .style(theme::secondary_button)
                    .on_press(Message::PlayReel(i))
                )
                .id(format!("play-reel-{i}")),
            ]
            .spacing(4)
            .align_y(Alignment::Center);
            // The Reel plays the release order; where scenes use the tracks, the story's
            // order is offered too.
            if story {
                reel = reel.push(
                    container(
                        button(text("Story order").size(12))
                            .padding([4, 8])
                            .style(theme::icon_button)
                            .on_press(Message::PlayStoryReel(i)),
                    )
                    .id(format!("story-reel-{i}")),
                );
            }
            reel = reel.push(
                container(
                    button(text("Save reel").size(12))
                        .padding([4, 8])
                        .style(theme::icon_button)
                        .on_press(Message::SaveReel(i)),
                )
                .id(format!("save-reel-{i}")),
            );
            card = card.push(reel);
        }
        card = card.push(character_actions(i, !tracks.is_empty()));
        container(card).padding(14).style(theme::card).into()
    }

    fn add_character<'a>(&'a self) -> Element<'a, Message> {
        row![
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
        .spacing(8)
        .into()
    }
}

/// The character's colour (the accent when it has none) as a small round dot.
fn colour_dot<'a>(colour: Option<Color>) -> Element<'a, Message> {
    container(Space::new().width(Length::Fixed(10.0)).height(Length::Fixed(10.0)))
        .style(move |t: &Theme| container::Style {
            background: Some(colour.unwrap_or(theme::accent(t)).into()),
            border: iced::Border {
                radius: 5.0.into(),
                ..iced::Border::default()
            },
            ..container::Style::default()
        })
        .into()
}

/// Play, queue and export (only when the playlist has tracks), rename, delete.
fn character_actions<'a>(i: usize, has_tracks: bool) -> Element<'a, Message> {
    let when_tracks = |m: Message| has_tracks.then_some(m);
    row![
        container(
            button(
                row![icon(Icon::Play, 12.0, None), text("Play").size(12)]
                    .spacing(6)
                    .align_y(Alignment::Center)
            )
            .padding([5, 12])
            .style(theme::secondary_button)
            .on_press_maybe(when_tracks(Message::PlayCharacter(i)))
        )
        .id(format!("play-character-{i}")),
        button(text("Queue").size(12))
            .padding([5, 8])
            .style(theme::icon_button)
            .on_press_maybe(when_tracks(Message::QueueCharacter(i))),
        button(text("M3U8").size(12))
            .padding([5, 8])
            .style(theme::icon_button)
            .on_press_maybe(when_tracks(Message::ExportCharacter(i))),
        container(
            button(text("Edit").size(12))
                .padding([5, 8])
                .style(theme::icon_button)
                .on_press(Message::Edit(Target::Character(i)))
        )
        .id(format!("edit-character-{i}")),
        button(text("Delete").size(12))
            .padding([5, 8])
            .style(theme::icon_button)
            .on_press(Message::Delete(Target::Character(i))),
    ]
    .spacing(4)
    .into()
}
