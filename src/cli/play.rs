//! `leitmotif play PATH…`: the engine alone, no window, events printed as they come.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use std::sync::Arc;

use leitmotif::library::listening::{Counted, Listening};
use leitmotif::player::{Command, Engine, Event, GainBook, Output, QueueIdx};

pub fn play(paths: &[PathBuf], json: bool, device: Option<String>, bit_perfect: bool) -> ExitCode {
    let Some(specs) = super::track_specs(paths, "play") else {
        return ExitCode::from(1);
    };
    let output = device.map_or(Output::Device, Output::Named);
    let (engine, events) = match Engine::start(output) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("leitmotif: {e}");
            return ExitCode::from(2);
        }
    };
    let total = specs.len();
    if let Some(book) = measured_gains() {
        engine.send(Command::SetGainBook(Arc::new(book)));
    }
    if bit_perfect {
        engine.send(Command::SetBitPerfect(true));
    }
    engine.send(Command::Play {
        queue: specs,
        start: QueueIdx(0),
        position: Duration::ZERO,
        paused: false,
    });
    let started = Instant::now();
    let mut played = 0usize;
    // Plays and skips count here as in the window, where a library exists to keep them.
    let mut history = open_library();
    let mut listening: Listening<(PathBuf, u32)> = Listening::default();
    let mut stdout = std::io::stdout().lock();
    while let Ok(event) = events.recv() {
        if json {
            let mut value = serde_json::to_value(&event).unwrap_or_default();
            if let Some(obj) = value.as_object_mut() {
                obj.insert(
                    "t".into(),
                    serde_json::json!((started.elapsed().as_secs_f64() * 1e6).round() / 1e6),
                );
            }
            let _ = writeln!(stdout, "{value}");
        }
        let counted = match &event {
            Event::TrackStarted { path, duration, .. } => {
                listening.started(Some((path.clone(), 0)), *duration, Duration::ZERO)
            }
            Event::Position { position, .. } => listening.position(*position),
            Event::Seeked { position, .. } | Event::Paused { position } | Event::Resumed { position } => {
                listening.jumped(*position);
                None
            }
            _ => None,
        };
        if let (Some(counted), Some(store)) = (counted, history.as_mut()) {
            let (play, (path, cue)) = match counted {
                Counted::Play(k) => (true, k),
                Counted::Skip(k) => (false, k),
            };
            let audio = leitmotif::library::identity::audio_key(&path, cue).ok();
            let name = path.to_string_lossy();
            let at = leitmotif::library::history::now();
            let written = match play {
                true => store.record_play(&name, cue, audio.as_deref(), at),
                false => store.record_skip(&name, cue, audio.as_deref(), at),
            };
            match written {
                // Said once it is committed, so a caller knows what a crash cannot take.
                Ok(()) if json => {
                    let kind = if play { "counted_play" } else { "counted_skip" };
                    let _ = writeln!(stdout, "{}", serde_json::json!({"event": kind, "path": name}));
                }
                Ok(()) => {}
                Err(e) => eprintln!("leitmotif: the play could not be recorded: {e}"),
            }
        }
        match event {
            Event::TrackStarted {
                index, path, duration, ..
            } => {
                played += 1;
                if !json {
                    let length = duration.map(|d| format!(" ({}:{:02})", d.as_secs() / 60, d.as_secs() % 60));
                    let _ = writeln!(
                        stdout,
                        "[{}/{}] {}{}",
                        index.0 + 1,
                        total,
                        path.display(),
                        length.unwrap_or_default()
                    );
                }
            }
            Event::Output {
                format, bit_perfect, ..
            } if !json && bit_perfect => {
                let _ = writeln!(stdout, "bit-perfect: {format}");
            }
            Event::Error { path, reason } if !json => {
                eprintln!("leitmotif: skipping {}: {reason}", path.display());
            }
            Event::DeviceLost { reason } if !json => eprintln!("leitmotif: audio device lost: {reason}"),
            Event::DeviceFailed { reason } => {
                // Playback cannot go on: say so and fail rather than wait forever.
                let _ = stdout.flush();
                eprintln!("leitmotif: no sound: the audio output could not be reopened: {reason}");
                return ExitCode::from(3);
            }
            Event::QueueEnded => break,
            _ => {}
        }
        let _ = stdout.flush();
    }
    // QueueEnded comes once the device has played the last sample.
    drop(engine);
    if played == 0 {
        eprintln!("leitmotif: none of the files could be played");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}

/// The library's database, when there is one (none is made for playing).
fn open_library() -> Option<leitmotif::store::Store> {
    let path = leitmotif::library::paths::database().filter(|p| p.exists())?;
    leitmotif::store::Store::open(&path).ok()
}

/// What the library's analysis measured, so files without ReplayGain tags play at the
/// level it found. Nothing when there is no library yet (none is made for playing).
fn measured_gains() -> Option<GainBook> {
    let path = leitmotif::library::paths::database().filter(|p| p.exists())?;
    let store = leitmotif::store::Store::open(&path).ok()?;
    let rows = store.analysed_loudness().ok()?;
    (!rows.is_empty()).then(|| leitmotif::analysis::gains::gain_book(&rows))
}

/// `leitmotif devices`: what `--device` and the setting can name.
pub fn devices(json: bool) -> ExitCode {
    let list = match leitmotif::player::devices::list() {
        Ok(l) => l,
        Err(e) => return super::fail(e),
    };
    let mut out = std::io::stdout().lock();
    for d in &list {
        let line = if json {
            serde_json::to_string(d).unwrap_or_default()
        } else {
            let mark = if d.default { " (default)" } else { "" };
            format!("{}\t{}{mark}", d.name, d.description)
        };
        let _ = writeln!(out, "{line}");
    }
    if list.is_empty() {
        eprintln!("leitmotif: no output devices");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
