//! A row dragged to a new place in a list (the queue, a playlist): picked up where the
//! button went down, it lands on the row the pointer last entered when the button
//! comes up, anywhere in the window. The landing row is drawn with a line on the side
//! the row will go.

use iced::widget::{Space, column, container, mouse_area};
use iced::{Element, Length, Theme};

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

    /// A draggable row at `i`: pressed (`press`, the drag's start), double-clicked
    /// (`activate`), entered (`enter`, where a held row would land), marked where it
    /// lands and with a grabbing pointer while a row is carried.
    pub fn row<'a, M: Clone + 'a>(
        self,
        i: usize,
        body: Element<'a, M>,
        press: M,
        activate: M,
        enter: M,
    ) -> Element<'a, M> {
        mouse_area(self.mark(i, body))
            .on_press(press)
            .on_double_click(activate)
            .on_enter(enter)
            .interaction(if self.target().is_some() {
                iced::mouse::Interaction::Grabbing
            } else {
                iced::mouse::Interaction::Pointer
            })
            .into()
    }

    /// `row` (at `i`) with a line on the side the held row would land, when it lands
    /// there; the line takes its height from the row's, so the list keeps its rhythm.
    pub fn mark<'a, M: 'a>(self, i: usize, row: Element<'a, M>) -> Element<'a, M> {
        if self.target() != Some(i) {
            return row;
        }
        let line = container(Space::new().width(Length::Fill).height(Length::Fixed(2.0)))
            .width(Length::Fill)
            .style(|t: &Theme| container::Style {
                background: Some(theme::accent(t).into()),
                ..container::Style::default()
            });
        let row = container(row).height(Length::Fill);
        if self.from.is_some_and(|f| i < f) {
            column![line, row].into()
        } else {
            column![row, line].into()
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
