//! A series (or one album): a hero header, then its albums grouped as OST parts, full
//! OSTs, scores and others, in release order, each with its discs and tracks.

use std::time::Duration;

use iced::widget::{Column, Space, button, column, container, row, scrollable, text, text_input};
use iced::{Alignment, Element, Length, Theme};

use super::series_extras::{also_on, franchise_strip, invitation};
use crate::library::bilingual::{self, NameDisplay};
use crate::library::model::{AlbumIdx, Library, SeriesEvidence, SeriesIdx, TrackIdx};
use crate::library::series_rules::AlbumKind;
use crate::ost::note_lists::{Resolved, Statement, VersionFilter, track_labels};
use crate::ui::covers::Covers;
use crate::ui::notes::{Edit, Notes};
use crate::ui::screen::series_grid::series_cover;
use crate::ui::screen::{series_fixes, series_notes};
use crate::ui::theme;
use crate::ui::widget::cover::cover;
use crate::ui::widget::format::{count, duration};
use crate::ui::widget::icon::{Icon, icon};
use crate::ui::widget::track_list::{self, Columns, Marks, ROW_HEIGHT, RowAction};

/// The id of this screen's scrollable.
pub const SCROLL_ID: &str = "series-page";

/// How the page shows what it shows: its ♥, and bilingual names.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub favourite: bool,
    pub names: NameDisplay,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Focus {
    Series(SeriesIdx),
    Album(AlbumIdx),
}

#[derive(Debug, Clone)]
pub enum Message {
    PlayAll,
    ShuffleAll,
    /// ♥ the series or album on show, or take the ♥ back.
    Favourite,
    PlayAlbum(AlbumIdx),
    /// A compilation track listed under "Also on".
    PlayTrack(TrackIdx),
    OpenSeries(SeriesIdx),
    /// An album's header was clicked: its own page.
    OpenAlbum(AlbumIdx),
    /// Row actions carry library track indexes.
    Row(RowAction<TrackIdx>),
    Notes(series_notes::Message),
    /// Editing which series an album belongs to.
    SeriesText(String),
    SetSeries,
    AutomaticSeries,
    Fixes(series_fixes::Message),
}

pub enum Event {
    /// The user's choice of series for an album (`None`: back to the automatic one).
    SetSeries {
        album: AlbumIdx,
        series: Option<String>,
    },
    Play {
        tracks: Vec<TrackIdx>,
        start: usize,
        shuffle: bool,
    },
    /// Edits to the series' notes, made in order.
    Edit {
        series: SeriesIdx,
        edits: Vec<Edit>,
    },
    Queue(Vec<TrackIdx>),
    ExportPlaylist {
        name: String,
        tracks: Vec<TrackIdx>,
    },
    ImportSheet,
    ExportSheet(SeriesIdx),
    /// ♥ the series or album (or take the ♥ back).
    Favourite(Focus),
    /// Find where a character's statement (`track` from `at_ms`) recurs.
    FindTheme {
        character: usize,
        track: TrackIdx,
        at_ms: u64,
        until_ms: Option<u64>,
    },
    /// Play `track` from a timed cue.
    PlayFrom {
        track: TrackIdx,
        at_ms: u64,
    },
    /// A theme reel: each statement's span, one after another.
    PlayReel(Vec<Statement>),
    SaveReel {
        name: String,
        statements: Vec<Statement>,
    },
    Menu(TrackIdx),
    OpenSeries(SeriesIdx),
    OpenAlbum(AlbumIdx),
    /// A fix to grouping, to store and make undoable.
    Fix(series_fixes::Fix),
}

#[derive(Clone)]
pub struct State {
    pub focus: Focus,
    pub selected: Option<TrackIdx>,
    pub notes: series_notes::State,
    series_text: Option<String>,
    // Boxed: the grouping-fix fields would make every screen as large as this one.
    fixes: Box<series_fixes::State>,
}

