//! `leitmotif themes find PATH`: where a span of a track (a theme's statement) recurs in
//! its series (or, with `--all`, the whole library), from the chroma the analysis pass
//! keeps. The matches it is confident in, best first.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use leitmotif::library::model::Library;
use leitmotif::ost::theme_search::{self, ThemeMatch, clock};

use super::{fail, open_store};

/// Matches scoring below this are not printed, unless asked for.
pub const CONFIDENT: f32 = theme_search::CONFIDENT;

#[derive(clap::Args, Debug)]
pub struct Query {
    pub path: PathBuf,
    /// Seconds into the track where the theme starts (default: its start).
    #[arg(long)]
    pub from: Option<f32>,
    /// Seconds into the track where it ends (default: its end).
    #[arg(long)]
    pub to: Option<f32>,
    /// Search the whole library, not only the track's series.
    #[arg(long)]
    pub all: bool,
    /// One JSON object per match: path, start, end, score, transposed (semitones).
    #[arg(long)]
    pub json: bool,
    /// The least score shown (0–1; default 0.5, the matches it is confident in).
    #[arg(long, default_value_t = CONFIDENT)]
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
    let found = match theme_search::search(
        &store,
        &library,
        theme_search::Query {
            track,
            from: q.from.unwrap_or(0.0),
            to: q.to,
            all: q.all,
            min_score: q.min_score,
        },
    ) {
        Ok(f) => f,
        Err(e) => return fail(format!("{}: {e}", q.path.display())),
    };
    let unanalysed = found.unanalysed;
    let matches: Vec<(&Path, ThemeMatch)> = found
        .matches
        .iter()
        .map(|m| (library.tracks[m.track].path.as_path(), *m))
        .collect();
    let mut out = std::io::stdout().lock();
    for (path, f) in &matches {
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
