//! What the analysis pass measured, keyed by path, CUE entry and the file's stamp.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};

/// A track's place in the analysis table: the file and CUE entry.
pub type AnalysisKey = (String, u32);

/// One library track as the pass sees it: its file's stamp now, and whether what was
/// measured of it still holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnalysisState {
    pub path: String,
    pub cue_index: u32,
    pub size: u64,
    pub mtime_ns: i64,
    /// Measured (or found undecodable) at this very stamp.
    pub current: bool,
    /// How many tracks its album had when the album was measured; `None`: not yet.
    pub album_tracks: Option<u32>,
    /// It could not be decoded at this stamp.
    pub failed: bool,
}

/// What one track measured, as stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TrackAnalysisRow {
    pub path: String,
    pub cue_index: u32,
    pub size: u64,
    pub mtime_ns: i64,
    /// `None` for silence.
    pub integrated_lufs: Option<f64>,
    pub range_lu: Option<f64>,
    pub true_peak: Option<f64>,
    pub sample_peak: Option<f64>,
    pub error: Option<String>,
    pub waveform: Vec<u8>,
    pub chroma: Vec<u8>,
}

/// The gains a track's analysis gives, for playback and `tracks --json`.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct AnalysedLoudness {
    pub integrated_lufs: Option<f64>,
    pub range_lu: Option<f64>,
    pub true_peak: Option<f64>,
    pub album_lufs: Option<f64>,
    pub album_peak: Option<f64>,
}

/// A measured track: which it is, and its loudness.
#[derive(Debug, Clone, PartialEq)]
pub struct AnalysedRow {
    pub path: String,
    pub cue_index: u32,
    /// Where its CUE track starts, in 1/75 s sectors.
    pub cue_start: Option<u64>,
    pub loudness: AnalysedLoudness,
}

/// The shape features' version the program measures (see migration 013): a row
/// measured with an older one is measured again.
pub const FEATURES_VERSION: i64 = 2;

impl Store {
    /// Every available library track with its file's stamp and what is known of it.
    pub fn analysis_state(&self) -> Result<Vec<AnalysisState>> {
        self.query(
            "SELECT f.path, t.cue_index, f.size, f.mtime_ns, \
                    a.size = f.size AND a.mtime_ns = f.mtime_ns AND a.features >= ?1, a.album_tracks, \
                    a.error IS NOT NULL \
             FROM tracks t JOIN files f ON f.id = t.file_id \
             LEFT JOIN analysis a ON a.path = f.path AND a.cue_index = t.cue_index \
             WHERE f.available = 1",
            [FEATURES_VERSION],
            |r| {
                let current = r.get::<_, Option<bool>>(4)?.unwrap_or(false);
                Ok(AnalysisState {
                    path: r.get(0)?,
                    cue_index: r.get(1)?,
                    size: r.get::<_, i64>(2)? as u64,
                    mtime_ns: r.get(3)?,
                    current,
                    album_tracks: if current { r.get(5)? } else { None },
                    failed: current && r.get::<_, bool>(6)?,
                })
            },
        )
    }

