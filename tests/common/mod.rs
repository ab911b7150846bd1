//! Shared test helpers: real audio written and encoded in the test (ffmpeg does the
//! lossy encoders), and the engine driven with no sound card by pulling its mixer.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command as Process;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use leitmotif::player::{Command, Engine, Event, Output, QueueIdx, TrackSpec};
use rodio::mixer::MixerSource;

/// A format under test: file extension and ffmpeg encoder arguments.
#[derive(Clone, Copy, Debug)]
pub struct Format {
    pub name: &'static str,
    pub ext: &'static str,
    pub args: &'static [&'static str],
    /// Opus only runs at 48 kHz.
    pub rate: u32,
    pub lossy: bool,
}

pub const WAV: Format = Format {
    name: "wav",
    ext: "wav",
    args: &["-c:a", "pcm_s16le"],
    rate: 44_100,
    lossy: false,
};
pub const FLAC: Format = Format {
    name: "flac",
    ext: "flac",
    args: &["-c:a", "flac"],
    rate: 44_100,
    lossy: false,
};
pub const AIFF: Format = Format {
    name: "aiff",
    ext: "aiff",
    args: &["-c:a", "pcm_s16be"],
    rate: 44_100,
    lossy: false,
};
pub const ALAC: Format = Format {
    name: "alac",
    ext: "m4a",
    args: &["-c:a", "alac"],
    rate: 44_100,
    lossy: false,
};
pub const VORBIS: Format = Format {
    name: "vorbis",
    ext: "ogg",
    args: &["-c:a", "libvorbis", "-q:a", "8"],
    rate: 44_100,
    lossy: true,
};
pub const OPUS: Format = Format {
    name: "opus",
    ext: "opus",
    args: &["-c:a", "libopus", "-b:a", "192k"],
    rate: 48_000,
    lossy: true,
};
pub const MP3: Format = Format {
    name: "mp3",
    ext: "mp3",
    args: &["-c:a", "libmp3lame", "-b:a", "320k"],
    rate: 44_100,
    lossy: true,
};
pub const AAC: Format = Format {
    name: "aac",
    ext: "m4a",
    args: &["-c:a", "aac", "-b:a", "256k"],
    rate: 44_100,
    lossy: true,
};

pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Writes 16-bit PCM WAV, interleaved `channels`.
pub fn write_wav(path: &Path, rate: u32, channels: u16, samples: &[f32]) {
    let data_len = (samples.len() * 2) as u32;
    let mut b = Vec::with_capacity(44 + samples.len() * 2);
    b.extend_from_slice(b"RIFF");
    b.extend_from_slice(&(36 + data_len).to_le_bytes());
    b.extend_from_slice(b"WAVEfmt ");
    b.extend_from_slice(&16u32.to_le_bytes());
    b.extend_from_slice(&1u16.to_le_bytes());
    b.extend_from_slice(&channels.to_le_bytes());
    b.extend_from_slice(&rate.to_le_bytes());
    b.extend_from_slice(&(rate * u32::from(channels) * 2).to_le_bytes());
    b.extend_from_slice(&(channels * 2).to_le_bytes());
    b.extend_from_slice(&16u16.to_le_bytes());
    b.extend_from_slice(b"data");
    b.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        let v = (s.clamp(-1.0, 1.0) * 32767.0).round() as i16;
        b.extend_from_slice(&v.to_le_bytes());
    }
    std::fs::write(path, b).expect("write wav");
}

/// Encodes `pcm` (interleaved stereo at `format.rate`) into `dir/name.ext` with ffmpeg;
/// `metadata` become tags.
pub fn encode(dir: &Path, name: &str, format: Format, pcm: &[f32], metadata: &[(&str, &str)]) -> PathBuf {
    let wav = dir.join(format!("{name}.src.wav"));
    write_wav(&wav, format.rate, 2, pcm);
    let out = dir.join(format!("{name}.{}", format.ext));
    let mut cmd = Process::new("ffmpeg");
    cmd.args(["-hide_banner", "-loglevel", "error", "-y", "-i"])
        .arg(&wav)
        .args(format.args);
    for (k, v) in metadata {
        cmd.arg("-metadata").arg(format!("{k}={v}"));
    }
    let status = cmd
        .arg(&out)
        .status()
        .expect("ffmpeg runs (the set-up script installs it)");
    assert!(status.success(), "ffmpeg failed for {}", out.display());
    std::fs::remove_file(&wav).ok();
    out
}

/// A stereo cosine, continuous across calls: frames `start..start+len` of one tone.
pub fn tone(freq: f64, amp: f64, rate: u32, start: u64, len: u64) -> Vec<f32> {
    let mut v = Vec::with_capacity(len as usize * 2);
    for n in start..start + len {
        let s = (amp * (2.0 * std::f64::consts::PI * freq * n as f64 / f64::from(rate)).cos()) as f32;
        v.push(s);
        v.push(s);
    }
    v
}

