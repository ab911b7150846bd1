//! Media controls for the desktop: MPRIS on D-Bus (media keys, panel widgets, `playerctl`).
//!
//! The D-Bus side lives on a thread of its own with a single-threaded runtime, since
//! mpris-server's player is not `Send`. The window sends what it shows (`State`,
//! positions, seeks); what the desktop asks for comes back as `Request`s.

use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, Sender};
use std::time::Duration;

use mpris_server::{LoopStatus, Metadata, PlaybackStatus, Player, Time, TrackId};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender, unbounded_channel};

use crate::player::Repeat;

/// Track ids are D-Bus object paths under the app's own path.
const TRACK_PATH: &str = "/io/github/leitmotif/Leitmotif/track/";

/// What the desktop asks the player to do.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    PlayPause,
    Play,
    Pause,
    Stop,
    Next,
    Previous,
    /// Relative seek (negative goes back).
    SeekBy(Duration, bool),
    /// Absolute position within the track with this id; other ids are stale and ignored.
    SetPosition {
        track: u64,
        position: Duration,
    },
    Volume(f64),
    Shuffle(bool),
    Repeat(Repeat),
    Raise,
    Quit,
    OpenUri(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Status {
    #[default]
    Stopped,
    Playing,
    Paused,
}

/// The track the desktop shows.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Track {
    /// Unique within the queue; SetPosition names it.
    pub id: u64,
    pub title: String,
    pub artists: Vec<String>,
    pub album: Option<String>,
    pub album_artists: Vec<String>,
    pub composers: Vec<String>,
    pub genres: Vec<String>,
    pub track_number: Option<u32>,
    pub disc_number: Option<u32>,
    pub length: Option<Duration>,
    pub file: PathBuf,
    pub art: Option<PathBuf>,
}

/// Everything but the position, which changes too often to compare.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct State {
    pub status: Status,
    pub track: Option<Track>,
    pub volume: f64,
    pub shuffle: bool,
    pub repeat: Repeat,
    pub can_next: bool,
    pub can_previous: bool,
}

enum Update {
    State(Box<State>),
    Position(Duration),
    Seeked(Duration),
}

/// The window's handle on the media-controls thread. Dropping it ends the thread.
pub struct MediaControls {
    updates: UnboundedSender<Update>,
}

impl MediaControls {
    /// Starts MPRIS as `org.mpris.MediaPlayer2.<bus_suffix>`. Failures (no session bus)
    /// are reported on stderr by the thread; the player works on without media keys.
    pub fn start(bus_suffix: &str, identity: &str, desktop_entry: &str) -> (MediaControls, Receiver<Request>) {
        let (requests, rx) = mpsc::channel();
        let (updates, updates_rx) = unbounded_channel();
        let names = (bus_suffix.to_owned(), identity.to_owned(), desktop_entry.to_owned());
        let spawned = std::thread::Builder::new()
            .name("leitmotif-mpris".into())
            .spawn(move || {
                if let Err(e) = serve(names, requests, updates_rx) {
                    eprintln!("leitmotif: media keys and desktop controls (MPRIS) are unavailable: {e}");
                }
            });
        if let Err(e) = spawned {
            eprintln!("leitmotif: could not start the media controls thread: {e}");
        }
        (MediaControls { updates }, rx)
    }

    pub fn set_state(&self, state: State) {
        let _ = self.updates.send(Update::State(Box::new(state)));
    }

    /// The position clients read when they ask (no signal: MPRIS clients extrapolate).
    pub fn set_position(&self, position: Duration) {
        let _ = self.updates.send(Update::Position(position));
    }

    /// A jump in position that clients must hear about (the Seeked signal).
    pub fn seeked(&self, position: Duration) {
        let _ = self.updates.send(Update::Seeked(position));
    }
}

type Names = (String, String, String);

fn serve(names: Names, requests: Sender<Request>, updates: UnboundedReceiver<Update>) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("no runtime: {e}"))?;
    let local = tokio::task::LocalSet::new();
    local.block_on(&runtime, run(names, requests, updates))
}

async fn run(
    (bus_suffix, identity, desktop_entry): Names,
    requests: Sender<Request>,
    mut updates: UnboundedReceiver<Update>,
) -> Result<(), String> {
    let player = Player::builder(&bus_suffix)
        .identity(identity)
        .desktop_entry(desktop_entry)
        .can_raise(true)
        .can_quit(true)
        .can_control(true)
        .can_seek(true)
        .can_play(true)
        .can_pause(true)
        .supported_uri_schemes(["file"])
        .supported_mime_types([
            "audio/flac",
            "audio/mpeg",
            "audio/ogg",
            "audio/opus",
            "audio/mp4",
            "audio/x-wav",
            "audio/x-mpegurl",
            "application/x-cue",
        ])
        .build()
        .await
        .map_err(|e| e.to_string())?;
    connect(&player, &requests);
    tokio::task::spawn_local(player.run());
    let mut shown = State::default();
    while let Some(update) = updates.recv().await {
        let result = match update {
            Update::State(state) => apply(&player, &shown, &state).await.map(|()| shown = *state),
            Update::Position(p) => {
                player.set_position(time(p));
                Ok(())
            }
            Update::Seeked(p) => {
                player.set_position(time(p));
                player.seeked(time(p)).await
            }
        };
        if let Err(e) = result {
            eprintln!("leitmotif: media controls: {e}");
        }
    }
    Ok(())
}

