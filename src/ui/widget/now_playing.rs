//! The now-playing bar along the bottom of the window: cover and names, transport,
//! seek bar with times, shuffle, repeat and volume.

use std::time::Duration;

use iced::widget::{Space, button, column, container, row, slider, stack, text, tooltip};
use iced::{Alignment, Element, Length, Theme};

use super::cover::cover;
use super::cue_marks;
use super::fit;
use super::format::duration;
use super::icon::{Icon, icon};
use super::span_select::span_select;
use super::waveform;
use crate::analysis::features::Waveform;
use crate::library::model::Library;
use crate::ost::note_lists::TimedCue;
use crate::player::Repeat;
use crate::ui::covers::Covers;
use crate::ui::playback::Playback;
use crate::ui::theme;

pub const HEIGHT: f32 = 92.0;
/// The waveform behind the seek slider.
const WAVE_HEIGHT: f32 = 22.0;

#[derive(Debug, Clone)]
pub enum Transport {
    TogglePause,
    Next,
    Previous,
    /// The seek slider is being dragged to this many seconds.
    SeekPreview(f32),
    SeekCommit,
    Volume(f32),
    /// The speaker: silence, or back to the volume before.
    Mute,
    Shuffle,
    Repeat,
    /// Go to the series (or album) of what is playing.
    ShowCurrent,
    /// A cue's mark was clicked: play from there (seconds).
    JumpTo(f32),
    /// A span was dragged out on the waveform (seconds).
    Select(f32, f32),
    /// "Find this theme": the selected span's recurrences (the whole track's without one).
    FindTheme,
    /// ♥ the playing track, or take the ♥ back.
    Favourite,
}

/// What the bar shows of the playing track beyond the playback state.
pub struct Extras<'a> {
    /// Where the seek slider is being dragged to, in seconds.
    pub seek_preview: Option<f32>,
    /// "Lee Hwan · theme · Ep 4 · The confession"
    pub notes: Option<String>,
    /// Its shape, once measured.
    pub wave: Option<&'a Waveform>,
    /// Its timed cues, in time order.
    pub cues: Vec<TimedCue>,
    /// For the cues' colours (a character without one takes the accent).
    pub theme: Theme,
    /// The span chosen on the waveform, in seconds.
    pub selection: Option<(f32, f32)>,
    /// The playing track is a favourite (`None`: nothing from the library plays).
    pub favourite: Option<bool>,
}

pub fn view<'a>(
    playback: &'a Playback,
    library: &'a Library,
    covers: &'a Covers,
    extras: Extras<'a>,
) -> Element<'a, Transport> {
    let notes = extras.notes.clone();
    let favourite = extras.favourite;
    let centre = column![transport(playback), seek_bar(playback, extras)]
        .spacing(4)
        .align_x(Alignment::Center)
        .width(Length::FillPortion(4));
    container(
        row![
            track_info(playback, library, covers, notes),
            heart(favourite),
            centre,
            volume(playback)
        ]
        .spacing(24)
        .align_y(Alignment::Center),
    )
    .padding([14, 20])
    .height(Length::Fixed(HEIGHT))
    .width(Length::Fill)
    .style(theme::now_playing_bar)
    .into()
}

/// Cover, title, artist and where the track comes from; pressing it goes to the
/// series (or album) of what is playing.
fn track_info<'a>(
    playback: &'a Playback,
    library: &'a Library,
    covers: &'a Covers,
    notes: Option<String>,
) -> Element<'a, Transport> {
    let entry = playback.current_entry();
    let track = entry.and_then(|e| e.track).and_then(|t| library.track(t));
    let album = track.and_then(|t| library.album(t.album));
    let title = entry
        .map(|e| e.title(library))
        .unwrap_or_else(|| "Nothing playing".into());
    let cover_seed = album.map(|a| a.title.clone()).unwrap_or_else(|| "♪".into());
    // A file from outside the library shows its own tags.
    let fields = entry.and_then(|e| e.fields(library));
    let artist = fields.and_then(|f| f.artist.as_deref()).unwrap_or_default().to_owned();
    let context_album = album
        .map(|a| match library.series_at(a.series) {
            // "Secret Garden · Secret Garden OST Part.1" says the series twice.
            Some(s) if !a.title.contains(&s.name) => format!("{} · {}", s.name, a.title),
            _ => a.title.clone(),
        })
        .or_else(|| fields.and_then(|f| f.album.as_deref()).map(String::from))
        .unwrap_or_default();
    // Characters and scenes get a line of their own; the album then joins the artist.
    let (second, third) = match notes {
        Some(notes) => (
            [artist, context_album]
                .into_iter()
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" · "),
            notes,
        ),
        None => (artist, context_album),
    };
    let cover_handle = track.and_then(|t| covers.get(t.album));
    button(
        row![
            cover(cover_handle, 60.0, &cover_seed),
            column![
                fit::line(title, 15.0, fit::plain),
                fit::line(second, 12.0, muted),
                fit::line(third, 12.0, muted),
            ]
            .spacing(2)
            .clip(true),
        ]
        .spacing(14)
        .align_y(Alignment::Center),
    )
    .padding(0)
    .style(theme::bare)
    .on_press_maybe(album.map(|_| Transport::ShowCurrent))
    .width(Length::FillPortion(3))
    .into()
}

