//! The soundtrack model built from stored tracks: albums (with discs) grouped into
//! series. Built in memory on load, so rules can improve without rescanning.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use super::pairs;
use super::series_rules::{self, AlbumKind, clean_folder_name, is_disc_folder, name_key, parse_album_title};
use crate::store::{StoredTrack, TrackFields};

#[derive(Debug, Clone, Serialize)]
pub struct Track {
    pub id: i64,
    pub path: PathBuf,
    pub available: bool,
    #[serde(flatten)]
    pub fields: TrackFields,
    /// Index into `Library::albums`.
    #[serde(rename = "album_index")]
    pub album: usize,
}

impl Track {
    pub fn title(&self) -> String {
        self.fields.title.clone().unwrap_or_else(|| {
            self.path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Disc {
    pub number: u32,
    pub subtitle: Option<String>,
    /// Indexes into `Library::tracks`, in track order.
    pub tracks: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SeriesEvidence {
    /// The user chose it.
    Override,
    /// SERIES, `tvsh`, grouping (TIT1/GROUPING/©grp) or WORK.
    Tag,
    AlbumTitle,
    Folder,
}

#[derive(Debug, Clone, Serialize)]
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
    pub series: usize,
    pub evidence: SeriesEvidence,
    pub cover: Option<String>,
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

#[derive(Debug, Clone, Serialize)]
pub struct Series {
    pub name: String,
    /// Indexes into `Library::albums`: parts in order, then full OSTs, scores, others.
    pub albums: Vec<usize>,
}

/// Album artist, title, catalog number, folder: as tagged, before normalising.
type RawAlbum = (Option<String>, Option<String>, Option<String>, PathBuf);

#[derive(Debug, Default, Serialize)]
pub struct Library {
    pub tracks: Vec<Track>,
    pub albums: Vec<Album>,
    pub series: Vec<Series>,
    /// Instrumental track index → its vocal original, and back.
    #[serde(skip)]
    pub pairs: HashMap<usize, usize>,
}

impl Library {
    /// Groups tracks into albums and series. `roots` keeps the folder rule from naming a
    /// series after the library folder itself; `overrides` maps album keys to series.
    pub fn build(stored: Vec<StoredTrack>, roots: &[PathBuf], overrides: &HashMap<String, String>) -> Library {
        let mut tracks: Vec<Track> = stored
            .into_iter()
            .map(|s| Track {
                id: s.id,
                path: PathBuf::from(s.path),
                available: s.available,
                fields: s.fields,
                album: 0,
            })
            .collect();

        let mut album_index: HashMap<String, usize> = HashMap::new();
        // Neighbouring tracks share their album's raw strings: normalise once per album.
        let mut raw_index: HashMap<RawAlbum, usize> = HashMap::new();
        let mut albums: Vec<Album> = Vec::new();
        #[allow(clippy::needless_range_loop)] // `tracks[i].album` is set at the end of the body
        for i in 0..tracks.len() {
            let t = &tracks[i];
            let folder = album_folder(&t.path);
            let f = &t.fields;
            let raw = (
                f.album_artist.clone().or_else(|| f.artist.clone()),
                f.album.clone(),
                f.catalog.clone(),
                if f.catalog.is_some() {
                    PathBuf::new()
                } else {
                    folder.clone()
                },
            );
            let album = match raw_index.get(&raw) {
                Some(&a) => a,
                None => {
                    let title = f.album.clone().unwrap_or_else(|| {
                        folder
                            .file_name()
                            .map(|n| clean_folder_name(&n.to_string_lossy()))
                            .unwrap_or_default()
                    });
                    let artist = raw.0.clone().unwrap_or_default();
                    let artist_key = name_key(&artist);
                    let compilation = f.compilation || artist_key == "various artists";
                    let distinguisher = match &f.catalog {
                        Some(c) => name_key(c),
                        None => folder.to_string_lossy().into_owned(),
                    };
                    let key = format!("{artist_key}\u{1f}{}\u{1f}{distinguisher}", name_key(&title));
                    let a = *album_index.entry(key.clone()).or_insert_with(|| {
                        albums.push(Album {
                            key,
                            title,
                            artist,
                            compilation,
                            kind: AlbumKind::Other,
                            number: None,
                            date: f.date.clone(),
                            catalog: f.catalog.clone(),
                            folder: folder.clone(),
                            discs: Vec::new(),
                            series: 0,
                            evidence: SeriesEvidence::Folder,
                            cover: None,
                        });
                        albums.len() - 1
                    });
                    raw_index.insert(raw, a);
                    a
                }
            };
            let a = &mut albums[album];
            let disc_no = f.disc.unwrap_or(1);
            let disc = match a.discs.iter().position(|d| d.number == disc_no) {
                Some(d) => d,
                None => {
                    a.discs.push(Disc {
                        number: disc_no,
                        subtitle: f.disc_subtitle.clone(),
                        tracks: Vec::new(),
                    });
                    a.discs.len() - 1
                }
            };
            a.discs[disc].tracks.push(i);
            if a.cover.is_none() {
                a.cover = f.cover.clone();
            }
            tracks[i].album = album;
        }

        for a in &mut albums {
            a.discs.sort_by_key(|d| d.number);
            for d in &mut a.discs {
                d.tracks.sort_by(|x, y| {
                    let (x, y) = (&tracks[*x], &tracks[*y]);
                    (x.fields.track.unwrap_or(u32::MAX), x.fields.cue_index, &x.path).cmp(&(
                        y.fields.track.unwrap_or(u32::MAX),
                        y.fields.cue_index,
                        &y.path,
                    ))
                });
            }
        }

        // Series: override, then tags, then the album title, then the folder.
        let mut series_index: HashMap<String, usize> = HashMap::new();
        let mut series: Vec<Series> = Vec::new();
        for (ai, a) in albums.iter_mut().enumerate() {
            let title_match = parse_album_title(&a.title);
            if let Some(m) = &title_match {
                a.kind = m.kind;
                a.number = m.number;
            }
            let first = a
                .discs
                .first()
                .and_then(|d| d.tracks.first())
                .map(|&t| &tracks[t].fields);
            let tag_series = first.and_then(|f| tag_series(f, title_match.as_ref()));
            let (name, evidence) = if let Some(name) = overrides.get(&a.key) {
                (name.clone(), SeriesEvidence::Override)
            } else if let Some(name) = tag_series {
                (name, SeriesEvidence::Tag)
            } else if let Some(m) = title_match {
                (m.series, SeriesEvidence::AlbumTitle)
            } else {
                (
                    folder_series(&a.folder, roots).unwrap_or_else(|| a.title.clone()),
                    SeriesEvidence::Folder,
                )
            };
            a.evidence = evidence;
            let key = name_key(&name);
            let s = *series_index.entry(key).or_insert_with(|| {
                series.push(Series {
                    name,
                    albums: Vec::new(),
                });
                series.len() - 1
            });
            series[s].albums.push(ai);
            a.series = s;
        }
        for s in &mut series {
            s.albums.sort_by(|x, y| {
                let (x, y) = (&albums[*x], &albums[*y]);
                (x.kind, x.number.unwrap_or(0), &x.date, &x.title).cmp(&(
                    y.kind,
                    y.number.unwrap_or(0),
                    &y.date,
                    &y.title,
                ))
            });
        }
        series.sort_by_cached_key(|s| name_key(&s.name));
        for (si, s) in series.iter().enumerate() {
            for &a in &s.albums {
                albums[a].series = si;
            }
        }

        let mut library = Library {
            tracks,
            albums,
            series,
            pairs: HashMap::new(),
        };
        library.pairs = pairs::find(&library);
        library
    }

    /// Tracks of a series in release order: parts, full OSTs, scores, others; discs and
    /// track numbers within.
    pub fn series_tracks(&self, series: usize) -> Vec<usize> {
        self.series
            .get(series)
            .map(|s| {
                s.albums
                    .iter()
                    .flat_map(|&a| self.albums[a].discs.iter().flat_map(|d| d.tracks.iter().copied()))
                    .collect()
            })
            .unwrap_or_default()
    }
}

/// Explicit tags, in order of evidence. WORK counts only when it names the show (the
/// album title contains it): classical-style WORK tags name compositions.
fn tag_series(f: &TrackFields, title: Option<&series_rules::TitleMatch>) -> Option<String> {
    let usable = |s: &Option<String>| s.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_owned);
    usable(&f.series_tag)
        .or_else(|| usable(&f.show))
        .or_else(|| usable(&f.grouping))
        .or_else(|| {
            let work = usable(&f.work)?;
            let album = f.album.as_deref().map(name_key).unwrap_or_default();
            let named =
                album.contains(&name_key(&work)) || title.is_some_and(|m| name_key(&m.series) == name_key(&work));
            named.then_some(work)
        })
}

/// The folder holding an album's discs: "Album/CD1/01.flac" → "Album".
fn album_folder(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new(""));
    match dir.file_name() {
        Some(name) if is_disc_folder(&name.to_string_lossy()) => dir.parent().unwrap_or(dir).to_path_buf(),
        _ => dir.to_path_buf(),
    }
}

/// "Series/Album/…": the album folder's parent names the series, unless it is a
/// library root (then there is no series folder).
fn folder_series(album_folder: &Path, roots: &[PathBuf]) -> Option<String> {
    let parent = album_folder.parent()?;
    if roots.iter().any(|r| r == parent) || parent.as_os_str().is_empty() {
        return None;
    }
    let name = clean_folder_name(&parent.file_name()?.to_string_lossy());
    (!name.is_empty()).then_some(name)
}