impl State {
    pub fn new(focus: Focus) -> Self {
        Self {
            focus,
            selected: None,
            notes: series_notes::State::default(),
            series_text: None,
            fixes: Box::default(),
        }
    }

    /// The tracks this page plays, in order, through the vocal/instrumental filter.
    pub fn tracks(&self, library: &Library) -> Vec<TrackIdx> {
        let all = match self.focus {
            Focus::Series(s) => library.series_tracks(s),
            Focus::Album(a) => album_tracks(library, a),
        };
        self.notes.filter.apply(library, all)
    }

    fn fix_target(&self) -> series_fixes::Target {
        match self.focus {
            Focus::Series(s) => series_fixes::Target::Series(s),
            Focus::Album(a) => series_fixes::Target::Album(a),
        }
    }

    pub fn albums(&self, library: &Library) -> Vec<AlbumIdx> {
        match self.focus {
            Focus::Series(s) => library.series_at(s).map(|s| s.albums.clone()).unwrap_or_default(),
            Focus::Album(a) => vec![a],
        }
    }

    pub fn update(&mut self, message: Message, library: &Library, notes: Option<&Notes>) -> Option<Event> {
        let tracks = self.tracks(library);
        match message {
            Message::SeriesText(t) => {
                self.series_text = Some(t);
                None
            }
            Message::SetSeries => {
                let Focus::Album(album) = self.focus else { return None };
                let name = self.series_text.take()?.trim().to_owned();
                Some(Event::SetSeries {
                    album,
                    series: (!name.is_empty()).then_some(name),
                })
            }
            Message::AutomaticSeries => {
                let Focus::Album(album) = self.focus else { return None };
                self.series_text = None;
                Some(Event::SetSeries { album, series: None })
            }
            Message::Notes(m) => {
                let Focus::Series(series) = self.focus else { return None };
                match self.notes.update(m, library, series, notes)? {
                    series_notes::Event::Edit(edit) => Some(Event::Edit {
                        series,
                        edits: vec![edit],
                    }),
                    series_notes::Event::Edits(edits) => Some(Event::Edit { series, edits }),
                    series_notes::Event::Play(tracks) => Some(Event::Play {
                        tracks,
                        start: 0,
                        shuffle: false,
                    }),
                    series_notes::Event::Queue(tracks) => Some(Event::Queue(tracks)),
                    series_notes::Event::Export { name, tracks } => Some(Event::ExportPlaylist { name, tracks }),
                    series_notes::Event::ImportSheet => Some(Event::ImportSheet),
                    series_notes::Event::ExportSheet => Some(Event::ExportSheet(series)),
                    series_notes::Event::PlayFrom { track, at_ms } => Some(Event::PlayFrom { track, at_ms }),
                    series_notes::Event::PlayReel(statements) => Some(Event::PlayReel(statements)),
                    series_notes::Event::FindTheme {
                        character,
                        track,
                        at_ms,
                        until_ms,
                    } => Some(Event::FindTheme {
                        character,
                        track,
                        at_ms,
                        until_ms,
                    }),
                    series_notes::Event::SaveReel { name, statements } => Some(Event::SaveReel { name, statements }),
                }
            }
            Message::PlayAll => Some(Event::Play {
                tracks,
                start: 0,
                shuffle: false,
            }),
            Message::Favourite => Some(Event::Favourite(self.focus)),
            Message::ShuffleAll => Some(Event::Play {
                tracks,
                start: 0,
                shuffle: true,
            }),
            Message::PlayAlbum(a) => Some(Event::Play {
                tracks: self.notes.filter.apply(library, album_tracks(library, a)),
                start: 0,
                shuffle: false,
            }),
            Message::Fixes(m) => self.fixes.update(m, library, self.fix_target()).map(Event::Fix),
            Message::PlayTrack(t) => Some(Event::Play {
                tracks: vec![t],
                start: 0,
                shuffle: false,
            }),
            Message::OpenSeries(s) => Some(Event::OpenSeries(s)),
            Message::OpenAlbum(a) => Some(Event::OpenAlbum(a)),
            Message::Row(RowAction::Select(t)) => {
                self.selected = Some(t);
                None
            }
            Message::Row(RowAction::Activate(t)) => Some(Event::Play {
                start: tracks.iter().position(|&x| x == t).unwrap_or(0),
                tracks,
                shuffle: false,
            }),
            Message::Row(RowAction::Menu(t)) => {
                self.selected = Some(t);
                Some(Event::Menu(t))
            }
            Message::Row(RowAction::PlayFrom(track, at_ms)) => {
                self.selected = Some(track);
                Some(Event::PlayFrom { track, at_ms })
            }
        }
    }

