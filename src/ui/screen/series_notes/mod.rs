//! The series page's soundtrack sections: characters (with their leitmotif playlists)
//! and scenes (story order, spoiler guard, reorderable tracks), and the vocal /
//! instrumental filter they all play through.

mod characters;
mod cue_form;
mod editing;
mod scenes;

use iced::widget::{Column, Row, button, column, row, text};
use iced::{Alignment, Color, Element, Length, Theme};

use crate::library::model::{Library, SeriesIdx, TrackIdx};
use crate::ost::note_lists::{Resolved, Statement, VersionFilter};
use crate::ui::notes::{Edit, Notes};
use crate::ui::theme;

#[derive(Debug, Clone)]
pub enum Message {
    Filter(VersionFilter),
    NewCharacter(String),
    CreateCharacter,
    NewSceneEpisode(String),
    NewSceneTitle(String),
    CreateScene,
    /// "Edit" on a card: its fields open in place.
    Edit(Target),
    EditField(editing::Field, String),
    SaveEdit,
    CancelEdit,
    /// The × beside a track on a character's card.
    Unassign {
        character: usize,
        track: TrackIdx,
    },
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
    MoveSceneTrack {
        scene: usize,
        from: usize,
        to: usize,
    },
    RemoveSceneTrack {
        scene: usize,
        index: usize,
    },
    /// A statement's time on a character's card: play the track from there.
    PlayFromCue {
        track: TrackIdx,
        at_ms: u64,
    },
    /// The finder on a character's timed statement: where else it recurs.
    FindFromCue {
        character: usize,
        track: TrackIdx,
        at_ms: u64,
        until_ms: Option<u64>,
    },
    /// The ⏱ on a character's track: its timed cue opens for editing.
    EditCue {
        character: usize,
        track: TrackIdx,
    },
    /// The ⏱ on a scene's entry: where in the track the scene uses it.
    EditSceneCue {
        scene: usize,
        index: usize,
        track: TrackIdx,
    },
    CueField(cue_form::CueField, String),
    SaveCue,
    CancelCue,
    /// Every timed statement of the character, one after another.
    PlayReel(usize),
    /// The same in story order (the scenes' episodes).
    PlayStoryReel(usize),
    /// The reel kept as a playlist of its own.
    SaveReel(usize),
    Watched(String),
    /// Enter in the watched field: taken, nothing more to do.
    WatchedEntered,
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
    /// Several edits, made in order (a card's Save: its name, then its details).
    Edits(Vec<Edit>),
    Play(Vec<TrackIdx>),
    Queue(Vec<TrackIdx>),
    /// Save these tracks as an M3U8 playlist named `name`.
    Export {
        name: String,
        tracks: Vec<TrackIdx>,
    },
    ImportSheet,
    ExportSheet,
    /// Play `track` from `at_ms` in.
    PlayFrom {
        track: TrackIdx,
        at_ms: u64,
    },
    /// Play these statements as one queue of cuts.
    PlayReel(Vec<Statement>),
    /// Find where this span of `track` (a character's statement) recurs.
    FindTheme {
        character: usize,
        track: TrackIdx,
        at_ms: u64,
        until_ms: Option<u64>,
    },
    /// Keep these statements as playlist `name`.
    SaveReel {
        name: String,
        statements: Vec<Statement>,
    },
}

#[derive(Debug, Clone, Default)]
pub struct State {
    pub filter: VersionFilter,
    new_character: String,
    new_episode: String,
    new_scene: String,
    // Boxed: the form's fields would make every screen as large as a series page.
    editing: Option<Box<editing::Editing>>,
    /// Show scenes past "watched up to" for this visit.
    revealed: bool,
    watched_text: Option<String>,
    /// A character's timed cue being edited.
    cue: Option<cue_form::CueForm>,
}

