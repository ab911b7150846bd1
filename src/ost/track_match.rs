//! Finding the library track an annotation or a sheet names. In order: the MusicBrainz
//! recording id; album + disc + track number + title; album + title; title alone within
//! the series — each compared folded (case, spacing, full/half-width forms), and the
//! looser keys only when they name exactly one track.

use std::collections::HashMap;

use unicode_normalization::UnicodeNormalization;

use crate::library::model::Library;
use crate::store::TrackRef;

/// Case, width and spacing folded: "ＯＳＴ  part.1" and "OST Part.1" compare equal.
pub fn fold(s: &str) -> String {
    s.nfkc()
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The portable reference for library track `track`.
pub fn track_ref(library: &Library, track: usize) -> Option<TrackRef> {
    let t = library.tracks.get(track)?;
    Some(TrackRef {
        mbid: t.fields.mb_recording_id.clone().filter(|s| !s.trim().is_empty()),
        album: library.albums.get(t.album).map(|a| a.title.clone()).unwrap_or_default(),
        disc: t.fields.disc,
        track: t.fields.track,
        title: t.title(),
    })
}

/// Indexes of one series' tracks by every key a reference may use.
pub struct TrackMatcher {
    by_mbid: HashMap<String, usize>,
    by_full: HashMap<(String, u32, u32, String), usize>,
    by_album_title: HashMap<(String, String), Vec<usize>>,
    by_title: HashMap<String, Vec<usize>>,
}

impl TrackMatcher {
    /// Matches among the tracks of series `series` (an index into `library.series`).
    pub fn for_series(library: &Library, series: usize) -> Self {
        let mut m = TrackMatcher {
            by_mbid: HashMap::new(),
            by_full: HashMap::new(),
            by_album_title: HashMap::new(),
            by_title: HashMap::new(),
        };
        for t in library.series_tracks(series) {
            let Some(r) = track_ref(library, t) else { continue };
            if let Some(mbid) = &r.mbid {
                m.by_mbid.insert(mbid.to_ascii_lowercase(), t);
            }
            let (album, title) = (fold(&r.album), fold(&r.title));
            m.by_full.insert(
                (album.clone(), r.disc.unwrap_or(1), r.track.unwrap_or(0), title.clone()),
                t,
            );
            m.by_album_title.entry((album, title.clone())).or_default().push(t);
            m.by_title.entry(title).or_default().push(t);
        }
        m
    }

    pub fn find(&self, r: &TrackRef) -> Option<usize> {
        if let Some(t) = r
            .mbid
            .as_ref()
            .and_then(|id| self.by_mbid.get(&id.to_ascii_lowercase()))
        {
            return Some(*t);
        }
        let (album, title) = (fold(&r.album), fold(&r.title));
        let unique = |v: Option<&Vec<usize>>| v.filter(|v| v.len() == 1).map(|v| v[0]);
        self.by_full
            .get(&(album.clone(), r.disc.unwrap_or(1), r.track.unwrap_or(0), title.clone()))
            .copied()
            .or_else(|| unique(self.by_album_title.get(&(album, title.clone()))))
            .or_else(|| unique(self.by_title.get(&title)))
    }
}
