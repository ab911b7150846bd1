//! Schema migrations: numbered SQL files kept in the repo, applied in one transaction
//! each, the version in `PRAGMA user_version`. A database from a newer build is refused
//! untouched; an older one is copied aside before it is upgraded.

use std::path::Path;

use rusqlite::Connection;

use super::error::{Result, StoreError};

const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_library.sql"),
    include_str!("migrations/002_annotations.sql"),
    include_str!("migrations/003_summary_cache.sql"),
    include_str!("migrations/004_playlists.sql"),
    include_str!("migrations/005_track_snapshot.sql"),
    include_str!("migrations/006_franchise.sql"),
    include_str!("migrations/007_track_identity.sql"),
    include_str!("migrations/008_curation.sql"),
    include_str!("migrations/009_statement_marks.sql"),
    include_str!("migrations/010_model_cache.sql"),
    include_str!("migrations/011_analysis.sql"),
    include_str!("migrations/012_timed_cues.sql"),
    include_str!("migrations/013_melody_features.sql"),
    include_str!("migrations/014_listening_history.sql"),
    include_str!("migrations/015_added_at.sql"),
    include_str!("migrations/016_smart_playlists.sql"),
];

pub const LATEST: i64 = MIGRATIONS.len() as i64;

pub fn current_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// Brings the schema to [`LATEST`]. `path` is the database file (None in memory).
pub fn migrate(conn: &mut Connection, path: Option<&Path>) -> Result<()> {
    let sqlite = |source| StoreError::Sqlite {
        path: path.map(Path::to_path_buf).unwrap_or_default(),
        source,
    };
    let version = current_version(conn).map_err(sqlite)?;
    if version > LATEST {
        return Err(StoreError::TooNew {
            path: path.map(Path::to_path_buf).unwrap_or_default(),
            found: version,
            known: LATEST,
        });
    }
    if version == LATEST {
        return Ok(());
    }
    if let Some(path) = path.filter(|_| version > 0) {
        backup(conn, path, version)?;
    }
    for (index, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
        let tx = conn.transaction().map_err(sqlite)?;
        tx.execute_batch(sql).map_err(sqlite)?;
        tx.pragma_update(None, "user_version", index as i64 + 1)
            .map_err(sqlite)?;
        tx.commit().map_err(sqlite)?;
    }
    Ok(())
}

/// A consistent copy (VACUUM INTO, so WAL content is included) beside the database.
fn backup(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let target = path.with_extension(format!("v{version}.bak"));
    if target.exists() {
        std::fs::remove_file(&target).map_err(|source| StoreError::Backup {
            path: path.to_path_buf(),
            source,
        })?;
    }
    conn.execute("VACUUM INTO ?1", [target.to_string_lossy()])
        .map_err(|source| StoreError::Sqlite {
            path: path.to_path_buf(),
            source,
        })?;
    Ok(())
}
