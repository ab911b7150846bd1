//! Listening history (plays, skips, first and last played) and favourites. Each play
//! or skip is its own transaction, written the moment it counts, so a crash loses at
//! most the play in flight.

use rusqlite::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::{Result, Store};

/// One track's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Listened {
    pub path: String,
    #[serde(default)]
    pub cue_index: u32,
    /// The audio key (follows a move); absent when the file could not be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<String>,
    #[serde(default)]
    pub plays: u32,
    #[serde(default)]
    pub skips: u32,
    /// Unix seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_played: Option<i64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_played: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FavouriteKind {
    Track,
    Album,
    Series,
}

impl FavouriteKind {
    fn as_str(self) -> &'static str {
        match self {
            FavouriteKind::Track => "track",
            FavouriteKind::Album => "album",
            FavouriteKind::Series => "series",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        [Self::Track, Self::Album, Self::Series]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// A favourite: a track ("cue_index path", see `track_key`), an album (its key) or a
/// series (its name).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Favourite {
    pub kind: FavouriteKind,
    pub key: String,
    /// Unix seconds.
    #[serde(default)]
    pub added_at: i64,
}

/// A track's key among favourites.
pub fn track_key(path: &str, cue_index: u32) -> String {
    format!("{cue_index} {path}")
}

/// What `history export` writes and `history import` reads.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct HistoryExport {
    pub format: u32,
    #[serde(default)]
    pub tracks: Vec<Listened>,
    #[serde(default)]
    pub favourites: Vec<Favourite>,
}

impl Store {
    /// A play of the track counted at `now`; `audio` is kept when known.
    pub fn record_play(&mut self, path: &str, cue_index: u32, audio: Option<&str>, now: i64) -> Result<()> {
        self.record(path, cue_index, audio, now, true)
    }

    /// The track was left before it counted as played.
    pub fn record_skip(&mut self, path: &str, cue_index: u32, audio: Option<&str>, now: i64) -> Result<()> {
        self.record(path, cue_index, audio, now, false)
    }

    fn record(&mut self, path: &str, cue: u32, audio: Option<&str>, now: i64, play: bool) -> Result<()> {
        self.in_transaction(|tx| {
            tx.execute(
                "INSERT INTO listening (path, cue_index, audio, plays, skips, first_played, last_played)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
                 ON CONFLICT (path, cue_index) DO UPDATE SET
                   audio = coalesce(excluded.audio, audio),
                   plays = plays + excluded.plays,
                   skips = skips + excluded.skips,
                   first_played = CASE WHEN excluded.plays > 0 THEN coalesce(first_played, excluded.first_played) ELSE first_played END,
                   last_played = CASE WHEN excluded.plays > 0 THEN excluded.last_played ELSE last_played END",
                params![
                    path,
                    cue,
                    audio,
                    i64::from(play),
                    i64::from(!play),
                    play.then_some(now)
                ],
            )?;
            Ok(())
        })
    }

    /// Every track's history.
    pub fn listening(&self) -> Result<Vec<Listened>> {
        self.query(
            "SELECT path, cue_index, audio, plays, skips, first_played, last_played FROM listening ORDER BY path, cue_index",
            [],
            |r| {
                Ok(Listened {
                    path: r.get(0)?,
                    cue_index: r.get(1)?,
                    audio: r.get(2)?,
                    plays: r.get(3)?,
                    skips: r.get(4)?,
                    first_played: r.get(5)?,
                    last_played: r.get(6)?,
                })
            },
        )
    }

    /// A track's history follows it to `to` (a move or rename found by its audio).
    pub fn move_listening(&mut self, from: (&str, u32), to: (&str, u32)) -> Result<()> {
        self.in_transaction(|tx| {
            let taken: Option<i64> = tx
                .query_row(
                    "SELECT 1 FROM listening WHERE path = ?1 AND cue_index = ?2",
                    params![to.0, to.1],
                    |r| r.get(0),
                )
                .optional()?;
            if taken.is_none() {
                tx.execute(
                    "UPDATE listening SET path = ?3, cue_index = ?4 WHERE path = ?1 AND cue_index = ?2",
                    params![from.0, from.1, to.0, to.1],
                )?;
                tx.execute(
                    "UPDATE favourites SET key = ?2 WHERE kind = 'track' AND key = ?1",
                    params![track_key(from.0, from.1), track_key(to.0, to.1)],
                )?;
            }
            Ok(())
        })
    }

