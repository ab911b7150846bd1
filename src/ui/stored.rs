//! The window's side of the store worker: work is sent from `update` (queued in the
//! app's [`Jobs`], sent when `update` returns) and its answer comes back as a
//! [`Stored`] message, so a write waiting behind a scan never freezes the window.
//! Work runs in the order it was sent: a read after a write sees the write.

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use super::app::{App, Message};
use super::app_menu::UndoFix;
use super::bridge;
use super::library_tasks;
use super::notes::Notes;
use super::playback::{self, QueueEntry};
use crate::store::{PlaylistItem, PlaylistSummary, Store, StoreWorker};

/// What the store worker answered.
#[derive(Debug, Clone)]
pub enum Stored {
    /// The work failed: the notice's title and why.
    Failed(&'static str, String),
    Playlists(Vec<PlaylistSummary>),
    PlaylistOpened(String, Vec<PlaylistItem>),
    /// A playlist's new order, shown once stored.
    PlaylistSaved(Vec<QueueEntry>),
    /// A series' annotations, read or just written.
    Notes(String, Notes),
    /// A series' annotations could not be read (why): asked again next time.
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
    /// Annotations changed wholesale (the demo's sheet): read them again when shown.
    NotesChanged,
    /// A sheet was imported (what the notice says): annotations read again.
    Imported(String),
    /// Files dropped on the window or handed over by another launch, listed (folders
    /// and CUE sheets expanded): played at once, or queued.
    Expanded {
        entries: Vec<QueueEntry>,
        problems: Vec<String>,
        play: bool,
    },
    Nothing,
}

/// Work the window hands to other threads during `update`: the store worker's and
/// file tasks', collected here and returned with `update`'s own task. Children of the
/// app take it to send their work without knowing the app.
#[derive(Default)]
pub struct Jobs {
    /// The thread that owns the database for the window (`None`: no database, tests).
    store: Option<StoreWorker>,
    tasks: Vec<Task<Message>>,
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
            Message::Stored(match answer.and_then(|r| r) {
                Ok(stored) => stored,
                Err(e) => Stored::Failed(failure, e),
            })
        }));
    }

    /// Runs `work` (file I/O that is not the database's) on a thread of its own; an
    /// error becomes a notice titled `failure`.
    pub fn file_then(&mut self, failure: &'static str, work: impl FnOnce() -> Result<Stored, String> + Send + 'static) {
        self.tasks.push(Task::perform(bridge::blocking(work), move |answer| {
            Message::Stored(match answer {
                Some(Ok(stored)) => stored,
                Some(Err(e)) => Stored::Failed(failure, e),
                None => Stored::Failed(failure, "the work stopped unexpectedly".into()),
            })
        }));
    }

    /// Any other task to return with `update`'s own.
    pub fn push(&mut self, task: Task<Message>) {
        self.tasks.push(task);
    }

    /// Tasks queued during `update`, to be returned with its own.
    pub fn take(&mut self) -> Task<Message> {
        Task::batch(std::mem::take(&mut self.tasks))
    }
}

impl App {
    /// Lists `paths` (folders and CUE sheets expanded) off this thread, then plays
    /// them (`play`) or adds them to the queue.
    pub(super) fn expand_paths(&mut self, paths: Vec<PathBuf>, play: bool) {
        let library = self.library.clone();
        self.jobs.file_then("The files could not be read", move || {
            let (entries, problems) = playback::entries_for_paths(&library, &paths);
            Ok(Stored::Expanded {
                entries,
                problems,
                play,
            })
        });
    }

    /// Loads the library again through the worker (after folders or grouping changed).
    pub(super) fn reload_library(&mut self) {
        if let Some(worker) = self.jobs.worker() {
            let load = library_tasks::load(worker).map(Message::LibraryLoaded);
            self.jobs.push(load);
        }
    }

    pub(super) fn stored(&mut self, stored: Stored) -> Task<Message> {
        match stored {
            Stored::Failed(title, error) => self.notify(title, vec![error]),
            Stored::Playlists(lists) => self.playlists.listed(lists),
            Stored::PlaylistOpened(name, items) => {
                if self.open_playlist_name() == Some(name.as_str()) {
                    self.playlists.opened(&self.library, &items);
                }
            }
            Stored::PlaylistSaved(entries) => self.playlists.saved(entries),
            Stored::Notes(series, notes) => self.notes.insert(series, notes),
            Stored::NotesUnread(series, error) => {
                self.notes.forget_asked(&series);
                self.notify("The series' characters and scenes could not be read", vec![error]);
            }
            Stored::FixSaved(undo) => return self.fix_saved(undo),
            Stored::FixUndone(undo) => return self.fix_undone(&undo),
            Stored::FixUndoFailed(undo, error) => {
                self.notify("The fix could not be undone", vec![error]);
                self.undo_fixes.push(undo);
            }
            Stored::Reload => self.reload_library(),
            Stored::RootAdded => return self.start_scan(),
            Stored::DemoInstalled(root) => {
                self.demo_sheet_pending = true;
                self.demo_root = Some(root);
                return self.start_scan();
            }
            Stored::Said(title, details) => self.notify(&title, details),
            Stored::NotesChanged => self.notes.clear(),
            Stored::Imported(title) => {
                self.notes.clear();
                self.notify(&title, Vec::new());
            }
            Stored::Expanded {
                entries,
                problems,
                play,
            } => {
                if play {
                    if !problems.is_empty() {
                        self.notify("Some files could not be played", problems);
                    }
                    self.playback.play(entries, 0, std::time::Duration::ZERO, false);
                } else {
                    if !problems.is_empty() {
                        self.notify("Some dropped files could not be queued", problems);
                    }
                    self.playback.append(entries);
                }
            }
            Stored::Nothing => {}
        }
        Task::none()
    }
}

/// The store worker for the database at `path`; a thread that cannot start is a notice.
pub(super) fn start_store(
    path: Option<&std::path::Path>,
    notices: &mut Vec<super::app::Notice>,
) -> Option<crate::store::StoreWorker> {
    match crate::store::StoreWorker::start(path?.to_path_buf()) {
        Ok(worker) => Some(worker),
        Err(e) => {
            notices.push(super::app::Notice {
                title: "The library database could not be opened".into(),
                details: vec![format!("its thread did not start: {e}")],
                expanded: false,
            });
            None
        }
    }
}
