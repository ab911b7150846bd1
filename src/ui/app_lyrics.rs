//! Lyrics for what plays: read off the window's thread when a track starts, and the
//! view kept on the current line while it plays.

use std::sync::Arc;

use iced::Task;
use iced::widget::Id;
use iced::widget::scrollable::AbsoluteOffset;

use super::app::{App, Message, Screen};
use super::bridge;
use super::screen::lyrics::{self, LINE_HEIGHT, SCROLL_ID};

impl App {
    pub(super) fn load_lyrics(&mut self) -> Task<Message> {
        let Some(path) = self.playback.current_entry().map(|e| e.spec.path.clone()) else {
            return Task::none();
        };
        if self.lyrics.as_ref().is_some_and(|(p, _)| *p == path) {
            return Task::none();
        }
        self.lyrics = None;
        let for_task = path.clone();
        Task::perform(
            bridge::blocking(move || crate::library::lyrics::for_file(&for_task).map(Arc::new)),
            move |lyrics| Message::LyricsLoaded(path.clone(), lyrics.flatten()),
        )
    }

    pub fn current_lyrics(&self) -> Option<&crate::library::lyrics::Lyrics> {
        let (path, lyrics) = self.lyrics.as_ref()?;
        let playing = self.playback.current_entry()?;
        (playing.spec.path == *path).then_some(lyrics.as_deref()).flatten()
    }

    /// When the highlighted line changes on the lyrics screen, scrolls it into the middle.
    pub(super) fn follow_lyrics(&mut self) -> Task<Message> {
        let line = lyrics::current_line(self.current_lyrics(), self.playback.position);
        if line == self.lyrics_line || !matches!(self.screen, Screen::Lyrics) {
            self.lyrics_line = line;
            return Task::none();
        }
        self.lyrics_line = line;
        let Some(line) = line else { return Task::none() };
        let y = (line as f32 * LINE_HEIGHT - self.window_size.height * 0.3).max(0.0);
        iced::widget::operation::scroll_to(Id::new(SCROLL_ID), AbsoluteOffset { x: 0.0, y })
    }
}
