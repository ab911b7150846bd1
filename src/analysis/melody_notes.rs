//! The notes of a melody read from its chroma frames (`features`), for the theme
//! finder: per 100 ms frame the strongest pitch class; runs of one class are a note.
//! Two corrections for what a mix does to that reading, each seen on the theme test
//! set's misses (`scripts/theme-testset.py`):
//! - a class interrupted for one frame by another, and back, is one note: a chord tone
//!   or the last note's ring briefly as strong as the melody made its first note
//!   flicker between two classes, and the aligner matched the last fragment, late;
//! - a note starts where its class began rising to the top, up to `RISE_FRAMES` before
//!   it got there: under the previous note's ring a new note is second-strongest for a
//!   frame or two, and its onset read 200 ms late was off the tempo line.

use super::features::Chroma;

/// A note of a phrase: its pitch class and where it sounds, in chroma frames.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Note {
    pub pitch: u8,
    pub start: u32,
    pub frames: u32,
}

/// A note's pitch class never changes inside a gap of silence this short (frames).
const REJOIN_GAP: u32 = 2;
/// How far back a note's onset may be moved to where its class began rising (frames).
const RISE_FRAMES: u32 = 2;
/// A class is rising into a note when it is at least this strong (of 15, the frame's
/// strongest) and no weaker than in the frame after.
const RISE_MIN: u8 = 8;

/// The notes of `frames` (the first at frame `offset`): per frame its strongest pitch
/// class, one-frame interruptions smoothed over; runs of one class are a note; silence
/// ends a note, but one resuming after a gap of at most `REJOIN_GAP` frames in the same
/// class is the same note.
pub fn notes(frames: &[[u8; 12]], offset: usize) -> Vec<Note> {
    let mut classes: Vec<Option<u8>> = frames.iter().map(strongest).collect();
    for k in 1..classes.len().saturating_sub(1) {
        let (before, here, after) = (classes[k - 1], classes[k], classes[k + 1]);
        if before.is_some() && here.is_some() && before == after && here != before {
            classes[k] = before;
        }
    }
    let mut out = runs(&classes, offset);
    rise(&mut out, frames, offset);
    out
}

/// `notes` of frames as the store keeps them (`Chroma::to_bytes`): a whole-library
/// search reads every track's, one track's frames at a time.
pub fn notes_packed(bytes: &[u8], offset: usize) -> Vec<Note> {
    let frames: Vec<[u8; 12]> = Chroma::packed_frames(bytes).collect();
    notes(&frames, offset)
}

/// The strongest class of a frame (the lowest of equals); `None` when silent.
fn strongest(frame: &[u8; 12]) -> Option<u8> {
    let (mut best, mut at) = (0u8, 0u8);
    for (k, &v) in frame.iter().enumerate() {
        if v > best {
            (best, at) = (v, k as u8);
        }
    }
    (best > 0).then_some(at)
}

fn runs(classes: &[Option<u8>], offset: usize) -> Vec<Note> {
    let mut out: Vec<Note> = Vec::new();
    let mut close = |pitch: u8, from: usize, to: usize| {
        let (start, end) = ((from + offset) as u32, (to + offset) as u32);
        match out.last_mut() {
            Some(last) if last.pitch == pitch && start - (last.start + last.frames) <= REJOIN_GAP => {
                last.frames = end - last.start;
            }
            _ => out.push(Note {
                pitch,
                start,
                frames: end - start,
            }),
        }
    };
    let mut from = 0;
    for k in 1..=classes.len() {
        if k == classes.len() || classes[k] != classes[from] {
            if let Some(pitch) = classes[from] {
                close(pitch, from, k);
            }
            from = k;
        }
    }
    out
}

