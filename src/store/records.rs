//! Plain data as stored: what the scanner writes and the library loads.

use compact_str::CompactString;
use serde::{Deserialize, Serialize};

/// Everything read from one track's tags and audio properties. CUE tracks carry their
/// entry number and bounds in 1/75 s sectors (exact, as the sheet writes them).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TrackFields {
    pub title: Option<CompactString>,
    pub artist: Option<CompactString>,
    pub album_artist: Option<CompactString>,
    pub album: Option<CompactString>,
    pub disc: Option<u32>,
    pub disc_total: Option<u32>,
    pub track: Option<u32>,
    pub track_total: Option<u32>,
    pub disc_subtitle: Option<CompactString>,
    pub duration_ms: Option<u64>,
    pub format: CompactString,
    pub sample_rate: Option<u32>,
    pub bit_depth: Option<u32>,
    pub channels: Option<u32>,
    pub composer: Option<CompactString>,
    /// ID3 TIT1 / Vorbis GROUPING / MP4 ©grp.
    pub grouping: Option<CompactString>,
    pub work: Option<CompactString>,
    /// MP4 `tvsh`.
    pub show: Option<CompactString>,
    /// A custom SERIES tag.
    pub series_tag: Option<CompactString>,
    /// A custom FRANCHISE tag: the franchise the series belongs to.
    pub franchise: Option<CompactString>,
    pub catalog: Option<CompactString>,
    pub date: Option<CompactString>,
    pub genre: Option<CompactString>,
    pub compilation: bool,
    /// ReplayGain in dB; R128 tags are converted (R128 gain + 5 dB, -23 vs -18 LUFS).
    pub rg_track_gain: Option<f64>,
    pub rg_track_peak: Option<f64>,
    pub rg_album_gain: Option<f64>,
    pub rg_album_peak: Option<f64>,
    pub mb_recording_id: Option<CompactString>,
    pub mb_release_id: Option<CompactString>,
    pub has_lyrics: bool,
    /// "embedded" or a path to an image file in the track's folder.
    pub cover: Option<CompactString>,
    pub cue_index: u32,
    pub cue_start: Option<u64>,
    pub cue_end: Option<u64>,
}

/// The outcome of reading one file, ready to be written. A file with an error and no
/// tracks could not be read; one with both had readable tags but a damaged stream.
#[derive(Debug, Clone)]
pub struct ScannedFile {
    pub path: String,
    pub size: u64,
    pub mtime_ns: i64,
    pub tracks: Vec<TrackFields>,
    pub error: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Root {
    pub id: i64,
    pub path: String,
    pub available: bool,
}

/// What the store remembers of a file, to decide whether a rescan must reopen it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileStamp {
    pub id: i64,
    pub size: u64,
    pub mtime_ns: i64,
    pub available: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct StoredTrack {
    pub id: i64,
    /// When its file was first seen (Unix seconds).
    #[serde(default)]
    pub added_at: Option<i64>,
    pub path: String,
    pub available: bool,
    pub fields: TrackFields,
}
