//! A row dragged to a new place in a list (the queue, a playlist): picked up where the
//! button went down, it lands on the row the pointer last entered when the button
//! comes up, anywhere in the window. The landing row is drawn with a line on the side
//! the row will go.

use iced::widget::container;
use iced::{Border, Theme};

use crate::ui::theme;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Drag {
    from: Option<usize>,
    over: Option<usize>,
}

impl Drag {
    /// The button went down on row `i`.
    pub fn press(&mut self, i: usize) {
        *self = Drag {
            from: Some(i),
            over: Some(i),
        };
    }

    /// The pointer entered row `i` (counts only while a row is held).
    pub fn enter(&mut self, i: usize) {
        if self.from.is_some() {
            self.over = Some(i);
        }
    }

    /// The button came up: `(from, to)` when the row was carried to another.
    pub fn release(&mut self) -> Option<(usize, usize)> {
        let moved = match (self.from, self.over) {
            (Some(from), Some(to)) if from != to => Some((from, to)),
            _ => None,
        };
        *self = Drag::default();
        moved
    }

    /// Where the held row would land, once it has left its own place.
    pub fn target(&self) -> Option<usize> {
        self.over.filter(|&o| Some(o) != self.from)
    }

    /// Whether the held row lands above (`true`) or below row `i`.
    fn above(&self, i: usize) -> bool {
        self.from.is_some_and(|f| i < f)
    }

    /// `base` with the landing line drawn when `i` is where the row would land.
    pub fn style(self, i: usize, base: impl Fn(&Theme) -> container::Style) -> impl Fn(&Theme) -> container::Style {
        let lands = self.target() == Some(i);
        let above = self.above(i);
        move |t: &Theme| {
            let mut style = base(t);
            if lands {
                // A border all round reads as "selected"; a shadow offset to one side
                // draws the line on that side only.
                style.border = Border {
                    color: theme::accent(t),
                    width: 0.0,
                    ..style.border
                };
                style.shadow = iced::Shadow {
                    color: theme::accent(t),
                    offset: iced::Vector::new(0.0, if above { -2.0 } else { 2.0 }),
                    blur_radius: 0.0,
                };
            }
            style
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_carried_elsewhere_moves_one_let_go_in_place_does_not() {
        let mut d = Drag::default();
        d.enter(3);
        assert_eq!(d.release(), None, "no row held: hovering moves nothing");
        d.press(1);
        d.enter(2);
        d.enter(4);
        assert_eq!(d.target(), Some(4));
        assert_eq!(d.release(), Some((1, 4)));
        d.press(2);
        d.enter(3);
        d.enter(2);
        assert_eq!((d.target(), d.release()), (None, None));
    }
}
