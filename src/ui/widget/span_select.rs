//! A span chosen on the waveform: dragged with the right button (or with Shift held
//! and the left one), as audio editors let a region be marked over a seek bar. Lies
//! over the seek slider and takes only those drags; a plain click still seeks.

use iced::advanced::layout::{self, Layout};
use iced::advanced::renderer;
use iced::advanced::widget::{Tree, Widget, tree};
use iced::advanced::{Clipboard, Shell};
use iced::{Color, Element, Event, Length, Rectangle, Size, Theme, keyboard, mouse};

/// Shorter drags than this share of the bar are clicks, not spans.
const LEAST: f32 = 0.004;

pub struct SpanSelect<'a, Message> {
    height: f32,
    /// Called with the span chosen, as fractions of the bar (from < to).
    on_select: Box<dyn Fn(f32, f32) -> Message + 'a>,
}

pub fn span_select<'a, Message>(height: f32, on_select: impl Fn(f32, f32) -> Message + 'a) -> SpanSelect<'a, Message> {
    SpanSelect {
        height,
        on_select: Box::new(on_select),
    }
}

#[derive(Debug, Default)]
struct State {
    /// Where the drag began (a fraction of the bar) while one is under way.
    anchor: Option<f32>,
    at: f32,
    shift: bool,
}

fn fraction(bounds: Rectangle, x: f32) -> f32 {
    ((x - bounds.x) / bounds.width.max(1.0)).clamp(0.0, 1.0)
}

impl<Message, Renderer: renderer::Renderer> Widget<Message, Theme, Renderer> for SpanSelect<'_, Message> {
    fn tag(&self) -> tree::Tag {
        tree::Tag::of::<State>()
    }

    fn state(&self) -> tree::State {
        tree::State::new(State::default())
    }

    fn size(&self) -> Size<Length> {
        Size::new(Length::Fill, Length::Fixed(self.height))
    }

    fn layout(&mut self, _tree: &mut Tree, _renderer: &Renderer, limits: &layout::Limits) -> layout::Node {
        layout::Node::new(limits.resolve(Length::Fill, Length::Fixed(self.height), Size::ZERO))
    }

    fn update(
        &mut self,
        tree: &mut Tree,
        event: &Event,
        layout: Layout<'_>,
        cursor: mouse::Cursor,
        _renderer: &Renderer,
        _clipboard: &mut dyn Clipboard,
        shell: &mut Shell<'_, Message>,
        _viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_mut::<State>();
        let bounds = layout.bounds();
        match event {
            Event::Keyboard(keyboard::Event::ModifiersChanged(m)) => state.shift = m.shift(),
            Event::Mouse(mouse::Event::ButtonPressed(button)) => {
                let wanted = *button == mouse::Button::Right || (*button == mouse::Button::Left && state.shift);
                // A cue's mark above takes the pointer but not the right button: a
                // drag may begin on one.
                if let Some(p) = cursor.land().position_over(bounds).filter(|_| wanted) {
                    let x = fraction(bounds, p.x);
                    state.anchor = Some(x);
                    state.at = x;
                    shell.capture_event();
                    shell.request_redraw();
                }
            }
            Event::Mouse(mouse::Event::CursorMoved { position }) if state.anchor.is_some() => {
                state.at = fraction(bounds, position.x);
                shell.request_redraw();
            }
            Event::Mouse(mouse::Event::ButtonReleased(_)) => {
                if let Some(anchor) = state.anchor.take() {
                    let (from, to) = (anchor.min(state.at), anchor.max(state.at));
                    if to - from >= LEAST {
                        shell.publish((self.on_select)(from, to));
                    }
                    shell.capture_event();
                    shell.request_redraw();
                }
            }
            _ => {}
        }
    }

    fn mouse_interaction(
        &self,
        tree: &Tree,
        _layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
        _renderer: &Renderer,
    ) -> mouse::Interaction {
        // Only while dragging: otherwise the slider below owns the pointer.
        if tree.state.downcast_ref::<State>().anchor.is_some() {
            mouse::Interaction::Crosshair
        } else {
            mouse::Interaction::None
        }
    }

    fn draw(
        &self,
        tree: &Tree,
        renderer: &mut Renderer,
        theme: &Theme,
        _style: &renderer::Style,
        layout: Layout<'_>,
        _cursor: mouse::Cursor,
        _viewport: &Rectangle,
    ) {
        let state = tree.state.downcast_ref::<State>();
        let Some(anchor) = state.anchor else {
            return;
        };
        let colour = Color {
            a: 0.25,
            ..theme.palette().text
        };
        super::waveform::shade(
            renderer,
            layout.bounds(),
            anchor.min(state.at),
            anchor.max(state.at),
            colour,
        );
    }
}

impl<'a, Message: 'a, Renderer: renderer::Renderer + 'a> From<SpanSelect<'a, Message>>
    for Element<'a, Message, Theme, Renderer>
{
    fn from(s: SpanSelect<'a, Message>) -> Self {
        Element::new(s)
    }
}
