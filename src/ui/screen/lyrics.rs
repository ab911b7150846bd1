//! The playing track's lyrics: synced lines highlighted in time (click one to go there),
//! or the plain text of unsynced lyrics, shown as the file gives them.

use std::time::Duration;

use iced::widget::{Column, Id, button, column, container, scrollable, text};
use iced::{Element, Length, Theme};

use crate::library::lyrics::{self, Lyrics};
use crate::ui::theme;

pub const LINE_HEIGHT: f32 = 40.0;
pub const SCROLL_ID: &str = "lyrics";

#[derive(Debug, Clone)]
pub enum Message {
    Seek(Duration),
}

/// The line to highlight at `position`, for synced lyrics.
pub fn current_line(lyrics: Option<&Lyrics>, position: Duration) -> Option<usize> {
    match lyrics? {
        Lyrics::Synced(lines) => lyrics::current(lines, position),
        Lyrics::Unsynced(_) => None,
    }
}

/// Where a synced line stands against the line being sung.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineState {
    Sung,
    Now,
    Coming,
}

/// Line `i` against `current` (from [`current_line`]): lines sharing the current
/// line's time (original, romanised, translated) are all being sung.
pub fn line_state(lines: &[lyrics::Line], current: Option<usize>, i: usize) -> LineState {
    let (Some(now), Some(line)) = (current.and_then(|c| lines.get(c)), lines.get(i)) else {
        return LineState::Coming;
    };
    match line.time.cmp(&now.time) {
        std::cmp::Ordering::Less => LineState::Sung,
        std::cmp::Ordering::Equal => LineState::Now,
        std::cmp::Ordering::Greater => LineState::Coming,
    }
}

pub fn view<'a>(title: Option<String>, lyrics: Option<&'a Lyrics>, current: Option<usize>) -> Element<'a, Message> {
    let muted = |t: &Theme| text::Style {
        color: Some(theme::muted(t)),
    };
    let head = column![
        text("Lyrics").size(30),
        text(title.unwrap_or_else(|| "Nothing playing".into()))
            .size(13)
            .style(muted),
    ]
    .spacing(4);
    let body: Element<'a, Message> = match lyrics {
        None => {
            text("No lyrics for this track. Leitmotif reads an .lrc file beside it, or lyrics embedded in its tags.")
                .size(14)
                .style(muted)
                .into()
        }
        Some(Lyrics::Unsynced(words)) => scrollable(text(words.as_str()).size(17).line_height(1.6))
            .height(Length::Fill)
            .into(),
        Some(Lyrics::Synced(lines)) => {
            let mut list = Column::new();
            for (i, line) in lines.iter().enumerate() {
                let state = line_state(lines, current, i);
                let (now, past) = (state == LineState::Now, state == LineState::Sung);
                let label = text(line.text.clone())
                    .size(if now { 21 } else { 17 })
                    .style(move |t: &Theme| text::Style {
                        color: Some(if now {
                            theme::accent(t)
                        } else if past {
                            theme::muted(t)
                        } else {
                            t.palette().text
                        }),
                    });
                list = list.push(
                    button(label)
                        .padding([8, 12])
                        .height(Length::Fixed(LINE_HEIGHT))
                        .width(Length::Fill)
                        .style(theme::nav(false))
                        .on_press(Message::Seek(line.time)),
                );
            }
            scrollable(list.padding([120, 0]))
                .id(Id::new(SCROLL_ID))
                .height(Length::Fill)
                .into()
        }
    };
    column![container(head).padding([24, 0]), body]
        .padding([0, 28])
        .height(Length::Fill)
        .into()
}