    /// Enter on the page plays the selected track.
    /// Moves the selection `by` tracks among those the page lists (↑/↓).
    pub fn step(&mut self, by: isize, library: &Library) {
        let tracks = self.tracks(library);
        let at = self.selected.and_then(|t| tracks.iter().position(|&x| x == t));
        self.selected = crate::ui::widget::virtual_list::step(at, by, tracks.len()).map(|i| tracks[i]);
    }

    pub fn play_selected(&self, library: &Library) -> Option<Event> {
        let t = self.selected?;
        let tracks = self.tracks(library);
        Some(Event::Play {
            start: tracks.iter().position(|&x| x == t)?,
            tracks,
            shuffle: false,
        })
    }

    pub fn view<'a>(
        &'a self,
        library: &'a Library,
        covers: &'a Covers,
        playing: Option<TrackIdx>,
        notes: Option<&'a Notes>,
        position: Duration,
        look: Look,
    ) -> Element<'a, Message> {
        // What plays and where, for the cue form's "now".
        let now = playing.map(|t| (t, position.as_millis() as u64));
        let series = match self.focus {
            Focus::Series(s) => Some(s),
            Focus::Album(a) => library.album(a).map(|a| a.series),
        };
        let badges = series
            .zip(notes)
            .map(|(s, n)| track_labels(library, s, &n.notes, n.watched_up_to));
        let cues = series
            .zip(notes)
            .map(|(s, n)| Resolved::new(library, s, &n.notes).cues_by_track(n.watched_up_to));
        let marks = Marks {
            picked: None,
            selected: self.selected,
            playing_track: playing,
            badges: badges.as_ref(),
            cues: cues.as_ref(),
            found: None,
        };
        let mut page = Column::new().spacing(28).padding([28, 32]);
        page = page.push(self.hero(library, covers, look));
        let compilations =
            matches!(self.focus, Focus::Series(s) if library.series_at(s).is_some_and(|s| s.compilations));
        if !compilations {
            page = page.push(self.fixes.view(self.fix_target()).map(Message::Fixes));
        }
        page = page.push(self.notes.filter_bar().map(Message::Notes));
        match self.focus {
            Focus::Series(s) => {
                if let Some(strip) = franchise_strip(library, s) {
                    page = page.push(strip);
                }
                // A series with characters or scenes opens on them; one without opens on
                // its music, the invitation to add some below it.
                let annotated = notes.is_some_and(|n| !n.notes.is_empty());
                if annotated {
                    page = page.push(self.notes.view(library, s, notes, now).map(Message::Notes));
                }
                let albums = library.series_at(s).map(|s| s.albums.as_slice()).unwrap_or_default();
                for (kind, title) in [
                    (AlbumKind::Part, "OST Parts"),
                    (AlbumKind::FullOst, "Soundtrack albums"),
                    (AlbumKind::Score, "Score"),
                    (AlbumKind::Other, "Other releases"),
                ] {
                    let of_kind: Vec<AlbumIdx> = albums
                        .iter()
                        .copied()
                        .filter(|&a| library.albums[a].kind == kind)
                        .collect();
                    if of_kind.is_empty() {
                        continue;
                    }
                    let mut section = Column::new().spacing(18).push(text(title).size(20));
                    for a in of_kind {
                        section = section.push(album_block(library, covers, a, &marks, true, self.notes.filter));
                    }
                    page = page.push(section);
                }
                if let Some(also) = also_on(library, s) {
                    page = page.push(also);
                }
                if !annotated {
                    page = page.push(invitation());
                    page = page.push(self.notes.view(library, s, notes, now).map(Message::Notes));
                }
            }
            Focus::Album(a) => page = page.push(album_block(library, covers, a, &marks, false, self.notes.filter)),
        }
        scrollable(page.width(Length::Fill))
            .id(SCROLL_ID)
            .height(Length::Fill)
            .into()
    }

    fn hero<'a>(&self, library: &'a Library, covers: &'a Covers, look: Look) -> Element<'a, Message> {
        let (label, name, cover_album, series_link) = match self.focus {
            Focus::Series(s) => (
                "SERIES",
                library
                    .series_at(s)
                    .map(|s| bilingual::shown(&s.name, &s.aliases, look.names))
                    .unwrap_or_default(),
                series_cover(library, s),
                None,
            ),
            Focus::Album(a) => {
                let album = &library.albums[a];
                let series = library.series_at(album.series).map(|s| (album.series, s.name.clone()));
                let series = series.map(|(i, name)| {
                    let s = &library.series[i];
                    (i, name, bilingual::shown(&s.name, &s.aliases, look.names))
                });
                (album.kind_label(), album.title.clone(), Some(a), series)
            }
        };
        let tracks = self.tracks(library);
        let total: u64 = tracks
            .iter()
            .filter_map(|&t| library.tracks[t].fields.duration_ms)
            .sum();
        let albums = self.albums(library).len();
        let muted = |t: &Theme| text::Style {
            color: Some(theme::muted(t)),
        };
        let mut info = column![
            text(label).size(12).style(muted),
            text(name.clone()).size(34),
            text(format!(
                "{} · {} · {}",
                count(albums, "album", "albums"),
                count(tracks.len(), "track", "tracks"),
                duration(Duration::from_millis(total))
            ))
            .size(13)
            .style(muted),
        ]
        .spacing(6);
        if let Focus::Series(s) = self.focus
            && let Some(series) = library.series_at(s)
            && let others = bilingual::others(&series.name, &series.aliases, look.names)
            && !others.is_empty()
        {
            info = info.push(
                text(format!("Also known as {}", others.join(" · ")))
                    .size(13)
                    .style(muted),
            );
        }
        if let Some((s, series_name, on_show)) = series_link {
            info = info.push(self.series_line(library, s, series_name, on_show));
        }
        info = info
            .push(Space::new().height(Length::Fixed(6.0)))
            .push(play_buttons(look.favourite));
        row![
            cover(cover_album.and_then(|a| covers.get(a)), 200.0, &name),
            info.width(Length::Fill)
        ]
        .spacing(28)
        .align_y(Alignment::End)
        .into()
    }

    /// An album's series: a button to open it and a field to file the album under
    /// another one, plus "Automatic" once the series has been set by hand.
    fn series_line<'a>(
        &self,
        library: &Library,
        s: SeriesIdx,
        series_name: String,
        on_show: String,
    ) -> Element<'a, Message> {
        let overridden =
            matches!(self.focus, Focus::Album(a) if library.albums[a].evidence == SeriesEvidence::Override);
        let value = self.series_text.clone().unwrap_or_else(|| series_name.clone());
        let mut line = row![
            button(text(format!("Part of {on_show}")).size(13))
                .padding([4, 10])
                .style(theme::secondary_button)
                .on_press(Message::OpenSeries(s)),
            text_input("Series", &value)
                .id("album-series")
                .on_input(Message::SeriesText)
                .on_submit(Message::SetSeries)
                .size(13)
                .padding([4, 10])
                .width(Length::Fixed(260.0)),
        ]
        .spacing(8)
        .align_y(Alignment::Center);
        if overridden {
            line = line.push(
                button(text("Automatic").size(12))
                    .padding([4, 10])
                    .style(theme::icon_button)
                    .on_press(Message::AutomaticSeries),
            );
        }
        line.into()
    }
}

