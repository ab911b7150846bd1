//! The application: state, messages, update and subscriptions. Screens own their
//! messages and report upward through events; the engine, the scanner and the cover
//! worker reach the window as streams of messages.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::keyboard;
use iced::theme::Mode;
use iced::{Point, Size, Subscription, Task, event, window};

use super::covers::Covers;
use super::library_tasks::{self, ScanUpdate};
use super::media_link::{self, MediaLink};
use super::notes::NotesCache;
use super::playback::{self, Link, Playback};
use super::screen::{lyrics, playlists, queue, series_grid, series_page, settings};
use super::session::{self, Session, Settings};
use super::shortcuts;
use super::single_instance::Intent;
use crate::library::lyrics::Lyrics;
use crate::library::model::{AlbumIdx, Library, TrackIdx};
use crate::library::search::SearchIndex;
use crate::store::Root;

mod analysis;
mod controls;
mod engine;
mod files;
mod finder;
mod history;
mod library;
mod menu;
mod menu_lines;
mod navigation;
mod notes;
mod persist;
mod query;
mod reels;
mod screens;
mod smart;
mod stored;
mod types;
mod view;
mod watch;

pub use finder::Asked;
pub use types::*;

/// Everything the application starts from. Tests build one by hand (a recorder for a
/// link, no store); `ui::run` builds the real one.
pub struct Boot {
    /// The library, when already loaded (tests); `None` loads it from `store_path`.
    pub library: Option<Library>,
    pub roots: Vec<Root>,
    pub link: Link,
    /// The library database; `None` keeps the app from loading or scanning (tests).
    pub store_path: Option<PathBuf>,
    pub cache_dir: Option<PathBuf>,
    pub files: session::Files,
    pub settings: Settings,
    pub session: Session,
    /// Files named on the command line, played once the library is loaded.
    pub play: Vec<PathBuf>,
    pub notices: Vec<Notice>,
    /// The desktop's media controls, when they could be started.
    pub media: Option<MediaLink>,
}

/// The window's state. Fields are the app's own (its children own theirs); the few
/// left public are what the flow tests drive and read.
pub struct App {
    pub library: Arc<Library>,
    search_index: Arc<SearchIndex>,
    /// Album indexes sorted by title, for the Albums screen.
    album_order: Vec<AlbumIdx>,
    pub all_tracks: Vec<TrackIdx>,
    /// How All tracks and search results are sorted (`None`: the library's order and
    /// the best matches first).
    track_sort: Option<crate::ui::widget::track_list::Sorted>,
    roots: Vec<Root>,
    pub screen: Screen,
    pub playback: Playback,
    covers: Covers,
    pub query: String,
    pub results: Vec<TrackIdx>,
    /// The search's words (folded), lit up in the results.
    found_words: Vec<String>,
    /// Why the query in the search box does not read ("column 7: …"), said beside it.
    query_error: Option<String>,
    /// Every series' notes as the search reads them (`None`: not read, or stale).
    query_facts: Option<Arc<crate::ost::query::Facts>>,
    /// Counts notes changes, so facts read before one are not kept after it.
    facts_generation: u64,
    facts_asked: bool,
    /// Plays, skips and favourites of the library on show.
    listened: crate::library::history::History,
    /// The playing track's heard time, until it counts as a play (or a skip).
    listening: crate::library::listening::Listening<history::Heard>,
    /// The smart playlists (built in, then saved) and the open one's tracks.
    smart_lists: Vec<crate::ost::smart::Smart>,
    smart_rows: Vec<TrackIdx>,
    smart_problem: Option<String>,
    /// The screen to go back to when the search is cleared.
    before_search: Option<Screen>,
    /// Where Back and Forward go.
    history: navigation::History,
    seek_preview: Option<f32>,
    pub menu: Option<ContextMenu>,
    pointer: Point,
    /// The keyboard's modifiers as last reported (a click with Ctrl or Shift picks
    /// rows differently).
    modifiers: keyboard::Modifiers,
    help: bool,
    /// The track whose information panel is open.
    info: Option<TrackIdx>,
    /// Its file's own tags, once read (`None` while reading).
    info_tags: Option<Result<Vec<(String, String)>, String>>,
    /// The playing track's shape for the seek bar: its file, CUE entry, and the
    /// waveform the analysis kept (`None` until measured).
    waveform: Option<(PathBuf, u32, Option<Arc<crate::analysis::features::Waveform>>)>,
    /// A span marked on the waveform: the file, from and to (seconds).
    selection: Option<(PathBuf, f32, f32)>,
    /// The theme finder's panel, while open.
    pub finder: Option<super::screen::theme_finder::State>,
    pub notices: Vec<Notice>,
    scan: Option<ScanState>,
    /// Paths the folder watcher told of, waiting for the scan that runs to end.
    changes_waiting: Vec<PathBuf>,
    /// How each library folder is watched, as the watcher last said.
    watch_modes: Vec<(PathBuf, crate::library::watch::Mode)>,
    /// The loudness analysis running in the background, and whether the library has
    /// changed since it planned (it runs again when done).
    analysis: Option<AnalysisRun>,
    analysis_again: bool,
    /// The gains the analysis has measured (the engine has them too).
    measured: Arc<crate::player::GainBook>,
    /// The output devices as last listed (when Settings opened).
    devices: Result<Vec<crate::player::devices::DeviceInfo>, String>,
    /// Files in the library folders that could not be read, as the last scan found.
    unreadable: Vec<crate::library::scan::FileError>,
    loading: bool,
    settings: Settings,
    system_mode: Mode,
    window_size: Size,
    store_path: Option<PathBuf>,
    files: session::Files,
    notes: NotesCache,
    /// The installed demo's folder as roots record it (canonical), found once.
    demo_root: Option<PathBuf>,
    playlists: super::user_playlists::UserPlaylists,
    /// The playing file's lyrics, once read.
    lyrics: super::lyrics_pane::LyricsPane,
    demo_sheet_pending: bool,
    /// Restored once the first library load finishes.
    pending_session: Option<Session>,
    /// Files named at launch are playing: the last session's queue must not replace them.
    launched_with_files: bool,
    /// The hand-built queue something played replaced, while its notice offers it back.
    replaced_queue: Option<crate::ui::playback::SavedQueue>,
    /// Fixes to grouping, newest last, each with what undoes it (Ctrl+Z).
    undo_fixes: Vec<Arc<super::stored::UndoFix>>,
    /// The series page to show once the library is rebuilt after a fix (by name).
    open_after_load: Option<String>,
    media: Option<MediaLink>,
    /// Work for the store worker and other threads, queued during `update`.
    jobs: super::stored::Jobs,
    /// Counts the screens put on view (`App::show`), so a new one is scrolled into place.
    screen_serial: u64,
    /// The app's own tasks queued during `update` (a library reload).
    outbox: Vec<Task<Message>>,
}

