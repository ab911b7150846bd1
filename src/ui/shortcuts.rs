//! Keyboard shortcuts as data: one table from key to action. The key handler and the
//! help overlay (F1) both read it, so they cannot disagree.

use iced::keyboard::key::Named;
use iced::keyboard::{Key, Modifiers};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    TogglePause,
    SeekBack,
    SeekForward,
    Previous,
    Next,
    FocusSearch,
    VolumeUp,
    VolumeDown,
    Mute,
    PlaySelected,
    Help,
    Dismiss,
    UndoFix,
    Quit,
    Back,
    Forward,
    SelectUp,
    SelectDown,
    /// The selected row's menu (the Menu key, Shift+F10).
    OpenMenu,
    /// The selected track's information panel.
    TrackInfo,
    /// ♥ the playing (else the selected) track, or take the ♥ back.
    Favourite,
    /// ♥ the series or album whose page is on show, or take the ♥ back.
    FavouritePage,
    /// The file dialog that adds a music folder.
    AddFolder,
    /// The sidebar's n-th screen (1 = Series … 7 = Settings).
    ShowScreen(u8),
    /// Every row of the list on view.
    SelectAll,
    /// The selected queue entries out of the queue.
    RemoveSelected,
}

/// The modifier a shortcut is held with. Shift never counts (it only picks the
/// character: "+" is Shift+= on many layouts).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Held {
    Nothing,
    Ctrl,
    Alt,
}

