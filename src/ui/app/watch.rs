//! The app's side of watched folders: a watcher runs while there are library folders,
//! and what it tells becomes a scan of just those parts, then a reload if anything
//! changed. At start, an incremental scan catches up with what changed while the
//! window was closed (files are compared by size and time; only changed ones are read).

use std::path::PathBuf;

use iced::futures::{SinkExt, Stream, StreamExt};
use iced::{Subscription, Task};

use super::{App, Message, ScanState};
use crate::library::watch::{self, Folder, Mode, News};
use crate::ui::library_tasks;

/// What a watcher watches; a change of it starts a new one.
#[derive(Hash)]
struct Watched {
    folders: Vec<Folder>,
    poll: bool,
}

impl App {
    pub(super) fn watch_subscription(&self) -> Subscription<Message> {
        if self.store_path.is_none() || self.roots.is_empty() {
            return Subscription::none();
        }
        let folders = self
            .roots
            .iter()
            .map(|r| Folder {
                path: PathBuf::from(&r.path),
                reachable: r.available,
            })
            .collect();
        let key = Watched {
            folders,
            poll: watch::poll_asked(),
        };
        Subscription::run_with(key, news).map(Message::Watch)
    }

    pub(super) fn watched(&mut self, news: News) -> Task<Message> {
        match news {
            News::Modes(modes) => {
                self.watch_modes = modes;
                Task::none()
            }
            News::Changed(paths) => {
                self.changes_waiting.extend(paths);
                self.scan_waiting_changes()
            }
        }
    }

    /// Scans what the watcher told of; while another scan runs, after it.
    pub(super) fn scan_waiting_changes(&mut self) -> Task<Message> {
        if self.changes_waiting.is_empty() {
            return Task::none();
        }
        let changed = std::mem::take(&mut self.changes_waiting);
        self.begin_scan(Some(changed), true)
    }

    /// A scan: of every folder, or of the parts `changed` names. A quiet one (the
    /// watcher's, the catch-up at start) shows progress only while it reads files.
    pub(super) fn begin_scan(&mut self, changed: Option<Vec<PathBuf>>, quiet: bool) -> Task<Message> {
        let Some(store) = self.store_path.clone() else {
            return Task::none();
        };
        if self.scan.is_some() {
            if let Some(paths) = changed {
                self.changes_waiting.extend(paths);
            }
            return Task::none();
        }
        self.scan = Some(ScanState {
            quiet,
            ..ScanState::default()
        });
        self.pause_analysis(true);
        library_tasks::scan(store, changed).map(Message::Scan)
    }
}

fn news(watched: &Watched) -> impl Stream<Item = News> + use<> {
    let folders = watched.folders.clone();
    let poll = watched.poll;
    iced::stream::channel(8, async move |mut out: iced::futures::channel::mpsc::Sender<News>| {
        let (tx, mut rx) = iced::futures::channel::mpsc::unbounded();
        // Dropped with this stream (the folders changed, or the window closed): the
        // watcher's thread ends.
        let _watching = match watch::spawn(folders.clone(), poll, move |n| tx.unbounded_send(n).is_ok()) {
            Ok(guard) => guard,
            Err(e) => {
                let why = format!("the watcher could not start ({e})");
                let modes = folders
                    .into_iter()
                    .map(|f| (f.path, Mode::Unwatched(why.clone())))
                    .collect();
                let _ = out.send(News::Modes(modes)).await;
                std::future::pending::<()>().await;
                return;
            }
        };
        while let Some(news) = rx.next().await {
            if out.send(news).await.is_err() {
                return;
            }
        }
    })
}
