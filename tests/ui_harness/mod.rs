//! The window driven as the flow tests drive it: the real demo scanned into a store, the
//! app built on it with a recorder for an engine, iced_test's simulator for the view,
//! and every task the app returns run to its end (`ui_pump`).
#![allow(dead_code)] // each test file uses the part it needs

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver};
use std::time::Duration;

use iced::keyboard::{self, Key, Modifiers};
use iced::{Event, Settings, event};
use iced_test::selector;
use iced_test::simulator::Simulator;

use leitmotif::library::model::{AlbumIdx, Library};
use leitmotif::library::scan::{self, ScanOptions};
use leitmotif::player::{Command, Event as EngineEvent, QueueIdx, TrackSpec};
use leitmotif::store::Store;
use leitmotif::ui::playback::Link;
use leitmotif::ui::{App, Boot, Message};

use super::ui_pump::Pump;

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

pub fn demo_library() -> Result<(Library, Vec<leitmotif::store::Root>)> {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let mut store = Store::open_in_memory()?;
    store.add_root(&demo.to_string_lossy())?;
    let summary = scan::scan(&mut store, &ScanOptions::default(), None)?;
    assert!(summary.errors.is_empty(), "{:?}", summary.errors);
    let roots = store.roots()?;
    let paths: Vec<PathBuf> = roots.iter().map(|r| PathBuf::from(&r.path)).collect();
    let library = Library::build(store.load_tracks()?, &paths, &store.series_overrides()?);
    Ok((library, roots))
}

pub struct Harness {
    pub app: App,
    pub commands: Receiver<Command>,
    pub pump: Pump,
}

impl Harness {
    pub fn new() -> Result<Self> {
        let (library, roots) = demo_library()?;
        Self::with_library(library, roots)
    }

    pub fn with_library(library: Library, roots: Vec<leitmotif::store::Root>) -> Result<Self> {
        let (tx, commands) = mpsc::channel();
        let (app, task) = App::new(Boot {
            library: Some(library),
            roots,
            link: Link::Recorder(tx),
            store_path: None,
            cache_dir: None,
            files: Default::default(),
            settings: Default::default(),
            session: Default::default(),
            play: Vec::new(),
            notices: Vec::new(),
            media: None,
        });
        let mut h = Harness::started(app, task, commands);
        h.sent(); // volume, repeat and ReplayGain set at start
        Ok(h)
    }

    pub fn started(mut app: App, task: iced::Task<Message>, commands: Receiver<Command>) -> Harness {
        let mut pump = Pump::new();
        pump.settle_start(&mut app, task);
        Harness { app, commands, pump }
    }

    /// A message as the runtime delivers it: `update`, then the tasks it returned run
    /// and their messages delivered in turn, until nothing is left running.
    pub fn update(&mut self, message: Message) {
        let task = self.app.update(message);
        self.pump.start(task, true);
        self.pump.settle(&mut self.app);
    }

