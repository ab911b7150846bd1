//! Leitmotif's look: two palettes (night and day) and the few styles the screens share.
//! Surfaces step up in lightness for hierarchy; one warm accent marks what plays.

use iced::border::Radius;
use iced::theme::{Mode, Palette};
use iced::widget::{button, container, slider, text_input};
use iced::{Background, Border, Color, Shadow, Theme, Vector, color};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeChoice {
    #[default]
    System,
    Dark,
    Light,
}

impl ThemeChoice {
    pub const ALL: [ThemeChoice; 3] = [ThemeChoice::System, ThemeChoice::Dark, ThemeChoice::Light];
}

impl std::fmt::Display for ThemeChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            ThemeChoice::System => "Follow the system",
            ThemeChoice::Dark => "Night",
            ThemeChoice::Light => "Day",
        })
    }
}

const NIGHT: Palette = Palette {
    background: color!(0x131218),
    text: color!(0xecebf2),
    primary: color!(0xe3b062),
    success: color!(0x7fc8a9),
    warning: color!(0xe9c46a),
    danger: color!(0xe76f6f),
};

const DAY: Palette = Palette {
    background: color!(0xf6f4f0),
    text: color!(0x1d1b24),
    primary: color!(0xa8641c),
    success: color!(0x2f7d5b),
    warning: color!(0x9a6b00),
    danger: color!(0xb63a3a),
};

pub fn theme(choice: ThemeChoice, system: Mode) -> Theme {
    let dark = match choice {
        ThemeChoice::Dark => true,
        ThemeChoice::Light => false,
        ThemeChoice::System => system != Mode::Light,
    };
    if dark {
        Theme::custom("Leitmotif Night", NIGHT)
    } else {
        Theme::custom("Leitmotif Day", DAY)
    }
}

pub const RADIUS: f32 = 10.0;

fn mix(a: Color, b: Color, t: f32) -> Color {
    Color::from_rgba(
        a.r + (b.r - a.r) * t,
        a.g + (b.g - a.g) * t,
        a.b + (b.b - a.b) * t,
        a.a + (b.a - a.a) * t,
    )
}

/// A surface `level` steps above the window background (0 = the background).
pub fn surface(theme: &Theme, level: f32) -> Color {
    let p = theme.palette();
    mix(p.background, p.text, 0.035 * level)
}

pub fn muted(theme: &Theme) -> Color {
    let p = theme.palette();
    mix(p.text, p.background, 0.42)
}

/// Text that asks for attention (a folder only polled, a setting that needs help).
pub fn warning_text(theme: &Theme) -> iced::widget::text::Style {
    iced::widget::text::Style {
        color: Some(theme.palette().warning),
    }
}

pub fn accent(theme: &Theme) -> Color {
    theme.palette().primary
}

pub fn sidebar(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(surface(theme, 1.0).into()),
        ..container::Style::default()
    }
}

pub fn now_playing_bar(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(surface(theme, 1.6).into()),
        border: Border {
            color: surface(theme, 3.0),
            width: 1.0,
            radius: Radius::default(),
        },
        ..container::Style::default()
    }
}

