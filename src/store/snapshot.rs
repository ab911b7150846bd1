//! The library's rows packed into one blob (postcard), so a 100k-track library loads
//! without stepping 100k rows. Valid only at the generation it was packed at: every
//! transaction that changes files or tracks moves the generation on (migration 009).

use std::fmt;
use std::marker::PhantomData;

use serde::de::{DeserializeSeed, Deserializer, SeqAccess, Visitor};

use super::{Store, StoredTrack};

/// Bumped whenever `StoredTrack`'s shape changes: older blobs are then ignored.
const FORMAT: i64 = 3;

impl Store {
    /// The packed rows, if they are current.
    #[cfg(test)]
    pub(super) fn read_snapshot(&self) -> Option<Vec<StoredTrack>> {
        self.read_snapshot_as(|t| t)
    }

    /// The packed rows, each made into a `T` as it is decoded, if they are current. At
    /// 100k tracks this never holds all the rows twice (decoded, then converted) nor a
    /// vector grown by doubling: the window's peak memory is the library's own.
    pub(super) fn read_snapshot_as<T>(&self, into: impl FnMut(StoredTrack) -> T) -> Option<Vec<T>> {
        self.conn
            .query_row(
                "SELECT s.data FROM track_snapshot s JOIN library_generation g ON s.generation = g.n
                 WHERE s.format = ?1",
                [FORMAT],
                |r| {
                    let blob = r.get_ref(0)?.as_blob()?;
                    let seed = MapSeq {
                        into,
                        // Each row takes at least a byte: a damaged length can't reserve more.
                        most: blob.len(),
                        out: PhantomData,
                    };
                    Ok(seed.deserialize(&mut postcard::Deserializer::from_bytes(blob)).ok())
                },
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

/// Decodes a sequence of rows straight into `T`s, in a vector reserved once.
struct MapSeq<F, T> {
    into: F,
    most: usize,
    out: PhantomData<T>,
}

impl<'de, F: FnMut(StoredTrack) -> T, T> DeserializeSeed<'de> for MapSeq<F, T> {
    type Value = Vec<T>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Vec<T>, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de, F: FnMut(StoredTrack) -> T, T> Visitor<'de> for MapSeq<F, T> {
    type Value = Vec<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence of tracks")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Vec<T>, A::Error> {
        let mut out = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(self.most));
        while let Some(row) = seq.next_element::<StoredTrack>()? {
            out.push((self.into)(row));
        }
        Ok(out)
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
        tracks
            .into_iter()
            .filter_map(|t| t.fields.title.map(String::from))
            .collect()
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
