//! The note aligner's table: local alignment (Smith–Waterman) of a query's notes with a
//! target's under all twelve transpositions at once. Each cell holds the twelve
//! transpositions' scores side by side in small integers, so one pass over the table
//! does what twelve did (the compiler turns the lane loops into vector instructions):
//! at 100,000 tracks this table is most of a whole-library search.
//!
//! Integer costs keep the ratios of the method (`themes`): a matching note +10, a wrong
//! one −10, a note the target adds −2, one it leaves out −7.

use super::melody_notes::Note;

/// Transpositions side by side; the last four lanes are padding for the vector width.
const LANES: usize = 16;
type Lanes = [i16; LANES];

const MATCHED: i16 = 10;
const WRONG: i16 = 10;
const ADDED: i16 = 2;
const LEFT_OUT: i16 = 7;
/// Score units per matched note.
pub const UNIT: f32 = MATCHED as f32;

/// What a cell's score under one transposition came from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Step {
    Start,
    /// A note against a note (matching or wrong).
    Both,
    /// A note the target adds.
    Added,
    /// A query note the target leaves out.
    LeftOut,
}

/// An alignment ending on a matched note: its score, query note and target note (1-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct End {
    pub score: i16,
    pub i: u32,
    pub j: u32,
}

/// The scores of every cell under every transposition, reused across targets.
#[derive(Default)]
pub struct Table {
    width: usize,
    score: Vec<Lanes>,
}

/// The substitution scores of a cell whose target note is `d` semitones above its
/// query note: it matches under transposition `d` only.
const fn substitution(d: usize) -> Lanes {
    let mut out = [-WRONG; LANES];
    out[d] = MATCHED;
    out
}
const SUBSTITUTIONS: [Lanes; 12] = {
    let mut out = [[0; LANES]; 12];
    let mut d = 0;
    while d < 12 {
        out[d] = substitution(d);
        d += 1;
    }
    out
};

/// Semitones from the query's note to the target's.
fn interval(q: &Note, t: &Note) -> usize {
    usize::from((t.pitch + 12 - q.pitch % 12) % 12)
}

impl Table {
    /// Fills the table for `query` against `target`; per transposition, the alignments
    /// ending on a matched note that scored at least `floor` (a Both step, as the trace
    /// needs a matched last note).
    pub fn fill(&mut self, query: &[Note], target: &[Note], floor: i16) -> [Vec<End>; 12] {
        let (n, m) = (query.len(), target.len());
        let w = m + 1;
        self.width = w;
        self.score.clear();
        self.score.resize((n + 1) * w, [0; LANES]);
        let mut ends: [Vec<End>; 12] = Default::default();
        for i in 1..=n {
            let q = &query[i - 1];
            let (above, row) = self.score.split_at_mut(i * w);
            let above = &above[(i - 1) * w..];
            let row = &mut row[..w];
            for j in 1..=m {
                let d = interval(q, &target[j - 1]);
                let sub = &SUBSTITUTIONS[d];
                let (diag, up, left) = (&above[j - 1], &above[j], &row[j - 1]);
                let mut both = [0; LANES];
                let mut cell = [0; LANES];
                for l in 0..LANES {
                    both[l] = diag[l].saturating_add(sub[l]);
                    let added = left[l].saturating_sub(ADDED);
                    let left_out = up[l].saturating_sub(LEFT_OUT);
                    cell[l] = both[l].max(added).max(left_out).max(0);
                }
                row[j] = cell;
                // Only transposition `d` matches here; the cell ends an alignment there
                // when its best step was the matched note.
                if cell[d] >= floor && cell[d] == both[d] && both[d] > 0 {
                    ends[d].push(End {
                        score: cell[d],
                        i: i as u32,
                        j: j as u32,
                    });
                }
            }
        }
        ends
    }

    /// The step that gave cell (i, j) its score under transposition `shift`, read back
    /// from its neighbours with the fill's order of preference (a note against a note,
    /// then an added note, then a left-out one; ties keep the earlier).
    fn step(&self, query: &[Note], target: &[Note], i: usize, j: usize, shift: usize) -> Step {
        let w = self.width;
        let at = |i: usize, j: usize| self.score[i * w + j][shift];
        let here = at(i, j);
        if here == 0 {
            return Step::Start;
        }
        let both = at(i - 1, j - 1).saturating_add(SUBSTITUTIONS[interval(&query[i - 1], &target[j - 1])][shift]);
        let added = at(i, j - 1).saturating_sub(ADDED);
        let left_out = at(i - 1, j).saturating_sub(LEFT_OUT);
        let mut best = (0, Step::Start);
        for (v, s) in [(both, Step::Both), (added, Step::Added), (left_out, Step::LeftOut)] {
            if v > best.0 {
                best = (v, s);
            }
        }
        best.1
    }

    /// The matched (query, target) note pairs (0-based) of the alignment ending at `end`
    /// under transposition `shift`.
    pub fn trace(&self, query: &[Note], target: &[Note], end: End, shift: u8) -> Vec<(usize, usize)> {
        let shift = usize::from(shift);
        let (mut i, mut j) = (end.i as usize, end.j as usize);
        let mut pairs = Vec::new();
        while i > 0 && j > 0 {
            match self.step(query, target, i, j, shift) {
                Step::Start => break,
                Step::Both => {
                    if interval(&query[i - 1], &target[j - 1]) == shift {
                        pairs.push((i - 1, j - 1));
                    }
                    i -= 1;
                    j -= 1;
                }
                Step::Added => j -= 1,
                Step::LeftOut => i -= 1,
            }
        }
        pairs.reverse();
        pairs
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes(pitches: &[u8]) -> Vec<Note> {
        pitches
            .iter()
            .enumerate()
            .map(|(k, &pitch)| Note {
                pitch,
                start: 4 * k as u32,
                frames: 4,
            })
            .collect()
    }

    #[test]
    fn each_transposition_scores_as_if_aligned_alone() {
        let query = notes(&[0, 2, 4, 5, 7]);
        // The query a fifth up, with a passing note added after its third.
        let target = notes(&[3, 7, 9, 11, 6, 0, 2]);
        let mut table = Table::default();
        let ends = table.fill(&query, &target, 1);
        let best = ends[7].iter().max_by_key(|e| e.score).expect("a fifth up");
        assert_eq!(best.score, 50 - ADDED);
        for (shift, e) in ends.iter().enumerate() {
            if shift != 7 {
                assert!(e.iter().all(|e| e.score <= 20), "shift {shift}: {e:?}");
            }
        }
        let pairs = table.trace(&query, &target, *best, 7);
        assert_eq!(pairs, vec![(0, 1), (1, 2), (2, 3), (3, 5), (4, 6)]);
    }

    #[test]
    fn an_added_note_costs_less_than_a_left_out_one() {
        let query = notes(&[0, 2, 4, 5]);
        let added = notes(&[0, 2, 3, 4, 5]);
        let left_out = notes(&[0, 2, 5]);
        let mut table = Table::default();
        let best = |t: &mut Table, target: &[Note]| t.fill(&query, target, 1)[0].iter().map(|e| e.score).max();
        assert_eq!(best(&mut table, &added), Some(40 - ADDED));
        // 0 2 matched, 4 left out, 5 matched.
        assert_eq!(best(&mut table, &left_out), Some(30 - LEFT_OUT));
    }
}