/// Moves each note's onset back over the frames where its class was rising under the
/// note before it (which keeps at least one frame).
fn rise(notes: &mut [Note], frames: &[[u8; 12]], offset: usize) {
    for k in 1..notes.len() {
        let (before, note) = (notes[k - 1], notes[k]);
        if before.start + before.frames != note.start {
            continue;
        }
        let class = usize::from(note.pitch);
        let value = |at: u32| frames[at as usize - offset][class];
        let mut start = note.start;
        while note.start - start < RISE_FRAMES
            && start > before.start + 1
            && value(start - 1) >= RISE_MIN
            && value(start - 1) <= value(start)
        {
            start -= 1;
        }
        notes[k - 1].frames = start - before.start;
        notes[k].frames += note.start - start;
        notes[k].start = start;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(values: &[(usize, u8)]) -> [u8; 12] {
        let mut f = [0u8; 12];
        for &(c, v) in values {
            f[c] = v;
        }
        f
    }

    fn read(frames: &[[u8; 12]]) -> Vec<(u8, u32, u32)> {
        notes(frames, 10).iter().map(|n| (n.pitch, n.start, n.frames)).collect()
    }

    #[test]
    fn notes_are_runs_of_the_strongest_class_and_short_silences_rejoin_them() {
        let mut f = vec![frame(&[(2, 15)]); 4];
        f.extend(vec![[0; 12]; 2]);
        f.extend(vec![frame(&[(2, 15)]); 3]);
        f.extend(vec![frame(&[(5, 15)]); 2]);
        f.extend(vec![[0; 12]; 5]);
        f.push(frame(&[(5, 15)]));
        assert_eq!(read(&f), vec![(2, 10, 9), (5, 19, 2), (5, 26, 1)]);
    }

    #[test]
    fn a_one_frame_interruption_by_another_class_is_smoothed_over() {
        // 11 flickers with 3 (a chord tone as strong for a frame), then a real note 2.
        let eleven = frame(&[(11, 15), (3, 12)]);
        let three = frame(&[(11, 14), (3, 15)]);
        let two = frame(&[(2, 15)]);
        let f = [eleven, eleven, three, eleven, three, eleven, two, two, two];
        assert_eq!(read(&f), vec![(11, 10, 6), (2, 16, 3)]);
        // Two frames of another class are a note.
        let (e, t) = (frame(&[(11, 15), (3, 4)]), frame(&[(3, 15), (11, 4)]));
        let g = [e, e, t, t, e, e];
        assert_eq!(read(&g), vec![(11, 10, 2), (3, 12, 2), (11, 14, 2)]);
    }

    #[test]
    fn a_note_starts_where_its_class_began_rising_under_the_last_ones_ring() {
        // 0 rings on; 9 comes in at 9 of 15 two frames before it is the strongest.
        let ringing = frame(&[(0, 15), (9, 4)]);
        let f = [
            ringing,
            ringing,
            ringing,
            frame(&[(0, 15), (9, 9)]),
            frame(&[(0, 15), (9, 9)]),
            frame(&[(0, 9), (9, 15)]),
            frame(&[(9, 15)]),
        ];
        assert_eq!(read(&f), vec![(0, 10, 3), (9, 13, 4)]);
        // A class weak before its note is not moved; nor is the note before emptied.
        let g = [
            frame(&[(0, 15), (9, 4)]),
            frame(&[(0, 15), (9, 9)]),
            frame(&[(9, 15)]),
            frame(&[(9, 15)]),
        ];
        assert_eq!(read(&g), vec![(0, 10, 1), (9, 11, 3)]);
    }

    #[test]
    fn notes_read_from_packed_frames_are_those_of_the_frames() {
        let f: Vec<[u8; 12]> = (0..40u8)
            .map(|k| frame(&[(usize::from(k / 5 % 12), 15), (usize::from((k / 5 + 7) % 12), 9)]))
            .collect();
        let packed = Chroma { frames: f.clone() }.to_bytes();
        assert_eq!(notes_packed(&packed, 7), notes(&f, 7));
        assert_eq!(notes(&f, 7).len(), 8);
    }
}
