//! A windowed grid of cover cards (series, albums): as many columns as fit, and only
//! the rows in view are built.

use iced::widget::image::Handle;
use iced::widget::scrollable::Viewport;
use iced::widget::{Id, Row, Space, button, column, container, responsive, text};
use iced::{Element, Length, Theme};

use super::cover::cover;
use super::virtual_list::{self, Window};
use crate::ui::theme;

pub const CARD_WIDTH: f32 = 184.0;
const COVER: f32 = 160.0;
const CARD_HEIGHT: f32 = 236.0;
const GAP: f32 = 20.0;
const PADDING: f32 = 28.0;

pub struct Card<'a, M> {
    pub cover: Option<&'a Handle>,
    pub title: String,
    pub subtitle: String,
    pub on_press: M,
    /// Chosen by ↑/↓ (Enter opens it).
    pub selected: bool,
}

pub fn card<'a, M: Clone + 'a>(c: Card<'a, M>) -> Element<'a, M> {
    let body = column![
        cover(c.cover, COVER, &c.title),
        // Two lines at most: a longer title ends in "…" (lines break at words, so two
        // lines hold less than twice the width).
        container(text(super::fit::cut(&c.title, COVER * 1.7, 14.0)).size(14))
            .height(Length::Fixed(38.0))
            .clip(true),
        // One line, cut with "…" rather than a last word wrapped alone.
        super::fit::line(c.subtitle, 12.0, |t: &Theme| text::Style {
            color: Some(theme::muted(t))
        }),
    ]
    .spacing(6)
    .width(Length::Fixed(COVER));
    let frame = container(body).padding(12);
    let frame = if c.selected {
        frame.style(theme::row_container(true, false))
    } else {
        frame.style(theme::card)
    };
    button(frame)
        .padding(0)
        .style(theme::bare)
        .on_press(c.on_press)
        .width(Length::Fixed(CARD_WIDTH))
        .into()
}

/// The widest grid laid out: covers are asked for as if this many columns showed,
/// since the real count is only known while laying out.
const MAX_COLUMNS: usize = 8;

/// Indexes of the cards in (or near) view, over-asking a little (see MAX_COLUMNS).
pub fn visible_cards(window: Window, count: usize) -> std::ops::Range<usize> {
    let rows = window.range(count, CARD_HEIGHT + GAP);
    (rows.start * MAX_COLUMNS).min(count)..(rows.end * MAX_COLUMNS).min(count)
}

/// How many columns fit in `width`.
pub fn columns(width: f32) -> usize {
    (((width - 2.0 * PADDING + GAP) / (CARD_WIDTH + GAP)).floor() as usize).max(1)
}

/// The gap between cards: what a full row leaves over is shared out between them, so
/// the grid spans the window instead of leaving a gutter up to a card wide.
fn spread(width: f32, cols: usize, count: usize) -> f32 {
    if cols < 2 || count < cols {
        return GAP;
    }
    // A scrollbar's width kept free beside the last card.
    let used = cols as f32 * CARD_WIDTH + (cols - 1) as f32 * GAP + 2.0 * PADDING + 12.0;
    GAP + ((width - used) / (cols - 1) as f32).clamp(0.0, CARD_WIDTH)
}

/// `count` cards; `make(i)` builds card `i`. `header` scrolls with the grid.
pub fn grid<'a, M: Clone + 'a>(
    id: Id,
    count: usize,
    window: Window,
    header: impl Fn() -> (Element<'a, M>, f32) + 'a,
    on_scroll: impl Fn(Viewport) -> M + Clone + 'a,
    make: impl Fn(usize) -> Card<'a, M> + Clone + 'a,
) -> Element<'a, M> {
    responsive(move |size| {
        let cols = columns(size.width);
        let rows = count.div_ceil(cols);
        let gap = spread(size.width, cols, count);
        let make = make.clone();
        let list = virtual_list::list(
            id.clone(),
            rows,
            CARD_HEIGHT + GAP,
            window,
            Some(header()),
            on_scroll.clone(),
            move |r| {
                let mut line = Row::new().spacing(gap);
                for i in r * cols..((r + 1) * cols).min(count) {
                    line = line.push(card(make(i)));
                }
                line.into()
            },
        );
        container(column![list, Space::new().height(Length::Fixed(8.0))])
            .padding([0.0, PADDING])
            .into()
    })
    .into()
}
