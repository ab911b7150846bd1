//! The application: state, messages, update and subscriptions. Screens own their
//! messages and report upward through events; the engine, the scanner and the cover
//! worker reach the window as streams of messages.

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use iced::keyboard;
use iced::theme::Mode;
use iced::widget::Id;
use iced::{Point, Size, Subscription, Task, event, window};

use super::annotations::NotesCache;
use super::app_media::MediaLink;
use super::covers::{self, Covers};
use super::library_tasks::{self, Loaded, ScanUpdate};
use super::playback::{self, Link, Playback, QueueEntry};
use super::screen::{albums, lyrics, playlists, queue, series_grid, series_page, settings, tracks};
use super::session::{self, Session, Settings};
use super::shortcuts::{self, Action};
use super::widget::now_playing::Transport;
use crate::library::lyrics::Lyrics;
use crate::library::model::Library;
use crate::library::search::SearchIndex;
use crate::player;
use crate::store::Role;
use crate::store::Root;

pub const SEARCH_ID: &str = "search";

/// The sidebar's destinations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Nav {
    Series,
    Albums,
    Tracks,
    Queue,
    Playlists,
    Lyrics,
    Settings,
}

pub enum Screen {
    Series(series_grid::State),
    SeriesPage(series_page::State),
    Albums(albums::State),
    Tracks(tracks::State),
    Queue(queue::State),
    Playlists(playlists::State),
    Lyrics,
    Settings,
}

