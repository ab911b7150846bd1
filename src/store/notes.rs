//! A series' notes: characters with their leitmotif tracks, scenes, moods,
//! instruments and the spoiler guard. Read whole and written whole: each edit replaces
//! the series' notes in one transaction, so no edit is ever half applied.

use rusqlite::types::Value;
use rusqlite::{Transaction, params, params_from_iter};
use serde::{Deserialize, Serialize};

use super::{Result, Store};

/// How notes name a track, portable across libraries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct TrackRef {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mbid: Option<String>,
    pub album: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disc: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<u32>,
    pub title: String,
    /// Tells apart same-titled tracks of same-titled albums ("Victory" by two artists).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub album_artist: Option<String>,
    /// Length in milliseconds; sheets write it as `length = "3:35.120"`.
    #[serde(default, rename = "length", skip_serializing_if = "Option::is_none", with = "length")]
    pub length_ms: Option<u64>,
    /// The audio key (`library::identity`): survives moves and re-tags. Kept in the
    /// database only; a sheet is shared with libraries whose files differ.
    #[serde(skip)]
    pub audio: Option<String>,
    /// A timed cue: where in the track it is meant (`at = "2:13"`), to where
    /// (`until = "2:41"`), and how (`note = "erhu, slower"`). None: the whole track.
    #[serde(default, rename = "at", skip_serializing_if = "Option::is_none", with = "cue_time")]
    pub at_ms: Option<u64>,
    #[serde(
        default,
        rename = "until",
        skip_serializing_if = "Option::is_none",
        with = "cue_time"
    )]
    pub until_ms: Option<u64>,
    #[serde(default, rename = "note", skip_serializing_if = "Option::is_none")]
    pub cue_note: Option<String>,
}

impl TrackRef {
    /// The same track with another cue (or none).
    pub fn with_cue(self, cue: &Cue) -> TrackRef {
        TrackRef {
            at_ms: cue.at_ms,
            until_ms: cue.until_ms,
            cue_note: cue.note.clone(),
            ..self
        }
    }

    pub fn cue(&self) -> Cue {
        Cue {
            at_ms: self.at_ms,
            until_ms: self.until_ms,
            note: self.cue_note.clone(),
        }
    }
}

/// "2:13" or "2:13.500" → milliseconds, as sheets and the cue form write times.
pub fn parse_cue_time(text: &str) -> Option<u64> {
    length::parse(text)
}

/// A span inside a track and what happens there.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Cue {
    pub at_ms: Option<u64>,
    pub until_ms: Option<u64>,
    pub note: Option<String>,
}

/// `length = "3:35.120"` in sheets: readable, exact to the millisecond.
pub(crate) mod length {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(ms) => s.serialize_str(&format!("{}:{:02}.{:03}", ms / 60_000, ms / 1000 % 60, ms % 1000)),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        let Some(text) = text else { return Ok(None) };
        parse(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("length {text:?} is not m:ss or m:ss.mmm")))
    }

    /// "2:13" or "2:13.500" → milliseconds.
    pub fn parse(text: &str) -> Option<u64> {
        let (minutes, rest) = text.trim().split_once(':')?;
        let (seconds, millis) = rest.split_once('.').unwrap_or((rest, "0"));
        let millis = format!("{millis:0<3}");
        let minutes: u64 = minutes.parse().ok()?;
        let seconds: u64 = seconds.parse().ok()?;
        let millis: u64 = millis.get(..3)?.parse().ok()?;
        (seconds < 60).then_some(minutes * 60_000 + seconds * 1000 + millis)
    }
}

/// `at = "2:13"` in sheets: whole seconds as people write them, milliseconds when set.
mod cue_time {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(v: &Option<u64>, s: S) -> Result<S::Ok, S::Error> {
        match v {
            Some(ms) if ms % 1000 == 0 => s.serialize_str(&format!("{}:{:02}", ms / 60_000, ms / 1000 % 60)),
            other => super::length::serialize(other, s),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u64>, D::Error> {
        let text = Option::<String>::deserialize(d)?;
        let Some(text) = text else { return Ok(None) };
        super::length::parse(&text)
            .map(Some)
            .ok_or_else(|| serde::de::Error::custom(format!("time {text:?} is not m:ss or m:ss.mmm")))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Theme,
    Variation,
    Appears,
}

impl Role {
    pub const ALL: [Role; 3] = [Role::Theme, Role::Variation, Role::Appears];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Theme => "theme",
            Role::Variation => "variation",
            Role::Appears => "appears",
        }
    }

