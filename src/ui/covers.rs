//! Album covers for the window: thumbnails made on a worker thread, each turned into an
//! image handle once and kept, asked for only when an album comes into view.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::mpsc::{self, Sender};

use iced::Task;
use iced::widget::image::Handle;

use super::bridge;
use crate::library::cover::{self, Thumbnail};
use crate::library::model::{AlbumIdx, Library};

/// Big enough for the series page's hero cover on a HiDPI screen.
pub const SIZE: u32 = 384;

struct Job {
    generation: u64,
    album: AlbumIdx,
    cover: String,
    track: PathBuf,
}

#[derive(Debug, Clone)]
pub struct Loaded {
    generation: u64,
    album: AlbumIdx,
    thumbnail: Option<Thumbnail>,
    /// The image file the desktop's media controls can show (the cached thumbnail of
    /// an embedded cover, or the folder image).
    art: Option<PathBuf>,
}

#[derive(Default)]
pub struct Covers {
    /// `None`: asked for and not there (or not loadable): show the placeholder.
    handles: HashMap<AlbumIdx, Option<Handle>>,
    art: HashMap<AlbumIdx, PathBuf>,
    jobs: Option<Sender<Job>>,
    /// Album indexes change when the library reloads; older results are dropped.
    generation: u64,
}

impl Covers {
    /// Starts the worker; its results arrive as messages made by `to_message`.
    pub fn start<M: Send + 'static>(cache_dir: Option<PathBuf>, to_message: fn(Loaded) -> M) -> (Covers, Task<M>) {
        let (jobs, rx) = mpsc::channel::<Job>();
        let (done_tx, done_rx) = mpsc::channel();
        let worker = std::thread::Builder::new()
            .name("leitmotif-covers".into())
            .spawn(move || {
                for job in rx {
                    let thumbnail = cover::thumbnail(&job.cover, &job.track, SIZE, cache_dir.as_deref()).ok();
                    let art = thumbnail
                        .as_ref()
                        .and_then(|_| cover::art_file(&job.cover, &job.track, SIZE, cache_dir.as_deref()));
                    let loaded = Loaded {
                        generation: job.generation,
                        album: job.album,
                        thumbnail,
                        art,
                    };
                    if done_tx.send(loaded).is_err() {
                        break;
                    }
                }
            });
        let covers = Covers {
            jobs: worker.is_ok().then_some(jobs),
            ..Covers::default()
        };
        (
            covers,
            Task::run(bridge::stream(done_rx, "leitmotif-cover-results"), to_message),
        )
    }

    pub fn reset(&mut self) {
        self.generation += 1;
        self.handles.clear();
        self.art.clear();
    }

    /// Asks for the covers of `albums` not asked for yet.
    pub fn request(&mut self, library: &Library, albums: impl IntoIterator<Item = AlbumIdx>) {
        let Some(jobs) = &self.jobs else { return };
        for album in albums {
            if self.handles.contains_key(&album) {
                continue;
            }
            self.handles.insert(album, None);
            let Some(a) = library.album(album) else { continue };
            let (Some(cover), Some(track)) = (
                a.cover.clone(),
                a.discs
                    .first()
                    .and_then(|d| d.tracks.first())
                    .and_then(|&t| library.track(t)),
            ) else {
                continue;
            };
            let _ = jobs.send(Job {
                generation: self.generation,
                album,
                cover,
                track: track.path.clone(),
            });
        }
    }

    pub fn loaded(&mut self, loaded: Loaded) {
        if loaded.generation != self.generation {
            return;
        }
        if let Some(art) = loaded.art {
            self.art.insert(loaded.album, art);
        }
        let handle = loaded.thumbnail.map(|t| Handle::from_rgba(t.width, t.height, t.rgba));
        self.handles.insert(loaded.album, handle);
    }

    pub fn art(&self, album: AlbumIdx) -> Option<&std::path::Path> {
        self.art.get(&album).map(PathBuf::as_path)
    }

    pub fn get(&self, album: AlbumIdx) -> Option<&Handle> {
        self.handles.get(&album).and_then(Option::as_ref)
    }
}
