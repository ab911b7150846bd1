//! Roots, files and tracks.

use compact_str::CompactString;
use std::collections::HashMap;
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::{Row, params};

use super::{FileStamp, Result, Root, ScannedFile, Store, StoredTrack, TrackFields};

const TRACK_COLUMNS: &str = "title, artist, album_artist, album, disc, disc_total, track, track_total, \
     disc_subtitle, duration_ms, format, sample_rate, bit_depth, channels, composer, grouping, work, show, \
     series_tag, catalog, date, genre, compilation, rg_track_gain, rg_track_peak, rg_album_gain, rg_album_peak, \
     mb_recording_id, mb_release_id, has_lyrics, cover, cue_index, cue_start, cue_end, franchise";

impl Store {
    /// Runs a read query and collects its rows (into a Vec, a HashMap, …).
    pub(super) fn query<T, C: FromIterator<T>>(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
        row: impl FnMut(&Row<'_>) -> rusqlite::Result<T>,
    ) -> Result<C> {
        let collected = self
            .conn
            .prepare_cached(sql)
            .and_then(|mut stmt| stmt.query_map(params, row)?.collect());
        collected.map_err(|e| self.err(e))
    }

    /// Adds a library root (no-op when present); returns its id.
    pub fn add_root(&mut self, path: &str) -> Result<i64> {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs() as i64);
        self.conn
            .execute(
                "INSERT INTO roots (path, added_at) VALUES (?1, ?2) ON CONFLICT(path) DO NOTHING",
                params![path, now],
            )
            .map_err(|e| self.err(e))?;
        self.conn
            .query_row("SELECT id FROM roots WHERE path = ?1", [path], |r| r.get(0))
            .map_err(|e| self.err(e))
    }

    /// Forgets a root and everything found under it.
    pub fn remove_root(&mut self, path: &str) -> Result<bool> {
        let n = self
            .conn
            .execute("DELETE FROM roots WHERE path = ?1", [path])
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }

    pub fn roots(&self) -> Result<Vec<Root>> {
        self.query("SELECT id, path, available FROM roots ORDER BY path", [], |r| {
            Ok(Root {
                id: r.get(0)?,
                path: r.get(1)?,
                available: r.get(2)?,
            })
        })
    }

    /// Marks a root and all its files available or not, in one transaction. Nothing is
    /// deleted: an unmounted drive must not cost the user their library.
    pub fn set_root_available(&mut self, root_id: i64, available: bool) -> Result<()> {
        self.in_transaction(|tx| {
            // Only rows that change: an update, even to the same value, clears the
            // summary cache.
            tx.execute(
                "UPDATE roots SET available = ?2 WHERE id = ?1 AND available != ?2",
                params![root_id, available],
            )?;
            let files = tx.execute(
                "UPDATE files SET available = ?2 WHERE root_id = ?1 AND available != ?2",
                params![root_id, available],
            )?;
            if files > 0 {
                mark_changed(tx)?;
            }
            Ok(())
        })
    }

    /// Size and mtime of every file known under a root, by path.
    pub fn file_stamps(&self, root_id: i64) -> Result<HashMap<String, FileStamp>> {
        self.query(
            "SELECT id, path, size, mtime_ns, available FROM files WHERE root_id = ?1",
            [root_id],
            stamp_row,
        )
    }

    /// The stamps of root `root_id`'s files under the folders `prefixes` (each ending
    /// in the separator) or at the paths `exact`: a watcher's scan of a few folders
    /// reads their rows alone, through the path index, not a hundred thousand.
    pub fn file_stamps_under(
        &self,
        root_id: i64,
        prefixes: &[String],
        exact: &[String],
    ) -> Result<HashMap<String, FileStamp>> {
        let mut stamps = HashMap::new();
        for prefix in prefixes {
            // Paths starting with `prefix`: from it up to it with its last byte raised.
            let mut end = prefix.clone();
            let Some(last) = end.pop() else { continue };
            end.push(char::from_u32(last as u32 + 1).unwrap_or(char::MAX));
            let rows: Vec<(String, FileStamp)> = self.query(
                "SELECT id, path, size, mtime_ns, available FROM files
                 WHERE path >= ?1 AND path < ?2 AND root_id = ?3",
                params![prefix, end, root_id],
                stamp_row,
            )?;
            stamps.extend(rows);
        }
        for path in exact {
            let rows: Vec<(String, FileStamp)> = self.query(
                "SELECT id, path, size, mtime_ns, available FROM files WHERE path = ?1 AND root_id = ?2",
                params![path, root_id],
                stamp_row,
            )?;
            stamps.extend(rows);
        }
        Ok(stamps)
    }

