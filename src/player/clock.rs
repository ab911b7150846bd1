//! Which sample is being heard now. The audio thread marks, chunk by chunk, which track
//! position went out at which output frame; the device callback says how long its
//! buffer will take to reach the speaker. Positions, track changes and the end of the
//! queue are reported from here, so they follow the sound, not the decoder (which runs
//! a device buffer ahead: up to seconds through ALSA's PulseAudio plugin).

use std::collections::VecDeque;
use std::time::{Duration, Instant};

/// Marks kept: 12 ms chunks, so ~6 s of output, more than any device buffer.
const MARKS: usize = 512;

/// One chunk of output: frames `[start, end)` carried `item` from `from` to `to`.
#[derive(Debug, Clone, Copy)]
struct Mark {
    start: u64,
    end: u64,
    item: Option<u64>,
    from: Duration,
    to: Duration,
}

#[derive(Debug, Clone, Copy)]
struct Callback {
    at: Instant,
    /// Frames written before this callback's buffer.
    written_before: u64,
    /// How long until the buffer's first frame is heard.
    delay: Duration,
}

/// A heard position: which queue item and where in it.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Progress {
    pub item: Option<u64>,
    pub position: Duration,
}

#[derive(Debug)]
pub struct Clock {
    rate: u32,
    marks: VecDeque<Mark>,
    /// Frames handed to the output so far.
    written: u64,
    /// The last device callback; `None` for a mixer someone pulls, where a frame is
    /// "heard" when it is pulled.
    callback: Option<Callback>,
    /// Heard frames never go back, even when the device's delay estimate jitters.
    heard: u64,
    /// A new track or a seek the engine asked for, reported as the position until it
    /// is heard (from the frame the audio thread started it at, once it did).
    announced: Option<(Progress, Option<u64>)>,
}

impl Clock {
    pub fn new(rate: u32) -> Self {
        Self {
            rate: rate.max(1),
            marks: VecDeque::with_capacity(MARKS),
            written: 0,
            callback: None,
            heard: 0,
            announced: None,
        }
    }

    /// The engine asked for `item` at `position`: report that until it is heard.
    pub fn announce(&mut self, item: Option<u64>, position: Duration) {
        self.announced = Some((Progress { item, position }, None));
    }

    /// The audio thread started what was announced at output frame `frame`.
    pub fn replaced(&mut self, frame: u64) {
        if let Some((_, at @ None)) = &mut self.announced {
            *at = Some(frame);
        }
    }

    /// A chunk the audio thread produced, starting at output frame `start`.
    pub fn mark(&mut self, start: u64, frames: u64, item: Option<u64>, from: Duration, to: Duration) {
        if self.marks.len() == MARKS {
            self.marks.pop_front();
        }
        self.marks.push_back(Mark {
            start,
            end: start + frames,
            item,
            from,
            to,
        });
    }

    /// Frames handed over so far (after a fill).
    pub fn set_written(&mut self, written: u64) {
        self.written = written;
    }

    /// A device callback began at `at` with `written_before` frames already handed over,
    /// its buffer to be heard after `delay`.
    pub fn callback(&mut self, at: Instant, written_before: u64, delay: Duration) {
        self.callback = Some(Callback {
            at,
            written_before,
            delay,
        });
    }

    /// When the device last asked for samples, if it is a device.
    pub fn last_callback(&self) -> Option<Instant> {
        self.callback.map(|c| c.at)
    }

    /// The output frame being heard at `now`.
    pub fn heard_frame(&mut self, now: Instant) -> u64 {
        let estimate = match self.callback {
            None => self.written,
            Some(c) => {
                let since = now.saturating_duration_since(c.at).as_secs_f64() - c.delay.as_secs_f64();
                let frames = c.written_before as f64 + since * f64::from(self.rate);
                // Never past what was handed over: a stalled device stops the clock.
                (frames.max(0.0) as u64).min(self.written)
            }
        };
        self.heard = self.heard.max(estimate);
        self.heard
    }

