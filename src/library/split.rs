//! From one file to its tracks: the file's own tags, split by a CUE sheet (beside the
//! image or embedded as CUESHEET) into virtual tracks with exact bounds.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::cue::{self, CueFile, CueSheet, SECTORS_PER_SECOND};
use super::tags;
use crate::store::TrackFields;

/// A .cue file found beside audio files, parsed once per folder.
#[derive(Debug, Clone)]
pub struct CueSource {
    pub path: PathBuf,
    pub mtime_ns: i64,
    /// The parsed sheet, or why it could not be read (reported on its image).
    pub sheet: Result<Arc<CueSheet>, String>,
}

impl CueSource {
    /// The sheets among a folder's files, parsed or not.
    pub fn find_in(files: &[(PathBuf, std::fs::Metadata)]) -> Vec<CueSource> {
        files
            .iter()
            .filter(|(p, _)| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("cue")))
            .map(|(p, meta)| CueSource {
                path: p.clone(),
                mtime_ns: super::scan::mtime_ns(meta),
                sheet: std::fs::read(p)
                    .map_err(|e| e.to_string())
                    .and_then(|bytes| cue::parse_bytes(&bytes).map_err(|e| e.to_string()))
                    .map(Arc::new),
            })
            .collect()
    }

    /// Whether the sheet describes `audio`. Rippers often name the image .wav in the
    /// sheet and compress it afterwards, so the stem alone also matches. A sheet that
    /// could not be read belongs to the audio file with its own name.
    pub fn covers(&self, audio: &Path) -> bool {
        match &self.sheet {
            Ok(sheet) => file_for(sheet, &self.path, audio).is_some(),
            Err(_) => same_stem(&self.path, audio),
        }
    }
}

fn same_stem(a: &Path, b: &Path) -> bool {
    match (a.file_stem(), b.file_stem()) {
        (Some(a), Some(b)) => a.to_string_lossy().eq_ignore_ascii_case(&b.to_string_lossy()),
        _ => false,
    }
}

/// The sheet's entry for `audio`: its exact name, the name in another case, the same
/// stem (a .wav ripped then compressed), or the only file of a sheet named like it.
fn file_for<'a>(sheet: &'a CueSheet, sheet_path: &Path, audio: &Path) -> Option<&'a CueFile> {
    let name = audio.file_name()?.to_string_lossy();
    let files = &sheet.files;
    files
        .iter()
        .find(|f| f.name == name)
        .or_else(|| files.iter().find(|f| f.name.eq_ignore_ascii_case(&name)))
        .or_else(|| files.iter().find(|f| same_stem(Path::new(&f.name), audio)))
        .or_else(|| (files.len() == 1 && same_stem(sheet_path, audio)).then(|| &files[0]))
}

/// Reads a file into its tracks and an optional warning (tags read, stream damaged).
pub fn read_file(
    path: &Path,
    cue: Option<&CueSource>,
    folder_cover: Option<&Path>,
) -> Result<(Vec<TrackFields>, Option<String>), String> {
    let read = tags::read(path)?;
    let mut base = read.fields;
    if base.cover.is_none() {
        base.cover = folder_cover.map(|p| p.to_string_lossy().into());
    }
    let mut warnings: Vec<String> = read.warning.into_iter().collect();
    // A sheet beside the file wins over one embedded in it.
    let embedded = match cue {
        None => read.cuesheet.as_deref().and_then(|text| cue::parse(text).ok()),
        Some(_) => None,
    };
    let sheet_file = match (cue, &embedded) {
        (Some(source), _) => match &source.sheet {
            Ok(sheet) => file_for(sheet, &source.path, path).map(|f| (sheet.as_ref(), f)),
            Err(reason) => {
                // The image is still imported, as one track, and the sheet's fault named.
                warnings.push(format!("cue sheet {} not used: {reason}", source.path.display()));
                None
            }
        },
        // An embedded sheet describes its own file, whatever name it gives.
        (None, Some(sheet)) => sheet.files.iter().find(|f| !f.tracks.is_empty()).map(|f| (sheet, f)),
        (None, None) => None,
    };
    let tracks = match sheet_file {
        Some((sheet, file)) => split(&base, sheet, file),
        None => vec![base],
    };
    Ok((tracks, (!warnings.is_empty()).then(|| warnings.join("; "))))
}

fn split(base: &TrackFields, sheet: &CueSheet, file: &CueFile) -> Vec<TrackFields> {
    let total = file.tracks.len() as u32;
    let file_sectors = base.duration_ms.map(|ms| ms * SECTORS_PER_SECOND / 1000);
    file.tracks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let end = t.end.or(file_sectors);
            let mut f = base.clone();
            f.title = t.title.as_deref().map(Into::into);
            f.artist = t
                .performer
                .as_deref()
                .or(sheet.performer.as_deref())
                .map(Into::into)
                .or(f.artist);
            f.album = f.album.or_else(|| sheet.title.as_deref().map(Into::into));
            f.album_artist = f.album_artist.or_else(|| sheet.performer.as_deref().map(Into::into));
            f.composer = t.songwriter.as_deref().map(Into::into).or(f.composer);
            f.date = f.date.or_else(|| sheet.date.as_deref().map(Into::into));
            f.genre = f.genre.or_else(|| sheet.genre.as_deref().map(Into::into));
            f.catalog = f.catalog.or_else(|| sheet.catalog.as_deref().map(Into::into));
            f.track = Some(t.number);
            f.track_total = Some(total);
            f.cue_index = i as u32 + 1;
            f.cue_start = Some(t.start);
            f.cue_end = t.end;
            f.duration_ms = end.map(|e| e.saturating_sub(t.start) * 1000 / SECTORS_PER_SECOND);
            // ReplayGain in an image's tags is the whole image's: album gain only.
            f.rg_track_gain = None;
            f.rg_track_peak = None;
            f.mb_recording_id = None;
            f
        })
        .collect()
}
