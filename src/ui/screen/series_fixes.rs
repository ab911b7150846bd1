//! "Fix grouping" on a series or album page: what inference got wrong, put right by the
//! user — rename a series, merge it into another (an alias), put it in a franchise;
//! merge an album with another, split an album by folder. Each fix is one `Fix` for the
//! app to store (one transaction) and to undo with Ctrl+Z.

use iced::widget::{Column, button, row, text, text_input};
use iced::{Alignment, Element, Length, Theme};

use crate::library::model::{AlbumIdx, Library, SeriesIdx};
use crate::library::release_title::series_key;
use crate::store::CurationKind;
use crate::ui::theme;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Rename,
    MergeInto,
    Franchise,
    MergeAlbum,
}

#[derive(Debug, Clone)]
pub enum Message {
    Toggle,
    Text(Field, String),
    Submit(Field),
    SplitAlbum,
}

/// One fix to store; `notes` moves the series' notes from one shown name to another.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fix {
    pub kind: CurationKind,
    pub subject: String,
    pub value: Option<String>,
    pub notes: Option<(String, String)>,
    /// What it did, for the undo notice: "Renamed Goblin to 도깨비".
    pub label: String,
    /// The series to show once the library is rebuilt (its name changes, or this one
    /// is merged away), and the one to show when the fix is undone.
    pub then_open: Option<String>,
    pub undo_open: Option<String>,
}

/// Which page the fixes apply to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    Series(SeriesIdx),
    Album(AlbumIdx),
}

#[derive(Clone, Default)]
pub struct State {
    open: bool,
    rename: String,
    merge_into: String,
    franchise: String,
    merge_album: String,
    /// Why the last submit did nothing ("no series named …").
    problem: Option<String>,
}

fn find_series(library: &Library, name: &str) -> Option<SeriesIdx> {
    let key = series_key(name);
    library
        .series
        .iter()
        .position(|s| !s.compilations && (series_key(&s.name) == key || s.aliases.iter().any(|a| series_key(a) == key)))
        .map(SeriesIdx)
}

impl State {
    pub fn update(&mut self, message: Message, library: &Library, target: Target) -> Option<Fix> {
        self.problem = None;
        match message {
            Message::Toggle => {
                self.open = !self.open;
                None
            }
            Message::Text(field, value) => {
                *self.field(field) = value;
                None
            }
            Message::Submit(field) => {
                let typed = std::mem::take(self.field(field)).trim().to_owned();
                let fix = self.fix(field, &typed, library, target);
                if fix.is_none() && self.problem.is_some() {
                    *self.field(field) = typed;
                }
                fix
            }
            Message::SplitAlbum => {
                let Target::Album(a) = target else { return None };
                let album = library.album(a)?;
                Some(Fix {
                    kind: CurationKind::AlbumSplit,
                    subject: album.key.clone(),
                    value: Some("folder".into()),
                    notes: None,
                    label: format!("Split {} by folder", album.title),
                    then_open: library.series_at(album.series).map(|s| s.name.clone()),
                    undo_open: library.series_at(album.series).map(|s| s.name.clone()),
                })
            }
        }
    }

    fn field(&mut self, field: Field) -> &mut String {
        match field {
            Field::Rename => &mut self.rename,
            Field::MergeInto => &mut self.merge_into,
            Field::Franchise => &mut self.franchise,
            Field::MergeAlbum => &mut self.merge_album,
        }
    }

