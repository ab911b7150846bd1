//! The query language shared by the search box, smart playlists and `tracks --query`:
//! free words search as before; `field:value`, comparisons (`plays>3`,
//! `duration>=2m`), ranges (`year:2020..2023`), `and` / `or` / `not` (or `-`) and
//! parentheses filter. Grammar and fields: `docs/queries.md`. This module only reads the
//! text (no library): `ost::query` evaluates it against tracks and their notes.

mod parse;
mod values;

pub use parse::parse;

/// A byte range of the query text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

/// A query that does not read: where (a byte range of the text) and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryError {
    pub span: Span,
    pub message: String,
}

impl QueryError {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> Self {
        Self {
            span,
            message: message.into(),
        }
    }

    /// The 1-based column (in characters) where the mistake begins in `query`.
    pub fn column(&self, query: &str) -> usize {
        query.get(..self.span.start).map_or(0, |s| s.chars().count()) + 1
    }

    /// "column 7: …" — what a person reads under the search box or on stderr.
    pub fn describe(&self, query: &str) -> String {
        format!("column {}: {}", self.column(query), self.message)
    }

    /// The query with a caret line under the mistake, for a terminal.
    pub fn pointed(&self, query: &str) -> String {
        use unicode_width::UnicodeWidthStr;
        let before = query.get(..self.span.start).map_or(0, UnicodeWidthStr::width);
        let width = query
            .get(self.span.start..self.span.end)
            .map_or(1, |s| s.width().max(1));
        format!("  {query}\n  {}{}", " ".repeat(before), "^".repeat(width))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Term(Term),
}

impl Expr {
    /// Does any term name a field (not only free words)?
    pub fn has_fields(&self) -> bool {
        match self {
            Expr::And(v) | Expr::Or(v) => v.iter().any(Expr::has_fields),
            Expr::Not(_) => true,
            Expr::Term(t) => !matches!(t.test, Test::Word(_)),
        }
    }

    /// The folded words and texts a result was found by, to be shown highlighted: free
    /// words, and title/album/series texts (not those under `not`).
    pub fn looked_for(&self) -> Vec<String> {
        match self {
            Expr::And(v) | Expr::Or(v) => v.iter().flat_map(Expr::looked_for).collect(),
            Expr::Not(_) => Vec::new(),
            Expr::Term(t) => match (&t.field, &t.test) {
                (None, Test::Word(w)) => vec![w.clone()],
                (Some(Field::Title | Field::Album | Field::Series), Test::Text { folded, .. }) => vec![folded.clone()],
                _ => Vec::new(),
            },
        }
    }

    /// Does any term ask about listening history or favourites?
    pub fn needs_history(&self) -> bool {
        match self {
            Expr::And(v) | Expr::Or(v) => v.iter().any(Expr::needs_history),
            Expr::Not(e) => e.needs_history(),
            Expr::Term(t) => matches!(t.field, Some(Field::Plays | Field::Skips | Field::Fav | Field::Played)),
        }
    }

    /// Does any term need the series' notes (characters, scenes, moods, instruments)?
    pub fn needs_notes(&self) -> bool {
        match self {
            Expr::And(v) | Expr::Or(v) => v.iter().any(Expr::needs_notes),
            Expr::Not(e) => e.needs_notes(),
            Expr::Term(t) => t.field.is_some_and(Field::in_notes),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Term {
    /// `None`: a free word, searched across title, artists, album, series and composer.
    pub field: Option<Field>,
    pub test: Test,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Title,
    Artist,
    Album,
    Series,
    Composer,
    Genre,
    Format,
    Kind,
    Character,
    Role,
    Mood,
    Instrument,
    Scene,
    Episode,
    Duration,
    Year,
    Vocal,
    Plays,
    Skips,
    /// A favourite: the track, its album or its series.
    Fav,
    /// How long ago the track was last played.
    Played,
    /// How long ago its file was first seen.
    Added,
}

impl Field {
    pub const ALL: [(&'static str, Field); 22] = [
        ("title", Field::Title),
        ("artist", Field::Artist),
        ("album", Field::Album),
        ("series", Field::Series),
        ("composer", Field::Composer),
        ("genre", Field::Genre),
        ("format", Field::Format),
        ("kind", Field::Kind),
        ("character", Field::Character),
        ("role", Field::Role),
        ("mood", Field::Mood),
        ("instrument", Field::Instrument),
        ("scene", Field::Scene),
        ("episode", Field::Episode),
        ("duration", Field::Duration),
        ("year", Field::Year),
        ("vocal", Field::Vocal),
        ("plays", Field::Plays),
        ("skips", Field::Skips),
        ("fav", Field::Fav),
        ("played", Field::Played),
        ("added", Field::Added),
    ];

    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, f)| *f == self).map_or("?", |(n, _)| n)
    }

    fn in_notes(self) -> bool {
        matches!(
            self,
            Field::Character | Field::Role | Field::Mood | Field::Instrument | Field::Scene | Field::Episode
        )
    }
}

/// What a term asks of a track's field.
#[derive(Debug, Clone, PartialEq)]
pub enum Test {
    /// A free word or phrase (folded), anywhere in the searched text.
    Word(String),
    /// The field contains the folded text (`:`), or equals it (`=`).
    Text {
        folded: String,
        exact: bool,
    },
    /// The field's number lies in the range (bounds inclusive unless said).
    Number(Range),
    Bool(bool),
    Kind(KindValue),
    Role(crate::store::Role),
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Range {
    pub low: Option<(f64, bool)>,
    pub high: Option<(f64, bool)>,
}

impl Range {
    pub fn contains(&self, x: f64) -> bool {
        let above = self
            .low
            .is_none_or(|(l, inclusive)| if inclusive { x >= l } else { x > l });
        let below = self
            .high
            .is_none_or(|(h, inclusive)| if inclusive { x <= h } else { x < h });
        above && below
    }
}

/// `kind:` — the album's kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KindValue {
    Part,
    Soundtrack,
    Score,
    Other,
}
