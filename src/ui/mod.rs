//! The window (iced). The only module that knows about iced.

pub mod app;
mod bridge;
mod covers;
mod dialogs;
mod library_tasks;
mod lyrics_pane;
pub mod media_link;
pub mod notes;
pub mod playback;
mod position_pace;
pub mod screen;
pub mod session;
pub mod shortcuts;
pub mod single_instance;
pub mod stored;
pub mod theme;
mod user_playlists;
pub mod widget;

use std::path::PathBuf;

use iced::Size;

pub use app::{App, Boot, Message};
pub use library_tasks::{AnalysisUpdate, ScanUpdate};

/// One reverse-DNS id everywhere: window class, .desktop file, AppStream, icon.
pub const APP_ID: &str = "io.github.leitmotif.Leitmotif";

/// Opens the window and plays `paths` once the library is loaded.
/// Opens the window and runs it until it closes; why it could not open, in one line.
pub fn run(paths: Vec<PathBuf>, intent: single_instance::Intent) -> Result<(), String> {
    prefer_cpu_renderer_without_gpu();
    let handed_over = match single_instance::socket_path().map(|s| single_instance::claim(&s, &paths, intent)) {
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
        let (files, settings, session, play, mut notices, handed_over) =
            parts.lock().ok().and_then(|mut p| p.take()).unwrap_or_default();
        let (link, events) = start_engine(settings.device.as_deref(), &mut notices);
        let (media, media_requests) =
            crate::desktop::media_controls::MediaControls::start("leitmotif", "Leitmotif", APP_ID);
        let (app, task) = App::new(Boot {
            library: None,
            roots: Vec::new(),
            link,
            store_path: crate::library::paths::database(),
            cache_dir: crate::library::paths::cache_dir(),
            files,
            settings,
            session,
            play,
            notices,
            media: Some(media_link::MediaLink::new(media)),
        });
        let media_task = iced::Task::run(
            bridge::stream(media_requests, "leitmotif-mpris-requests"),
            Message::Media,
        );
        let engine_task = match events {
            Some(rx) => iced::Task::run(
                bridge::filtered(rx, "leitmotif-engine-events", position_pace::pacer()),
                Message::Engine,
            ),
            None => iced::Task::none(),
        };
        let handed_task = match handed_over {
            Some(rx) => iced::Task::run(bridge::stream(rx, "leitmotif-instance-paths"), |h| match h.intent {
                single_instance::Intent::Play => Message::OpenPaths(h.paths),
                single_instance::Intent::PlayNext => Message::NextPaths(h.paths),
                single_instance::Intent::Enqueue => Message::QueuePaths(h.paths),
            }),
            None => iced::Task::none(),
        };
        (app, iced::Task::batch([task, engine_task, handed_task, media_task]))
    };
    let application = iced::application(boot, App::update, App::view)
        .title(App::title)
        .subscription(App::subscription)
        .theme(App::theme)
        .window(window_settings(size));
    without_event_loop_panic(|| application.run().map_err(|e| crate::error_chain::error_chain(&e)))
}

/// What iced's shell panics with when the windowing system cannot be reached (an X
/// display named but gone, a Wayland socket refused): winit's event loop not made.
const EVENT_LOOP_PANIC: &str = "Create event loop";

/// Runs `run`, turning iced's panic when no event loop can be made into an error, and
/// keeping that panic's message and backtrace off the terminal; any other panic is
/// reported and raised as usual.
fn without_event_loop_panic(run: impl FnOnce() -> Result<(), String>) -> Result<(), String> {
    let message = |payload: &(dyn std::any::Any + Send)| -> Option<String> {
        payload
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| payload.downcast_ref::<&str>().map(|s| s.to_string()))
    };
    let report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !message(info.payload()).is_some_and(|m| m.starts_with(EVENT_LOOP_PANIC)) {
            report(info);
        }
    }));
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(run)) {
        Ok(result) => result,
        Err(payload) => match message(payload.as_ref()).filter(|m| m.starts_with(EVENT_LOOP_PANIC)) {
            Some(m) => {
                let named = ["WAYLAND_DISPLAY", "DISPLAY"]
                    .iter()
                    .find_map(|v| std::env::var(v).ok().filter(|d| !d.is_empty()))
                    .map(|d| format!(" {d:?}"))
                    .unwrap_or_default();
                let why = m.trim_start_matches(EVENT_LOOP_PANIC).trim_start_matches(':').trim();
                Err(format!("the display{named} could not be reached ({why})"))
            }
            None => std::panic::resume_unwind(payload),
        },
    }
}

fn window_settings(size: Size) -> iced::window::Settings {
    iced::window::Settings {
        size,
        // The close button asks; the app saves the session, then closes. (Set here:
        // these settings replace the builder's `exit_on_close_request`.)
        exit_on_close_request: false,
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
    }
}

/// Without a GPU (no DRM render node: a VM, a remote X session, Xvfb) wgpu can only draw
/// through a software rasterizer (llvmpipe), which redraws the whole window on the
/// CPU; iced's own CPU renderer, tiny-skia, redraws only what changed — 2.5× less CPU
/// while a track plays (docs/BENCHMARKS.md). A choice made with `ICED_BACKEND` stands.
fn prefer_cpu_renderer_without_gpu() {
    let has_render_node = std::fs::read_dir("/dev/dri").is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    });
    if cfg!(target_os = "linux") && !has_render_node && std::env::var_os("ICED_BACKEND").is_none() {
        // SAFETY: called first thing in `run`, before this process starts any thread
        // (the single-instance listener, the engine and iced come after).
        unsafe { std::env::set_var("ICED_BACKEND", "tiny-skia") };
    }
}

fn notice(title: &str, detail: String) -> app::Notice {
    app::Notice::new(title, vec![detail])
}

/// The engine on the chosen output device; on the system's default (with a notice)
/// when that device isn't there (an unplugged USB DAC); offline when there is none.
fn start_engine(
    device: Option<&str>,
    notices: &mut Vec<app::Notice>,
) -> (playback::Link, Option<std::sync::mpsc::Receiver<crate::player::Event>>) {
    use crate::player::{Engine, Output};
    if let Some(name) = device {
        match Engine::start(Output::Named(name.to_owned())) {
            Ok((engine, events)) => return (playback::Link::Engine(engine), Some(events)),
            Err(e) => notices.push(notice(
                &format!("The output device \"{name}\" is not there; playing through the default"),
                e.to_string(),
            )),
        }
    }
    // No device now is no reason not to play later: the engine waits for one.
    match Engine::start_waiting(Output::Device) {
        Ok((engine, events)) => (playback::Link::Engine(engine), Some(events)),
        Err(e) => {
            eprintln!("leitmotif: {e}");
            (playback::Link::Offline, None)
        }
    }
}