    /// Keeps one track's measures (a track at a time, so a kill loses at most the one
    /// in flight). Its album values are cleared until the album is measured whole.
    pub fn save_track_analysis(&mut self, row: &TrackAnalysisRow) -> Result<()> {
        self.in_transaction(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO analysis (path, cue_index, size, mtime_ns, integrated_lufs, range_lu, \
                 true_peak, sample_peak, album_lufs, album_peak, album_tracks, error, features) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, NULL, NULL, NULL, ?9, ?10)",
                params![
                    row.path,
                    row.cue_index,
                    row.size as i64,
                    row.mtime_ns,
                    row.integrated_lufs,
                    row.range_lu,
                    row.true_peak,
                    row.sample_peak,
                    row.error,
                    FEATURES_VERSION
                ],
            )?;
            tx.execute(
                "INSERT OR REPLACE INTO analysis_shape (path, cue_index, waveform, chroma) VALUES (?1, ?2, ?3, ?4)",
                params![row.path, row.cue_index, row.waveform, row.chroma],
            )?;
            Ok(())
        })
    }

    /// Keeps an album's loudness and peak on each of its tracks, with their count.
    pub fn save_album_analysis(&mut self, tracks: &[AnalysisKey], lufs: Option<f64>, peak: f64) -> Result<()> {
        self.in_transaction(|tx| {
            let mut update = tx.prepare(
                "UPDATE analysis SET album_lufs = ?3, album_peak = ?4, album_tracks = ?5 \
                 WHERE path = ?1 AND cue_index = ?2",
            )?;
            for (path, cue) in tracks {
                update.execute(params![path, cue, lufs, peak, tracks.len() as i64])?;
            }
            Ok(())
        })
    }

    /// The loudness of every measured track whose file is unchanged since, with the
    /// CUE start its track plays from.
    pub fn analysed_loudness(&self) -> Result<Vec<AnalysedRow>> {
        self.query(
            "SELECT a.path, a.cue_index, t.cue_start, a.integrated_lufs, a.range_lu, a.true_peak,                     a.album_lufs, a.album_peak              FROM analysis a JOIN files f ON f.path = a.path AND f.size = a.size AND f.mtime_ns = a.mtime_ns              JOIN tracks t ON t.file_id = f.id AND t.cue_index = a.cue_index              WHERE a.error IS NULL",
            [],
            |r| {
                Ok(AnalysedRow {
                    path: r.get(0)?,
                    cue_index: r.get(1)?,
                    cue_start: r.get::<_, Option<i64>>(2)?.map(|s| s as u64),
                    loudness: AnalysedLoudness {
                        integrated_lufs: r.get(3)?,
                        range_lu: r.get(4)?,
                        true_peak: r.get(5)?,
                        album_lufs: r.get(6)?,
                        album_peak: r.get(7)?,
                    },
                })
            },
        )
    }

    /// A track's waveform summary and chroma frames, as stored.
    pub fn analysis_shape(&self, path: &str, cue_index: u32) -> Result<Option<(Vec<u8>, Vec<u8>)>> {
        self.conn
            .query_row(
                "SELECT waveform, chroma FROM analysis_shape WHERE path = ?1 AND cue_index = ?2",
                params![path, cue_index],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// A track's chroma frames alone, packed (the theme finder reads every track's).
    pub fn analysis_chroma(&self, path: &str, cue_index: u32) -> Result<Option<Vec<u8>>> {
        self.conn
            .prepare_cached("SELECT chroma FROM analysis_shape WHERE path = ?1 AND cue_index = ?2")
            .and_then(|mut st| st.query_row(params![path, cue_index], |r| r.get(0)).optional())
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ScannedFile, TrackFields};

    fn scanned(path: &str, size: u64, mtime_ns: i64) -> ScannedFile {
        ScannedFile {
            path: path.into(),
            size,
            mtime_ns,
            tracks: vec![TrackFields {
                format: "FLAC".into(),
                ..Default::default()
            }],
            error: None,
        }
    }

    #[test]
    fn a_changed_file_is_no_longer_current() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let mut store = Store::open_in_memory()?;
        let root = store.add_root("/m")?;
        store.write_scanned(root, &[scanned("/m/a.flac", 10, 1), scanned("/m/b.flac", 20, 2)])?;
        let state = store.analysis_state()?;
        assert_eq!(state.len(), 2);
        assert!(state.iter().all(|s| !s.current));
        store.save_track_analysis(&TrackAnalysisRow {
            path: "/m/a.flac".into(),
            size: 10,
            mtime_ns: 1,
            integrated_lufs: Some(-20.0),
            true_peak: Some(0.5),
            waveform: vec![1, 2],
            chroma: vec![3],
            ..Default::default()
        })?;
        store.save_album_analysis(&[("/m/a.flac".into(), 0)], Some(-19.0), 0.5)?;
        let state = store.analysis_state()?;
        let a = state.iter().find(|s| s.path == "/m/a.flac").ok_or("a")?;
        assert!(a.current && a.album_tracks == Some(1) && !a.failed);
        let gains = store.analysed_loudness()?;
        assert_eq!(gains.len(), 1);
        assert_eq!(gains[0].loudness.album_lufs, Some(-19.0));
        assert_eq!(store.analysis_shape("/m/a.flac", 0)?, Some((vec![1, 2], vec![3])));

        // Measured by an older program (its pitch frames of another kind): measured
        // again, its loudness kept in use meanwhile.
        store.conn.execute("UPDATE analysis SET features = 1", [])?;
        let state = store.analysis_state()?;
        assert!(!state.iter().any(|s| s.current), "{state:?}");
        assert_eq!(store.analysed_loudness()?.len(), 1);
        store
            .conn
            .execute("UPDATE analysis SET features = ?1", [FEATURES_VERSION])?;

        // The file is rewritten: what was measured no longer holds.
        store.write_scanned(root, &[scanned("/m/a.flac", 11, 5)])?;
        let state = store.analysis_state()?;
        let a = state.iter().find(|s| s.path == "/m/a.flac").ok_or("a")?;
        assert!(!a.current && a.album_tracks.is_none());
        assert!(store.analysed_loudness()?.is_empty());
        Ok(())
    }
}
