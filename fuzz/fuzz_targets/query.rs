//! Queries: parse, the mistake's position and caret, evaluation and its complement.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::query(data));
