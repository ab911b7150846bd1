//! Files the user picks from the window: playlists saved as M3U8, series sheets
//! imported and exported. The dialogs are the desktop's own (rfd, xdg portal).

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use super::app::{App, Message};
use crate::library::m3u;
use crate::ost::sheet::{self, ImportError};
use crate::store::Store;

pub(super) fn safe_name(name: &str) -> String {
    name.chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect()
}

pub fn export_playlist(name: String, tracks: Vec<usize>) -> Task<Message> {
    let tracks = Arc::new(tracks);
    Task::perform(
        async move {
            rfd::AsyncFileDialog::new()
                .set_title("Save the playlist")
                .set_file_name(format!("{}.m3u8", safe_name(&name)))
                .add_filter("M3U8 playlist", &["m3u8"])
                .save_file()
                .await
                .map(|h| h.path().to_owned())
        },
        move |path| Message::SavePlaylist(path, tracks.clone()),
    )
}

pub fn export_sheet(series: String) -> Task<Message> {
    let file = format!("{}.sheet.toml", safe_name(&series));
    Task::perform(
        async move {
            rfd::AsyncFileDialog::new()
                .set_title("Export the series sheet")
                .set_file_name(file)
                .add_filter("Series sheet", &["toml"])
                .save_file()
                .await
                .map(|h| h.path().to_owned())
        },
        move |path| Message::SaveSheet(path, series.clone()),
    )
}

pub fn pick_sheet() -> Task<Message> {
    Task::perform(
        async {
            rfd::AsyncFileDialog::new()
                .set_title("Import a series sheet")
                .add_filter("Series sheet", &["toml"])
                .pick_file()
                .await
                .map(|h| h.path().to_owned())
        },
        Message::OpenSheet,
    )
}

impl App {
    pub fn save_playlist(&mut self, path: Option<PathBuf>, tracks: &[usize]) {
        let Some(path) = path else { return };
        let dir = path.parent().map(PathBuf::from).unwrap_or_default();
        let items: Vec<m3u::Item<'_>> = tracks
            .iter()
            .filter_map(|&t| self.library.tracks.get(t))
            .map(|t| m3u::Item::new(&t.path, Some(t)))
            .collect();
        if let Err(e) = std::fs::write(&path, m3u::write(&items, &dir)) {
            self.notify(
                "The playlist could not be saved",
                vec![format!("{}: {e}", path.display())],
            );
        }
    }

    pub fn save_sheet(&mut self, path: Option<PathBuf>, series: &str) {
        let Some(path) = path else { return };
        let Some(store) = self.store_path.clone() else { return };
        let written = Store::open(&store)
            .map_err(|e| e.to_string())
            .and_then(|s| sheet::export(&s, series))
            .and_then(|text| std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display())));
        if let Err(e) = written {
            self.notify("The series sheet could not be exported", vec![e]);
        }
    }

    pub fn open_sheet(&mut self, path: Option<PathBuf>) {
        let Some(path) = path else { return };
        let Some(store) = self.store_path.clone() else { return };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => return self.notify("The sheet could not be read", vec![format!("{}: {e}", path.display())]),
        };
        let result = Store::open(&store)
            .map_err(|e| ImportError::Store(e.to_string()))
            .and_then(|mut s| sheet::import(&mut s, &self.library, &text, false));
        match result {
            Ok(parsed) => {
                self.notes.clear();
                self.notify(
                    &format!(
                        "Imported {}: {} characters, {} scenes",
                        parsed.series_name,
                        parsed.notes.characters.len(),
                        parsed.notes.scenes.len()
                    ),
                    Vec::new(),
                );
            }
            Err(ImportError::Rejected(r)) => self.notify(
                "The sheet was not imported; nothing changed",
                r.report(&path).lines().map(str::to_owned).collect(),
            ),
            Err(ImportError::Store(e)) => self.notify("The sheet was not imported; nothing changed", vec![e]),
        }
    }
}
