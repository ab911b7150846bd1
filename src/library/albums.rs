//! Tracks into albums as a person sees them: one folder (with its disc folders and small
//! subfolders such as `win/`, `lose/`) holding one album title is one album, whatever
//! album artists a few files lack or however the artists differ per track. Only real
//! evidence splits it: another catalog number, or another album artist whose tracks
//! repeat the same track numbers (two singles called "Victory" in one folder).
//! Untagged files join the album their folder agrees on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::folders::{self, album_root};
use super::model::{Album, AlbumIdx, Disc, SeriesEvidence, SeriesIdx, Track, TrackIdx};
use super::release_title::series_key;
use super::series_rules::{AlbumKind, name_key};

/// The disc a folder's name gives ("Disc 2 - Night" → 2, "Night").
type FolderDisc = Option<(u32, Option<String>)>;

/// Tracks sharing an album root folder and album title, before splitting.
struct Group {
    root: PathBuf,
    title_key: Option<String>,
    tracks: Vec<usize>,
}

/// A title and number from the file name where the tags have none ("03 - Song.flac").
pub(crate) fn fill_from_file_name(t: &mut Track) {
    if t.fields.title.is_none() || t.fields.track.is_none() {
        let (n, title) = folders::from_file_name(&t.path);
        if t.fields.title.as_deref().is_none_or(|s| s.trim().is_empty()) && !title.is_empty() {
            t.fields.title = Some(title.into());
        }
        t.fields.track = t.fields.track.or(n);
    }
}

/// A tag value worth reading: trimmed, not blank.
pub(crate) fn usable<S: AsRef<str>>(s: &Option<S>) -> Option<&str> {
    s.as_ref().map(|s| s.as_ref().trim()).filter(|s| !s.is_empty())
}

/// Fills titles and numbers that tags lack from file names, then groups into albums;
/// each track's `album` is set.
pub fn group(tracks: &mut [Track], roots: &[PathBuf]) -> Vec<Album> {
    let mut folder_disc: Vec<FolderDisc> = Vec::with_capacity(tracks.len());
    let mut groups: Vec<Group> = Vec::new();
    let mut index: HashMap<(PathBuf, Option<String>), usize> = HashMap::new();
    // Neighbouring tracks share their folder and album: fold each title once, read each
    // folder's name once, and look the group up only when it changes.
    let mut title_keys: HashMap<String, String> = HashMap::new();
    let mut last_dir: Option<(PathBuf, PathBuf, FolderDisc)> = None;
    let mut last_group: Option<(usize, Option<String>)> = None;
    for (i, t) in tracks.iter_mut().enumerate() {
        fill_from_file_name(t);
        let parent = t.path.parent().unwrap_or(Path::new(""));
        let same_dir = last_dir.as_ref().is_some_and(|(dir, _, _)| dir == parent);
        if !same_dir {
            let (root, disc) = album_root(&t.path);
            last_dir = Some((parent.to_path_buf(), root, disc));
            last_group = None;
        }
        let Some((_, root, disc)) = last_dir.as_ref() else {
            continue;
        };
        folder_disc.push(disc.clone());
        let title_key = usable(&t.fields.album).map(|a| match title_keys.get(a) {
            Some(k) => k.clone(),
            None => {
                let k = name_key(a);
                title_keys.insert(a.to_owned(), k.clone());
                k
            }
        });
        let g = match &last_group {
            Some((g, key)) if *key == title_key => *g,
            _ => {
                let g = *index.entry((root.clone(), title_key.clone())).or_insert_with(|| {
                    groups.push(Group {
                        root: root.clone(),
                        title_key: title_key.clone(),
                        tracks: Vec::new(),
                    });
                    groups.len() - 1
                });
                last_group = Some((g, title_key));
                g
            }
        };
        groups[g].tracks.push(i);
    }
    merge_subfolders(&mut groups, roots);
    adopt_untagged(&mut groups);

    let mut albums = Vec::new();
    for g in groups.into_iter().filter(|g| !g.tracks.is_empty()) {
        for part in split(&g, tracks) {
            let a = AlbumIdx(albums.len());
            albums.push(make_album(&g.root, &part, tracks, &folder_disc));
            for &t in &part {
                tracks[t].album = a;
            }
        }
    }
    albums
}

