//! The playing track's shape behind the seek slider: per column of pixels the lowest
//! and highest sample the analysis kept, the played part in the accent colour.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer::{self, Quad};
use iced::advanced::widget::{Tree, Widget};
use iced::{Color, Element, Length, Rectangle, Size, Theme, mouse};

use crate::analysis::features::Waveform;

/// Width of one drawn bar and the gap after it, in pixels.
const BAR: f32 = 2.0;
const GAP: f32 = 1.0;

pub struct Shape<'a> {
    wave: &'a Waveform,
    /// How much has played, 0–1.
    played: f32,
    height: f32,
    /// Spans to shade behind the shape (timed cues): from, to (0–1), colour.
    spans: Vec<(f32, f32, Color)>,
}

pub fn shape(wave: &Waveform, played: f32, height: f32) -> Shape<'_> {
    Shape {
        wave,
        played: played.clamp(0.0, 1.0),
        height,
        spans: Vec::new(),
    }
}

impl Shape<'_> {
    /// Shades these spans (fractions of the track) in their colours.
    pub fn spans(mut self, spans: Vec<(f32, f32, Color)>) -> Self {
        self.spans = spans;
        self
    }
}

impl<Message, Renderer: renderer::Renderer> Widget<Message, Theme, Renderer> for Shape<'_> {
    fn size(&self) -> Size<Length> {
        Size::new(Length::Fill, Length::Fixed(self.height))
    }

    fn layout(&mut self, _tree: &mut Tree, _renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
        layout::Node::new(limits.resolve(Length::Fill, Length::Fixed(self.height), Size::ZERO))
    }

    fn draw(
        &self,
        _tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        _style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
        let bounds = layout.bounds();
        let columns = self.wave.max.len();
        if columns == 0 || bounds.width < BAR {
            return;
        }
        let palette = theme.palette();
        let played = Color {
            a: 0.55,
            ..palette.primary
        };
        let ahead = Color {
            a: 0.22,
            ..palette.text
        };
        for &(from, to, colour) in &self.spans {
            shade(renderer, bounds, from, to, Color { a: 0.22, ..colour });
        }
        let bars = ((bounds.width + GAP) / (BAR + GAP)).floor() as usize;
        let mid = bounds.y + bounds.height / 2.0;
        let half = bounds.height / 2.0;
        for bar in 0..bars {
            // The columns this bar covers: its highest and lowest.
            let from = bar * columns / bars;
            let to = ((bar + 1) * columns / bars).max(from + 1).min(columns);
            let hi = self.wave.max[from..to].iter().copied().max().unwrap_or(0);
            let lo = self.wave.min[from..to].iter().copied().min().unwrap_or(0);
            let top = mid - f32::from(hi.max(0)) / 127.0 * half;
            let bottom = mid - f32::from(lo.min(0)) / 127.0 * half;
            let x = bounds.x + bar as f32 * (BAR + GAP);
            let colour = if (bar as f32 + 0.5) / bars as f32 <= self.played {
                played
            } else {
                ahead
            };
            renderer.fill_quad(
                Quad {
                    bounds: Rectangle {
                        x,
                        y: top,
                        width: BAR,
                        // Silence still shows as a hairline, so the bar reads as a track.
                        height: (bottom - top).max(1.0),
                    },
                    ..Quad::default()
                },
                colour,
            );
        }
    }
}

/// Fills the part of `bounds` from `from` to `to` (fractions of its width, at least a
/// pixel wide) with `colour`: a cue's span, or the span being marked.
pub fn shade<Renderer: renderer::Renderer>(
    renderer: &mut Renderer,
    bounds: Rectangle,
    from: f32,
    to: f32,
    colour: Color,
) {
    let (from, to) = (from.clamp(0.0, 1.0), to.clamp(0.0, 1.0));
    renderer.fill_quad(
        Quad {
            bounds: Rectangle {
                x: bounds.x + from * bounds.width,
                y: bounds.y,
                width: ((to - from) * bounds.width).max(1.0),
                height: bounds.height,
            },
            ..Quad::default()
        },
        colour,
    );
}

impl<'a, Message: 'a, Renderer: renderer::Renderer + 'a> From<Shape<'a>> for Element<'a, Message, Theme, Renderer> {
    fn from(shape: Shape<'a>) -> Self {
        Element::new(shape)
    }
}
