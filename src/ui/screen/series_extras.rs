//! The parts of a series page beside its music: the franchise strip, compilation
//! tracks naming the series ("Also on"), and the invitation to add characters and scenes.

use iced::widget::{Column, button, column, row, text};
use iced::{Alignment, Element, Theme};

use crate::library::model::{Library, SeriesIdx};
use crate::ui::theme;

use super::series_page::Message;

/// "Stranger Things · Season 1 · Season 2 · …": the franchise's series in order, this
/// one marked.
pub fn franchise_strip(library: &Library, series: SeriesIdx) -> Option<Element<'_, Message>> {
    let f = library.franchises.get(library.series_at(series)?.franchise?)?;
    let mut strip = row![
        text(format!("FRANCHISE · {}", f.name))
            .size(12)
            .style(|t: &Theme| text::Style {
                color: Some(theme::muted(t))
            })
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    for &s in &f.series {
        let name = library.series[s].name.clone();
        let b = button(text(name).size(13)).padding([4, 10]);
        strip = strip.push(if s == series {
            b.style(theme::primary_button)
        } else {
            b.style(theme::secondary_button).on_press(Message::OpenSeries(s))
        });
    }
    Some(strip.wrap().into())
}

/// Compilation tracks whose own tags name this series.
pub fn also_on(library: &Library, series: SeriesIdx) -> Option<Element<'_, Message>> {
    let tracks = &library.series_at(series)?.also_on;
    if tracks.is_empty() {
        return None;
    }
    let mut section = Column::new().spacing(6).push(text("Also on").size(20));
    for &t in tracks {
        let track = &library.tracks[t];
        let album = &library.albums[track.album].title;
        section = section.push(
            button(text(format!("{} — {album}", track.title())).size(14))
                .padding([4, 10])
                .style(theme::secondary_button)
                .on_press(Message::PlayTrack(t)),
        );
    }
    Some(section.into())
}

/// Below the music of a series nobody has annotated: what characters and scenes are for.
pub fn invitation<'a>() -> Element<'a, Message> {
    column![
        text("Add characters and scenes").size(20),
        text(
            "Give each character their themes, or list the music of each episode in story order, \
             and play them as playlists. Or import a series sheet someone has shared."
        )
        .size(13)
        .style(|t: &iced::Theme| text::Style {
            color: Some(crate::ui::theme::muted(t))
        }),
    ]
    .spacing(6)
    .into()
}
