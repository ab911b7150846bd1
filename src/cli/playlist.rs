//! `leitmotif playlist import|export|list`: user playlists as M3U / M3U8 files.

use std::path::Path;
use std::process::ExitCode;

use leitmotif::library::m3u;
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
        Ok(None) => return fail(format!("no playlist named {name:?} (see `leitmotif playlist list`)")),
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
    match store.playlists() {
        Ok(lists) => {
            for p in lists {
                println!("{} ({} tracks)", p.name, p.items);
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(e),
    }
}