    /// What was playing at output frame `frame`.
    pub fn progress_at(&self, frame: u64) -> Progress {
        // Newest first: a chunk cut short by a seek is overlapped by the chunks after it.
        let mark = self
            .marks
            .iter()
            .rev()
            .find(|m| m.start <= frame)
            .or(self.marks.front());
        let Some(m) = mark else {
            return Progress::default();
        };
        let span = m.end.saturating_sub(m.start).max(1);
        let into = frame.clamp(m.start, m.end) - m.start;
        let fraction = into as f64 / span as f64;
        let position = if m.to >= m.from {
            m.from + (m.to - m.from).mul_f64(fraction)
        } else {
            m.to
        };
        Progress { item: m.item, position }
    }

    /// What is being heard now.
    pub fn progress(&mut self, now: Instant) -> Progress {
        let frame = self.heard_frame(now);
        if let Some((announced, at)) = self.announced {
            match at {
                Some(at) if frame >= at => self.announced = None,
                _ => return announced,
            }
        }
        self.progress_at(frame)
    }

    pub fn rate(&self) -> u32 {
        self.rate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const MS: Duration = Duration::from_millis(1);

    #[test]
    fn a_pulled_mixer_hears_what_was_written() {
        let mut c = Clock::new(1000);
        c.mark(0, 100, Some(1), Duration::ZERO, 100 * MS);
        c.set_written(50);
        let p = c.progress(Instant::now());
        assert_eq!(p.item, Some(1));
        assert_eq!(p.position, 50 * MS);
    }

    #[test]
    fn a_device_is_heard_after_its_delay_and_never_past_what_it_was_given() {
        let mut c = Clock::new(1000);
        c.mark(0, 500, Some(7), Duration::ZERO, 500 * MS);
        c.mark(500, 500, Some(8), Duration::ZERO, 500 * MS);
        c.set_written(1000);
        let t0 = Instant::now();
        // The callback handing over frames 800.. is heard 300 ms later.
        c.callback(t0, 800, 300 * MS);
        // At t0 the speaker plays frame 500: the second track's first sample.
        let p = c.progress(t0);
        assert_eq!((p.item, p.position), (Some(8), Duration::ZERO));
        let p = c.progress(t0 + 100 * MS);
        assert_eq!((p.item, p.position), (Some(8), 100 * MS));
        // Long after, with no new callback (a stalled device): the clock stops at the end.
        assert_eq!(c.heard_frame(t0 + Duration::from_secs(10)), 1000);
        // And never runs backwards.
        c.callback(t0, 800, Duration::from_secs(1));
        assert_eq!(c.heard_frame(t0), 1000);
    }

    #[test]
    fn a_seek_overrides_the_rest_of_the_cut_chunk() {
        let mut c = Clock::new(1000);
        c.mark(0, 100, Some(1), Duration::ZERO, 100 * MS);
        // A seek at frame 40 throws away the rest of that chunk.
        c.mark(
            40,
            100,
            Some(1),
            Duration::from_secs(60),
            Duration::from_secs(60) + 100 * MS,
        );
        c.set_written(140);
        assert_eq!(c.progress_at(20).position, 20 * MS);
        assert_eq!(c.progress_at(50).position, Duration::from_secs(60) + 10 * MS);
    }

    #[test]
    fn an_announced_seek_is_reported_until_it_is_heard() {
        let mut c = Clock::new(1000);
        c.mark(0, 100, Some(1), Duration::ZERO, 100 * MS);
        c.set_written(50);
        c.announce(Some(1), Duration::from_secs(60));
        assert_eq!(c.progress(Instant::now()).position, Duration::from_secs(60));
        c.replaced(50);
        c.mark(
            50,
            100,
            Some(1),
            Duration::from_secs(60),
            Duration::from_secs(60) + 100 * MS,
        );
        c.set_written(100);
        assert_eq!(c.progress(Instant::now()).position, Duration::from_secs(60) + 50 * MS);
    }

    #[test]
    fn silence_while_paused_holds_the_position() {
        let mut c = Clock::new(1000);
        c.mark(0, 100, Some(1), 5 * MS, 5 * MS);
        assert_eq!(c.progress_at(70).position, 5 * MS);
    }
}