impl Screen {
    pub fn nav(&self) -> Option<Nav> {
        Some(match self {
            Screen::Series(_) | Screen::SeriesPage(_) => Nav::Series,
            Screen::Albums(_) => Nav::Albums,
            Screen::Tracks(_) => Nav::Tracks,
            Screen::Queue(_) => Nav::Queue,
            Screen::Lyrics => Nav::Lyrics,
            Screen::Playlists(_) => Nav::Playlists,
            Screen::Settings => Nav::Settings,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuAction {
    Play,
    PlayNext,
    AddToQueue,
    GoToAlbum,
    GoToSeries,
    PlayOtherVersion,
    ShowPage(MenuPage),
    Assign { character: usize, role: Role },
    AddToScene(usize),
    AddToPlaylist(usize),
}

/// The context menu's pages: the main one, and the series' characters and scenes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MenuPage {
    #[default]
    Main,
    Characters,
    Scenes,
    Playlists,
}

#[derive(Debug, Clone, Copy)]
pub struct ContextMenu {
    pub track: usize,
    pub at: Point,
    pub page: MenuPage,
}

/// The title of the notice about the sound output (lost, failed), replaced as it changes.
pub const OUTPUT_NOTICE: &str = "Sound output";

/// Something worth telling the user, dismissible, with details on demand.
#[derive(Debug, Clone)]
pub struct Notice {
    pub title: String,
    pub details: Vec<String>,
    pub expanded: bool,
}

#[derive(Debug, Clone, Default)]
pub struct ScanState {
    pub seen: u64,
    pub read: u64,
    pub path: String,
}

#[derive(Debug, Clone)]
pub enum Message {
    SeriesGrid(series_grid::Message),
    SeriesPage(series_page::Message),
    Albums(albums::Message),
    Tracks(tracks::Message),
    Queue(queue::Message),
    Settings(settings::Message),
    Navigate(Nav),
    Search(String),
    SearchSubmit,
    Transport(Transport),
    Engine(player::Event),
    LibraryLoaded(Result<Arc<Loaded>, String>),
    Scan(ScanUpdate),
    Cover(covers::Loaded),
    Key(keyboard::Event),
    Pointer(Point),
    Menu(MenuAction),
    CloseMenu,
    FolderPicked(Option<PathBuf>),
    FileDropped(PathBuf),
    DismissNotice,
    ToggleNoticeDetails,
    ToggleHelp,
    WindowResized(Size),
    CloseRequested(window::Id),
    SystemTheme(Mode),
    SessionSaved(Option<String>),
    /// Where to save a playlist (None: the dialog was cancelled).
    SavePlaylist(Option<PathBuf>, Arc<Vec<usize>>),
    Lyrics(lyrics::Message),
    Playlists(playlists::Message),
    ExportPlaylistFile(Option<PathBuf>),
    /// Another launch handed these over (`leitmotif FILE` while running).
    OpenPaths(Vec<PathBuf>),
    /// Lyrics read for the file at this path (`None`: it has none).
    LyricsLoaded(PathBuf, Option<Arc<Lyrics>>),
    SaveSheet(Option<PathBuf>, String),
    OpenSheet(Option<PathBuf>),
    /// The desktop's media controls (MPRIS) asked for something.
    Media(crate::desktop::media_controls::Request),
}

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

pub struct App {
    pub library: Arc<Library>,
    pub search_index: Arc<SearchIndex>,
    /// Album indexes sorted by title, for the Albums screen.
    pub album_order: Vec<usize>,
    pub all_tracks: Vec<usize>,
    pub roots: Vec<Root>,
    pub screen: Screen,
    pub playback: Playback,
    pub covers: Covers,
    pub query: String,
    pub results: Vec<usize>,
    /// The screen to go back to when the search is cleared.
    pub before_search: Option<Screen>,
    pub seek_preview: Option<f32>,
    pub menu: Option<ContextMenu>,
    pub pointer: Point,
    pub help: bool,
    pub notices: Vec<Notice>,
    pub scan: Option<ScanState>,
    pub loading: bool,
    pub settings: Settings,
    pub system_mode: Mode,
    pub window_size: Size,
    pub store_path: Option<PathBuf>,
    pub files: session::Files,
    pub notes: NotesCache,
    /// The installed demo's folder as roots record it (canonical), found once.
    pub demo_root: Option<PathBuf>,
    pub playlists: Vec<crate::store::PlaylistSummary>,
    /// The items of the playlist open on the Playlists screen.
    pub playlist_items: Vec<QueueEntry>,
    /// The playing file's lyrics, once read.
    pub lyrics: Option<(PathBuf, Option<Arc<Lyrics>>)>,
    pub(super) lyrics_line: Option<usize>,
    pub(super) demo_sheet_pending: bool,
    /// Restored once the first library load finishes.
    pub(super) pending_session: Option<Session>,
    /// Files named at launch are playing: the last session's queue must not replace them.
    pub(super) launched_with_files: bool,
    pub(super) media: Option<MediaLink>,
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
        let mut app = App {
            library: Arc::new(Library::default()),
            search_index: Arc::new(SearchIndex::new(&Library::default())),
            album_order: Vec::new(),
            all_tracks: Vec::new(),
            roots: boot.roots,
            screen: Screen::Series(series_grid::State::default()),
            playback,
            covers,
            query: String::new(),
            results: Vec::new(),
            before_search: None,
            seek_preview: None,
            menu: None,
            pointer: Point::ORIGIN,
            help: false,
            notices: boot.notices,
            scan: None,
            loading,
            settings: boot.settings,
            system_mode: Mode::Dark,
            window_size: Size::new(boot.session.width, boot.session.height),
            store_path: boot.store_path,
            files: boot.files,
            notes: NotesCache::default(),
            demo_root: crate::library::demo::folder().map(|d| std::fs::canonicalize(&d).unwrap_or(d)),
            playlists: Vec::new(),
            playlist_items: Vec::new(),
            lyrics: None,
            lyrics_line: None,
            demo_sheet_pending: false,
            pending_session: Some(boot.session),
            launched_with_files: false,
            media: boot.media,
        };
        app.apply_replay_gain();
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
        let mut tasks = vec![cover_task, iced::system::theme().map(Message::SystemTheme)];
        match (boot.library, app.store_path.clone()) {
            (Some(library), _) => {
                let loaded = library_tasks::build(library, app.roots.clone());
                tasks.push(app.library_loaded(loaded));
            }
            (None, Some(path)) => tasks.push(library_tasks::load(path)),
            (None, None) => {
                let loaded = library_tasks::build(Library::default(), app.roots.clone());
                tasks.push(app.library_loaded(loaded));
            }
        }
        (app, Task::batch(tasks))
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
            event::listen_with(|event, _status, id| match event {
                iced::Event::Window(window::Event::FileDropped(path)) => Some(Message::FileDropped(path)),
                iced::Event::Window(window::Event::CloseRequested) => Some(Message::CloseRequested(id)),
                _ => None,
            }),
            window::resize_events().map(|(_, size)| Message::WindowResized(size)),
            iced::system::theme_changes().map(Message::SystemTheme),
        ])
    }

