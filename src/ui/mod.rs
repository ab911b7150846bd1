//! The window (iced). The only module that knows about iced.

pub mod annotations;
pub mod app;
mod app_files;
mod app_library;
mod app_lyrics;
pub mod app_media;
mod app_menu;
mod app_playlists;
mod app_session;
mod bridge;
mod covers;
mod layout;
mod library_tasks;
pub mod playback;
pub mod screen;
pub mod session;
pub mod shortcuts;
pub mod single_instance;
pub mod theme;
pub mod widget;

use std::path::PathBuf;

use iced::Size;

pub use app::{App, Boot, Message};
pub use library_tasks::ScanUpdate;

/// One reverse-DNS id everywhere: window class, .desktop file, AppStream, icon.
pub const APP_ID: &str = "io.github.leitmotif.Leitmotif";

/// Opens the window and plays `paths` once the library is loaded.
pub fn run(paths: Vec<PathBuf>) -> iced::Result {
    let handed_over = match single_instance::socket_path().map(|s| single_instance::claim(&s, &paths)) {
        Some(Ok(single_instance::Claim::Handed)) => {
            eprintln!("leitmotif: handed to the Leitmotif already running");
            return Ok(());
        }
        Some(Ok(single_instance::Claim::Primary(rx))) => Some(rx),
        Some(Err(e)) => {
            eprintln!("leitmotif: cannot check for a running Leitmotif ({e}); opening a new window");
            None
        }
        None => None,
    };
    let files = session::Files::standard();
    let mut notices = Vec::new();
    let (settings, problem) = session::load::<session::Settings>(files.settings.as_deref());
    notices.extend(problem.map(|p| notice("Settings could not be read; defaults are used", p)));
    let (saved, problem) = session::load::<session::Session>(files.session.as_deref());
    notices.extend(problem.map(|p| notice("The last session could not be restored", p)));
    let size = Size::new(saved.width.max(720.0), saved.height.max(520.0));
    // The engine and its event stream are made here and moved into `boot`, which
    // iced calls once.
    let parts = std::sync::Mutex::new(Some((files, settings, saved, paths, notices, handed_over)));
    let boot = move || {
        let (files, settings, session, play, notices, handed_over) =
            parts.lock().ok().and_then(|mut p| p.take()).unwrap_or_default();
        let (link, events) = match crate::player::Engine::start(crate::player::Output::Device) {
            Ok((engine, events)) => (playback::Link::Engine(engine), Some(events)),
            Err(e) => {
                eprintln!("leitmotif: {e}");
                (playback::Link::Offline, None)
            }
        };
        let (media, media_requests) =
            crate::desktop::media_controls::MediaControls::start("leitmotif", "Leitmotif", APP_ID);
        let cache_dir = crate::library::paths::cache_dir();
        let (app, task) = App::new(Boot {
            library: None,
            roots: Vec::new(),
            link,
            store_path: crate::library::paths::database(),
            cache_dir: cache_dir.clone(),
            files,
            settings,
            session,
            play,
            notices,
            media: Some(app_media::MediaLink::new(media, cache_dir)),
        });
        let media_task = iced::Task::run(
            bridge::stream(media_requests, "leitmotif-mpris-requests"),
            Message::Media,
        );
        let engine_task = match events {
            Some(rx) => iced::Task::run(bridge::stream(rx, "leitmotif-engine-events"), Message::Engine),
            None => iced::Task::none(),
        };
        let handed_task = match handed_over {
            Some(rx) => iced::Task::run(bridge::stream(rx, "leitmotif-instance-paths"), Message::OpenPaths),
            None => iced::Task::none(),
        };
        (app, iced::Task::batch([task, engine_task, handed_task, media_task]))
    };
    iced::application(boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .theme(App::theme)
        .exit_on_close_request(false)
        .window(iced::window::Settings {
            size,
            min_size: Some(Size::new(720.0, 520.0)),
            icon: iced::window::icon::from_file_data(
                include_bytes!("../../packaging/icons/hicolor/256x256/apps/io.github.leitmotif.Leitmotif.png"),
                None,
            )
            .ok(),
            platform_specific: iced::window::settings::PlatformSpecific {
                application_id: APP_ID.into(),
                ..Default::default()
            },
            ..Default::default()
        })
        .run()
}

fn notice(title: &str, detail: String) -> app::Notice {
    app::Notice {
        title: title.into(),
        details: vec![detail],
        expanded: false,
    }
}
