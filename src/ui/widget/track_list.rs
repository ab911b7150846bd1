//! The track table used by every screen that lists tracks: windowed (see
//! `virtual_list`), click to select, double-click to play, right-click for the menu.

use iced::widget::scrollable::Viewport;
use iced::widget::text::Span;
use iced::widget::{Id, Space, button, container, mouse_area, rich_text, row, span, text};
use iced::{Alignment, Element, Length, Theme};

use super::fit;
use super::format::duration_ms;
use super::virtual_list::{self, Window};
use crate::library::highlight;
use crate::library::model::{Library, TrackIdx, TrackSort};
use crate::library::pairs::is_instrumental;
use crate::ui::theme;

pub const ROW_HEIGHT: f32 = 38.0;
/// The column headers above the rows, scrolling with them.
pub const HEADER_HEIGHT: f32 = 28.0;

/// What was done to the row `K` names: its position in a list (`usize`), or its
/// track where rows are grouped (`TrackIdx`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RowAction<K = usize> {
    Select(K),
    Activate(K),
    Menu(K),
    /// A click on one of the row's cue marks: play its track from there (ms).
    PlayFrom(K, u64),
}

pub struct Columns {
    pub album: bool,
    /// Show the track's number on its disc instead of its row number.
    pub track_numbers: bool,
}

/// What a row needs to know about the state around it.
pub struct Marks<'a, K = usize> {
    pub selected: Option<K>,
    /// Every selected row by its position, where several can be.
    pub picked: Option<&'a super::selection::Selection>,
    pub playing_track: Option<TrackIdx>,
    /// What each track is to the series (its characters, its scenes), shown beside
    /// its title.
    pub badges: Option<&'a Badges>,
    /// Each track's timed cues, drawn as small marks on its row.
    pub cues: Option<&'a CueMap>,
    /// A search's words (folded), shown where titles and albums hold them.
    pub found: Option<&'a [String]>,
}

/// Width of a row's map of its timed cues.
const CUE_STRIP: f32 = 64.0;

/// Timed cues per track.
pub type CueMap = std::collections::HashMap<TrackIdx, Vec<crate::ost::note_lists::TimedCue>>;

/// Short labels per track ("Empress Yun · theme", "Ep 4").
pub type Badges = std::collections::HashMap<TrackIdx, Vec<String>>;

/// How a list is sorted: by a column, up or down (`None`: the library's order).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sorted {
    pub by: TrackSort,
    pub descending: bool,
}

/// The column headers; with `on_sort`, each is a button that sorts by it (again:
/// the other way), "#" back to the library's order, the sorted one marked ▲/▼.
pub fn header<'a, M: Clone + 'a>(
    columns: &Columns,
    sorted: Option<Sorted>,
    on_sort: Option<&dyn Fn(Option<TrackSort>) -> M>,
) -> Element<'a, M> {
    let label = |s: &'static str, by: Option<TrackSort>| -> Element<'a, M> {
        let mark = match sorted {
            Some(o) if Some(o.by) == by => {
                if o.descending {
                    " ▼"
                } else {
                    " ▲"
                }
            }
            _ => "",
        };
        let caption = text(format!("{s}{mark}")).size(12).style(|t: &Theme| text::Style {
            color: Some(theme::muted(t)),
        });
        match on_sort {
            Some(on_sort) => button(caption)
                .padding(0)
                .style(theme::bare)
                .on_press(on_sort(by))
                .into(),
            None => caption.into(),
        }
    };
    let mut r = row![
        container(label("#", None)).width(Length::Fixed(40.0)),
        container(label("TITLE", Some(TrackSort::Title))).width(Length::FillPortion(5)),
        container(label("ARTIST", Some(TrackSort::Artist))).width(Length::FillPortion(3)),
    ];
    if columns.album {
        r = r.push(container(label("ALBUM", Some(TrackSort::Album))).width(Length::FillPortion(3)));
    }
    r.push(container(label("TIME", Some(TrackSort::Length))).width(Length::Fixed(56.0)))
        .spacing(12)
        .padding([0, 12])
        .align_y(Alignment::Center)
        .height(Length::Fixed(28.0))
        .into()
}

