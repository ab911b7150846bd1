//! Listening history and favourites as the library shows and queries them: per track
//! (by index) its plays, skips and last play; favourite tracks, albums and series.
//! Built from the store's rows, which name tracks by file, CUE entry and audio key.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::model::{AlbumIdx, Library, SeriesIdx, TrackIdx};
use crate::store::{Favourite, FavouriteKind, Listened, track_key};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stats {
    pub plays: u32,
    pub skips: u32,
    /// Unix seconds.
    pub first_played: Option<i64>,
    pub last_played: Option<i64>,
}

#[derive(Debug, Default, Clone)]
pub struct History {
    /// By track index (a vector: queries read it for every track).
    tracks: Vec<Stats>,
    fav_tracks: HashSet<TrackIdx>,
    fav_albums: HashSet<AlbumIdx>,
    fav_series: HashSet<SeriesIdx>,
}

/// Now, in Unix seconds: the clock plays, favourites and `played<7d` are kept in.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// A track's name among history rows: its file and CUE entry.
pub fn key_of(library: &Library, track: TrackIdx) -> Option<(String, u32)> {
    let t = library.track(track)?;
    Some((t.path.to_string_lossy().into_owned(), t.fields.cue_index))
}

impl History {
    pub fn new(library: &Library, rows: &[Listened], favourites: &[Favourite]) -> Self {
        let by_key: HashMap<(&Path, u32), TrackIdx> = library
            .tracks
            .iter()
            .enumerate()
            .map(|(i, t)| ((t.path.as_path(), t.fields.cue_index), TrackIdx(i)))
            .collect();
        let find = |path: &str, cue: u32| by_key.get(&(Path::new(path), cue)).copied();
        let mut h = History {
            tracks: vec![Stats::default(); library.tracks.len()],
            ..History::default()
        };
        for r in rows {
            if let Some(slot) = find(&r.path, r.cue_index).and_then(|t| h.tracks.get_mut(t.0)) {
                *slot = Stats {
                    plays: r.plays,
                    skips: r.skips,
                    first_played: r.first_played,
                    last_played: r.last_played,
                };
            }
        }
        let albums: HashMap<&str, AlbumIdx> = library
            .albums
            .iter()
            .enumerate()
            .map(|(i, a)| (a.key.as_str(), AlbumIdx(i)))
            .collect();
        for f in favourites {
            match f.kind {
                FavouriteKind::Track => {
                    let found = f
                        .key
                        .split_once(' ')
                        .and_then(|(cue, path)| find(path, cue.parse().ok()?));
                    h.fav_tracks.extend(found);
                }
                FavouriteKind::Album => h.fav_albums.extend(albums.get(f.key.as_str()).copied()),
                FavouriteKind::Series => h
                    .fav_series
                    .extend(library.series.iter().position(|s| s.name == f.key).map(SeriesIdx)),
            }
        }
        h
    }

    pub fn stats(&self, track: TrackIdx) -> Stats {
        self.tracks.get(track.0).copied().unwrap_or_default()
    }

    /// A play (or a skip) of `track` just counted, at `now`.
    pub fn count(&mut self, track: TrackIdx, play: bool, now: i64) {
        if self.tracks.len() <= track.0 {
            self.tracks.resize(track.0 + 1, Stats::default());
        }
        let s = &mut self.tracks[track.0];
        if play {
            s.plays += 1;
            s.first_played.get_or_insert(now);
            s.last_played = Some(now);
        } else {
            s.skips += 1;
        }
    }

    /// The track is a favourite, or its album or its series is.
    pub fn is_favourite(&self, library: &Library, track: TrackIdx) -> bool {
        self.fav_tracks.contains(&track)
            || library.track(track).is_some_and(|t| {
                self.fav_albums.contains(&t.album)
                    || library
                        .album(t.album)
                        .is_some_and(|a| self.fav_series.contains(&a.series))
            })
    }

    /// The track itself is marked (not through its album or series).
    pub fn is_favourite_track(&self, track: TrackIdx) -> bool {
        self.fav_tracks.contains(&track)
    }

    pub fn is_favourite_album(&self, album: AlbumIdx) -> bool {
        self.fav_albums.contains(&album)
    }

    pub fn is_favourite_series(&self, series: SeriesIdx) -> bool {
        self.fav_series.contains(&series)
    }

    /// Marks or unmarks; the store's key for it (kind and key) is returned to write.
    pub fn set_favourite(&mut self, library: &Library, what: Favoured, on: bool) -> Option<(FavouriteKind, String)> {
        fn toggle<T: std::hash::Hash + Eq>(set: &mut HashSet<T>, item: T, on: bool) {
            if on {
                set.insert(item);
            } else {
                set.remove(&item);
            }
        }
        match what {
            Favoured::Track(t) => {
                let (path, cue) = key_of(library, t)?;
                toggle(&mut self.fav_tracks, t, on);
                Some((FavouriteKind::Track, track_key(&path, cue)))
            }
            Favoured::Album(a) => {
                let key = library.album(a)?.key.clone();
                toggle(&mut self.fav_albums, a, on);
                Some((FavouriteKind::Album, key))
            }
            Favoured::Series(s) => {
                let name = library.series_at(s)?.name.clone();
                toggle(&mut self.fav_series, s, on);
                Some((FavouriteKind::Series, name))
            }
        }
    }
}

/// What a ♥ is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Favoured {
    Track(TrackIdx),
    Album(AlbumIdx),
    Series(SeriesIdx),
}

/// History rows whose file is gone from the library but whose audio is found again in
/// a file of the same name or folder (a move or rename): (old, new) file and CUE entry.
/// Reads the candidates' audio keys, so it runs off the window's thread.
pub fn moved(library: &Library, rows: &[Listened]) -> Vec<((String, u32), (String, u32))> {
    let known: HashSet<(&Path, u32)> = rows.iter().map(|r| (Path::new(r.path.as_str()), r.cue_index)).collect();
    let present: HashSet<(&Path, u32)> = library
        .tracks
        .iter()
        .map(|t| (t.path.as_path(), t.fields.cue_index))
        .collect();
    let mut found = Vec::new();
    for r in rows {
        let (path, Some(audio)) = (Path::new(r.path.as_str()), r.audio.as_deref()) else {
            continue;
        };
        if present.contains(&(path, r.cue_index)) {
            continue;
        }
        let candidate = library.tracks.iter().find(|t| {
            t.fields.cue_index == r.cue_index
                && !known.contains(&(t.path.as_path(), t.fields.cue_index))
                && (t.path.file_name() == path.file_name() || t.path.parent() == path.parent())
                && super::identity::audio_key(&t.path, t.fields.cue_index).is_ok_and(|k| k == audio)
        });
        if let Some(t) = candidate {
            found.push((
                (r.path.clone(), r.cue_index),
                (t.path.to_string_lossy().into_owned(), t.fields.cue_index),
            ));
        }
    }
    found
}
