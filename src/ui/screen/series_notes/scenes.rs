//! The scenes section: scenes in story order behind the "watched up to" spoiler guard,
//! each with its reorderable tracks, and the fields that add one.

use iced::widget::{Column, Space, button, column, container, row, text, text_input};
use iced::{Alignment, Element, Length};

use super::cue_form::{CueOwner, span_button};
use super::{Message, State, Target, muted};
use crate::library::model::{Library, TrackIdx};
use crate::ost::note_lists::{Resolved, is_hidden};
use crate::ost::sheet::format_time;
use crate::store::{Scene, TrackRef};
use crate::ui::notes::Notes;
use crate::ui::theme;
use crate::ui::widget::format::count;
use crate::ui::widget::icon::{Icon, icon};

impl State {
    pub(super) fn scenes<'a>(
        &'a self,
        library: &'a Library,
        n: &'a Notes,
        resolved: &Resolved<'_>,
        now: Option<(TrackIdx, u64)>,
    ) -> Element<'a, Message> {
        let mut list = Column::new().spacing(10);
        let mut hidden = 0;
        for i in resolved.story_order() {
            let s = &n.notes.scenes[i];
            if is_hidden(s, n.watched_up_to) && !self.revealed {
                hidden += 1;
                continue;
            }
            list = list.push(self.scene_card(library, i, s, resolved, now));
        }
        if hidden > 0 {
            list = list.push(spoiler_notice(hidden, n.watched_up_to.unwrap_or(0)));
        }
        column![self.scenes_header(n), list, self.add_scene()]
            .spacing(12)
            .into()
    }

    /// The section title and the "watched up to episode" field; what is being typed
    /// wins over the stored value so a half-edited number is not replaced.
    fn scenes_header<'a>(&'a self, n: &'a Notes) -> Element<'a, Message> {
        let watched = self
            .watched_text
            .clone()
            .unwrap_or_else(|| n.watched_up_to.map(|w| w.to_string()).unwrap_or_default());
        row![
            text("Scenes").size(20).width(Length::Fill),
            text("Watched up to episode").size(13).style(muted),
            text_input("all", &watched)
                .id("watched-up-to")
                .on_input(Message::Watched)
                // Enter belongs to the field (each keystroke is applied already), not
                // to the page's "play the selected track".
                .on_submit(Message::WatchedEntered)
                .size(13)
                .padding([5, 8])
                .width(Length::Fixed(56.0)),
        ]
        .spacing(10)
        .align_y(Alignment::Center)
        .into()
    }

    /// One scene: its title row, note, numbered tracks (or a hint when it has none).
    fn scene_card<'a>(
        &'a self,
        library: &'a Library,
        i: usize,
        s: &'a Scene,
        resolved: &Resolved<'_>,
        now: Option<(TrackIdx, u64)>,
    ) -> Element<'a, Message> {
        let entries = resolved.scene_entries(i);
        let mut body = column![self.scene_title_row(i, s, !entries.is_empty())].spacing(6);
        if let Some(note) = &s.note {
            body = body.push(text(note.clone()).size(12).style(muted));
        }
        for (place, &(k, t, reference)) in entries.iter().enumerate() {
            body = body.push(scene_track_row(library, i, place, k, t, reference));
            let editing = CueOwner::Scene { scene: i, index: k };
            if let Some(form) = self.cue.as_ref().filter(|f| f.owner == editing) {
                body = body.push(form.view(now.filter(|(playing, _)| *playing == t).map(|(_, ms)| ms)));
            }
        }
        if s.tracks.is_empty() {
            body = body.push(
                text("Right-click a track and choose this scene to add it.")
                    .size(12)
                    .style(muted),
            );
        }
        container(body).padding([10, 14]).style(theme::card).into()
    }

    /// Episode (and time) badge, title or its rename field, then the scene's actions.
    fn scene_title_row<'a>(&'a self, i: usize, s: &'a Scene, has_tracks: bool) -> Element<'a, Message> {
        let when = match s.at_seconds {
            Some(at) => format!("EP {} · {}", s.episode, format_time(at)),
            None => format!("EP {}", s.episode),
        };
        let title: Element<'a, Message> = match self.edit_form(Target::Scene(i)) {
            Some(form) => form,
            None => text(s.title.clone()).size(15).into(),
        };
        let when_tracks = |m: Message| has_tracks.then_some(m);
        row![
            container(text(when).size(11)).padding([2, 8]).style(theme::card),
            title,
            Space::new().width(Length::Fill),
            container(
                button(icon(Icon::Play, 14.0, None))
                    .padding(6)
                    .style(theme::icon_button)
                    .on_press_maybe(when_tracks(Message::PlayScene(i)))
            )
            .id(format!("play-scene-{i}")),
            button(text("Queue").size(12))
                .padding([5, 10])
                .style(theme::icon_button)
                .on_press_maybe(when_tracks(Message::QueueScene(i))),
            button(text("M3U8").size(12))
                .padding([5, 10])
                .style(theme::icon_button)
                .on_press_maybe(when_tracks(Message::ExportScene(i))),
            container(
                button(text("Edit").size(12))
                    .padding([5, 10])
                    .style(theme::icon_button)
                    .on_press(Message::Edit(Target::Scene(i)))
            )
            .id(format!("edit-scene-{i}")),
            button(text("Delete").size(12))
                .padding([5, 10])
                .style(theme::icon_button)
                .on_press(Message::Delete(Target::Scene(i))),
        ]
        .spacing(10)
        .align_y(Alignment::Center)
        .into()
    }

    fn add_scene<'a>(&'a self) -> Element<'a, Message> {
        row![
            text_input("Ep", &self.new_episode)
                .id("new-scene-episode")
                .on_input(Message::NewSceneEpisode)
                .on_submit(Message::CreateScene)
                .size(14)
                .padding([7, 10])
                .width(Length::Fixed(56.0)),
            text_input("New scene…", &self.new_scene)
                .id("new-scene-title")
                .on_input(Message::NewSceneTitle)
                .on_submit(Message::CreateScene)
                .size(14)
                .padding([7, 12])
                .width(Length::Fixed(240.0)),
            button(text("Add scene").size(13))
                .padding([7, 14])
                .style(theme::secondary_button)
                .on_press(Message::CreateScene),
        ]
        .spacing(8)
        .into()
    }
}

