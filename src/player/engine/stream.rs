//! The output's life inside the engine: a stream opened when something plays and closed
//! when nothing does, the clock's events let out as they are heard, and a failed or
//! stalled output rebuilt, resuming where the listener was.

use std::time::{Duration, Instant};

use super::{Event, Input, Lost, POSITION_INTERVAL, Resume, Worker};
use crate::player::devices;
use crate::player::output::{self, Backend, Opened, Output};
use crate::player::queue_source::{QueueSource, Shared};

/// How often a lost device is tried again: often enough to resume within a second of
/// a sound server coming back.
pub(super) const DEVICE_RETRY: Duration = Duration::from_millis(250);
/// How long a lost device is retried before playback pauses with an error.
const DEVICE_GIVE_UP: Duration = Duration::from_secs(10);
/// A device that has not asked for samples this long is stuck (ALSA's pulse plugin
/// can wedge this way): its stream is rebuilt. A sound server may hold a write back
/// for up to its sink's latency (two seconds for an idle null sink) before it starts.
const STALL: Duration = Duration::from_secs(4);
/// A pause this long closes the stream, so an idle player costs nothing.
const PAUSE_RELEASE: Duration = Duration::from_secs(3);
/// After the last sample is heard, a little more before the stream closes, so the
/// device's own estimate being early never clips the end.
const DRAIN_MARGIN: Duration = Duration::from_millis(120);
/// Longest wait for a device to play out its buffer at the end of the queue.
const DRAIN_TIMEOUT: Duration = Duration::from_secs(5);

impl Worker {
    pub(super) fn emit_output(&mut self) {
        let Some(opened) = &self.opened else { return };
        let Some(backend) = opened.backend else { return };
        let format = opened.format();
        let output = move |bit_perfect: bool, note: Option<String>| Event::Output {
            backend: backend.name().into(),
            sample_rate: format.rate,
            channels: format.channels,
            format: format.label(),
            bit_perfect,
            note,
        };
        let as_asked = self.want == Some(format);
        if !self.bit_perfect || !as_asked {
            let note = self
                .bit_perfect
                .then(|| "the device does not take the track's format".to_owned());
            self.emit(output(false, note));
            return;
        }
        if backend != Backend::PulseAudio {
            self.emit(output(true, None));
            return;
        }
        // A sound server passes the stream on untouched only if its sink runs in that
        // format at unity volume. Asked off the engine's thread: it must not wait on
        // the server.
        let device = match &self.output {
            Output::Named(name) => Some(name.clone()),
            _ => None,
        };
        let events = self.events.clone();
        self.sink_checks.retain(|c| !c.is_finished());
        let check = std::thread::Builder::new()
            .name("leitmotif-sink-check".into())
            .spawn(move || {
                let note = devices::sink_format(device.as_deref()).and_then(|sink| sink.changes(format));
                let _ = events.send(output(note.is_none(), note));
            });
        self.sink_checks.extend(check.ok());
    }

    /// Makes sure a stream runs with a fresh queue source, finding the device again
    /// if it was lost.
    pub(super) fn ensure_running(&mut self) -> Result<(), String> {
        if self.running {
            return Ok(());
        }
        if self.opened.is_none() {
            self.opened = Some(output::open(&self.output, self.want)?);
            self.emit_output();
        }
        let amplitude = self.amplitude();
        let Some(opened) = self.opened.as_mut() else {
            return Err("the output is not open".into());
        };
        self.generation += 1;
        let generation = self.generation;
        self.shared = Shared::new(amplitude, self.paused, opened.sample_rate);
        if std::mem::take(&mut self.fade_in) {
            self.shared.set_fade_in();
        }
        let tx = self.inputs.clone();
        let notify = Box::new(move |event| {
            let _ = tx.send(Input::Audio { generation, event });
        });
        let source = QueueSource::new(self.shared.clone(), opened.sample_rate, opened.channels, notify);
        let tx = self.inputs.clone();
        let on_error = Box::new(move |reason| {
            let _ = tx.send(Input::DeviceError { generation, reason });
        });
        if let Err(e) = opened.start(source, on_error) {
            // Found again from scratch next time: a sound server may have restarted.
            self.opened = None;
            return Err(e);
        }
        self.running = true;
        self.stream_started = Instant::now();
        self.deferred.clear();
        self.draining = None;
        Ok(())
    }

    /// Closes the stream (or lets the mixer drop the source): nothing runs idle.
    pub(super) fn release(&mut self) {
        if !self.running {
            return;
        }
        self.shared.detach();
        if let Some(opened) = self.opened.as_mut() {
            opened.stop();
        }
        self.running = false;
        self.generation += 1;
        self.deferred.clear();
        self.draining = None;
    }

