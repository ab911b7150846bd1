//! Does an edit ever make the window wait? The demo library in a real database, a real
//! scan of DIR into the same database on other threads (as the window runs it), and on
//! this thread, every 16 ms, what a user does meanwhile: create a character, create a
//! playlist, switch the theme. Every `update` is timed, and so is every answer the
//! store sends back (delivered to `update` as the runtime would). The same file builds
//! against older versions of the app, which edited the database inside `update`.
//! `cargo bench --bench edit_during_scan -- DIR`.

#[path = "common/timings.rs"]
mod timings;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use iced::Task;
use iced_test::futures::futures::StreamExt;
use iced_test::runtime::Action;
use iced_test::runtime::task::into_stream;
use leitmotif::library::model::{Library, SeriesIdx};
use leitmotif::library::scan::{self, ScanOptions};
use leitmotif::store::Store;
use leitmotif::ui::app::Nav;
use leitmotif::ui::playback::Link;
use leitmotif::ui::screen::series_page::{Focus, Message as Page};
use leitmotif::ui::screen::{playlists, series_notes, settings};
use leitmotif::ui::theme::ThemeChoice;
use leitmotif::ui::{App, Boot, Message};

/// Drives the tasks `update` returns on threads of their own, as the runtime does.
fn run(task: Task<Message>, back: &mpsc::Sender<Message>) {
    let Some(mut stream) = into_stream(task) else { return };
    let back = back.clone();
    std::thread::spawn(move || {
        if let Ok(rt) = tokio::runtime::Builder::new_current_thread().build() {
            rt.block_on(async {
                while let Some(action) = stream.next().await {
                    if let Action::Output(m) = action
                        && back.send(m).is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
}

fn timed(app: &mut App, message: Message, back: &mpsc::Sender<Message>, times: &mut Vec<f64>) {
    let t = Instant::now();
    let task = app.update(message);
    times.push(t.elapsed().as_secs_f64() * 1000.0);
    run(task, back);
}

fn report(label: &str, ms: Vec<f64>) {
    timings::report(label, "updates", ms, &[4.0, 16.0], 3);
}

fn main() {
    // SAFETY: single-threaded at this point.
    unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") };
    let Some(dir) = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
    else {
        eprintln!("usage: cargo bench --bench edit_during_scan -- DIR");
        std::process::exit(64);
    };
    let home = std::env::temp_dir().join(format!("leitmotif-edit-bench-{}", std::process::id()));
    let db = home.join("library.db");
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    let library = {
        let mut store = Store::open(&db).expect("store");
        store.add_root(&demo.to_string_lossy()).expect("demo root");
        scan::scan(&mut store, &ScanOptions::default(), None).expect("demo scan");
        Library::build(store.load_tracks().expect("tracks"), &[demo], &Default::default())
    };
    let (mut app, first) = App::new(Boot {
        library: Some(library),
        roots: Vec::new(),
        link: Link::Offline,
        store_path: Some(db.clone()),
        cache_dir: None,
        files: leitmotif::ui::session::Files {
            settings: Some(home.join("settings.toml")),
            session: Some(home.join("session.toml")),
        },
        settings: leitmotif::ui::session::Settings {
            // Measured here: edits during a scan, not beside the loudness analysis.
            analyse: false,
            ..Default::default()
        },
        session: Default::default(),
        play: Vec::new(),
        notices: Vec::new(),
        media: None,
    });
    let (back, answers) = mpsc::channel();
    run(first, &back);

    let scan_db = db.clone();
    let scanner = std::thread::spawn(move || {
        let mut store = Store::open(&scan_db).expect("store");
        store.add_root(&dir.to_string_lossy()).expect("root");
        let options = ScanOptions {
            low_priority: true,
            ..ScanOptions::default()
        };
        let started = Instant::now();
        let summary = scan::scan(&mut store, &options, None);
        summary.map(|s| (s.added, started.elapsed().as_secs_f64()))
    });

    let (mut edits, mut delivered) = (Vec::new(), Vec::new());
    let mut next = Instant::now();
    let mut n = 0usize;
    let begun = Instant::now();
    // While the scan writes, and a second after (answers queued behind it arrive).
    let mut after: Option<Instant> = None;
    while after.is_none_or(|t| t.elapsed() < Duration::from_secs(1)) {
        if after.is_none() && scanner.is_finished() {
            after = Some(Instant::now());
        }
        next = next.max(Instant::now() - Duration::from_millis(1)) + Duration::from_millis(16);
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
        for m in answers.try_iter().collect::<Vec<_>>() {
            timed(&mut app, m, &back, &mut delivered);
        }
        if after.is_some() {
            continue;
        }
        n += 1;
        match n % 3 {
            0 => {
                app.open(Focus::Series(SeriesIdx(0)));
                let name = format!("Character {n}");
                timed(
                    &mut app,
                    Message::SeriesPage(Page::Notes(series_notes::Message::NewCharacter(name))),
                    &back,
                    &mut edits,
                );
                timed(
                    &mut app,
                    Message::SeriesPage(Page::Notes(series_notes::Message::CreateCharacter)),
                    &back,
                    &mut edits,
                );
            }
            1 => {
                app.navigate(Nav::Playlists);
                timed(
                    &mut app,
                    Message::Playlists(playlists::Message::NewName(format!("Playlist {n}"))),
                    &back,
                    &mut edits,
                );
                timed(
                    &mut app,
                    Message::Playlists(playlists::Message::Create),
                    &back,
                    &mut edits,
                );
            }
            _ => {
                let theme = if n % 2 == 0 {
                    ThemeChoice::Dark
                } else {
                    ThemeChoice::Light
                };
                timed(
                    &mut app,
                    Message::Settings(settings::Message::Theme(theme)),
                    &back,
                    &mut edits,
                );
            }
        }
    }
    match scanner.join() {
        Ok(Ok((added, seconds))) => println!(
            "scan: {added} files added in {seconds:.2} s; {n} user actions in {:.2} s",
            begun.elapsed().as_secs_f64()
        ),
        other => println!("scan failed: {other:?}"),
    }
    report("edits (character, playlist, theme)", edits);
    report("answers delivered", delivered);
    let stored = Store::open(&db)
        .ok()
        .and_then(|s| s.playlists().ok())
        .map_or(0, |p| p.len());
    println!("playlists stored: {stored}");
    let _ = std::fs::remove_dir_all(&home);
}
