//! The library's rows packed into one blob (postcard), so a 100k-track library loads
//! without stepping 100k rows. Valid only at the generation it was packed at: every
//! transaction that changes files or tracks moves the generation on (migration 009).

use super::{Store, StoredTrack};

/// Bumped whenever `StoredTrack`'s shape changes: older blobs are then ignored.
const FORMAT: i64 = 2;

impl Store {
    /// The packed rows, if they are current.
    pub(super) fn read_snapshot(&self) -> Option<Vec<StoredTrack>> {
        self.conn
            .query_row(
                "SELECT s.data FROM track_snapshot s JOIN library_generation g ON s.generation = g.n
                 WHERE s.format = ?1",
                [FORMAT],
                |r| Ok(postcard::from_bytes::<Vec<StoredTrack>>(r.get_ref(0)?.as_blob()?).ok()),
            )
            .ok()
            .flatten()
    }

    pub(super) fn generation(&self) -> rusqlite::Result<i64> {
        self.conn
            .query_row("SELECT n FROM library_generation", [], |r| r.get(0))
    }

    /// Packs `tracks`, read at `generation`. Failing to (a read-only database) only
    /// costs speed, so the caller may ignore the error.
    pub(super) fn write_snapshot(&self, generation: i64, tracks: &[StoredTrack]) -> rusqlite::Result<()> {
        let data = postcard::to_stdvec(tracks).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))?;
        self.conn.execute(
            "INSERT OR REPLACE INTO track_snapshot (id, format, generation, data) VALUES (1, ?1, ?2, ?3)",
            rusqlite::params![FORMAT, generation, data],
        )?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{ScannedFile, TrackFields};

    fn file(path: &str, title: &str) -> ScannedFile {
        ScannedFile {
            path: path.into(),
            size: 1,
            mtime_ns: 1,
            tracks: vec![TrackFields {
                title: Some(title.into()),
                format: "FLAC".into(),
                ..TrackFields::default()
            }],
            error: None,
        }
    }

    fn titles(store: &Store) -> Vec<String> {
        let tracks = store.load_tracks().expect("load");
        tracks.into_iter().filter_map(|t| t.fields.title).collect()
    }

    #[test]
    fn the_packed_rows_are_used_only_while_current() -> crate::store::Result<()> {
        let mut store = Store::open_in_memory()?;
        let root = store.add_root("/music")?;
        store.write_scanned(root, &[file("/music/a.flac", "A"), file("/music/b.flac", "B")])?;
        assert!(store.read_snapshot().is_none());
        assert_eq!(titles(&store), ["A", "B"]);
        let packed = store.read_snapshot().expect("packed by the load");
        assert_eq!(packed.len(), 2);

        // A rescan changes a title, adds and removes files: the packed copy is stale.
        store.write_scanned(root, &[file("/music/b.flac", "B2"), file("/music/c.flac", "C")])?;
        assert!(store.read_snapshot().is_none());
        assert_eq!(titles(&store), ["A", "B2", "C"]);
        let ids: Vec<i64> = store
            .file_stamps(root)?
            .values()
            .filter(|s| s.size == 1)
            .map(|s| s.id)
            .take(1)
            .collect();
        store.remove_files(&ids)?;
        assert!(store.read_snapshot().is_none());
        assert_eq!(titles(&store).len(), 2);
        // Availability is part of what is packed.
        store.set_root_available(root, false)?;
        assert!(store.load_tracks()?.iter().all(|t| !t.available));
        Ok(())
    }

    #[test]
    fn another_format_is_ignored() -> crate::store::Result<()> {
        let mut store = Store::open_in_memory()?;
        let root = store.add_root("/music")?;
        store.write_scanned(root, &[file("/music/a.flac", "A")])?;
        let _ = store.load_tracks()?;
        store
            .conn
            .execute("UPDATE track_snapshot SET format = format + 1", [])
            .map_err(|e| store.err(e))?;
        assert!(store.read_snapshot().is_none());
        store
            .conn
            .execute("UPDATE track_snapshot SET format = ?1, data = x'ff00'", [FORMAT])
            .map_err(|e| store.err(e))?;
        assert!(store.read_snapshot().is_none(), "an undecodable blob is ignored");
        assert_eq!(titles(&store), ["A"]);
        Ok(())
    }
}
