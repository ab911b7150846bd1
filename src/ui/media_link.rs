//! The window's side of the desktop's media controls (MPRIS): what is shown there is
//! derived from the playback mirror when it changed, and what the desktop asks for
//! runs through the same playback calls as the window's own buttons. Knows nothing of
//! the app: it reports what the app must do itself as an [`Event`].

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::covers::Covers;
use super::playback::{Playback, QueueEntry};
use crate::desktop::media_controls::{MediaControls, Request, State, Status, Track};
use crate::library::model::Library;

/// The controls and what they were last told.
pub struct MediaLink {
    controls: MediaControls,
    shown: Option<State>,
    position: Duration,
}

/// What a request asks of the app beyond playback.
#[derive(Debug)]
pub enum Event {
    VolumeChanged,
    Raise,
    Quit,
    Open(PathBuf),
    /// Not a local file: what was asked for.
    NotLocal(String),
}

impl MediaLink {
    pub fn new(controls: MediaControls) -> Self {
        Self {
            controls,
            shown: None,
            position: Duration::ZERO,
        }
    }

    /// Tells the controls `state` and `position` if they changed since last told
    /// (`seeked`: the engine confirmed a seek, which the desktop hears as such).
    pub fn sync(&mut self, state: State, position: Duration, seeked: Option<Duration>) {
        if self.shown.as_ref() != Some(&state) {
            self.controls.set_state(state.clone());
            self.shown = Some(state);
        }
        if let Some(position) = seeked {
            self.controls.seeked(position);
            self.position = position;
        } else if self.position != position {
            self.position = position;
            self.controls.set_position(position);
        }
    }
}

/// Carries out what the desktop asked for on `playback`.
pub fn request(request: Request, playback: &mut Playback) -> Option<Event> {
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
            let past_end = !back && playback.duration().is_some_and(|d| playback.position + offset >= d);
            if past_end {
                playback.next();
            } else {
                playback.seek_by(if back { -seconds } else { seconds });
            }
        }
        Request::SetPosition { track, position } => {
            let current = playback.current_entry().map(|e| e.order as u64);
            let within = playback.duration().is_none_or(|d| position <= d);
            if current == Some(track) && within {
                playback.seek(position);
            }
        }
        Request::Volume(v) => {
            playback.set_volume(v as f32);
            return Some(Event::VolumeChanged);
        }
        Request::Shuffle(on) => {
            if on != playback.shuffle {
                playback.toggle_shuffle();
            }
        }
        Request::Repeat(repeat) => playback.set_repeat(repeat),
        Request::Raise => return Some(Event::Raise),
        Request::Quit => return Some(Event::Quit),
        Request::OpenUri(uri) => {
            return Some(match url::Url::parse(&uri).ok().and_then(|u| u.to_file_path().ok()) {
                Some(path) => Event::Open(path),
                None => Event::NotLocal(uri),
            });
        }
    }
    None
}

/// What the controls show for `playback`.
pub fn state(playback: &Playback, library: &Library, covers: &Covers) -> State {
    let p = playback;
    let status = match (p.playing, p.paused) {
        (false, _) => Status::Stopped,
        (true, true) => Status::Paused,
        (true, false) => Status::Playing,
    };
    let last = p.len().saturating_sub(1);
    State {
        status,
        track: p.current_entry().map(|e| track(e, p.duration(), library, covers)),
        volume: f64::from(p.volume),
        shuffle: p.shuffle,
        repeat: p.repeat,
        can_next: p.current().is_some_and(|c| c.0 < last) || p.repeat != crate::player::Repeat::Off,
        can_previous: !p.is_empty(),
    }
}

fn track(entry: &QueueEntry, length: Option<Duration>, library: &Library, covers: &Covers) -> Track {
    let mut track = Track {
        id: entry.order as u64,
        title: entry.title(library),
        length,
        file: entry.spec.path.clone(),
        ..Track::default()
    };
    let Some(f) = entry.fields(library) else {
        return track;
    };
    let t = entry.track.and_then(|t| library.track(t));
    let album = t.and_then(|t| library.album(t.album));
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
    track.art = t.and_then(|t| covers.art(t.album)).map(Path::to_path_buf);
    track
}

/// Whether `message` is the engine confirming a seek (the Seeked signal's cue).
pub fn seeked(event: &crate::player::Event) -> Option<Duration> {
    match event {
        crate::player::Event::Seeked { position, .. } => Some(*position),
        _ => None,
    }
}