impl Held {
    fn of(modifiers: Modifiers) -> Self {
        if modifiers.command() {
            Held::Ctrl
        } else if modifiers.alt() {
            Held::Alt
        } else {
            Held::Nothing
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Trigger {
    Named(Named),
    Char(&'static str),
}

pub struct Shortcut {
    trigger: Trigger,
    held: Held,
    pub keys: &'static str,
    pub action: Action,
    pub description: &'static str,
}

const fn named(key: Named, ctrl: bool, keys: &'static str, action: Action, description: &'static str) -> Shortcut {
    Shortcut {
        trigger: Trigger::Named(key),
        held: if ctrl { Held::Ctrl } else { Held::Nothing },
        keys,
        action,
        description,
    }
}

const fn alt(key: Named, keys: &'static str, action: Action, description: &'static str) -> Shortcut {
    Shortcut {
        trigger: Trigger::Named(key),
        held: Held::Alt,
        keys,
        action,
        description,
    }
}

const fn char(
    key: &'static str,
    ctrl: bool,
    keys: &'static str,
    action: Action,
    description: &'static str,
) -> Shortcut {
    Shortcut {
        trigger: Trigger::Char(key),
        held: if ctrl { Held::Ctrl } else { Held::Nothing },
        keys,
        action,
        description,
    }
}

pub const SHORTCUTS: &[Shortcut] = &[
    named(Named::Space, false, "Space", Action::TogglePause, "Play / pause"),
    named(Named::ArrowLeft, false, "←", Action::SeekBack, "Back 5 seconds"),
    named(Named::ArrowRight, false, "→", Action::SeekForward, "Forward 5 seconds"),
    named(Named::ArrowLeft, true, "Ctrl + ←", Action::Previous, "Previous track"),
    named(Named::ArrowRight, true, "Ctrl + →", Action::Next, "Next track"),
    alt(
        Named::ArrowLeft,
        "Alt + ← or mouse back",
        Action::Back,
        "Back to the previous screen",
    ),
    alt(
        Named::ArrowRight,
        "Alt + → or mouse forward",
        Action::Forward,
        "Forward again",
    ),
    named(Named::BrowserBack, false, "", Action::Back, "Back"),
    named(Named::BrowserForward, false, "", Action::Forward, "Forward"),
    char("f", true, "Ctrl + F", Action::FocusSearch, "Search"),
    char("z", true, "Ctrl + Z", Action::UndoFix, "Undo the last fix to grouping"),
    char("q", true, "Ctrl + Q", Action::Quit, "Quit (the session is kept)"),
    char("+", false, "+", Action::VolumeUp, "Volume up"),
    char("=", false, "", Action::VolumeUp, "Volume up"),
    char("-", false, "−", Action::VolumeDown, "Volume down"),
    char("m", false, "M", Action::Mute, "Mute / unmute"),
    named(
        Named::ArrowUp,
        false,
        "↑ / ↓",
        Action::SelectUp,
        "Select the row above / below",
    ),
    named(Named::ArrowDown, false, "", Action::SelectDown, "Select the row below"),
    named(
        Named::Enter,
        false,
        "Enter",
        Action::PlaySelected,
        "Play the selected track",
    ),
    named(
        Named::ContextMenu,
        false,
        "Menu, Shift + F10",
        Action::OpenMenu,
        "The selected track's menu (↑ ↓ Enter in it)",
    ),
    named(Named::F10, false, "", Action::OpenMenu, "The selected track's menu"),
    char(
        "i",
        true,
        "Ctrl + I",
        Action::TrackInfo,
        "The selected track's information",
    ),
    char("o", true, "Ctrl + O", Action::AddFolder, "Add a music folder"),
    char(
        "l",
        true,
        "Ctrl + L",
        Action::Favourite,
        "♥ the playing track (or the selected one), or take the ♥ back",
    ),
    Shortcut {
        trigger: Trigger::Char("l"),
        held: Held::Alt,
        keys: "Alt + L",
        action: Action::FavouritePage,
        description: "♥ the series or album on show, or take the ♥ back",
    },
    char(
        "a",
        true,
        "Ctrl + A",
        Action::SelectAll,
        "Select every row (then Ctrl/Shift + click, Shift + ↑/↓)",
    ),
    named(
        Named::Delete,
        false,
        "Delete",
        Action::RemoveSelected,
        "Take the selected entries out of the queue",
    ),
    char(
        "1",
        true,
        "Ctrl + 1 … 7",
        Action::ShowScreen(1),
        "Series, Albums, All tracks, Queue, Playlists, Lyrics, Settings",
    ),
    char("2", true, "", Action::ShowScreen(2), "Albums"),
    char("3", true, "", Action::ShowScreen(3), "All tracks"),
    char("4", true, "", Action::ShowScreen(4), "Queue"),
    char("5", true, "", Action::ShowScreen(5), "Playlists"),
    char("6", true, "", Action::ShowScreen(6), "Lyrics"),
    char("7", true, "", Action::ShowScreen(7), "Settings"),
    named(Named::F1, false, "F1", Action::Help, "Show or hide this help"),
    named(
        Named::Escape,
        false,
        "Esc",
        Action::Dismiss,
        "Close menus, help, the theme finder and search; else back",
    ),
];

/// The action bound to a key press, if any. Shift never changes the answer except
/// through the character it produces.
pub fn action_for(key: &Key, modifiers: Modifiers) -> Option<Action> {
    let held = Held::of(modifiers);
    SHORTCUTS
        .iter()
        .find(|s| {
            s.held == held
                && match (s.trigger, key) {
                    (Trigger::Named(n), Key::Named(k)) => n == *k,
                    (Trigger::Char(c), Key::Character(k)) => k.eq_ignore_ascii_case(c),
                    _ => false,
                }
        })
        .map(|s| s.action)
}

/// The rows the help overlay lists (aliases without a label are left out).
pub fn help_rows() -> impl Iterator<Item = &'static Shortcut> {
    SHORTCUTS.iter().filter(|s| !s.keys.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_shortcut_maps_to_its_action() {
        for s in SHORTCUTS {
            let key = match s.trigger {
                Trigger::Named(n) => Key::Named(n),
                Trigger::Char(c) => Key::Character(c.into()),
            };
            let modifiers = match s.held {
                Held::Ctrl => Modifiers::CTRL,
                Held::Alt => Modifiers::ALT,
                Held::Nothing => Modifiers::empty(),
            };
            assert_eq!(action_for(&key, modifiers), Some(s.action), "{}", s.keys);
        }
        assert_eq!(
            action_for(&Key::Character("F".into()), Modifiers::CTRL),
            Some(Action::FocusSearch)
        );
        assert_eq!(action_for(&Key::Character("f".into()), Modifiers::empty()), None);
        // Alt+← goes back; ← alone still seeks.
        let left = Key::Named(Named::ArrowLeft);
        assert_eq!(action_for(&left, Modifiers::ALT), Some(Action::Back));
        assert_eq!(action_for(&left, Modifiers::empty()), Some(Action::SeekBack));
    }
}
