//! The app's memory: restoring the last session, saving it and the settings.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, PoisonError};
use std::time::Duration;

use iced::Task;

use super::{App, Message, Screen};
use crate::library::model::{AlbumIdx, SeriesIdx};
use crate::ui::playback;
use crate::ui::screen::{albums, queue, series_grid, series_page, tracks};
use crate::ui::session::{self, SavedScreen, Session};

impl App {
    pub(super) fn restore(&mut self, session: Session) {
        self.playback.shuffle = session.shuffle;
        let specs = session.queue.iter().map(session::SavedTrack::to_spec);
        let entries = playback::entries_for_specs(&self.library, specs);
        if !entries.is_empty() && !self.launched_with_files {
            let start = session.current.unwrap_or(0);
            self.playback
                .play(entries, start, Duration::from_millis(session.position_ms), true);
        }
        // A search typed while the library loaded stays on screen; clearing it leads to
        // the screen the session restores.
        let restored = self.screen_for(session.screen);
        if self.query.trim().is_empty() {
            self.show(restored);
        } else {
            self.before_search = Some(restored);
        }
    }

    pub(super) fn saved_focus(&self, focus: series_page::Focus) -> SavedScreen {
        match focus {
            series_page::Focus::Series(s) => SavedScreen::SeriesPage {
                name: self.library.series_at(s).map(|s| s.name.clone()).unwrap_or_default(),
            },
            series_page::Focus::Album(a) => SavedScreen::Album {
                key: self.library.album(a).map(|a| a.key.clone()).unwrap_or_default(),
            },
        }
    }

    pub(super) fn screen_for(&self, saved: SavedScreen) -> Screen {
        match saved {
            SavedScreen::Series => Screen::Series(series_grid::State::default()),
            SavedScreen::SeriesPage { name } => {
                match self.library.series.iter().position(|s| s.name == name).map(SeriesIdx) {
                    Some(s) => Screen::SeriesPage(series_page::State::new(series_page::Focus::Series(s))),
                    None => Screen::Series(series_grid::State::default()),
                }
            }
            SavedScreen::Album { key } => match self.library.albums.iter().position(|a| a.key == key).map(AlbumIdx) {
                Some(a) => Screen::SeriesPage(series_page::State::new(series_page::Focus::Album(a))),
                None => Screen::Series(series_grid::State::default()),
            },
            SavedScreen::Albums => Screen::Albums(albums::State::default()),
            SavedScreen::Tracks => Screen::Tracks(tracks::State::default()),
            SavedScreen::Queue => Screen::Queue(queue::State::default()),
            SavedScreen::Lyrics => Screen::Lyrics,
            SavedScreen::Playlists => Screen::Playlists(Default::default()),
            SavedScreen::Settings => Screen::Settings,
        }
    }

    pub fn session(&self) -> Session {
        let screen = match self.before_search.as_ref().unwrap_or(&self.screen) {
            Screen::Series(_) => SavedScreen::Series,
            Screen::SeriesPage(state) => self.saved_focus(state.focus),
            Screen::Albums(_) => SavedScreen::Albums,
            Screen::Tracks(_) => SavedScreen::Tracks,
            Screen::Queue(_) => SavedScreen::Queue,
            Screen::Lyrics => SavedScreen::Lyrics,
            Screen::Playlists(_) => SavedScreen::Playlists,
            Screen::Settings => SavedScreen::Settings,
        };
        Session {
            width: self.window_size.width,
            height: self.window_size.height,
            screen,
            current: self.playback.current().map(|c| c.0),
            position_ms: self.playback.position.as_millis() as u64,
            repeat: self.playback.repeat,
            shuffle: self.playback.shuffle,
            queue: self
                .playback
                .specs()
                .iter()
                .map(session::SavedTrack::from_spec)
                .collect(),
        }
    }

    pub(super) fn save_session_in_background(&self) -> Task<Message> {
        let Some(path) = self.files.session.clone() else {
            return Task::none();
        };
        let session = self.session();
        Task::perform(
            crate::ui::bridge::blocking(move || session::save(Some(&path), &session).err()),
            |r| Message::SessionSaved(r.flatten()),
        )
    }

    /// Written off the window's thread, whole. Two quick changes write on two threads:
    /// a write older than the last one written is skipped, so the newest settings win.
    pub(super) fn save_settings(&mut self) {
        static ASKED: AtomicU64 = AtomicU64::new(0);
        static WRITTEN: Mutex<u64> = Mutex::new(0);
        let seq = ASKED.fetch_add(1, Ordering::Relaxed) + 1;
        let (path, settings) = (self.files.settings.clone(), self.settings.clone());
        self.jobs.file_then("Settings could not be saved", move || {
            let mut written = WRITTEN.lock().unwrap_or_else(PoisonError::into_inner);
            if seq > *written {
                session::save(path.as_deref(), &settings)?;
                *written = seq;
            }
            Ok(crate::ui::stored::Stored::Nothing)
        });
    }

    /// The close button (or the desktop's Quit): the session and settings are written,
    /// off the window's thread, and then the window closes.
    pub(super) fn close(&mut self, id: iced::window::Id) -> Task<Message> {
        // Written before the window goes (off this thread, then closed): closing
        // with the close button keeps the session.
        let (files, settings, saved) = (self.files.clone(), self.settings.clone(), self.session());
        let write = crate::ui::bridge::blocking(move || {
            for e in [
                session::save(files.settings.as_deref(), &settings).err(),
                session::save(files.session.as_deref(), &saved).err(),
            ]
            .into_iter()
            .flatten()
            {
                eprintln!("leitmotif: the session could not be saved: {e}");
            }
        });
        Task::perform(write, |_| ()).discard().chain(iced::window::close(id))
    }
}

/// How often the session is saved while a track plays.
pub(super) const SAVE_EVERY: std::time::Duration = std::time::Duration::from_secs(30);

/// `Message::Terminate` each time the system asks the app to end: SIGTERM (logout,
/// shutdown, `kill`), SIGINT (Ctrl+C in a terminal), SIGHUP (the terminal closed).
pub(super) fn termination() -> impl iced::futures::Stream<Item = Message> {
    iced::stream::channel(1, async |mut out: iced::futures::channel::mpsc::Sender<Message>| {
        use iced::futures::SinkExt;
        #[cfg(unix)]
        {
            use tokio::signal::unix::{SignalKind, signal};
            let kinds = [SignalKind::terminate(), SignalKind::interrupt(), SignalKind::hangup()];
            let mut signals: Vec<_> = kinds.into_iter().filter_map(|k| signal(k).ok()).collect();
            if !signals.is_empty() {
                loop {
                    let any = iced::futures::future::select_all(signals.iter_mut().map(|s| Box::pin(s.recv())));
                    let _ = any.await;
                    if out.send(Message::Terminate).await.is_err() {
                        return;
                    }
                }
            }
        }
        std::future::pending::<()>().await;
    })
}
