//! Playback benchmarks: decode throughput per format, play-to-first-sample latency and
//! seek latency, on the headless engine. Run with `cargo bench --bench playback`;
//! needs ffmpeg to encode the test audio. Results go in docs/BENCHMARKS.md by hand.

use std::num::NonZero;
use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::time::{Duration, Instant};

use leitmotif::player::{Command, Decoder, Engine, Event, Output, QueueIdx, TrackSpec};

const SECONDS: u32 = 60;

fn encode(dir: &Path, name: &str, rate: u32, args: &[&str], ext: &str) -> PathBuf {
    let out = dir.join(format!("{name}.{ext}"));
    let status = Process::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!(
            "aevalsrc=0.3*sin(2*PI*(220+200*t)*t)|0.3*sin(2*PI*330*t):s={rate}:d={SECONDS}"
        ))
        .args(args)
        .arg(&out)
        .status()
        .expect("ffmpeg");
    assert!(status.success());
    out
}

fn main() {
    let dir = tempfile::tempdir().expect("tempdir");
    let formats: [(&str, u32, &[&str], &str); 8] = [
        ("FLAC", 44_100, &["-c:a", "flac"], "flac"),
        ("WAV", 44_100, &["-c:a", "pcm_s16le"], "wav"),
        ("AIFF", 44_100, &["-c:a", "pcm_s16be"], "aiff"),
        ("ALAC", 44_100, &["-c:a", "alac"], "m4a"),
        ("MP3 320k", 44_100, &["-c:a", "libmp3lame", "-b:a", "320k"], "mp3"),
        ("Vorbis q6", 44_100, &["-c:a", "libvorbis", "-q:a", "6"], "ogg"),
        ("Opus 160k", 48_000, &["-c:a", "libopus", "-b:a", "160k"], "opus"),
        ("AAC 256k", 44_100, &["-c:a", "aac", "-b:a", "256k"], "m4a"),
    ];
    println!("| format | decode × real time | play → first sample (ms) | seek → first sample (ms, median of 9) |");
    println!("|---|---:|---:|---:|");
    for (i, (name, rate, args, ext)) in formats.iter().enumerate() {
        let file = encode(dir.path(), &format!("f{i}"), *rate, args, ext);
        // Decode throughput: best of 3 whole-file decodes.
        let mut best = Duration::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            let mut d = Decoder::open(&file, None, None).expect("open");
            let mut buf = Vec::with_capacity(8192);
            loop {
                buf.clear();
                if d.read(&mut buf, 4096).expect("decode") == 0 {
                    break;
                }
            }
            best = best.min(t.elapsed());
        }
        let speed = f64::from(SECONDS) / best.as_secs_f64();

        let (mixer, mut source) = rodio::mixer::mixer(NonZero::new(2).unwrap(), NonZero::new(*rate).unwrap());
        let (engine, events) = Engine::start(Output::Mixer {
            mixer,
            sample_rate: *rate,
            channels: 2,
        })
        .expect("engine");
        let t = Instant::now();
        engine.send(Command::Play {
            queue: vec![TrackSpec::file(&file)],
            start: QueueIdx(0),
            position: Duration::ZERO,
            paused: false,
        });
        // The mixer is pulled as a sound card would, until the track's audio arrives.
        while source.next().is_none_or(|s| s == 0.0) {}
        let first_sample = t.elapsed();

        let mut seeks = Vec::new();
        for k in 0..9u64 {
            let target = Duration::from_millis(5_000 + k * 6_100);
            while events.try_recv().is_ok() {}
            let t = Instant::now();
            engine.send(Command::Seek(target));
            loop {
                match events.recv_timeout(Duration::from_secs(5)) {
                    Ok(Event::Seeked { .. }) => break,
                    Ok(_) => {}
                    Err(_) => panic!("no seek"),
                }
            }
            source.next();
            seeks.push(t.elapsed());
        }
        seeks.sort();
        println!(
            "| {name} | {speed:.0}× | {:.1} | {:.1} |",
            first_sample.as_secs_f64() * 1e3,
            seeks[4].as_secs_f64() * 1e3
        );
        drop(engine);
    }
}
