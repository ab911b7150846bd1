//! The one rodio source the engine adds to the mixer. It runs on the audio callback
//! thread: it plays the current track, joins the prepared next one sample-exactly when
//! the current ends, and takes instructions from the engine through [`Shared`].

use std::num::NonZero;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};

use rodio::Source;
use rodio::source::SeekError;

use super::clock::{Clock, Progress};
use super::convert::{Converter, map_channels};
use super::decode::Decoder;
use super::error::TrackError;

/// Frames produced per refill: ~12 ms at 44.1 kHz, the granularity of position updates.
const CHUNK_FRAMES: usize = 512;
/// How long the audio thread waits for a next track the engine is still opening, before
/// giving up. Only reached when opening a file takes longer than the rest of a track.
const NEXT_TRACK_WAIT: Duration = Duration::from_secs(2);
/// Time constant of the volume/pause smoothing, so changes never click.
const RAMP_SECONDS: f32 = 0.004;

/// A track opened and primed by the engine, ready to be played.
pub struct Prepared {
    pub item: u64,
    pub decoder: Decoder,
    /// Amplitude factor from ReplayGain and the codec's header gain.
    pub gain: f32,
}

/// What the audio thread reports. `frame` is the output frame where it happens, so the
/// engine can tell the world when it is heard rather than when it was decoded.
#[derive(Debug)]
pub enum AudioEvent {
    /// A track began because the one before it ended.
    Started {
        item: u64,
        frame: u64,
    },
    Finished {
        item: u64,
        frame: u64,
    },
    Failed {
        item: u64,
        error: TrackError,
    },
    /// Nothing left to play.
    Drained {
        frame: u64,
    },
}

#[derive(Default)]
pub struct Slots {
    /// `Some(None)` stops; `Some(Some(p))` plays `p` now (a new track, or a seek).
    pub replace: Option<Option<Prepared>>,
    pub next: Option<Prepared>,
    /// The engine is opening a next track: wait for it rather than stop.
    pub next_pending: bool,
    pub gains: Vec<(u64, f32)>,
}

pub struct Shared {
    slots: Mutex<Slots>,
    ready: Condvar,
    dirty: AtomicBool,
    paused: AtomicBool,
    volume: AtomicU32,
    clock: Mutex<Clock>,
    /// Set when the engine lets go of this source: a mixer then drops it.
    detached: AtomicBool,
    /// The first sound of this source continues a track: it fades in.
    fade_in: AtomicBool,
}

impl Shared {
    pub fn new(volume: f32, paused: bool, rate: u32) -> Arc<Self> {
        Arc::new(Self {
            slots: Mutex::new(Slots::default()),
            ready: Condvar::new(),
            dirty: AtomicBool::new(false),
            paused: AtomicBool::new(paused),
            volume: AtomicU32::new(volume.to_bits()),
            clock: Mutex::new(Clock::new(rate)),
            detached: AtomicBool::new(false),
            fade_in: AtomicBool::new(false),
        })
    }

    /// Makes the source's first sound fade in (set before the source is made).
    pub fn set_fade_in(&self) {
        self.fade_in.store(true, Ordering::Release);
    }

    pub fn detach(&self) {
        self.detached.store(true, Ordering::Release);
        // A source waiting for a next track must not hold the device's thread.
        self.edit(|s| s.next_pending = false);
    }

    /// Changes the slots under the lock and wakes the audio thread.
    pub fn edit<R>(&self, f: impl FnOnce(&mut Slots) -> R) -> R {
        let r = f(&mut lock(&self.slots));
        self.dirty.store(true, Ordering::Release);
        self.ready.notify_all();
        r
    }

    pub fn set_paused(&self, paused: bool) {
        self.paused.store(paused, Ordering::Release);
    }

    pub fn is_paused(&self) -> bool {
        self.paused.load(Ordering::Acquire)
    }

    pub fn set_volume(&self, amplitude: f32) {
        self.volume.store(amplitude.to_bits(), Ordering::Release);
    }

    /// The engine handed over `item` at `position` (a new track or a seek).
    pub fn announce(&self, item: Option<u64>, position: Duration) {
        lock(&self.clock).announce(item, position);
    }

    /// What the listener hears now.
    pub fn progress(&self) -> Progress {
        lock(&self.clock).progress(Instant::now())
    }

    /// The output frame heard now.
    pub fn heard_frame(&self) -> u64 {
        lock(&self.clock).heard_frame(Instant::now())
    }

    /// When a device last asked for samples (`None` for a pulled mixer, or before the first).
    pub fn last_callback(&self) -> Option<Instant> {
        lock(&self.clock).last_callback()
    }

