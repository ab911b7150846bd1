//! A query (`library::query`) evaluated against the library and every series' notes:
//! which tracks it keeps, in library order.

use std::collections::HashMap;

use crate::library::history::History;
use crate::library::model::{Library, SeriesIdx, TrackIdx};
use crate::library::pairs::is_instrumental;
use crate::library::query::{Expr, Field, KindValue, Term, Test};
use crate::library::search::{Part, SearchIndex, fold};
use crate::library::series_rules::AlbumKind;
use crate::store::{Role, SeriesNotes};

use super::track_match::TrackMatcher;

/// What the notes say of each track, folded for matching: characters with their role,
/// moods, instruments, scenes with their episode.
#[derive(Debug, Default)]
pub struct Facts {
    tracks: HashMap<TrackIdx, TrackFacts>,
}

#[derive(Debug, Default)]
struct TrackFacts {
    /// Name, original-script name (folded), role.
    characters: Vec<(String, String, Role)>,
    moods: Vec<String>,
    instruments: Vec<String>,
    /// Title (folded), episode.
    scenes: Vec<(String, u32)>,
}

impl Facts {
    /// The facts of every series' notes, each matched against its own series' tracks.
    pub fn new<'a>(library: &Library, notes: impl IntoIterator<Item = (SeriesIdx, &'a SeriesNotes)>) -> Self {
        let mut tracks: HashMap<TrackIdx, TrackFacts> = HashMap::new();
        for (series, notes) in notes {
            let matcher = TrackMatcher::for_series(library, series);
            let of = |r| matcher.find(r);
            for c in &notes.characters {
                let (name, original) = (fold(&c.name), fold(c.original_name.as_deref().unwrap_or("")));
                for (role, r) in &c.tracks {
                    if let Some(f) = of(r).map(|t| tracks.entry(t).or_default()) {
                        f.characters.push((name.clone(), original.clone(), *role));
                    }
                }
            }
            for s in &notes.scenes {
                let title = fold(&s.title);
                for r in &s.tracks {
                    if let Some(f) = of(r).map(|t| tracks.entry(t).or_default()) {
                        f.scenes.push((title.clone(), s.episode));
                    }
                }
            }
            for (labels, is_mood) in [(&notes.moods, true), (&notes.instruments, false)] {
                for label in labels {
                    let name = fold(&label.name);
                    for r in &label.tracks {
                        if let Some(f) = of(r).map(|t| tracks.entry(t).or_default()) {
                            if is_mood { &mut f.moods } else { &mut f.instruments }.push(name.clone());
                        }
                    }
                }
            }
        }
        Self { tracks }
    }
}

impl Facts {
    /// The facts of every series with notes in `store`.
    pub fn load(store: &crate::store::Store, library: &Library) -> Result<Self, String> {
        let names = store
            .annotated_series()
            .map_err(|e| format!("cannot list the series' notes: {e}"))?;
        let mut notes = Vec::new();
        for name in names {
            let Some(series) = library.series.iter().position(|s| s.name == name) else {
                continue;
            };
            let read = store
                .series_notes(&name)
                .map_err(|e| format!("cannot read the notes of {name}: {e}"))?;
            notes.push((SeriesIdx(series), read));
        }
        Ok(Self::new(library, notes.iter().map(|(s, n)| (*s, n))))
    }
}

/// Where a query's answers come from: the library and its search index, the notes'
/// facts and the listening history.
#[derive(Clone, Copy)]
pub struct Sources<'a> {
    pub library: &'a Library,
    pub index: &'a SearchIndex,
    pub facts: &'a Facts,
    pub history: &'a History,
}

/// The tracks `expr` keeps, in library order.
pub fn matches(expr: &Expr, sources: Sources<'_>) -> Vec<TrackIdx> {
    let Sources {
        library,
        index,
        facts,
        history,
    } = sources;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64);
    let ctx = Context {
        library,
        index,
        facts,
        history,
        now,
    };
    (0..library.tracks.len())
        .map(TrackIdx)
        .filter(|&t| ctx.keeps(expr, t))
        .collect()
}

struct Context<'a> {
    library: &'a Library,
    index: &'a SearchIndex,
    facts: &'a Facts,
    history: &'a History,
    /// Unix seconds, for `played<7d`.
    now: i64,
}