    /// Writes a batch of scanned files in one transaction: each file's row is upserted
    /// and its tracks replaced.
    pub fn write_scanned(&mut self, root_id: i64, files: &[ScannedFile]) -> Result<()> {
        self.in_transaction(|tx| {
            let mut upsert = tx.prepare_cached(
                "INSERT INTO files (root_id, path, size, mtime_ns, available, error, added_at)
                 VALUES (?1, ?2, ?3, ?4, 1, ?5, unixepoch())
                 ON CONFLICT(path) DO UPDATE SET root_id = excluded.root_id, size = excluded.size,
                     mtime_ns = excluded.mtime_ns, available = 1, error = excluded.error
                 RETURNING id",
            )?;
            let mut clear = tx.prepare_cached("DELETE FROM tracks WHERE file_id = ?1")?;
            let mut insert = tx.prepare_cached(&format!(
                "INSERT INTO tracks (file_id, {TRACK_COLUMNS}) VALUES (?1, {})",
                (2..=36).map(|i| format!("?{i}")).collect::<Vec<_>>().join(", ")
            ))?;
            for file in files {
                let error = file.error.as_deref();
                let file_id: i64 = upsert.query_row(
                    params![root_id, file.path, file.size as i64, file.mtime_ns, error],
                    |r| r.get(0),
                )?;
                clear.execute([file_id])?;
                for t in &file.tracks {
                    insert.execute(params![
                        file_id,
                        t.title.as_deref(),
                        t.artist.as_deref(),
                        t.album_artist.as_deref(),
                        t.album.as_deref(),
                        t.disc,
                        t.disc_total,
                        t.track,
                        t.track_total,
                        t.disc_subtitle.as_deref(),
                        t.duration_ms.map(|d| d as i64),
                        t.format.as_str(),
                        t.sample_rate,
                        t.bit_depth,
                        t.channels,
                        t.composer.as_deref(),
                        t.grouping.as_deref(),
                        t.work.as_deref(),
                        t.show.as_deref(),
                        t.series_tag.as_deref(),
                        t.catalog.as_deref(),
                        t.date.as_deref(),
                        t.genre.as_deref(),
                        t.compilation,
                        t.rg_track_gain,
                        t.rg_track_peak,
                        t.rg_album_gain,
                        t.rg_album_peak,
                        t.mb_recording_id.as_deref(),
                        t.mb_release_id.as_deref(),
                        t.has_lyrics,
                        t.cover.as_deref(),
                        t.cue_index,
                        t.cue_start.map(|v| v as i64),
                        t.cue_end.map(|v| v as i64),
                        t.franchise.as_deref(),
                    ])?;
                }
            }
            if !files.is_empty() {
                mark_changed(tx)?;
            }
            Ok(())
        })
    }

