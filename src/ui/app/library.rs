//! The app's library side: loading, scanning, library folders and playback settings.

use std::sync::Arc;

use iced::Task;

use std::path::PathBuf;

use super::files::pick_folder;
use super::{App, Message, ScanState, Screen};
use crate::library::search::SearchIndex;
use crate::player::ReplayGainSettings;
use crate::ui::library_tasks::{self, Loaded, ScanUpdate};
use crate::ui::playback;
use crate::ui::screen::settings;
use crate::ui::stored::Stored;

impl App {
    pub(super) fn settings_event(&mut self, event: settings::Event) -> Task<Message> {
        match event {
            settings::Event::AddFolder => return pick_folder(),
            settings::Event::RemoveFolder(path) => {
                self.jobs.store_then("The folder could not be removed", move |s| {
                    s.remove_root(&path)?;
                    Ok(Stored::Reload)
                });
            }
            settings::Event::Rescan => return self.start_scan(),
            settings::Event::ReplayGain(mode) => {
                self.settings.replay_gain = mode;
                self.apply_replay_gain();
                self.save_settings();
            }
            settings::Event::GainSource(source) => {
                self.settings.gain_source = source;
                self.apply_replay_gain();
                self.save_settings();
            }
            settings::Event::Device(name) => {
                self.settings.device = name.clone();
                self.save_settings();
                self.playback.set_device(name);
            }
            settings::Event::BitPerfect(on) => {
                self.settings.bit_perfect = on;
                self.save_settings();
                self.playback.set_bit_perfect(on);
            }
            settings::Event::Analyse(on) => {
                self.settings.analyse = on;
                self.save_settings();
                return if on {
                    self.start_analysis()
                } else {
                    self.stop_analysis()
                };
            }
            settings::Event::Names(names) => {
                self.settings.names = names;
                self.save_settings();
            }
            settings::Event::Theme(choice) => {
                self.settings.theme = choice;
                self.save_settings();
            }
        }
        Task::none()
    }

    pub(super) fn apply_replay_gain(&mut self) {
        let settings = ReplayGainSettings {
            mode: self.settings.replay_gain,
            source: self.settings.gain_source,
            ..ReplayGainSettings::default()
        };
        self.playback.set_replay_gain(settings);
    }

    pub(super) fn add_folder(&mut self, folder: PathBuf) -> Task<Message> {
        self.jobs.store_then("The folder could not be added", move |s| {
            library_tasks::add_root(s, &folder)?;
            Ok(Stored::RootAdded)
        });
        Task::none()
    }

    pub fn start_scan(&mut self) -> Task<Message> {
        self.begin_scan(None, false)
    }

    pub(super) fn scan_update(&mut self, update: ScanUpdate) -> Task<Message> {
        match update {
            ScanUpdate::Progress { seen, read, path } => {
                let quiet = self.scan.as_ref().is_some_and(|s| s.quiet);
                self.scan = Some(ScanState {
                    quiet,
                    seen,
                    read,
                    path,
                });
                Task::none()
            }
            ScanUpdate::Done(result) => {
                let quiet = self.scan.take().is_some_and(|s| s.quiet);
                let mut reload = !quiet;
                self.pause_analysis(false);
                match result {
                    Ok(summary) => {
                        let was_reachable = |path: &str| self.roots.iter().any(|r| r.path == path && r.available);
                        // A quiet scan tells of a folder gone away once, when it goes.
                        let gone_away =
                            |r: &&crate::library::scan::RootStatus| !r.available && (!quiet || was_reachable(&r.path));
                        reload |=
                            summary.changed || summary.roots.iter().any(|r| r.available != was_reachable(&r.path));
                        let mut details: Vec<String> = summary
                            .roots
                            .iter()
                            .filter(gone_away)
                            .map(|r| format!("{}: not reachable; its tracks are kept", r.path))
                            .collect();
                        // Files that failed before and are unchanged were told then (and
                        // stay listed in Settings): only what this scan found is news.
                        details.extend(summary.new_errors.iter().map(|e| format!("{}: {}", e.path, e.error)));
                        let n = summary.new_errors.len();
                        self.unreadable = summary.errors.clone();
                        // An unplugged folder alone is not a file that could not be read.
                        let title = match n {
                            0 => "A library folder is not reachable; its tracks are kept".to_owned(),
                            1 => "Scan finished: 1 file could not be read".to_owned(),
                            n => format!("Scan finished: {n} files could not be read"),
                        };
                        if !details.is_empty() {
                            self.notify(&title, details);
                        }
                    }
                    Err(e) => self.notify("The scan failed", vec![e]),
                }
                if reload {
                    self.reload_library();
                }
                self.scan_waiting_changes()
            }
        }
    }

