//! The app's side of a series' notes: which series (by index) a load or an edit is
//! for, and what the now-playing bar says of the playing track.

use crate::library::model::{SeriesIdx, TrackIdx};
use crate::ost::note_lists::{Resolved, TimedCue};
use crate::ui::notes::{Edit, Notes};

use super::App;

impl App {
    /// Asks for the notes of series `series` (an index); returns its name.
    pub fn load_notes(&mut self, series: SeriesIdx) -> Option<String> {
        let name = self.library.series_at(series)?.name.clone();
        self.notes.load(&name, &mut self.jobs);
        Some(name)
    }

    /// Applies `edit` to series `series` (an index).
    pub fn edit_notes(&mut self, series: SeriesIdx, edit: Edit) {
        let Some(name) = self.library.series_at(series).map(|s| s.name.clone()) else {
            return;
        };
        self.notes.edit(name, edit, &self.library, &mut self.jobs);
    }

    /// The playing track's timed cues (scenes past "watched up to" left out).
    pub fn now_playing_cues(&self) -> Vec<TimedCue> {
        let Some(track) = self.playback.current_track() else {
            return Vec::new();
        };
        if self.playing_a_cut() {
            return Vec::new();
        }
        let Some((series, notes)) = self.notes_of(track) else {
            return Vec::new();
        };
        Resolved::new(&self.library, series, &notes.notes).cues_of(track, notes.watched_up_to)
    }

    /// The series `track` belongs to.
    pub(super) fn series_of(&self, track: TrackIdx) -> Option<SeriesIdx> {
        Some(self.library.album(self.library.track(track)?.album)?.series)
    }

    /// The series of `track` and its notes, once read.
    pub(super) fn notes_of(&self, track: TrackIdx) -> Option<(SeriesIdx, &Notes)> {
        let series = self.series_of(track)?;
        let notes = self.notes.get(&self.library.series_at(series)?.name)?;
        Some((series, notes))
    }

    /// What plays is a cut of its track (a reel's statement): the bar spans the cut, so
    /// the whole track's shape and cue marks would not line up with it.
    pub(super) fn playing_a_cut(&self) -> bool {
        self.playback.current_entry().is_some_and(|e| e.spec.fade)
    }

    /// "Lee Hwan · theme · Ep 4 · The confession" for the playing track.
    pub fn now_playing_notes(&self) -> Option<String> {
        let track = self.playback.current_track()?;
        let (series, notes) = self.notes_of(track)?;
        let resolved = Resolved::new(&self.library, series, &notes.notes);
        let mut parts: Vec<String> = resolved
            .characters_of(track)
            .into_iter()
            .map(|(c, role)| format!("{} · {}", notes.notes.characters[c].name, role.as_str()))
            .collect();
        parts.extend(
            resolved
                .scenes_of(track)
                .into_iter()
                .filter(|&s| !crate::ost::note_lists::is_hidden(&notes.notes.scenes[s], notes.watched_up_to))
                .map(|s| format!("Ep {} · {}", notes.notes.scenes[s].episode, notes.notes.scenes[s].title)),
        );
        (!parts.is_empty()).then(|| parts.join(" · "))
    }
}
