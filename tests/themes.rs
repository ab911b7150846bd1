//! The theme finder on the demo soundtrack, whose score states the Empress's theme and
//! recurs it (scripts/make-demo.py): queried with her theme's first phrase, it finds
//! the phrase in the reprise, and not the whole theme in "The Confession".

use std::path::PathBuf;

use leitmotif::analysis::{themes, track};
use leitmotif::ost::theme_search::POSSIBLE;
use leitmotif::player::TrackSpec;

fn frames(name: &str) -> Vec<[u8; 12]> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("assets/demo/The Emperor's Secret Garden (Original Score)")
        .join(name);
    let analysed = track::analyse(&TrackSpec::file(path), true).expect("analysed");
    analysed.chroma.frames
}

#[test]
fn the_empress_theme_is_found_where_the_score_restates_it() {
    let dir =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("assets/demo/The Emperor's Secret Garden (Original Score)");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("demo")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.ends_with(".png"))
        .collect();
    names.sort();
    let theme = frames(&names[0]);
    let step = themes::frame_seconds();
    // Phrase A: 0:03.3–0:16.7.
    let from = (3.33 / step) as usize;
    let query = themes::Phrase::of(&theme[from..(16.67 / step) as usize], from);
    // The reprise states phrase A again from its start, in the same key, slower.
    let reprise = query.find_in(&frames(&names[4]), 0.0);
    let best = reprise.first().expect("found in the reprise");
    assert!(best.score >= 0.5, "confident: {best:?}");
    assert_eq!(best.shift, 0);
    assert!(best.start.abs() <= 2.0 && (best.end - 16.0).abs() <= 2.0, "{best:?}");
    // At Dusk only its opening cell (five notes) drifts by, at half speed and a fourth
    // higher, inside a four-voice pad: the strongest class there is the pad's, so no
    // note of it is read, and the finder's best there is chance (~0.15, under any bar).
    // The whole theme (0:03.3–0:30), as its timed cue asks, is not in "The Confession":
    // not even a possible match there (a first-run user would see it in the finder).
    let whole = themes::Phrase::of(&theme[from..(30.0 / step) as usize], from);
    let confession = whole.find_in(&frames(&names[3]), 0.0);
    let best = confession.first().map_or(0.0, |f| f.score);
    assert!(best < POSSIBLE, "{confession:?}");
}
