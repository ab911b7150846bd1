//! Analysis speed per codec: `cargo bench --bench analysis -- DIR [FILES_PER_CODEC]`.
//! Files of each codec under DIR (the perf corpus) are decoded and measured on one
//! thread, as the pass does (loudness, true peak, waveform, chroma), and then with the
//! loudness alone; prints × real time per core for each codec.

use std::path::{Path, PathBuf};
use std::time::Instant;

use leitmotif::analysis::track::analyse;
use leitmotif::player::TrackSpec;

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
    println!("| codec | files | audio s | all features: s, × real time | loudness only: s, × real time |");
    println!("|---|---:|---:|---:|---:|");
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
            let secs = started.elapsed().as_secs_f64();
            cells.push(format!("{secs:.2} s, {:.0}×", audio / secs.max(1e-9)));
        }
        println!("| {name} | {ok} | {audio:.0} | {} | {} |", cells[0], cells[1]);
    }
}