/// ♥ for the playing track: filled in the accent when it is a favourite.
fn heart<'a>(favourite: Option<bool>) -> Element<'a, Transport> {
    let Some(on) = favourite else {
        return Space::new().width(Length::Fixed(0.0)).into();
    };
    let label = text(if on { "♥" } else { "♡" })
        .size(20)
        .style(move |t: &Theme| text::Style {
            color: Some(if on { theme::accent(t) } else { theme::muted(t) }),
        });
    let hint = if on {
        "A favourite (Ctrl+L takes it back)"
    } else {
        "Add to favourites (Ctrl+L)"
    };
    tooltip(
        container(
            button(label)
                .padding([4, 8])
                .style(theme::icon_button)
                .on_press(Transport::Favourite),
        )
        .id("favourite"),
        container(text(hint).size(12)).padding(6).style(theme::floating),
        tooltip::Position::Top,
    )
    .into()
}

/// Shuffle, previous, play/pause, next, repeat; shuffle and repeat light up when on.
fn transport(playback: &Playback) -> Element<'_, Transport> {
    let playing = playback.playing && !playback.paused;
    let small = |ic: Icon, active: bool, m: Transport| {
        button(
            icon(ic, 18.0, None).style(move |t: &Theme, _| iced::widget::svg::Style {
                color: Some(if active { theme::accent(t) } else { theme::muted(t) }),
            }),
        )
        .padding(8)
        .style(theme::icon_button)
        .on_press(m)
    };
    row![
        small(Icon::Shuffle, playback.shuffle, Transport::Shuffle),
        container(
            button(icon(Icon::Previous, 20.0, None))
                .padding(8)
                .style(theme::icon_button)
                .on_press(Transport::Previous)
        )
        .id("transport-previous"),
        button(
            icon(
                if playing { Icon::Pause } else { Icon::Play },
                22.0,
                Some(iced::Color::BLACK)
            )
            .style(|t: &Theme, _| iced::widget::svg::Style {
                color: Some(t.palette().background)
            })
        )
        .padding(11)
        .style(theme::primary_button)
        .on_press(Transport::TogglePause),
        container(
            button(icon(Icon::Next, 20.0, None))
                .padding(8)
                .style(theme::icon_button)
                .on_press(Transport::Next)
        )
        .id("transport-next"),
        small(
            if playback.repeat == Repeat::One {
                Icon::RepeatOne
            } else {
                Icon::Repeat
            },
            playback.repeat != Repeat::Off,
            Transport::Repeat
        ),
    ]
    .spacing(8)
    .align_y(Alignment::Center)
    .into()
}

