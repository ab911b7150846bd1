//! The engine's events as the window takes them: the playback mirror follows, problems
//! become notices (one about the sound output at a time), a new track brings its lyrics
//! and its series' characters and scenes.

use iced::Task;

use super::{App, Message, OUTPUT_NOTICE};

/// The notice that gathers files that failed to play.
const PLAYBACK_NOTICE: &str = "Playback problem";
use crate::player;

impl App {
    pub(super) fn engine_event(&mut self, event: player::Event) -> Task<Message> {
        let started = matches!(event, player::Event::TrackStarted { .. });
        let output = matches!(
            event,
            player::Event::DeviceLost { .. } | player::Event::DeviceRestored | player::Event::DeviceFailed { .. }
        );
        if output {
            // One notice about the output at a time, gone once it plays again.
            self.notices.retain(|n| n.title != OUTPUT_NOTICE);
        }
        if let player::Event::TrackStarted { path, .. } = &event {
            self.resolved(path);
        }
        let listened = event.clone();
        let problem = self.playback.on_event(event);
        self.listen(&listened);
        if let Some(problem) = problem {
            let title = if output { OUTPUT_NOTICE } else { PLAYBACK_NOTICE };
            self.notify(title, vec![problem]);
        }
        let playing = self.playback.current_entry().map(|e| e.spec.path.clone());
        let shown = matches!(self.screen, super::Screen::Lyrics);
        let follow = self.lyrics.follow(
            playing.as_deref(),
            self.playback.position,
            shown,
            self.window_size.height,
        );
        if !started {
            return follow;
        }
        let series = self
            .playback
            .current_track()
            .map(|t| self.library.albums[self.library.tracks[t].album].series);
        if let Some(series) = series {
            self.load_notes(series);
        }
        self.load_waveform(false);
        let lyrics = self
            .lyrics
            .want(playing.as_deref())
            .map(|(p, l)| Message::LyricsLoaded(p, l));
        Task::batch([self.save_session_in_background(), lyrics])
    }
}

impl App {
    /// `path` plays now: it leaves the playback notice, which goes once empty.
    fn resolved(&mut self, path: &std::path::Path) {
        let Some(at) = self.notices.iter().position(|n| n.title == PLAYBACK_NOTICE) else {
            return;
        };
        let prefix = format!("{}: ", path.display());
        let notice = &mut self.notices[at];
        notice.details.retain(|d| !d.starts_with(&prefix));
        if notice.details.is_empty() {
            self.notices.remove(at);
        }
    }
}
