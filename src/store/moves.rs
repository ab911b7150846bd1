//! A file found under another name or folder keeps its identity: the row the library
//! knew it by, its track ids, and everything that names it by path.

use rusqlite::{OptionalExtension, Transaction, params};

use super::history::track_key;
use super::library_rows::mark_changed;
use super::{Result, Store};

impl Store {
    /// The library's generation: it moves whenever files or tracks change.
    pub fn library_generation(&self) -> Result<i64> {
        self.generation().map_err(|e| self.err(e))
    }

    /// Files found moved, (old path, new path), both already written by the scan that
    /// found them: the new path takes over the old file's row and track ids (its tracks
    /// keep the rows just read, since a folder's name can be what names an album), and
    /// playlists, history, favourites and measurements follow it.
    pub fn follow_moves(&mut self, moves: &[(String, String)]) -> Result<()> {
        if moves.is_empty() {
            return Ok(());
        }
        self.in_transaction(|tx| {
            for (old, new) in moves {
                follow(tx, old, new)?;
            }
            mark_changed(tx)
        })
    }
}

fn follow(tx: &Transaction<'_>, old: &str, new: &str) -> rusqlite::Result<()> {
    let id = |path: &str| -> rusqlite::Result<Option<i64>> {
        tx.query_row("SELECT id FROM files WHERE path = ?1", [path], |r| r.get(0))
            .optional()
    };
    let (Some(old_id), Some(new_id)) = (id(old)?, id(new)?) else {
        return Ok(());
    };
    let tracks_of = |file: i64| -> rusqlite::Result<Vec<(i64, u32)>> {
        let mut stmt = tx.prepare_cached("SELECT id, cue_index FROM tracks WHERE file_id = ?1")?;
        stmt.query_map([file], |r| Ok((r.get(0)?, r.get(1)?)))?.collect()
    };
    let before = tracks_of(old_id)?;
    let after = tracks_of(new_id)?;
    tx.execute("DELETE FROM tracks WHERE file_id = ?1", [old_id])?;
    for (fresh, cue_index) in &after {
        let kept = before
            .iter()
            .find(|(_, c)| c == cue_index)
            .map_or(*fresh, |(id, _)| *id);
        tx.execute(
            "UPDATE tracks SET id = ?2, file_id = ?3 WHERE id = ?1",
            params![fresh, kept, old_id],
        )?;
    }
    // The old row takes the new one's place (the path is unique: the new row goes first).
    let (root_id, size, mtime_ns, error): (i64, i64, i64, Option<String>) = tx.query_row(
        "SELECT root_id, size, mtime_ns, error FROM files WHERE id = ?1",
        [new_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
    )?;
    tx.execute("DELETE FROM files WHERE id = ?1", [new_id])?;
    tx.execute(
        "UPDATE files SET path = ?2, root_id = ?3, size = ?4, mtime_ns = ?5, error = ?6, available = 1
         WHERE id = ?1",
        params![old_id, new, root_id, size, mtime_ns, error],
    )?;
    tx.execute("UPDATE playlist_items SET path = ?2 WHERE path = ?1", [old, new])?;
    // Whatever the new path already has (a file that was there before) stays its own.
    for table in ["listening", "analysis", "analysis_shape"] {
        tx.execute(
            &format!("UPDATE OR IGNORE {table} SET path = ?2 WHERE path = ?1"),
            [old, new],
        )?;
    }
    for (_, cue_index) in &before {
        tx.execute(
            "UPDATE OR IGNORE favourites SET key = ?2 WHERE kind = 'track' AND key = ?1",
            [track_key(old, *cue_index), track_key(new, *cue_index)],
        )?;
    }
    Ok(())
}