/// Play and Shuffle for everything on the page, and its ♥.
fn play_buttons<'a>(favourite: bool) -> Element<'a, Message> {
    row![
        button(
            row![icon(Icon::Play, 16.0, None), text("Play").size(14)]
                .spacing(8)
                .align_y(Alignment::Center)
        )
        .padding([10, 20])
        .style(|t: &Theme, s| {
            let mut style = theme::primary_button(t, s);
            style.text_color = t.palette().background;
            style
        })
        .on_press(Message::PlayAll),
        button(
            row![icon(Icon::Shuffle, 16.0, None), text("Shuffle").size(14)]
                .spacing(8)
                .align_y(Alignment::Center)
        )
        .padding([10, 20])
        .style(theme::secondary_button)
        .on_press(Message::ShuffleAll),
        button(
            text(if favourite { "♥ Favourite" } else { "♡ Favourite" })
                .size(14)
                .style(move |t: &Theme| text::Style {
                    color: favourite.then(|| theme::accent(t)),
                })
        )
        .padding([10, 20])
        .style(theme::secondary_button)
        .on_press(Message::Favourite),
    ]
    .spacing(12)
    .into()
}

pub fn album_tracks(library: &Library, album: AlbumIdx) -> Vec<TrackIdx> {
    library
        .album(album)
        .map(|a| a.discs.iter().flat_map(|d| d.tracks.iter().copied()).collect())
        .unwrap_or_default()
}