    pub fn theme(&self) -> iced::Theme {
        super::theme::theme(self.settings.theme, self.system_mode)
    }

    pub fn update(&mut self, message: Message) -> Task<Message> {
        let seeked = super::app_media::seeked(&message);
        let task = self.handle(message);
        self.request_covers();
        self.sync_media(seeked);
        task
    }

    fn handle(&mut self, message: Message) -> Task<Message> {
        match message {
            Message::SeriesGrid(m) => {
                let Screen::Series(state) = &mut self.screen else {
                    return Task::none();
                };
                match state.update(m) {
                    Some(series_grid::Event::Open(s)) => self.open(series_page::Focus::Series(s)),
                    Some(series_grid::Event::AddFolder) => return pick_folder(),
                    None => {}
                }
            }
            Message::SeriesPage(m) => {
                let Screen::SeriesPage(state) = &mut self.screen else {
                    return Task::none();
                };
                let notes = match state.focus {
                    series_page::Focus::Series(s) => self.library.series.get(s).and_then(|s| self.notes.get(&s.name)),
                    series_page::Focus::Album(_) => None,
                };
                let event = state.update(m, &self.library, notes);
                return self.series_page_event(event);
            }
            Message::Albums(m) => {
                let Screen::Albums(state) = &mut self.screen else {
                    return Task::none();
                };
                if let Some(albums::Event::Open(a)) = state.update(m) {
                    self.open(series_page::Focus::Album(a));
                }
            }
            Message::Tracks(m) => {
                let Screen::Tracks(state) = &mut self.screen else {
                    return Task::none();
                };
                let rows = if self.query.trim().is_empty() {
                    &self.all_tracks
                } else {
                    &self.results
                };
                match state.update(m, rows) {
                    Some(tracks::Event::Play { start }) => {
                        let rows = rows.clone();
                        self.play_tracks(&rows, start, false);
                    }
                    Some(tracks::Event::Menu(t)) => self.open_menu(t),
                    None => {}
                }
            }
            Message::Queue(m) => {
                let Screen::Queue(state) = &mut self.screen else {
                    return Task::none();
                };
                match state.update(m) {
                    Some(queue::Event::Play(i)) => self.playback.jump_to(i),
                    Some(queue::Event::Move { from, to }) => self.playback.move_entry(from, to),
                    Some(queue::Event::Remove(i)) => self.playback.remove(i),
                    Some(queue::Event::Clear) => self.playback.clear(),
                    None => {}
                }
            }
            Message::Settings(m) => return self.settings_event(settings::update(m)),
            Message::Navigate(nav) => self.navigate(nav),
            Message::Search(q) => self.search(q),
            Message::SearchSubmit => {
                if !self.results.is_empty() {
                    let start = match &self.screen {
                        Screen::Tracks(t) => t.selected.unwrap_or(0),
                        _ => 0,
                    };
                    let rows = self.results.clone();
                    self.play_tracks(&rows, start, false);
                }
            }
            Message::Transport(t) => self.transport(t),
            Message::Engine(event) => {
                let started = matches!(event, player::Event::TrackStarted { .. });
                let output = matches!(
                    event,
                    player::Event::DeviceLost { .. }
                        | player::Event::DeviceRestored
                        | player::Event::DeviceFailed { .. }
                );
                if output {
                    // One notice about the output at a time, gone once it plays again.
                    self.notices.retain(|n| n.title != OUTPUT_NOTICE);
                }
                if let Some(problem) = self.playback.on_event(event) {
                    let title = if output { OUTPUT_NOTICE } else { "Playback problem" };
                    self.notify(title, vec![problem]);
                }
                let follow = self.follow_lyrics();
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
                return Task::batch([self.save_session_in_background(), self.load_lyrics()]);
            }
            Message::LibraryLoaded(Ok(loaded)) => return self.library_loaded(loaded),
            Message::LibraryLoaded(Err(e)) => {
                self.loading = false;
                self.notify("The library could not be loaded", vec![e]);
            }
            Message::Scan(update) => return self.scan_update(update),
            Message::Cover(loaded) => self.covers.loaded(loaded),
            Message::Key(keyboard::Event::KeyPressed { key, modifiers, .. }) => {
                if let Some(action) = shortcuts::action_for(&key, modifiers) {
                    return self.shortcut(action);
                }
            }
            Message::Key(_) => {}
            Message::Pointer(p) => self.pointer = p,
            Message::Menu(action) => return self.menu_action(action),
            Message::CloseMenu => self.menu = None,
            Message::FolderPicked(Some(folder)) => return self.add_folder(folder),
            Message::FolderPicked(None) => {}
            Message::FileDropped(path) => {
                let (entries, problems) = playback::entries_for_paths(&self.library, &[path]);
                if !problems.is_empty() {
                    self.notify("Some dropped files could not be queued", problems);
                }
                self.playback.append(entries);
            }
            Message::DismissNotice => {
                self.notices.pop();
            }
            Message::ToggleNoticeDetails => {
                if let Some(n) = self.notices.last_mut() {
                    n.expanded = !n.expanded;
                }
            }
            Message::ToggleHelp => self.help = !self.help,
            Message::WindowResized(size) => self.window_size = size,
            Message::CloseRequested(id) => {
                self.save_settings();
                if let Err(e) = session::save(self.files.session.as_deref(), &self.session()) {
                    eprintln!("leitmotif: the session could not be saved: {e}");
                }
                return window::close(id);
            }
            Message::SystemTheme(mode) => self.system_mode = mode,
            Message::SessionSaved(Some(e)) => eprintln!("leitmotif: the session could not be saved: {e}"),
            Message::SessionSaved(None) => {}
            Message::SavePlaylist(path, tracks) => self.save_playlist(path, &tracks),
            Message::Lyrics(lyrics::Message::Seek(to)) => self.playback.seek(to),
            Message::Playlists(m) => return self.playlists_message(m),
            Message::ExportPlaylistFile(path) => self.export_open_playlist(path),
            Message::OpenPaths(paths) => {
                if !paths.is_empty() {
                    let (entries, problems) = playback::entries_for_paths(&self.library, &paths);
                    if !problems.is_empty() {
                        self.notify("Some files could not be played", problems);
                    }
                    self.playback.play(entries, 0, Duration::ZERO, false);
                }
                return window::latest().and_then(window::gain_focus);
            }
            Message::LyricsLoaded(path, lyrics) => {
                if self.playback.current_entry().is_some_and(|e| e.spec.path == path) {
                    self.lyrics = Some((path, lyrics));
                    self.lyrics_line = None;
                }
            }
            Message::SaveSheet(path, series) => self.save_sheet(path, &series),
            Message::OpenSheet(path) => self.open_sheet(path),
            Message::Media(request) => return self.media_request(request),
        }
        Task::none()
    }

