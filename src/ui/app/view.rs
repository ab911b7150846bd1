//! `App::view`: the window's frame (sidebar, search bar, the current screen, the
//! now-playing bar) and what floats above it (context menu, help, notices, scan progress).

use iced::widget::{
    Column, Space, button, center, column, container, mouse_area, opaque, pin, progress_bar, row, stack, text,
    text_input,
};
use iced::{Alignment, Element, Length, Theme};

use super::menu_lines::MenuLine;
use super::{App, ContextMenu, Message, Nav, SEARCH_ID, Screen};
use crate::ui::screen::{lyrics, series_page, settings};
use crate::ui::shortcuts;
use crate::ui::theme;
use crate::ui::widget::icon::{Icon, icon};
use crate::ui::widget::now_playing;
use crate::ui::widget::track_info;

/// The context menu's width, and the height of one of its rows.
const MENU_WIDTH: f32 = 260.0;
const MENU_ROW: f32 = 35.0;

/// Below this window width the sidebar shows icons only.
const COMPACT_BELOW: f32 = 900.0;

impl App {
    pub fn view(&self) -> Element<'_, Message> {
        crate::io_guard::window(|| self.view_inner())
    }

    fn view_inner(&self) -> Element<'_, Message> {
        let playing = self.playback.current_track();
        let body: Element<'_, Message> = if self.loading {
            center(text("Loading the library…").size(16)).into()
        } else {
            match &self.screen {
                Screen::Series(s) => s
                    .view(&self.library, &self.covers, self.only_demo(), self.settings.names)
                    .map(Message::SeriesGrid),
                Screen::SeriesPage(s) => {
                    let notes = match s.focus {
                        series_page::Focus::Series(i) => {
                            self.library.series_at(i).and_then(|x| self.notes.get(&x.name))
                        }
                        series_page::Focus::Album(_) => None,
                    };
                    let favourite = match s.focus {
                        series_page::Focus::Series(x) => self.listened.is_favourite_series(x),
                        series_page::Focus::Album(a) => self.listened.is_favourite_album(a),
                    };
                    s.view(
                        &self.library,
                        &self.covers,
                        playing,
                        notes,
                        self.playback.position,
                        series_page::Look {
                            favourite,
                            names: self.settings.names,
                        },
                    )
                    .map(Message::SeriesPage)
                }
                Screen::Albums(s) => s
                    .view(&self.library, &self.covers, &self.album_order)
                    .map(Message::Albums),
                Screen::Tracks(s) => {
                    let searching = !self.query.trim().is_empty();
                    let rows = if searching { &self.results } else { &self.all_tracks };
                    s.view(
                        &self.library,
                        rows,
                        searching.then_some((self.query.as_str(), self.found_words.as_slice())),
                        playing,
                        self.track_sort,
                    )
                    .map(Message::Tracks)
                }
                Screen::Queue(s) => s.view(&self.library, &self.playback).map(Message::Queue),
                Screen::Playlists(s) => s
                    .view(
                        self.playlists.lists(),
                        self.playlists.items(),
                        &self.library,
                        self.smart_view(),
                    )
                    .map(Message::Playlists),
                Screen::Lyrics => lyrics::view(
                    self.playback.current_entry().map(|e| e.title(&self.library)),
                    self.current_lyrics(),
                    self.lyrics.line(),
                )
                .map(Message::Lyrics),
                Screen::Settings => settings::view(
                    &self.roots,
                    &self.watch_modes,
                    &self.unreadable,
                    settings::Gain {
                        mode: self.settings.replay_gain,
                        source: self.settings.gain_source,
                        measured: self.measured.len(),
                        tracks: self.library.tracks.len(),
                        analyse: self.settings.analyse,
                    },
                    settings::Devices {
                        listed: &self.devices,
                        chosen: self.settings.device.as_deref(),
                        bit_perfect: self.settings.bit_perfect,
                    },
                    (self.settings.theme, self.settings.names),
                    self.scan.is_some(),
                )
                .map(Message::Settings),
            }
        };
        let mut main = Column::new().push(self.top_bar());
        if let Some(banner) = self.banners() {
            main = main.push(banner);
        }
        main = main.push(body);
        let frame = column![
            row![self.sidebar(), main.width(Length::Fill).height(Length::Fill)]
                .push(self.finder.as_ref().map(|f| {
                    f.view(&self.library, self.finder_characters(), self.finder_known())
                        .map(Message::Finder)
                }))
                .height(Length::Fill),
            now_playing::view(
                &self.playback,
                &self.library,
                &self.covers,
                now_playing::Extras {
                    seek_preview: self.seek_preview,
                    notes: self.now_playing_notes(),
                    wave: self
                        .waveform
                        .as_ref()
                        .and_then(|(_, _, w)| w.as_deref())
                        .filter(|_| !self.playing_a_cut()),
                    cues: self.now_playing_cues(),
                    theme: self.theme(),
                    selection: self.selected_span(),
                    favourite: self.playing_favourite(),
                },
            )
            .map(Message::Transport),
        ];
        let mut layers = stack![mouse_area(frame).on_move(Message::Pointer)];
        if let Some(menu) = &self.menu {
            layers = layers
                .push(mouse_area(Space::new().width(Length::Fill).height(Length::Fill)).on_press(Message::CloseMenu));
            // Kept whole inside the window: opened near an edge, it opens away from it.
            let x = menu.at.x.min(self.window_size.width - MENU_WIDTH - 16.0).max(0.0);
            let y = menu.at.y.min(self.window_size.height - self.menu_height(menu)).max(0.0);
            layers = layers.push(pin(self.context_menu()).x(x).y(y));
        }
        if let Some(track) = self.info {
            let path = self.library.track(track).map(|t| t.path.clone()).unwrap_or_default();
            layers = layers.push(opaque(
                mouse_area(
                    center(track_info::view(
                        &self.library,
                        track,
                        self.info_tags.as_ref(),
                        Message::CloseInfo,
                        Message::ShowInFolder(path),
                    ))
                    .style(theme::scrim),
                )
                .on_press(Message::CloseInfo),
            ));
        }
        if self.help {
            layers = layers.push(opaque(
                mouse_area(center(help(self.window_size.height)).style(theme::scrim)).on_press(Message::ToggleHelp),
            ));
        }
        layers.into()
    }

    /// The library is only the demo: a user's own folder named "demo" does not count.
    pub fn only_demo(&self) -> bool {
        !self.roots.is_empty()
            && self
                .roots
                .iter()
                .all(|r| Some(std::path::Path::new(&r.path)) == self.demo_root.as_deref())
    }

    fn sidebar(&self) -> Element<'_, Message> {
        let active = self.screen.nav().filter(|_| self.query.trim().is_empty());
        // A small window keeps its room for the music: the sidebar shows icons only,
        // each named by a tooltip.
        let compact = self.window_size.width < COMPACT_BELOW;
        let item = |nav: Nav, ic: Icon, label: &'static str| -> Element<'_, Message> {
            let selected = active == Some(nav);
            let glyph = icon(ic, 18.0, None).style(move |t: &Theme, _| iced::widget::svg::Style {
                color: Some(if selected { theme::accent(t) } else { theme::muted(t) }),
            });
            let content: Element<'_, Message> = if compact {
                glyph.into()
            } else {
                row![glyph, text(label).size(14)]
                    .spacing(12)
                    .align_y(Alignment::Center)
                    .into()
            };
            let b = button(content)
                .padding([9, 14])
                .width(Length::Fill)
                .style(theme::nav(selected))
                .on_press(Message::Navigate(nav));
            if compact {
                iced::widget::tooltip(
                    b,
                    container(text(label).size(12)).padding([4, 8]).style(theme::floating),
                    iced::widget::tooltip::Position::Right,
                )
                .into()
            } else {
                b.into()
            }
        };
        let queue_label = if self.playback.is_empty() { "Queue" } else { "Queue " };
        let mut queue_row = row![item(Nav::Queue, Icon::Queue, queue_label)].align_y(Alignment::Center);
        if !self.playback.is_empty() && !compact {
            queue_row = queue_row.push(
                container(text(self.playback.len().to_string()).size(11))
                    .padding([2, 8])
                    .style(theme::card),
            );
        }
        let brand = row![
            text(if compact { "L" } else { "Leitmotif" })
                .size(20)
                .style(|t: &Theme| text::Style {
                    color: Some(theme::accent(t))
                })
        ]
        .padding([6, 14]);
        container(
            column![
                brand,
                Space::new().height(Length::Fixed(18.0)),
                item(Nav::Series, Icon::Series, "Series"),
                item(Nav::Albums, Icon::Album, "Albums"),
                item(Nav::Tracks, Icon::Tracks, "All tracks"),
                queue_row,
                item(Nav::Playlists, Icon::Queue, "Playlists"),
                item(Nav::Lyrics, Icon::Lyrics, "Lyrics"),
                Space::new().height(Length::Fill),
                item(Nav::Settings, Icon::Settings, "Settings"),
            ]
            .spacing(4),
        )
        .padding([20, 12])
        .width(Length::Fixed(if compact { 70.0 } else { 212.0 }))
        .height(Length::Fill)
        .style(theme::sidebar)
        .into()
    }

    fn top_bar(&self) -> Element<'_, Message> {
        let search = text_input("Search titles, artists, albums, series, composers…", &self.query)
            .id(SEARCH_ID)
            .on_input(Message::Search)
            .on_submit(Message::SearchSubmit)
            .icon(text_input::Icon {
                font: iced::Font::DEFAULT,
                code_point: '⌕',
                size: Some(16.into()),
                spacing: 8.0,
                side: text_input::Side::Left,
            })
            .padding([9, 16])
            .size(14)
            .style(theme::search_box);
        // Shrinks before the buttons beside it go out of a small window.
        let search = container(search).max_width(440).width(Length::Fill);
        let step = |label: &'static str, can: bool, message: Message| {
            button(text(label).size(16))
                .padding([4, 10])
                .style(theme::icon_button)
                .on_press_maybe(can.then_some(message))
        };
        // A query that does not read says why beside the box (the words still search).
        // Two lines at most in the bar; the whole of a longer one on hover.
        let said: Element<'_, Message> = match &self.query_error {
            Some(e) => iced::widget::tooltip(
                container(
                    text(format!("⚠ {e}"))
                        .size(12)
                        .style(text::danger)
                        .wrapping(text::Wrapping::WordOrGlyph),
                )
                .max_height(34)
                .width(Length::Fill)
                .clip(true),
                container(text(e.clone()).size(12))
                    .padding(8)
                    .max_width(420)
                    .style(theme::floating),
                iced::widget::tooltip::Position::Bottom,
            )
            .into(),
            None if self.search_savable() => row![
                container(
                    button(text("✦ Save as smart playlist").size(12))
                        .padding([5, 10])
                        .style(theme::secondary_button)
                        .on_press(Message::SaveSearch),
                )
                .id("save-search"),
                Space::new().width(Length::Fill)
            ]
            .into(),
            None => Space::new().width(Length::Fill).into(),
        };
        let mut bar = row![
            step("←", self.history.can_go_back(), Message::Back),
            step("→", self.history.can_go_forward(), Message::Forward),
            search,
            said
        ]
        .align_y(Alignment::Center)
        .spacing(12);
        if let Some(scan) = self.scan.as_ref().filter(|s| !s.quiet || s.read > 0) {
            let fraction = if scan.seen == 0 {
                0.0
            } else {
                scan.read as f32 / scan.seen as f32
            };
            bar = bar.push(
                column![
                    text(format!("Scanning · {} of {} files", scan.read, scan.seen)).size(12),
                    progress_bar(0.0..=1.0, fraction).girth(4).length(Length::Fixed(200.0)),
                ]
                .spacing(4),
            );
        }
        if let Some(run) = self
            .analysis
            .as_ref()
            .filter(|r| self.scan.is_none() && r.progress.done < r.progress.total)
        {
            let p = run.progress;
            bar = bar.push(
                column![
                    text(format!("Measuring loudness · {} of {} tracks", p.done, p.total)).size(12),
                    progress_bar(0.0..=1.0, p.done as f32 / p.total as f32)
                        .girth(4)
                        .length(Length::Fixed(200.0)),
                ]
                .spacing(4),
            );
        }
        bar = bar.push(
            button(text("?").size(14))
                .padding([6, 12])
                .style(theme::icon_button)
                .on_press(Message::ToggleHelp),
        );
        container(bar).padding([14, 28]).into()
    }

    fn banners(&self) -> Option<Element<'_, Message>> {
        let mut items = Column::new().spacing(8).padding([0, 28]);
        let mut any = false;
        let no_sound = if self.playback.is_offline() {
            Some(
                "No audio output device was found. Browsing works; playback starts once Leitmotif is restarted with a device connected.",
            )
        } else if self.playback.no_device.is_some() {
            Some("No audio output device yet. Browsing works; what you play starts as soon as a device is connected.")
        } else {
            None
        };
        if let Some(said) = no_sound {
            any = true;
            items = items.push(
                container(text(said).size(13))
                    .padding([10, 14])
                    .width(Length::Fill)
                    .style(theme::banner),
            );
        }
        if let Some(notice) = self.notices.last() {
            any = true;
            let mut body = column![
                row![
                    text(notice.heading()).size(14).width(Length::Fill),
                    notice.action.map_or_else(
                        || Element::from(Space::new()),
                        |a| button(text(a.label()).size(12))
                            .padding([4, 10])
                            .style(theme::primary_button)
                            .on_press(Message::NoticeAction(a))
                            .into()
                    ),
                    button(text(if notice.expanded { "Hide details" } else { "Details" }).size(12))
                        .padding([4, 10])
                        .style(theme::secondary_button)
                        .on_press_maybe((!notice.details.is_empty()).then_some(Message::ToggleNoticeDetails)),
                    button(icon(Icon::Close, 14.0, None))
                        .padding(6)
                        .style(theme::icon_button)
                        .on_press(Message::DismissNotice),
                ]
                .spacing(8)
                .align_y(Alignment::Center)
            ]
            .spacing(8);
            if notice.expanded {
                let shown = notice.details.iter().take(200);
                let mut list = Column::new().spacing(2);
                for d in shown {
                    // Paths have few spaces: they break anywhere rather than run off the edge.
                    list = list.push(text(d.clone()).size(12).wrapping(text::Wrapping::WordOrGlyph));
                }
                if notice.details.len() > 200 {
                    list = list.push(text(format!("… and {} more", notice.details.len() - 200)).size(12));
                }
                // A few lines show as they are; a long list (a scan's errors) scrolls.
                body = if notice.details.len() <= 8 {
                    body.push(list)
                } else {
                    body.push(iced::widget::scrollable(list).height(Length::Fixed(160.0)))
                };
            }
            items = items.push(
                container(body)
                    .padding([10, 14])
                    .width(Length::Fill)
                    .style(theme::banner),
            );
        }
        any.then(|| items.into())
    }

    /// How tall `menu` is drawn (rows of `MENU_ROW`), at most the window's height less
    /// a margin (it scrolls then).
    fn menu_height(&self, menu: &ContextMenu) -> f32 {
        let rows = self.menu_lines(menu).len();
        (rows.max(1) as f32 * MENU_ROW + 24.0).min(self.window_size.height - 40.0)
    }

    fn context_menu(&self) -> Element<'_, Message> {
        let Some(menu) = &self.menu else {
            return Space::new().into();
        };
        let mut items = Column::new().spacing(2).width(Length::Fixed(MENU_WIDTH));
        let mut n = 0;
        for line in self.menu_lines(menu) {
            items = match line {
                MenuLine::Remark(remark) => items.push(text(remark).size(12)),
                MenuLine::Entry { label, action, checked } => {
                    let lit = menu.highlight == Some(n);
                    n += 1;
                    let mark = text(if checked { "✓" } else { "" }).size(13).width(Length::Fixed(16.0));
                    items.push(
                        button(row![mark, text(label).size(13)].spacing(4))
                            .padding([8, 10])
                            .width(Length::Fill)
                            .style(theme::nav(lit))
                            .on_press(Message::Menu(action)),
                    )
                }
            };
        }
        container(iced::widget::scrollable(items).height(Length::Shrink))
            .padding(6)
            .max_height(self.window_size.height - 40.0)
            .style(theme::floating)
            .into()
    }
}

