//! Windowed lists: only the rows in (or just beside) the viewport are built; spacers
//! stand in for the rest, so a 100,000-row list costs what a screenful costs.

use std::ops::Range;

use iced::widget::scrollable::Viewport;
use iced::widget::{Column, Id, Space, column, scrollable};
use iced::{Element, Length};

/// Rows built above and below the viewport, so fast scrolling never shows a gap.
const OVERSCAN: usize = 6;
/// Assumed viewport height before the first scroll event tells the real one.
const FIRST_HEIGHT: f32 = 1600.0;

/// The scroll position of one list, kept in the screen's state.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Window {
    pub offset: f32,
    pub height: f32,
}

impl Window {
    pub fn from_viewport(viewport: &Viewport) -> Self {
        Self {
            offset: viewport.absolute_offset().y,
            height: viewport.bounds().height,
        }
    }

    /// The offset that brings row `row` fully into view (`None`: it already is), for a
    /// list whose rows start `header` px down.
    pub fn reveal(&self, row: usize, row_height: f32, header: f32) -> Option<f32> {
        let height = if self.height > 0.0 { self.height } else { FIRST_HEIGHT };
        let top = header + row as f32 * row_height;
        if top < self.offset {
            Some(top)
        } else if top + row_height > self.offset + height {
            Some(top + row_height - height)
        } else {
            None
        }
    }

    /// The rows to build for `total` rows of `row_height` px.
    pub fn range(&self, total: usize, row_height: f32) -> Range<usize> {
        let height = if self.height > 0.0 { self.height } else { FIRST_HEIGHT };
        let first = (self.offset / row_height).floor().max(0.0) as usize;
        let visible = (height / row_height).ceil() as usize + 1;
        let start = first.saturating_sub(OVERSCAN).min(total);
        let end = (first + visible + OVERSCAN).min(total);
        start..end
    }
}

/// A vertically scrolling list of `total` rows, each exactly `row_height` px high.
/// `header` scrolls with the rows; `row(i)` builds row `i`.
pub fn list<'a, M: Clone + 'a>(
    id: Id,
    total: usize,
    row_height: f32,
    window: Window,
    header: Option<(Element<'a, M>, f32)>,
    on_scroll: impl Fn(Viewport) -> M + 'a,
    row: impl Fn(usize) -> Element<'a, M>,
) -> Element<'a, M> {
    let header_height = header.as_ref().map_or(0.0, |(_, h)| *h);
    let rows_window = Window {
        offset: (window.offset - header_height).max(0.0),
        height: window.height,
    };
    let range = rows_window.range(total, row_height);
    let mut content: Column<'a, M> = column![];
    if let Some((header, height)) = header {
        content = content.push(iced::widget::container(header).height(Length::Fixed(height)));
    }
    content = content.push(Space::new().height(Length::Fixed(range.start as f32 * row_height)));
    for i in range.clone() {
        content = content.push(iced::widget::container(row(i)).height(Length::Fixed(row_height)));
    }
    content = content.push(Space::new().height(Length::Fixed((total - range.end) as f32 * row_height)));
    scrollable(content.width(Length::Fill))
        .id(id)
        .on_scroll(on_scroll)
        .height(Length::Fill)
        .width(Length::Fill)
        .into()
}

/// The selection moved `by` rows in a list of `len` (clamped to its ends); with nothing
/// selected, ↓ selects the first row and ↑ the last.
pub fn step(selected: Option<usize>, by: isize, len: usize) -> Option<usize> {
    if len == 0 {
        return None;
    }
    Some(match selected {
        Some(i) => i.saturating_add_signed(by).min(len - 1),
        None if by < 0 => len - 1,
        None => 0,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_only_the_visible_rows_and_overscan() {
        let w = Window {
            offset: 40_000.0,
            height: 800.0,
        };
        let r = w.range(100_000, 40.0);
        assert_eq!(r, 994..1027);
        assert!(r.len() < 40);
        assert_eq!(Window::default().range(3, 40.0), 0..3);
        let end = Window {
            offset: 3_999_000.0,
            height: 800.0,
        };
        assert_eq!(end.range(100_000, 40.0).end, 100_000);
    }

    #[test]
    fn a_step_stays_in_the_list_and_a_row_scrolls_into_view() {
        assert_eq!(step(None, 1, 3), Some(0));
        assert_eq!(step(None, -1, 3), Some(2));
        assert_eq!(step(Some(2), 1, 3), Some(2));
        assert_eq!(step(Some(0), -1, 3), Some(0));
        assert_eq!(step(Some(0), 1, 0), None);
        let w = Window {
            offset: 100.0,
            height: 200.0,
        };
        assert_eq!(w.reveal(5, 40.0, 0.0), None, "200..240 is in view");
        assert_eq!(w.reveal(1, 40.0, 0.0), Some(40.0), "above: its top at the top");
        assert_eq!(w.reveal(8, 40.0, 0.0), Some(160.0), "below: its bottom at the bottom");
    }
}
