//! Edits to a series' characters, scenes and watch progress: what each means and when
//! it changes nothing. Pure but for `Assign`/`AddToScene`, which read a few kilobytes of
//! the assigned file for its audio key (so they run where file reads may: the store
//! worker, never the window's thread).

use crate::library::model::{Library, TrackIdx};
use crate::store::{Character, Cue, Role, Scene, SeriesNotes};

use super::track_match::{TrackMatcher, track_ref_with_audio};

/// One series' notes as the window holds them.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    pub notes: SeriesNotes,
    pub watched_up_to: Option<u32>,
}

/// A change the user makes to a series' notes.
#[derive(Debug, Clone, PartialEq)]
pub enum Edit {
    CreateCharacter(String),
    RenameCharacter(usize, String),
    DeleteCharacter(usize),
    /// Library track → character with a role (a track has one role per character).
    Assign {
        character: usize,
        track: TrackIdx,
        role: Role,
    },
    /// Where in the track the character's statement is (a timed cue), or the whole
    /// track again (an empty cue). Refused when the span is not inside the track.
    SetCue {
        character: usize,
        track: TrackIdx,
        cue: Cue,
    },
    /// One more statement of the character inside the track, at `cue` (a match the
    /// theme finder found). A whole-track entry of the track takes the span instead;
    /// refused when the span is already there or not inside the track.
    AddStatement {
        character: usize,
        track: TrackIdx,
        role: Role,
        cue: Cue,
    },
    /// The track no longer belongs to the character (in any role).
    Unassign {
        character: usize,
        track: TrackIdx,
    },
    /// A character's name in its original script, colour ("#c0392b") and note; empty
    /// text clears a field.
    CharacterDetails {
        character: usize,
        original_name: String,
        colour: String,
        note: String,
    },
    CreateScene {
        episode: u32,
        title: String,
    },
    /// A scene's episode, time into it ("12:30" as seconds) and note.
    SceneDetails {
        scene: usize,
        episode: u32,
        at_seconds: Option<u32>,
        note: String,
    },
    /// Every place the track holds in the scene.
    RemoveFromScene {
        scene: usize,
        track: TrackIdx,
    },
    RenameScene(usize, String),
    DeleteScene(usize),
    AddToScene {
        scene: usize,
        track: TrackIdx,
    },
    MoveSceneTrack {
        scene: usize,
        from: usize,
        to: usize,
    },
    /// Where in the track the scene uses it (entry `index` of the scene, a track of
    /// the series whose length checks the span), or the whole track (an empty cue).
    SetSceneCue {
        scene: usize,
        index: usize,
        track: TrackIdx,
        cue: Cue,
    },
    RemoveSceneTrack {
        scene: usize,
        index: usize,
    },
    SetWatched(Option<u32>),
}

