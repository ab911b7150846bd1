//! Tags: each input written to a file (extension from the first byte) in a per-process
//! temp folder and read as the scanner reads one file. Nothing is decoded or played.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::tags(data, harness::tags_dir()));