/// `Album/win/*.ogg` with album title "Album" joins the album in `Album/` or its
/// siblings in `Album/lose/`. Siblings named after the album itself are editions
/// ("X (2001)", "X (2020 Remaster)") and stay apart.
fn merge_subfolders(groups: &mut [Group], roots: &[PathBuf]) {
    let mut by_title: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if let Some(k) = &g.title_key {
            by_title.entry(k.as_str()).or_default().push(i);
        }
    }
    let mut moves: Vec<(usize, usize)> = Vec::new();
    for members in by_title.values().filter(|m| m.len() > 1) {
        for &i in members {
            let root = &groups[i].root;
            // An ancestor folder (up to two levels) holding the same album.
            let ancestor = members.iter().copied().find(|&j| {
                j != i && groups[j].root != *root && root.ancestors().skip(1).take(2).any(|a| a == groups[j].root)
            });
            if let Some(j) = ancestor {
                moves.push((i, j));
                continue;
            }
            let title = groups[i].title_key.as_deref().map(series_key).unwrap_or_default();
            let names_album = |p: &Path| {
                p.file_name()
                    .is_some_and(|n| series_key(&n.to_string_lossy()).contains(&title))
            };
            // Folders side by side in a library root are unrelated trees.
            let in_root = root.parent().is_none_or(|p| roots.iter().any(|r| r == p));
            if names_album(root) || in_root {
                continue;
            }
            // The first sibling (same parent, not itself named after the album) takes the rest.
            if let Some(j) = members.iter().copied().find(|&j| {
                groups[j].root != *root && groups[j].root.parent() == root.parent() && !names_album(&groups[j].root)
            }) && j < i
            {
                moves.push((i, j));
            }
        }
    }
    for (from, to) in moves {
        let moved = std::mem::take(&mut groups[from].tracks);
        let target = resolve(groups, to);
        groups[target].tracks.extend(moved);
        if groups[from].root.parent() == groups[target].root.parent() && groups[from].root != groups[target].root {
            // Siblings: the album's folder is their parent.
            if let Some(parent) = groups[target].root.parent().map(Path::to_path_buf) {
                groups[target].root = parent;
            }
        }
    }
}

/// A group emptied by a move points nowhere; follow to the first non-empty one with
/// the same title (moves are few, so a scan is fine).
fn resolve(groups: &[Group], to: usize) -> usize {
    if !groups[to].tracks.is_empty() {
        return to;
    }
    groups
        .iter()
        .position(|g| !g.tracks.is_empty() && g.title_key == groups[to].title_key)
        .unwrap_or(to)
}

/// Files without an album title join the largest titled album in their folder.
fn adopt_untagged(groups: &mut [Group]) {
    let mut largest: HashMap<PathBuf, usize> = HashMap::new();
    for (i, g) in groups.iter().enumerate() {
        if g.title_key.is_some() && !g.tracks.is_empty() {
            let e = largest.entry(g.root.clone()).or_insert(i);
            if groups[*e].tracks.len() < g.tracks.len() {
                *e = i;
            }
        }
    }
    for i in 0..groups.len() {
        if groups[i].title_key.is_none()
            && let Some(&j) = largest.get(&groups[i].root)
        {
            let moved = std::mem::take(&mut groups[i].tracks);
            groups[j].tracks.extend(moved);
        }
    }
}

/// Splits a group on real evidence: catalog numbers, then album artists whose tracks
/// repeat each other's numbers. Tracks lacking the value join the largest part.
fn split(g: &Group, tracks: &[Track]) -> Vec<Vec<usize>> {
    let mut parts = vec![g.tracks.clone()];
    for field in [Field::Catalog, Field::AlbumArtist] {
        parts = parts.into_iter().flat_map(|p| split_by(p, tracks, field)).collect();
    }
    parts
}

#[derive(Clone, Copy, PartialEq)]
enum Field {
    Catalog,
    AlbumArtist,
}