    pub fn rate(&self) -> u32 {
        lock(&self.clock).rate()
    }
}

/// A panic elsewhere must not silence playback: the data behind a poisoned lock is
/// still consistent here (every critical section is a few assignments).
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

pub struct QueueSource {
    shared: Arc<Shared>,
    notify: Box<dyn Fn(AudioEvent) + Send>,
    rate: u32,
    channels: usize,
    current: Option<Prepared>,
    converter: Converter,
    buf: Vec<f32>,
    pos: usize,
    decoded: Vec<f32>,
    mapped: Vec<f32>,
    amp: f32,
    ramp: f32,
    /// Samples handed to the output so far.
    out_samples: u64,
    /// The output frame where `buf`'s first sample goes.
    chunk_start: u64,
}

impl QueueSource {
    pub fn new(shared: Arc<Shared>, rate: u32, channels: u16, notify: Box<dyn Fn(AudioEvent) + Send>) -> Self {
        let channels = usize::from(channels.max(1));
        let rate = rate.max(1);
        Self {
            // Paused, or picking up mid-track on a new stream: rise from silence, no click.
            amp: if shared.is_paused() || shared.fade_in.load(Ordering::Acquire) {
                0.0
            } else {
                f32::from_bits(shared.volume.load(Ordering::Acquire))
            },
            shared,
            notify,
            rate,
            channels,
            current: None,
            converter: Converter::new(rate, channels),
            buf: Vec::with_capacity(CHUNK_FRAMES * channels * 2),
            pos: 0,
            decoded: Vec::new(),
            mapped: Vec::new(),
            ramp: 1.0 - (-1.0 / (RAMP_SECONDS * rate as f32)).exp(),
            out_samples: 0,
            chunk_start: 0,
        }
    }

    fn out_frame(&self) -> u64 {
        self.out_samples / self.channels as u64
    }

    fn current_position(&self) -> Duration {
        self.current.as_ref().map_or(Duration::ZERO, |c| c.decoder.position())
    }

    /// Records which track position `buf` carries, for the clock.
    fn mark(&self, item: Option<u64>, from: Duration, to: Duration) {
        let frames = (self.buf.len() / self.channels) as u64;
        let mut clock = lock(&self.shared.clock);
        clock.set_written(self.out_frame());
        clock.mark(self.chunk_start, frames, item, from, to);
    }

    fn refill(&mut self) {
        if self.shared.dirty.swap(false, Ordering::AcqRel) && self.apply_controls() {
            self.buf.clear();
            self.pos = 0;
        }
        if self.pos < self.buf.len() {
            return;
        }
        self.buf.clear();
        self.pos = 0;
        self.chunk_start = self.out_frame();
        if self.shared.is_paused() && self.amp < 1e-4 {
            // Paused and faded out: hold the position, send silence.
            self.buf.resize(CHUNK_FRAMES * self.channels, 0.0);
            let held = self.current_position();
            self.mark(self.current.as_ref().map(|c| c.item), held, held);
            return;
        }
        self.produce();
    }

    /// Applies what the engine asked for. Returns true when buffered audio is stale.
    fn apply_controls(&mut self) -> bool {
        let mut slots = lock(&self.shared.slots);
        let mut stale = false;
        if let Some(replacement) = slots.replace.take() {
            self.current = replacement;
            self.converter.reset();
            stale = true;
            lock(&self.shared.clock).replaced(self.out_frame());
        }
        let gains = std::mem::take(&mut slots.gains);
        for (item, gain) in gains {
            for p in self.current.iter_mut().chain(slots.next.iter_mut()) {
                if p.item == item {
                    p.gain = gain;
                }
            }
        }
        drop(slots);
        stale
    }

    fn produce(&mut self) {
        let first_item = self.current.as_ref().map(|c| c.item);
        let from = self.current_position();
        let target = CHUNK_FRAMES * self.channels;
        while self.buf.len() < target {
            let Some(current) = self.current.as_mut() else {
                self.converter.flush(&mut self.buf);
                let len = self.buf.len().max(target);
                self.buf.resize(len, 0.0);
                break;
            };
            self.decoded.clear();
            let want = (target - self.buf.len()) / self.channels;
            match current.decoder.read(&mut self.decoded, want.max(64)) {
                Ok(0) => self.advance(None),
                Ok(_) => {
                    let info = current.decoder.info();
                    self.mapped.clear();
                    map_channels(
                        &self.decoded,
                        usize::from(info.channels),
                        self.channels,
                        current.gain,
                        &mut self.mapped,
                    );
                    self.converter.push(&self.mapped, info.sample_rate, &mut self.buf);
                }
                Err(error) => self.advance(Some(error)),
            }
        }
        let item = self.current.as_ref().map(|c| c.item);
        let from = if item == first_item { from } else { Duration::ZERO };
        self.mark(item, from, self.current_position());
    }