impl App {
    pub fn new(boot: Boot) -> (App, Task<Message>) {
        let mut playback = Playback::new(boot.link);
        playback.set_volume(boot.settings.volume);
        playback.set_repeat(boot.session.repeat);
        let (covers, cover_task) = match &boot.store_path {
            Some(_) => Covers::start(boot.cache_dir.clone(), Message::Cover),
            None => (Covers::default(), Task::none()),
        };
        let loading = boot.library.is_none() && boot.store_path.is_some();
        let mut notices = boot.notices;
        let store = stored::start_store(boot.store_path.as_deref(), &mut notices);
        let mut app = App {
            library: Arc::new(Library::default()),
            search_index: Arc::new(SearchIndex::new(&Library::default())),
            album_order: Vec::new(),
            all_tracks: Vec::new(),
            track_sort: None,
            roots: boot.roots,
            unreadable: Vec::new(),
            screen: Screen::Series(series_grid::State::default()),
            playback,
            covers,
            query: String::new(),
            results: Vec::new(),
            found_words: Vec::new(),
            query_error: None,
            query_facts: None,
            facts_generation: 0,
            facts_asked: false,
            listened: Default::default(),
            listening: Default::default(),
            smart_lists: crate::ost::smart::built_in(),
            smart_rows: Vec::new(),
            smart_problem: None,
            before_search: None,
            history: navigation::History::default(),
            seek_preview: None,
            menu: None,
            pointer: Point::ORIGIN,
            modifiers: keyboard::Modifiers::empty(),
            help: false,
            info: None,
            info_tags: None,
            waveform: None,
            selection: None,
            finder: None,
            notices,
            scan: None,
            changes_waiting: Vec::new(),
            watch_modes: Vec::new(),
            analysis: None,
            analysis_again: false,
            measured: Arc::default(),
            devices: Ok(Vec::new()),
            loading,
            settings: boot.settings,
            system_mode: Mode::Dark,
            window_size: Size::new(boot.session.width, boot.session.height),
            store_path: boot.store_path,
            files: boot.files,
            notes: NotesCache::default(),
            demo_root: crate::library::demo::folder().map(|d| std::fs::canonicalize(&d).unwrap_or(d)),
            playlists: Default::default(),
            lyrics: Default::default(),
            demo_sheet_pending: false,
            pending_session: Some(boot.session),
            launched_with_files: false,
            undo_fixes: Vec::new(),
            replaced_queue: None,
            open_after_load: None,
            media: boot.media,
            jobs: super::stored::Jobs::new(store),
            outbox: Vec::new(),
            screen_serial: 0,
        };
        app.apply_replay_gain();
        if app.settings.bit_perfect {
            app.playback.set_bit_perfect(true);
        }
        // Files named at launch play at once, not after the library has loaded (the demo
        // set up, or a big library read); their tags are filled in once it has.
        if !boot.play.is_empty() {
            app.launched_with_files = true;
            let (entries, problems) = playback::entries_for_paths(&app.library, &boot.play);
            if !problems.is_empty() {
                app.notify("Some files could not be played", problems);
            }
            app.playback.play(entries, 0, Duration::ZERO, false);
        }
        let first_load = app.first_load(boot.library);
        let tasks = [
            cover_task,
            iced::system::theme().map(Message::SystemTheme),
            first_load,
            app.take_outbox(),
        ];
        (app, Task::batch(tasks))
    }