/// Position, seek slider and length. While the slider is dragged it shows the
/// dragged-to position, and only seeks on release.
fn seek_bar<'a>(playback: &'a Playback, extras: Extras<'a>) -> Element<'a, Transport> {
    let total = playback.duration().unwrap_or_default().as_secs_f32().max(0.001);
    let position = extras
        .seek_preview
        .unwrap_or(playback.position.as_secs_f32())
        .min(total);
    let seek = slider(0.0..=total, position, Transport::SeekPreview)
        .on_release(Transport::SeekCommit)
        .step(0.1_f32);
    // With the track's shape measured, the slider's rail gives way to it.
    let total_ms = total * 1000.0;
    let mut spans = cue_marks::spans(&extras.cues, total_ms, &extras.theme);
    if let Some((from, to)) = extras.selection {
        spans.push((from / total, to / total, extras.theme.palette().text));
    }
    let mut bar = match extras.wave {
        Some(wave) => stack![
            waveform::shape(wave, position / total, WAVE_HEIGHT).spans(spans),
            container(seek.style(theme::seek_slider_over_wave)).center_y(Length::Fixed(WAVE_HEIGHT)),
            // Right-drag (or Shift-drag) marks a span to find.
            span_select(WAVE_HEIGHT, move |from, to| Transport::Select(from * total, to * total)),
        ],
        None => stack![container(seek.style(theme::seek_slider)).center_y(Length::Fixed(WAVE_HEIGHT))],
    };
    // The cues' marks over both, when the track's length is known.
    if !extras.cues.is_empty() && playback.duration().is_some() {
        bar = bar.push(cue_marks::layers(
            &extras.cues,
            total_ms,
            WAVE_HEIGHT,
            &extras.theme,
            Transport::JumpTo,
        ));
    }
    let find: Element<'_, Transport> = if extras.wave.is_some() {
        let what = if extras.selection.is_some() {
            "Find this theme: where the marked span recurs"
        } else {
            "Find this theme: where this track's music recurs (right-drag on the waveform to mark a span)"
        };
        tooltip(
            container(
                button(icon(Icon::Search, 16.0, None))
                    .padding(4)
                    .style(theme::icon_button)
                    .on_press(Transport::FindTheme),
            )
            .id("find-theme"),
            container(text(what).size(12)).padding([6, 10]).style(theme::floating),
            tooltip::Position::Top,
        )
        .into()
    } else {
        Space::new().width(Length::Fixed(22.0)).into()
    };
    row![
        text(duration(Duration::from_secs_f32(position))).size(11).style(muted),
        container(bar).id("seek-bar"),
        text(playback.duration().map(duration).unwrap_or_else(|| "--:--".into()))
            .size(11)
            .style(muted),
        find,
    ]
    .spacing(10)
    .align_y(Alignment::Center)
    .into()
}

/// The volume slider, pushed to the right edge; under bit-perfect output, which has no
/// volume, the stream's format in its place.
fn volume(playback: &Playback) -> Element<'_, Transport> {
    if playback.bit_perfect {
        let stream = playback.output_format.as_ref().filter(|_| playback.playing);
        let (label, note) = match stream {
            Some(f) if f.bit_perfect => (format!("Bit-perfect · {}", f.label), None),
            Some(f) => (format!("{} · not bit-perfect", f.label), f.note.clone()),
            None => ("Bit-perfect".to_owned(), None),
        };
        let exact = note.is_none();
        let label = text(label).size(12).style(move |t: &Theme| text::Style {
            color: Some(if exact { theme::accent(t) } else { theme::muted(t) }),
        });
        // Why not, on hover: a sound server resampling, converting or scaling.
        let shown: Element<'_, Transport> = match note {
            Some(note) => tooltip(
                label,
                container(text(sentence(&note)).size(12))
                    .padding([6, 10])
                    .style(theme::floating),
                tooltip::Position::Top,
            )
            .into(),
            None => label.into(),
        };
        return row![Space::new().width(Length::Fill), container(shown).id("bit-perfect")]
            .align_y(Alignment::Center)
            .width(Length::FillPortion(3))
            .into();
    }
    row![
        Space::new().width(Length::Fill),
        container(
            button(icon(
                if playback.volume > 0.0 {
                    Icon::Volume
                } else {
                    Icon::Muted
                },
                18.0,
                None
            ))
            .padding(4)
            .style(theme::icon_button)
            .on_press(Transport::Mute)
        )
        .id("mute"),
        slider(0.0..=1.0, playback.volume, Transport::Volume)
            .step(0.01_f32)
            .width(Length::Fixed(110.0))
            .style(theme::seek_slider),
    ]
    .spacing(10)
    .align_y(Alignment::Center)
    .width(Length::FillPortion(3))
    .into()
}

/// The engine's lower-case clause as a sentence of its own.
fn sentence(clause: &str) -> String {
    let mut chars = clause.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect::<String>() + ".")
        .unwrap_or_default()
}

/// Artist, album and times in the theme's muted colour.
fn muted(t: &Theme) -> text::Style {
    text::Style {
        color: Some(theme::muted(t)),
    }
}
