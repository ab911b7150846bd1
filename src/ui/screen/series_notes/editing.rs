//! Editing a character or a scene in place: the card's "Edit" opens its fields (a
//! character's name, name in the original script, colour and note; a scene's title,
//! episode, time into it and note), Save or Enter keeps them, Cancel drops them.
//! A field that doesn't read (a colour that isn't "#rrggbb", a time that isn't "m:ss")
//! is named and nothing is saved.

use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Message, Target, muted};
use crate::ost::edits::{Edit, Notes, parse_colour};
use crate::ost::sheet::{format_time, parse_time};

/// A card being edited: what its fields hold now.
#[derive(Debug, Clone, Default)]
pub struct Editing {
    pub target: Option<Target>,
    pub name: String,
    pub original: String,
    pub colour: String,
    pub note: String,
    pub episode: String,
    pub time: String,
    /// Why the last Save did nothing.
    pub problem: Option<String>,
}

/// Which field a keystroke went to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Name,
    Original,
    Colour,
    Note,
    Episode,
    Time,
}

impl Editing {
    /// The fields filled from what `notes` holds for `target`.
    pub fn open(target: Target, notes: Option<&Notes>) -> Self {
        let mut e = Editing {
            target: Some(target),
            ..Editing::default()
        };
        let Some(n) = notes else { return e };
        match target {
            Target::Character(i) => {
                if let Some(c) = n.notes.characters.get(i) {
                    e.name = c.name.clone();
                    e.original = c.original_name.clone().unwrap_or_default();
                    e.colour = c.colour.clone().unwrap_or_default();
                    e.note = c.note.clone().unwrap_or_default();
                }
            }
            Target::Scene(i) => {
                if let Some(s) = n.notes.scenes.get(i) {
                    e.name = s.title.clone();
                    e.episode = s.episode.to_string();
                    e.time = s.at_seconds.map(format_time).unwrap_or_default();
                    e.note = s.note.clone().unwrap_or_default();
                }
            }
        }
        e
    }

    pub fn set(&mut self, field: Field, value: String) {
        self.problem = None;
        match field {
            Field::Name => self.name = value,
            Field::Original => self.original = value,
            Field::Colour => self.colour = value,
            Field::Note => self.note = value,
            Field::Episode => self.episode = value.chars().filter(char::is_ascii_digit).collect(),
            Field::Time => self.time = value,
        }
    }

    /// The edits Save makes, or why it can't.
    pub fn edits(&self) -> Result<Vec<Edit>, String> {
        let Some(target) = self.target else {
            return Ok(Vec::new());
        };
        if self.name.trim().is_empty() {
            return Err("The name can't be empty.".into());
        }
        match target {
            Target::Character(character) => {
                if !self.colour.trim().is_empty() && parse_colour(&self.colour).is_none() {
                    return Err(format!(
                        "“{}” is not a colour: write it as #c0392b.",
                        self.colour.trim()
                    ));
                }
                Ok(vec![
                    Edit::RenameCharacter(character, self.name.clone()),
                    Edit::CharacterDetails {
                        character,
                        original_name: self.original.clone(),
                        colour: self.colour.clone(),
                        note: self.note.clone(),
                    },
                ])
            }
            Target::Scene(scene) => {
                let episode = self
                    .episode
                    .parse()
                    .ok()
                    .filter(|e| *e > 0)
                    .ok_or("The episode is a number from 1.")?;
                let at_seconds = match self.time.trim() {
                    "" => None,
                    t => Some(parse_time(t).ok_or_else(|| format!("“{t}” is not a time: write it as 12:30."))?),
                };
                Ok(vec![
                    Edit::RenameScene(scene, self.name.clone()),
                    Edit::SceneDetails {
                        scene,
                        episode,
                        at_seconds,
                        note: self.note.clone(),
                    },
                ])
            }
        }
    }

    /// The fields, Save and Cancel, shown in place of the card's title.
    pub fn view<'a>(&'a self) -> Element<'a, Message> {
        let field = |hint: &'static str, value: &'a str, which: Field, width: f32| {
            text_input(hint, value)
                .id(format!("edit-{}", field_id(which)))
                .on_input(move |v| Message::EditField(which, v))
                .on_submit(Message::SaveEdit)
                .size(13)
                .padding([5, 8])
                .width(Length::Fixed(width))
        };
        let fields = match self.target {
            Some(Target::Character(_)) => column![
                field("Name", &self.name, Field::Name, 300.0),
                field("Name in the original script", &self.original, Field::Original, 300.0),
                field("Colour (#c0392b)", &self.colour, Field::Colour, 140.0),
                field("Note", &self.note, Field::Note, 300.0),
            ],
            _ => column![
                field("Title", &self.name, Field::Name, 300.0),
                row![
                    field("Episode", &self.episode, Field::Episode, 80.0),
                    field("Time (12:30)", &self.time, Field::Time, 110.0),
                ]
                .spacing(6),
                field("Note", &self.note, Field::Note, 300.0),
            ],
        }
        .spacing(6);
        let mut form = column![
            fields,
            row![
                button(text("Save").size(12))
                    .padding([5, 12])
                    .style(crate::ui::theme::secondary_button)
                    .on_press(Message::SaveEdit),
                button(text("Cancel").size(12))
                    .padding([5, 8])
                    .style(crate::ui::theme::icon_button)
                    .on_press(Message::CancelEdit),
            ]
            .spacing(6)
            .align_y(Alignment::Center),
        ]
        .spacing(8);
        if let Some(problem) = &self.problem {
            form = form.push(text(problem.clone()).size(12).style(muted));
        }
        form.into()
    }
}

fn field_id(field: Field) -> &'static str {
    match field {
        Field::Name => "name",
        Field::Original => "original",
        Field::Colour => "colour",
        Field::Note => "note",
        Field::Episode => "episode",
        Field::Time => "time",
    }
}
