//! The grouping a library build made (albums, series, franchises, the grid's shelf, the
//! vocal/instrumental pairs), kept in the store between launches: a 100k-track launch
//! reads it instead of grouping again. It is used only under the key of everything it
//! was made from — the tracks' generation and count, the library folders, the user's
//! fixes and the grouping code itself — and only if every index in it fits.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::albums;
use super::model::{Album, AlbumIdx, Franchise, Library, Series, SeriesIdx, Track, TrackIdx};
use crate::store::{Curation, Store};

/// A hash of the grouping's source files, made by the build script: a build whose
/// grouping code differs never reads another's cache.
const CODE: &str = env!("LEITMOTIF_GROUPING_SOURCE");

#[derive(Serialize)]
struct Saved<'a> {
    album_of: Vec<u32>,
    albums: &'a [Album],
    series: &'a [Series],
    franchises: &'a [Franchise],
    shelf: &'a [SeriesIdx],
    pairs: Vec<(TrackIdx, TrackIdx)>,
}

#[derive(Deserialize)]
struct Grouping {
    album_of: Vec<u32>,
    albums: Vec<Album>,
    series: Vec<Series>,
    franchises: Vec<Franchise>,
    shelf: Vec<SeriesIdx>,
    pairs: Vec<(TrackIdx, TrackIdx)>,
}

/// The key of a grouping made at `generation` from `tracks` tracks under `roots` with
/// `curation`.
pub fn key(generation: i64, roots: &[PathBuf], curation: &Curation, tracks: usize) -> Vec<u8> {
    let mut h = blake3::Hasher::new();
    h.update(CODE.as_bytes());
    h.update(&generation.to_le_bytes());
    h.update(&(tracks as u64).to_le_bytes());
    for root in roots {
        h.update(root.as_os_str().as_encoded_bytes());
        h.update(&[0]);
    }
    // The fixes are maps (no fixed order): hashed as sorted lines.
    let maps = [
        ("series", &curation.album_series),
        ("alias", &curation.aliases),
        ("name", &curation.series_names),
        ("franchise", &curation.franchises),
        ("merge", &curation.album_merges),
    ];
    let mut lines: Vec<String> = maps
        .iter()
        .flat_map(|(kind, map)| map.iter().map(move |(k, v)| format!("{kind}\u{1f}{k}\u{1f}{v}")))
        .chain(curation.album_splits.iter().map(|k| format!("split\u{1f}{k}")))
        .collect();
    lines.sort_unstable();
    for line in &lines {
        h.update(line.as_bytes());
        h.update(&[0x1e]);
    }
    h.finalize().as_bytes().to_vec()
}

/// Keeps `library`'s grouping under `key` (a failure only costs the next launch time).
pub fn save(store: &Store, key: &[u8], library: &Library) {
    let saved = Saved {
        album_of: library.tracks.iter().map(|t| t.album.0 as u32).collect(),
        albums: &library.albums,
        series: &library.series,
        franchises: &library.franchises,
        shelf: &library.shelf,
        pairs: library.pairs.iter().map(|(&a, &b)| (a, b)).collect(),
    };
    if let Ok(bytes) = postcard::to_stdvec(&saved) {
        let _ = store.set_model_cache(key, &bytes);
    }
}

/// The library made of `tracks` and the grouping kept under `key`, or the tracks back
/// when there is none that fits.
pub fn restore(store: &Store, key: &[u8], mut tracks: Vec<Track>) -> Result<Library, Vec<Track>> {
    let Some(grouping) = store
        .model_cache(key)
        .and_then(|bytes| postcard::from_bytes::<Grouping>(&bytes).ok())
        .filter(|g| fits(g, tracks.len()))
    else {
        return Err(tracks);
    };
    for (track, &album) in tracks.iter_mut().zip(&grouping.album_of) {
        // What the build did to the tracks themselves, done again.
        albums::fill_from_file_name(track);
        track.album = AlbumIdx(album as usize);
    }
    Ok(Library {
        tracks,
        albums: grouping.albums,
        series: grouping.series,
        franchises: grouping.franchises,
        shelf: grouping.shelf,
        pairs: grouping.pairs.into_iter().collect(),
        grouping_kept: true,
        sort_ranks: Default::default(),
    })
}

/// Whether every index in `g` points inside it and inside `tracks` tracks, so a damaged
/// or mismatched cache can never index out of bounds.
fn fits(g: &Grouping, tracks: usize) -> bool {
    let (albums, series, franchises) = (g.albums.len(), g.series.len(), g.franchises.len());
    g.album_of.len() == tracks
        && g.album_of.iter().all(|&a| (a as usize) < albums)
        && g.albums.iter().all(|a| {
            (a.series.0 < series || series == 0) && a.discs.iter().flat_map(|d| &d.tracks).all(|&t| t.0 < tracks)
        })
        && g.series.iter().all(|s| {
            s.albums.iter().all(|&a| a.0 < albums)
                && s.franchise.is_none_or(|f| f < franchises)
                && s.also_on.iter().all(|&t| t.0 < tracks)
        })
        && g.franchises.iter().all(|f| f.series.iter().all(|&s| s.0 < series))
        && g.shelf.iter().all(|&s| s.0 < series)
        && g.pairs.iter().all(|&(a, b)| a.0 < tracks && b.0 < tracks)
}
