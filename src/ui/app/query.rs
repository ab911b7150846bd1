//! The search box's query (`library::query`): free words search as before, fields and
//! operators filter; a mistake is said beside the box while the words as typed still
//! search. Fields from the notes (characters, scenes, moods…) need every series'
//! notes, read once on the store worker and read again when notes change.

use std::sync::Arc;

use crate::library::model::TrackIdx;
use crate::library::query;
use crate::ost::query::{Facts, Sources, matches};
use crate::ui::stored::Stored;

use super::App;

impl App {
    /// The tracks `text` keeps, in library order (none for an empty text).
    pub(super) fn matched(&mut self, text: &str) -> Vec<TrackIdx> {
        match query::parse(text) {
            Ok(None) => {
                self.query_error = None;
                Vec::new()
            }
            Ok(Some(expr)) => {
                self.query_error = None;
                let facts = self.facts_for(&expr);
                matches(
                    &expr,
                    Sources {
                        library: &self.library,
                        index: &self.search_index,
                        facts: &facts,
                        history: &self.listened,
                    },
                )
            }
            Err(e) => {
                self.query_error = Some(e.describe(text));
                self.search_index.matches(text)
            }
        }
    }

    /// The notes' facts query `expr` reads: none when it names no notes field; until
    /// they are read, none either (they are asked for, and the results follow them).
    pub(super) fn facts_for(&mut self, expr: &query::Expr) -> Arc<Facts> {
        match (&self.query_facts, expr.needs_notes()) {
            (Some(facts), true) => facts.clone(),
            (None, true) => {
                self.ask_facts();
                Arc::new(Facts::default())
            }
            (_, false) => Arc::new(Facts::default()),
        }
    }

    /// Does the search box's query (when it reads) ask what `asks` says?
    pub(super) fn query_asks(&self, asks: fn(&query::Expr) -> bool) -> bool {
        query::parse(&self.query).is_ok_and(|q| q.as_ref().is_some_and(asks))
    }

    fn ask_facts(&mut self) {
        if self.facts_asked {
            return;
        }
        self.facts_asked = true;
        let (library, generation) = (self.library.clone(), self.facts_generation);
        self.jobs
            .store_then("The notes could not be read for the search", move |s| {
                Ok(Stored::QueryFacts(generation, Arc::new(Facts::load(s, &library)?)))
            });
    }

    /// Every series' notes, as the search reads them, came (`generation`: asked when).
    pub(super) fn facts_read(&mut self, generation: u64, facts: Arc<Facts>) {
        if generation != self.facts_generation {
            return;
        }
        self.facts_asked = false;
        self.query_facts = Some(facts);
        self.refresh_results();
        self.refresh_smart();
    }

    /// One series' notes were read or changed: the search's facts follow that series
    /// alone (reading every series again takes seconds in a large library).
    pub(super) fn facts_follow(&mut self, series: &str, notes: &crate::store::SeriesNotes) {
        let Some(index) = self.library.series.iter().position(|s| s.name == series) else {
            return;
        };
        let Some(facts) = self.query_facts.as_mut() else {
            // Not read yet (or being read): what is read will be asked again.
            if self.facts_asked {
                self.forget_facts();
            }
            return;
        };
        Arc::make_mut(facts).update(&self.library, crate::library::model::SeriesIdx(index), notes);
        self.refresh_smart();
        if self.query_asks(query::Expr::needs_notes) {
            self.refresh_results();
        }
    }

    /// Notes or the library changed: what the search knew of the notes is stale.
    pub(super) fn forget_facts(&mut self) {
        self.facts_generation += 1;
        self.facts_asked = false;
        self.query_facts = None;
        if self.query_asks(query::Expr::needs_notes) {
            self.refresh_results();
        }
    }

    /// The results of the query as it stands, in the order chosen.
    pub(super) fn refresh_results(&mut self) {
        if !self.query.trim().is_empty() {
            let query = self.query.clone();
            let found = self.matched(&query);
            self.results = self.sorted(found);
            // What the rows light up: the words the results were found by.
            self.found_words = match query::parse(&query) {
                Ok(Some(expr)) => expr.looked_for(),
                _ => crate::library::search::fold(&query)
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
            };
        }
    }
}
