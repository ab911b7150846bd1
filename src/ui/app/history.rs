//! Listening history in the window: the engine's events counted by Last.fm's rule
//! (`library::listening`), each play or skip written the moment it counts; favourites
//! marked with ♥ or Ctrl+L. The history is read on the store worker, where tracks
//! moved since are found again by their audio.

use std::sync::Arc;
use std::time::Duration;

use crate::library::history::{self, Favoured, History, now};
use crate::library::identity;
use crate::library::listening::Counted;
use crate::library::model::{Library, TrackIdx};
use crate::player;
use crate::ui::stored::Stored;

use super::App;

/// What the window counts plays of: file, CUE entry and the track, if in the library.
pub type Heard = (String, u32, Option<TrackIdx>);

impl App {
    /// Reads the history for the library on show (after a load).
    pub(super) fn load_history(&mut self) {
        let library = self.library.clone();
        self.jobs
            .store_then("The listening history could not be read", move |s| {
                let err = |e: crate::store::StoreError| e.to_string();
                let mut rows = s.listening().map_err(err)?;
                let moved = history::moved(&library, &rows);
                for (from, to) in &moved {
                    s.move_listening((&from.0, from.1), (&to.0, to.1)).map_err(err)?;
                }
                if !moved.is_empty() {
                    rows = s.listening().map_err(err)?;
                }
                let favourites = s.favourites().map_err(err)?;
                let read = History::new(&library, &rows, &favourites);
                Ok(Stored::History(library, Arc::new(read)))
            });
    }

    pub(super) fn history_read(&mut self, library: Arc<Library>, read: Arc<History>) {
        if Arc::ptr_eq(&library, &self.library) {
            self.listened = Arc::unwrap_or_clone(read);
            self.history_changed();
        }
    }

    /// What a query shows of the history follows it at once (a live smart list).
    fn history_changed(&mut self) {
        self.refresh_smart();
        if self.query_asks(crate::library::query::Expr::needs_history) {
            self.refresh_results();
        }
    }

    /// Feeds an engine event to the listening count (after the playback mirror took it).
    pub(super) fn listen(&mut self, event: &player::Event) {
        let counted = match event {
            player::Event::TrackStarted { duration, .. } => {
                let heard = self.heard_now();
                self.listening.started(heard, *duration, Duration::ZERO)
            }
            player::Event::Position { position, .. } => self.listening.position(*position),
            player::Event::Seeked { position, .. }
            | player::Event::Paused { position }
            | player::Event::Resumed { position } => {
                self.listening.jumped(*position);
                None
            }
            player::Event::Stopped | player::Event::QueueEnded => {
                self.listening.stopped();
                None
            }
            _ => None,
        };
        if let Some(counted) = counted {
            self.count(counted);
        }
    }

    /// The playing entry as the count names it (`None` for a reel's cut).
    fn heard_now(&self) -> Option<Heard> {
        if self.playing_a_cut() {
            return None;
        }
        let entry = self.playback.current_entry()?;
        let cue = entry
            .track
            .and_then(|t| self.library.track(t))
            .map_or(0, |t| t.fields.cue_index);
        Some((entry.spec.path.to_string_lossy().into_owned(), cue, entry.track))
    }

    fn count(&mut self, counted: Counted<Heard>) {
        let (play, (path, cue, track)) = match counted {
            Counted::Play(h) => (true, h),
            Counted::Skip(h) => (false, h),
        };
        let at = now();
        if let Some(t) = track {
            self.listened.count(t, play, at);
            self.history_changed();
        }
        self.jobs.store_then("A play could not be recorded", move |s| {
            // The audio key lets the history follow the file if it moves.
            let audio = identity::audio_key(std::path::Path::new(&path), cue).ok();
            let written = match play {
                true => s.record_play(&path, cue, audio.as_deref(), at),
                false => s.record_skip(&path, cue, audio.as_deref(), at),
            };
            written.map(|()| Stored::Nothing).map_err(|e| e.to_string())
        });
    }

    /// ♥ `what`, or takes the ♥ back.
    pub(super) fn toggle_favourite(&mut self, what: Favoured) {
        let on = !match what {
            Favoured::Track(t) => self.listened.is_favourite_track(t),
            Favoured::Album(a) => self.listened.is_favourite_album(a),
            Favoured::Series(s) => self.listened.is_favourite_series(s),
        };
        let Some((kind, key)) = self.listened.set_favourite(&self.library, what, on) else {
            return;
        };
        self.history_changed();
        let at = now();
        self.jobs.store_then("The favourite could not be kept", move |s| {
            s.set_favourite(kind, &key, on, at)
                .map(|()| Stored::Nothing)
                .map_err(|e| e.to_string())
        });
    }

    /// A page's "♡ Favourite" and Alt+L: its series or album.
    pub(super) fn favourite_page(&mut self, focus: crate::ui::screen::series_page::Focus) {
        use crate::ui::screen::series_page::Focus;
        self.toggle_favourite(match focus {
            Focus::Series(s) => Favoured::Series(s),
            Focus::Album(a) => Favoured::Album(a),
        });
    }

    /// Ctrl+L and the bar's ♥: the playing track, else the selected one.
    pub(super) fn favourite_current(&mut self) {
        if let Some(t) = self.playback.current_track().or_else(|| self.selected_track()) {
            self.toggle_favourite(Favoured::Track(t));
        }
    }

    /// Is the playing track (itself) a favourite? `None` when none from the library plays.
    pub(super) fn playing_favourite(&self) -> Option<bool> {
        let t = self.playback.current_track()?;
        Some(self.listened.is_favourite_track(t))
    }
}
