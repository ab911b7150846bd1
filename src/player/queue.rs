//! The play queue: an ordered list of tracks with stable ids and a current position.
//! One type for both sides: the engine queues `TrackSpec`s, the window mirrors it with
//! its own entries (`Queue<QueueEntry>`), applying the same edits it sends.

use serde::Serialize;

use super::command::{Repeat, TrackSpec};

/// A position in a play queue (the engine's and the window's mirror agree on it),
/// valid until the queue is edited. Serialized as the bare number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
#[serde(transparent)]
pub struct QueueIdx(pub usize);

impl std::fmt::Display for QueueIdx {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct QueueItem<T = TrackSpec> {
    /// Stable across edits, so events from the audio thread find their item.
    pub id: u64,
    pub value: T,
}

#[derive(Debug)]
pub struct Queue<T = TrackSpec> {
    items: Vec<QueueItem<T>>,
    current: Option<usize>,
    next_id: u64,
}

impl<T> Default for Queue<T> {
    fn default() -> Self {
        Self {
            items: Vec::new(),
            current: None,
            next_id: 0,
        }
    }
}

impl<T: Clone> Queue<T> {
    pub fn replace(&mut self, specs: Vec<T>) {
        self.items.clear();
        self.current = None;
        self.append(specs);
    }

    pub fn append(&mut self, specs: Vec<T>) {
        let at = self.items.len();
        self.insert(at, specs);
    }

    /// Inserts right after the current track (at the front when nothing is current).
    pub fn insert_next(&mut self, specs: Vec<T>) {
        let at = self.current.map_or(0, |c| c + 1);
        self.insert(at, specs);
    }

    fn insert(&mut self, at: usize, specs: Vec<T>) {
        let new: Vec<QueueItem<T>> = specs
            .into_iter()
            .map(|value| {
                self.next_id += 1;
                QueueItem {
                    id: self.next_id,
                    value,
                }
            })
            .collect();
        let count = new.len();
        self.items.splice(at..at, new);
        if let Some(c) = self.current.as_mut() {
            if *c >= at {
                *c += count;
            }
        }
    }

    /// Puts the items in the order `order` gives (a permutation of the current indexes);
    /// the current item stays current wherever it lands. Returns false, changing nothing,
    /// when `order` is not a permutation.
    pub fn reorder(&mut self, order: &[QueueIdx]) -> bool {
        let mut seen = vec![false; self.items.len()];
        if order.len() != self.items.len()
            || order
                .iter()
                .any(|&QueueIdx(i)| i >= seen.len() || std::mem::replace(&mut seen[i], true))
        {
            return false;
        }
        let current = self.current.map(|c| self.items[c].id);
        self.items = order.iter().map(|&QueueIdx(i)| self.items[i].clone()).collect();
        self.current = current.and_then(|id| self.items.iter().position(|i| i.id == id));
        true
    }

    /// Removes the items at `indexes`. Returns whether the current item was among them;
    /// the current index then points at what followed it (or nothing).
    pub fn remove(&mut self, indexes: &[QueueIdx]) -> bool {
        let mut doomed = vec![false; self.items.len()];
        for &QueueIdx(i) in indexes {
            if let Some(d) = doomed.get_mut(i) {
                *d = true;
            }
        }
        let current = self.current;
        let removed_current = current.is_some_and(|c| doomed[c]);
        let before_current = current.map_or(0, |c| doomed[..c].iter().filter(|d| **d).count());
        let mut i = 0;
        self.items.retain(|_| {
            i += 1;
            !doomed[i - 1]
        });
        self.current = current.map(|c| c - before_current).filter(|c| *c < self.items.len());
        removed_current
    }

    pub fn clear(&mut self) {
        self.items.clear();
        self.current = None;
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn get(&self, index: QueueIdx) -> Option<&QueueItem<T>> {
        self.items.get(index.0)
    }

    /// The queued values in order.
    pub fn values(&self) -> impl ExactSizeIterator<Item = &T> {
        self.items.iter().map(|i| &i.value)
    }

    /// The queued values in order, to update in place (their order stays).
    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.items.iter_mut().map(|i| &mut i.value)
    }

    pub fn current(&self) -> Option<QueueIdx> {
        self.current.map(QueueIdx)
    }

    pub fn set_current(&mut self, index: Option<QueueIdx>) {
        self.current = index.map(|i| i.0).filter(|i| *i < self.items.len());
    }

    pub fn index_of(&self, id: u64) -> Option<QueueIdx> {
        self.items.iter().position(|i| i.id == id).map(QueueIdx)
    }

    /// The last position, if any.
    pub fn last(&self) -> Option<QueueIdx> {
        self.items.len().checked_sub(1).map(QueueIdx)
    }

