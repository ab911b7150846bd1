//! What each command does to the engine's state.

use std::time::Duration;

use super::*;

impl Worker {
    pub(super) fn command(&mut self, command: Command) {
        match command {
            Command::Play {
                queue,
                start,
                position,
                paused,
            } => {
                self.queue.replace(queue);
                self.emit_queue();
                self.start_at(start, position, paused);
            }
            Command::Append(specs) => {
                self.queue.append(specs);
                self.emit_queue();
                self.refresh_next();
            }
            Command::InsertNext(specs) => {
                self.queue.insert_next(specs);
                self.emit_queue();
                self.refresh_next();
            }
            Command::Reorder(order) => {
                if self.queue.reorder(&order) {
                    self.emit_queue();
                    self.refresh_next();
                }
            }
            Command::Remove(indexes) => {
                let was_playing = self.playing;
                if self.queue.remove(&indexes) {
                    self.emit_queue();
                    match self.queue.current() {
                        Some(i) if was_playing => self.start_at(i, Duration::ZERO, self.paused),
                        _ => {
                            self.stop();
                            self.queue.set_current(None);
                        }
                    }
                } else {
                    self.emit_queue();
                    self.refresh_next();
                }
            }
            Command::Clear => {
                self.stop();
                self.queue.clear();
                self.emit_queue();
            }
            Command::Pause => self.set_paused(true),
            Command::Resume => self.set_paused(false),
            Command::TogglePause => {
                if self.playing {
                    self.set_paused(!self.paused)
                } else if let Some(i) = self.queue.current().or((!self.queue.is_empty()).then_some(QueueIdx(0))) {
                    self.start_at(i, Duration::ZERO, false);
                }
            }
            Command::Stop => self.stop(),
            Command::Seek(position) => self.seek(position),
            Command::Next => {
                let repeat = if self.repeat == Repeat::One {
                    Repeat::Off
                } else {
                    self.repeat
                };
                match self.queue.current().and_then(|c| self.queue.following(c, repeat)) {
                    Some(i) => self.start_at(i, Duration::ZERO, self.paused),
                    None => {
                        self.stop();
                        self.emit(Event::QueueEnded);
                    }
                }
            }
            Command::Previous => {
                let Some(current) = self.queue.current() else { return };
                if self.resume_point().is_some_and(|r| r.position > RESTART_THRESHOLD) {
                    self.seek(Duration::ZERO);
                } else {
                    let index = self.queue.preceding(current, self.repeat).unwrap_or(current);
                    self.start_at(index, Duration::ZERO, self.paused);
                }
            }
            Command::JumpTo(index) => self.start_at(index, Duration::ZERO, false),
            Command::SetVolume(volume) => {
                self.volume = if volume.is_finite() {
                    volume.clamp(0.0, 1.0)
                } else {
                    self.volume
                };
                self.shared.set_volume(self.amplitude());
                self.emit(Event::VolumeChanged { volume: self.volume });
            }
            Command::SetReplayGain(settings) => {
                self.replay_gain = settings;
                let gains: Vec<(u64, f32)> = self.loaded.iter().map(|(id, info)| (*id, self.gain(info))).collect();
                self.shared.edit(|s| s.gains.extend(gains));
            }
            Command::SetGainBook(book) => self.gain_book = book,
            Command::SetDevice(name) => self.switch_device(name),
            Command::SetBitPerfect(on) => self.set_bit_perfect(on),
            Command::SetRepeat(repeat) => {
                self.repeat = repeat;
                self.refresh_next();
            }
            Command::Shutdown => {}
        }
    }

    pub(super) fn emit_queue(&self) {
        self.emit(Event::QueueChanged {
            len: self.queue.len(),
            current: self.queue.current(),
        });
    }
}
