//! Output through a sound server's own protocol: PulseAudio, or PipeWire's pulse layer,
//! with PulseAudio's client library (the one mpv and Audacious use).
//!
//! A writer thread fills a chunk from the queue source and hands it to the server, which
//! blocks the write while its buffer is full: the server's clock paces the engine. Each
//! chunk is stamped with the server's latency, so the engine knows when it is heard.
//!
//! Measured on a clocked null sink (docs/BENCHMARKS.md): ALSA's `pulse` plugin stalls
//! and can wedge for good (alsa-plugins#65); cpal's pure-Rust pulse host leaves the
//! stream no room past its target length and no say over its start threshold.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::Duration;

use libpulse_binding::def::BufferAttr;
use libpulse_binding::error::PAErr;
use libpulse_binding::sample::{Format, Spec};
use libpulse_binding::stream::Direction;
use libpulse_simple_binding::Simple;

use super::format::{SampleKind, StreamFormat};
use super::queue_source::QueueSource;

/// What the server keeps buffered: pause, volume and seeks are heard this soon, and a
/// busy two-core machine has this long to come back to the writer.
const TARGET_BUFFER: Duration = Duration::from_millis(150);
/// One write: small against the buffer, so the buffer stays nearly full.
const CHUNK: Duration = Duration::from_millis(20);
/// Silence written first on a new stream. A server that has already mixed ahead
/// rewinds to fit a new stream in, and a null sink's monitor loses what it rewinds
/// (15-20 ms, measured): better silence than the first notes of a track.
const LEAD_IN: Duration = Duration::from_millis(40);
/// Longest wait for a server to accept a connection: a stopped server must not hang us.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(3);
/// Waits before each connection attempt after a refusal (the first is at once).
const CONNECT_RETRIES: [Duration; 3] = [Duration::ZERO, Duration::from_millis(100), Duration::from_millis(300)];

/// Whether a sound server seems to be there: its socket (or `PULSE_SERVER`) exists.
/// Cheap; a connection is only made when something plays.
pub fn server_present() -> bool {
    if std::env::var_os("PULSE_SERVER").is_some_and(|s| !s.is_empty()) {
        return true;
    }
    let runtime = std::env::var_os("XDG_RUNTIME_DIR").map(PathBuf::from);
    runtime.is_some_and(|dir| dir.join("pulse/native").exists())
}

/// Connects and disconnects once: proof that a server answers.
pub fn probe(format: StreamFormat, device: Option<&str>) -> Result<(), String> {
    connect(format, device).map(drop)
}

fn spec(format: StreamFormat) -> Spec {
    Spec {
        format: match format.sample {
            SampleKind::F32 => Format::FLOAT32NE,
            SampleKind::I16 => Format::S16NE,
            SampleKind::I24 => Format::S24_32NE,
            SampleKind::I32 => Format::S32NE,
        },
        rate: format.rate,
        channels: format.channels.clamp(1, 32) as u8,
    }
}

/// The library's message for an error, or its code where it has none.
fn describe(e: PAErr) -> String {
    e.to_string().unwrap_or_else(|| format!("error {}", e.0))
}

fn bytes(format: StreamFormat, d: Duration) -> u32 {
    let frames = (d.as_secs_f64() * f64::from(format.rate)) as u32;
    frames * u32::from(format.channels) * format.sample.bytes() as u32
}

/// A playback stream. A refusal is tried again a little later: a server's listening
/// queue overflows when many clients connect at once (ten players and ten recorders
/// starting together were refused now and then).
fn connect(format: StreamFormat, device: Option<&str>) -> Result<Simple, String> {
    let mut refused = String::new();
    for wait in CONNECT_RETRIES {
        std::thread::sleep(wait);
        match connect_once(format, device.map(str::to_owned))? {
            Ok(simple) => return Ok(simple),
            Err(e) => refused = e,
        }
    }
    Err(format!("the sound server refused a stream: {refused}"))
}

/// One attempt, made on a thread of its own so that a server that never answers costs a
/// timeout, not a hung engine (and is not waited for again). The inner error is a refusal.
fn connect_once(format: StreamFormat, device: Option<String>) -> Result<Result<Simple, String>, String> {
    let (tx, rx) = mpsc::sync_channel(1);
    std::thread::Builder::new()
        .name("leitmotif-pulse-connect".into())
        .spawn(move || {
            // The server's defaults for all but the target length (theirs is two seconds).
            let attr = BufferAttr {
                maxlength: u32::MAX,
                tlength: bytes(format, TARGET_BUFFER),
                prebuf: u32::MAX,
                minreq: u32::MAX,
                fragsize: u32::MAX,
            };
            let simple = Simple::new(
                None,
                "Leitmotif",
                Direction::Playback,
                // A sink by name, or the server's default (which it then follows).
                device.as_deref(),
                "Music",
                &spec(format),
                None,
                Some(&attr),
            );
            let _ = tx.send(simple.map_err(describe));
        })
        .map_err(|e| format!("cannot start a thread: {e}"))?;
    rx.recv_timeout(CONNECT_TIMEOUT)
        .map_err(|_| format!("the sound server did not answer within {} s", CONNECT_TIMEOUT.as_secs()))
}

/// A running stream. Dropping it stops the writer; the thread is not waited for, since
/// a write to a server that stopped answering may block.
pub struct Stream {
    stop: Arc<AtomicBool>,
}

impl Drop for Stream {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Release);
    }
}

/// Opens a stream in `format` and starts writing `source` to it. A write error stops
/// the writer and is reported through `on_error`.
pub fn start(
    format: StreamFormat,
    device: Option<&str>,
    mut source: QueueSource,
    mut on_error: super::output::ErrorCallback,
) -> Result<Stream, String> {
    let simple = connect(format, device)?;
    let stop = Arc::new(AtomicBool::new(false));
    let stopped = stop.clone();
    let frames = (CHUNK.as_secs_f64() * f64::from(format.rate)) as usize;
    std::thread::Builder::new()
        .name("leitmotif-pulse".into())
        .spawn(move || {
            let mut chunk = vec![0f32; frames * usize::from(format.channels.max(1))];
            let mut out: Vec<u8> = Vec::with_capacity(chunk.len() * format.sample.bytes());
            let lead_in = vec![0u8; bytes(format, LEAD_IN) as usize];
            if let Err(e) = simple.write(&lead_in) {
                on_error(format!("the sound server stopped taking audio: {}", describe(e)));
                return;
            }
            while !stopped.load(Ordering::Acquire) {
                // What is queued now is heard before this chunk.
                let delay = simple
                    .get_latency()
                    .map_or(Duration::ZERO, |us| Duration::from_micros(us.0));
                source.fill_timed(&mut chunk, delay);
                out.clear();
                format.sample.write(&chunk, &mut out);
                if let Err(e) = simple.write(&out) {
                    if !stopped.load(Ordering::Acquire) {
                        on_error(format!("the sound server stopped taking audio: {}", describe(e)));
                    }
                    return;
                }
            }
            // Stopping: whatever is buffered is dropped at once rather than played out.
            let _ = simple.flush();
        })
        .map_err(|e| format!("cannot start the output thread: {e}"))?;
    Ok(Stream { stop })
}