    pub fn favourites(&self) -> Result<Vec<Favourite>> {
        let rows: Vec<(String, String, i64)> = self.query(
            "SELECT kind, key, added_at FROM favourites ORDER BY added_at, kind, key",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(rows
            .into_iter()
            .filter_map(|(kind, key, added_at)| {
                Some(Favourite {
                    kind: FavouriteKind::parse(&kind)?,
                    key,
                    added_at,
                })
            })
            .collect())
    }

    /// Marks or unmarks a favourite.
    pub fn set_favourite(&mut self, kind: FavouriteKind, key: &str, on: bool, now: i64) -> Result<()> {
        self.in_transaction(|tx| {
            if on {
                tx.execute(
                    "INSERT OR IGNORE INTO favourites (kind, key, added_at) VALUES (?1, ?2, ?3)",
                    params![kind.as_str(), key, now],
                )?;
            } else {
                tx.execute(
                    "DELETE FROM favourites WHERE kind = ?1 AND key = ?2",
                    params![kind.as_str(), key],
                )?;
            }
            Ok(())
        })
    }

    /// Everything, for `history export`.
    pub fn export_history(&self) -> Result<HistoryExport> {
        Ok(HistoryExport {
            format: 1,
            tracks: self.listening()?,
            favourites: self.favourites()?,
        })
    }

    /// Takes in an export, all or nothing: a track's counts become the larger of the
    /// two (an import twice counts nothing twice), its first play the earlier and its
    /// last the later; favourites are added. Returns (tracks, favourites) taken.
    pub fn import_history(&mut self, export: &HistoryExport) -> Result<(usize, usize)> {
        self.in_transaction(|tx| {
            let mut upsert = tx.prepare(
                "INSERT INTO listening (path, cue_index, audio, plays, skips, first_played, last_played)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (path, cue_index) DO UPDATE SET
                   audio = coalesce(audio, excluded.audio),
                   plays = max(plays, excluded.plays),
                   skips = max(skips, excluded.skips),
                   first_played = CASE WHEN first_played IS NULL THEN excluded.first_played
                                       WHEN excluded.first_played IS NULL THEN first_played
                                       ELSE min(first_played, excluded.first_played) END,
                   last_played = max(coalesce(last_played, excluded.last_played), coalesce(excluded.last_played, last_played))",
            )?;
            for t in &export.tracks {
                upsert.execute(params![
                    t.path,
                    t.cue_index,
                    t.audio,
                    t.plays,
                    t.skips,
                    t.first_played,
                    t.last_played
                ])?;
            }
            let mut favourite =
                tx.prepare("INSERT OR IGNORE INTO favourites (kind, key, added_at) VALUES (?1, ?2, ?3)")?;
            for f in &export.favourites {
                favourite.execute(params![f.kind.as_str(), f.key, f.added_at])?;
            }
            Ok((export.tracks.len(), export.favourites.len()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plays_and_skips_count_and_imports_take_the_larger() -> Result<()> {
        let mut s = Store::open_in_memory()?;
        s.record_skip("/m/a.flac", 0, None, 100)?;
        s.record_play("/m/a.flac", 0, Some("md5:1"), 200)?;
        s.record_play("/m/a.flac", 0, None, 300)?;
        let a = &s.listening()?[0];
        assert_eq!(
            (a.plays, a.skips, a.first_played, a.last_played),
            (2, 1, Some(200), Some(300))
        );
        assert_eq!(
            a.audio.as_deref(),
            Some("md5:1"),
            "a later play without the key keeps it"
        );
        s.set_favourite(FavouriteKind::Track, &track_key("/m/a.flac", 0), true, 5)?;
        s.set_favourite(FavouriteKind::Series, "Secret Garden", true, 6)?;
        s.set_favourite(FavouriteKind::Series, "Secret Garden", false, 7)?;
        let export = s.export_history()?;
        assert_eq!(export.favourites.len(), 1);

        let mut other = Store::open_in_memory()?;
        other.record_play("/m/a.flac", 0, None, 50)?;
        for _ in 0..2 {
            other.import_history(&export)?;
        }
        let a = &other.listening()?[0];
        assert_eq!(
            (a.plays, a.skips, a.first_played, a.last_played),
            (2, 1, Some(50), Some(300))
        );
        assert_eq!(other.favourites()?, export.favourites);

        other.move_listening(("/m/a.flac", 0), ("/m/new/a.flac", 0))?;
        assert_eq!(other.listening()?[0].path, "/m/new/a.flac");
        assert_eq!(other.favourites()?[0].key, track_key("/m/new/a.flac", 0));
        Ok(())
    }
}
