//! Transport and action icons: small SVGs drawn for Leitmotif, tinted to the theme.
//! Handles are made once (a handle made in `view` would be a new image every frame).

use std::sync::LazyLock;

use iced::widget::svg::{self, Handle, Svg};
use iced::{Length, Theme};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Icon {
    Play,
    Pause,
    Next,
    Previous,
    Shuffle,
    Repeat,
    RepeatOne,
    Volume,
    Muted,
    Search,
    Close,
    Up,
    Down,
    Plus,
    Series,
    Album,
    Tracks,
    Queue,
    Lyrics,
    Settings,
    Clock,
}

fn source(icon: Icon) -> &'static str {
    match icon {
        Icon::Clock => {
            r#"<circle cx="12" cy="12" r="8.5" fill="none" stroke="black" stroke-width="2"/><path fill="none" stroke="black" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M12 7.5V12l3 2"/>"#
        }
        Icon::Play => r#"<path d="M8 5.5v13a1 1 0 0 0 1.5.86l10.5-6.5a1 1 0 0 0 0-1.72L9.5 4.64A1 1 0 0 0 8 5.5z"/>"#,
        Icon::Pause => {
            r#"<rect x="6" y="5" width="4.2" height="14" rx="1.2"/><rect x="13.8" y="5" width="4.2" height="14" rx="1.2"/>"#
        }
        Icon::Next => {
            r#"<path d="M5 6.2v11.6a.9.9 0 0 0 1.4.75l8.6-5.8a.9.9 0 0 0 0-1.5L6.4 5.45A.9.9 0 0 0 5 6.2z"/><rect x="16.5" y="5.5" width="2.6" height="13" rx="1"/>"#
        }
        Icon::Previous => {
            r#"<path d="M19 6.2v11.6a.9.9 0 0 1-1.4.75L9 12.75a.9.9 0 0 1 0-1.5l8.6-5.8A.9.9 0 0 1 19 6.2z"/><rect x="4.9" y="5.5" width="2.6" height="13" rx="1"/>"#
        }
        Icon::Shuffle => {
            r#"<path fill="none" stroke="black" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M3 7h3.5c4.5 0 6.5 10 11 10H21M3 17h3.5c1.8 0 3-1.6 4.2-3.6M13.3 9.6C14.5 8 15.7 7 17.5 7H21M18.5 4.5 21 7l-2.5 2.5M18.5 14.5 21 17l-2.5 2.5"/>"#
        }
        Icon::Repeat => {
            r#"<path fill="none" stroke="black" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M4 11V9.5A3.5 3.5 0 0 1 7.5 6H19M16 3l3 3-3 3M20 13v1.5a3.5 3.5 0 0 1-3.5 3.5H5M8 21l-3-3 3-3"/>"#
        }
        Icon::RepeatOne => {
            r#"<path fill="none" stroke="black" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" d="M4 11V9.5A3.5 3.5 0 0 1 7.5 6H19M16 3l3 3-3 3M20 13v1.5a3.5 3.5 0 0 1-3.5 3.5H5M8 21l-3-3 3-3M11.2 10.4 12.6 9.5v5"/>"#
        }
        Icon::Volume => {
            r#"<path d="M4 9.2v5.6a1 1 0 0 0 1 1h2.8l4.6 3.7a.8.8 0 0 0 1.3-.6V5.1a.8.8 0 0 0-1.3-.6L7.8 8.2H5a1 1 0 0 0-1 1z"/><path fill="none" stroke="black" stroke-width="1.9" stroke-linecap="round" d="M16.5 8.8a4.5 4.5 0 0 1 0 6.4M19 6.3a8 8 0 0 1 0 11.4"/>"#
        }
        Icon::Muted => {
            r#"<path d="M4 9.2v5.6a1 1 0 0 0 1 1h2.8l4.6 3.7a.8.8 0 0 0 1.3-.6V5.1a.8.8 0 0 0-1.3-.6L7.8 8.2H5a1 1 0 0 0-1 1z"/><path fill="none" stroke="black" stroke-width="1.9" stroke-linecap="round" d="m16.5 9.5 5 5m0-5-5 5"/>"#
        }
        Icon::Search => {
            r#"<circle cx="10.5" cy="10.5" r="6" fill="none" stroke="black" stroke-width="2.2"/><path stroke="black" stroke-width="2.4" stroke-linecap="round" d="m15.2 15.2 4.8 4.8"/>"#
        }
        Icon::Close => {
            r#"<path stroke="black" stroke-width="2.2" stroke-linecap="round" d="m6.5 6.5 11 11m0-11-11 11"/>"#
        }
        Icon::Up => {
            r#"<path fill="none" stroke="black" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="m6 14.5 6-6 6 6"/>"#
        }
        Icon::Down => {
            r#"<path fill="none" stroke="black" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round" d="m6 9.5 6 6 6-6"/>"#
        }
        Icon::Plus => r#"<path stroke="black" stroke-width="2.2" stroke-linecap="round" d="M12 5v14M5 12h14"/>"#,
        Icon::Series => {
            r#"<rect x="3" y="3" width="8" height="8" rx="2"/><rect x="13" y="3" width="8" height="8" rx="2" opacity=".6"/><rect x="3" y="13" width="8" height="8" rx="2" opacity=".6"/><rect x="13" y="13" width="8" height="8" rx="2" opacity=".35"/>"#
        }
        Icon::Album => {
            r#"<circle cx="12" cy="12" r="9" fill="none" stroke="black" stroke-width="2"/><circle cx="12" cy="12" r="2.6"/>"#
        }
        Icon::Tracks => {
            r#"<path stroke="black" stroke-width="2.2" stroke-linecap="round" d="M4 6.5h16M4 12h16M4 17.5h10"/>"#
        }
        Icon::Queue => {
            r#"<path stroke="black" stroke-width="2.2" stroke-linecap="round" d="M4 6.5h11M4 12h11M4 17.5h7"/><path d="M16 14.5v6l5-3z"/>"#
        }
        Icon::Lyrics => {
            r#"<path fill="none" stroke="black" stroke-width="2" stroke-linejoin="round" d="M4 5.5h16v10H10l-4.5 3.5v-3.5H4z"/><path stroke="black" stroke-width="2" stroke-linecap="round" d="M8 9h8M8 12h5"/>"#
        }
        Icon::Settings => {
            r#"<path fill="none" stroke="black" stroke-width="2" stroke-linecap="round" d="M4 7h9M17 7h3M4 17h3M11 17h9"/><circle cx="15" cy="7" r="2.3" fill="none" stroke="black" stroke-width="2"/><circle cx="9" cy="17" r="2.3" fill="none" stroke="black" stroke-width="2"/>"#
        }
    }
}