pub fn card(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(surface(theme, 1.4).into()),
        border: Border {
            radius: RADIUS.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

/// Whether quads may cast shadows: iced's CPU renderer (tiny-skia) leaves a changed
/// shadow's area black until the next full redraw (iced#2712: its damage regions
/// leave the shadow out), so a menu opened there showed as a black box.
static SHADOWS: std::sync::LazyLock<bool> =
    std::sync::LazyLock::new(|| std::env::var("ICED_BACKEND").map_or(true, |b| !b.contains("tiny-skia")));

pub fn floating(theme: &Theme) -> container::Style {
    container::Style {
        background: Some(surface(theme, 2.4).into()),
        border: Border {
            color: surface(theme, 5.0),
            width: 1.0,
            radius: RADIUS.into(),
        },
        shadow: if *SHADOWS {
            Shadow {
                color: Color::from_rgba(0.0, 0.0, 0.0, 0.35),
                offset: Vector::new(0.0, 6.0),
                blur_radius: 24.0,
            }
        } else {
            Shadow::default()
        },
        ..container::Style::default()
    }
}

pub fn scrim(_theme: &Theme) -> container::Style {
    container::Style {
        background: Some(Color::from_rgba(0.0, 0.0, 0.0, 0.45).into()),
        ..container::Style::default()
    }
}

pub fn banner(theme: &Theme) -> container::Style {
    let p = theme.palette();
    container::Style {
        background: Some(mix(p.background, p.warning, 0.18).into()),
        text_color: Some(p.text),
        border: Border {
            color: mix(p.background, p.warning, 0.5),
            width: 1.0,
            radius: RADIUS.into(),
        },
        ..container::Style::default()
    }
}

pub fn cover_placeholder(theme: &Theme, seed: u64) -> container::Style {
    // A stable hue per album, so placeholders tell albums apart.
    let hue = (seed % 360) as f32;
    let base = hsl(hue, 0.35, if theme.extended_palette().is_dark { 0.28 } else { 0.72 });
    container::Style {
        background: Some(Background::Color(base)),
        text_color: Some(mix(base, theme.palette().text, 0.75)),
        border: Border {
            radius: 8.0.into(),
            ..Border::default()
        },
        ..container::Style::default()
    }
}

fn hsl(h: f32, s: f32, l: f32) -> Color {
    let c = (1.0 - (2.0 * l - 1.0).abs()) * s;
    let x = c * (1.0 - ((h / 60.0) % 2.0 - 1.0).abs());
    let m = l - c / 2.0;
    let (r, g, b) = match h as u32 / 60 {
        0 => (c, x, 0.0),
        1 => (x, c, 0.0),
        2 => (0.0, c, x),
        3 => (0.0, x, c),
        4 => (x, 0.0, c),
        _ => (c, 0.0, x),
    };
    Color::from_rgb(r + m, g + m, b + m)
}

/// Sidebar entries and tabs: quiet until hovered, filled when active.
pub fn nav(active: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.palette();
        let background = match (active, status) {
            (true, _) => Some(mix(surface(theme, 1.0), p.primary, 0.16).into()),
            (false, button::Status::Hovered | button::Status::Pressed) => Some(surface(theme, 2.5).into()),
            _ => None,
        };
        button::Style {
            background,
            text_color: if active { p.primary } else { p.text },
            border: Border {
                radius: 8.0.into(),
                ..Border::default()
            },
            ..button::Style::default()
        }
    }
}

/// Round, borderless buttons for transport icons and row actions.
pub fn icon_button(theme: &Theme, status: button::Status) -> button::Style {
    let background = match status {
        button::Status::Hovered => Some(surface(theme, 3.5).into()),
        button::Status::Pressed => Some(surface(theme, 5.0).into()),
        _ => None,
    };
    // A button with nothing to do (Back with nowhere to go) fades.
    let text_color = match status {
        button::Status::Disabled => muted(theme),
        _ => theme.palette().text,
    };
    button::Style {
        background,
        text_color,
        border: Border {
            radius: 999.0.into(),
            ..Border::default()
        },
        ..button::Style::default()
    }
}

pub fn primary_button(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.palette();
    let background = match status {
        button::Status::Hovered => mix(p.primary, p.text, 0.12),
        button::Status::Pressed => mix(p.primary, p.background, 0.15),
        button::Status::Disabled => mix(p.primary, p.background, 0.5),
        button::Status::Active => p.primary,
    };
    button::Style {
        background: Some(background.into()),
        text_color: p.background,
        border: Border {
            radius: 999.0.into(),
            ..Border::default()
        },
        ..button::Style::default()
    }
}

pub fn secondary_button(theme: &Theme, status: button::Status) -> button::Style {
    let p = theme.palette();
    let background = match status {
        button::Status::Hovered | button::Status::Pressed => surface(theme, 4.0),
        _ => surface(theme, 2.5),
    };
    button::Style {
        background: Some(background.into()),
        text_color: p.text,
        border: Border {
            radius: 999.0.into(),
            ..Border::default()
        },
        ..button::Style::default()
    }
}

/// A track row: the playing one tinted with the accent, the selected one raised.
pub fn row(selected: bool, playing: bool) -> impl Fn(&Theme, button::Status) -> button::Style {
    move |theme, status| {
        let p = theme.palette();
        let background = if selected {
            Some(mix(surface(theme, 2.0), p.primary, 0.14).into())
        } else if matches!(status, button::Status::Hovered | button::Status::Pressed) {
            Some(surface(theme, 1.8).into())
        } else {
            None
        };
        button::Style {
            background,
            text_color: if playing { p.primary } else { p.text },
            border: Border {
                radius: 6.0.into(),
                ..Border::default()
            },
            ..button::Style::default()
        }
    }
}

/// The same look for rows drawn as containers (rows with their own mouse handling).
pub fn row_container(selected: bool, playing: bool) -> impl Fn(&Theme) -> container::Style {
    move |theme| {
        let b = row(selected, playing)(theme, button::Status::Active);
        container::Style {
            background: b.background,
            text_color: Some(b.text_color),
            border: b.border,
            ..container::Style::default()
        }
    }
}

/// Cards are buttons with no chrome of their own: the card container draws them.
pub fn bare(theme: &Theme, status: button::Status) -> button::Style {
    button::Style {
        background: matches!(status, button::Status::Hovered).then(|| surface(theme, 2.2).into()),
        text_color: theme.palette().text,
        border: Border {
            radius: RADIUS.into(),
            ..Border::default()
        },
        ..button::Style::default()
    }
}

pub fn search_box(theme: &Theme, status: text_input::Status) -> text_input::Style {
    let p = theme.palette();
    let focused = matches!(status, text_input::Status::Focused { .. });
    text_input::Style {
        background: surface(theme, 2.0).into(),
        border: Border {
            color: if focused { p.primary } else { surface(theme, 3.0) },
            width: 1.0,
            radius: 999.0.into(),
        },
        icon: muted(theme),
        placeholder: muted(theme),
        value: p.text,
        selection: mix(p.background, p.primary, 0.4),
    }
}

/// The seek slider over the track's waveform: the waveform shows what has played, so
/// the rail is a hairline and the handle stays.
pub fn seek_slider_over_wave(theme: &Theme, status: slider::Status) -> slider::Style {
    let mut style = seek_slider(theme, status);
    style.rail.backgrounds = (Color::TRANSPARENT.into(), Color::TRANSPARENT.into());
    style
}

pub fn seek_slider(theme: &Theme, status: slider::Status) -> slider::Style {
    let mut style = slider::default(theme, status);
    let p = theme.palette();
    style.rail.backgrounds = (p.primary.into(), surface(theme, 4.0).into());
    style.rail.width = 4.0;
    style.handle.shape = slider::HandleShape::Circle {
        radius: if matches!(status, slider::Status::Hovered | slider::Status::Dragged) {
            7.0
        } else {
            5.0
        },
    };
    style.handle.background = p.text.into();
    style.handle.border_width = 0.0;
    style
}
