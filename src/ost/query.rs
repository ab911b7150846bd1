//! A query (`library::query`) evaluated against the library, every series' notes and
//! the listening history: which tracks it keeps, in library order. The query is first
//! compiled into a plan (character and role terms side by side joined), then run over
//! the tracks on both cores.

use crate::library::history::History;
use crate::library::model::{Library, SeriesIdx, TrackIdx};
use crate::library::query::{Expr, Field, KindValue, Term, Test};
use crate::library::search::{Part, SearchIndex, fold};
use crate::library::series_rules::AlbumKind;
use crate::store::{Role, SeriesNotes};

use super::track_match::TrackMatcher;

/// What the notes say of each track, folded for matching: characters with their role,
/// moods, instruments, scenes with their episode. Indexed by track.
#[derive(Debug, Default, Clone)]
pub struct Facts {
    tracks: Vec<Option<Box<TrackFacts>>>,
}

#[derive(Debug, Default, Clone)]
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
        let mut facts = Facts {
            tracks: vec![None; library.tracks.len()],
        };
        for (series, notes) in notes {
            facts.add(library, series, notes);
        }
        facts
    }

    /// Series `series` has new notes: its tracks' facts are replaced (the rest kept).
    pub fn update(&mut self, library: &Library, series: SeriesIdx, notes: &SeriesNotes) {
        self.tracks.resize(library.tracks.len(), None);
        for t in library.series_tracks(series) {
            if let Some(slot) = self.tracks.get_mut(t.0) {
                *slot = None;
            }
        }
        self.add(library, series, notes);
    }

    fn add(&mut self, library: &Library, series: SeriesIdx, notes: &SeriesNotes) {
        let matcher = TrackMatcher::for_series(library, series);
        for c in &notes.characters {
            let (name, original) = (fold(&c.name), fold(c.original_name.as_deref().unwrap_or("")));
            for (role, r) in &c.tracks {
                if let Some(f) = slot(&mut self.tracks, matcher.find(r)) {
                    f.characters.push((name.clone(), original.clone(), *role));
                }
            }
        }
        for s in &notes.scenes {
            let title = fold(&s.title);
            for r in &s.tracks {
                if let Some(f) = slot(&mut self.tracks, matcher.find(r)) {
                    f.scenes.push((title.clone(), s.episode));
                }
            }
        }
        for (labels, is_mood) in [(&notes.moods, true), (&notes.instruments, false)] {
            for label in labels {
                let name = fold(&label.name);
                for r in &label.tracks {
                    if let Some(f) = slot(&mut self.tracks, matcher.find(r)) {
                        if is_mood { &mut f.moods } else { &mut f.instruments }.push(name.clone());
                    }
                }
            }
        }
    }

    fn of(&self, track: TrackIdx) -> Option<&TrackFacts> {
        self.tracks.get(track.0)?.as_deref()
    }
}

/// Track `t`'s facts, made when first needed.
fn slot(tracks: &mut [Option<Box<TrackFacts>>], t: Option<TrackIdx>) -> Option<&mut TrackFacts> {
    Some(&mut **tracks.get_mut(t?.0)?.get_or_insert_with(Default::default))
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
    let ctx = Context {
        sources,
        now: crate::library::history::now(),
    };
    let plan = Plan::of(expr);
    let n = sources.library.tracks.len();
    let run = |range: std::ops::Range<usize>| -> Vec<TrackIdx> {
        range.map(TrackIdx).filter(|&t| ctx.keeps(&plan, t)).collect()
    };
    // A large library is split over two threads (the machines this runs on have at
    // least two cores); a small one is not worth a thread.
    if n < 20_000 {
        return run(0..n);
    }
    let half = n / 2;
    std::thread::scope(|scope| {
        let second = scope.spawn(|| run(half..n));
        let mut kept = run(0..half);
        match second.join() {
            Ok(rest) => kept.extend(rest),
            Err(_) => kept.extend(run(half..n)),
        }
        kept
    })
}