    fn fix(&mut self, field: Field, typed: &str, library: &Library, target: Target) -> Option<Fix> {
        match (field, target) {
            (Field::Rename, Target::Series(s)) => {
                let series = library.series_at(s)?;
                // Empty: back to the name the releases give.
                let shown = if typed.is_empty() {
                    series.inferred_name.clone()
                } else {
                    typed.to_owned()
                };
                Some(Fix {
                    kind: CurationKind::SeriesName,
                    subject: series_key(&series.inferred_name),
                    value: (!typed.is_empty()).then(|| typed.to_owned()),
                    notes: Some((series.name.clone(), shown.clone())),
                    label: format!("Renamed {} to {shown}", series.name),
                    then_open: Some(shown.clone()),
                    undo_open: Some(series.name.clone()),
                })
            }
            (Field::MergeInto, Target::Series(s)) => {
                let series = library.series_at(s)?;
                let Some(into) = find_series(library, typed).filter(|&t| t != s) else {
                    self.problem = Some(format!("No other series is called {typed:?}"));
                    return None;
                };
                Some(Fix {
                    kind: CurationKind::Alias,
                    subject: series_key(&series.inferred_name),
                    value: Some(library.series[into].inferred_name.clone()),
                    notes: None,
                    label: format!("Merged {} into {}", series.name, library.series[into].name),
                    then_open: Some(library.series[into].name.clone()),
                    undo_open: Some(series.name.clone()),
                })
            }
            (Field::Franchise, Target::Series(s)) => {
                let series = library.series_at(s)?;
                Some(Fix {
                    kind: CurationKind::Franchise,
                    subject: series_key(&series.inferred_name),
                    value: (!typed.is_empty()).then(|| typed.to_owned()),
                    notes: None,
                    label: if typed.is_empty() {
                        format!("Took {} out of its franchise", series.name)
                    } else {
                        format!("Put {} in the franchise {typed}", series.name)
                    },
                    then_open: Some(series.name.clone()),
                    undo_open: Some(series.name.clone()),
                })
            }
            (Field::MergeAlbum, Target::Album(a)) => {
                let album = library.album(a)?;
                let key = series_key(typed);
                let Some(into) = library.series_at(album.series).and_then(|s| {
                    s.albums
                        .iter()
                        .copied()
                        .find(|&x| x != a && series_key(&library.albums[x].title) == key)
                }) else {
                    self.problem = Some(format!("No other album of this series is called {typed:?}"));
                    return None;
                };
                Some(Fix {
                    kind: CurationKind::AlbumMerge,
                    subject: album.key.clone(),
                    value: Some(library.albums[into].key.clone()),
                    notes: None,
                    label: format!("Merged {} into {}", album.title, library.albums[into].title),
                    then_open: library.series_at(album.series).map(|s| s.name.clone()),
                    undo_open: library.series_at(album.series).map(|s| s.name.clone()),
                })
            }
            _ => None,
        }
    }

    pub fn view<'a>(&'a self, target: Target) -> Element<'a, Message> {
        let muted = |t: &Theme| text::Style {
            color: Some(theme::muted(t)),
        };
        let toggle = button(text(if self.open { "Done fixing" } else { "Fix grouping…" }).size(12))
            .padding([4, 10])
            .style(theme::icon_button)
            .on_press(Message::Toggle);
        if !self.open {
            return toggle.into();
        }
        let input = |placeholder: &'static str, value: &'a str, field: Field, id: &'static str| {
            text_input(placeholder, value)
                .id(id)
                .on_input(move |v| Message::Text(field, v))
                .on_submit(Message::Submit(field))
                .size(13)
                .padding([4, 10])
                .width(Length::Fixed(220.0))
        };
        let mut fields = row![toggle].spacing(8).align_y(Alignment::Center);
        match target {
            Target::Series(_) => {
                fields = fields
                    .push(input("Rename to…", &self.rename, Field::Rename, "fix-rename"))
                    .push(input(
                        "Merge into series…",
                        &self.merge_into,
                        Field::MergeInto,
                        "fix-merge",
                    ))
                    .push(input("Franchise…", &self.franchise, Field::Franchise, "fix-franchise"));
            }
            Target::Album(_) => {
                fields = fields
                    .push(input(
                        "Merge with album…",
                        &self.merge_album,
                        Field::MergeAlbum,
                        "fix-merge-album",
                    ))
                    .push(
                        button(text("Split by folder").size(12))
                            .padding([4, 10])
                            .style(theme::secondary_button)
                            .on_press(Message::SplitAlbum),
                    );
            }
        }
        let mut column = Column::new().spacing(4).push(fields.wrap());
        column = column.push(
            text(
                self.problem
                    .clone()
                    .unwrap_or_else(|| "Enter applies a fix; Ctrl+Z undoes the last ones.".into()),
            )
            .size(12)
            .style(muted),
        );
        column.into()
    }
}