    pub fn open(&mut self, focus: series_page::Focus) {
        self.menu = None;
        if let series_page::Focus::Series(s) = focus {
            self.load_notes(s);
        }
        self.screen = Screen::SeriesPage(series_page::State::new(focus));
    }

    pub fn navigate(&mut self, nav: Nav) {
        self.menu = None;
        self.help = false;
        self.before_search = None;
        if !self.query.is_empty() {
            self.query.clear();
            self.results.clear();
        }
        self.screen = match nav {
            Nav::Series => Screen::Series(series_grid::State::default()),
            Nav::Albums => Screen::Albums(albums::State::default()),
            Nav::Tracks => Screen::Tracks(tracks::State::default()),
            Nav::Queue => Screen::Queue(queue::State::default()),
            Nav::Lyrics => Screen::Lyrics,
            Nav::Playlists => Screen::Playlists(playlists::State::default()),
            Nav::Settings => Screen::Settings,
        };
    }

    fn search(&mut self, query: String) {
        self.menu = None;
        let was_empty = self.query.trim().is_empty();
        self.query = query;
        if self.query.trim().is_empty() {
            self.results.clear();
            if let Some(previous) = self.before_search.take() {
                self.screen = previous;
            }
            return;
        }
        self.results = self.search_index.matches(&self.query);
        if was_empty {
            let previous = std::mem::replace(&mut self.screen, Screen::Tracks(tracks::State::default()));
            self.before_search = Some(previous);
        } else if let Screen::Tracks(state) = &mut self.screen {
            state.reset();
        } else {
            self.screen = Screen::Tracks(tracks::State::default());
        }
    }