/// A query ready to run: `and` groups split into their character/role terms (which
/// must hold of one character together) and the rest.
enum Plan<'q> {
    And {
        rest: Vec<Plan<'q>>,
        characters: Vec<&'q Term>,
    },
    Or(Vec<Plan<'q>>),
    Not(Box<Plan<'q>>),
    Term(&'q Term),
}

impl<'q> Plan<'q> {
    fn of(expr: &'q Expr) -> Self {
        match expr {
            Expr::Term(t) if is_character(t) => Plan::And {
                rest: Vec::new(),
                characters: vec![t],
            },
            Expr::Term(t) => Plan::Term(t),
            Expr::Not(e) => Plan::Not(Box::new(Plan::of(e))),
            Expr::Or(any) => Plan::Or(any.iter().map(Plan::of).collect()),
            Expr::And(all) => {
                let mut characters = Vec::new();
                let mut rest = Vec::new();
                for e in all {
                    match e {
                        Expr::Term(t) if is_character(t) => characters.push(t),
                        _ => rest.push(Plan::of(e)),
                    }
                }
                Plan::And { rest, characters }
            }
        }
    }
}

fn is_character(t: &Term) -> bool {
    matches!(t.field, Some(Field::Character | Field::Role))
}

struct Context<'a> {
    sources: Sources<'a>,
    /// Unix seconds, for `played<7d`.
    now: i64,
}

impl Context<'_> {
    fn keeps(&self, plan: &Plan<'_>, t: TrackIdx) -> bool {
        match plan {
            Plan::Term(term) => self.term(term, t),
            Plan::Not(p) => !self.keeps(p, t),
            Plan::Or(any) => any.iter().any(|p| self.keeps(p, t)),
            Plan::And { rest, characters } => {
                rest.iter().all(|p| self.keeps(p, t)) && self.character_terms(characters, t)
            }
        }
    }

    /// One character of track `t` meets every character and role term in `terms`:
    /// `character:X role:theme` side by side ask for X's theme, not X in some role and
    /// someone's theme.
    fn character_terms(&self, terms: &[&Term], t: TrackIdx) -> bool {
        if terms.is_empty() {
            return true;
        }
        let Some(facts) = self.sources.facts.of(t) else {
            return false;
        };
        facts.characters.iter().any(|(name, original, role)| {
            terms.iter().all(|term| match &term.test {
                Test::Role(wanted) => wanted == role,
                Test::Text { folded, exact } => text(name, folded, *exact) || text(original, folded, *exact),
                _ => false,
            })
        })
    }

    fn term(&self, term: &Term, t: TrackIdx) -> bool {
        let Sources {
            library,
            index,
            facts,
            history,
        } = self.sources;
        let Some(track) = library.track(t) else {
            return false;
        };
        let album = || library.album(track.album);
        let part = |p| index.part(t, p);
        match (&term.field, &term.test) {
            (_, Test::Word(w)) => index.has_word(t, w),
            (Some(field), Test::Text { folded, exact }) => {
                let is = |s: &str| text(s, folded, *exact);
                let labels =
                    |pick: fn(&TrackFacts) -> &Vec<String>| facts.of(t).is_some_and(|f| pick(f).iter().any(|m| is(m)));
                match field {
                    Field::Title => is(part(Part::Title)),
                    Field::Artist => is(part(Part::Artist)) || is(part(Part::AlbumArtist)),
                    Field::Album => is(part(Part::Album)),
                    Field::Series => is(part(Part::Series)),
                    Field::Composer => is(part(Part::Composer)),
                    Field::Genre => track.fields.genre.as_deref().is_some_and(|g| is(&fold(g))),
                    Field::Format => is(&fold(&track.fields.format)),
                    Field::Mood => labels(|f| &f.moods),
                    Field::Instrument => labels(|f| &f.instruments),
                    Field::Scene => facts.of(t).is_some_and(|f| f.scenes.iter().any(|(s, _)| is(s))),
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
                    .or(album().and_then(|a| a.date.as_deref()))
                    .and_then(year)
                    .is_some_and(|y| range.contains(f64::from(y))),
                Field::Episode => facts
                    .of(t)
                    .is_some_and(|f| f.scenes.iter().any(|(_, e)| range.contains(f64::from(*e)))),
                Field::Plays => range.contains(f64::from(history.stats(t).plays)),
                Field::Skips => range.contains(f64::from(history.stats(t).skips)),
                Field::Added => track
                    .added_at
                    .is_some_and(|at| range.contains((self.now - at).max(0) as f64)),
                Field::Played => history
                    .stats(t)
                    .last_played
                    .is_some_and(|at| range.contains((self.now - at).max(0) as f64)),
                _ => false,
            },
            (Some(Field::Fav), Test::Bool(fav)) => history.is_favourite(library, t) == *fav,
            // A song: neither an instrumental version ("(Inst.)", "MR"…) nor a score cue.
            (_, Test::Bool(vocal)) => {
                let score = album().is_some_and(|a| a.kind == AlbumKind::Score);
                (score || index.is_instrumental(t)) != *vocal
            }
            (_, Test::Kind(kind)) => album().is_some_and(|a| {
                a.kind
                    == match kind {
                        KindValue::Part => AlbumKind::Part,
                        KindValue::Soundtrack => AlbumKind::FullOst,
                        KindValue::Score => AlbumKind::Score,
                        KindValue::Other => AlbumKind::Other,
                    }
            }),
            // Character and role terms are planned into `character_terms`.
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