const ALL: [Icon; 21] = [
    Icon::Play,
    Icon::Pause,
    Icon::Next,
    Icon::Previous,
    Icon::Shuffle,
    Icon::Repeat,
    Icon::RepeatOne,
    Icon::Volume,
    Icon::Muted,
    Icon::Search,
    Icon::Close,
    Icon::Up,
    Icon::Down,
    Icon::Plus,
    Icon::Series,
    Icon::Album,
    Icon::Tracks,
    Icon::Queue,
    Icon::Lyrics,
    Icon::Settings,
    Icon::Clock,
];

static HANDLES: LazyLock<Vec<Handle>> = LazyLock::new(|| {
    ALL.iter()
        .map(|&icon| {
            let svg = format!(
                r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24">{}</svg>"#,
                source(icon)
            );
            Handle::from_memory(svg.into_bytes())
        })
        .collect()
});

/// The icon at `size` px, drawn in `color` (the text colour when `None`).
pub fn icon<'a>(icon: Icon, size: f32, color: Option<iced::Color>) -> Svg<'a> {
    // ALL lists the icons in declaration order (unit-tested).
    let index = icon as usize;
    let handle = HANDLES.get(index).or(HANDLES.first()).cloned();
    Svg::new(handle.unwrap_or_else(|| Handle::from_memory(Vec::new())))
        .width(Length::Fixed(size))
        .height(Length::Fixed(size))
        .style(move |theme: &Theme, _status| svg::Style {
            color: Some(color.unwrap_or(theme.palette().text)),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_icon_has_its_own_drawing() {
        for (i, icon) in ALL.iter().enumerate() {
            assert_eq!(*icon as usize, i, "{icon:?} out of place");
        }
        // The last icon declared is the last listed: none is left out.
        assert_eq!(ALL.len(), Icon::Clock as usize + 1);
    }
}
