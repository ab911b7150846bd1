//! `leitmotif playlist import|export|list`: user playlists as M3U / M3U8 files.

use std::path::Path;
use std::process::ExitCode;

use leitmotif::library::cue::sectors_to_duration;
use leitmotif::library::m3u;
use leitmotif::library::model::Library;
use leitmotif::ost::smart;
use leitmotif::store::PlaylistItem;

use super::{fail, open_store};

/// Missing files named one by one on import; the rest are counted.
const SHOWN_MISSING: usize = 20;

pub fn import(file: &Path, name: Option<&str>) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(b) => b,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    let base = file.parent().unwrap_or(Path::new("."));
    let name = name
        .map(str::to_owned)
        .or_else(|| file.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "Imported".into());
    let mut items = Vec::new();
    let (mut missing, mut urls) = (0, 0);
    for entry in m3u::parse(&bytes, base) {
        match entry {
            m3u::Entry::Path(p) => {
                if !p.exists() {
                    missing += 1;
                    // A playlist from another machine can miss thousands: name a few.
                    if missing <= SHOWN_MISSING {
                        eprintln!(
                            "leitmotif: {}: {} is not there (kept in the playlist)",
                            file.display(),
                            p.display()
                        );
                    }
                }
                items.push(PlaylistItem::file(p.to_string_lossy()));
            }
            m3u::Entry::Url(u) => {
                urls += 1;
                eprintln!("leitmotif: {}: {u}: streams are not kept", file.display());
            }
        }
    }
    if missing > SHOWN_MISSING {
        eprintln!(
            "leitmotif: {}: … and {} more not there (kept in the playlist)",
            file.display(),
            missing - SHOWN_MISSING
        );
    }
    let mut store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if let Err(e) = store.save_playlist(&name, &items) {
        return fail(e);
    }
    println!(
        "{name}: {} tracks imported ({missing} not found, {urls} streams left out)",
        items.len()
    );
    ExitCode::SUCCESS
}

pub fn export(name: &str, output: &Path) -> ExitCode {
    let store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let items = match store.playlist(name) {
        Ok(Some(items)) => items,
        Ok(None) => match smart_items(&store, name) {
            Ok(Some(items)) => items,
            Ok(None) => return fail(format!("no playlist named {name:?} (see `leitmotif playlist list`)")),
            Err(e) => return fail(e),
        },
        Err(e) => return fail(e),
    };
    // Titles and lengths from the library where it knows the file.
    let tracks = super::library::load().map(|l| l.tracks).unwrap_or_default();
    let by_path: std::collections::HashMap<&Path, &leitmotif::library::model::Track> =
        tracks.iter().map(|t| (t.path.as_path(), t)).collect();
    let written: Vec<m3u::Item<'_>> = items
        .iter()
        .map(|i| {
            let path = Path::new(&i.path);
            m3u::Item::new(path, by_path.get(path).copied())
        })
        .collect();
    let dir = std::fs::canonicalize(
        output
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new(".")),
    )
    .unwrap_or_default();
    match std::fs::write(output, m3u::write(&written, &dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => fail(format!("{}: {e}", output.display())),
    }
}

pub fn list() -> ExitCode {
    let store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let lists = store.playlists().and_then(|l| Ok((l, store.smart_playlists()?)));
    match lists {
        Ok((lists, saved)) => {
            for p in lists {
                println!("{} ({} tracks)", p.name, p.items);
            }
            for s in smart::all(&saved) {
                let kind = if s.built_in { "built in" } else { "smart" };
                println!("{} ({kind}: {})", s.name, s.query);
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}

/// The files smart playlist `name` holds now, if there is one by that name.
fn smart_items(store: &leitmotif::store::Store, name: &str) -> Result<Option<Vec<PlaylistItem>>, String> {
    let saved = store.smart_playlists().map_err(|e| e.to_string())?;
    let Some(list) = smart::all(&saved).into_iter().find(|s| s.name == name) else {
        return Ok(None);
    };
    let library = Library::load(store).map_err(|e| e.to_string())?;
    let tracks = super::library::smart_tracks(store, &library, &list)?;
    Ok(Some(
        tracks
            .into_iter()
            .filter_map(|t| library.track(t))
            .map(|t| {
                // A CUE track is its range of the image (sectors, 1/75 s).
                let ms = |sectors: Option<u64>| sectors.map(|s| sectors_to_duration(s).as_millis() as u64);
                PlaylistItem {
                    path: t.path.to_string_lossy().into_owned(),
                    start_ms: ms(t.fields.cue_start),
                    end_ms: ms(t.fields.cue_end),
                }
            })
            .collect(),
    ))
}

/// `playlist smart NAME --rename NEW`: a saved smart playlist renamed (a built-in or
/// taken name is refused).
pub fn rename_smart(from: &str, to: &str) -> ExitCode {
    let mut store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    let saved = match store.smart_playlists() {
        Ok(saved) => saved,
        Err(e) => return fail(e),
    };
    let lists = leitmotif::ost::smart::all(&saved);
    if !lists.iter().any(|s| !s.built_in && s.name == from) {
        return fail(format!(
            "no saved smart playlist named {from:?} (built-in ones keep their names; see `leitmotif playlist list`)"
        ));
    }
    if let Some(problem) = leitmotif::ost::smart::name_problem(to, &lists) {
        return fail(problem);
    }
    match store.rename_smart_playlist(from, to.trim()) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => fail(format!("a smart playlist is already called {to:?}")),
        Err(e) => fail(e),
    }
}

/// `playlist smart NAME [--query Q | --delete]`.
pub fn smart(name: &str, query: Option<&str>, delete: bool) -> ExitCode {
    let mut store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    if delete {
        return match store.delete_smart_playlist(name) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        };
    }
    if let Some(q) = query {
        // A query that does not read is not saved.
        if let Err(e) = leitmotif::library::query::parse(q) {
            return fail(super::query_mistake(q, &e));
        }
        return match store.save_smart_playlist(name, q) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(e),
        };
    }
    match smart_items(&store, name) {
        Ok(Some(items)) => {
            for i in items {
                println!("{}", i.path);
            }
            ExitCode::SUCCESS
        }
        Ok(None) => fail(format!(
            "no smart playlist named {name:?} (see `leitmotif playlist list`)"
        )),
        Err(e) => fail(e),
    }
}
