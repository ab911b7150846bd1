//! The app's side of the theme finder: a span marked on the waveform, the search run
//! on the store worker (never the window's thread), previews played as cuts, and a
//! match kept as a timed cue of a character of the query's series.

use super::App;
use crate::library::model::TrackIdx;
use crate::ost::note_lists::{Resolved, Statement};
use crate::ost::theme_search::{self, Found, Query};
use crate::store::Cue;
use crate::ui::notes::Edit;
use crate::ui::screen::theme_finder::{self, Event};
use crate::ui::stored::Stored;

/// What a search was for: an answer for another question is dropped.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Asked {
    pub track: TrackIdx,
    pub from: f32,
    pub to: f32,
    pub all: bool,
}

impl Asked {
    fn of(f: &theme_finder::State) -> Self {
        Asked {
            track: f.track,
            from: f.from,
            to: f.to,
            all: f.all,
        }
    }
}

impl App {
    /// A span was dragged out on the playing track's waveform.
    pub(super) fn select_span(&mut self, from: f32, to: f32) {
        self.selection = self
            .playback
            .current_entry()
            .map(|e| (e.spec.path.clone(), from.min(to), from.max(to)));
    }

    /// The span marked on the playing track, if it is still the one playing.
    pub fn selected_span(&self) -> Option<(f32, f32)> {
        let (path, from, to) = self.selection.as_ref()?;
        let playing = self.playback.current_entry()?;
        (playing.spec.path == *path && !self.playing_a_cut()).then_some((*from, *to))
    }

    /// "Find this theme" on the playing track: its marked span, or all of it.
    pub(super) fn find_theme(&mut self) {
        let Some(track) = self.playback.current_track() else {
            self.notify(
                "Only tracks in the library can be searched for",
                vec!["Add the file's folder in Settings › Library folders.".into()],
            );
            return;
        };
        let length = self.playback.duration().map_or(0.0, |d| d.as_secs_f32());
        let (from, to) = self.selected_span().unwrap_or((0.0, length));
        if let Some(series) = self.series_of(track) {
            self.load_notes(series);
        }
        let character = self.notes_of(track).and_then(|(series, notes)| {
            Resolved::new(&self.library, series, &notes.notes)
                .characters_of(track)
                .first()
                .map(|(c, _)| *c)
        });
        self.open_finder(track, from, to, character);
    }

    /// The finder's panel on `from`–`to` (seconds) of `track`, matches kept as cues of
    /// `character` unless another is chosen.
    pub(super) fn open_finder(&mut self, track: TrackIdx, from: f32, to: f32, character: Option<usize>) {
        self.finder = Some(theme_finder::State::new(track, from, to, character));
        self.search_theme();
    }

    fn search_theme(&mut self) {
        let Some(f) = &self.finder else {
            return;
        };
        let asked = Asked::of(f);
        let library = self.library.clone();
        self.jobs.store_then("The theme could not be searched", move |s| {
            let q = Query {
                track: asked.track,
                from: asked.from,
                to: Some(asked.to),
                all: asked.all,
                min_score: theme_search::POSSIBLE,
            };
            Ok(Stored::ThemeFound(asked, theme_search::search(s, &library, q)))
        });
    }

    pub(super) fn theme_found(&mut self, asked: Asked, result: Result<Found, String>) {
        let Some(f) = self.finder.as_mut() else {
            return;
        };
        if Asked::of(f) == asked {
            f.found(result);
        }
    }

    pub(super) fn finder_message(&mut self, message: theme_finder::Message) {
        let Some(event) = self.finder.as_mut().and_then(|f| f.update(message)) else {
            return;
        };
        match event {
            Event::Search => self.search_theme(),
            Event::Close => self.finder = None,
            Event::Preview(m) => self.play_reel(&[Statement {
                track: m.track,
                at_ms: (m.start * 1000.0) as u64,
                until_ms: Some((m.end * 1000.0) as u64),
            }]),
            Event::Accept { found, character, role } => {
                let Some(f) = &self.finder else {
                    return;
                };
                let Some(series) = self.series_of(f.track) else {
                    return;
                };
                // The span as found, kept inside the track (its last frame may run over).
                let length = self.library.track(found.track).and_then(|t| t.fields.duration_ms);
                let until = (f64::from(found.end) * 1000.0) as u64;
                let cue = Cue {
                    at_ms: Some((f64::from(found.start) * 1000.0) as u64),
                    until_ms: Some(length.map_or(until, |l| until.min(l))),
                    note: (found.shift != 0).then(|| theme_finder::interval(found.shift).to_owned()),
                };
                self.edit_notes(
                    series,
                    Edit::AddStatement {
                        character,
                        track: found.track,
                        role,
                        cue,
                    },
                );
            }
        }
    }

    /// Per match, a character's statement it already is, if one covers most of it:
    /// the character and "Empress Yun · variation" (the chosen character's own is not
    /// offered to keep twice; another's is said).
    pub(super) fn finder_known(&self) -> Vec<Option<(usize, String)>> {
        let Some(f) = &self.finder else {
            return Vec::new();
        };
        let theme_finder::Status::Done(found) = &f.status else {
            return Vec::new();
        };
        let Some((series, notes)) = self.notes_of(f.track) else {
            return vec![None; found.matches.len()];
        };
        let resolved = Resolved::new(&self.library, series, &notes.notes);
        found
            .matches
            .iter()
            .map(|m| {
                let (from, to) = (f64::from(m.start) * 1000.0, f64::from(m.end) * 1000.0);
                let length = self.library.track(m.track).and_then(|t| t.fields.duration_ms);
                let mut held = resolved.statements_in(m.track);
                // The chosen character's own statement first.
                held.sort_by_key(|(c, ..)| Some(*c) != f.character);
                held.into_iter().find_map(|(c, role, at, until)| {
                    let until = until.or(length).unwrap_or(u64::MAX) as f64;
                    let shared = (to.min(until) - from.max(at as f64)).max(0.0);
                    (shared >= 0.5 * (to - from))
                        .then(|| (c, format!("{} · {}", notes.notes.characters[c].name, role.as_str())))
                })
            })
            .collect()
    }

    /// The names the finder's matches can be kept under: the query's series' characters.
    pub(super) fn finder_characters(&self) -> Vec<String> {
        let Some(f) = &self.finder else {
            return Vec::new();
        };
        self.notes_of(f.track)
            .map(|(_, n)| n.notes.characters.iter().map(|c| c.name.clone()).collect())
            .unwrap_or_default()
    }
}