fn split_by(part: Vec<usize>, tracks: &[Track], field: Field) -> Vec<Vec<usize>> {
    // Most albums carry one spelling (or none) on every track: nothing to split.
    let raw = |t: usize| {
        let f = &tracks[t].fields;
        match field {
            Field::Catalog => f.catalog.as_deref(),
            Field::AlbumArtist => f.album_artist.as_deref(),
        }
    };
    let mut spellings = part.iter().filter_map(|&t| raw(t));
    if let Some(first) = spellings.next()
        && spellings.all(|s| s == first)
    {
        return vec![part];
    }
    // An album repeats one or two spellings: fold each once.
    let mut folded: Vec<(&str, String)> = Vec::new();
    let mut value = |t: usize| -> Option<String> {
        let f = &tracks[t].fields;
        let raw = match field {
            Field::Catalog => usable(&f.catalog),
            Field::AlbumArtist => usable(&f.album_artist),
        }?;
        if let Some((_, k)) = folded.iter().find(|(r, _)| *r == raw) {
            return Some(k.clone());
        }
        let k = name_key(raw);
        folded.push((raw, k.clone()));
        Some(k)
    };
    let mut by: Vec<(String, Vec<usize>)> = Vec::new();
    let mut without = Vec::new();
    for &t in &part {
        match value(t) {
            Some(v) => match by.iter_mut().find(|(k, _)| *k == v) {
                Some((_, list)) => list.push(t),
                None => by.push((v, vec![t])),
            },
            None => without.push(t),
        }
    }
    if by.len() < 2 {
        return vec![part];
    }
    if field == Field::AlbumArtist {
        // Differing album artists on tracks numbered 1..n are one album tagged unevenly;
        // only repeated numbers show two releases.
        let numbers = |list: &[usize]| -> Vec<(u32, u32)> {
            list.iter()
                .map(|&t| (tracks[t].fields.disc.unwrap_or(1), tracks[t].fields.track.unwrap_or(0)))
                .collect()
        };
        let mut seen = std::collections::HashSet::new();
        let repeated = by.iter().any(|(_, list)| {
            let mine: std::collections::HashSet<_> = numbers(list).into_iter().collect();
            let clash = mine.iter().any(|n| seen.contains(n));
            seen.extend(mine);
            clash
        });
        if !repeated {
            return vec![part];
        }
    }
    by.sort_by_key(|(_, list)| std::cmp::Reverse(list.len()));
    let mut parts: Vec<Vec<usize>> = by.into_iter().map(|(_, list)| list).collect();
    parts[0].extend(without);
    parts
}

fn most_common<'a>(values: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    // Exact spellings first (an album repeats them), then folded: "OST" = "ost".
    let mut exact: Vec<(&str, usize)> = Vec::new();
    for v in values {
        match exact.iter_mut().find(|(x, _)| *x == v) {
            Some(c) => c.1 += 1,
            None => exact.push((v, 1)),
        }
    }
    if exact.len() <= 1 {
        return exact.first().map(|c| c.0);
    }
    let mut counts: Vec<(&str, String, usize)> = Vec::new();
    for (v, n) in exact {
        let k = name_key(v);
        match counts.iter_mut().find(|(_, key, _)| *key == k) {
            Some(c) => c.2 += n,
            None => counts.push((v, k, n)),
        }
    }
    // Stable: the first spelling seen wins a tie.
    let best = counts.iter().map(|c| c.2).max()?;
    counts.into_iter().find(|c| c.2 == best).map(|c| c.0)
}

fn make_album(root: &Path, part: &[usize], tracks: &[Track], folder_disc: &[FolderDisc]) -> Album {
    let fields = || part.iter().map(|&t| &tracks[t].fields);
    let tagged = most_common(fields().filter_map(|f| usable(&f.album))).map(str::to_owned);
    let untagged = tagged.is_none();
    let title = tagged.unwrap_or_else(|| {
        // "drascula/audio", "warzone2100/music": the folder that names the music is the
        // one above a container (one level only: above that sits the collection).
        let named = root
            .ancestors()
            .take(2)
            .find(|d| {
                d.file_name()
                    .is_some_and(|n| !folders::is_container(&n.to_string_lossy()))
            })
            .unwrap_or(root);
        named
            .file_name()
            .map(|n| folders::humanize(&n.to_string_lossy()))
            .unwrap_or_default()
    });
    let artist = match most_common(fields().filter_map(|f| usable(&f.album_artist))) {
        Some(a) => a.to_owned(),
        None => {
            let artists: Vec<&str> = fields().filter_map(|f| usable(&f.artist)).collect();
            match artists.first() {
                Some(first) if artists.iter().all(|a| a == first || name_key(a) == name_key(first)) => {
                    (*first).to_owned()
                }
                Some(_) => "Various Artists".to_owned(),
                None => String::new(),
            }
        }
    };
    let catalog = most_common(fields().filter_map(|f| usable(&f.catalog))).map(str::to_owned);
    let flagged = fields().filter(|f| f.compilation).count();
    let compilation = flagged * 2 > part.len() || name_key(&artist) == "various artists" && flagged > 0;
    let distinguisher = match &catalog {
        Some(c) => name_key(c),
        None => root.to_string_lossy().into_owned(),
    };
    let key = format!("{}\u{1f}{}\u{1f}{distinguisher}", name_key(&artist), name_key(&title));

    let mut discs: Vec<Disc> = Vec::new();
    // Files with neither a disc nor a track number beside numbered discs are extras
    // (Wesnoth's five-second victory and defeat jingles): after the last disc's
    // numbered tracks, not among the first disc's, so the album begins where it does.
    let last_disc = fields().filter_map(|f| f.disc).max();
    for &t in part {
        let f = &tracks[t].fields;
        let from_folder = folder_disc[t].as_ref();
        let extra = f.track.is_none().then_some(last_disc).flatten();
        let number = f.disc.or(from_folder.map(|d| d.0)).or(extra).unwrap_or(1);
        let d = match discs.iter().position(|d| d.number == number) {
            Some(d) => d,
            None => {
                discs.push(Disc {
                    number,
                    subtitle: f
                        .disc_subtitle
                        .clone()
                        .map(String::from)
                        .or_else(|| from_folder.and_then(|d| d.1.clone())),
                    tracks: Vec::new(),
                });
                discs.len() - 1
            }
        };
        discs[d].tracks.push(TrackIdx(t));
    }
    discs.sort_by_key(|d| d.number);
    for d in &mut discs {
        d.tracks.sort_by(|x, y| {
            let (x, y) = (&tracks[*x], &tracks[*y]);
            (x.fields.track.unwrap_or(u32::MAX), x.fields.cue_index, &x.path).cmp(&(
                y.fields.track.unwrap_or(u32::MAX),
                y.fields.cue_index,
                &y.path,
            ))
        });
    }
    Album {
        key,
        title,
        artist,
        compilation,
        kind: AlbumKind::Other,
        number: None,
        date: most_common(fields().filter_map(|f| usable(&f.date))).map(str::to_owned),
        catalog,
        folder: root.to_path_buf(),
        discs,
        series: SeriesIdx(0),
        evidence: SeriesEvidence::Folder,
        cover: fields().find_map(|f| f.cover.as_deref().map(String::from)),
        untagged,
    }
}