const QUERY_HELP: &[(&str, &str)] = &[
    (
        "sarang garden",
        "Free words: in the title, artists, album, series, composer",
    ),
    (
        "series:\"Secret Garden\" kind:score",
        "A field holds the words; kind is score, part, ost or other",
    ),
    (
        "character:\"Lee Hwan\" role:theme",
        "A character's theme (or variation, appears); mood:, instrument:, scene:",
    ),
    (
        "duration>2m year:2020..2023",
        "Comparisons and ranges: duration, year, episode",
    ),
    ("vocal:no", "Instrumentals and score cues only (vocal:yes: the songs)"),
    (
        "empress or reprise -inst",
        "and (or nothing), or, not (or -), ( parentheses )",
    ),
];

fn help<'a>(window_height: f32) -> Element<'a, Message> {
    let mut rows = Column::new().spacing(10);
    for s in shortcuts::help_rows() {
        rows = rows.push(
            row![
                container(text(s.keys).size(13))
                    .padding([3, 10])
                    .style(theme::card)
                    .width(Length::Fixed(110.0)),
                text(s.description).size(14),
            ]
            .spacing(16)
            .align_y(Alignment::Center),
        );
    }
    // The search box's query language in brief (docs/queries.md has all of it).
    rows = rows.push(text("Search").size(18));
    for (example, meaning) in QUERY_HELP {
        rows = rows.push(
            row![
                text(*example)
                    .size(13)
                    .font(iced::Font::MONOSPACE)
                    .width(Length::Fixed(300.0)),
                text(*meaning).size(14),
            ]
            .spacing(16)
            .align_y(Alignment::Center),
        );
    }
    // Scrolls in a small window rather than running off it.
    let rows = iced::widget::scrollable(rows).height(Length::Shrink);
    container(column![text("Keyboard shortcuts").size(22), rows].spacing(20))
        .padding(28)
        .max_height(window_height - 40.0)
        .style(theme::floating)
        .into()
}
