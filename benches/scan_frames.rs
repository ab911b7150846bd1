//! Is the window still smooth while a scan runs? A 100,000-track library on screen, a real
//! scan of DIR into a fresh database on other threads (as the window runs it), and on
//! this thread, every 16 ms, a frame: scan progress fed to `update`, then view, layout
//! and a tiny-skia draw of the 1280×820 window. The same frames are timed with no scan.
//! `cargo bench --bench scan_frames -- DIR`. With `--analysis`, DIR is scanned first and
//! the frames are timed while the loudness analysis pass measures it, as the window
//! runs it (all cores but one, nice 19).

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use iced::Settings;
use iced_test::simulator::Simulator;
use leitmotif::library::scan::{self, ScanOptions, ScanProgress};
use leitmotif::store::Store;
use leitmotif::ui::app::Nav;
use leitmotif::ui::playback::Link;
use leitmotif::ui::{App, Boot, Message, ScanUpdate};

#[path = "common/synthetic.rs"]
mod synthetic;
#[path = "common/timings.rs"]
mod timings;

/// One frame: (update + view + layout, tiny-skia draw) in ms. The real window draws with
/// the GPU where there is one; tiny-skia is its fallback and the slow case.
fn frame(app: &mut App, updates: Vec<Message>) -> (f64, f64) {
    let t = Instant::now();
    for u in updates {
        let _ = app.update(u);
    }
    let mut ui = Simulator::with_size(Settings::default(), (1280.0, 820.0), app.view());
    let built = t.elapsed().as_secs_f64() * 1000.0;
    let t = Instant::now();
    std::hint::black_box(ui.snapshot(&app.theme()).ok());
    (built, t.elapsed().as_secs_f64() * 1000.0)
}

fn report_frames(label: &str, frames: &[(f64, f64)], late: &[f64]) {
    report(
        &format!("{label}: update+view+layout"),
        frames.iter().map(|f| f.0).collect(),
    );
    report(
        &format!("{label}: draw (tiny-skia)"),
        frames.iter().map(|f| f.1).collect(),
    );
    report(&format!("{label}: start lateness"), late.to_vec());
    report(
        &format!("{label}: whole frame incl. lateness"),
        frames.iter().zip(late).map(|(f, l)| f.0 + f.1 + l).collect(),
    );
}

/// Runs frames every 16 ms (or back to back when a frame overruns) until `done`,
/// recording each frame's cost and how late it started.
fn frames(
    app: &mut App,
    mut updates: impl FnMut() -> Vec<Message>,
    done: impl Fn(usize) -> bool,
) -> (Vec<(f64, f64)>, Vec<f64>) {
    let (mut costs, mut late) = (Vec::new(), Vec::new());
    let mut next = Instant::now();
    while !done(costs.len()) {
        next = next.max(Instant::now() - Duration::from_millis(1)) + Duration::from_millis(16);
        std::thread::sleep(next.saturating_duration_since(Instant::now()));
        // A starved thread shows as a late start: that is a stutter too.
        late.push(next.elapsed().as_secs_f64() * 1000.0);
        costs.push(frame(app, updates()));
    }
    (costs, late)
}

fn report(label: &str, frames: Vec<f64>) {
    timings::report(label, "frames", frames, &[50.0], 1);
}

fn main() {
    // SAFETY: single-threaded at this point; the renderer reads it later.
    unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") };
    let Some(dir) = std::env::args()
        .skip(1)
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
    else {
        eprintln!("usage: cargo bench --bench scan_frames -- DIR");
        std::process::exit(64);
    };
    let (mut app, _) = App::new(Boot {
        library: Some(synthetic::library(100_000)),
        roots: Vec::new(),
        link: Link::Offline,
        store_path: None,
        cache_dir: None,
        files: Default::default(),
        settings: Default::default(),
        session: Default::default(),
        play: Vec::new(),
        notices: Vec::new(),
        media: None,
    });
    app.navigate(Nav::Tracks);

    let (idle, idle_late) = frames(&mut app, Vec::new, |n| n >= 120);
    report_frames("no scan", &idle, &idle_late);

    let db = std::env::temp_dir().join(format!("leitmotif-scan-frames-{}.db", std::process::id()));
    if std::env::args().any(|a| a == "--analysis") {
        during_analysis(&mut app, &dir, &db);
        return;
    }
    let (tx, rx) = mpsc::channel();
    let scanner = std::thread::spawn(move || {
        let mut store = Store::open(&db).expect("store");
        store.add_root(&dir.to_string_lossy()).expect("root");
        // As the window runs it.
        let options = ScanOptions {
            low_priority: std::env::args().all(|a| a != "--normal-priority"),
            ..ScanOptions::default()
        };
        let summary = scan::scan(&mut store, &options, Some(&tx));
        for suffix in ["", "-wal", "-shm"] {
            let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
        }
        summary.map(|s| (s.added, s.seconds))
    });
    let (during, late) = frames(
        &mut app,
        || {
            rx.try_iter()
                .filter_map(|p| match p {
                    ScanProgress::Scanning { seen, read, path, .. } => {
                        Some(Message::Scan(ScanUpdate::Progress { seen, read, path }))
                    }
                    _ => None,
                })
                .collect()
        },
        |_| scanner.is_finished(),
    );
    match scanner.join() {
        Ok(Ok((added, seconds))) => println!("scan: {added} files added in {seconds:.2} s"),
        other => println!("scan failed: {other:?}"),
    }
    report_frames("during the scan", &during, &late);
}

/// Frames while the analysis pass measures DIR (scanned first, untimed).
fn during_analysis(app: &mut App, dir: &std::path::Path, db: &std::path::Path) {
    use leitmotif::analysis::pass::{self, PassOptions};
    use leitmotif::library::model::Library;
    let mut store = Store::open(db).expect("store");
    store.add_root(&dir.to_string_lossy()).expect("root");
    scan::scan(&mut store, &ScanOptions::default(), None).expect("scan");
    let library = Library::load(&store).expect("library");
    let jobs = pass::plan(&library, &store.analysis_state().expect("state"));
    let (tx, rx) = mpsc::channel();
    let started = Instant::now();
    let analyser = std::thread::spawn(move || {
        let report = |p: &pass::Progress| {
            let _ = tx.send(*p);
        };
        pass::run(&mut store, jobs, PassOptions::background(), Default::default(), report)
    });
    let (during, late) = frames(
        app,
        || rx.try_iter().map(app_progress).collect(),
        |_| analyser.is_finished(),
    );
    match analyser.join() {
        Ok(Ok(p)) => println!(
            "analysis: {} tracks measured ({} failed) in {:.1} s",
            p.measured,
            p.failed,
            started.elapsed().as_secs_f64()
        ),
        other => println!("analysis failed: {other:?}"),
    }
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    report_frames("during the analysis", &during, &late);
}

fn app_progress(p: leitmotif::analysis::pass::Progress) -> Message {
    Message::Analysis(leitmotif::ui::AnalysisUpdate::Progress(p))
}