fn album_block<'a>(
    library: &'a Library,
    covers: &'a Covers,
    a: AlbumIdx,
    marks: &Marks<'_, TrackIdx>,
    with_header: bool,
    filter: VersionFilter,
) -> Element<'a, Message> {
    let album = &library.albums[a];
    let mut block = Column::new().spacing(2);
    if with_header {
        let meta = [
            Some(album.artist.clone()),
            album.date.clone(),
            Some(count(album.track_count(), "track", "tracks")),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
        // The cover and title are a link to the album's own page.
        let link = button(
            row![
                cover(covers.get(a), 56.0, &album.title),
                column![
                    text(album.title.clone()).size(16),
                    text(meta).size(12).style(|t: &Theme| text::Style {
                        color: Some(theme::muted(t))
                    }),
                ]
                .spacing(2),
            ]
            .spacing(14)
            .align_y(Alignment::Center),
        )
        .padding(0)
        .style(theme::bare)
        .on_press(Message::OpenAlbum(a));
        block = block.push(
            row![
                container(link).width(Length::Fill),
                container(
                    button(icon(Icon::Play, 16.0, None))
                        .padding(8)
                        .style(theme::icon_button)
                        .on_press(Message::PlayAlbum(a))
                )
                .id(format!("play-album-{a}")),
            ]
            .spacing(14)
            .align_y(Alignment::Center),
        );
        block = block.push(Space::new().height(Length::Fixed(8.0)));
    }
    let columns = Columns {
        album: false,
        track_numbers: true,
    };
    let many_discs = album.discs.len() > 1;
    for disc in &album.discs {
        if many_discs {
            let label = match &disc.subtitle {
                Some(s) => format!("Disc {} · {s}", disc.number),
                None => format!("Disc {}", disc.number),
            };
            block = block.push(container(text(label).size(13)).padding([8, 12]));
        }
        for (k, &t) in disc.tracks.iter().filter(|&&t| filter.keeps(library, t)).enumerate() {
            block = block.push(
                container(track_list::track_row(library, t, k, t, &columns, marks, Message::Row)).height(ROW_HEIGHT),
            );
        }
    }
    container(block).into()
}
