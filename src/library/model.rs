//! The soundtrack model built from stored tracks: albums (with discs) grouped into
//! series. Built in memory on load, so rules can improve without rescanning.

use std::collections::HashMap;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

pub use super::index::{AlbumIdx, SeriesIdx, TrackIdx};
use super::series_rules::AlbumKind;
use super::{albums, model_cache, pairs, series_group};
use crate::store::{Curation, StoredTrack, TrackFields};

#[derive(Debug, Clone, Serialize)]
pub struct Track {
    pub id: i64,
    pub path: PathBuf,
    pub available: bool,
    /// When its file was first seen (Unix seconds).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub added_at: Option<i64>,
    #[serde(flatten)]
    pub fields: TrackFields,
    /// Index into `Library::albums`.
    #[serde(rename = "album_index")]
    pub album: AlbumIdx,
}

impl Track {
    /// A stored track, not yet in an album.
    pub fn from_stored(s: StoredTrack) -> Track {
        Track {
            id: s.id,
            path: PathBuf::from(s.path),
            available: s.available,
            added_at: s.added_at,
            fields: s.fields,
            album: AlbumIdx(0),
        }
    }

    pub fn title(&self) -> String {
        self.fields.title.as_deref().map(String::from).unwrap_or_else(|| {
            self.path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Disc {
    pub number: u32,
    pub subtitle: Option<String>,
    /// Indexes into `Library::tracks`, in track order.
    pub tracks: Vec<TrackIdx>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesEvidence {
    /// The user chose it.
    Override,
    /// SERIES, `tvsh`, grouping (TIT1/GROUPING/©grp) or WORK.
    Tag,
    AlbumTitle,
    Folder,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Album {
    /// Album artist + title + (catalog number or folder): editions don't merge.
    pub key: String,
    pub title: String,
    pub artist: String,
    pub compilation: bool,
    pub kind: AlbumKind,
    pub number: Option<u32>,
    pub date: Option<String>,
    pub catalog: Option<String>,
    pub folder: PathBuf,
    pub discs: Vec<Disc>,
    pub series: SeriesIdx,
    pub evidence: SeriesEvidence,
    pub cover: Option<String>,
    /// No file carries an album title: the title is the folder's name.
    pub untagged: bool,
}

impl Album {
    /// A short caption for the album's kind: "OST PART 3", "SCORE".
    pub fn kind_label(&self) -> &'static str {
        match self.kind {
            AlbumKind::Part => "OST PART",
            AlbumKind::FullOst => "SOUNDTRACK",
            AlbumKind::Score => "SCORE",
            AlbumKind::Other => "ALBUM",
        }
    }

    pub fn track_count(&self) -> usize {
        self.discs.iter().map(|d| d.tracks.len()).sum()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Series {
    pub name: String,
    /// The name the releases give, before any rename by the user: fixes are keyed by it.
    pub inferred_name: String,
    /// Other names albums give the series: the English half of a bilingual title.
    pub aliases: Vec<String>,
    /// Indexes into `Library::albums`: parts in order, then full OSTs, scores, others.
    pub albums: Vec<AlbumIdx>,
    /// Index into `Library::franchises`.
    pub franchise: Option<usize>,
    /// Tracks of compilations whose own tags name this series.
    pub also_on: Vec<TrackIdx>,
    /// The group of compilations (Various Artists across shows), not a show.
    pub compilations: bool,
}

/// A show's seasons, films and sequels: series sharing a base name or FRANCHISE tag.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Franchise {
    pub name: String,
    /// Indexes into `Library::series`: the base series first, then seasons and films in order.
    pub series: Vec<SeriesIdx>,
}

#[derive(Debug, Default, Serialize)]
pub struct Library {
    pub tracks: Vec<Track>,
    pub albums: Vec<Album>,
    pub series: Vec<Series>,
    pub franchises: Vec<Franchise>,
    /// What the Series grid shows, in order: a series, or a franchise's first series
    /// standing for all of it.
    pub shelf: Vec<SeriesIdx>,
    /// Instrumental track index → its vocal original, and back.
    #[serde(skip)]
    pub pairs: HashMap<TrackIdx, TrackIdx>,
    /// The grouping was read from the one kept by the last build (`model_cache`), not
    /// made afresh.
    #[serde(skip)]
    pub grouping_kept: bool,
    /// Where each track falls under each column, worked out when first sorted by it.
    #[serde(skip)]
    pub(super) sort_ranks: super::sort_ranks::SortRanks,
}

/// What a track list can be sorted by (its column headers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TrackSort {
    Title,
    Artist,
    Album,
    Length,
}

impl Library {
    /// Groups tracks into albums, series and franchises. `roots` keeps the folder rule
    /// from naming a series after the library folder itself; `overrides` maps album
    /// keys to series.
    pub fn build(stored: Vec<StoredTrack>, roots: &[PathBuf], overrides: &HashMap<String, String>) -> Library {
        Self::build_with(stored, roots, &Curation::from_overrides(overrides.clone()))
    }

    /// The library as stored: its tracks under its folders, with the user's fixes. The
    /// one way the window and the command line load it.
    pub fn load(store: &crate::store::Store) -> crate::store::Result<Library> {
        Library::load_under(store, &store.roots()?)
    }

    /// `load`, with the roots the caller has already read.
    pub fn load_under(store: &crate::store::Store, roots: &[crate::store::Root]) -> crate::store::Result<Library> {
        let roots: Vec<PathBuf> = roots.iter().map(|r| PathBuf::from(&r.path)).collect();
        let (generation, tracks) = store.load_tracks_at(Track::from_stored)?;
        let curation = store.curation()?;
        let Some(generation) = generation else {
            return Ok(Library::from_tracks(tracks, &roots, &curation));
        };
        // The grouping the last build made from these very tracks, folders and fixes.
        let key = model_cache::key(generation, &roots, &curation, tracks.len());
        match model_cache::restore(store, &key, tracks) {
            Ok(library) => Ok(library),
            Err(tracks) => {
                let library = Library::from_tracks(tracks, &roots, &curation);
                model_cache::save(store, &key, &library);
                Ok(library)
            }
        }
    }

    /// `build`, with every fix the user made to grouping (`Store::curation`).
    pub fn build_with(stored: Vec<StoredTrack>, roots: &[PathBuf], curation: &Curation) -> Library {
        let tracks = stored.into_iter().map(Track::from_stored).collect();
        Library::from_tracks(tracks, roots, curation)
    }

    /// Groups `tracks` (album indexes not set yet) into albums, series and franchises.
    pub(super) fn from_tracks(mut tracks: Vec<Track>, roots: &[PathBuf], curation: &Curation) -> Library {
        let mut albums = albums::group(&mut tracks, roots);
        albums::apply_curation(&mut albums, &mut tracks, curation);
        let (series, franchises) = series_group::group(&mut albums, &tracks, roots, curation);
        let mut library = Library {
            tracks,
            albums,
            series,
            franchises,
            shelf: Vec::new(),
            pairs: HashMap::new(),
            grouping_kept: false,
            sort_ranks: Default::default(),
        };
        library.shelf = (0..library.series.len())
            .map(SeriesIdx)
            .filter(|&s| match library.series[s].franchise {
                Some(f) => library.franchises[f].series.first() == Some(&s),
                None => true,
            })
            .collect();
        library.pairs = pairs::find(&library);
        library
    }

    /// Tracks of a series in release order: parts, full OSTs, scores, others; discs and
    /// track numbers within.
    pub fn series_tracks(&self, series: SeriesIdx) -> Vec<TrackIdx> {
        self.series_at(series)
            .map(|s| {
                s.albums
                    .iter()
                    .flat_map(|&a| self.albums[a].discs.iter().flat_map(|d| d.tracks.iter().copied()))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn track(&self, t: TrackIdx) -> Option<&Track> {
        self.tracks.get(t.0)
    }

    pub fn album(&self, a: AlbumIdx) -> Option<&Album> {
        self.albums.get(a.0)
    }

    pub fn series_at(&self, s: SeriesIdx) -> Option<&Series> {
        self.series.get(s.0)
    }

    /// Sorts `tracks` by `key` (titles, names and albums as people read them: case and
    /// accents aside), ties kept in the order given.
    /// Quick once `prepare_sort(key)` ran; else it works the ranks out first.
    pub fn sort_tracks(&self, tracks: &mut [TrackIdx], key: TrackSort, descending: bool) {
        match self.ranks(key) {
            Some(ranks) => tracks.sort_by_key(|&t| Library::rank_of(ranks, t)),
            None => tracks.sort_by_key(|&t| self.track(t).and_then(|t| t.fields.duration_ms)),
        }
        if descending {
            tracks.reverse();
        }
    }

    /// Every track's index, in the library's order.
    pub fn track_indices(&self) -> impl Iterator<Item = TrackIdx> + use<> {
        (0..self.tracks.len()).map(TrackIdx)
    }

    /// Every album's index, in the library's order.
    pub fn album_indices(&self) -> impl Iterator<Item = AlbumIdx> + use<> {
        (0..self.albums.len()).map(AlbumIdx)
    }

    /// Every series' index, in the library's order.
    pub fn series_indices(&self) -> impl Iterator<Item = SeriesIdx> + use<> {
        (0..self.series.len()).map(SeriesIdx)
    }
}
