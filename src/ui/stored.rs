//! The window's side of the store worker: work is sent from `update` (queued in
//! [`Jobs`], which the app and its children share, and sent when `update` returns) and
//! its answer comes back as a [`Stored`] value the app routes, so a write waiting
//! behind a scan never freezes the window. Work runs in the order it was sent: a read
//! after a write sees the write. Knows nothing of the app's messages.

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use super::bridge;
use super::notes::Notes;
use super::playback::QueueEntry;
use super::screen::series_fixes::Fix;
use crate::store::{PlaylistItem, PlaylistSummary, Store, StoreWorker};

/// A fix to grouping as stored, with what it replaced: setting `previous` back undoes it.
#[derive(Debug)]
pub struct UndoFix {
    pub fix: Fix,
    pub previous: Option<String>,
}

/// What the store worker answered.
#[derive(Debug, Clone)]
pub enum Stored {
    /// The work failed: the notice's title and why.
    Failed(&'static str, String),
    Playlists(Vec<PlaylistSummary>),
    PlaylistOpened(String, Vec<PlaylistItem>),
    /// A playlist's new order, shown once stored.
    PlaylistSaved(Vec<QueueEntry>),
    /// A series' notes, read or just written.
    Notes(String, Notes),
    /// A series' notes could not be read (why): asked again next time.
    NotesUnread(String, String),
    FixSaved(Arc<UndoFix>),
    FixUndone(Arc<UndoFix>),
    FixUndoFailed(Arc<UndoFix>, String),
    /// Library folders changed: load the library again.
    Reload,
    /// A folder was added: scan it.
    RootAdded,
    /// First run: the demo is written and added (its folder as the roots record it).
    DemoInstalled(PathBuf),
    /// A notice to show, nothing else to do (a sheet imported, rejected, exported).
    Said(String, Vec<String>),
    /// Notes changed wholesale (the demo's sheet): read them again when shown.
    NotesChanged,
    /// A sheet was imported (what the notice says): notes read again.
    Imported(String),
    /// Files dropped on the window or handed over by another launch, listed (folders
    /// and CUE sheets expanded): played at once, or queued.
    Expanded {
        entries: Vec<QueueEntry>,
        problems: Vec<String>,
        intent: super::single_instance::Intent,
    },
    /// Tags read from queued files outside the library.
    FileTags(Vec<(PathBuf, Arc<crate::store::TrackFields>)>),
    /// Every tag in a track's file, for its info panel (or why it could not be read).
    TagList(crate::library::model::TrackIdx, Result<Vec<(String, String)>, String>),
    /// The shape the analysis kept of a file's track (CUE entry), if any.
    Waveform(PathBuf, u32, Option<Arc<crate::analysis::features::Waveform>>),
    /// The theme finder's answer to what it was asked.
    ThemeFound(crate::ui::app::Asked, Result<crate::ost::theme_search::Found, String>),
    /// Every series' notes as the search reads them, and the notes generation asked at.
    QueryFacts(u64, Arc<crate::ost::query::Facts>),
    /// The saved smart playlists: (name, query).
    SmartPlaylists(Vec<(String, String)>),
    /// The listening history and favourites of this library.
    History(
        Arc<crate::library::model::Library>,
        Arc<crate::library::history::History>,
    ),
    Nothing,
}

/// Work the window hands to other threads during `update`: the store worker's and
/// file tasks', collected here and returned with `update`'s own task. Children of the
/// app take it to send their work without knowing the app.
#[derive(Default)]
pub struct Jobs {
    /// The thread that owns the database for the window (`None`: no database, tests).
    store: Option<StoreWorker>,
    tasks: Vec<Task<Stored>>,
}

impl Jobs {
    pub fn new(store: Option<StoreWorker>) -> Self {
        Self {
            store,
            tasks: Vec::new(),
        }
    }

    /// Whether there is a database to send work to.
    pub fn has_store(&self) -> bool {
        self.store.is_some()
    }

    pub fn worker(&self) -> Option<&StoreWorker> {
        self.store.as_ref()
    }

    /// Sends `work` to the store worker; its answer arrives as `Message::Stored`, an
    /// error as a notice titled `failure`. Without a database (tests), nothing is sent.
    pub fn store_then(
        &mut self,
        failure: &'static str,
        work: impl FnOnce(&mut Store) -> Result<Stored, String> + Send + 'static,
    ) {
        let Some(worker) = self.store.clone() else {
            return;
        };
        self.tasks.push(Task::perform(worker.call(work), move |answer| {
            match answer.and_then(|r| r) {
                Ok(stored) => stored,
                Err(e) => Stored::Failed(failure, e),
            }
        }));
    }

    /// Runs `work` (file I/O that is not the database's) on a thread of its own; an
    /// error becomes a notice titled `failure`.
    pub fn file_then(&mut self, failure: &'static str, work: impl FnOnce() -> Result<Stored, String> + Send + 'static) {
        self.tasks
            .push(Task::perform(bridge::blocking(work), move |answer| match answer {
                Some(Ok(stored)) => stored,
                Some(Err(e)) => Stored::Failed(failure, e),
                None => Stored::Failed(failure, "the work stopped unexpectedly".into()),
            }));
    }

    /// Tasks queued during `update`, to be returned with its own: their answers.
    pub fn take(&mut self) -> Task<Stored> {
        Task::batch(std::mem::take(&mut self.tasks))
    }
}