    /// The current track ended (or failed): move to the prepared next one.
    fn advance(&mut self, error: Option<TrackError>) {
        let frame = self.chunk_start + (self.buf.len() / self.channels) as u64;
        if let Some(done) = self.current.take() {
            match error {
                Some(error) => (self.notify)(AudioEvent::Failed { item: done.item, error }),
                None => (self.notify)(AudioEvent::Finished { item: done.item, frame }),
            }
        }
        let mut slots = lock(&self.shared.slots);
        if slots.next.is_none() && slots.next_pending {
            let (guard, _) = self
                .shared
                .ready
                .wait_timeout_while(slots, NEXT_TRACK_WAIT, |s| s.next.is_none() && s.next_pending)
                .unwrap_or_else(PoisonError::into_inner);
            slots = guard;
        }
        self.current = slots.next.take();
        if self.current.is_some() {
            // The engine answers this switch with the track after it (or with none at
            // the end of the queue); until then, a track that ends waits for it.
            slots.next_pending = true;
        }
        drop(slots);
        match &self.current {
            Some(next) => (self.notify)(AudioEvent::Started { item: next.item, frame }),
            None => (self.notify)(AudioEvent::Drained { frame }),
        }
    }
}

impl QueueSource {
    /// Fills `out` for a device callback whose first frame will be heard after `delay`.
    pub fn fill_timed(&mut self, out: &mut [f32], delay: Duration) {
        lock(&self.shared.clock).callback(Instant::now(), self.out_frame(), delay);
        self.fill(out);
        lock(&self.shared.clock).set_written(self.out_frame());
    }

    /// Fills `out` (interleaved frames) in bulk, for a device callback: a plain scaled
    /// copy while the volume holds still, sample by sample only while it ramps.
    pub fn fill(&mut self, out: &mut [f32]) {
        let mut i = 0;
        while i < out.len() {
            if self.pos >= self.buf.len() || self.shared.dirty.load(Ordering::Relaxed) {
                self.refill();
            }
            let steady = self.amp == self.target_amp() && self.pos % self.channels == 0;
            if !steady {
                out[i] = self.next_sample();
                i += 1;
                continue;
            }
            let n = (self.buf.len() - self.pos).min(out.len() - i);
            if n == 0 {
                out[i..].fill(0.0);
                self.out_samples += (out.len() - i) as u64;
                return;
            }
            let amp = self.amp;
            for (o, s) in out[i..i + n].iter_mut().zip(&self.buf[self.pos..self.pos + n]) {
                *o = s * amp;
            }
            self.pos += n;
            self.out_samples += n as u64;
            i += n;
        }
    }

    fn target_amp(&self) -> f32 {
        if self.shared.is_paused() {
            0.0
        } else {
            f32::from_bits(self.shared.volume.load(Ordering::Relaxed))
        }
    }

    #[inline]
    fn next_sample(&mut self) -> f32 {
        if self.pos >= self.buf.len() || self.shared.dirty.load(Ordering::Relaxed) {
            self.refill();
        }
        if self.pos % self.channels == 0 {
            let target = self.target_amp();
            self.amp = if (target - self.amp).abs() < 1e-5 {
                target
            } else {
                self.amp + (target - self.amp) * self.ramp
            };
        }
        let sample = self.buf.get(self.pos).copied().unwrap_or(0.0);
        self.pos += 1;
        self.out_samples += 1;
        sample * self.amp
    }
}

impl Iterator for QueueSource {
    type Item = f32;

    #[inline]
    fn next(&mut self) -> Option<f32> {
        // Never end while attached: the mixer drops sources that return None.
        if self.shared.detached.load(Ordering::Relaxed) {
            return None;
        }
        Some(self.next_sample())
    }
}

impl Source for QueueSource {
    fn current_span_len(&self) -> Option<usize> {
        None
    }

    fn channels(&self) -> rodio::ChannelCount {
        NonZero::new(self.channels as u16).unwrap_or(NonZero::<u16>::MIN)
    }

    fn sample_rate(&self) -> rodio::SampleRate {
        NonZero::new(self.rate).unwrap_or(NonZero::<u32>::MIN)
    }

    fn total_duration(&self) -> Option<Duration> {
        None
    }

    fn try_seek(&mut self, _: Duration) -> Result<(), SeekError> {
        // Seeking goes through the engine, which prepares a seeked decoder off this thread.
        Err(SeekError::NotSupported {
            underlying_source: std::any::type_name::<Self>(),
        })
    }
}
