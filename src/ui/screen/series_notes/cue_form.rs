//! A timed cue, edited in place under its track's row — a character's statement (where
//! the theme is stated) or a scene's use of a track (where the scene plays it): from
//! (`at`), to (`until`) and how (a note). A time that doesn't read, an end
//! before the start or past the track is named and nothing is saved; empty times make
//! the whole track the statement again.

use iced::widget::{button, column, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::{Message, muted};
use crate::library::model::{Library, TrackIdx};
use crate::ost::edits::Edit;
use crate::ost::sheet::{cue_problem, format_ms};
use crate::store::{Cue, TrackRef};
use crate::ui::widget::format::duration_ms;

/// Whose cue the form edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueOwner {
    Character(usize),
    /// Entry `index` of scene `scene` (its place among the scene's references).
    Scene {
        scene: usize,
        index: usize,
    },
}

#[derive(Debug, Clone)]
pub struct CueForm {
    pub owner: CueOwner,
    pub track: TrackIdx,
    pub at: String,
    pub until: String,
    pub note: String,
    /// The track's title and length, to check times against and name it.
    title: String,
    length_ms: Option<u64>,
    pub problem: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueField {
    At,
    Until,
    Note,
}

impl CueForm {
    /// The form for `owner`'s cue `reference` in `track`.
    pub fn open(owner: CueOwner, track: TrackIdx, reference: Option<&TrackRef>, library: &Library) -> Self {
        let (title, length_ms) = library
            .track(track)
            .map(|t| (t.title(), t.fields.duration_ms))
            .unwrap_or_else(|| ("the track".to_owned(), None));
        let time = |ms: Option<u64>| ms.map(format_ms).unwrap_or_default();
        CueForm {
            owner,
            track,
            at: time(reference.and_then(|r| r.at_ms)),
            until: time(reference.and_then(|r| r.until_ms)),
            note: reference.and_then(|r| r.cue_note.clone()).unwrap_or_default(),
            title,
            length_ms,
            problem: None,
        }
    }

    pub fn set(&mut self, field: CueField, value: String) {
        self.problem = None;
        match field {
            CueField::At => self.at = value,
            CueField::Until => self.until = value,
            CueField::Note => self.note = value,
        }
    }

    /// The edit Save makes, or why it can't.
    pub fn edit(&self) -> Result<Edit, String> {
        let time = |label: &str, s: &str| -> Result<Option<u64>, String> {
            let s = s.trim();
            if s.is_empty() {
                return Ok(None);
            }
            crate::store::parse_cue_time(s)
                .map(Some)
                .ok_or_else(|| format!("{label} \"{s}\" is not m:ss or m:ss.mmm"))
        };
        let at = time("From", &self.at)?;
        let until = time("To", &self.until)?;
        if at.is_none() && until.is_some() {
            return Err("A cue needs a start (From) for its end".into());
        }
        let cue = Cue {
            at_ms: at,
            until_ms: until,
            note: Some(self.note.trim().to_owned()).filter(|n| !n.is_empty() && at.is_some()),
        };
        let probe = TrackRef {
            title: self.title.clone(),
            ..TrackRef::default()
        }
        .with_cue(&cue);
        if let Some(problem) = cue_problem(&probe, self.length_ms) {
            return Err(capitalised(&problem));
        }
        Ok(match self.owner {
            CueOwner::Character(character) => Edit::SetCue {
                character,
                track: self.track,
                cue,
            },
            CueOwner::Scene { scene, index } => Edit::SetSceneCue {
                scene,
                index,
                track: self.track,
                cue,
            },
        })
    }

    /// The form; `now` is where this track is playing (ms), for the "now" buttons.
    pub fn view<'a>(&'a self, now: Option<u64>) -> Element<'a, Message> {
        let field = |placeholder: &'static str, value: &'a str, f: CueField, id: &'static str, width: f32| {
            text_input(placeholder, value)
                .id(id)
                .on_input(move |v| Message::CueField(f, v))
                .on_submit(Message::SaveCue)
                .size(12)
                .padding([4, 8])
                .width(Length::Fixed(width))
        };
        let mut form = column![
            row![
                field("from 2:13", &self.at, CueField::At, "cue-at", 86.0),
                field("to 2:41", &self.until, CueField::Until, "cue-until", 86.0),
                field("how (erhu, slower)", &self.note, CueField::Note, "cue-note", 140.0),
            ]
            .spacing(4),
            row![
                button(text("Save").size(12))
                    .padding([4, 10])
                    .on_press(Message::SaveCue),
                now_button("From now", CueField::At, now, "cue-at-now"),
                now_button("To now", CueField::Until, now, "cue-until-now"),
                button(text("Cancel").size(12))
                    .padding([4, 10])
                    .style(crate::ui::theme::icon_button)
                    .on_press(Message::CancelCue),
            ]
            .spacing(4)
            .align_y(Alignment::Center),
        ]
        .spacing(4);
        if let Some(problem) = &self.problem {
            form = form.push(text(problem.clone()).size(11).style(muted));
        }
        form.into()
    }
}

/// A timed reference's span ("0:12–0:20", "from 0:12", with its note when `noted`) as
/// a button that plays `track` from the cue; `None` for a whole-track reference.
pub(super) fn span_button<'a>(r: &TrackRef, track: TrackIdx, noted: bool, id: String) -> Option<Element<'a, Message>> {
    let at = r.at_ms?;
    let mut label = match r.until_ms {
        Some(until) => format!("{}–{}", duration_ms(at), duration_ms(until)),
        None => format!("from {}", duration_ms(at)),
    };
    if let Some(note) = r.cue_note.as_ref().filter(|_| noted) {
        label = format!("{label} · {note}");
    }
    Some(
        iced::widget::container(
            button(text(label).size(11))
                .padding([2, 6])
                .style(crate::ui::theme::secondary_button)
                .on_press(Message::PlayFromCue { track, at_ms: at }),
        )
        .id(id)
        .into(),
    )
}

/// Sets a time field to where the track is playing; shown only while it plays.
fn now_button<'a>(label: &'static str, field: CueField, now: Option<u64>, id: &'static str) -> Element<'a, Message> {
    match now {
        Some(ms) => iced::widget::container(
            button(text(label).size(12))
                .padding([4, 8])
                .style(crate::ui::theme::secondary_button)
                .on_press(Message::CueField(field, format_ms(ms))),
        )
        .id(id)
        .into(),
        None => iced::widget::Space::new().into(),
    }
}

fn capitalised(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}