    /// The library given (tests), else loaded through the store worker, else empty.
    fn first_load(&mut self, library: Option<Library>) -> Task<Message> {
        match (library, self.jobs.worker().cloned()) {
            (Some(library), _) => {
                let loaded = library_tasks::build(library, self.roots.clone(), true);
                self.library_loaded(loaded)
            }
            (None, Some(worker)) => library_tasks::load(&worker).map(Message::LibraryLoaded),
            (None, None) => {
                let loaded = library_tasks::build(Library::default(), self.roots.clone(), true);
                self.library_loaded(loaded)
            }
        }
    }

    /// The settings as chosen now (kept in `settings.toml`).
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    pub fn title(&self) -> String {
        match self.playback.current_entry() {
            Some(e) if self.playback.playing => format!("{} — Leitmotif", e.title(&self.library)),
            _ => "Leitmotif".into(),
        }
    }

    pub fn subscription(&self) -> Subscription<Message> {
        Subscription::batch([
            keyboard::listen().map(Message::Key),
            event::listen_with(|event, status, id| match event {
                // A text field keeps Esc for itself; an open menu or panel still closes.
                iced::Event::Keyboard(keyboard::Event::KeyPressed {
                    key: keyboard::Key::Named(keyboard::key::Named::Escape),
                    ..
                }) if status == event::Status::Captured => Some(Message::EscapeInField),
                iced::Event::Window(window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
                iced::Event::Window(window::Event::CloseRequested) => Some(Message::CloseRequested(id)),
                iced::Event::Mouse(iced::mouse::Event::ButtonPressed(iced::mouse::Button::Back)) => Some(Message::Back),
                // Wherever it happens: a row dragged in the queue or a playlist lands.
                iced::Event::Mouse(iced::mouse::Event::ButtonReleased(iced::mouse::Button::Left)) => {
                    Some(Message::MouseReleased)
                }
                iced::Event::Mouse(iced::mouse::Event::ButtonPressed(iced::mouse::Button::Forward)) => {
                    Some(Message::Forward)
                }
                _ => None,
            }),
            window::resize_events().map(|(_, size)| Message::WindowResized(size)),
            iced::system::theme_changes().map(Message::SystemTheme),
            Subscription::run(persist::termination),
            self.watch_subscription(),
            if self.playback.playing && !self.playback.paused {
                iced::time::every(persist::SAVE_EVERY).map(|_| Message::SaveSession)
            } else {
                Subscription::none()
            },
        ])
    }

    pub fn theme(&self) -> iced::Theme {
        super::theme::theme(self.settings.theme, self.system_mode)
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        crate::io_guard::window(|| {
            let seeked = match &message {
                Message::Engine(event) => media_link::seeked(event),
                _ => None,
            };
            // Pointer moves, resizes and scan progress change no cover wanted.
            let quiet = matches!(
                message,
                Message::Pointer(_)
                    | Message::WindowResized(_)
                    | Message::Scan(ScanUpdate::Progress { .. })
                    | Message::Analysis(_)
            );
            // The media controls follow the engine, their own requests, covers and
            // library loads; any other message only if it changed playback.
            let media = matches!(
                message,
                Message::Engine(_) | Message::Media(_) | Message::Cover(_) | Message::LibraryLoaded(_)
            );
            // Anything the person did: the background analysis holds for a moment.
            if !matches!(
                message,
                Message::Engine(_)
                    | Message::Analysis(_)
                    | Message::Scan(_)
                    | Message::Cover(_)
                    | Message::LibraryLoaded(_)
                    | Message::Indexed(..)
                    | Message::Stored(_)
                    | Message::SaveSession
                    | Message::SessionSaved(_)
                    | Message::SortReady(_)
                    | Message::LyricsLoaded(..)
                    | Message::SystemTheme(_)
            ) {
                self.hold_analysis();
            }
            let before = self.playback.stamp();
            let shown = self.screen_serial;
            let mut task = self.handle(message);
            if self.screen_serial != shown {
                task = Task::batch([task, self.scroll_into_place()]);
            }
            if !quiet {
                self.request_covers();
            }
            if media || self.playback.stamp() != before {
                self.sync_media(seeked);
            }
            super::position_pace::set_fine(matches!(self.screen, Screen::Lyrics));
            Task::batch([task, self.take_outbox()])
        })
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            m @ (Message::SeriesGrid(_)
            | Message::SeriesPage(_)
            | Message::Albums(_)
            | Message::Tracks(_)
            | Message::Queue(_)) => return self.screen_message(m),
            Message::Settings(m) => return self.settings_event(settings::update(m)),
            Message::Navigate(nav) => self.navigate(nav),
            Message::Back => self.back(),
            Message::Forward => self.forward(),
            Message::Search(q) => self.search(q),
            // Enter typed in the search field while its result's menu is open chooses
            // in the menu (the field keeps the focus while ↑/↓ walk the menu).
            Message::SearchSubmit if self.menu.is_some() => return self.shortcut(shortcuts::Action::PlaySelected),
            Message::SearchSubmit => self.search_submit(),
            Message::SaveSearch => self.save_search(),
            Message::Transport(t) => self.transport(t),
            Message::Engine(event) => return self.engine_event(event),
            Message::LibraryLoaded(Ok(loaded)) => return self.library_loaded(loaded),
            Message::Indexed(library, index) => {
                if Arc::ptr_eq(&library, &self.library) {
                    self.search_index = index;
                    self.refresh_results();
                }
            }
            Message::LibraryLoaded(Err(e)) => {
                self.loading = false;
                self.notify("The library could not be loaded", vec![e]);
            }
            Message::Scan(update) => return self.scan_update(update),
            Message::Watch(news) => return self.watched(news),
            Message::Analysis(update) => return self.analysis_update(update),
            Message::Devices(listed) => self.devices = listed,
            Message::Cover(loaded) => self.covers.loaded(loaded),
            Message::Key(keyboard::Event::KeyPressed { key, modifiers, .. }) => {
                self.modifiers = modifiers;
                if let Some(action) = shortcuts::action_for(&key, modifiers) {
                    return self.shortcut(action);
                }
            }
            Message::Key(keyboard::Event::ModifiersChanged(m)) => self.modifiers = m,
            Message::Key(_) => {}
            Message::Pointer(p) => self.pointer = p,
            Message::Menu(action) => return self.menu_action(action),
            Message::CloseMenu => self.menu = None,
            Message::FolderPicked(Some(folder)) => return self.add_folder(folder),
            Message::FolderPicked(None) => {}
            Message::CloseInfo => self.info = None,
            Message::EscapeInField => {
                self.menu = None;
                self.info = None;
                self.help = false;
            }
            Message::ShowInFolder(path) => {
                return Task::perform(
                    async move { crate::desktop::file_manager::show(&path).await },
                    Message::Shown,
                );
            }
            Message::Shown(Ok(())) => {}
            Message::Shown(Err(why)) => self.notify("The folder could not be shown", vec![why]),
            Message::NoFileDialog => self.notify(crate::ui::dialogs::MISSING, crate::ui::dialogs::missing_details()),
            Message::FileDropped(path) => self.expand_paths(vec![path], Intent::Enqueue),
            Message::DismissNotice => {
                if self
                    .notices
                    .pop()
                    .is_some_and(|n| n.action == Some(NoticeAction::RestoreQueue))
                {
                    self.replaced_queue = None;
                }
            }
            Message::NoticeAction(NoticeAction::RestoreQueue) => self.restore_queue(),
            Message::ToggleNoticeDetails => {
                if let Some(n) = self.notices.last_mut() {
                    n.expanded = !n.expanded;
                }
            }
            Message::ToggleHelp => self.help = !self.help,
            Message::WindowResized(size) => self.window_size = size,
            Message::CloseRequested(id) => return self.close(id),
            Message::SystemTheme(mode) => self.system_mode = mode,
            Message::SessionSaved(Some(e)) => eprintln!("leitmotif: the session could not be saved: {e}"),
            Message::SessionSaved(None) => {}
            Message::SavePlaylist(path, tracks) => self.save_playlist(path, &tracks),
            Message::Lyrics(lyrics::Message::Seek(to)) => self.playback.seek(to),
            Message::Playlists(m) => return self.playlists_message(m),
            Message::Finder(m) => self.finder_message(m),
            // Still the column asked for, on the library it was worked out for.
            Message::SortReady(by) => {
                if self.track_sort.is_some_and(|s| s.by == by) && self.library.sort_ready(by) {
                    self.apply_sort();
                }
            }
            Message::MouseReleased => match self.screen {
                Screen::Queue(_) => return self.screen_message(Message::Queue(queue::Message::Released)),
                Screen::Playlists(_) => return self.playlists_message(playlists::Message::Released),
                _ => {}
            },
            Message::ExportPlaylistFile(Some(path)) => self.playlists.export(path, &self.library, &mut self.jobs),
            Message::ExportPlaylistFile(None) => {}
            Message::OpenPaths(paths) => {
                if !paths.is_empty() {
                    self.expand_paths(paths, Intent::Play);
                }
                return window::latest().and_then(window::gain_focus);
            }
            // Added quietly: the window keeps its place (and the focus stays where it is).
            Message::QueuePaths(paths) => self.expand_paths(paths, Intent::Enqueue),
            Message::NextPaths(paths) => self.expand_paths(paths, Intent::PlayNext),
            Message::LyricsLoaded(path, lyrics) => {
                let playing = self.playback.current_entry().map(|e| e.spec.path.as_path());
                self.lyrics.loaded((path, lyrics), playing);
            }
            Message::SaveSheet(path, series) => self.save_sheet(path, &series),
            Message::OpenSheet(path) => self.open_sheet(path),
            Message::Media(request) => return self.media_request(request),
            Message::Stored(stored) => return self.stored(stored),
            Message::Terminate => return window::latest().and_then(|id| Task::done(Message::CloseRequested(id))),
            Message::SaveSession => return self.save_session_in_background(),
        }
        Task::none()
    }

