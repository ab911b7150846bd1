//! The app's side of what the store worker and file threads answer: each answer
//! routed to the child that owns the state, or acted on here.

use std::path::PathBuf;

use iced::Task;

use crate::ui::library_tasks;
use crate::ui::playback;
use crate::ui::single_instance::Intent;
use crate::ui::stored::Stored;

use super::{App, Message};

impl App {
    /// Lists `paths` (folders and CUE sheets expanded) off this thread, then plays
    /// them (`play`) or adds them to the queue.
    pub(super) fn expand_paths(&mut self, paths: Vec<PathBuf>, intent: Intent) {
        let library = self.library.clone();
        self.jobs.file_then("The files could not be read", move || {
            let (mut entries, problems) = playback::entries_for_paths(&library, &paths);
            let read = playback::read_file_tags(&playback::untagged(&entries));
            playback::fill_file_tags(entries.iter_mut(), &read);
            Ok(Stored::Expanded {
                entries,
                problems,
                intent,
            })
        });
    }

    /// Reads the tags of queued files outside the library (named at launch, restored
    /// from the last session) off this thread, to show them as the library's are.
    pub(super) fn read_file_tags(&mut self) {
        let entries: Vec<_> = self.playback.entries().cloned().collect();
        let paths = playback::untagged(&entries);
        if paths.is_empty() {
            return;
        }
        self.jobs.file_then("The files' tags could not be read", move || {
            Ok(Stored::FileTags(playback::read_file_tags(&paths)))
        });
    }

    /// Opens `track`'s info panel and reads its file's own tags off this thread.
    pub(super) fn open_info(&mut self, track: crate::library::model::TrackIdx) {
        self.info = Some(track);
        self.info_tags = None;
        let Some(path) = self.library.track(track).map(|t| t.path.clone()) else {
            return;
        };
        self.jobs.file_then("The file's tags could not be read", move || {
            Ok(Stored::TagList(track, crate::library::tag_list::read(&path)))
        });
    }

    /// Loads the library again through the worker (after folders or grouping changed).
    pub(super) fn reload_library(&mut self) {
        if let Some(worker) = self.jobs.worker() {
            let load = library_tasks::load(worker).map(Message::LibraryLoaded);
            self.outbox.push(load);
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
            Stored::Notes(series, notes) => {
                self.facts_follow(&series, &notes.notes);
                self.notes.insert(series, notes);
            }
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
            Stored::FileTags(read) => playback::fill_file_tags(self.playback.entries_mut(), &read),
            Stored::Waveform(path, cue, wave) => {
                if self.waveform.as_ref().is_some_and(|(p, c, _)| *p == path && *c == cue) {
                    self.waveform = Some((path, cue, wave));
                }
            }
            Stored::ThemeFound(asked, found) => self.theme_found(asked, found),
            Stored::QueryFacts(generation, facts) => self.facts_read(generation, facts),
            Stored::History(library, read) => self.history_read(library, read),
            Stored::SmartPlaylists(saved) => self.smart_listed(saved),
            Stored::TagList(track, tags) => {
                if self.info == Some(track) {
                    self.info_tags = Some(tags);
                }
            }
            Stored::RootAdded => return self.start_scan(),
            Stored::DemoInstalled(root) => {
                self.demo_sheet_pending = true;
                self.demo_root = Some(root);
                return self.start_scan();
            }
            Stored::Said(title, details) => self.notify(&title, details),
            Stored::NotesChanged => {
                self.notes.clear();
                self.forget_facts();
            }
            Stored::Imported(title) => {
                self.notes.clear();
                self.forget_facts();
                self.notify(&title, Vec::new());
            }
            Stored::Expanded {
                entries,
                problems,
                intent,
            } => {
                if !problems.is_empty() {
                    self.notify("Some files could not be played", problems);
                }
                match intent {
                    Intent::Play => self.replace_queue(entries, 0, false),
                    Intent::PlayNext => self.playback.insert_next(entries),
                    Intent::Enqueue => self.playback.append(entries),
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
    notices: &mut Vec<super::Notice>,
) -> Option<crate::store::StoreWorker> {
    match crate::store::StoreWorker::start(path?.to_path_buf()) {
        Ok(worker) => Some(worker),
        Err(e) => {
            notices.push(super::Notice::new(
                "The library database could not be opened",
                vec![format!("its thread did not start: {e}")],
            ));
            None
        }
    }
}
