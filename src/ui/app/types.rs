//! What the window is made of, named: the sidebar's destinations, the screens, the
//! context menu, notices, and the `Message` every part of the window speaks.

use std::path::PathBuf;
use std::sync::Arc;

use iced::keyboard;
use iced::theme::Mode;
use iced::{Point, Size, window};

use crate::library::lyrics::Lyrics;
use crate::library::model::{Library, TrackIdx};
use crate::library::search::SearchIndex;
use crate::player;
use crate::store::Role;
use crate::ui::covers;
use crate::ui::library_tasks::{AnalysisUpdate, Loaded, ScanUpdate};
use crate::ui::screen::{albums, lyrics, playlists, queue, series_grid, series_page, settings, tracks};
use crate::ui::widget::now_playing::Transport;

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

#[derive(Clone)]
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
    Assign {
        character: usize,
        role: Role,
    },
    /// The track leaves the character (its entry was checked).
    Unassign(usize),
    AddToScene(usize),
    /// The track leaves the scene (its entry was checked).
    RemoveFromScene(usize),
    AddToPlaylist(usize),
    /// A new playlist holding the track, opened to be renamed.
    NewPlaylist,
    /// The track's information panel.
    Info,
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

#[derive(Debug, Clone)]
pub struct ContextMenu {
    pub track: TrackIdx,
    /// What its queue and playlist entries take in: the selected rows (with `track`),
    /// in list order.
    pub tracks: Vec<TrackIdx>,
    pub at: Point,
    pub page: MenuPage,
    /// The entry ↑/↓ moved to (Enter chooses it).
    pub highlight: Option<usize>,
}

/// The title of the notice about the sound output (lost, failed), replaced as it changes.
pub const OUTPUT_NOTICE: &str = "Sound output";

/// Something worth telling the user, dismissible, with details on demand.
#[derive(Debug, Clone)]
pub struct Notice {
    pub title: String,
    pub details: Vec<String>,
    pub expanded: bool,
    /// How many times it was reported: the same notice again is counted, not stacked.
    pub times: usize,
    /// What its button does, if it has one.
    pub action: Option<NoticeAction>,
}

/// What a notice's button does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeAction {
    /// Brings back the queue the user put together, replaced by something played.
    RestoreQueue,
}

impl NoticeAction {
    pub fn label(self) -> &'static str {
        match self {
            NoticeAction::RestoreQueue => "Undo",
        }
    }
}

/// The title of the notice about a replaced queue.
pub const QUEUE_REPLACED: &str = "The queue you put together was replaced";

impl Notice {
    pub fn new(title: impl Into<String>, details: Vec<String>) -> Self {
        Self {
            title: title.into(),
            details,
            expanded: false,
            times: 1,
            action: None,
        }
    }

    /// The title as shown: with how many times it came, when more than once.
    pub fn heading(&self) -> String {
        match self.times {
            0 | 1 => self.title.clone(),
            n => format!("{} ({n})", self.title),
        }
    }
}

/// The analysis pass at work: how far, and its controls.
#[derive(Debug, Clone)]
pub struct AnalysisRun {
    pub control: Arc<crate::analysis::pass::Control>,
    pub progress: crate::analysis::pass::Progress,
}

#[derive(Debug, Clone, Default)]
pub struct ScanState {
    /// The watcher's scans and the catch-up at start: shown only while reading files.
    pub quiet: bool,
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
    /// To the previous place (Alt+←, the mouse's back button, the ← button).
    Back,
    Forward,
    Search(String),
    SearchSubmit,
    /// The search, as typed, kept as a smart playlist.
    SaveSearch,
    Transport(Transport),
    Engine(player::Event),
    LibraryLoaded(Result<Arc<Loaded>, String>),
    /// The search index of a loaded library (ignored if another has loaded since).
    Indexed(Arc<Library>, Arc<SearchIndex>),
    Scan(ScanUpdate),
    Watch(crate::library::watch::News),
    /// The analysis pass' progress and end.
    Analysis(AnalysisUpdate),
    /// The output devices there are now (or why they could not be listed).
    Devices(Result<Vec<crate::player::devices::DeviceInfo>, String>),
    Cover(covers::Loaded),
    Key(keyboard::Event),
    Pointer(Point),
    Menu(MenuAction),
    CloseMenu,
    FolderPicked(Option<PathBuf>),
    /// A file dialog was asked for where none can open (no portal, no zenity).
    NoFileDialog,
    /// The information panel closed.
    CloseInfo,
    /// Esc typed in a text field (which keeps it): menus and panels close all the same.
    EscapeInField,
    /// "Show in folder" for this file; the answer comes back as `Shown`.
    ShowInFolder(PathBuf),
    Shown(Result<(), String>),
    FileDropped(PathBuf),
    DismissNotice,
    ToggleNoticeDetails,
    NoticeAction(NoticeAction),
    /// The left mouse button came up (a dragged row lands).
    MouseReleased,
    /// Sorting by this column is quick now (worked out off the window's thread).
    SortReady(crate::library::model::TrackSort),
    ToggleHelp,
    WindowResized(Size),
    CloseRequested(window::Id),
    SystemTheme(Mode),
    SessionSaved(Option<String>),
    /// Where to save a playlist (None: the dialog was cancelled).
    SavePlaylist(Option<PathBuf>, Arc<Vec<TrackIdx>>),
    Lyrics(lyrics::Message),
    Playlists(playlists::Message),
    /// The theme finder's panel.
    Finder(crate::ui::screen::theme_finder::Message),
    ExportPlaylistFile(Option<PathBuf>),
    /// Another launch handed these over (`leitmotif FILE` while running).
    OpenPaths(Vec<PathBuf>),
    /// Another launch handed these over to add to the queue (`leitmotif --enqueue FILE`).
    QueuePaths(Vec<PathBuf>),
    /// Another launch handed these over to play next (`leitmotif --play-next FILE`).
    NextPaths(Vec<PathBuf>),
    /// Lyrics read for the file at this path (`None`: it has none).
    LyricsLoaded(PathBuf, Option<Arc<Lyrics>>),
    SaveSheet(Option<PathBuf>, String),
    OpenSheet(Option<PathBuf>),
    /// The desktop's media controls (MPRIS) asked for something.
    Media(crate::desktop::media_controls::Request),
    /// The system asked the app to end (SIGTERM at logout or shutdown, SIGINT, SIGHUP):
    /// closed as the close button closes it, the session saved first.
    Terminate,
    /// A while has passed playing: the session is saved, so a crash or power loss
    /// loses little.
    SaveSession,
    /// The store worker (or a file task) answered.
    Stored(crate::ui::stored::Stored),
}
