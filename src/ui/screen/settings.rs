//! Settings: library folders, ReplayGain, theme.

use iced::widget::{Column, button, checkbox, column, container, pick_list, row, scrollable, text};
use iced::{Alignment, Element, Length, Theme};

use crate::library::bilingual::NameDisplay;
use crate::library::scan::FileError;
use crate::player::devices::DeviceInfo;
use crate::player::{GainSource, ReplayGainMode};
use crate::store::Root;
use crate::ui::theme::{self, ThemeChoice};

/// The id of this screen's scrollable.
pub const SCROLL_ID: &str = "settings";

#[derive(Debug, Clone)]
pub enum Message {
    AddFolder,
    RemoveFolder(String),
    Rescan,
    ReplayGain(GainChoice),
    GainSource(SourceChoice),
    Analyse(bool),
    Device(DeviceChoice),
    BitPerfect(bool),
    Theme(ThemeChoice),
    Names(NameDisplay),
}

pub enum Event {
    AddFolder,
    RemoveFolder(String),
    Rescan,
    ReplayGain(ReplayGainMode),
    GainSource(GainSource),
    Analyse(bool),
    /// Play through this device (`None`: the system's default).
    Device(Option<String>),
    BitPerfect(bool),
    Theme(ThemeChoice),
    Names(NameDisplay),
}

/// ReplayGain modes with the names the settings show.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GainChoice(pub ReplayGainMode);

impl std::fmt::Display for GainChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            ReplayGainMode::Off => "Off",
            ReplayGainMode::Track => "Track gain (each track evened out)",
            ReplayGainMode::Album => "Album gain (keeps an album's dynamics)",
        })
    }
}

/// Where gains come from, as the settings say it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceChoice(pub GainSource);

impl std::fmt::Display for SourceChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.0 {
            GainSource::TagsFirst => "Tags first, else measured loudness",
            GainSource::AnalysisFirst => "Measured loudness first, else tags",
        })
    }
}

const SOURCES: [SourceChoice; 2] = [
    SourceChoice(GainSource::TagsFirst),
    SourceChoice(GainSource::AnalysisFirst),
];

/// An output device as the list shows it; no name is the system's default.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeviceChoice {
    pub name: Option<String>,
    pub label: String,
}

impl std::fmt::Display for DeviceChoice {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.label)
    }
}

/// What the Output section shows: the devices listed, and the one chosen.
pub struct Devices<'a> {
    pub listed: &'a Result<Vec<DeviceInfo>, String>,
    pub chosen: Option<&'a str>,
    pub bit_perfect: bool,
}

impl Devices<'_> {
    fn choices(&self) -> Vec<DeviceChoice> {
        let default = self.listed.as_ref().ok().and_then(|l| l.iter().find(|d| d.default));
        let mut choices = vec![DeviceChoice {
            name: None,
            label: match default {
                Some(d) => format!("System default ({})", d.description),
                None => "System default".into(),
            },
        }];
        for d in self.listed.as_ref().map(Vec::as_slice).unwrap_or_default() {
            choices.push(DeviceChoice {
                name: Some(d.name.clone()),
                label: d.description.clone(),
            });
        }
        // A chosen device that is not there now (unplugged) stays shown as chosen.
        if let Some(name) = self.chosen
            && !choices.iter().any(|c| c.name.as_deref() == Some(name))
        {
            choices.push(DeviceChoice {
                name: Some(name.to_owned()),
                label: format!("{name} (not connected)"),
            });
        }
        choices
    }
}

/// What the ReplayGain section shows.
pub struct Gain {
    pub mode: ReplayGainMode,
    pub source: GainSource,
    /// Tracks whose loudness the analysis has measured, of the library's.
    pub measured: usize,
    pub tracks: usize,
    /// Measuring in the background is on.
    pub analyse: bool,
}

const GAINS: [GainChoice; 3] = [
    GainChoice(ReplayGainMode::Track),
    GainChoice(ReplayGainMode::Album),
    GainChoice(ReplayGainMode::Off),
];

pub fn update(message: Message) -> Event {
    match message {
        Message::AddFolder => Event::AddFolder,
        Message::RemoveFolder(p) => Event::RemoveFolder(p),
        Message::Rescan => Event::Rescan,
        Message::ReplayGain(g) => Event::ReplayGain(g.0),
        Message::GainSource(g) => Event::GainSource(g.0),
        Message::Analyse(on) => Event::Analyse(on),
        Message::Device(d) => Event::Device(d.name),
        Message::BitPerfect(on) => Event::BitPerfect(on),
        Message::Theme(t) => Event::Theme(t),
        Message::Names(n) => Event::Names(n),
    }
}