/// The user's merges and splits (`Curation::album_merges`, `album_splits`), applied to
/// the albums grouped above; tracks' `album` indexes are set again.
pub fn apply_curation(albums: &mut Vec<Album>, tracks: &mut [Track], curation: &crate::store::Curation) {
    if curation.album_merges.is_empty() && curation.album_splits.is_empty() {
        return;
    }
    let folder_disc: Vec<FolderDisc> = tracks.iter().map(|t| album_root(&t.path).1).collect();
    let members = |a: &Album| -> Vec<usize> { a.discs.iter().flat_map(|d| d.tracks.iter().map(|t| t.0)).collect() };
    let by_key: HashMap<String, usize> = albums.iter().enumerate().map(|(i, a)| (a.key.clone(), i)).collect();
    // Merges first: "from" albums' tracks join "into" albums (a chain is followed once).
    let mut joined: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut gone = vec![false; albums.len()];
    for (from, into) in &curation.album_merges {
        let (Some(&f), Some(&i)) = (by_key.get(from), by_key.get(into)) else {
            continue;
        };
        if f != i && !gone[i] {
            joined.entry(i).or_default().extend(members(&albums[f]));
            gone[f] = true;
        }
    }
    let mut out: Vec<Album> = Vec::with_capacity(albums.len());
    for (i, a) in albums.iter().enumerate() {
        if gone[i] {
            continue;
        }
        let mut part = members(a);
        let merged = joined.remove(&i);
        let had_merge = merged.is_some();
        part.extend(merged.unwrap_or_default());
        if curation.album_splits.contains(&a.key) {
            // One album per folder the tracks sit in.
            let mut folders: Vec<(PathBuf, Vec<usize>)> = Vec::new();
            for t in part {
                let dir = tracks[t].path.parent().map(Path::to_path_buf).unwrap_or_default();
                match folders.iter_mut().find(|(d, _)| *d == dir) {
                    Some((_, list)) => list.push(t),
                    None => folders.push((dir, vec![t])),
                }
            }
            for (dir, list) in folders {
                out.push(make_album(&dir, &list, tracks, &folder_disc));
            }
        } else if had_merge {
            let mut merged = make_album(&a.folder, &part, tracks, &folder_disc);
            // The album keeps its key, so the merge and any move of it still apply.
            merged.key = a.key.clone();
            out.push(merged);
        } else {
            out.push(a.clone());
        }
    }
    for (ai, a) in out.iter().enumerate() {
        for &t in a.discs.iter().flat_map(|d| d.tracks.iter()) {
            tracks[t].album = AlbumIdx(ai);
        }
    }
    *albums = out;
}
