//! Opening a queue item: its decoder, its gains, the next playable one when it fails.

use std::time::Duration;

use super::*;
use crate::player::error::TrackError;

impl Worker {
    /// Opens a track, its gains chosen from its tags and the analysis.
    pub(super) fn open_spec(&self, spec: &TrackSpec, seek: Duration) -> Result<Decoder, TrackError> {
        let mut decoder = Decoder::open(&spec.path, spec.start, spec.end)?;
        let analysed = self.gain_book.get(&(spec.path.clone(), spec.start));
        let tags = self.replay_gain.choose(decoder.info().gain_tags, analysed);
        decoder.set_gain_tags(tags);
        if spec.fade {
            decoder.set_edge_fades(CUT_FADE);
        }
        if seek > Duration::ZERO {
            decoder.seek(seek)?;
        }
        Ok(decoder)
    }

    pub(super) fn gain(&self, info: &TrackInfo) -> f32 {
        if self.bit_perfect {
            return 1.0;
        }
        db_to_amplitude(self.replay_gain.gain_db(&info.gain_tags) + info.header_gain_db)
    }

    /// Opens the queue item at `index`, trying the following ones when it fails.
    pub(super) fn open_from(&mut self, mut index: QueueIdx, seek: Duration) -> Option<(QueueIdx, Prepared)> {
        for _ in 0..self.queue.len() {
            let item = self.queue.get(index)?.clone();
            match self.open_spec(&item.value, seek) {
                Ok(decoder) => {
                    let info = decoder.info().clone();
                    let gain = self.gain(&info);
                    self.loaded.insert(item.id, info);
                    return Some((
                        index,
                        Prepared {
                            item: item.id,
                            decoder,
                            gain,
                        },
                    ));
                }
                Err(e) => {
                    self.emit(Event::Error {
                        path: e.path,
                        reason: e.reason,
                    });
                    // Under "repeat one", a broken track must not be retried forever.
                    let skip = if self.repeat == Repeat::All {
                        Repeat::All
                    } else {
                        Repeat::Off
                    };
                    index = self.queue.following(index, skip)?;
                }
            }
        }
        None
    }
}
