//! Lyrics for what plays: read off the window's thread when a track starts, and the
//! lyrics screen kept on the current line while it plays. Owns what it read and the
//! line it last showed; the app tells it what plays and where.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use iced::Task;
use iced::widget::Id;
use iced::widget::scrollable::AbsoluteOffset;

use super::bridge;
use super::screen::lyrics::{self, LINE_HEIGHT, SCROLL_ID};
use crate::library::lyrics::Lyrics;

/// Lyrics read for a file (`None`: it has none).
pub type Read = (PathBuf, Option<Arc<Lyrics>>);

#[derive(Default)]
pub struct LyricsPane {
    read: Option<Read>,
    line: Option<usize>,
}

impl LyricsPane {
    /// Reads the lyrics of `playing` unless they are here; they come back through
    /// [`LyricsPane::loaded`].
    pub fn want(&mut self, playing: Option<&Path>) -> Task<Read> {
        let Some(path) = playing.map(Path::to_path_buf) else {
            return Task::none();
        };
        if self.read.as_ref().is_some_and(|(p, _)| *p == path) {
            return Task::none();
        }
        self.read = None;
        let for_task = path.clone();
        Task::perform(
            bridge::blocking(move || crate::library::lyrics::for_file(&for_task).map(Arc::new)),
            move |lyrics| (path.clone(), lyrics.flatten()),
        )
    }

    /// Lyrics were read: kept if they are still the playing file's.
    pub fn loaded(&mut self, (path, lyrics): Read, playing: Option<&Path>) {
        if playing == Some(path.as_path()) {
            self.read = Some((path, lyrics));
            self.line = None;
        }
    }

    /// The lyrics of `playing`, once read.
    pub fn current(&self, playing: Option<&Path>) -> Option<&Lyrics> {
        let (path, lyrics) = self.read.as_ref()?;
        (playing == Some(path.as_path())).then_some(lyrics.as_deref()).flatten()
    }

    /// The line highlighted last.
    pub fn line(&self) -> Option<usize> {
        self.line
    }

    /// When the highlighted line changes while the lyrics are `shown` (in a view
    /// `height` tall), scrolls it into the upper middle.
    pub fn follow<M: Send + 'static>(
        &mut self,
        playing: Option<&Path>,
        position: Duration,
        shown: bool,
        height: f32,
    ) -> Task<M> {
        let line = lyrics::current_line(self.current(playing), position);
        let changed = line != self.line;
        self.line = line;
        let Some(line) = line.filter(|_| changed && shown) else {
            return Task::none();
        };
        let y = (line as f32 * LINE_HEIGHT - height * 0.3).max(0.0);
        iced::widget::operation::scroll_to(Id::new(SCROLL_ID), AbsoluteOffset { x: 0.0, y })
    }
}