    fn parse(s: &str) -> Role {
        match s {
            "theme" => Role::Theme,
            "variation" => Role::Variation,
            _ => Role::Appears,
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Character {
    pub name: String,
    pub original_name: Option<String>,
    pub colour: Option<String>,
    pub note: Option<String>,
    pub tracks: Vec<(Role, TrackRef)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scene {
    pub episode: u32,
    pub at_seconds: Option<u32>,
    pub title: String,
    pub note: Option<String>,
    /// In the order they play in the scene.
    pub tracks: Vec<TrackRef>,
}

/// A mood or an instrument and the tracks carrying it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Label {
    pub name: String,
    pub tracks: Vec<TrackRef>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeriesNotes {
    pub characters: Vec<Character>,
    pub scenes: Vec<Scene>,
    pub moods: Vec<Label>,
    pub instruments: Vec<Label>,
}

impl SeriesNotes {
    pub fn is_empty(&self) -> bool {
        self.characters.is_empty() && self.scenes.is_empty() && self.moods.is_empty() && self.instruments.is_empty()
    }
}

const REF_COLUMNS: &str = "mbid, album, disc, track, title, album_artist, length_ms, audio, at_ms, until_ms, cue_note";
/// The placeholders for REF_COLUMNS after `before` other values.
fn ref_values(before: usize) -> String {
    (before + 1..=before + 11)
        .map(|i| format!("?{i}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn track_ref(row: &rusqlite::Row<'_>, first: usize) -> rusqlite::Result<TrackRef> {
    Ok(TrackRef {
        mbid: row.get(first)?,
        album: row.get(first + 1)?,
        disc: row.get(first + 2)?,
        track: row.get(first + 3)?,
        title: row.get(first + 4)?,
        album_artist: row.get(first + 5)?,
        length_ms: row.get::<_, Option<i64>>(first + 6)?.map(|v| v as u64),
        audio: row.get(first + 7)?,
        at_ms: row.get::<_, Option<i64>>(first + 8)?.map(|v| v as u64),
        until_ms: row.get::<_, Option<i64>>(first + 9)?.map(|v| v as u64),
        cue_note: row.get(first + 10)?,
    })
}

/// REF_COLUMNS' values, after `before` values of the row.
fn ref_params(before: Vec<Value>, t: &TrackRef) -> impl Iterator<Item = Value> {
    let ms = |v: Option<u64>| v.map_or(Value::Null, |v| Value::Integer(v as i64));
    let text = |v: &Option<String>| v.clone().map_or(Value::Null, Value::Text);
    let num = |v: Option<u32>| v.map_or(Value::Null, |v| Value::Integer(i64::from(v)));
    before.into_iter().chain([
        text(&t.mbid),
        Value::Text(t.album.clone()),
        num(t.disc),
        num(t.track),
        Value::Text(t.title.clone()),
        text(&t.album_artist),
        ms(t.length_ms),
        text(&t.audio),
        ms(t.at_ms),
        ms(t.until_ms),
        text(&t.cue_note),
    ])
}

impl Store {
    /// The notes of `series` (empty when it has none).
    pub fn series_notes(&self, series: &str) -> Result<SeriesNotes> {
        let mut notes = SeriesNotes::default();
        let characters: Vec<(i64, Character)> = self.query(
            "SELECT id, name, original_name, colour, note FROM characters WHERE series = ?1 ORDER BY position",
            [series],
            |r| {
                Ok((
                    r.get(0)?,
                    Character {
                        name: r.get(1)?,
                        original_name: r.get(2)?,
                        colour: r.get(3)?,
                        note: r.get(4)?,
                        tracks: Vec::new(),
                    },
                ))
            },
        )?;
        for (id, mut character) in characters {
            character.tracks = self.query(
                &format!("SELECT role, {REF_COLUMNS} FROM character_tracks WHERE character_id = ?1 ORDER BY position"),
                [id],
                |r| Ok((Role::parse(&r.get::<_, String>(0)?), track_ref(r, 1)?)),
            )?;
            notes.characters.push(character);
        }
        let scenes: Vec<(i64, Scene)> = self.query(
            "SELECT id, episode, at_seconds, title, note FROM scenes WHERE series = ?1 ORDER BY position",
            [series],
            |r| {
                Ok((
                    r.get(0)?,
                    Scene {
                        episode: r.get(1)?,
                        at_seconds: r.get(2)?,
                        title: r.get(3)?,
                        note: r.get(4)?,
                        tracks: Vec::new(),
                    },
                ))
            },
        )?;
        for (id, mut scene) in scenes {
            scene.tracks = self.query(
                &format!("SELECT {REF_COLUMNS} FROM scene_tracks WHERE scene_id = ?1 ORDER BY position"),
                [id],
                |r| track_ref(r, 0),
            )?;
            notes.scenes.push(scene);
        }
        let labels: Vec<(String, String, TrackRef)> = self.query(
            &format!(
                "SELECT kind, label, {REF_COLUMNS} FROM track_labels WHERE series = ?1 \
                 ORDER BY kind, rowid"
            ),
            [series],
            |r| Ok((r.get(0)?, r.get(1)?, track_ref(r, 2)?)),
        )?;
        for (kind, name, track) in labels {
            let list = if kind == "mood" {
                &mut notes.moods
            } else {
                &mut notes.instruments
            };
            match list.iter_mut().find(|l| l.name == name) {
                Some(label) => label.tracks.push(track),
                None => list.push(Label {
                    name,
                    tracks: vec![track],
                }),
            }
        }
        Ok(notes)
    }

    /// Replaces everything annotated on `series` with `notes`, in one transaction.
    pub fn replace_series_notes(&mut self, series: &str, notes: &SeriesNotes) -> Result<()> {
        let path = self.path.clone();
        let tx = self.conn.transaction().map_err(|source| super::StoreError::Sqlite {
            path: path.clone(),
            source,
        })?;
        write_notes(&tx, series, notes)
            .and_then(|()| tx.commit())
            .map_err(|source| super::StoreError::Sqlite { path, source })
    }

    /// `replace_series_notes`, and the grouping fixes a sheet carries (kind, subject,
    /// value), in the same transaction.
    pub fn replace_series_notes_and_fixes(
        &mut self,
        series: &str,
        notes: &SeriesNotes,
        fixes: &[(super::CurationKind, String, String)],
    ) -> Result<()> {
        self.in_transaction(|tx| {
            write_notes(tx, series, notes)?;
            for (kind, subject, value) in fixes {
                super::curation::write_fix(tx, *kind, subject, Some(value))?;
            }
            Ok(())
        })
    }

    /// Series that have any annotation, by name.
    pub fn annotated_series(&self) -> Result<Vec<String>> {
        self.query(
            "SELECT series FROM characters UNION SELECT series FROM scenes UNION SELECT series FROM track_labels \
             ORDER BY 1",
            [],
            |r| r.get(0),
        )
    }

    /// "Watched up to episode N" for `series`; `None` when not set (nothing hidden).
    pub fn watched_up_to(&self, series: &str) -> Result<Option<u32>> {
        let rows: Vec<u32> = self.query(
            "SELECT watched_up_to FROM spoiler_guard WHERE series = ?1",
            [series],
            |r| r.get(0),
        )?;
        Ok(rows.first().copied())
    }

    pub fn set_watched_up_to(&mut self, series: &str, episode: Option<u32>) -> Result<()> {
        let result = match episode {
            Some(n) => self.conn.execute(
                "INSERT INTO spoiler_guard (series, watched_up_to) VALUES (?1, ?2) \
                 ON CONFLICT (series) DO UPDATE SET watched_up_to = excluded.watched_up_to",
                params![series, n],
            ),
            None => self
                .conn
                .execute("DELETE FROM spoiler_guard WHERE series = ?1", [series]),
        };
        result.map(|_| ()).map_err(|e| self.err(e))
    }
}

fn write_notes(tx: &Transaction<'_>, series: &str, notes: &SeriesNotes) -> rusqlite::Result<()> {
    // Tracks of characters and scenes go with them (ON DELETE CASCADE).
    tx.execute("DELETE FROM characters WHERE series = ?1", [series])?;
    tx.execute("DELETE FROM scenes WHERE series = ?1", [series])?;
    tx.execute("DELETE FROM track_labels WHERE series = ?1", [series])?;
    let insert_ref = |table: &str, owner: &str, id: i64, position: usize, t: &TrackRef| {
        tx.prepare_cached(&format!(
            "INSERT INTO {table} ({owner}, position, {REF_COLUMNS}) VALUES (?1, ?2, {})",
            ref_values(2)
        ))?
        .execute(params_from_iter(ref_params(
            vec![Value::Integer(id), Value::Integer(position as i64)],
            t,
        )))
    };
    for (position, c) in notes.characters.iter().enumerate() {
        tx.execute(
            "INSERT INTO characters (series, position, name, original_name, colour, note) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![series, position as i64, c.name, c.original_name, c.colour, c.note],
        )?;
        let id = tx.last_insert_rowid();
        for (i, (role, t)) in c.tracks.iter().enumerate() {
            tx.prepare_cached(&format!(
                "INSERT INTO character_tracks (character_id, position, role, {REF_COLUMNS}) VALUES (?1, ?2, ?3, {})",
                ref_values(3)
            ))?
            .execute(params_from_iter(ref_params(
                vec![
                    Value::Integer(id),
                    Value::Integer(i as i64),
                    Value::Text(role.as_str().into()),
                ],
                t,
            )))?;
        }
    }
    for (position, s) in notes.scenes.iter().enumerate() {
        tx.execute(
            "INSERT INTO scenes (series, position, episode, at_seconds, title, note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![series, position as i64, s.episode, s.at_seconds, s.title, s.note],
        )?;
        let id = tx.last_insert_rowid();
        for (i, t) in s.tracks.iter().enumerate() {
            insert_ref("scene_tracks", "scene_id", id, i, t)?;
        }
    }
    for (kind, labels) in [("mood", &notes.moods), ("instrument", &notes.instruments)] {
        for label in labels {
            for (i, t) in label.tracks.iter().enumerate() {
                tx.prepare_cached(&format!(
                    "INSERT INTO track_labels (series, kind, label, position, {REF_COLUMNS}) VALUES (?1, ?2, ?3, ?4, {})",
                    ref_values(4)
                ))?
                .execute(params_from_iter(ref_params(
                    vec![
                        Value::Text(series.into()),
                        Value::Text(kind.into()),
                        Value::Text(label.name.clone()),
                        Value::Integer(i as i64),
                    ],
                    t,
                )))?;
            }
        }
    }
    Ok(())
}
