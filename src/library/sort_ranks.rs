//! Where each track falls when a list is sorted by title, artist or album, worked out
//! once per library: folding 100,000 titles and sorting them takes tens of
//! milliseconds, and a header click must not (the window works it out off its thread,
//! then every sort by that column is a sort of small numbers).

use std::sync::OnceLock;

use super::index::TrackIdx;
use super::model::{Library, TrackSort};
use super::search::fold;

/// Each track's rank under each text column, once asked for.
#[derive(Debug, Default)]
pub struct SortRanks {
    title: OnceLock<Vec<u32>>,
    artist: OnceLock<Vec<u32>>,
    album: OnceLock<Vec<u32>>,
}

impl SortRanks {
    fn slot(&self, key: TrackSort) -> Option<&OnceLock<Vec<u32>>> {
        match key {
            TrackSort::Title => Some(&self.title),
            TrackSort::Artist => Some(&self.artist),
            TrackSort::Album => Some(&self.album),
            TrackSort::Length => None,
        }
    }
}

impl Library {
    /// Whether sorting by `key` is quick now (its ranks are worked out, or it needs none).
    pub fn sort_ready(&self, key: TrackSort) -> bool {
        self.sort_ranks.slot(key).is_none_or(|s| s.get().is_some())
    }

    /// Works out the ranks for `key`, if not yet (slow: off the window's thread).
    pub fn prepare_sort(&self, key: TrackSort) {
        let _ = self.ranks(key);
    }

    /// Track `t`'s rank under `key`: equal names share one, so a sort keeps their order.
    pub(super) fn ranks(&self, key: TrackSort) -> Option<&[u32]> {
        let slot = self.sort_ranks.slot(key)?;
        Some(slot.get_or_init(|| self.work_out(key)))
    }

    fn work_out(&self, key: TrackSort) -> Vec<u32> {
        let folded: Vec<Option<String>> = self
            .tracks
            .iter()
            .map(|t| match key {
                TrackSort::Title => Some(fold(&t.title())),
                TrackSort::Artist => t.fields.artist.as_deref().map(fold),
                TrackSort::Album => self.album(t.album).map(|a| fold(&a.title)),
                TrackSort::Length => None,
            })
            .collect();
        let mut order: Vec<u32> = (0..folded.len() as u32).collect();
        order.sort_by(|&a, &b| folded[a as usize].cmp(&folded[b as usize]));
        let mut ranks = vec![0u32; folded.len()];
        let mut rank = 0u32;
        for (i, &t) in order.iter().enumerate() {
            if i > 0 && folded[order[i - 1] as usize] != folded[t as usize] {
                rank = i as u32;
            }
            ranks[t as usize] = rank;
        }
        ranks
    }

    /// `t`'s rank under `key` (tracks past the end last).
    pub(super) fn rank_of(ranks: &[u32], t: TrackIdx) -> u32 {
        ranks.get(t.0).copied().unwrap_or(u32::MAX)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use super::*;
    use crate::store::{StoredTrack, TrackFields};

    fn library(titles: &[&str]) -> Library {
        let stored = titles
            .iter()
            .enumerate()
            .map(|(i, t)| StoredTrack {
                added_at: None,
                id: i as i64,
                path: format!("/m/{i:02}.flac"),
                available: true,
                fields: TrackFields {
                    title: Some((*t).into()),
                    ..TrackFields::default()
                },
            })
            .collect();
        Library::build(stored, &[], &HashMap::new())
    }

    #[test]
    fn titles_sort_as_read_and_equal_ones_keep_their_order() {
        let lib = library(&["beta", "Álpha", "alpha", "Gamma", "ALPHA"]);
        assert!(!lib.sort_ready(TrackSort::Title), "worked out only when asked");
        lib.prepare_sort(TrackSort::Title);
        assert!(lib.sort_ready(TrackSort::Title) && lib.sort_ready(TrackSort::Length));
        let title = |t: TrackIdx| lib.tracks[t.0].title();
        let mut rows: Vec<TrackIdx> = lib.track_indices().collect();
        let given: Vec<String> = rows.iter().map(|&t| title(t)).collect();
        lib.sort_tracks(&mut rows, TrackSort::Title, false);
        let sorted: Vec<String> = rows.iter().map(|&t| title(t)).collect();
        let alphas: Vec<&String> = given.iter().filter(|t| t.to_lowercase().ends_with("lpha")).collect();
        assert_eq!(
            sorted[..3].iter().collect::<Vec<_>>(),
            alphas,
            "case and accents aside, as given"
        );
        assert_eq!(sorted[3..], ["beta", "Gamma"]);
    }
}
