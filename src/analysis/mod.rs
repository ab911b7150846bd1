//! Measuring what tracks sound like by decoding them once: no window, no SQL. So far
//! EBU R128 loudness and the ReplayGain 2.0 values from it (`loudness`).

pub mod loudness;