/// Entry `k` of scene `i` (shown `place`-th: entries not in the library are not
/// shown): number, title, where in the track the scene uses it (which plays it from
/// there), and cue / move up / move down / remove buttons (ids
/// `scene-{i}-{cue|up|down|remove}-{k}` so tests can press them).
fn scene_track_row<'a>(
    library: &'a Library,
    i: usize,
    place: usize,
    k: usize,
    t: TrackIdx,
    reference: &TrackRef,
) -> Element<'a, Message> {
    let small = |ic: Icon, name: &str, m: Message| {
        container(
            button(icon(ic, 12.0, None))
                .padding(4)
                .style(theme::icon_button)
                .on_press(m),
        )
        .id(format!("scene-{i}-{name}-{k}"))
    };
    let span = span_button(reference, t, true, format!("scene-{i}-span-{k}"));
    row![
        text(format!("{}.", place + 1))
            .size(12)
            .style(muted)
            .width(Length::Fixed(24.0)),
        text(library.tracks[t].title()).size(13).width(Length::Fill),
    ]
    .push(span)
    .push(
        row![
            small(
                Icon::Clock,
                "cue",
                Message::EditSceneCue {
                    scene: i,
                    index: k,
                    track: t
                }
            ),
            small(
                Icon::Up,
                "up",
                Message::MoveSceneTrack {
                    scene: i,
                    from: k,
                    to: k.saturating_sub(1)
                }
            ),
            small(
                Icon::Down,
                "down",
                Message::MoveSceneTrack {
                    scene: i,
                    from: k,
                    to: k + 1
                }
            ),
            small(Icon::Close, "remove", Message::RemoveSceneTrack { scene: i, index: k }),
        ]
        .spacing(6),
    )
    .spacing(6)
    .align_y(Alignment::Center)
    .into()
}

/// "N scenes hidden after episode W (spoilers)" with the button that shows them.
fn spoiler_notice<'a>(hidden: usize, watched_up_to: u32) -> Element<'a, Message> {
    row![
        text(format!(
            "{} hidden after episode {} (spoilers)",
            count(hidden, "scene", "scenes"),
            watched_up_to
        ))
        .size(13)
        .style(muted),
        button(text("Reveal").size(12))
            .padding([5, 12])
            .style(theme::secondary_button)
            .on_press(Message::Reveal),
    ]
    .spacing(12)
    .align_y(Alignment::Center)
    .into()
}