/// Applies an edit in memory; false when it changes nothing (bad index, empty name).
pub fn apply(n: &mut Notes, edit: &Edit, library: &Library) -> bool {
    let notes = &mut n.notes;
    match edit.clone() {
        Edit::CreateCharacter(name) => {
            let name = name.trim().to_owned();
            if name.is_empty() || notes.characters.iter().any(|c| c.name == name) {
                return false;
            }
            notes.characters.push(Character {
                name,
                ..Character::default()
            });
        }
        Edit::RenameCharacter(i, name) => {
            let name = name.trim().to_owned();
            if name.is_empty()
                || notes
                    .characters
                    .iter()
                    .enumerate()
                    .any(|(j, c)| j != i && c.name == name)
            {
                return false;
            }
            let Some(c) = notes.characters.get_mut(i) else {
                return false;
            };
            c.name = name;
        }
        Edit::DeleteCharacter(i) => {
            if i >= notes.characters.len() {
                return false;
            }
            notes.characters.remove(i);
        }
        Edit::Assign { character, track, role } => {
            let (Some(c), Some(r)) = (
                notes.characters.get_mut(character),
                track_ref_with_audio(library, track),
            ) else {
                return false;
            };
            // A new role for a track it already has: every statement of it (each with its
            // timed cue) takes the role; nothing of the curation is dropped.
            let matcher = matcher_for(library, track);
            let (mut held, mut changed) = (false, false);
            for (old, t) in c.tracks.iter_mut() {
                if matcher.as_ref().and_then(|m| m.find(t)) == Some(track) {
                    held = true;
                    changed |= *old != role;
                    *old = role;
                }
            }
            if !held {
                c.tracks.push((role, r));
            } else if !changed {
                return false;
            }
        }
        Edit::SetCue { character, track, cue } => {
            let matcher = matcher_for(library, track);
            let length = library.track(track).and_then(|t| t.fields.duration_ms);
            let Some(c) = notes.characters.get_mut(character) else {
                return false;
            };
            let Some((_, r)) = c
                .tracks
                .iter_mut()
                .find(|(_, t)| matcher.as_ref().and_then(|m| m.find(t)) == Some(track))
            else {
                return false;
            };
            if !set_cue(r, cue, length) {
                return false;
            }
        }
        Edit::AddStatement {
            character,
            track,
            role,
            cue,
        } => {
            let matcher = matcher_for(library, track);
            let length = library.track(track).and_then(|t| t.fields.duration_ms);
            let (Some(c), Some(r)) = (
                notes.characters.get_mut(character),
                track_ref_with_audio(library, track),
            ) else {
                return false;
            };
            let timed = r.with_cue(&Cue {
                note: cue.note.as_deref().and_then(filled),
                ..cue
            });
            if crate::ost::sheet::cue_problem(&timed, length).is_some() {
                return false;
            }
            let held: Vec<usize> = (0..c.tracks.len())
                .filter(|&i| matcher.as_ref().and_then(|m| m.find(&c.tracks[i].1)) == Some(track))
                .collect();
            let span = |t: &crate::store::TrackRef| (t.at_ms, t.until_ms);
            if held.iter().any(|&i| span(&c.tracks[i].1) == span(&timed)) {
                return false;
            }
            match held.iter().find(|&&i| c.tracks[i].1.at_ms.is_none()) {
                Some(&whole) => c.tracks[whole] = (role, timed),
                None => c.tracks.push((role, timed)),
            }
        }
        Edit::Unassign { character, track } => {
            let matcher = matcher_for(library, track);
            let Some(c) = notes.characters.get_mut(character) else {
                return false;
            };
            let before = c.tracks.len();
            c.tracks
                .retain(|(_, r)| matcher.as_ref().and_then(|m| m.find(r)) != Some(track));
            if c.tracks.len() == before {
                return false;
            }
        }
        Edit::CharacterDetails {
            character,
            original_name,
            colour,
            note,
        } => {
            let colour = colour.trim();
            if !colour.is_empty() && parse_colour(colour).is_none() {
                return false;
            }
            let Some(c) = notes.characters.get_mut(character) else {
                return false;
            };
            c.original_name = filled(&original_name);
            c.colour = filled(colour);
            c.note = filled(&note);
        }
        Edit::SceneDetails {
            scene,
            episode,
            at_seconds,
            note,
        } => {
            let Some(s) = notes.scenes.get_mut(scene).filter(|_| episode > 0) else {
                return false;
            };
            s.episode = episode;
            s.at_seconds = at_seconds;
            s.note = filled(&note);
        }
        Edit::RemoveFromScene { scene, track } => {
            let matcher = matcher_for(library, track);
            let Some(s) = notes.scenes.get_mut(scene) else {
                return false;
            };
            let before = s.tracks.len();
            s.tracks
                .retain(|r| matcher.as_ref().and_then(|m| m.find(r)) != Some(track));
            if s.tracks.len() == before {
                return false;
            }
        }
        Edit::CreateScene { episode, title } => {
            let title = title.trim().to_owned();
            if title.is_empty() || episode == 0 {
                return false;
            }
            notes.scenes.push(Scene {
                episode,
                title,
                ..Scene::default()
            });
        }
        Edit::RenameScene(i, title) => {
            let title = title.trim().to_owned();
            let Some(s) = notes.scenes.get_mut(i).filter(|_| !title.is_empty()) else {
                return false;
            };
            s.title = title;
        }
        Edit::DeleteScene(i) => {
            if i >= notes.scenes.len() {
                return false;
            }
            notes.scenes.remove(i);
        }
        Edit::AddToScene { scene, track } => {
            let (Some(s), Some(r)) = (notes.scenes.get_mut(scene), track_ref_with_audio(library, track)) else {
                return false;
            };
            s.tracks.push(r);
        }
        Edit::MoveSceneTrack { scene, from, to } => {
            let Some(s) = notes.scenes.get_mut(scene) else {
                return false;
            };
            if from >= s.tracks.len() || to >= s.tracks.len() || from == to {
                return false;
            }
            let t = s.tracks.remove(from);
            s.tracks.insert(to, t);
        }
        Edit::SetSceneCue {
            scene,
            index,
            track,
            cue,
        } => {
            let length = library.track(track).and_then(|t| t.fields.duration_ms);
            let Some(r) = notes.scenes.get_mut(scene).and_then(|s| s.tracks.get_mut(index)) else {
                return false;
            };
            if !set_cue(r, cue, length) {
                return false;
            }
        }
        Edit::RemoveSceneTrack { scene, index } => {
            let Some(s) = notes.scenes.get_mut(scene).filter(|s| index < s.tracks.len()) else {
                return false;
            };
            s.tracks.remove(index);
        }
        Edit::SetWatched(watched) => n.watched_up_to = watched,
    }
    true
}