    /// The track that plays after `index` ends by itself.
    pub fn following(&self, QueueIdx(index): QueueIdx, repeat: Repeat) -> Option<QueueIdx> {
        let next = match repeat {
            Repeat::One if index < self.items.len() => Some(index),
            Repeat::All if !self.items.is_empty() => Some((index + 1) % self.items.len()),
            _ => Some(index + 1).filter(|i| *i < self.items.len()),
        };
        next.map(QueueIdx)
    }

    /// The track before `index`, for "previous".
    pub fn preceding(&self, QueueIdx(index): QueueIdx, repeat: Repeat) -> Option<QueueIdx> {
        let previous = match index.checked_sub(1) {
            Some(i) => Some(i),
            None if repeat == Repeat::All && !self.items.is_empty() => Some(self.items.len() - 1),
            None => None,
        };
        previous.map(QueueIdx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn specs(names: &[&str]) -> Vec<TrackSpec> {
        names.iter().map(|n| TrackSpec::file(*n)).collect()
    }

    fn at(indexes: &[usize]) -> Vec<QueueIdx> {
        indexes.iter().copied().map(QueueIdx).collect()
    }

    fn names(q: &Queue) -> Vec<String> {
        (0..q.len())
            .map(|i| {
                q.get(QueueIdx(i))
                    .map(|it| it.value.path.display().to_string())
                    .unwrap_or_default()
            })
            .collect()
    }

    #[test]
    fn insert_next_goes_after_current_and_keeps_it() {
        let mut q = Queue::default();
        q.replace(specs(&["a", "b", "c"]));
        q.set_current(Some(QueueIdx(1)));
        q.insert_next(specs(&["x", "y"]));
        assert_eq!(names(&q), ["a", "b", "x", "y", "c"]);
        assert_eq!(q.current(), Some(QueueIdx(1)));
        q.set_current(Some(QueueIdx(0)));
        q.insert_next(specs(&["z"]));
        assert_eq!(q.current(), Some(QueueIdx(0)));
        assert_eq!(names(&q)[1], "z");
    }

    #[test]
    fn ids_are_stable_and_unique() {
        let mut q = Queue::default();
        q.replace(specs(&["a", "b"]));
        let id_b = q.get(QueueIdx(1)).map(|i| i.id);
        q.insert_next(specs(&["c"]));
        assert_eq!(
            q.get(QueueIdx(1)).map(|i| i.id).and_then(|id| q.index_of(id)),
            Some(QueueIdx(1))
        );
        assert_eq!(id_b.and_then(|id| q.index_of(id)), Some(QueueIdx(2)));
    }

    #[test]
    fn reorder_keeps_the_current_item_current() {
        let mut q = Queue::default();
        q.replace(specs(&["a", "b", "c", "d"]));
        q.set_current(Some(QueueIdx(1)));
        assert!(q.reorder(&at(&[3, 2, 1, 0])));
        assert_eq!(names(&q), ["d", "c", "b", "a"]);
        assert_eq!(q.current(), Some(QueueIdx(2)));
        assert!(!q.reorder(&at(&[0, 0, 1, 2])), "not a permutation");
        assert!(!q.reorder(&at(&[0, 1])), "wrong length");
        assert_eq!(names(&q), ["d", "c", "b", "a"]);
    }

    #[test]
    fn remove_shifts_current_and_reports_removing_it() {
        let mut q = Queue::default();
        q.replace(specs(&["a", "b", "c", "d"]));
        q.set_current(Some(QueueIdx(2)));
        assert!(!q.remove(&at(&[0, 3])));
        assert_eq!(names(&q), ["b", "c"]);
        assert_eq!(q.current(), Some(QueueIdx(1)));
        assert!(q.remove(&at(&[1])));
        assert_eq!(q.current(), None, "nothing follows the removed last item");
        q.replace(specs(&["a", "b", "c"]));
        q.set_current(Some(QueueIdx(0)));
        assert!(q.remove(&at(&[0, 99])));
        assert_eq!(
            (names(&q), q.current()),
            (vec!["b".to_string(), "c".to_string()], Some(QueueIdx(0)))
        );
    }

    #[test]
    fn following_and_preceding_respect_repeat() {
        let mut q = Queue::default();
        q.replace(specs(&["a", "b", "c"]));
        assert_eq!(q.following(QueueIdx(1), Repeat::Off), Some(QueueIdx(2)));
        assert_eq!(q.following(QueueIdx(2), Repeat::Off), None);
        assert_eq!(q.following(QueueIdx(2), Repeat::All), Some(QueueIdx(0)));
        assert_eq!(q.following(QueueIdx(2), Repeat::One), Some(QueueIdx(2)));
        assert_eq!(q.preceding(QueueIdx(0), Repeat::Off), None);
        assert_eq!(q.preceding(QueueIdx(0), Repeat::All), Some(QueueIdx(2)));
        assert_eq!(q.preceding(QueueIdx(2), Repeat::One), Some(QueueIdx(1)));
    }
}
