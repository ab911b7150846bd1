//! Files the user picks from the window: playlists saved as M3U8, series sheets
//! imported and exported, music folders added. The dialogs are the desktop's own (rfd:
//! the xdg portal, else zenity); where neither can open, a notice says so.

use std::path::PathBuf;
use std::sync::Arc;

use iced::Task;

use super::{App, Message};
use crate::library::m3u;
use crate::library::model::TrackIdx;
use crate::ost::sheet::{self, ImportError};
use crate::ui::dialogs;
use crate::ui::stored::Stored;

pub(super) fn safe_name(name: &str) -> String {
    name.chars()
        .map(|c| if "/\\:*?\"<>|".contains(c) { '_' } else { c })
        .collect()
}

/// Opens a file dialog (`open`, an rfd future) and answers with `then(what was
/// chosen)`; where no dialog can open, answers with a notice saying so instead of
/// nothing happening.
fn dialog(
    open: impl std::future::Future<Output = Option<rfd::FileHandle>> + Send + 'static,
    then: impl Fn(Option<PathBuf>) -> Message + Send + 'static,
) -> Task<Message> {
    Task::perform(
        async move {
            if !dialogs::available().await {
                return None;
            }
            Some(open.await.map(|h| h.path().to_owned()))
        },
        move |chosen| match chosen {
            Some(path) => then(path),
            None => Message::NoFileDialog,
        },
    )
}

pub(super) fn pick_folder() -> Task<Message> {
    dialog(
        rfd::AsyncFileDialog::new()
            .set_title("Add a music folder")
            .pick_folder(),
        Message::FolderPicked,
    )
}

/// Asks where to export the open user playlist `name` as M3U8.
pub(super) fn export_open_playlist(name: &str) -> Task<Message> {
    let file = format!("{}.m3u8", safe_name(name));
    dialog(
        rfd::AsyncFileDialog::new()
            .set_title("Export the playlist")
            .set_file_name(file)
            .save_file(),
        Message::ExportPlaylistFile,
    )
}

pub fn export_playlist(name: String, tracks: Vec<TrackIdx>) -> Task<Message> {
    let tracks = Arc::new(tracks);
    dialog(
        rfd::AsyncFileDialog::new()
            .set_title("Save the playlist")
            .set_file_name(format!("{}.m3u8", safe_name(&name)))
            .add_filter("M3U8 playlist", &["m3u8"])
            .save_file(),
        move |path| Message::SavePlaylist(path, tracks.clone()),
    )
}

pub fn export_sheet(series: String) -> Task<Message> {
    let file = format!("{}.sheet.toml", safe_name(&series));
    dialog(
        rfd::AsyncFileDialog::new()
            .set_title("Export the series sheet")
            .set_file_name(file)
            .add_filter("Series sheet", &["toml"])
            .save_file(),
        move |path| Message::SaveSheet(path, series.clone()),
    )
}

pub fn pick_sheet() -> Task<Message> {
    dialog(
        rfd::AsyncFileDialog::new()
            .set_title("Import a series sheet")
            .add_filter("Series sheet", &["toml"])
            .pick_file(),
        Message::OpenSheet,
    )
}

impl App {
    pub fn save_playlist(&mut self, path: Option<PathBuf>, tracks: &[TrackIdx]) {
        let Some(path) = path else { return };
        let dir = path.parent().map(PathBuf::from).unwrap_or_default();
        let items: Vec<m3u::Item<'_>> = tracks
            .iter()
            .filter_map(|&t| self.library.track(t))
            .map(|t| m3u::Item::new(&t.path, Some(t)))
            .collect();
        let text = m3u::write(&items, &dir);
        self.jobs.file_then("The playlist could not be saved", move || {
            crate::io_guard::check("writing a playlist file");
            std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(Stored::Nothing)
        });
    }

    pub fn save_sheet(&mut self, path: Option<PathBuf>, series: &str) {
        let Some(path) = path else { return };
        let (library, series) = (self.library.clone(), series.to_owned());
        self.jobs
            .store_then("The series sheet could not be exported", move |s| {
                let text = sheet::export(s, Some(&library), &series)?;
                std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
                Ok(Stored::Nothing)
            });
    }

    /// Reads and imports a sheet on the store worker; a rejected sheet changes nothing
    /// and says where it is wrong.
    pub fn open_sheet(&mut self, path: Option<PathBuf>) {
        let Some(path) = path else { return };
        let library = self.library.clone();
        self.jobs.store_then("The sheet could not be read", move |s| {
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            Ok(match sheet::import(s, &library, &text, false) {
                Ok(parsed) => Stored::Imported(format!(
                    "Imported {}: {} characters, {} scenes",
                    parsed.series_name,
                    parsed.notes.characters.len(),
                    parsed.notes.scenes.len()
                )),
                Err(ImportError::Rejected(r)) => Stored::Said(
                    "The sheet was not imported; nothing changed".into(),
                    r.report(&path).lines().map(str::to_owned).collect(),
                ),
                Err(ImportError::Store(e)) => {
                    Stored::Said("The sheet was not imported; nothing changed".into(), vec![e])
                }
            })
        });
    }
}