impl Context<'_> {
    fn keeps(&self, expr: &Expr, t: TrackIdx) -> bool {
        match expr {
            Expr::Term(term) => self.term(term, t),
            Expr::Not(e) => !self.keeps(e, t),
            Expr::Or(any) => any.iter().any(|e| self.keeps(e, t)),
            Expr::And(all) => {
                // `character:X role:theme` side by side ask for X's theme, not X in some
                // role and someone's theme.
                let (characters, others): (Vec<&Expr>, Vec<&Expr>) = all.iter().partition(|e| {
                    matches!(
                        e,
                        Expr::Term(Term {
                            field: Some(Field::Character | Field::Role),
                            ..
                        })
                    )
                });
                others.iter().all(|e| self.keeps(e, t)) && self.character_terms(&characters, t)
            }
        }
    }

    /// One character of track `t` meets every character and role term in `terms`.
    fn character_terms(&self, terms: &[&Expr], t: TrackIdx) -> bool {
        if terms.is_empty() {
            return true;
        }
        let Some(facts) = self.facts.tracks.get(&t) else {
            return false;
        };
        facts.characters.iter().any(|(name, original, role)| {
            terms.iter().all(|e| match e {
                Expr::Term(Term {
                    test: Test::Role(wanted),
                    ..
                }) => wanted == role,
                Expr::Term(Term {
                    test: Test::Text { folded, exact },
                    ..
                }) => text(name, folded, *exact) || text(original, folded, *exact),
                _ => false,
            })
        })
    }

    fn term(&self, term: &Term, t: TrackIdx) -> bool {
        let Some(track) = self.library.track(t) else {
            return false;
        };
        let album = self.library.album(track.album);
        let part = |p| self.index.part(t, p);
        let facts = self.facts.tracks.get(&t);
        match (&term.field, &term.test) {
            (_, Test::Word(w)) => self.index.haystack(t).contains(w.as_str()),
            (Some(Field::Character | Field::Role), _) => self.character_terms(&[&Expr::Term(term.clone())], t),
            (Some(field), Test::Text { folded, exact }) => {
                let is = |s: &str| text(s, folded, *exact);
                match field {
                    Field::Title => is(part(Part::Title)),
                    Field::Artist => is(part(Part::Artist)) || is(part(Part::AlbumArtist)),
                    Field::Album => is(part(Part::Album)),
                    Field::Series => is(part(Part::Series)),
                    Field::Composer => is(part(Part::Composer)),
                    Field::Genre => track.fields.genre.as_deref().is_some_and(|g| is(&fold(g))),
                    Field::Format => is(&fold(&track.fields.format)),
                    Field::Mood => facts.is_some_and(|f| f.moods.iter().any(|m| is(m))),
                    Field::Instrument => facts.is_some_and(|f| f.instruments.iter().any(|m| is(m))),
                    Field::Scene => facts.is_some_and(|f| f.scenes.iter().any(|(s, _)| is(s))),
                    _ => false,
                }
            }
            (Some(field), Test::Number(range)) => match field {
                Field::Duration => track
                    .fields
                    .duration_ms
                    .is_some_and(|ms| range.contains(ms as f64 / 1000.0)),
                Field::Year => track
                    .fields
                    .date
                    .as_deref()
                    .or(album.and_then(|a| a.date.as_deref()))
                    .and_then(year)
                    .is_some_and(|y| range.contains(f64::from(y))),
                Field::Episode => facts.is_some_and(|f| f.scenes.iter().any(|(_, e)| range.contains(f64::from(*e)))),
                Field::Plays => range.contains(f64::from(self.history.stats(t).plays)),
                Field::Skips => range.contains(f64::from(self.history.stats(t).skips)),
                Field::Played => self
                    .history
                    .stats(t)
                    .last_played
                    .is_some_and(|at| range.contains((self.now - at).max(0) as f64)),
                _ => false,
            },
            // A song: neither an instrumental version ("(Inst.)", "MR"…) nor a score cue.
            (Some(Field::Fav), Test::Bool(fav)) => self.history.is_favourite(self.library, t) == *fav,
            (_, Test::Bool(vocal)) => {
                let score = album.is_some_and(|a| a.kind == AlbumKind::Score);
                (score || is_instrumental(&track.title())) != *vocal
            }
            (_, Test::Kind(kind)) => album.is_some_and(|a| {
                a.kind
                    == match kind {
                        KindValue::Part => AlbumKind::Part,
                        KindValue::Soundtrack => AlbumKind::FullOst,
                        KindValue::Score => AlbumKind::Score,
                        KindValue::Other => AlbumKind::Other,
                    }
            }),
            (_, Test::Role(_)) | (None, _) => false,
        }
    }
}

fn text(haystack: &str, needle: &str, exact: bool) -> bool {
    if exact {
        haystack == needle
    } else {
        haystack.contains(needle)
    }
}

/// The year a date tag begins with ("2020-05-01", "2020").
fn year(date: &str) -> Option<u32> {
    date.get(..4).and_then(|y| y.parse().ok())
}
