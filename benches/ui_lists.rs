//! The window on a 100,000-track library: search per keystroke, and building plus laying
//! out each list screen (windowed lists should cost the same at 1,000 and 100,000 rows).
//! Rendering is tiny-skia with no display. `cargo bench --bench ui_lists [TRACKS]`.

use std::time::Instant;

use iced::Settings;
use iced_test::simulator::Simulator;
use leitmotif::library::search::SearchIndex;
use leitmotif::ui::app::Nav;
use leitmotif::ui::playback::Link;
use leitmotif::ui::{App, Boot};

#[path = "common/synthetic.rs"]
mod synthetic;
use synthetic::library;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn main() {
    // SAFETY: single-threaded at this point; the renderer reads it later.
    unsafe { std::env::set_var("ICED_TEST_BACKEND", "tiny-skia") };
    let big: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    for tracks in [1_000, big] {
        let lib = library(tracks);
        let started = Instant::now();
        let index = SearchIndex::new(&lib);
        println!("{tracks} tracks: search index built in {:.0} ms", ms(started));
        for query in ["s", "st", "stay", "별처럼", "夢の", "composer 12", "zzz"] {
            let runs: Vec<f64> = (0..9)
                .map(|_| {
                    let t = Instant::now();
                    std::hint::black_box(index.matches(query));
                    ms(t)
                })
                .collect();
            println!(
                "  search {query:?}: {} hits, median {:.1} ms",
                index.matches(query).len(),
                median(runs)
            );
        }
        let (mut app, _) = App::new(Boot {
            library: Some(lib),
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
        for nav in [Nav::Series, Nav::Albums, Nav::Tracks] {
            app.navigate(nav);
            let runs: Vec<f64> = (0..9)
                .map(|_| {
                    let t = Instant::now();
                    let ui = Simulator::with_size(Settings::default(), (1280.0, 820.0), app.view());
                    std::hint::black_box(ui);
                    ms(t)
                })
                .collect();
            println!("  {nav:?} screen: view + layout median {:.1} ms", median(runs));
        }
    }
}
