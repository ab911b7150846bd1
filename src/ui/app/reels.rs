//! Timed cues put to use: a track played from a cue, and a character's theme reel —
//! every statement's span one after another (short fades at the cuts), played or kept
//! as a playlist.

use std::time::Duration;

use super::App;
use crate::library::model::TrackIdx;
use crate::ost::note_lists::Statement;
use crate::player::TrackSpec;
use crate::store::PlaylistItem;
use crate::ui::playback::{self, QueueEntry};
use crate::ui::stored::Stored;

impl App {
    pub(super) fn play_from_cue(&mut self, track: TrackIdx, at_ms: u64) {
        let Some(entry) = QueueEntry::from_track(&self.library, track) else {
            return;
        };
        self.replace_queue_from(vec![entry], 0, Duration::from_millis(at_ms), false);
    }

    /// The statements as cuts of their tracks: the track's own spec (a CUE track's
    /// slice of its image), moved to the statement's span.
    fn reel_specs(&self, statements: &[Statement]) -> Vec<TrackSpec> {
        statements
            .iter()
            .filter_map(|s| {
                let whole = QueueEntry::from_track(&self.library, s.track)?.spec;
                let offset = whole.start.unwrap_or_default();
                Some(TrackSpec {
                    start: Some(offset + Duration::from_millis(s.at_ms)),
                    end: s.until_ms.map(|u| offset + Duration::from_millis(u)).or(whole.end),
                    fade: true,
                    ..whole
                })
            })
            .collect()
    }

    pub(super) fn play_reel(&mut self, statements: &[Statement]) {
        let specs = self.reel_specs(statements);
        let entries = playback::entries_for_specs(&self.library, specs);
        self.replace_queue(entries, 0, false);
    }

    pub(super) fn save_reel(&mut self, name: String, statements: &[Statement]) {
        let items: Vec<PlaylistItem> = self
            .reel_specs(statements)
            .iter()
            .map(crate::ui::user_playlists::to_item)
            .collect();
        let count = items.len();
        let saved = name.clone();
        self.jobs
            .store_then("The reel could not be saved; nothing was changed", move |s| {
                s.save_playlist(&name, &items)?;
                Ok(Stored::Playlists(s.playlists()?))
            });
        self.notify(
            "Theme reel saved",
            vec![format!("Playlists › {saved}: {count} statements")],
        );
    }
}