/// One row for library track `track`, named `key` in its actions, at `position`
/// in its list.
pub fn track_row<'a, M: Clone + 'a, K: Copy + PartialEq>(
    library: &'a Library,
    track: TrackIdx,
    position: usize,
    key: K,
    columns: &Columns,
    marks: &Marks<'_, K>,
    on: impl Fn(RowAction<K>) -> M,
) -> Element<'a, M> {
    let Some(t) = library.track(track) else {
        return text("").into();
    };
    let playing = marks.playing_track == Some(track);
    let selected = match marks.picked {
        Some(picked) => picked.contains(position),
        None => marks.selected == Some(key),
    };
    let muted = |th: &Theme| text::Style {
        color: Some(theme::muted(th)),
    };
    let number = if playing {
        "♪".to_string()
    } else if columns.track_numbers {
        t.fields.track.map(|n| n.to_string()).unwrap_or_default()
    } else {
        (position + 1).to_string()
    };
    let title = t.title();
    let labels = marks.badges.and_then(|b| b.get(&track));
    // Cut with "…" where it alone fills the cell; beside badges it keeps its width.
    let lit = marks
        .found
        .map(|words| highlight::found(&title, words))
        .unwrap_or_default();
    let title: Element<'a, M> = if !lit.is_empty() {
        lit_text(&title, &lit, 14.0, None)
    } else if is_instrumental(&title) || !t.available || labels.is_some() {
        text(title).size(14).wrapping(text::Wrapping::None).into()
    } else {
        fit::inherit(title, 14.0)
    };
    let mut title_cell = row![title].spacing(8).align_y(Alignment::Center);
    if is_instrumental(&t.title()) {
        title_cell = title_cell.push(badge("INST"));
    }
    if !t.available {
        title_cell = title_cell.push(badge("OFFLINE"));
    }
    for label in labels.into_iter().flatten() {
        title_cell = title_cell.push(badge_owned(label.clone()));
    }
    let artist = t.fields.artist.as_deref().unwrap_or_default().to_owned();
    let mut cells = row![
        container(text(number).size(13).style(muted)).width(Length::Fixed(40.0)),
        container(title_cell).width(Length::FillPortion(5)).clip(true),
        container(fit::line(artist, 13.0, muted_text))
            .width(Length::FillPortion(3))
            .clip(true),
    ];
    if columns.album {
        let album = library.album(t.album).map(|a| a.title.clone()).unwrap_or_default();
        let lit = marks
            .found
            .map(|words| highlight::found(&album, words))
            .unwrap_or_default();
        let album = if lit.is_empty() {
            fit::line(album, 13.0, muted_text)
        } else {
            lit_text(&album, &lit, 13.0, Some(muted_text))
        };
        cells = cells.push(container(album).width(Length::FillPortion(3)).clip(true));
    }
    // Every row keeps the marks' column where any row has marks, so columns line up.
    if let Some(all) = marks.cues.filter(|c| !c.is_empty()) {
        cells = cells.push(match (all.get(&track), t.fields.duration_ms) {
            (Some(cues), Some(total)) => {
                super::cue_marks::strip(cues, total as f32, CUE_STRIP, |at| on(RowAction::PlayFrom(key, at)))
            }
            _ => Space::new().width(Length::Fixed(CUE_STRIP)).into(),
        });
    }
    let time = t.fields.duration_ms.map(duration_ms).unwrap_or_default();
    cells = cells.push(container(text(time).size(13).style(muted)).width(Length::Fixed(56.0)));
    let body = container(
        cells
            .spacing(12)
            .padding([0, 12])
            .align_y(Alignment::Center)
            .height(Length::Fill),
    )
    .style(theme::row_container(selected, playing))
    .width(Length::Fill)
    .height(Length::Fill);
    mouse_area(body)
        .on_press(on(RowAction::Select(key)))
        .on_double_click(on(RowAction::Activate(key)))
        .on_right_press(on(RowAction::Menu(key)))
        .interaction(iced::mouse::Interaction::Pointer)
        .into()
}

/// `text` with the `lit` byte ranges (a search's finds) washed and underlined: in the
/// script they are written in, whatever script the search was typed in.
fn lit_text<'a, M: 'a>(
    text_: &str,
    lit: &[std::ops::Range<usize>],
    size: f32,
    style: Option<fn(&Theme) -> text::Style>,
) -> Element<'a, M> {
    // A wash of the accent, legible on Night and Day alike. Not bold: shaping keeps a
    // word in one face, so "Empress's" lit at "empress" would be bold to its end.
    let wash = iced::Color::from_rgba8(0xe3, 0xb0, 0x62, 0.30);
    let mut spans: Vec<Span<'a, (), iced::Font>> = Vec::new();
    let mut at = 0;
    for r in lit {
        if r.end > text_.len() || r.start < at {
            continue;
        }
        if r.start > at {
            spans.push(span(text_[at..r.start].to_owned()));
        }
        spans.push(span(text_[r.clone()].to_owned()).background(wash).underline(true));
        at = r.end;
    }
    if at < text_.len() {
        spans.push(span(text_[at..].to_owned()));
    }
    let mut rich = rich_text(spans).size(size).wrapping(text::Wrapping::None);
    if let Some(style) = style {
        rich = rich.style(style);
    }
    // Said whole, as a plain text would be, though drawn in pieces.
    super::labelled::labelled(text_, rich).into()
}

fn muted_text(th: &Theme) -> text::Style {
    text::Style {
        color: Some(theme::muted(th)),
    }
}

fn badge<'a, M: 'a>(label: &'static str) -> Element<'a, M> {
    badge_owned(label.to_owned())
}

fn badge_owned<'a, M: 'a>(label: String) -> Element<'a, M> {
    container(text(label).size(9).wrapping(text::Wrapping::None))
        .padding([1, 5])
        .style(|th: &Theme| container::Style {
            border: iced::Border {
                color: theme::muted(th),
                width: 1.0,
                radius: 4.0.into(),
            },
            text_color: Some(theme::muted(th)),
            ..container::Style::default()
        })
        .into()
}

/// A windowed table of library tracks.
#[allow(clippy::too_many_arguments)]
pub fn view<'a, M: Clone + 'a>(
    id: Id,
    library: &'a Library,
    rows: &'a [TrackIdx],
    window: Window,
    columns: Columns,
    marks: Marks<'a>,
    on_scroll: impl Fn(Viewport) -> M + 'a,
    on: impl Fn(RowAction) -> M + Clone + 'a,
    sorting: (Option<Sorted>, &dyn Fn(Option<TrackSort>) -> M),
) -> Element<'a, M> {
    let header = header(&columns, sorting.0, Some(sorting.1));
    virtual_list::list(
        id,
        rows.len(),
        ROW_HEIGHT,
        window,
        Some((header, HEADER_HEIGHT)),
        on_scroll,
        move |i| track_row(library, rows[i], i, i, &columns, &marks, on.clone()),
    )
}
