//! Smart playlists: a query that fills a list whenever it is shown, played or exported.
//! Five are built in; the user's own are saved by name (`store::smart_playlists`).

use crate::library::model::TrackIdx;
use crate::library::query::{self, QueryError};

use super::query::{Sources, matches};

/// The order a smart playlist lists its tracks in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Order {
    /// The library's (series, album, disc, track).
    Library,
    AddedNewest,
    PlayedNewest,
    MostPlayed,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Smart {
    pub name: String,
    pub query: String,
    pub order: Order,
    pub built_in: bool,
}

/// Why `to` cannot name a smart playlist beside `lists` (the built-in ones and the
/// user's), if it cannot.
pub fn name_problem(to: &str, lists: &[Smart]) -> Option<String> {
    let to = to.trim();
    if to.is_empty() {
        return Some("a smart playlist needs a name".into());
    }
    lists.iter().find(|s| s.name == to).map(|s| {
        if s.built_in {
            format!("“{to}” is a built-in smart playlist's name")
        } else {
            format!("a smart playlist is already called “{to}”")
        }
    })
}

/// Recently added, Recently played, Most played, Never played, Favourites.
pub fn built_in() -> Vec<Smart> {
    [
        ("Recently added", "added<30d", Order::AddedNewest),
        ("Recently played", "played<30d", Order::PlayedNewest),
        ("Most played", "plays>0", Order::MostPlayed),
        ("Never played", "plays:0", Order::Library),
        ("Favourites", "fav:yes", Order::Library),
    ]
    .into_iter()
    .map(|(name, query, order)| Smart {
        name: name.into(),
        query: query.into(),
        order,
        built_in: true,
    })
    .collect()
}

/// The built-in lists, then the saved ones (name, query) in their order. A saved list
/// named like a built-in one stands beside it.
pub fn all(saved: &[(String, String)]) -> Vec<Smart> {
    let mut lists = built_in();
    lists.extend(saved.iter().map(|(name, query)| Smart {
        name: name.clone(),
        query: query.clone(),
        order: Order::Library,
        built_in: false,
    }));
    lists
}

impl Smart {
    /// Its tracks as they stand, in its order.
    pub fn tracks(&self, sources: Sources<'_>) -> Result<Vec<TrackIdx>, QueryError> {
        let Some(expr) = query::parse(&self.query)? else {
            return Ok(Vec::new());
        };
        let mut tracks = matches(&expr, sources);
        let library = sources.library;
        let stats = |t: TrackIdx| sources.history.stats(t);
        // Stable sorts: ties keep the library's order.
        match self.order {
            Order::Library => {}
            Order::AddedNewest => {
                tracks.sort_by_key(|&t| std::cmp::Reverse(library.track(t).and_then(|x| x.added_at)));
            }
            Order::PlayedNewest => tracks.sort_by_key(|&t| std::cmp::Reverse(stats(t).last_played)),
            Order::MostPlayed => tracks.sort_by_key(|&t| std::cmp::Reverse(stats(t).plays)),
        }
        Ok(tracks)
    }
}
