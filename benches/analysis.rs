//! Analysis speed per codec: `cargo bench --bench analysis -- DIR [FILES_PER_CODEC]`.
//! Files of each codec under DIR (the perf corpus) are decoded and measured on one
//! thread, as the pass does (loudness, true peak, waveform, chroma), and then with the
//! loudness alone, then only decoded (the player's decoder, symphonia), and beside it
//! decoded by ffmpeg on one thread (libavcodec, C; when installed) as the floor a
//! decoder of C and hand-written SIMD sets; prints × real time per core for each codec.

use std::path::{Path, PathBuf};
use std::time::Instant;

use leitmotif::analysis::track::{CHUNK, analyse};
use leitmotif::player::{Decoder, TrackSpec};

const CODECS: [(&str, &str); 6] = [
    ("FLAC", "flac"),
    ("MP3", "mp3"),
    ("Vorbis", "ogg"),
    ("Opus", "opus"),
    ("AAC", "m4a"),
    ("WAV", "wav"),
];

fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut entries: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| a != "--bench").collect();
    let Some(dir) = args.first().map(PathBuf::from) else {
        eprintln!("usage: cargo bench --bench analysis -- DIR [FILES_PER_CODEC]");
        std::process::exit(2);
    };
    let per_codec: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(400);
    println!(
        "| codec | files | audio s | all features: s, × real time | loudness only | decoded only | ffmpeg decoding, one thread |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for (name, ext) in CODECS {
        let mut found = Vec::new();
        files(&dir, ext, &mut found);
        found.truncate(per_codec);
        let mut cells = Vec::new();
        let mut audio = 0.0;
        let mut ok = 0;
        for features in [true, false] {
            audio = 0.0;
            ok = 0;
            let started = Instant::now();
            for f in &found {
                // Damaged files of the corpus fail as they should; only audio counts.
                if let Ok(a) = analyse(&TrackSpec::file(f), features) {
                    audio += a.seconds;
                    ok += 1;
                }
            }
            cells.push(per_core(started.elapsed().as_secs_f64(), audio));
        }
        let started = Instant::now();
        for f in &found {
            let _ = decode_only(f);
        }
        cells.push(per_core(started.elapsed().as_secs_f64(), audio));
        let peer: Option<f64> = found.iter().map(|f| ffmpeg_decode(f)).sum();
        cells.push(match peer {
            Some(secs) if !found.is_empty() => per_core(secs, audio),
            _ => "—".to_owned(),
        });
        println!("| {name} | {ok} | {audio:.0} | {} |", cells.join(" | "));
    }
}

/// "2.32 s, 898×": seconds taken for `audio` seconds of audio, and × real time.
fn per_core(secs: f64, audio: f64) -> String {
    format!("{secs:.2} s, {:.0}×", audio / secs.max(1e-9))
}

/// Decodes `path` as the pass does (same decoder, same chunks), measuring nothing.
fn decode_only(path: &Path) -> Result<u64, String> {
    let mut decoder = Decoder::open(path, None, None).map_err(|e| e.to_string())?;
    let mut buf = Vec::new();
    let mut frames = 0u64;
    loop {
        buf.clear();
        let n = decoder.read(&mut buf, CHUNK).map_err(|e| e.to_string())?;
        if n == 0 {
            return Ok(frames);
        }
        frames += n as u64;
    }
}

/// Seconds ffmpeg takes to decode `path` on one thread, the samples thrown away: its
/// whole run less a run decoding one frame (its start and the file's probe, ~40 ms a
/// process here). `None` when it isn't installed or fails.
fn ffmpeg_decode(path: &Path) -> Option<f64> {
    let run = |limit: &[&str]| {
        let started = Instant::now();
        std::process::Command::new("ffmpeg")
            .args(["-nostdin", "-v", "error", "-threads", "1", "-i"])
            .arg(path)
            .args(["-map", "0:a:0"])
            .args(limit)
            .args(["-f", "null", "-"])
            .status()
            .is_ok_and(|s| s.success())
            .then(|| started.elapsed().as_secs_f64())
    };
    Some((run(&[])? - run(&["-frames:a", "1"])?).max(0.0))
}
