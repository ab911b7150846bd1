//! Finding the library track an annotation or a sheet names. In order: the MusicBrainz
//! recording id; album + disc + track number + title; album + title; title alone within
//! the series — each compared folded (case, spacing, full/half-width forms). Several
//! candidates are narrowed by album artist and length; for a reference made in this
//! library, a candidate they contradict is no match. When the tags no longer match (a
//! re-tagged file), the reference's audio key finds the track among those of its length.

use std::cell::RefCell;
use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::library::identity;
use crate::library::model::{Library, SeriesIdx, TrackIdx};
use crate::store::TrackRef;

/// Lengths within this many milliseconds are the same recording (decoders and taggers
/// disagree by a frame or two).
const LENGTH_SLACK_MS: u64 = 1000;

/// Case, width and spacing folded: "ＯＳＴ  part.1" and "OST Part.1" compare equal.
pub fn fold(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The portable reference for library track `track`, without its audio key.
pub fn track_ref(library: &Library, track: TrackIdx) -> Option<TrackRef> {
    let t = library.track(track)?;
    let album = library.album(t.album);
    Some(TrackRef {
        mbid: t
            .fields
            .mb_recording_id
            .as_deref()
            .filter(|s| !s.trim().is_empty())
            .map(String::from),
        album: album.map(|a| a.title.clone()).unwrap_or_default(),
        disc: t.fields.disc,
        track: t.fields.track,
        title: t.title(),
        album_artist: album.map(|a| a.artist.clone()).filter(|a| !a.is_empty()),
        length_ms: t.fields.duration_ms,
        audio: None,
        at_ms: None,
        until_ms: None,
        cue_note: None,
    })
}

/// The reference with the track's audio key, read from its file (a probe and a few
/// kilobytes). Without a readable file the reference still carries its tags.
pub fn track_ref_with_audio(library: &Library, track: TrackIdx) -> Option<TrackRef> {
    let mut r = track_ref(library, track)?;
    let t = &library.tracks[track];
    r.audio = identity::audio_key(&t.path, t.fields.cue_index).ok();
    Some(r)
}

/// What a reference names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    One(TrackIdx),
    /// Several tracks fit and nothing tells them apart.
    Several(Vec<TrackIdx>),
    Nothing,
}

/// Indexes of one series' tracks by every key a reference may use.
pub struct TrackMatcher<'a> {
    library: &'a Library,
    tracks: Vec<TrackIdx>,
    by_mbid: HashMap<String, TrackIdx>,
    by_full: HashMap<(String, u32, u32, String), Vec<TrackIdx>>,
    by_album_title: HashMap<(String, String), Vec<TrackIdx>>,
    by_title: HashMap<String, Vec<TrackIdx>>,
    /// Audio keys read so far (files are read only when tags cannot decide).
    audio: RefCell<HashMap<TrackIdx, Option<String>>>,
}

impl<'a> TrackMatcher<'a> {
    /// Matches among the tracks of series `series` (an index into `library.series`).
    pub fn for_series(library: &'a Library, series: SeriesIdx) -> Self {
        let mut m = TrackMatcher {
            library,
            tracks: library.series_tracks(series),
            by_mbid: HashMap::new(),
            by_full: HashMap::new(),
            by_album_title: HashMap::new(),
            by_title: HashMap::new(),
            audio: RefCell::new(HashMap::new()),
        };
        for &t in &m.tracks {
            let Some(r) = track_ref(library, t) else { continue };
            if let Some(mbid) = &r.mbid {
                m.by_mbid.insert(mbid.to_ascii_lowercase(), t);
            }
            let (album, title) = (fold(&r.album), fold(&r.title));
            m.by_full
                .entry((album.clone(), r.disc.unwrap_or(1), r.track.unwrap_or(0), title.clone()))
                .or_default()
                .push(t);
            m.by_album_title.entry((album, title.clone())).or_default().push(t);
            m.by_title.entry(title).or_default().push(t);
        }
        m
    }

    /// The one track `r` names, if exactly one.
    pub fn find(&self, r: &TrackRef) -> Option<TrackIdx> {
        match self.resolve(r) {
            Found::One(t) => Some(t),
            _ => None,
        }
    }

    pub fn resolve(&self, r: &TrackRef) -> Found {
        if let Some(t) = r
            .mbid
            .as_ref()
            .and_then(|id| self.by_mbid.get(&id.to_ascii_lowercase()))
        {
            return Found::One(*t);
        }
        let (album, title) = (fold(&r.album), fold(&r.title));
        let keyed = [
            self.by_full
                .get(&(album.clone(), r.disc.unwrap_or(1), r.track.unwrap_or(0), title.clone())),
            self.by_album_title.get(&(album, title.clone())),
            self.by_title.get(&title),
        ];
        for candidates in keyed.into_iter().flatten() {
            let mut fitting: Vec<TrackIdx> = candidates.iter().copied().filter(|&t| self.fits(r, t)).collect();
            // A reference made in this library (it has an audio key) that the album
            // artist or length contradicts is another track; one from a shared sheet
            // only narrows by them, since another rip's lengths and spellings differ.
            if fitting.is_empty() && r.audio.is_none() {
                fitting = candidates.clone();
            }
            match fitting.len() {
                0 => continue,
                1 => return Found::One(fitting[0]),
                _ => return self.by_audio(r, &fitting).unwrap_or(Found::Several(fitting)),
            }
        }
        // The tags changed (a re-tag): the audio, among tracks of the same length.
        let same_length: Vec<TrackIdx> = self
            .tracks
            .iter()
            .copied()
            .filter(|&t| self.same_length(r, t))
            .collect();
        self.by_audio(r, &same_length).unwrap_or(Found::Nothing)
    }

    /// A candidate whose album artist or length contradicts the reference is not it.
    fn fits(&self, r: &TrackRef, t: TrackIdx) -> bool {
        let track = &self.library.tracks[t];
        let artist_ok = match &r.album_artist {
            Some(want) => self
                .library
                .album(track.album)
                .is_none_or(|a| a.artist.is_empty() || fold(&a.artist) == fold(want)),
            None => true,
        };
        artist_ok && self.same_length(r, t)
    }

    fn same_length(&self, r: &TrackRef, t: TrackIdx) -> bool {
        match (r.length_ms, self.library.tracks[t].fields.duration_ms) {
            (Some(want), Some(got)) => want.abs_diff(got) <= LENGTH_SLACK_MS,
            _ => true,
        }
    }

    fn by_audio(&self, r: &TrackRef, candidates: &[TrackIdx]) -> Option<Found> {
        let want = r.audio.as_ref()?;
        let mut cache = self.audio.borrow_mut();
        let hits: Vec<TrackIdx> = candidates
            .iter()
            .copied()
            .filter(|&t| {
                let key = cache.entry(t).or_insert_with(|| {
                    let track = &self.library.tracks[t];
                    identity::audio_key(&track.path, track.fields.cue_index).ok()
                });
                key.as_ref() == Some(want)
            })
            .collect();
        match hits.len() {
            0 => None,
            1 => Some(Found::One(hits[0])),
            _ => Some(Found::Several(hits)),
        }
    }
}