/// Times the reference `r` with `cue` (an empty note dropped); false, leaving it, when
/// the span is not inside a track of `length_ms` or nothing changes.
fn set_cue(r: &mut crate::store::TrackRef, cue: Cue, length_ms: Option<u64>) -> bool {
    let timed = r.clone().with_cue(&Cue {
        note: cue.note.as_deref().and_then(filled),
        ..cue
    });
    if crate::ost::sheet::cue_problem(&timed, length_ms).is_some() || *r == timed {
        return false;
    }
    *r = timed;
    true
}

/// Matches references against the series `track` belongs to.
fn matcher_for(library: &Library, track: TrackIdx) -> Option<TrackMatcher<'_>> {
    let album = library.track(track)?.album;
    Some(TrackMatcher::for_series(library, library.album(album)?.series))
}

fn filled(text: &str) -> Option<String> {
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_owned())
}

/// "#c0392b" or "#c39" as red, green and blue.
pub fn parse_colour(text: &str) -> Option<(u8, u8, u8)> {
    let hex = text.trim().strip_prefix('#')?;
    let digits: Vec<u8> = hex
        .chars()
        .map(|c| c.to_digit(16).map(|d| d as u8))
        .collect::<Option<_>>()?;
    match digits.as_slice() {
        [r, g, b] => Some((r * 17, g * 17, b * 17)),
        [r1, r2, g1, g2, b1, b2] => Some((r1 * 16 + r2, g1 * 16 + g2, b1 * 16 + b2)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notes_with(characters: &[&str], scenes: &[(u32, &str, usize)]) -> Notes {
        let mut n = Notes::default();
        for name in characters {
            n.notes.characters.push(Character {
                name: (*name).to_owned(),
                ..Character::default()
            });
        }
        for (episode, title, tracks) in scenes {
            n.notes.scenes.push(Scene {
                episode: *episode,
                title: (*title).to_owned(),
                tracks: (0..*tracks)
                    .map(|i| crate::store::TrackRef {
                        mbid: None,
                        album: "A".into(),
                        disc: None,
                        track: Some(i as u32 + 1),
                        title: format!("t{i}"),
                        album_artist: None,
                        length_ms: None,
                        audio: None,
                        at_ms: None,
                        until_ms: None,
                        cue_note: None,
                    })
                    .collect(),
                ..Scene::default()
            });
        }
        n
    }

    #[test]
    fn colours_are_checked_and_details_cleared_by_empty_text() {
        assert_eq!(parse_colour("#c0392b"), Some((0xc0, 0x39, 0x2b)));
        assert_eq!(parse_colour("#fff"), Some((255, 255, 255)));
        assert_eq!(parse_colour("red"), None);
        let library = Library::default();
        let mut n = notes_with(&["Empress"], &[]);
        let details = |colour: &str, note: &str| Edit::CharacterDetails {
            character: 0,
            original_name: "황후".into(),
            colour: colour.into(),
            note: note.into(),
        };
        assert!(!apply(&mut n, &details("crimson", ""), &library), "not a colour");
        assert!(apply(
            &mut n,
            &details(" #c0392b ", "Her theme turns minor in Ep 9"),
            &library
        ));
        let c = &n.notes.characters[0];
        assert_eq!(
            (c.original_name.as_deref(), c.colour.as_deref(), c.note.as_deref()),
            (Some("황후"), Some("#c0392b"), Some("Her theme turns minor in Ep 9"))
        );
        assert!(apply(&mut n, &details("", " "), &library));
        assert_eq!(
            (n.notes.characters[0].colour.clone(), n.notes.characters[0].note.clone()),
            (None, None)
        );
    }

    fn titles(n: &Notes, scene: usize) -> Vec<String> {
        n.notes.scenes[scene].tracks.iter().map(|t| t.title.clone()).collect()
    }

    #[test]
    fn characters_are_named_once_and_never_blank() {
        let library = Library::default();
        let mut n = notes_with(&["Lee Hwan"], &[]);
        assert!(!apply(&mut n, &Edit::CreateCharacter("  ".into()), &library));
        assert!(!apply(&mut n, &Edit::CreateCharacter("Lee Hwan".into()), &library));
        assert!(apply(&mut n, &Edit::CreateCharacter("  Empress ".into()), &library));
        assert_eq!(n.notes.characters[1].name, "Empress");
        assert!(
            !apply(&mut n, &Edit::RenameCharacter(1, "Lee Hwan".into()), &library),
            "taken"
        );
        assert!(
            apply(&mut n, &Edit::RenameCharacter(1, "Empress".into()), &library),
            "its own name"
        );
        assert!(!apply(&mut n, &Edit::RenameCharacter(5, "X".into()), &library));
        assert!(!apply(&mut n, &Edit::DeleteCharacter(2), &library));
        assert!(apply(&mut n, &Edit::DeleteCharacter(0), &library));
        assert_eq!(n.notes.characters.len(), 1);
    }

    #[test]
    fn scenes_need_an_episode_and_a_title_and_keep_their_order() {
        let library = Library::default();
        let mut n = notes_with(&[], &[(4, "The confession", 3)]);
        assert!(!apply(
            &mut n,
            &Edit::CreateScene {
                episode: 0,
                title: "X".into()
            },
            &library
        ));
        assert!(!apply(
            &mut n,
            &Edit::CreateScene {
                episode: 2,
                title: " ".into()
            },
            &library
        ));
        assert!(apply(
            &mut n,
            &Edit::CreateScene {
                episode: 2,
                title: "Rain".into()
            },
            &library
        ));
        assert!(!apply(&mut n, &Edit::RenameScene(0, "".into()), &library));
        assert!(apply(
            &mut n,
            &Edit::MoveSceneTrack {
                scene: 0,
                from: 0,
                to: 2
            },
            &library
        ));
        assert_eq!(titles(&n, 0), ["t1", "t2", "t0"]);
        assert!(!apply(
            &mut n,
            &Edit::MoveSceneTrack {
                scene: 0,
                from: 1,
                to: 1
            },
            &library
        ));
        assert!(!apply(
            &mut n,
            &Edit::MoveSceneTrack {
                scene: 0,
                from: 0,
                to: 3
            },
            &library
        ));
        assert!(!apply(&mut n, &Edit::RemoveSceneTrack { scene: 0, index: 3 }, &library));
        assert!(apply(&mut n, &Edit::RemoveSceneTrack { scene: 0, index: 0 }, &library));
        assert_eq!(titles(&n, 0), ["t2", "t0"]);
        assert!(apply(&mut n, &Edit::DeleteScene(1), &library));
        assert!(!apply(&mut n, &Edit::DeleteScene(1), &library));
    }

    #[test]
    fn a_track_the_library_lacks_is_not_assigned() {
        let library = Library::default();
        let mut n = notes_with(&["Empress"], &[(1, "Opening", 0)]);
        let assign = Edit::Assign {
            character: 0,
            track: TrackIdx(0),
            role: Role::Theme,
        };
        assert!(!apply(&mut n, &assign, &library));
        assert!(!apply(
            &mut n,
            &Edit::AddToScene {
                scene: 0,
                track: TrackIdx(0)
            },
            &library
        ));
        assert!(apply(&mut n, &Edit::SetWatched(Some(3)), &library));
        assert_eq!(n.watched_up_to, Some(3));
    }
}
