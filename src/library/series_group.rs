//! Albums into series, series into franchises, compilations apart.
//!
//! Evidence, strongest first: the user's choice; a SERIES / `tvsh` / GROUPING / WORK tag
//! (most tracks' value); the album title read by `release_title`; the series folder
//! above the album's folder; the album's own title. Albums sharing any name (a
//! bilingual title's two halves count) are one series. "X: Farewell" and "X B-Sides"
//! join X when X is a series or X's folder holds them. Seasons, films and numbered
//! sequels are series of their own, gathered into a franchise once two share a base.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::folders;
use super::model::{Album, AlbumIdx, Franchise, Series, SeriesEvidence, SeriesIdx, Track};
use super::release_title::{self, Medium, Release, series_key};
use super::series_rules::clean_folder_name;
use crate::store::{Curation, TrackFields};

/// The name shown for the group of compilations.
pub const COMPILATIONS: &str = "Compilations";

struct Naming {
    /// Primary name, then aliases.
    names: Vec<String>,
    evidence: SeriesEvidence,
    franchise: Option<String>,
    franchise_tagged: bool,
    season: Option<u32>,
    film: bool,
}

use super::albums::usable;

/// The show each track's own tags name, read through the title grammar ("The X OST" →
/// "The X"), indexed like `tracks`. Albums repeat their tags: each value is read once.
fn track_shows(albums: &[Album], tracks: &[Track]) -> Vec<Option<String>> {
    let mut out = vec![None; tracks.len()];
    let mut read: HashMap<&str, String> = HashMap::new();
    for a in albums {
        let mut album_key = None;
        for &t in a.discs.iter().flat_map(|d| d.tracks.iter()) {
            let f = &tracks[t].fields;
            let raw = usable(&f.series_tag)
                .or_else(|| usable(&f.show))
                .or_else(|| usable(&f.grouping))
                .or_else(|| {
                    // Classical-style WORK tags name compositions; only a WORK the album names counts.
                    let work = usable(&f.work)?;
                    let key = album_key.get_or_insert_with(|| series_key(&a.title));
                    key.contains(&series_key(work)).then_some(work)
                });
            if let Some(raw) = raw {
                out[t.0] = Some(read.entry(raw).or_insert_with(|| read_show(raw).0).clone());
            }
        }
    }
    out
}

/// A show tag read through the title grammar: its name and the other names it gives.
fn read_show(raw: &str) -> (String, Vec<String>) {
    match release_title::parse(raw) {
        Some(r) => (r.name, r.aliases),
        None => (raw.trim().to_owned(), Vec::new()),
    }
}

/// The show tag most of an album's tracks carry, as written.
fn raw_show_tag(f: &TrackFields) -> Option<String> {
    usable(&f.series_tag)
        .or_else(|| usable(&f.show))
        .or_else(|| usable(&f.grouping))
        .map(str::to_owned)
}

fn most_common(values: impl Iterator<Item = String>) -> Option<String> {
    // Exact spellings first (an album repeats them), then by key: "The X" = "X".
    let mut exact: Vec<(String, usize)> = Vec::new();
    for v in values {
        match exact.iter_mut().find(|(x, _)| *x == v) {
            Some(c) => c.1 += 1,
            None => exact.push((v, 1)),
        }
    }
    if exact.len() <= 1 {
        return exact.pop().map(|c| c.0);
    }
    let mut counts: Vec<(String, String, usize)> = Vec::new();
    for (v, n) in exact {
        let k = series_key(&v);
        match counts.iter_mut().find(|(_, key, _)| *key == k) {
            Some(c) => c.2 += n,
            None => counts.push((v, k, n)),
        }
    }
    let best = counts.iter().map(|c| c.2).max()?;
    counts.into_iter().find(|c| c.2 == best).map(|c| c.0)
}

/// The shows named by titles and tags in each folder's subtree (three levels up from
/// each album): a folder holding several shows is a category ("Joe Hisaishi",
/// "My Games"), not a series.
type FolderShows = HashMap<PathBuf, std::collections::HashSet<String>>;

