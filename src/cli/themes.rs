//! `leitmotif themes find PATH`: where a span of a track (a theme's statement) recurs in
//! its series (or, with `--all`, the whole library), from the chroma the analysis pass
//! keeps. The matches it is confident in, best first.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use leitmotif::analysis::features::Chroma;
use leitmotif::analysis::themes;
use leitmotif::library::model::{Library, TrackIdx};

use super::{fail, open_store};

/// Matches scoring below this are not printed, unless asked for.
pub const CONFIDENT: f32 = 0.5;

pub struct Query {
    pub path: PathBuf,
    pub from: Option<f32>,
    pub to: Option<f32>,
    pub all: bool,
    pub json: bool,
    /// The least score printed.
    pub min_score: f32,
}

pub fn find(q: Query) -> ExitCode {
    let store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let library = match Library::load(&store) {
        Ok(l) => l,
        Err(e) => return fail(e.to_string()),
    };
    let wanted = std::fs::canonicalize(&q.path).unwrap_or_else(|_| q.path.clone());
    let Some(track) = library.track_indices().find(|&t| library.tracks[t].path == wanted) else {
        return fail(format!(
            "{} is not in the library (leitmotif scan adds its folder)",
            q.path.display()
        ));
    };
    let chroma_of = |t: TrackIdx| -> Option<Vec<[f32; 12]>> {
        let tr = library.track(t)?;
        let (_, bytes) = store
            .analysis_shape(&tr.path.to_string_lossy(), tr.fields.cue_index)
            .ok()??;
        Some(themes::prepare(&Chroma::from_bytes(&bytes).frames))
    };
    let Some(whole) = chroma_of(track) else {
        return fail(format!(
            "{} is not analysed yet (leitmotif analyze measures the library)",
            q.path.display()
        ));
    };
    let step = themes::step_seconds();
    let from = (q.from.unwrap_or(0.0).max(0.0) / step) as usize;
    let to =
        q.to.map_or(whole.len(), |t| (t / step).ceil() as usize)
            .min(whole.len());
    if to <= from + 3 {
        return fail("the span to find is shorter than a second, or past the track's end");
    }
    let query = &whole[from..to];
    let candidates: Vec<TrackIdx> = if q.all {
        library.track_indices().collect()
    } else {
        let series = library.albums[library.tracks[track].album].series;
        library.series_tracks(series)
    };
    let mut matches: Vec<(f32, &Path, themes::Found)> = Vec::new();
    let mut unanalysed = 0;
    for t in candidates {
        let Some(target) = chroma_of(t) else {
            unanalysed += 1;
            continue;
        };
        let path = library.tracks[t].path.as_path();
        for f in themes::find(query, &target) {
            // The span asked about is not a recurrence of itself.
            let itself = t == track && f.start < to as f32 * step && f.end > from as f32 * step;
            if f.score >= q.min_score && !itself {
                matches.push((f.score, path, f));
            }
        }
    }
    matches.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut out = std::io::stdout().lock();
    for (_, path, f) in &matches {
        let line = if q.json {
            serde_json::json!({
                "path": path,
                "start": (f64::from(f.start) * 10.0).round() / 10.0,
                "end": (f64::from(f.end) * 10.0).round() / 10.0,
                "score": (f64::from(f.score) * 100.0).round() / 100.0,
                "transposed": f.shift,
            })
            .to_string()
        } else {
            format!(
                "{}–{}  {:.2}  {}",
                clock(f.start),
                clock(f.end),
                f.score,
                path.display()
            )
        };
        let _ = writeln!(out, "{line}");
    }
    if unanalysed > 0 {
        eprintln!("leitmotif: {unanalysed} tracks are not analysed yet and were not searched (leitmotif analyze)");
    }
    ExitCode::SUCCESS
}

fn clock(seconds: f32) -> String {
    let s = seconds.max(0.0);
    format!("{}:{:04.1}", (s / 60.0) as u32, s % 60.0)
}