pub fn view<'a>(
    roots: &'a [Root],
    watching: &'a [(std::path::PathBuf, crate::library::watch::Mode)],
    unreadable: &'a [FileError],
    gain: Gain,
    devices: Devices<'a>,
    (choice, names): (ThemeChoice, NameDisplay),
    scanning: bool,
) -> Element<'a, Message> {
    let muted = |t: &Theme| text::Style {
        color: Some(theme::muted(t)),
    };
    let mut folders = Column::new().spacing(8);
    if roots.is_empty() {
        folders = folders.push(text("No library folders yet.").size(14).style(muted));
    }
    for root in roots {
        // On its own line under the path: no bullet to join it to anything.
        let mut about = column![text(root.path.clone()).size(14)].width(Length::Fill);
        if !root.available {
            about = about.push(text("Not reachable: its tracks are kept").size(12).style(muted));
        } else if let Some((_, mode)) = watching.iter().find(|(p, _)| p.as_os_str() == root.path.as_str()) {
            // Polled or unwatched is worth knowing (and what to do); watched is the norm.
            let line = text(mode.describe()).size(12);
            about = about.push(match mode {
                crate::library::watch::Mode::Notified => line.style(muted),
                _ => line.style(theme::warning_text),
            });
        }
        folders = folders.push(
            container(
                row![
                    about,
                    button(text("Remove").size(13))
                        .padding([6, 14])
                        .style(theme::secondary_button)
                        .on_press(Message::RemoveFolder(root.path.clone())),
                ]
                .align_y(Alignment::Center)
                .spacing(12),
            )
            .padding([10, 14])
            .style(theme::card),
        );
    }
    let section = |title: &'a str, body: Element<'a, Message>| column![text(title).size(18), body].spacing(12);
    let content = column![
        text("Settings").size(30),
        section(
            "Library folders",
            column![
                folders,
                row![
                    button(text("Add music folder…").size(14))
                        .padding([9, 18])
                        .style(theme::primary_button)
                        .on_press(Message::AddFolder),
                    button(text(if scanning { "Scanning…" } else { "Rescan" }).size(14))
                        .padding([9, 18])
                        .style(theme::secondary_button)
                        .on_press_maybe((!scanning).then_some(Message::Rescan)),
                ]
                .spacing(12),
                unreadable_list(unreadable),
            ]
            .spacing(12)
            .into()
        ),
        section(
            "ReplayGain",
            column![
                pick_list(GAINS, Some(GainChoice(gain.mode)), Message::ReplayGain).text_size(14),
                pick_list(SOURCES, Some(SourceChoice(gain.source)), Message::GainSource).text_size(14),
                checkbox(gain.analyse)
                    .label("Measure loudness in the background (EBU R128, for tracks without ReplayGain tags)")
                    .text_size(14)
                    .on_toggle(Message::Analyse),
                text(format!(
                    "Loudness measured for {} of {} tracks",
                    gain.measured, gain.tracks
                ))
                .size(12)
                .style(muted),
            ]
            .spacing(10)
            .into()
        ),
        section("Output", {
            let choices = devices.choices();
            let chosen = choices.iter().find(|c| c.name.as_deref() == devices.chosen).cloned();
            let mut body = column![
                pick_list(choices, chosen, Message::Device).text_size(14),
                checkbox(devices.bit_perfect)
                    .label("Bit-perfect: each track at its own sample rate and format")
                    .text_size(14)
                    .on_toggle(Message::BitPerfect),
                text(if devices.bit_perfect {
                    "The device gets the file's samples untouched: volume and ReplayGain are off \
                     (set the level on your amplifier), and a change of format reopens the device \
                     between tracks."
                } else {
                    "Volume and ReplayGain apply; every track is resampled to one output rate."
                })
                .size(12)
                .style(muted),
            ]
            .spacing(8);
            if let Err(e) = devices.listed {
                body = body.push(
                    text(format!("The devices could not be listed: {e}"))
                        .size(12)
                        .style(muted),
                );
            }
            body.into()
        }),
        section(
            "Appearance",
            column![
                pick_list(ThemeChoice::ALL, Some(choice), Message::Theme).text_size(14),
                // Series named in two scripts: a Western fan may want the English name
                // alone, a Korean fan the Hangul.
                pick_list(NameDisplay::ALL, Some(names), Message::Names).text_size(14),
            ]
            .spacing(12)
            .into()
        ),
    ]
    .spacing(32)
    .padding([24, 28])
    .max_width(760);
    scrollable(content).id(SCROLL_ID).height(Length::Fill).into()
}

/// Files a scan could not read: told once in a notice when found, listed here for as
/// long as they stay unreadable.
fn unreadable_list(files: &[FileError]) -> Element<'_, Message> {
    const SHOWN: usize = 200;
    let muted = |t: &Theme| text::Style {
        color: Some(theme::muted(t)),
    };
    if files.is_empty() {
        return Column::new().into();
    }
    let title = match files.len() {
        1 => "1 file could not be read".to_owned(),
        n => format!("{n} files could not be read"),
    };
    let mut list = Column::new().spacing(4).push(text(title).size(14));
    for f in files.iter().take(SHOWN) {
        list = list.push(text(format!("{}: {}", f.path, f.error)).size(12).style(muted));
    }
    if files.len() > SHOWN {
        list = list.push(
            text(format!(
                "and {} more (leitmotif scan lists them all)",
                files.len() - SHOWN
            ))
            .size(12)
            .style(muted),
        );
    }
    list.into()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(name: &str, description: &str, default: bool) -> DeviceInfo {
        DeviceInfo {
            name: name.into(),
            description: description.into(),
            default,
            runs_at: None,
        }
    }

    #[test]
    fn the_default_is_named_and_an_unplugged_choice_stays() {
        let listed = Ok(vec![
            device("hall", "Hall Speakers", true),
            device("booth", "Booth", false),
        ]);
        let labels = |chosen| {
            Devices {
                listed: &listed,
                chosen,
                bit_perfect: false,
            }
            .choices()
            .iter()
            .map(|c| c.label.clone())
            .collect::<Vec<_>>()
        };
        assert_eq!(
            labels(None),
            ["System default (Hall Speakers)", "Hall Speakers", "Booth"]
        );
        assert_eq!(labels(Some("booth")).len(), 3);
        assert_eq!(
            labels(Some("usb-dac")).last().map(String::as_str),
            Some("usb-dac (not connected)")
        );
        let failed: Result<Vec<DeviceInfo>, String> = Err("no server".into());
        let only_default = Devices {
            listed: &failed,
            chosen: None,
            bit_perfect: false,
        }
        .choices();
        assert_eq!(only_default.len(), 1);
        assert_eq!(only_default[0].label, "System default");
    }
}
