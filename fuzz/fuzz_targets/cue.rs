//! CUE sheets: bytes in any encoding, and the text parser.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::cue(data));
