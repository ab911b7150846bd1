//! Tags: each input written to a file (extension from the first byte) in a per-process
//! temp folder and read as the scanner reads one file. Nothing is decoded or played.
//! Panics that Leitmotif catches (inside lofty, under `tags::read`) are printed once per
//! location, not counted as crashes; any other panic aborts as usual.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(init: harness::report_panics_once(), |data: &[u8]| harness::tags(
    data,
    harness::tags_dir()
));
