//! Measuring what tracks sound like by decoding them once: no window, no SQL here
//! but through the store. EBU R128 loudness and the ReplayGain 2.0 values from it
//! (`loudness`, over `r128` and `true_peak`), a waveform summary and chroma frames
//! (`features`), one track at a time (`track`), and the library-wide pass that keeps
//! them (`pass`).

pub mod features;
pub mod gains;
pub mod loudness;
pub mod melody_notes;
pub mod note_align;
pub mod pass;
pub mod r128;
pub mod theme_frames;
pub mod theme_rhythm;
pub mod themes;
pub mod track;
pub mod true_peak;
