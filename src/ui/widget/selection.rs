//! Which rows of a list are selected, as file managers and players do it: a click
//! picks one, Ctrl+click adds or takes one out, Shift+click (and Shift+↑/↓) picks the
//! run from the anchor. The focused row is the one ↑/↓ moves and Enter plays.

use std::collections::BTreeSet;

/// How a click picks, from the modifiers held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pick {
    One,
    Toggle,
    Range,
}

impl Pick {
    pub fn from_modifiers(m: iced::keyboard::Modifiers) -> Self {
        if m.shift() {
            Pick::Range
        } else if m.command() {
            Pick::Toggle
        } else {
            Pick::One
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    focus: Option<usize>,
    /// Where a Shift run starts.
    anchor: Option<usize>,
    rows: BTreeSet<usize>,
}

impl Selection {
    /// Just `row`.
    pub fn one(row: usize) -> Self {
        Self {
            focus: Some(row),
            anchor: Some(row),
            rows: BTreeSet::from([row]),
        }
    }

    pub fn focus(&self) -> Option<usize> {
        self.focus
    }

    pub fn contains(&self, row: usize) -> bool {
        self.rows.contains(&row)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The selected rows, in list order.
    pub fn rows(&self) -> Vec<usize> {
        self.rows.iter().copied().collect()
    }

    pub fn click(&mut self, row: usize, pick: Pick) {
        match pick {
            Pick::One => *self = Self::one(row),
            Pick::Toggle => {
                if !self.rows.remove(&row) {
                    self.rows.insert(row);
                }
                self.focus = Some(row);
                self.anchor = Some(row);
            }
            Pick::Range => {
                let anchor = self.anchor.unwrap_or(row);
                self.rows = (anchor.min(row)..=anchor.max(row)).collect();
                self.focus = Some(row);
                self.anchor = Some(anchor);
            }
        }
    }

    /// Moves the focus `by` rows within `len` (↑/↓); with `extend` (Shift held) the run
    /// from the anchor follows it, else it alone is selected.
    pub fn step(&mut self, by: isize, len: usize, extend: bool) -> Option<usize> {
        let to = super::virtual_list::step(self.focus, by, len)?;
        self.click(to, if extend { Pick::Range } else { Pick::One });
        Some(to)
    }

    pub fn all(len: usize) -> Self {
        Self {
            focus: (len > 0).then_some(0),
            anchor: (len > 0).then_some(0),
            rows: (0..len).collect(),
        }
    }

    pub fn clear(&mut self) {
        *self = Self::default();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clicks_pick_as_file_managers_do() {
        let mut s = Selection::default();
        s.click(2, Pick::One);
        s.click(5, Pick::Range);
        assert_eq!(s.rows(), [2, 3, 4, 5]);
        s.click(4, Pick::Toggle);
        assert_eq!(s.rows(), [2, 3, 5]);
        s.click(8, Pick::Toggle);
        assert_eq!(s.rows(), [2, 3, 5, 8]);
        // A Shift run starts from the last row clicked.
        s.click(6, Pick::Range);
        assert_eq!(s.rows(), [6, 7, 8]);
        s.click(1, Pick::One);
        assert_eq!((s.rows(), s.focus()), (vec![1], Some(1)));
    }

    #[test]
    fn shift_arrows_extend_from_the_anchor() {
        let mut s = Selection::one(3);
        s.step(1, 10, true);
        s.step(1, 10, true);
        assert_eq!((s.rows(), s.focus()), (vec![3, 4, 5], Some(5)));
        s.step(-3, 10, true);
        assert_eq!(s.rows(), [2, 3]);
        s.step(1, 10, false);
        assert_eq!(s.rows(), [3]);
    }
}
