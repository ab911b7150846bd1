//! The window's side of the desktop's media controls (MPRIS): what is shown there is
//! derived from the playback mirror after every message, and what the desktop asks for
//! runs through the same playback calls as the window's own buttons.

use std::path::Path;
use std::time::Duration;

use iced::{Task, window};

use super::app::{App, Message};
use super::playback::QueueEntry;
use crate::desktop::media_controls::{MediaControls, Request, State, Status, Track};

/// The controls and what they were last told.
pub struct MediaLink {
    controls: MediaControls,
    shown: Option<State>,
    position: Duration,
}

impl MediaLink {
    pub fn new(controls: MediaControls) -> Self {
        Self {
            controls,
            shown: None,
            position: Duration::ZERO,
        }
    }
}

impl App {
    pub(super) fn media_request(&mut self, request: Request) -> Task<Message> {
        let playback = &mut self.playback;
        match request {
            Request::PlayPause if playback.playing => playback.toggle_pause(),
            Request::PlayPause | Request::Play => playback.resume(),
            Request::Pause => {
                if playback.playing && !playback.paused {
                    playback.toggle_pause();
                }
            }
            Request::Stop => playback.stop(),
            Request::Next => playback.next(),
            Request::Previous => playback.previous(),
            Request::SeekBy(offset, back) => {
                let seconds = offset.as_secs_f32();
                // MPRIS: seeking past the end acts like Next.
                let past_end = !back && playback.duration.is_some_and(|d| playback.position + offset >= d);
                if past_end {
                    playback.next();
                } else {
                    playback.seek_by(if back { -seconds } else { seconds });
                }
            }
            Request::SetPosition { track, position } => {
                let current = playback.current_entry().map(|e| e.order as u64);
                let within = playback.duration.is_none_or(|d| position <= d);
                if current == Some(track) && within {
                    playback.seek(position);
                }
            }
            Request::Volume(v) => {
                playback.set_volume(v as f32);
                self.settings.volume = self.playback.volume;
            }
            Request::Shuffle(on) => {
                if on != playback.shuffle {
                    playback.toggle_shuffle();
                }
            }
            Request::Repeat(repeat) => playback.set_repeat(repeat),
            Request::Raise => return window::latest().and_then(window::gain_focus),
            Request::Quit => return window::latest().and_then(|id| Task::done(Message::CloseRequested(id))),
            Request::OpenUri(uri) => match url::Url::parse(&uri).ok().and_then(|u| u.to_file_path().ok()) {
                Some(path) => return Task::done(Message::OpenPaths(vec![path])),
                None => self.notify("Only local files can be opened", vec![uri]),
            },
        }
        Task::none()
    }

    /// Tells the media controls what changed since the last message.
    pub(super) fn sync_media(&mut self, seeked: Option<Duration>) {
        if self.media.is_none() {
            return;
        }
        let state = self.media_state();
        let Some(link) = self.media.as_mut() else {
            return;
        };
        if link.shown.as_ref() != Some(&state) {
            link.controls.set_state(state.clone());
            link.shown = Some(state);
        }
        if let Some(position) = seeked {
            link.controls.seeked(position);
            link.position = position;
        } else if link.position != self.playback.position {
            link.position = self.playback.position;
            link.controls.set_position(link.position);
        }
    }

    pub fn media_state(&self) -> State {
        let p = &self.playback;
        let status = match (p.playing, p.paused) {
            (false, _) => Status::Stopped,
            (true, true) => Status::Paused,
            (true, false) => Status::Playing,
        };
        let last = p.len().saturating_sub(1);
        State {
            status,
            track: p.current_entry().map(|e| self.media_track(e)),
            volume: f64::from(p.volume),
            shuffle: p.shuffle,
            repeat: p.repeat,
            can_next: p.current().is_some_and(|c| c < last) || p.repeat != crate::player::Repeat::Off,
            can_previous: !p.is_empty(),
        }
    }

    fn media_track(&self, entry: &QueueEntry) -> Track {
        let title = entry.title(&self.library);
        let mut track = Track {
            id: entry.order as u64,
            title,
            length: self.playback.duration,
            file: entry.spec.path.clone(),
            ..Track::default()
        };
        let Some(t) = entry.track.and_then(|t| self.library.tracks.get(t)) else {
            return track;
        };
        let f = &t.fields;
        let album = self.library.albums.get(t.album);
        track.artists = f.artist.iter().map(|s| s.to_string()).collect();
        track.album = f
            .album
            .as_deref()
            .map(String::from)
            .or_else(|| album.map(|a| a.title.clone()));
        track.album_artists = f.album_artist.iter().map(|s| s.to_string()).collect();
        track.composers = f.composer.iter().map(|s| s.to_string()).collect();
        track.genres = f.genre.iter().map(|s| s.to_string()).collect();
        track.track_number = f.track;
        track.disc_number = f.disc;
        track.length = track.length.or(f.duration_ms.map(Duration::from_millis));
        // Found by the cover worker, never looked up here (no file system on this thread).
        track.art = self.covers.art(t.album).map(Path::to_path_buf);
        track
    }
}

/// Whether `message` is the engine confirming a seek (the Seeked signal's cue).
pub(super) fn seeked(message: &Message) -> Option<Duration> {
    match message {
        Message::Engine(crate::player::Event::Seeked { position, .. }) => Some(*position),
        _ => None,
    }
}
