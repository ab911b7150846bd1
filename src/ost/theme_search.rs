//! "Find this theme": where a span of a track recurs in its series or the whole library,
//! from the chroma the analysis pass keeps. Shared by `leitmotif themes find` and the
//! window's finder panel.

use crate::analysis::features::Chroma;
use crate::analysis::note_align::Table;
use crate::analysis::themes::{self, Phrase};
use crate::library::model::{Library, TrackIdx};
use crate::store::Store;
use std::sync::{Mutex, mpsc};

/// Matches scoring below this are not printed unless asked for (docs/BENCHMARKS.md has
/// each test set's recall and precision at it).
pub const CONFIDENT: f32 = 0.5;
/// The window lists matches down to this, the less sure ones said to be (on the test
/// sets recall 0.92–1.00, precision 0.55–0.72): each can be heard before it is kept.
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

/// The frame aligner (for melodies the notes misread) looks closer at most this many
/// tracks, those whose notes are most like the query's: a series' search (~500 tracks)
/// aligns every one's frames as before; over a whole library, aligning every track's
/// frames was 40 % of a 126-s search.
const FRAME_TRACKS: usize = 500;
/// Tracks handed to a worker at a time.
const BATCH: usize = 64;
/// Tracks and their packed chroma, as handed to a worker.
type Batch = Vec<(TrackIdx, Vec<u8>)>;

/// The matches of `q`, best first; an error says why nothing could be searched.
pub fn search(store: &Store, library: &Library, q: Query) -> Result<Found, String> {
    let track = library.track(q.track).ok_or("the track is no longer in the library")?;
    let chroma_of = |t: TrackIdx| -> Result<Option<Vec<u8>>, String> {
        let Some(tr) = library.track(t) else {
            return Ok(None);
        };
        store
            .analysis_chroma(&tr.path.to_string_lossy(), tr.fields.cue_index)
            .map_err(|e| format!("the analysis could not be read: {e}"))
    };
    let whole = chroma_of(q.track)?
        .map(|bytes| Chroma::from_bytes(&bytes).frames)
        .filter(|c| !c.is_empty())
        .ok_or(
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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut found = Found::default();
    // The notes of every track: read on this thread, aligned on every core as they come.
    let (send, receive) = mpsc::sync_channel::<Batch>(2 * cores);
    let receive = Mutex::new(receive);
    let (read, by_notes) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..cores)
            .map(|_| scope.spawn(|| notes_worker(query, &receive, q.min_score)))
            .collect();
        let read = (|| -> Result<(), String> {
            let mut batch = Vec::with_capacity(BATCH);
            for &t in &candidates {
                match chroma_of(t)? {
                    Some(bytes) => batch.push((t, bytes)),
                    None => found.unanalysed += 1,
                }
                if batch.len() == BATCH && send.send(std::mem::take(&mut batch)).is_err() {
                    break;
                }
            }
            // A worker gone (it panicked) leaves the rest to the others.
            let _ = send.send(batch);
            Ok(())
        })();
        drop(send);
        let mut by_notes: Vec<(TrackIdx, Vec<themes::Found>)> =
            workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect();
        // In the library's order, whichever worker took which batch: equal scores then
        // keep one order from run to run.
        by_notes.sort_unstable_by_key(|(t, _)| *t);
        (read, by_notes)
    });
    read?;
    found.searched = candidates.len() - found.unanalysed;
    // The frame aligner on the tracks whose notes came closest.
    let mut closest: Vec<(usize, f32, u8)> = by_notes
        .iter()
        .enumerate()
        .filter_map(|(k, (_, f))| Some((k, f.first()?.score, Phrase::frame_shift(f)?)))
        .collect();
    closest.sort_by(|a, b| b.1.total_cmp(&a.1));
    closest.truncate(FRAME_TRACKS);
    let mut shifts: Vec<Option<u8>> = vec![None; by_notes.len()];
    let mut frames: Vec<Option<Vec<[u8; 12]>>> = vec![None; by_notes.len()];
    for &(k, _, shift) in &closest {
        shifts[k] = Some(shift);
        frames[k] = chroma_of(by_notes[k].0)?.map(|bytes| Chroma::from_bytes(&bytes).frames);
    }
    let jobs: Vec<_> = by_notes.into_iter().zip(shifts).zip(frames).collect();
    let share = jobs.len().div_ceil(cores).max(1);
    let span = (from as f32 * step, to as f32 * step);
    found.matches = std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(share)
            .map(|chunk| scope.spawn(move || matches_in(query, chunk, q, span)))
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    found.matches.sort_by(|a, b| b.score.total_cmp(&a.score));
    Ok(found)
}

/// A worker of the search's first part: the note aligner's matches in each track it is
/// handed, kept for the tracks with any.
fn notes_worker(
    query: &Phrase,
    receive: &Mutex<mpsc::Receiver<Batch>>,
    min_score: f32,
) -> Vec<(TrackIdx, Vec<themes::Found>)> {
    let mut table = Table::default();
    let mut out = Vec::new();
    loop {
        let batch = match receive.lock() {
            Ok(r) => r.recv(),
            Err(_) => break,
        };
        let Ok(batch) = batch else { break };
        for (t, bytes) in batch {
            let found = query.note_matches(&mut table, &themes::notes_packed(&bytes, 0), min_score);
            if !found.is_empty() {
                out.push((t, found));
            }
        }
    }
    out
}

type Job = (((TrackIdx, Vec<themes::Found>), Option<u8>), Option<Vec<[u8; 12]>>);

/// The query's matches in `jobs` (each track's note matches, with the transposition and
/// frames the frame aligner tries there), but for the span asked about itself.
fn matches_in(query: &Phrase, jobs: &[Job], q: Query, (from, to): (f32, f32)) -> Vec<ThemeMatch> {
    let mut out = Vec::new();
    for (((t, notes), shift), frames) in jobs {
        let frames = frames.as_deref().unwrap_or_default();
        for f in query.with_frames(notes.clone(), frames, *shift, q.min_score) {
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