/// The series folder above an album's folder, skipping container folders, up to the root;
/// `None` when that folder is a category.
fn folder_series(album_folder: &Path, roots: &[PathBuf], shows: &FolderShows) -> Option<String> {
    let mut dir = album_folder.parent()?;
    loop {
        // A folder above a root names nothing; the root itself may (a game's folder
        // added as it is, "drascula/audio"), unless it is a category or a container.
        if roots.iter().any(|r| r.starts_with(dir) && r != dir) || dir.as_os_str().is_empty() {
            return None;
        }
        let name = dir.file_name()?.to_string_lossy().into_owned();
        if !folders::is_container(&name) {
            let cleaned = capitalized(clean_folder_name(&name));
            let named = release_title::parse(&cleaned).map_or(cleaned, |r| r.name);
            let key = series_key(&named);
            let category = shows.get(dir).is_some_and(|keys| {
                keys.iter()
                    .any(|k| !k.starts_with(&key) && !key.starts_with(k.as_str()))
            });
            return (!named.is_empty() && !category).then_some(named);
        }
        dir = dir.parent()?;
    }
}

/// A package-style folder name in lower case ("drascula", "warzone2100") as a name:
/// its first letter capitalised. Names a person wrote (any capital) stay as written.
fn capitalized(name: String) -> String {
    if name.chars().any(char::is_uppercase) {
        return name;
    }
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn folder_shows(
    albums: &[Album],
    releases: &[Option<Release>],
    tags: &[Option<String>],
    roots: &[PathBuf],
) -> FolderShows {
    let mut shows = FolderShows::new();
    for (ai, a) in albums.iter().enumerate() {
        let named = tags[ai].clone().or_else(|| {
            releases[ai]
                .as_ref()
                .filter(|r| r.recognised && !a.untagged)
                .map(|r| r.franchise.clone().unwrap_or_else(|| r.name.clone()))
        });
        let Some(named) = named else { continue };
        let key = series_key(&named);
        for dir in a.folder.ancestors().skip(1).take(3) {
            if roots.iter().any(|r| r == dir) {
                break;
            }
            shows.entry(dir.to_path_buf()).or_default().insert(key.clone());
        }
    }
    shows
}

/// Groups albums into series (setting `kind`, `number`, `series`, `evidence`) and
/// series into franchises.
pub fn group(
    albums: &mut [Album],
    tracks: &[Track],
    roots: &[PathBuf],
    curation: &Curation,
) -> (Vec<Series>, Vec<Franchise>) {
    let overrides = &curation.album_series;
    let fields = |a: &Album| -> Vec<&TrackFields> {
        a.discs
            .iter()
            .flat_map(|d| d.tracks.iter().map(|&t| &tracks[t].fields))
            .collect()
    };
    let releases: Vec<Option<Release>> = albums.iter().map(|a| release_title::parse(&a.title)).collect();
    // Compilations: flagged, and naming several shows or none.
    let shows_of = track_shows(albums, tracks);
    let album_shows = |a: &Album| -> Vec<String> {
        a.discs
            .iter()
            .flat_map(|d| d.tracks.iter())
            .filter_map(|&t| shows_of[t.0].clone())
            .collect()
    };
    let compilation: Vec<bool> = albums
        .iter()
        .zip(&releases)
        .map(|(a, r)| {
            // Unflagged, a Various Artists album whose tracks name several shows is one
            // too; a K-drama part by Various Artists names one show, or none.
            let various = series_key(&a.artist) == "variousartists";
            if !(a.compilation || various) || overrides.contains_key(&a.key) {
                return false;
            }
            let shows: std::collections::HashSet<String> = album_shows(a).iter().map(|s| series_key(s)).collect();
            shows.len() > 1 || a.compilation && shows.is_empty() && !r.as_ref().is_some_and(|r| r.recognised)
        })
        .collect();

    let tag_names: Vec<Option<String>> = albums.iter().map(|a| most_common(album_shows(a).into_iter())).collect();
    let shows = folder_shows(albums, &releases, &tag_names, roots);
    // Albums of one series sit side by side: each series folder is read once.
    let mut folder_names: HashMap<PathBuf, Option<String>> = HashMap::new();
    let mut namings: Vec<Option<Naming>> = Vec::with_capacity(albums.len());
    for (ai, a) in albums.iter_mut().enumerate() {
        let release = releases[ai].as_ref();
        if let Some(r) = release {
            a.kind = r.kind;
            a.number = r.number;
        }
        if compilation[ai] {
            namings.push(None);
            continue;
        }
        let fs = fields(a);
        let franchise_tag = most_common(fs.iter().filter_map(|f| usable(&f.franchise).map(str::to_owned)));
        let mut naming = Naming {
            names: Vec::new(),
            evidence: SeriesEvidence::Folder,
            franchise: release.and_then(|r| r.franchise.clone()),
            franchise_tagged: false,
            season: release.and_then(|r| r.season),
            film: release.is_some_and(|r| r.medium == Some(Medium::Film)),
        };
        if let Some(f) = franchise_tag {
            naming.franchise = Some(f);
            naming.franchise_tagged = true;
        }
        if let Some(name) = overrides.get(&a.key) {
            naming.names.push(name.clone());
            naming.evidence = SeriesEvidence::Override;
        } else if let Some(name) = tag_names[ai].clone() {
            // The tag as written may carry a second name: "원제 (English)".
            let raw = most_common(fs.iter().filter_map(|f| raw_show_tag(f)));
            let aliases = raw
                .map(|r| read_show(&r))
                .filter(|(n, _)| series_key(n) == series_key(&name))
                .map(|(_, a)| a)
                .unwrap_or_default();
            naming.names.push(name);
            naming.names.extend(aliases);
            naming.evidence = SeriesEvidence::Tag;
        } else {
            // The answer depends only on the folders above the album's.
            let above = a.folder.parent().map(Path::to_path_buf).unwrap_or_default();
            let folder = match folder_names.get(&above) {
                Some(f) => f.clone(),
                None => {
                    let f = folder_series(&a.folder, roots, &shows);
                    folder_names.insert(above, f.clone());
                    f
                }
            };
            match release {
                // A folder's name as the album's title says less than the folder above it.
                Some(r) if r.recognised && !(a.untagged && folder.is_some()) => {
                    // "X: Farewell" in X's folder is X's.
                    let in_parent_folder = r
                        .parent
                        .as_ref()
                        .zip(folder.as_ref())
                        .is_some_and(|(p, f)| series_key(p) == series_key(f));
                    if in_parent_folder && r.season.is_none() {
                        naming.names.push(folder.clone().unwrap_or_default());
                        naming.evidence = SeriesEvidence::Folder;
                    } else {
                        naming.names.push(r.name.clone());
                        naming.names.extend(r.aliases.iter().cloned());
                        naming.evidence = SeriesEvidence::AlbumTitle;
                    }
                }
                _ => match folder {
                    Some(f) => naming.names.push(f),
                    None => {
                        let name = release.map_or_else(|| a.title.clone(), |r| r.name.clone());
                        naming.names.push(name);
                        naming
                            .names
                            .extend(release.iter().flat_map(|r| r.aliases.iter().cloned()));
                    }
                },
            }
        }
        namings.push(Some(naming));
    }

    // The user's aliases: "Guardian: The Lonely and Great God" is "도깨비".
    if !curation.aliases.is_empty() {
        for n in namings.iter_mut().flatten() {
            let target = n
                .names
                .first()
                .and_then(|p| curation.aliases.get(&series_key(p)))
                .cloned();
            if let Some(target) = target {
                n.names.insert(0, target);
            }
        }
    }

    // Expansions and extras join their parent series when it exists.
    let primary: std::collections::HashSet<String> = namings
        .iter()
        .flatten()
        .filter_map(|n| n.names.first().map(|s| series_key(s)))
        .collect();
    for (ai, naming) in namings.iter_mut().enumerate() {
        let (Some(n), Some(r)) = (naming.as_mut(), releases[ai].as_ref()) else {
            continue;
        };
        if n.evidence == SeriesEvidence::Override || n.season.is_some() || n.film {
            continue;
        }
        if let Some(parent) = &r.parent
            && n.names.first().is_some_and(|s| series_key(s) == series_key(&r.name))
            && primary.contains(&series_key(parent))
        {
            n.names = vec![parent.clone()];
        }
    }

    // Albums sharing any name are one series (union-find over album indexes).
    let mut parent: Vec<usize> = (0..albums.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    fn union(parent: &mut [usize], a: usize, b: usize) {
        let (x, y) = (find(parent, a), find(parent, b));
        if x != y {
            parent[x.max(y)] = x.min(y);
        }
    }
    // Primary names join albums; an alias only brings in albums whose primary name it
    // is, and only when one series claims it: two shows given the same English
    // subtitle by a store stay apart.
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (ai, n) in namings.iter().enumerate() {
        let Some(key) = n.as_ref().and_then(|n| n.names.first()).map(|s| series_key(s)) else {
            continue;
        };
        match owner.get(&key) {
            Some(&other) => union(&mut parent, ai, other),
            None => {
                owner.insert(key, ai);
            }
        }
    }
    let mut alias_owner: HashMap<String, Option<usize>> = HashMap::new();
    for (ai, n) in namings.iter().enumerate() {
        for alias in n.iter().flat_map(|n| n.names.iter().skip(1)) {
            let key = series_key(alias);
            let root = find(&mut parent, ai);
            alias_owner
                .entry(key)
                .and_modify(|o| {
                    if o.is_some_and(|x| x != root) {
                        *o = None;
                    }
                })
                .or_insert(Some(root));
        }
    }
    for (key, o) in alias_owner {
        if let (Some(root), Some(&ai)) = (o, owner.get(&key)) {
            union(&mut parent, ai, root);
        }
    }

    let mut series: Vec<Series> = Vec::new();
    let mut series_of_root: HashMap<usize, usize> = HashMap::new();
    let mut compilations: Vec<AlbumIdx> = Vec::new();
    for (ai, naming) in namings.iter().enumerate() {
        if naming.is_none() {
            compilations.push(AlbumIdx(ai));
            continue;
        }
        let root = find(&mut parent, ai);
        let s = *series_of_root.entry(root).or_insert_with(|| {
            series.push(Series {
                name: String::new(),
                inferred_name: String::new(),
                aliases: Vec::new(),
                albums: Vec::new(),
                franchise: None,
                also_on: Vec::new(),
                compilations: false,
            });
            series.len() - 1
        });
        series[s].albums.push(AlbumIdx(ai));
    }
    for s in &mut series {
        let primaries = s
            .albums
            .iter()
            .filter_map(|&a| namings[a.0].as_ref().and_then(|n| n.names.first().cloned()));
        s.name = most_common(primaries).unwrap_or_default();
        s.inferred_name = s.name.clone();
        let mut aliases: Vec<String> = Vec::new();
        for &a in &s.albums {
            for name in namings[a.0].iter().flat_map(|n| n.names.iter()) {
                let k = series_key(name);
                if k != series_key(&s.name) && !aliases.iter().any(|x| series_key(x) == k) {
                    aliases.push(name.clone());
                }
            }
        }
        s.aliases = aliases;
        for &a in &s.albums {
            if let Some(n) = &namings[a.0] {
                albums[a].evidence = n.evidence;
            }
        }
    }
    // The user's display names.
    for s in &mut series {
        if let Some(name) = curation.series_names.get(&series_key(&s.name)) {
            let old = std::mem::replace(&mut s.name, name.clone());
            if series_key(&old) != series_key(name) && !s.aliases.iter().any(|a| series_key(a) == series_key(&old)) {
                s.aliases.insert(0, old);
            }
        }
    }
    if !compilations.is_empty() {
        series.push(Series {
            name: COMPILATIONS.to_owned(),
            inferred_name: COMPILATIONS.to_owned(),
            aliases: Vec::new(),
            albums: compilations,
            franchise: None,
            also_on: Vec::new(),
            compilations: true,
        });
    }

    order(&mut series, albums);
    for (si, s) in series.iter().enumerate() {
        for &a in &s.albums {
            albums[a].series = SeriesIdx(si);
        }
    }
    attach_also_on(&mut series, albums, &shows_of);
    let franchises = franchises(&mut series, albums, &namings, curation);
    (series, franchises)
}

/// Parts in number order, then full OSTs, scores, others; series by name, compilations last.
fn order(series: &mut [Series], albums: &[Album]) {
    for s in series.iter_mut() {
        s.albums.sort_by(|x, y| {
            let (x, y) = (&albums[*x], &albums[*y]);
            (x.kind, x.number.unwrap_or(0), &x.date, &x.title).cmp(&(y.kind, y.number.unwrap_or(0), &y.date, &y.title))
        });
    }
    series.sort_by_cached_key(|s| (s.compilations, series_key(&s.name)));
}

/// A compilation's track whose own tags name a show is listed on that show's page.
fn attach_also_on(series: &mut [Series], albums: &[Album], shows_of: &[Option<String>]) {
    let Some(comp) = series.iter().position(|s| s.compilations) else {
        return;
    };
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for (si, s) in series.iter().enumerate().filter(|(_, s)| !s.compilations) {
        by_key.insert(series_key(&s.name), si);
        for a in &s.aliases {
            by_key.entry(series_key(a)).or_insert(si);
        }
    }
    let comp_albums = series[comp].albums.clone();
    for a in comp_albums {
        for &t in albums[a].discs.iter().flat_map(|d| d.tracks.iter()) {
            let Some(show) = &shows_of[t.0] else {
                continue;
            };
            if let Some(&si) = by_key.get(&series_key(show)) {
                series[si].also_on.push(t);
            }
        }
    }
}

/// Series sharing a base (seasons, films, sequels, a FRANCHISE tag) form a franchise
/// once there are two of them.
fn franchises(
    series: &mut [Series],
    albums: &[Album],
    namings: &[Option<Naming>],
    curation: &Curation,
) -> Vec<Franchise> {
    let mut groups: Vec<(String, String, Vec<usize>)> = Vec::new();
    for (si, s) in series.iter().enumerate().filter(|(_, s)| !s.compilations) {
        let mut base = None;
        let mut tagged = false;
        for &a in &s.albums {
            if let Some(n) = &namings[a.0]
                && let Some(f) = &n.franchise
                && (base.is_none() || n.franchise_tagged && !tagged)
            {
                base = Some(f.clone());
                tagged = n.franchise_tagged;
            }
        }
        // The user's choice, by the series' shown name or any of its other names.
        let chosen = std::iter::once(&s.inferred_name)
            .chain(std::iter::once(&s.name))
            .chain(s.aliases.iter())
            .find_map(|n| curation.franchises.get(&series_key(n)));
        let base = chosen.cloned().or(base).unwrap_or_else(|| s.name.clone());
        let key = series_key(&base);
        match groups.iter_mut().find(|(k, _, _)| *k == key) {
            Some((_, _, members)) => members.push(si),
            None => groups.push((key, base, vec![si])),
        }
    }
    let mut out = Vec::new();
    for (key, base, mut members) in groups.into_iter().filter(|g| g.2.len() > 1) {
        let root = members.iter().copied().find(|&si| series_key(&series[si].name) == key);
        let name = root.map_or(base, |si| series[si].name.clone());
        let first_date = |si: usize| {
            series[si]
                .albums
                .iter()
                .filter_map(|&a| albums[a].date.clone())
                .min()
                .unwrap_or_default()
        };
        let season = |si: usize| {
            series[si]
                .albums
                .iter()
                .find_map(|&a| namings[a.0].as_ref().and_then(|n| n.season))
                .unwrap_or(0)
        };
        members.sort_by_cached_key(|&si| (Some(si) != root, season(si), first_date(si), series[si].name.clone()));
        let f = out.len();
        for &si in &members {
            series[si].franchise = Some(f);
        }
        out.push(Franchise {
            name,
            series: members.into_iter().map(SeriesIdx).collect(),
        });
    }
    out
}
