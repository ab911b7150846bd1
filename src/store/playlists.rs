//! User playlists: named, ordered lists of files. Every change is one transaction.

use rusqlite::{OptionalExtension, params};

use super::{Result, Store, StoreError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaylistItem {
    pub path: String,
    /// A CUE track's range inside its image, in milliseconds.
    pub start_ms: Option<u64>,
    pub end_ms: Option<u64>,
}

impl PlaylistItem {
    pub fn file(path: impl Into<String>) -> Self {
        Self {
            path: path.into(),
            start_ms: None,
            end_ms: None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaylistSummary {
    pub name: String,
    pub items: usize,
}

impl Store {
    pub fn playlists(&self) -> Result<Vec<PlaylistSummary>> {
        self.query(
            "SELECT p.name, count(i.position) FROM playlists p LEFT JOIN playlist_items i ON i.playlist_id = p.id \
             GROUP BY p.id ORDER BY p.name COLLATE NOCASE",
            [],
            |r| {
                Ok(PlaylistSummary {
                    name: r.get(0)?,
                    items: r.get::<_, i64>(1)? as usize,
                })
            },
        )
    }

    /// The items of playlist `name`; `None` when there is no such playlist.
    pub fn playlist(&self, name: &str) -> Result<Option<Vec<PlaylistItem>>> {
        let id: Option<i64> = self
            .conn
            .query_row("SELECT id FROM playlists WHERE name = ?1", [name], |r| r.get(0))
            .optional()
            .map_err(|e| self.err(e))?;
        let Some(id) = id else { return Ok(None) };
        let items = self.query(
            "SELECT path, start_ms, end_ms FROM playlist_items WHERE playlist_id = ?1 ORDER BY position",
            [id],
            |r| {
                Ok(PlaylistItem {
                    path: r.get(0)?,
                    start_ms: r.get::<_, Option<i64>>(1)?.map(|v| v as u64),
                    end_ms: r.get::<_, Option<i64>>(2)?.map(|v| v as u64),
                })
            },
        )?;
        Ok(Some(items))
    }

    /// Creates playlist `name`, or replaces its items, with `items`.
    pub fn save_playlist(&mut self, name: &str, items: &[PlaylistItem]) -> Result<()> {
        self.in_transaction(|tx| {
            tx.execute("INSERT INTO playlists (name) VALUES (?1) ON CONFLICT (name) DO NOTHING", [name])?;
            let id: i64 = tx.query_row("SELECT id FROM playlists WHERE name = ?1", [name], |r| r.get(0))?;
            tx.execute("DELETE FROM playlist_items WHERE playlist_id = ?1", [id])?;
            let mut insert = tx.prepare_cached(
                "INSERT INTO playlist_items (playlist_id, position, path, start_ms, end_ms) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            for (i, item) in items.iter().enumerate() {
                insert.execute(params![
                    id,
                    i as i64,
                    item.path,
                    item.start_ms.map(|v| v as i64),
                    item.end_ms.map(|v| v as i64)
                ])?;
            }
            Ok(())
        })
    }

    /// Adds items at the end of playlist `name` (created if needed).
    pub fn append_to_playlist(&mut self, name: &str, items: &[PlaylistItem]) -> Result<()> {
        let mut all = self.playlist(name)?.unwrap_or_default();
        all.extend_from_slice(items);
        self.save_playlist(name, &all)
    }

    pub fn rename_playlist(&mut self, from: &str, to: &str) -> Result<bool> {
        let n = self
            .conn
            .execute("UPDATE playlists SET name = ?2 WHERE name = ?1", params![from, to])
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(f, _) if f.code == rusqlite::ErrorCode::ConstraintViolation => {
                    StoreError::Conflict(format!("a playlist named {to:?} exists already"))
                }
                e => self.err(e),
            })?;
        Ok(n > 0)
    }

    pub fn delete_playlist(&mut self, name: &str) -> Result<bool> {
        let n = self
            .conn
            .execute("DELETE FROM playlists WHERE name = ?1", [name])
            .map_err(|e| self.err(e))?;
        Ok(n > 0)
    }
}

impl Store {
    /// Saved smart playlists: (name, query), by name.
    pub fn smart_playlists(&self) -> Result<Vec<(String, String)>> {
        self.query(
            "SELECT name, query FROM smart_playlists ORDER BY name COLLATE NOCASE",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
    }

    /// Saves (or replaces) smart playlist `name`.
    pub fn save_smart_playlist(&mut self, name: &str, query: &str) -> Result<()> {
        self.in_transaction(|tx| {
            tx.execute(
                "INSERT INTO smart_playlists (name, query) VALUES (?1, ?2)
                 ON CONFLICT (name) DO UPDATE SET query = excluded.query",
                params![name, query],
            )
            .map(|_| ())
        })
    }

    /// Renames smart playlist `from` to `to`; false when `to` is taken or `from` is not
    /// there (nothing changes).
    pub fn rename_smart_playlist(&mut self, from: &str, to: &str) -> Result<bool> {
        self.in_transaction(|tx| {
            let taken: bool = tx.query_row(
                "SELECT EXISTS (SELECT 1 FROM smart_playlists WHERE name = ?1)",
                [to],
                |r| r.get(0),
            )?;
            if taken {
                return Ok(false);
            }
            Ok(tx.execute("UPDATE smart_playlists SET name = ?2 WHERE name = ?1", [from, to])? == 1)
        })
    }

    pub fn delete_smart_playlist(&mut self, name: &str) -> Result<()> {
        self.in_transaction(|tx| {
            tx.execute("DELETE FROM smart_playlists WHERE name = ?1", [name])
                .map(|_| ())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn playlists_save_rename_append_delete() -> std::result::Result<(), Box<dyn std::error::Error>> {
        let mut store = Store::open_in_memory()?;
        store.save_playlist(
            "Night drive",
            &[PlaylistItem::file("/m/a.flac"), PlaylistItem::file("/m/b.flac")],
        )?;
        store.save_playlist("밤", &[])?;
        assert_eq!(
            store.playlists()?,
            [
                PlaylistSummary {
                    name: "Night drive".into(),
                    items: 2
                },
                PlaylistSummary {
                    name: "밤".into(),
                    items: 0
                }
            ]
        );
        store.append_to_playlist("Night drive", &[PlaylistItem::file("/m/c.flac")])?;
        assert!(store.rename_playlist("Night drive", "Drive")?);
        assert!(matches!(
            store.rename_playlist("Drive", "밤"),
            Err(StoreError::Conflict(_))
        ));
        let items = store.playlist("Drive")?.ok_or("gone")?;
        assert_eq!(
            items.iter().map(|i| i.path.as_str()).collect::<Vec<_>>(),
            ["/m/a.flac", "/m/b.flac", "/m/c.flac"]
        );
        assert!(store.delete_playlist("Drive")?);
        assert_eq!(store.playlist("Drive")?, None);
        Ok(())
    }
}
