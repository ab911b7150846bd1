//! Grouping checked on release names as real stores, labels and rips write them
//! (tests/fixtures/real-releases.toml: Melon/Bugs/Genie, iTunes/Spotify, mora, QQ
//! Music, Bandcamp, EAC rips, with their tag layouts). Each entry is one album a fan
//! would expect, with its series, franchise, kind, number and disc count; the tracks
//! are stored as the scanner would store them and grouped by the real `Library::build`.
//! At least 99 % of albums must come out right, and every miss is printed.

use compact_str::CompactString;
use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use leitmotif::library::model::{AlbumIdx, Library, SeriesIdx};
use leitmotif::store::{StoredTrack, TrackFields};
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Corpus {
    album: Vec<Entry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Entry {
    #[allow(dead_code)]
    source: String,
    path: String,
    album: Option<String>,
    album_artist: Option<String>,
    date: Option<String>,
    catalog: Option<String>,
    #[serde(default)]
    compilation: bool,
    tracks: Vec<TrackEntry>,
    expect: Expect,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackEntry {
    title: Option<String>,
    artist: Option<String>,
    album_artist: Option<String>,
    album: Option<String>,
    composer: Option<String>,
    track: Option<u32>,
    disc: Option<u32>,
    grouping: Option<String>,
    series: Option<String>,
    franchise: Option<String>,
    compilation: Option<bool>,
    dir: Option<String>,
    file: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    series: String,
    kind: String,
    number: Option<u32>,
    #[serde(default = "one")]
    discs: usize,
    franchise: Option<String>,
    #[serde(default)]
    compilation: bool,
    #[serde(default)]
    also_on: Vec<String>,
    #[serde(default)]
    aliases: Vec<String>,
    title: Option<String>,
}

fn one() -> usize {
    1
}

/// Case, width, punctuation, a leading article and the spelling of a season fold away.
fn fold(s: &str) -> String {
    let lower: String = s.nfkc().flat_map(char::to_lowercase).collect();
    let lower = lower.trim();
    let lower = ["the ", "a "]
        .iter()
        .find_map(|a| lower.strip_prefix(a))
        .unwrap_or(lower);
    let season = regex::Regex::new(
        r"(?:season\s*(\d+)|(\d+)(?:st|nd|rd|th)\s+season|第\s*(\d+)\s*[期季]|(\d+)\s*기|시즌\s*(\d+))",
    )
    .map(|re| {
        re.replace_all(lower, |c: &regex::Captures| {
            let n = (1..=5).find_map(|i| c.get(i)).map_or("", |m| m.as_str());
            format!(" season{n} ")
        })
        .into_owned()
    })
    .unwrap_or_else(|_| lower.to_owned());
    season.chars().filter(|c| c.is_alphanumeric()).collect()
}

fn nonempty(s: &Option<String>) -> Option<CompactString> {
    s.as_deref().filter(|s| !s.trim().is_empty()).map(Into::into)
}

fn some(s: &Option<String>) -> Option<CompactString> {
    s.as_deref().map(Into::into)
}

fn stored(corpus: &Corpus, root: &std::path::Path) -> (Vec<StoredTrack>, Vec<usize>) {
    let mut out = Vec::new();
    let mut entry_of = Vec::new();
    for (e, entry) in corpus.album.iter().enumerate() {
        for (j, t) in entry.tracks.iter().enumerate() {
            let n = t.track.unwrap_or(j as u32 + 1);
            let file = t.file.clone().unwrap_or_else(|| {
                let title = t
                    .title
                    .clone()
                    .unwrap_or_else(|| format!("Track {n}"))
                    .replace('/', "_");
                format!("{n:02} - {title}.flac")
            });
            let mut path = root.join(&entry.path);
            if let Some(d) = &t.dir {
                path = path.join(d);
            }
            path = path.join(file);
            let fields = TrackFields {
                title: some(&t.title),
                artist: some(&t.artist),
                album_artist: match &t.album_artist {
                    Some(a) => nonempty(&Some(a.clone())),
                    None => nonempty(&entry.album_artist),
                },
                album: match &t.album {
                    Some(a) => nonempty(&Some(a.clone())),
                    None => nonempty(&entry.album),
                },
                composer: some(&t.composer),
                track: t.track,
                disc: t.disc,
                grouping: some(&t.grouping),
                series_tag: some(&t.series),
                franchise: some(&t.franchise),
                compilation: t.compilation.unwrap_or(entry.compilation),
                catalog: some(&entry.catalog),
                date: some(&entry.date),
                format: "FLAC".into(),
                duration_ms: Some(180_000),
                ..TrackFields::default()
            };
            out.push(StoredTrack {
                added_at: None,
                id: out.len() as i64 + 1,
                path: path.to_string_lossy().into_owned(),
                available: true,
                fields,
            });
            entry_of.push(e);
        }
    }
    (out, entry_of)
}

fn kind_name(kind: leitmotif::library::series_rules::AlbumKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}

#[test]
fn real_release_names_group_as_a_fan_expects() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/real-releases.toml"
    ))
    .expect("the corpus is in the repository");
    let corpus: Corpus = toml::from_str(&text).expect("the corpus parses");
    assert!(corpus.album.len() >= 200, "only {} albums", corpus.album.len());
    let root = PathBuf::from("/music");
    let (tracks, entry_of) = stored(&corpus, &root);
    let library = Library::build(tracks, std::slice::from_ref(&root), &HashMap::new());

    // Which library album each entry's tracks landed in, and which entries each album holds.
    let mut albums_of: Vec<Vec<AlbumIdx>> = vec![Vec::new(); corpus.album.len()];
    let mut entries_in: HashMap<AlbumIdx, Vec<usize>> = HashMap::new();
    for (t, &e) in entry_of.iter().enumerate() {
        let a = library.tracks[t].album;
        if !albums_of[e].contains(&a) {
            albums_of[e].push(a);
        }
        let list = entries_in.entry(a).or_default();
        if !list.contains(&e) {
            list.push(e);
        }
    }
    // Expected series ↔ actual series must be one to one.
    let mut actual_of_expected: BTreeMap<String, Vec<SeriesIdx>> = BTreeMap::new();
    let mut expected_of_actual: HashMap<SeriesIdx, Vec<String>> = HashMap::new();
    for (e, entry) in corpus.album.iter().enumerate() {
        let Some(&a) = albums_of[e].first() else { continue };
        let s = library.albums[a].series;
        let want = fold(&entry.expect.series);
        let list = actual_of_expected.entry(want.clone()).or_default();
        if !list.contains(&s) {
            list.push(s);
        }
        let list = expected_of_actual.entry(s).or_default();
        if !list.contains(&want) {
            list.push(want);
        }
    }

    let mut wrong: Vec<String> = Vec::new();
    for (e, entry) in corpus.album.iter().enumerate() {
        let x = &entry.expect;
        let mut why: Vec<String> = Vec::new();
        let label = format!("{} — {}", entry.path, entry.album.as_deref().unwrap_or("(untagged)"));
        if albums_of[e].len() != 1 {
            why.push(format!("split into {} albums", albums_of[e].len()));
        }
        let Some(&a) = albums_of[e].first() else { continue };
        let album = &library.albums[a];
        let others = entries_in.get(&a).map_or(0, |l| l.len() - 1);
        if others > 0 {
            why.push(format!("merged with {others} other album(s)"));
        }
        if album.discs.len() != x.discs {
            why.push(format!("{} discs, want {}", album.discs.len(), x.discs));
        }
        if kind_name(album.kind) != x.kind || album.number != x.number {
            why.push(format!(
                "kind {} {:?}, want {} {:?}",
                kind_name(album.kind),
                album.number,
                x.kind,
                x.number
            ));
        }
        if let Some(t) = &x.title
            && album.title != *t
        {
            why.push(format!("titled {:?}, want {t:?}", album.title));
        }
        let series = &library.series[album.series];
        if x.compilation {
            if !series.compilations {
                why.push(format!("in series {:?}, want Compilations", series.name));
            }
            for show in &x.also_on {
                let listed = library
                    .series
                    .iter()
                    .any(|s| fold(&s.name) == fold(show) && s.also_on.iter().any(|&t| library.tracks[t].album == a));
                if !listed {
                    why.push(format!("not listed as also on {show:?}"));
                }
            }
        } else {
            let names_match =
                fold(&series.name) == fold(&x.series) || series.aliases.iter().any(|n| fold(n) == fold(&x.series));
            if !names_match {
                why.push(format!(
                    "series {:?} (aliases {:?}), want {:?}",
                    series.name, series.aliases, x.series
                ));
            } else if actual_of_expected.get(&fold(&x.series)).is_some_and(|l| l.len() > 1) {
                why.push(format!("{:?} is split over several series", x.series));
            } else if expected_of_actual.get(&album.series).is_some_and(|l| l.len() > 1) {
                why.push(format!("series {:?} also holds other shows", series.name));
            }
            for alias in &x.aliases {
                if !series
                    .aliases
                    .iter()
                    .chain([&series.name])
                    .any(|n| fold(n) == fold(alias))
                {
                    why.push(format!("alias {alias:?} missing (has {:?})", series.aliases));
                }
            }
        }
        let franchise = series.franchise.map(|f| library.franchises[f].name.as_str());
        match (&x.franchise, franchise) {
            (Some(want), Some(got)) if fold(want) == fold(got) => {}
            (None, None) => {}
            (want, got) => why.push(format!("franchise {got:?}, want {want:?}")),
        }
        if !why.is_empty() {
            wrong.push(format!("{label}: {}", why.join("; ")));
        }
    }
    let total = corpus.album.len();
    let right = total - wrong.len();
    for w in &wrong {
        eprintln!("  {w}");
    }
    eprintln!(
        "{right} / {total} albums right ({:.1} %)",
        100.0 * right as f64 / total as f64
    );
    assert!(right * 100 >= total * 99, "{} of {total} albums wrong", wrong.len());
}