/// A headless engine: its mixer is pulled here instead of by a sound card.
pub struct Headless {
    pub engine: Engine,
    pub events: Receiver<Event>,
    pub seen: Vec<Event>,
    source: MixerSource,
    pub rate: u32,
}

impl Headless {
    pub fn new(rate: u32) -> Self {
        let (mixer, source) = rodio::mixer::mixer(
            std::num::NonZero::new(2).expect("2"),
            std::num::NonZero::new(rate).expect("rate"),
        );
        let (engine, events) = Engine::start(Output::Mixer {
            mixer,
            sample_rate: rate,
            channels: 2,
        })
        .expect("a mixer output always opens");
        Self {
            engine,
            events,
            seen: Vec::new(),
            source,
            rate,
        }
    }

    pub fn play_specs(&mut self, queue: Vec<TrackSpec>) {
        self.engine.send(Command::Play {
            queue,
            start: QueueIdx(0),
            position: Duration::ZERO,
            paused: false,
        });
    }

    pub fn play(&mut self, paths: &[PathBuf]) {
        self.engine.send(Command::Play {
            queue: paths.iter().cloned().map(TrackSpec::file).collect(),
            start: QueueIdx(0),
            position: Duration::ZERO,
            paused: false,
        });
    }

    /// How many tracks have started among the events seen so far.
    pub fn tracks_started(&self) -> usize {
        self.seen
            .iter()
            .filter(|e| matches!(e, Event::TrackStarted { .. }))
            .count()
    }

    /// The queue indexes of the tracks started so far, in order.
    pub fn started_indexes(&self) -> Vec<usize> {
        self.seen
            .iter()
            .filter_map(|e| match e {
                Event::TrackStarted { index, .. } => Some(index.0),
                _ => None,
            })
            .collect()
    }

    /// Waits (without pulling audio) for an event matching `pred`; returns it.
    pub fn wait_for(&mut self, what: &str, pred: impl Fn(&Event) -> bool) -> Event {
        let deadline = Instant::now() + Duration::from_secs(20);
        if let Some(e) = self.seen.iter().find(|e| pred(e)) {
            return e.clone();
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let e = self
                .events
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("no {what} event; saw {:?}", self.seen));
            self.seen.push(e.clone());
            if pred(&e) {
                return e;
            }
        }
    }

    pub fn drain_events(&mut self) {
        while let Ok(e) = self.events.try_recv() {
            self.seen.push(e);
        }
    }

    /// Pulls `frames` stereo frames; returns the left channel.
    pub fn pull(&mut self, frames: usize) -> Vec<f32> {
        let mut left = Vec::with_capacity(frames);
        for _ in 0..frames {
            let l = self.source.next().unwrap_or(0.0);
            let _r = self.source.next();
            left.push(l);
        }
        self.drain_events();
        left
    }

    /// Pulls until the queue has ended, then `tail` more frames; returns the left channel.
    pub fn pull_to_end(&mut self, tail: usize) -> Vec<f32> {
        let mut out = Vec::new();
        let limit = self.rate as usize * 120;
        while !self.seen.iter().any(|e| matches!(e, Event::QueueEnded)) {
            out.extend(self.pull(1024));
            assert!(out.len() < limit, "the queue never ended; events: {:?}", self.seen);
        }
        out.extend(self.pull(tail));
        out
    }
}

/// The non-silent span of a signal: first and last index above the threshold.
pub fn span(x: &[f32], threshold: f32) -> Option<(usize, usize)> {
    let first = x.iter().position(|s| s.abs() > threshold)?;
    let last = x.iter().rposition(|s| s.abs() > threshold)?;
    Some((first, last + 1))
}

/// Largest deviation from a pure tone (x[n+1] - 2cos(w)x[n] + x[n-1]), relative to
/// `amp`, ignoring `edge` samples at both ends; and where it is.
pub fn tone_residual(x: &[f32], freq: f64, rate: u32, amp: f64, edge: usize) -> (f64, usize) {
    let c = 2.0 * (2.0 * std::f64::consts::PI * freq / f64::from(rate)).cos();
    let mut worst = (0.0, 0);
    for n in (1 + edge)..x.len().saturating_sub(1 + edge) {
        let r = (f64::from(x[n + 1]) - c * f64::from(x[n]) + f64::from(x[n - 1])).abs() / amp;
        if r > worst.0 {
            worst = (r, n);
        }
    }
    worst
}

pub fn rms(x: &[f32]) -> f64 {
    (x.iter().map(|s| f64::from(*s).powi(2)).sum::<f64>() / x.len().max(1) as f64).sqrt()
}
pub mod cli;
pub mod desktop;
pub mod pcm;
pub mod pulse;

/// Runs the `leitmotif` command with its data in `home` (isolated from the user's);
/// fails the test with its message unless it succeeds. Returns what it printed.
pub fn cli(home: &Path, args: &[&str]) -> Vec<u8> {
    let out = Process::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(args)
        .env("XDG_DATA_HOME", home.join("data"))
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_CACHE_HOME", home.join("cache"))
        .output()
        .expect("leitmotif runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}