    /// Work that follows the clock: events as they are heard, the end of the queue,
    /// closing an idle stream, the stall watchdog, retries and position reports.
    pub(super) fn tick(&mut self) {
        if self.device_lost.is_some() {
            if self.last_retry.elapsed() >= DEVICE_RETRY {
                self.try_restore();
            }
            return;
        }
        if !self.running {
            return;
        }
        let heard = self.shared.heard_frame();
        while self.deferred.front().is_some_and(|(frame, _)| *frame <= heard) {
            if let Some((_, event)) = self.deferred.pop_front() {
                self.emit(event);
            }
        }
        if let Some((end, since)) = self.draining {
            let margin = (DRAIN_MARGIN.as_secs_f64() * f64::from(self.shared.rate())) as u64;
            if heard >= end + margin || since.elapsed() > DRAIN_TIMEOUT {
                for (_, event) in std::mem::take(&mut self.deferred) {
                    self.emit(event);
                }
                if let Some(index) = self.format_break.take() {
                    // Heard to its end: the next track, on a stream in its format.
                    self.release();
                    self.start_at(index, Duration::ZERO, false);
                    return;
                }
                self.playing = false;
                self.loaded.clear();
                self.release();
                self.emit(Event::QueueEnded);
            }
            return;
        }
        if self.playing && self.paused && self.paused_since.elapsed() >= PAUSE_RELEASE {
            self.parked = self.paused_at.take().or_else(|| self.resume_point());
            self.release();
            return;
        }
        if self.opened.as_ref().is_some_and(Opened::is_device) {
            let last = self
                .shared
                .last_callback()
                .map_or(self.stream_started, |t| t.max(self.stream_started));
            if last.elapsed() > STALL {
                self.lose_device(format!(
                    "the output took no audio for {:.1} s",
                    last.elapsed().as_secs_f64()
                ));
                return;
            }
        }
        if self.playing && !self.paused && self.last_position.elapsed() >= POSITION_INTERVAL {
            self.report_position();
        }
    }

    /// Where playback is, as heard, to come back to after the stream closes.
    pub(super) fn resume_point(&self) -> Option<Resume> {
        if let Some(parked) = self.parked {
            return Some(parked);
        }
        if !self.playing {
            return None;
        }
        if self.paused
            && let Some(at) = self.paused_at
        {
            return Some(at);
        }
        let progress = self.shared.progress();
        let index = progress
            .item
            .and_then(|id| self.queue.index_of(id))
            .or(self.queue.current())?;
        Some(Resume {
            index,
            position: progress.position,
        })
    }

    /// The output failed or stalled: close it and retry (see `tick`), resuming where
    /// the listener was.
    pub(super) fn lose_device(&mut self, reason: String) {
        if self.device_lost.is_some() {
            return;
        }
        let resume = self.resume_point();
        self.release();
        self.opened = None;
        if self.paused && self.playing {
            // Nothing to hear until play is pressed, which opens the device again.
            self.parked = resume;
            return;
        }
        self.device_lost = Some(Lost {
            resume,
            since: Instant::now(),
        });
        self.last_retry = Instant::now();
        self.emit(Event::DeviceLost { reason });
    }

    /// Another device chosen: what plays moves there, from where the listener is.
    pub(super) fn switch_device(&mut self, name: Option<String>) {
        let output = match (&self.output, name) {
            (Output::Mixer { .. }, _) => return,
            (_, Some(name)) => Output::Named(name),
            (_, None) => Output::Device,
        };
        self.output = output;
        self.reopen();
    }

    /// Closes the output and opens it again (another device, another format), picking
    /// up what plays where the listener is.
    pub(super) fn reopen(&mut self) {
        let resume = self.resume_point();
        self.release();
        self.opened = None;
        if !self.playing {
            return;
        }
        if self.paused {
            // Play opens the new device and picks up here.
            self.parked = resume;
            return;
        }
        // As a lost device is found again: at once, else retried for a while.
        self.device_lost = Some(Lost {
            resume,
            since: Instant::now(),
        });
        self.try_restore();
    }

    pub(super) fn try_restore(&mut self) {
        self.last_retry = Instant::now();
        let Some(lost) = self.device_lost.take() else {
            return;
        };
        let Some(at) = lost.resume.filter(|_| self.playing) else {
            // Nothing was playing: the next play finds the device.
            self.emit(Event::DeviceRestored);
            return;
        };
        self.fade_in = at.position > Duration::ZERO;
        match self.ensure_running() {
            Ok(()) => {
                if self.load_at(at.index, at.position, false).is_some() {
                    self.emit(Event::DeviceRestored);
                    self.report_position();
                }
            }
            Err(reason) if lost.since.elapsed() >= DEVICE_GIVE_UP && !self.wait_for_device => {
                // Paused where it was, so play tries again from there.
                self.parked = Some(at);
                self.paused = true;
                self.emit(Event::DeviceFailed { reason });
                self.emit(Event::Paused { position: at.position });
            }
            Err(_) => self.device_lost = Some(lost),
        }
    }
}