    /// The playing file's lyrics, once read.
    pub fn current_lyrics(&self) -> Option<&Lyrics> {
        let playing = self.playback.current_entry().map(|e| e.spec.path.as_path());
        self.lyrics.current(playing)
    }

    /// Tells the user `title`; the same title again joins the notice already shown
    /// (one "Playback problem (3)" with the three files, not three to dismiss).
    pub fn notify(&mut self, title: &str, details: Vec<String>) {
        let Some(at) = self.notices.iter().position(|n| n.title == title) else {
            self.notices.push(Notice::new(title, details));
            return;
        };
        let mut notice = self.notices.remove(at);
        notice.times += 1;
        for d in details {
            if !notice.details.contains(&d) {
                notice.details.push(d);
            }
        }
        self.notices.push(notice);
    }

    /// Work queued during `update`: the store's and file threads' (their answers come
    /// back as `Message::Stored`) and the app's own.
    fn take_outbox(&mut self) -> Task<Message> {
        let own = Task::batch(std::mem::take(&mut self.outbox));
        Task::batch([own, self.jobs.take().map(Message::Stored)])
    }

    /// Asks for the covers the current screen and the now-playing bar show.
    fn request_covers(&mut self) {
        let library = self.library.clone();
        let mut wanted: Vec<AlbumIdx> = self
            .playback
            .current_track()
            .map(|t| library.tracks[t].album)
            .into_iter()
            .collect();
        match &self.screen {
            Screen::Series(state) => wanted.extend(state.visible_albums(&library)),
            Screen::SeriesPage(state) => {
                wanted.extend(state.albums(&library));
                if let series_page::Focus::Series(s) = state.focus {
                    wanted.extend(series_grid::series_cover(&library, s));
                }
            }
            Screen::Albums(state) => wanted.extend(state.visible_albums(&self.album_order)),
            _ => {}
        }
        self.covers.request(&library, wanted);
    }
}
