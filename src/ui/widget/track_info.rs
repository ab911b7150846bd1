//! Everything known of one track, as a panel over the window: its tags (with the disc
//! subtitle, catalog number, composer, grouping, work), the file's format, rate, bit
//! depth, channels and length, ReplayGain, its path, and "Show in folder".

use iced::widget::{Column, button, column, container, row, scrollable, text};
use iced::{Alignment, Element, Length, Theme};

use crate::library::model::Library;
use crate::library::model::TrackIdx;
use crate::ui::theme;
use crate::ui::widget::format::duration_ms;

/// The panel for `track`; `close` and `show_in_folder` are what its buttons send.
/// `file_tags` are the file's own tags beyond those (arranger, lyricist, label…):
/// `None` while they are read.
pub fn view<'a, M: Clone + 'a>(
    library: &'a Library,
    track: TrackIdx,
    file_tags: Option<&'a Result<Vec<(String, String)>, String>>,
    close: M,
    show_in_folder: M,
) -> Element<'a, M> {
    let Some(t) = library.track(track) else {
        return column![].into();
    };
    let f = &t.fields;
    let album = library.album(t.album);
    let series = album.and_then(|a| library.series_at(a.series));
    let number = |n: Option<u32>, of: Option<u32>| match (n, of) {
        (Some(n), Some(of)) => Some(format!("{n} of {of}")),
        (Some(n), None) => Some(n.to_string()),
        _ => None,
    };
    let gain = |g: Option<f64>, p: Option<f64>| {
        g.map(|g| match p {
            Some(p) => format!("{g:+.2} dB (peak {p:.3})"),
            None => format!("{g:+.2} dB"),
        })
    };
    let audio = [
        Some(f.format.to_string()).filter(|s| !s.is_empty()),
        f.sample_rate.map(|r| format!("{:.1} kHz", f64::from(r) / 1000.0)),
        f.bit_depth.map(|b| format!("{b}-bit")),
        f.channels.map(|c| match c {
            1 => "mono".to_owned(),
            2 => "stereo".to_owned(),
            n => format!("{n} channels"),
        }),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" · ");
    let lines: Vec<(&str, Option<String>)> = vec![
        ("Artist", f.artist.as_deref().map(String::from)),
        ("Album", Some(album.map(|a| a.title.clone()).unwrap_or_default())),
        ("Album artist", f.album_artist.as_deref().map(String::from)),
        ("Series", series.map(|s| s.name.clone())),
        ("Disc", number(f.disc, f.disc_total)),
        ("Disc subtitle", f.disc_subtitle.as_deref().map(String::from)),
        ("Track", number(f.track, f.track_total)),
        ("Composer", f.composer.as_deref().map(String::from)),
        ("Grouping", f.grouping.as_deref().map(String::from)),
        ("Work", f.work.as_deref().map(String::from)),
        ("Genre", f.genre.as_deref().map(String::from)),
        ("Date", f.date.as_deref().map(String::from)),
        ("Catalog number", f.catalog.as_deref().map(String::from)),
        ("Length", f.duration_ms.map(duration_ms)),
        ("Audio", Some(audio).filter(|a| !a.is_empty())),
        ("ReplayGain track", gain(f.rg_track_gain, f.rg_track_peak)),
        ("ReplayGain album", gain(f.rg_album_gain, f.rg_album_peak)),
        ("MusicBrainz recording", f.mb_recording_id.as_deref().map(String::from)),
    ];
    let mut rows = Column::new().spacing(8);
    for (label, value) in lines {
        let Some(value) = value.filter(|v| !v.is_empty()) else {
            continue;
        };
        rows = rows.push(
            row![
                text(label).size(12).style(muted).width(Length::Fixed(150.0)),
                text(value).size(13).width(Length::Fill),
            ]
            .spacing(12),
        );
    }
    if !t.available {
        rows = rows.push(text("The file's folder is not reachable now.").size(12).style(muted));
    } else {
        rows = rows.push(more_tags(file_tags));
    }
    // Last, where the eye looks for it before "Show in folder".
    rows = rows.push(
        row![
            text("File").size(12).style(muted).width(Length::Fixed(150.0)),
            text(t.path.display().to_string()).size(13).width(Length::Fill),
        ]
        .spacing(12),
    );
    let buttons = row![
        button(text("Show in folder").size(13))
            .padding([7, 14])
            .style(theme::secondary_button)
            .on_press(show_in_folder),
        button(text("Close").size(13))
            .padding([7, 14])
            .style(theme::icon_button)
            .on_press(close),
    ]
    .spacing(8)
    .align_y(Alignment::Center);
    container(
        column![
            text(t.title()).size(22),
            scrollable(rows).height(Length::Shrink),
            buttons
        ]
        .spacing(18),
    )
    .padding(24)
    .max_width(640)
    .max_height(560)
    .style(theme::floating)
    .into()
}

/// The file's other tags, one row each like those above.
fn more_tags<'a, M: 'a>(tags: Option<&'a Result<Vec<(String, String)>, String>>) -> Element<'a, M> {
    let Some(tags) = tags else {
        return text("Reading the file's other tags…").size(12).style(muted).into();
    };
    let tags = match tags {
        Ok(tags) => tags,
        Err(why) => {
            return text(format!("The file's other tags could not be read: {why}"))
                .size(12)
                .style(muted)
                .into();
        }
    };
    let mut rows = Column::new().spacing(8);
    for (label, value) in tags {
        rows = rows.push(
            row![
                text(label.as_str()).size(12).style(muted).width(Length::Fixed(150.0)),
                text(value.as_str()).size(13).width(Length::Fill),
            ]
            .spacing(12),
        );
    }
    rows.into()
}

fn muted(t: &Theme) -> text::Style {
    text::Style {
        color: Some(theme::muted(t)),
    }
}