    /// Plays library tracks `tracks` from position `start`.
    pub fn play_tracks(&mut self, tracks: &[usize], start: usize, paused: bool) {
        let entries: Vec<QueueEntry> = tracks
            .iter()
            .filter_map(|&t| QueueEntry::from_track(&self.library, t))
            .collect();
        self.playback.play(entries, start, Duration::ZERO, paused);
    }

    fn transport(&mut self, t: Transport) {
        match t {
            Transport::TogglePause => self.playback.toggle_pause(),
            Transport::Next => self.playback.next(),
            Transport::Previous => self.playback.previous(),
            Transport::SeekPreview(s) => self.seek_preview = Some(s),
            Transport::SeekCommit => {
                if let Some(s) = self.seek_preview.take() {
                    self.playback.seek(Duration::from_secs_f32(s.max(0.0)));
                }
            }
            Transport::Volume(v) => {
                self.playback.set_volume(v);
                self.settings.volume = self.playback.volume;
            }
            Transport::Shuffle => self.playback.toggle_shuffle(),
            Transport::Repeat => self.playback.cycle_repeat(),
            Transport::ShowCurrent => {
                if let Some(album) = self.playback.current_track().map(|t| self.library.tracks[t].album) {
                    let series = self.library.albums[album].series;
                    self.open(series_page::Focus::Series(series));
                }
            }
        }
    }

    fn shortcut(&mut self, action: Action) -> Task<Message> {
        match action {
            Action::TogglePause => self.playback.toggle_pause(),
            Action::SeekBack => self.playback.seek_by(-5.0),
            Action::SeekForward => self.playback.seek_by(5.0),
            Action::Previous => self.playback.previous(),
            Action::Next => self.playback.next(),
            Action::FocusSearch => return iced::widget::operation::focus(Id::new(SEARCH_ID)),
            Action::VolumeUp => self.transport(Transport::Volume(self.playback.volume + 0.05)),
            Action::VolumeDown => self.transport(Transport::Volume(self.playback.volume - 0.05)),
            Action::PlaySelected => self.play_selected(),
            Action::Help => self.help = !self.help,
            Action::Dismiss => {
                if self.menu.take().is_none() && !std::mem::take(&mut self.help) && !self.query.is_empty() {
                    self.search(String::new());
                }
            }
        }
        Task::none()
    }

    fn play_selected(&mut self) {
        match &self.screen {
            Screen::Tracks(state) => {
                if let Some(start) = state.selected {
                    let rows = if self.query.trim().is_empty() {
                        self.all_tracks.clone()
                    } else {
                        self.results.clone()
                    };
                    self.play_tracks(&rows, start, false);
                }
            }
            Screen::SeriesPage(state) => {
                let event = state.play_selected(&self.library);
                let _ = self.series_page_event(event);
            }
            Screen::Queue(state) => {
                if let Some(i) = state.selected {
                    self.playback.jump_to(i);
                }
            }
            _ => {}
        }
    }

    pub fn notify(&mut self, title: &str, details: Vec<String>) {
        self.notices.push(Notice {
            title: title.to_owned(),
            details,
            expanded: false,
        });
    }

    /// Asks for the covers the current screen and the now-playing bar show.
    fn request_covers(&mut self) {
        let library = self.library.clone();
        let mut wanted: Vec<usize> = self
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

pub(super) fn pick_folder() -> Task<Message> {
    Task::perform(
        async {
            rfd::AsyncFileDialog::new()
                .set_title("Add a music folder")
                .pick_folder()
                .await
                .map(|h| h.path().to_owned())
        },
        Message::FolderPicked,
    )
}
