//! The user's fixes to grouping (migration 008, and the older series_overrides): set one
//! at a time, each in its own transaction, returning what it replaced so the window can
//! undo it.

use std::collections::{HashMap, HashSet};

use rusqlite::{OptionalExtension, params};

use super::{Result, Store};

/// What a fix changes. Subjects are album keys or folded series names (the caller folds).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CurationKind {
    /// Album key → the series it belongs to.
    AlbumSeries,
    /// Folded series name → the series it is another name of.
    Alias,
    /// Folded series name → the name to show.
    SeriesName,
    /// Folded series name → its franchise.
    Franchise,
    /// Album key → the album key it is part of.
    AlbumMerge,
    /// Album key → "folder": one album per folder.
    AlbumSplit,
}

impl CurationKind {
    fn column(self) -> &'static str {
        match self {
            CurationKind::AlbumSeries => "album_series",
            CurationKind::Alias => "alias",
            CurationKind::SeriesName => "series_name",
            CurationKind::Franchise => "franchise",
            CurationKind::AlbumMerge => "album_merge",
            CurationKind::AlbumSplit => "album_split",
        }
    }
}

/// Every fix, as the library build reads them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Curation {
    pub album_series: HashMap<String, String>,
    pub aliases: HashMap<String, String>,
    pub series_names: HashMap<String, String>,
    pub franchises: HashMap<String, String>,
    pub album_merges: HashMap<String, String>,
    pub album_splits: HashSet<String>,
}

impl Curation {
    /// Only albums moved to series: what libraries built before migration 008 knew.
    pub fn from_overrides(album_series: HashMap<String, String>) -> Self {
        Curation {
            album_series,
            ..Curation::default()
        }
    }
}

impl Store {
    pub fn curation(&self) -> Result<Curation> {
        let mut c = Curation::from_overrides(self.series_overrides()?);
        let rows: Vec<(String, String, String)> = self.query("SELECT kind, subject, value FROM curation", [], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?))
        })?;
        for (kind, subject, value) in rows {
            match kind.as_str() {
                "alias" => {
                    c.aliases.insert(subject, value);
                }
                "series_name" => {
                    c.series_names.insert(subject, value);
                }
                "franchise" => {
                    c.franchises.insert(subject, value);
                }
                "album_merge" => {
                    c.album_merges.insert(subject, value);
                }
                "album_split" => {
                    c.album_splits.insert(subject);
                }
                _ => {}
            }
        }
        Ok(c)
    }

    /// Sets (Some) or clears (None) one fix in one transaction; returns the value it
    /// replaced, which undoes it when set back.
    pub fn set_curation(&mut self, kind: CurationKind, subject: &str, value: Option<&str>) -> Result<Option<String>> {
        self.set_curation_moving_notes(kind, subject, value, None)
    }

    /// `set_curation`, and, in the same transaction, the series' characters, scenes,
    /// labels and spoiler guard follow it from one shown name to another (a rename).
    pub fn set_curation_moving_notes(
        &mut self,
        kind: CurationKind,
        subject: &str,
        value: Option<&str>,
        notes: Option<(&str, &str)>,
    ) -> Result<Option<String>> {
        self.in_transaction(|tx| {
            if let Some((from, to)) = notes.filter(|(from, to)| from != to) {
                for table in ["characters", "scenes", "track_labels", "spoiler_guard"] {
                    tx.execute(
                        &format!("UPDATE OR IGNORE {table} SET series = ?2 WHERE series = ?1"),
                        [from, to],
                    )?;
                }
            }
            write_fix(tx, kind, subject, value)
        })
    }
}

/// Sets or clears one fix inside a transaction; returns the value it replaced.
pub(super) fn write_fix(
    tx: &rusqlite::Transaction<'_>,
    kind: CurationKind,
    subject: &str,
    value: Option<&str>,
) -> rusqlite::Result<Option<String>> {
    let (table, key_col, value_col, filter) = match kind {
        CurationKind::AlbumSeries => ("series_overrides", "album_key", "series", String::new()),
        _ => (
            "curation",
            "subject",
            "value",
            format!(" AND kind = '{}'", kind.column()),
        ),
    };
    let previous: Option<String> = tx
        .query_row(
            &format!("SELECT {value_col} FROM {table} WHERE {key_col} = ?1{filter}"),
            [subject],
            |r| r.get(0),
        )
        .optional()?;
    tx.execute(&format!("DELETE FROM {table} WHERE {key_col} = ?1{filter}"), [subject])?;
    if let Some(v) = value {
        match kind {
            CurationKind::AlbumSeries => tx.execute(
                "INSERT INTO series_overrides (album_key, series) VALUES (?1, ?2)",
                params![subject, v],
            )?,
            _ => tx.execute(
                "INSERT INTO curation (kind, subject, value) VALUES (?1, ?2, ?3)",
                params![kind.column(), subject, v],
            )?,
        };
    }
    Ok(previous)
}