impl State {
    pub fn update(
        &mut self,
        message: Message,
        library: &Library,
        series: SeriesIdx,
        notes: Option<&Notes>,
    ) -> Option<Event> {
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
            Message::Edit(target) => self.editing = Some(Box::new(editing::Editing::open(target, notes))),
            Message::EditField(field, value) => {
                if let Some(e) = self.editing.as_mut() {
                    e.set(field, value);
                }
            }
            Message::SaveEdit => {
                let e = self.editing.as_mut()?;
                match e.edits() {
                    Ok(edits) => {
                        self.editing = None;
                        return Some(Event::Edits(edits));
                    }
                    Err(problem) => e.problem = Some(problem),
                }
            }
            Message::CancelEdit => self.editing = None,
            Message::Unassign { character, track } => {
                return Some(Event::Edit(Edit::Unassign { character, track }));
            }
            Message::Delete(Target::Character(i)) => return Some(Event::Edit(Edit::DeleteCharacter(i))),
            Message::Delete(Target::Scene(i)) => return Some(Event::Edit(Edit::DeleteScene(i))),
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
            Message::PlayFromCue { track, at_ms } => return Some(Event::PlayFrom { track, at_ms }),
            Message::FindFromCue {
                character,
                track,
                at_ms,
                until_ms,
            } => {
                return Some(Event::FindTheme {
                    character,
                    track,
                    at_ms,
                    until_ms,
                });
            }
            Message::EditCue { character, track } => {
                let n = notes?;
                let resolved = Resolved::new(library, series, &n.notes);
                self.cue = Some(cue_form::CueForm::open(
                    cue_form::CueOwner::Character(character),
                    track,
                    resolved.reference_of(character, track),
                    library,
                ));
            }
            Message::EditSceneCue { scene, index, track } => {
                let n = notes?;
                let reference = n.notes.scenes.get(scene)?.tracks.get(index);
                self.cue = Some(cue_form::CueForm::open(
                    cue_form::CueOwner::Scene { scene, index },
                    track,
                    reference,
                    library,
                ));
            }
            Message::CueField(field, value) => {
                if let Some(form) = self.cue.as_mut() {
                    form.set(field, value);
                }
            }
            Message::SaveCue => {
                let form = self.cue.as_mut()?;
                match form.edit() {
                    Ok(edit) => {
                        self.cue = None;
                        return Some(Event::Edit(edit));
                    }
                    Err(problem) => form.problem = Some(problem),
                }
            }
            Message::CancelCue => self.cue = None,
            Message::PlayStoryReel(i) => {
                let n = notes?;
                let statements = Resolved::new(library, series, &n.notes).story_reel(i)?;
                return Some(Event::PlayReel(statements));
            }
            Message::PlayReel(i) | Message::SaveReel(i) => {
                let n = notes?;
                let statements = Resolved::new(library, series, &n.notes).reel(i);
                if statements.is_empty() {
                    return None;
                }
                return Some(match message {
                    Message::SaveReel(_) => Event::SaveReel {
                        name: format!("{} — theme reel", n.notes.characters.get(i)?.name),
                        statements,
                    },
                    _ => Event::PlayReel(statements),
                });
            }
            Message::WatchedEntered => {}
            Message::PlayCharacter(_)
            | Message::PlayScene(_)
            | Message::QueueCharacter(_)
            | Message::QueueScene(_)
            | Message::ExportCharacter(_)
            | Message::ExportScene(_)
            | Message::PlayMood(_)
            | Message::PlayInstrument(_) => return self.tracks_event(message, library, series, notes?),
        }
        None
    }

    /// Play, queue or export the tracks a character, scene, mood or instrument
    /// resolves to under the current filter; `None` when the index is gone.
    fn tracks_event(&self, message: Message, library: &Library, series: SeriesIdx, notes: &Notes) -> Option<Event> {
        let resolved = Resolved::new(library, series, &notes.notes);
        let n = &notes.notes;
        match message {
            Message::PlayCharacter(i) => Some(Event::Play(resolved.character(i, self.filter))),
            Message::PlayScene(i) => Some(Event::Play(resolved.scene(i, self.filter))),
            Message::QueueCharacter(i) => Some(Event::Queue(resolved.character(i, self.filter))),
            Message::QueueScene(i) => Some(Event::Queue(resolved.scene(i, self.filter))),
            Message::ExportCharacter(i) => Some(Event::Export {
                name: n.characters.get(i)?.name.clone(),
                tracks: resolved.character(i, self.filter),
            }),
            Message::ExportScene(i) => {
                let s = n.scenes.get(i)?;
                Some(Event::Export {
                    name: format!("Ep {} - {}", s.episode, s.title),
                    tracks: resolved.scene(i, self.filter),
                })
            }
            Message::PlayMood(i) => Some(Event::Play(resolved.label(n.moods.get(i)?, self.filter))),
            Message::PlayInstrument(i) => Some(Event::Play(resolved.label(n.instruments.get(i)?, self.filter))),
            _ => None,
        }
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

    pub fn view<'a>(
        &'a self,
        library: &'a Library,
        series: SeriesIdx,
        notes: Option<&'a Notes>,
        now: Option<(TrackIdx, u64)>,
    ) -> Element<'a, Message> {
        let n = notes.unwrap_or(&NO_NOTES);
        let resolved = Resolved::new(library, series, &n.notes);
        column![
            self.characters(library, n, &resolved, now),
            self.scenes(library, n, &resolved, now),
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

    /// The edit form, when `target`'s card is the one being edited.
    fn edit_form<'a>(&'a self, target: Target) -> Option<Element<'a, Message>> {
        let e = self.editing.as_ref()?;
        (e.target == Some(target)).then(|| e.view())
    }
}

fn parse_colour(s: &str) -> Option<Color> {
    crate::ost::edits::parse_colour(s).map(|(r, g, b)| Color::from_rgb8(r, g, b))
}

/// Secondary text (subtitles, counts, hints) in the theme's muted colour.
fn muted(t: &Theme) -> text::Style {
    text::Style {
        color: Some(theme::muted(t)),
    }
}
