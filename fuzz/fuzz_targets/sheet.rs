//! Series sheets (TOML): parse, the rejection report, the export round trip.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::sheet(data));
