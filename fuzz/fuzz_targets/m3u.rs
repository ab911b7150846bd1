//! M3U / M3U8 playlists: bytes (BOM, Latin-1, CRLF), and the write/read round trip.
#![no_main]

#[path = "../harness.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::m3u(data));
