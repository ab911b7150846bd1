//! "Find this theme": where a span of a track recurs in its series or the whole library,
//! from the chroma the analysis pass keeps. Shared by `leitmotif themes find` and the
//! window's finder panel.

use crate::analysis::features::Chroma;
use crate::analysis::themes::{self, Phrase};
use crate::library::model::{Library, TrackIdx};
use crate::store::Store;

/// Matches scoring below this are not printed unless asked for (on the test set the
/// finder was tuned on: recall 0.96, precision 0.92; on a second set made from another
/// seed: 0.79 and 0.79).
pub const CONFIDENT: f32 = 0.54;
/// The window lists matches down to this, the less sure ones said to be (recall 1.00
/// and 0.96, precision 0.51 and 0.52): each can be heard before it is kept.
pub const POSSIBLE: f32 = 0.4;

/// What to look for, and where.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Query {
    pub track: TrackIdx,
    /// Seconds into the track; `to: None` is its end.
    pub from: f32,
    pub to: Option<f32>,
    /// The whole library, not only the track's series.
    pub all: bool,
    pub min_score: f32,
}

/// A recurrence found.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct ThemeMatch {
    pub track: TrackIdx,
    /// Seconds into that track.
    pub start: f32,
    pub end: f32,
    pub score: f32,
    /// Semitones it is above the query.
    pub shift: u8,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Found {
    /// Best first.
    pub matches: Vec<ThemeMatch>,
    /// Tracks searched, and those left out for want of analysis.
    pub searched: usize,
    pub unanalysed: usize,
}

/// A match's time as shown, to a tenth of a second: "2:13.4".
pub fn clock(seconds: f32) -> String {
    let s = seconds.max(0.0);
    format!("{}:{:04.1}", (s / 60.0) as u32, s % 60.0)
}

/// The matches of `q`, best first; an error says why nothing could be searched.
pub fn search(store: &Store, library: &Library, q: Query) -> Result<Found, String> {
    let track = library.track(q.track).ok_or("the track is no longer in the library")?;
    let frames_of = |t: TrackIdx| -> Result<Option<Vec<[u8; 12]>>, String> {
        let Some(tr) = library.track(t) else {
            return Ok(None);
        };
        let shape = store
            .analysis_shape(&tr.path.to_string_lossy(), tr.fields.cue_index)
            .map_err(|e| format!("the analysis could not be read: {e}"))?;
        Ok(shape.map(|(_, bytes)| Chroma::from_bytes(&bytes).frames))
    };
    let whole = frames_of(q.track)?.filter(|c| !c.is_empty()).ok_or(
        "it is not analysed yet (the window measures the library in the background; leitmotif analyze does it at once)",
    )?;
    let step = themes::frame_seconds();
    let from = (q.from.max(0.0) / step) as usize;
    let to =
        q.to.map_or(whole.len(), |t| (t / step).ceil() as usize)
            .min(whole.len());
    if to <= from + 10 {
        return Err("the span to find is shorter than a second, or past the track's end".into());
    }
    let query = &Phrase::of(&whole[from..to], from);
    if query.note_count() < themes::MIN_NOTES {
        return Err(format!(
            "the span holds {} notes of melody; a theme needs at least {} to be told from chance",
            query.note_count(),
            themes::MIN_NOTES
        ));
    }
    let candidates: Vec<TrackIdx> = if q.all {
        library.track_indices().collect()
    } else {
        library.series_tracks(library.albums[track.album].series)
    };
    // Read first (one connection), then aligned on every core.
    let mut found = Found::default();
    let mut targets: Vec<(TrackIdx, Phrase)> = Vec::with_capacity(candidates.len());
    for t in candidates {
        let target = if t == q.track {
            Some(whole.clone())
        } else {
            frames_of(t)?
        };
        match target {
            Some(frames) => targets.push((t, Phrase::of(&frames, 0))),
            None => found.unanalysed += 1,
        }
    }
    found.searched = targets.len();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = targets.len().div_ceil(cores).max(1);
    let span = (from as f32 * step, to as f32 * step);
    found.matches = std::thread::scope(|scope| {
        let workers: Vec<_> = targets
            .chunks(share)
            .map(|chunk| scope.spawn(move || matches_in(query, chunk, q, span)))
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    found.matches.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(found)
}

/// The query's matches in `targets`, but for the span asked about itself.
fn matches_in(query: &Phrase, targets: &[(TrackIdx, Phrase)], q: Query, (from, to): (f32, f32)) -> Vec<ThemeMatch> {
    let mut out = Vec::new();
    for (t, target) in targets {
        for f in query.find_in(target, q.min_score) {
            let itself = *t == q.track && f.start < to && f.end > from;
            if !itself {
                out.push(ThemeMatch {
                    track: *t,
                    start: f.start,
                    end: f.end,
                    score: f.score,
                    shift: f.shift,
                });
            }
        }
    }
    out
}
