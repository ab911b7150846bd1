//! What the audio thread reports, turned into the engine's events as they are heard.

use std::time::Instant;

use super::*;

impl Worker {
    pub(super) fn audio(&mut self, event: AudioEvent) {
        match event {
            AudioEvent::Started { item, frame } => {
                let Some(index) = self.queue.index_of(item) else { return };
                self.queue.set_current(Some(index));
                if let Some(info) = self.loaded.get(&item).cloned()
                    && let Some(event) = self.started_event(index, &info)
                {
                    self.deferred.push_back((frame, event));
                }
                // The audio thread took the prepared track: prepare the one after it. An
                // event that arrives late (the audio thread already moved on) must not
                // replace a next track that is still the right one.
                if self.next_item == Some(item) {
                    self.next_item = None;
                }
                let wanted = self
                    .queue
                    .following(index, self.repeat)
                    .and_then(|i| self.queue.get(i))
                    .map(|i| i.id);
                if self.next_item.is_none() || self.next_item != wanted {
                    self.prepare_next();
                }
            }
            AudioEvent::Finished { item, frame } => {
                if let Some(index) = self.queue.index_of(item) {
                    let path = self.queue.get(index).map(|i| i.value.path.clone()).unwrap_or_default();
                    self.deferred.push_back((frame, Event::TrackEnded { index, path }));
                }
            }
            AudioEvent::Failed { item, error } => {
                self.loaded.remove(&item);
                self.emit(Event::Error {
                    path: error.path,
                    reason: error.reason,
                });
            }
            AudioEvent::Drained { frame } => {
                // Ended once the device has played it out (see `tick`).
                if self.playing && self.draining.is_none() {
                    self.draining = Some((frame, Instant::now()));
                }
            }
        }
    }

    pub(super) fn report_position(&mut self) {
        self.last_position = Instant::now();
        let progress = self.shared.progress();
        let Some(index) = progress.item.and_then(|id| self.queue.index_of(id)) else {
            return;
        };
        let duration = progress
            .item
            .and_then(|id| self.loaded.get(&id))
            .and_then(|i| i.duration);
        self.emit(Event::Position {
            index,
            position: progress.position,
            duration,
        });
    }
}
