//! The playing track's timed cues on the seek bar: a mark at each cue's start in its
//! character's colour, named on hover, a click jumping there; the span it covers is
//! shaded in the waveform behind.

use iced::widget::{Space, Stack, button, container, row, text, tooltip};
use iced::{Color, Element, Length, Theme};

use crate::ost::note_lists::TimedCue;
use crate::ui::theme;

/// Width of a mark, in pixels.
const MARK: f32 = 4.0;
/// Positions are laid out in thousandths of the bar.
const SCALE: f32 = 1000.0;

/// A cue's colour: its character's, else the theme's accent.
pub fn colour(cue: &TimedCue, theme: &Theme) -> Color {
    own_colour(cue).unwrap_or(theme::accent(theme))
}

fn own_colour(cue: &TimedCue) -> Option<Color> {
    cue.colour
        .as_deref()
        .and_then(crate::ost::edits::parse_colour)
        .map(|(r, g, b)| Color::from_rgb8(r, g, b))
}

/// `mark` at the cue's start along a row as wide as the track's `total_ms`.
fn placed<'a, M: 'a>(cue: &TimedCue, total_ms: f32, mark: impl Into<Element<'a, M>>) -> iced::widget::Row<'a, M> {
    let at = (cue.at_ms as f32 / total_ms).clamp(0.0, 1.0);
    let before = (at * SCALE).round() as u16;
    row![
        Space::new().width(Length::FillPortion(before.max(1))),
        mark.into(),
        Space::new().width(Length::FillPortion((SCALE as u16).saturating_sub(before).max(1))),
    ]
}

/// The spans the cues cover, as fractions of a track `total_ms` long.
pub fn spans(cues: &[TimedCue], total_ms: f32, theme: &Theme) -> Vec<(f32, f32, Color)> {
    cues.iter()
        .filter_map(|c| {
            let until = c.until_ms? as f32;
            Some((c.at_ms as f32 / total_ms, until / total_ms, colour(c, theme)))
        })
        .collect()
}

/// One layer per cue, to stack over a bar `height` tall: its mark at its start.
/// `jump` makes the message a click on the mark sends (seconds into the track).
pub fn layers<'a, M: Clone + 'a>(
    cues: &[TimedCue],
    total_ms: f32,
    height: f32,
    theme: &Theme,
    jump: impl Fn(f32) -> M,
) -> Stack<'a, M> {
    let mut stack = Stack::new().width(Length::Fill).height(Length::Fixed(height));
    for (i, cue) in cues.iter().enumerate() {
        let colour = colour(cue, theme);
        let mark = button(Space::new().width(Length::Fixed(MARK)).height(Length::Fixed(height)))
            .padding(0)
            .style(move |_: &Theme, status| button::Style {
                background: Some(
                    match status {
                        button::Status::Hovered | button::Status::Pressed => colour,
                        _ => Color { a: 0.85, ..colour },
                    }
                    .into(),
                ),
                ..button::Style::default()
            })
            .on_press(jump(cue.at_ms as f32 / 1000.0));
        let named = tooltip(
            container(mark).id(format!("cue-mark-{i}")),
            container(text(cue.describe()).size(12))
                .padding([6, 10])
                .style(theme::floating),
            tooltip::Position::Top,
        );
        stack = stack.push(placed(cue, total_ms, named).height(Length::Fixed(height)));
    }
    stack
}

/// A track row's small map of its cues: a rail `width` wide with a tick at each cue,
/// in its character's colour; hovering lists them, a click on a tick sends
/// `play_from(ms)` (the track from that cue).
pub fn strip<'a, M: Clone + 'a>(
    cues: &[TimedCue],
    total_ms: f32,
    width: f32,
    play_from: impl Fn(u64) -> M,
) -> Element<'a, M> {
    const HEIGHT: f32 = 12.0;
    let line =
        container(Space::new().width(Length::Fill).height(Length::Fixed(1.0))).style(|t: &Theme| container::Style {
            background: Some(theme::muted(t).into()),
            ..container::Style::default()
        });
    let rail = container(line).width(Length::Fill).center_y(Length::Fixed(HEIGHT));
    let mut stack = Stack::new()
        .width(Length::Fixed(width))
        .height(Length::Fixed(HEIGHT))
        .push(rail);
    for (i, cue) in cues.iter().enumerate() {
        let own = own_colour(cue);
        let tick =
            container(Space::new().width(Length::Fixed(3.0)).height(Length::Fixed(HEIGHT))).style(move |t: &Theme| {
                container::Style {
                    background: Some(own.unwrap_or(theme::accent(t)).into()),
                    ..container::Style::default()
                }
            });
        // Two pixels of grip each side: a 3-pixel tick alone is hard to hit.
        let tick = button(tick)
            .padding([0, 2])
            .style(|_: &Theme, _| button::Style::default())
            .on_press(play_from(cue.at_ms));
        stack = stack.push(placed(cue, total_ms, container(tick).id(format!("row-cue-{i}"))));
    }
    let listed = cues.iter().map(TimedCue::describe).collect::<Vec<_>>().join("\n");
    tooltip(
        stack,
        container(text(listed).size(12)).padding([6, 10]).style(theme::floating),
        tooltip::Position::Top,
    )
    .into()
}
