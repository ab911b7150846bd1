//! What a track's context menu holds, page by page, as data: the view draws it and the
//! keyboard walks it (↑/↓, Enter), so the two cannot disagree. Entries the track
//! already answers to (its character roles, its scenes) are checked; choosing one
//! again takes the track out.

use crate::library::model::TrackIdx;
use crate::ost::note_lists::{Resolved, is_hidden};
use crate::store::Role;

use super::{App, ContextMenu, MenuAction, MenuPage};

pub enum MenuLine {
    Entry {
        label: String,
        action: MenuAction,
        checked: bool,
    },
    /// A line to read, not to choose ("No scenes yet…").
    Remark(String),
}

fn entry(label: &str, action: MenuAction) -> MenuLine {
    MenuLine::Entry {
        label: label.to_owned(),
        action,
        checked: false,
    }
}

impl App {
    /// The lines of `menu`'s page.
    pub(super) fn menu_lines(&self, menu: &ContextMenu) -> Vec<MenuLine> {
        match menu.page {
            MenuPage::Main => self.main_lines(menu.track, menu.tracks.len()),
            MenuPage::Characters => self.character_lines(menu.track),
            MenuPage::Scenes => self.scene_lines(menu.track),
            MenuPage::Playlists => {
                let mut lines = vec![entry("New playlist…", MenuAction::NewPlaylist)];
                lines.extend(
                    self.playlists
                        .lists()
                        .iter()
                        .enumerate()
                        .map(|(i, p)| entry(&p.name, MenuAction::AddToPlaylist(i))),
                );
                lines
            }
        }
    }

    /// The actions of `menu`'s page, in order (what ↑/↓ move through).
    pub(super) fn menu_actions(&self, menu: &ContextMenu) -> Vec<MenuAction> {
        self.menu_lines(menu)
            .into_iter()
            .filter_map(|l| match l {
                MenuLine::Entry { action, .. } => Some(action),
                MenuLine::Remark(_) => None,
            })
            .collect()
    }

    /// The first page; with `selected` rows (more than one), the queue and playlist
    /// entries say they take them all.
    fn main_lines(&self, track: TrackIdx, selected: usize) -> Vec<MenuLine> {
        let mut lines = if selected > 1 {
            vec![
                MenuLine::Remark(format!("{selected} tracks selected")),
                entry(&format!("Play {selected} next"), MenuAction::PlayNext),
                entry(&format!("Add {selected} to queue"), MenuAction::AddToQueue),
                entry(
                    &format!("Add {selected} to playlist…"),
                    MenuAction::ShowPage(MenuPage::Playlists),
                ),
                entry("Play", MenuAction::Play),
            ]
        } else {
            vec![
                entry("Play", MenuAction::Play),
                entry("Play next", MenuAction::PlayNext),
                entry("Add to queue", MenuAction::AddToQueue),
            ]
        };
        if self.library.pairs.contains_key(&track) {
            lines.push(entry("Play the other version", MenuAction::PlayOtherVersion));
        }
        lines.extend([
            entry("Add to character…", MenuAction::ShowPage(MenuPage::Characters)),
            entry("Add to scene…", MenuAction::ShowPage(MenuPage::Scenes)),
        ]);
        if selected <= 1 {
            lines.push(entry("Add to playlist…", MenuAction::ShowPage(MenuPage::Playlists)));
        }
        lines.extend([
            entry("Go to album", MenuAction::GoToAlbum),
            entry("Go to series", MenuAction::GoToSeries),
            entry("Track info", MenuAction::Info),
        ]);
        lines
    }

    fn character_lines(&self, track: TrackIdx) -> Vec<MenuLine> {
        let Some((series, notes)) = self.track_notes(track) else {
            return vec![MenuLine::Remark(
                "No characters yet: add one on the series page.".into(),
            )];
        };
        if notes.notes.characters.is_empty() {
            return vec![MenuLine::Remark(
                "No characters yet: add one on the series page.".into(),
            )];
        }
        let held = Resolved::new(&self.library, series, &notes.notes).characters_of(track);
        let mut lines = Vec::new();
        for (i, c) in notes.notes.characters.iter().enumerate() {
            for role in Role::ALL {
                let checked = held.contains(&(i, role));
                lines.push(MenuLine::Entry {
                    label: format!("{} · {}", c.name, role.as_str()),
                    action: if checked {
                        MenuAction::Unassign(i)
                    } else {
                        MenuAction::Assign { character: i, role }
                    },
                    checked,
                });
            }
        }
        lines
    }

    fn scene_lines(&self, track: TrackIdx) -> Vec<MenuLine> {
        let Some((series, notes)) = self.track_notes(track).filter(|(_, n)| !n.notes.scenes.is_empty()) else {
            return vec![MenuLine::Remark("No scenes yet: add one on the series page.".into())];
        };
        let scenes = &notes.notes.scenes;
        let watched = notes.watched_up_to;
        let held = Resolved::new(&self.library, series, &notes.notes).scenes_of(track);
        // The spoiler guard holds here too: scenes past what was watched stay unnamed.
        let mut lines: Vec<MenuLine> = scenes
            .iter()
            .enumerate()
            .filter(|(_, s)| !is_hidden(s, watched))
            .map(|(i, s)| {
                let checked = held.contains(&i);
                MenuLine::Entry {
                    label: format!("Ep {} · {}", s.episode, s.title),
                    action: if checked {
                        MenuAction::RemoveFromScene(i)
                    } else {
                        MenuAction::AddToScene(i)
                    },
                    checked,
                }
            })
            .collect();
        let hidden = scenes.iter().filter(|s| is_hidden(s, watched)).count();
        if let (true, Some(w)) = (hidden > 0, watched) {
            let what = if hidden == 1 { "scene" } else { "scenes" };
            lines.push(MenuLine::Remark(format!(
                "{hidden} {what} after episode {w} hidden (spoilers)"
            )));
        }
        lines
    }

    fn track_notes(&self, track: TrackIdx) -> Option<(crate::library::model::SeriesIdx, &crate::ost::edits::Notes)> {
        let series = self.library.albums[self.library.track(track)?.album].series;
        let notes = self.notes.get(&self.library.series_at(series)?.name)?;
        Some((series, notes))
    }
}
