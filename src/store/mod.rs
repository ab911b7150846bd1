//! SQLite: the only place with SQL. WAL, foreign keys on, every write one transaction.

mod analysis;
mod curation;
mod error;
mod history;
mod library_rows;
mod migrations;
mod model_cache;
mod moves;
mod notes;
mod playlists;
mod records;
mod snapshot;
mod worker;

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;

pub use analysis::{AnalysedLoudness, AnalysedRow, AnalysisKey, AnalysisState, TrackAnalysisRow};
pub use curation::{Curation, CurationKind};
pub use error::{Result, StoreError};
pub use history::{Favourite, FavouriteKind, HistoryExport, Listened, track_key};
pub use migrations::LATEST as SCHEMA_VERSION;
pub use notes::{Character, Cue, Label, Role, Scene, SeriesNotes, TrackRef, parse_cue_time};
pub use playlists::{PlaylistItem, PlaylistSummary};
pub use records::{FileStamp, Root, ScannedFile, StoredTrack, TrackFields};
pub use worker::StoreWorker;

pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Opens (creating and migrating) the database at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        crate::io_guard::check("opening the database");
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|source| StoreError::DataDir {
                path: dir.to_path_buf(),
                source,
            })?;
        }
        let sqlite = |source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let mut conn = Connection::open(path).map_err(sqlite)?;
        configure(&conn).map_err(sqlite)?;
        migrations::migrate(&mut conn, Some(path))?;
        Ok(Self {
            conn,
            path: path.to_path_buf(),
        })
    }

    /// A private database in memory (tests).
    pub fn open_in_memory() -> Result<Self> {
        let sqlite = |source| StoreError::Sqlite {
            path: PathBuf::from(":memory:"),
            source,
        };
        let mut conn = Connection::open_in_memory().map_err(sqlite)?;
        configure(&conn).map_err(sqlite)?;
        migrations::migrate(&mut conn, None)?;
        Ok(Self {
            conn,
            path: PathBuf::from(":memory:"),
        })
    }

    fn err(&self, source: rusqlite::Error) -> StoreError {
        StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Runs `f` in one transaction: all of it is written, or none of it.
    pub(crate) fn in_transaction<R>(
        &mut self,
        f: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<R>,
    ) -> Result<R> {
        let path = &self.path;
        let err = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let tx = self.conn.transaction().map_err(err)?;
        let value = f(&tx).map_err(err)?;
        tx.commit().map_err(err)?;
        Ok(value)
    }
}

fn configure(conn: &Connection) -> rusqlite::Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "journal_mode", "WAL")?;
    // NORMAL is durable across application crashes in WAL mode; only a power cut can
    // lose the last commits, never corrupt the file.
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    // Reads straight from the page cache instead of copying every page through pread.
    conn.pragma_update(None, "mmap_size", 1i64 << 30)?;
    conn.pragma_update(None, "cache_size", -32_768)?;
    Ok(())
}
