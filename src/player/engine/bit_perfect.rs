//! Bit-perfect output: the stream is opened at each track's own rate, channels and
//! sample format, and nothing between the decoder and the device changes a sample —
//! no volume, no ReplayGain, no resampling, no channel mapping. Tracks of one format
//! still join gaplessly on one stream; where the format changes, the stream is
//! reopened once the last track has been heard to its end.

use super::{Prepared, QueueIdx, StreamFormat, TrackInfo, Worker};
use crate::player::output::Output;
use crate::player::volume::volume_to_amplitude;

pub(super) fn format_of(info: &TrackInfo) -> StreamFormat {
    StreamFormat {
        rate: info.sample_rate,
        channels: info.channels,
        sample: info.sample,
    }
}

impl Worker {
    pub(super) fn set_bit_perfect(&mut self, on: bool) {
        if self.bit_perfect == on {
            return;
        }
        self.bit_perfect = on;
        self.shared.set_volume(self.amplitude());
        let gains: Vec<(u64, f32)> = self.loaded.iter().map(|(id, info)| (*id, self.gain(info))).collect();
        self.shared.edit(|s| s.gains.extend(gains));
        // What plays moves to a stream in the right format, from where the listener
        // is (`load_at` chooses the format).
        self.want = None;
        if self.follows_format() {
            self.reopen();
        }
    }

    /// The amplitude the queue source scales by: the volume, or exactly one.
    pub(super) fn amplitude(&self) -> f32 {
        if self.bit_perfect {
            1.0
        } else {
            volume_to_amplitude(self.volume)
        }
    }

    /// A mixer pulled by a test has the format it was made with.
    fn follows_format(&self) -> bool {
        !matches!(self.output, Output::Mixer { .. })
    }

    /// Before a track starts on a fresh stream: under bit-perfect, the output must be
    /// in the track's format; a stream in another one is closed, to be opened again.
    pub(super) fn follow_format(&mut self, info: &TrackInfo) {
        if !self.bit_perfect || !self.follows_format() {
            return;
        }
        let format = format_of(info);
        if self.want != Some(format) {
            self.release();
            self.opened = None;
            self.want = Some(format);
        }
    }

    /// The prepared next track, if it can join the current one on this stream; else
    /// `None`, and it is remembered to start after the current one is heard out.
    pub(super) fn joinable(&mut self, index: QueueIdx, prepared: Prepared) -> Option<Prepared> {
        if !self.bit_perfect || !self.follows_format() {
            return Some(prepared);
        }
        if Some(format_of(prepared.decoder.info())) == self.want {
            return Some(prepared);
        }
        self.format_break = Some(index);
        None
    }
}
