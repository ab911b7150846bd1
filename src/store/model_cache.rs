//! The library's grouping, kept between launches (migration 010). The store only keeps
//! the bytes under their key; the library decides what they hold and when they fit.

use rusqlite::OptionalExtension;

use super::{Result, Store, StoredTrack};

impl Store {
    /// Every track as `load_tracks_as` gives them, with the generation they were read
    /// at, or `None` when a write landed while they were read (then nothing built from
    /// them should be kept under a generation).
    pub fn load_tracks_at<T>(&self, into: impl FnMut(StoredTrack) -> T) -> Result<(Option<i64>, Vec<T>)> {
        let before = self.generation().map_err(|e| self.err(e))?;
        let tracks = self.load_tracks_as(into)?;
        let after = self.generation().map_err(|e| self.err(e))?;
        Ok(((before == after).then_some(before), tracks))
    }

    /// The grouping stored under `key`, if that is the key it was stored under.
    pub fn model_cache(&self, key: &[u8]) -> Option<Vec<u8>> {
        self.conn
            .query_row("SELECT data FROM model_cache WHERE id = 1 AND key = ?1", [key], |r| {
                r.get::<_, Vec<u8>>(0)
            })
            .optional()
            .ok()
            .flatten()
    }

    /// Keeps `data` under `key`, replacing what was there. Failing to (a read-only
    /// database) only costs the next launch its speed.
    pub fn set_model_cache(&self, key: &[u8], data: &[u8]) -> Result<()> {
        self.conn
            .execute(
                "INSERT OR REPLACE INTO model_cache (id, key, data) VALUES (1, ?1, ?2)",
                rusqlite::params![key, data],
            )
            .map(|_| ())
            .map_err(|e| self.err(e))
    }
}