    /// Removes files (deleted from disk) and their tracks, in one transaction.
    pub fn remove_files(&mut self, ids: &[i64]) -> Result<()> {
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare_cached("DELETE FROM files WHERE id = ?1")?;
            let mut deleted = 0;
            for id in ids {
                deleted += stmt.execute([id])?;
            }
            if deleted > 0 {
                mark_changed(tx)?;
            }
            Ok(())
        })
    }

    /// Marks single files available again (a root that came back).
    pub fn set_files_available(&mut self, ids: &[i64], available: bool) -> Result<()> {
        if ids.is_empty() {
            return Ok(());
        }
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare_cached("UPDATE files SET available = ?2 WHERE id = ?1 AND available != ?2")?;
            let mut changed = 0;
            for id in ids {
                changed += stmt.execute(params![id, available])?;
            }
            if changed > 0 {
                mark_changed(tx)?;
            }
            Ok(())
        })
    }

    /// Every track, with its file's path and availability, in path order. (Reading in
    /// two halves on two connections at once was measured: no faster, see
    /// docs/BENCHMARKS.md.)
    pub fn load_tracks(&self) -> Result<Vec<StoredTrack>> {
        self.load_tracks_as(|t| t)
    }

    /// `load_tracks`, each track made into a `T` as it is read (the library's own
    /// track), so the rows are never held twice.
    pub fn load_tracks_as<T>(&self, mut into: impl FnMut(StoredTrack) -> T) -> Result<Vec<T>> {
        if let Some(tracks) = self.read_snapshot_as(&mut into) {
            return Ok(tracks);
        }
        // The rows and their generation from one read transaction, then packed for
        // next time; a change landing in between leaves the packed copy unused.
        let read = || -> rusqlite::Result<(i64, Vec<StoredTrack>)> {
            // Inside a caller's transaction already, the read is consistent as it is.
            let tx = self.conn.unchecked_transaction().ok();
            let generation = self.generation()?;
            let tracks = self
                .conn
                .prepare_cached(&tracks_sql())?
                .query_map([], stored_track)?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            drop(tx);
            Ok((generation, tracks))
        };
        let (generation, tracks) = read().map_err(|e| self.err(e))?;
        let _ = self.write_snapshot(generation, &tracks);
        Ok(tracks.into_iter().map(into).collect())
    }

    /// Files that could not be read, with the reason.
    pub fn file_errors(&self) -> Result<Vec<(String, String)>> {
        self.query(
            "SELECT path, error FROM files WHERE error IS NOT NULL ORDER BY path",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    pub fn series_overrides(&self) -> Result<HashMap<String, String>> {
        self.query("SELECT album_key, series FROM series_overrides", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
    }

    /// The counts a scan reports, if nothing changed since they were stored.
    pub fn cached_counts(&self) -> Result<Option<(usize, usize, usize)>> {
        let rows: HashMap<String, i64> = self.query("SELECT key, value FROM summary_cache", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        let get = |k: &str| rows.get(k).map(|v| *v as usize);
        Ok(get("tracks")
            .zip(get("albums"))
            .zip(get("series"))
            .map(|((t, a), s)| (t, a, s)))
    }

    pub fn store_counts(&mut self, tracks: usize, albums: usize, series: usize) -> Result<()> {
        self.in_transaction(|tx| {
            let mut stmt = tx.prepare_cached("INSERT OR REPLACE INTO summary_cache (key, value) VALUES (?1, ?2)")?;
            for (k, v) in [("tracks", tracks), ("albums", albums), ("series", series)] {
                stmt.execute(params![k, v as i64])?;
            }
            Ok(())
        })
    }

    /// Sets (Some) or clears (None) the user's series for an album.
    pub fn set_series_override(&mut self, album_key: &str, series: Option<&str>) -> Result<()> {
        let result = match series {
            Some(s) => self.conn.execute(
                "INSERT INTO series_overrides (album_key, series) VALUES (?1, ?2)
                 ON CONFLICT(album_key) DO UPDATE SET series = excluded.series",
                params![album_key, s],
            ),
            None => self
                .conn
                .execute("DELETE FROM series_overrides WHERE album_key = ?1", [album_key]),
        };
        result.map(|_| ()).map_err(|e| self.err(e))
    }
}

fn tracks_sql() -> String {
    format!(
        "SELECT t.id, f.path, f.available, f.added_at, {} FROM tracks t JOIN files f ON f.id = t.file_id
         ORDER BY f.path, t.cue_index",
        TRACK_COLUMNS
            .split(", ")
            .map(|c| format!("t.{}", c.trim()))
            .collect::<Vec<_>>()
            .join(", ")
    )
}

fn stored_track(r: &Row<'_>) -> rusqlite::Result<StoredTrack> {
    Ok(StoredTrack {
        id: r.get(0)?,
        path: r.get(1)?,
        available: r.get(2)?,
        added_at: r.get(3)?,
        fields: fields_from_row(r, 4)?,
    })
}

fn fields_from_row(r: &Row<'_>, at: usize) -> rusqlite::Result<TrackFields> {
    let i = |k: usize| at + k;
    Ok(TrackFields {
        title: text(r, i(0))?,
        artist: text(r, i(1))?,
        album_artist: text(r, i(2))?,
        album: text(r, i(3))?,
        disc: r.get(i(4))?,
        disc_total: r.get(i(5))?,
        track: r.get(i(6))?,
        track_total: r.get(i(7))?,
        disc_subtitle: text(r, i(8))?,
        duration_ms: r.get::<_, Option<i64>>(i(9))?.map(|d| d as u64),
        format: text(r, i(10))?.unwrap_or_default(),
        sample_rate: r.get(i(11))?,
        bit_depth: r.get(i(12))?,
        channels: r.get(i(13))?,
        composer: text(r, i(14))?,
        grouping: text(r, i(15))?,
        work: text(r, i(16))?,
        show: text(r, i(17))?,
        series_tag: text(r, i(18))?,
        catalog: text(r, i(19))?,
        date: text(r, i(20))?,
        genre: text(r, i(21))?,
        compilation: r.get(i(22))?,
        rg_track_gain: r.get(i(23))?,
        rg_track_peak: r.get(i(24))?,
        rg_album_gain: r.get(i(25))?,
        rg_album_peak: r.get(i(26))?,
        mb_recording_id: text(r, i(27))?,
        mb_release_id: text(r, i(28))?,
        has_lyrics: r.get(i(29))?,
        cover: text(r, i(30))?,
        cue_index: r.get(i(31))?,
        cue_start: r.get::<_, Option<i64>>(i(32))?.map(|v| v as u64),
        cue_end: r.get::<_, Option<i64>>(i(33))?.map(|v| v as u64),
        franchise: text(r, i(34))?,
    })
}

/// A file's path and stamp from `SELECT id, path, size, mtime_ns, available`.
fn stamp_row(r: &Row<'_>) -> rusqlite::Result<(String, FileStamp)> {
    Ok((
        r.get::<_, String>(1)?,
        FileStamp {
            id: r.get(0)?,
            size: r.get::<_, i64>(2)? as u64,
            mtime_ns: r.get(3)?,
            available: r.get(4)?,
        },
    ))
}

/// Files or tracks changed in this transaction: the packed snapshot and the cached
/// counts no longer hold (once per transaction, not per row: see migration 009).
pub(super) fn mark_changed(tx: &rusqlite::Transaction<'_>) -> rusqlite::Result<()> {
    tx.execute_batch("UPDATE library_generation SET n = n + 1; DELETE FROM summary_cache;")
}

/// A text column as a `CompactString` (most tag values fit inline, no allocation).
fn text(r: &Row<'_>, at: usize) -> rusqlite::Result<Option<CompactString>> {
    Ok(r.get_ref(at)?.as_str_or_null()?.map(CompactString::from))
}