    pub(super) fn library_loaded(&mut self, loaded: Arc<Loaded>) -> Task<Message> {
        self.loading = false;
        // Indexes from the previous load mean nothing in the new one: remember what the
        // screen and the queue point at by name and path, and find them again.
        let focus = match (&self.screen, self.open_after_load.take()) {
            // A fix renamed or merged the series on show: follow it.
            (Screen::SeriesPage(_), Some(name)) => Some(crate::ui::session::SavedScreen::SeriesPage { name }),
            (Screen::SeriesPage(state), None) => Some(self.saved_focus(state.focus)),
            _ => None,
        };
        self.library = loaded.library.clone();
        self.forget_facts();
        self.listened = Default::default();
        self.load_history();
        let index = match &loaded.search {
            Some(search) => {
                self.search_index = search.clone();
                Task::none()
            }
            None => {
                // Until the index comes, search finds nothing rather than stale indexes.
                self.search_index = Arc::new(SearchIndex::default());
                library_tasks::index(self.library.clone())
                    .and_then(|(library, index)| Task::done(Message::Indexed(library, index)))
            }
        };
        self.album_order = loaded.album_order.clone();
        self.roots = loaded.roots.clone();
        self.covers.reset();
        self.apply_sort();
        if let Some(saved) = focus {
            let screen = self.screen_for(saved);
            self.show(screen);
        }
        let specs = self.playback.specs();
        if !specs.is_empty() {
            let fresh = playback::entries_for_specs(&self.library, specs);
            for (entry, fresh) in self.playback.entries_mut().zip(fresh) {
                entry.track = fresh.track;
            }
        }
        let mut catch_up = Task::none();
        if let Some(session) = self.pending_session.take() {
            self.restore(session);
            if self.roots.is_empty() && self.library.tracks.is_empty() {
                self.jobs.store_then("The demo soundtrack could not be set up", |s| {
                    Ok(Stored::DemoInstalled(library_tasks::install_demo(s)?))
                });
            } else if !self.roots.is_empty() {
                // What changed while the window was closed (the watcher sees only
                // what happens while it runs).
                catch_up = self.begin_scan(None, true);
            }
        }
        self.playlists.refresh(&mut self.jobs);
        self.load_smart_lists();
        self.read_file_tags();
        if self.demo_sheet_pending && !self.library.series.is_empty() {
            self.demo_sheet_pending = false;
            self.apply_demo_sheet();
        }
        Task::batch([index, self.start_analysis(), catch_up])
    }

    /// First run: the demo's characters and scenes, from the sheet bundled with it.
    fn apply_demo_sheet(&mut self) {
        let Some((_, bytes)) = crate::library::demo::FILES
            .iter()
            .find(|(name, _)| name.ends_with(".sheet.toml"))
        else {
            return;
        };
        let text = String::from_utf8_lossy(bytes).into_owned();
        let library = self.library.clone();
        self.jobs
            .store_then("The demo's characters and scenes could not be set up", move |s| {
                crate::ost::sheet::import(s, &library, &text, true).map_err(|e| e.to_string())?;
                Ok(Stored::NotesChanged)
            });
    }
}