fn connect(player: &Player, requests: &Sender<Request>) {
    let on = |request: Request| {
        let tx = requests.clone();
        move |_: &Player| {
            let _ = tx.send(request.clone());
        }
    };
    player.connect_play_pause(on(Request::PlayPause));
    player.connect_play(on(Request::Play));
    player.connect_pause(on(Request::Pause));
    player.connect_stop(on(Request::Stop));
    player.connect_next(on(Request::Next));
    player.connect_previous(on(Request::Previous));
    player.connect_raise(on(Request::Raise));
    player.connect_quit(on(Request::Quit));
    let tx = requests.clone();
    player.connect_seek(move |_, offset| {
        let back = offset.is_negative();
        let _ = tx.send(Request::SeekBy(duration(offset.abs()), back));
    });
    let tx = requests.clone();
    player.connect_set_position(move |_, track, position| {
        if let Some(id) = track_number(track) {
            // MPRIS says negative positions are ignored.
            if !position.is_negative() {
                let _ = tx.send(Request::SetPosition {
                    track: id,
                    position: duration(position),
                });
            }
        }
    });
    let tx = requests.clone();
    player.connect_set_volume(move |_, volume| {
        let _ = tx.send(Request::Volume(volume.clamp(0.0, 1.0)));
    });
    let tx = requests.clone();
    player.connect_set_shuffle(move |_, shuffle| {
        let _ = tx.send(Request::Shuffle(shuffle));
    });
    let tx = requests.clone();
    player.connect_set_loop_status(move |_, status| {
        let repeat = match status {
            LoopStatus::None => Repeat::Off,
            LoopStatus::Playlist => Repeat::All,
            LoopStatus::Track => Repeat::One,
        };
        let _ = tx.send(Request::Repeat(repeat));
    });
    let tx = requests.clone();
    player.connect_open_uri(move |_, uri| {
        let _ = tx.send(Request::OpenUri(uri.to_owned()));
    });
}

/// Sets what changed; each setter emits PropertiesChanged, so unchanged ones are skipped.
async fn apply(player: &Player, shown: &State, state: &State) -> mpris_server::zbus::Result<()> {
    if shown.track != state.track {
        player.set_metadata(metadata(state.track.as_ref())).await?;
    }
    if shown.status != state.status {
        player
            .set_playback_status(match state.status {
                Status::Stopped => PlaybackStatus::Stopped,
                Status::Playing => PlaybackStatus::Playing,
                Status::Paused => PlaybackStatus::Paused,
            })
            .await?;
        if state.status == Status::Stopped {
            player.set_position(Time::ZERO);
        }
    }
    if shown.volume != state.volume {
        player.set_volume(state.volume).await?;
    }
    if shown.shuffle != state.shuffle {
        player.set_shuffle(state.shuffle).await?;
    }
    if shown.repeat != state.repeat {
        let status = match state.repeat {
            Repeat::Off => LoopStatus::None,
            Repeat::All => LoopStatus::Playlist,
            Repeat::One => LoopStatus::Track,
        };
        player.set_loop_status(status).await?;
    }
    if shown.can_next != state.can_next {
        player.set_can_go_next(state.can_next).await?;
    }
    if shown.can_previous != state.can_previous {
        player.set_can_go_previous(state.can_previous).await?;
    }
    Ok(())
}

fn metadata(track: Option<&Track>) -> Metadata {
    let mut m = Metadata::new();
    let Some(t) = track else {
        m.set_trackid(Some(TrackId::NO_TRACK));
        return m;
    };
    m.set_trackid(TrackId::try_from(format!("{TRACK_PATH}{}", t.id).as_str()).ok());
    m.set_title(Some(t.title.clone()));
    m.set_artist(Some(t.artists.clone()).filter(|a| !a.is_empty()));
    m.set_album(t.album.clone());
    m.set_album_artist(Some(t.album_artists.clone()).filter(|a| !a.is_empty()));
    m.set_composer(Some(t.composers.clone()).filter(|c| !c.is_empty()));
    m.set_genre(Some(t.genres.clone()).filter(|g| !g.is_empty()));
    m.set_track_number(t.track_number.and_then(|n| i32::try_from(n).ok()));
    m.set_disc_number(t.disc_number.and_then(|n| i32::try_from(n).ok()));
    m.set_length(t.length.map(time));
    m.set_url(file_uri(&t.file));
    m.set_art_url(t.art.as_deref().and_then(file_uri));
    m
}

fn file_uri(path: &std::path::Path) -> Option<String> {
    url::Url::from_file_path(path).ok().map(String::from)
}

fn track_number(track: &TrackId) -> Option<u64> {
    track.as_str().strip_prefix(TRACK_PATH)?.parse().ok()
}

fn time(d: Duration) -> Time {
    Time::from_micros(i64::try_from(d.as_micros()).unwrap_or(i64::MAX))
}

fn duration(t: Time) -> Duration {
    Duration::from_micros(u64::try_from(t.as_micros()).unwrap_or(0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn track_ids_round_trip_and_foreign_ids_are_ignored() {
        let track = Track {
            id: 42,
            title: "Theme".into(),
            file: PathBuf::from("/music/a b.flac"),
            ..Track::default()
        };
        let m = metadata(Some(&track));
        let id = m.trackid().expect("a track id");
        assert_eq!(track_number(&id), Some(42));
        assert_eq!(m.url().as_deref(), Some("file:///music/a%20b.flac"));
        assert_eq!(track_number(&TrackId::NO_TRACK), None);
        assert_eq!(metadata(None).trackid(), Some(TrackId::NO_TRACK));
    }

    #[test]
    fn times_convert_both_ways_and_saturate() {
        assert_eq!(duration(time(Duration::from_millis(1500))), Duration::from_millis(1500));
        assert_eq!(duration(Time::from_micros(-5)), Duration::ZERO);
    }
}