    /// Runs `interact` against the current view (a window tall enough to show a whole
    /// series page without scrolling), then feeds the messages it produced
    /// to `update`, as the runtime does.
    pub fn interact(&mut self, interact: impl FnOnce(&mut Simulator<'_, Message>) -> Result) -> Result {
        let messages: Vec<Message> = {
            let mut ui = Simulator::with_size(Settings::default(), (1280.0, 2600.0), self.app.view());
            interact(&mut ui)?;
            ui.into_messages().collect()
        };
        for m in messages {
            self.update(m);
        }
        Ok(())
    }

    pub fn click(&mut self, text: &str) -> Result {
        let text = text.to_owned();
        self.interact(move |ui| {
            ui.click(text.as_str())?;
            Ok(())
        })
    }

    pub fn click_id(&mut self, id: &'static str) -> Result {
        self.interact(move |ui| {
            ui.click(selector::id(id))?;
            Ok(())
        })
    }

    /// Whether a widget with this id is on view.
    pub fn find_id(&mut self, id: &'static str) -> bool {
        let mut found = false;
        let _ = self.interact(|ui| {
            found = ui.find(selector::id(id)).is_ok();
            Ok(())
        });
        found
    }

    pub fn double_click(&mut self, text: &str) -> Result {
        let text = text.to_owned();
        self.interact(move |ui| {
            ui.click(text.as_str())?;
            ui.click(text.as_str())?;
            Ok(())
        })
    }

    /// A key press as the window gets it: the view first, the shortcut table if unhandled.
    pub fn press(&mut self, key: Key, modifiers: Modifiers) -> Result<event::Status> {
        let event = keyboard::Event::KeyPressed {
            key: key.clone(),
            modified_key: key,
            physical_key: keyboard::key::Physical::Unidentified(keyboard::key::NativeCode::Unidentified),
            location: keyboard::Location::Standard,
            modifiers,
            repeat: false,
            text: None,
        };
        let mut status = event::Status::Ignored;
        self.interact(|ui| {
            status = ui.simulate([Event::Keyboard(event.clone())])[0];
            Ok(())
        })?;
        if status == event::Status::Ignored {
            self.update(Message::Key(event));
        }
        Ok(status)
    }

    pub fn sent(&mut self) -> Vec<Command> {
        self.commands.try_iter().collect()
    }

    pub fn find(&mut self, text: &str) -> bool {
        let mut found = false;
        let _ = self.interact(|ui| {
            found = ui.find(text).is_ok();
            Ok(())
        });
        found
    }

    pub fn album(&self, title: &str) -> Result<AlbumIdx> {
        Ok(self
            .app
            .library
            .albums
            .iter()
            .position(|a| a.title == title)
            .map(AlbumIdx)
            .ok_or(format!("no album {title}"))?)
    }

    /// The file of the library's track titled `title`.
    pub fn path_of(&self, title: &str) -> Result<PathBuf> {
        let track = self.app.library.tracks.iter().find(|t| t.title() == title);
        Ok(track.ok_or(format!("no track {title}"))?.path.clone())
    }

    /// Presses the play button of album `title` on the series page on view.
    pub fn play_album(&mut self, title: &str) -> Result {
        let album = self.album(title)?;
        let id: &'static str = Box::leak(format!("play-album-{album}").into_boxed_str());
        self.click_id(id)
    }

    /// What the engine would report when a track starts.
    pub fn engine_started(&mut self, index: usize, seconds: u64) {
        self.update(Message::Engine(EngineEvent::TrackStarted {
            index: QueueIdx(index),
            path: PathBuf::new(),
            duration: Some(Duration::from_secs(seconds)),
            sample_rate: 48_000,
            channels: 2,
            gain_db: 0.0,
        }));
    }
}

pub fn titles(h: &Harness, queue: &[TrackSpec]) -> Vec<String> {
    queue
        .iter()
        .map(|s| {
            let t = h.app.library.tracks.iter().find(|t| t.path == s.path);
            t.map(|t| t.title()).unwrap_or_default()
        })
        .collect()
}

/// Settings with the background loudness analysis off: a flow's tasks run to their
/// end, and decoding the whole demo in a debug build would add seconds to each.
pub fn quiet_settings() -> leitmotif::ui::session::Settings {
    leitmotif::ui::session::Settings {
        analyse: false,
        ..Default::default()
    }
}

/// A database holding the scanned demo, in a folder of its own.
pub fn scanned_demo() -> Result<(tempfile::TempDir, PathBuf)> {
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let dir = tempfile::tempdir()?;
    let db = dir.path().join("library.db");
    let mut store = Store::open(&db)?;
    store.add_root(&demo.to_string_lossy())?;
    scan::scan(&mut store, &ScanOptions::default(), None)?;
    Ok((dir, db))
}

/// A harness whose window writes to a real database holding the scanned demo.
pub fn harness_with_store() -> Result<(Harness, tempfile::TempDir, PathBuf)> {
    harness_with_store_and(quiet_settings())
}

/// `harness_with_store` with these settings.
pub fn harness_with_store_and(
    settings: leitmotif::ui::session::Settings,
) -> Result<(Harness, tempfile::TempDir, PathBuf)> {
    let (dir, db) = scanned_demo()?;
    harness_on(dir, db, settings, Default::default())
}

/// A harness whose window writes to the database `db` (in `dir`, kept alive with it).
pub fn harness_on(
    dir: tempfile::TempDir,
    db: PathBuf,
    settings: leitmotif::ui::session::Settings,
    session: leitmotif::ui::session::Session,
) -> Result<(Harness, tempfile::TempDir, PathBuf)> {
    let store = Store::open(&db)?;
    let library = Library::load(&store)?;
    let roots = store.roots()?;
    drop(store);
    let (tx, commands) = mpsc::channel();
    let (app, task) = App::new(Boot {
        library: Some(library),
        roots,
        link: Link::Recorder(tx),
        store_path: Some(db.clone()),
        cache_dir: None,
        files: Default::default(),
        settings,
        session,
        play: Vec::new(),
        notices: Vec::new(),
        media: None,
    });
    let mut h = Harness::started(app, task, commands);
    h.sent();
    Ok((h, dir, db))
}

impl Harness {
    pub fn type_into(&mut self, id: &'static str, text: &str) -> Result {
        let text = text.to_owned();
        self.interact(move |ui| {
            ui.click(selector::id(id))?;
            ui.typewrite(&text);
            Ok(())
        })
    }

    /// Clicks the field `id`, erases `erase` characters at its end and types `text`.
    pub fn retype(&mut self, id: &'static str, erase: usize, text: &str) -> Result {
        use iced::keyboard::{Key, key::Named};
        let text = text.to_owned();
        self.interact(move |ui| {
            ui.click(selector::id(id))?;
            for _ in 0..erase {
                ui.tap_key(Key::Named(Named::Backspace));
            }
            ui.typewrite(&text);
            Ok(())
        })
    }

    /// Holds the left button down on `from`, moves over `to` and lets go there, as a
    /// hand does (the release reaches the app as the window's own event would).
    pub fn drag(&mut self, from: &str, to: &str) -> Result {
        use iced::mouse;
        let (from, to) = (from.to_owned(), to.to_owned());
        self.interact(move |ui| {
            let start = ui.find(from.as_str())?.visible_bounds().ok_or("not visible")?.center();
            let end = ui.find(to.as_str())?.visible_bounds().ok_or("not visible")?.center();
            ui.point_at(start);
            ui.simulate([
                Event::Mouse(mouse::Event::CursorMoved { position: start }),
                Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Left)),
            ]);
            ui.point_at(end);
            ui.simulate([Event::Mouse(mouse::Event::CursorMoved { position: end })]);
            ui.simulate([Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Left))]);
            Ok(())
        })?;
        self.update(Message::MouseReleased);
        Ok(())
    }

    pub fn right_click(&mut self, text: &str) -> Result {
        use iced::mouse;
        let text = text.to_owned();
        self.interact(move |ui| {
            let target = ui.find(text.as_str())?;
            let at = target.visible_bounds().ok_or("not visible")?.center();
            ui.point_at(at);
            ui.simulate([
                Event::Mouse(mouse::Event::CursorMoved { position: at }),
                Event::Mouse(mouse::Event::ButtonPressed(mouse::Button::Right)),
                Event::Mouse(mouse::Event::ButtonReleased(mouse::Button::Right)),
            ]);
            Ok(())
        })
    }
}
