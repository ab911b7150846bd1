//! The query language on a 100,000-track library (`cargo bench --bench queries
//! [TRACKS]`): reading every series' notes into facts, then each query's evaluation
//! (what the search box does per keystroke and a smart playlist per change), beside
//! SQLite (bundled) scanning a table of the same tracks with the equivalent WHERE.

use std::time::Instant;

use leitmotif::library::history::History;
use leitmotif::library::model::{Library, SeriesIdx};
use leitmotif::library::query::parse;
use leitmotif::library::search::SearchIndex;
use leitmotif::ost::query::{Facts, Sources, matches};
use leitmotif::ost::track_match::track_ref;
use leitmotif::store::{Character, Favourite, FavouriteKind, Label, Listened, Role, SeriesNotes, track_key};

#[path = "common/synthetic.rs"]
mod synthetic;

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

fn timed(mut run: impl FnMut() -> usize) -> (usize, f64) {
    let hits = run();
    let runs: Vec<f64> = (0..9)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(run());
            ms(t)
        })
        .collect();
    (hits, median(runs))
}

/// Every series annotated: a hero with a theme, a variation and an appearance, a
/// rival with a theme, and a mood on three tracks.
fn notes(lib: &Library) -> Vec<(SeriesIdx, SeriesNotes)> {
    (0..lib.series.len())
        .map(SeriesIdx)
        .map(|s| {
            let tracks = lib.series_tracks(s);
            let r = |i: usize| tracks.get(i).and_then(|&t| track_ref(lib, t));
            let refs = |list: &[(Role, usize)]| list.iter().filter_map(|&(role, i)| Some((role, r(i)?))).collect();
            let notes = SeriesNotes {
                characters: vec![
                    Character {
                        name: format!("Hero {}", s.0),
                        tracks: refs(&[(Role::Theme, 0), (Role::Variation, 5), (Role::Appears, 10)]),
                        ..Default::default()
                    },
                    Character {
                        name: format!("Rival {}", s.0),
                        tracks: refs(&[(Role::Theme, 13)]),
                        ..Default::default()
                    },
                ],
                moods: vec![Label {
                    name: "tension".into(),
                    tracks: [2, 14, 30].into_iter().filter_map(r).collect(),
                }],
                ..Default::default()
            };
            (s, notes)
        })
        .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let tracks: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(100_000);
    let mut lib = synthetic::library(tracks);
    // Lengths and years that differ, so comparisons keep some and not others.
    for (i, t) in lib.tracks.iter_mut().enumerate() {
        t.fields.duration_ms = Some(60_000 + (i as u64 * 7_919) % 240_000);
        t.fields.date = Some(format!("{}", 2005 + i % 20).into());
    }
    let t = Instant::now();
    let index = SearchIndex::new(&lib);
    println!(
        "search index (folded text, instrumental flags, romanised spellings) built in {:.0} ms",
        ms(t)
    );
    // A third of the tracks played (0–6 times, over the last 30 days), every 50th a favourite.
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)?
        .as_secs() as i64;
    let rows: Vec<Listened> = lib
        .tracks
        .iter()
        .enumerate()
        .filter(|(i, _)| i % 3 == 0)
        .map(|(i, t)| Listened {
            path: t.path.to_string_lossy().into_owned(),
            cue_index: 0,
            audio: None,
            plays: (i % 7) as u32,
            skips: (i % 2) as u32,
            first_played: Some(now - 90 * 86_400),
            last_played: Some(now - (i % 30) as i64 * 86_400),
        })
        .collect();
    let favourites: Vec<Favourite> = lib
        .tracks
        .iter()
        .step_by(50)
        .map(|t| Favourite {
            kind: FavouriteKind::Track,
            key: track_key(&t.path.to_string_lossy(), 0),
            added_at: now,
        })
        .collect();
    let t = Instant::now();
    let history = History::new(&lib, &rows, &favourites);
    println!("history of {} tracks read in {:.0} ms", rows.len(), ms(t));
    let notes = notes(&lib);
    let t = Instant::now();
    let facts = Facts::new(&lib, notes.iter().map(|(s, n)| (*s, n)));
    println!(
        "{tracks} tracks, {} series annotated: facts from every series' notes in {:.0} ms",
        notes.len(),
        ms(t)
    );

    // The peer: the same tracks in a SQLite table, scanned by the equivalent WHERE.
    let db = rusqlite::Connection::open_in_memory()?;
    db.execute_batch(
        "CREATE TABLE t (id INTEGER PRIMARY KEY, title TEXT, artist TEXT, album TEXT, series TEXT,
                         composer TEXT, kind TEXT, duration_ms INTEGER, year INTEGER)",
    )?;
    {
        let tx = db.unchecked_transaction()?;
        let mut insert = tx.prepare("INSERT INTO t VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
        for (i, t) in lib.tracks.iter().enumerate() {
            let album = &lib.albums[t.album];
            insert.execute(rusqlite::params![
                i as i64,
                t.title(),
                t.fields.artist.as_deref(),
                album.title,
                lib.series[album.series].name,
                t.fields.composer.as_deref(),
                album.kind_label(),
                t.fields.duration_ms.map(|d| d as i64),
                t.fields.date.as_deref().and_then(|d| d.parse::<i64>().ok()),
            ])?;
        }
        drop(insert);
        tx.commit()?;
    }
    let sql = |where_: &str| -> Result<(usize, f64), rusqlite::Error> {
        let mut stmt = db.prepare(&format!("SELECT id FROM t WHERE {where_}"))?;
        let mut run = || {
            stmt.query_map([], |r| r.get::<_, i64>(0))
                .map(|rows| rows.count())
                .unwrap_or(0)
        };
        Ok(timed(&mut run))
    };

    let cases: [(&str, Option<&str>); 10] = [
        (
            "stay",
            Some("(title || artist || album || series || composer) LIKE '%stay%'"),
        ),
        (
            "kind:score duration>2m",
            Some("kind = 'SCORE' AND duration_ms > 120000"),
        ),
        (
            "series:\"시리즈 12\" vocal:no",
            Some("series LIKE '%시리즈 12%' AND kind = 'SCORE'"),
        ),
        (
            "(stay or 夢) -main year:2010..2015",
            Some(
                "((title || artist || album || series || composer) LIKE '%stay%' OR (title || artist || album || series || composer) LIKE '%夢%') AND NOT (title || artist || album || series || composer) LIKE '%main%' AND year BETWEEN 2010 AND 2015",
            ),
        ),
        ("character:hero role:theme", None),
        ("mood:tension or character:rival", None),
        (
            "not composer:\"composer 1\" duration:1m..2m",
            Some("NOT composer LIKE '%composer 1%' AND duration_ms BETWEEN 60000 AND 120000"),
        ),
        ("plays>3", None),
        ("fav:yes or (played<7d kind:score)", None),
        ("plays:0 -fav:yes year:2010..", None),
    ];
    println!("| query | tracks kept | Leitmotif median | SQLite scan median |");
    println!("|---|---:|---:|---:|");
    for (query, peer) in cases {
        let expr = parse(query).map_err(|e| e.describe(query))?.ok_or("empty")?;
        let sources = Sources {
            library: &lib,
            index: &index,
            facts: &facts,
            history: &history,
        };
        let (hits, took) = timed(|| matches(&expr, sources).len());
        let peer = match peer {
            Some(w) => {
                let (n, t) = sql(w)?;
                format!("{t:.1} ms ({n})")
            }
            None => "— (no such table)".into(),
        };
        println!("| `{query}` | {hits} | {took:.1} ms | {peer} |");
    }
    // What a results page lights: the search's words found in 30 rows' titles and
    // albums as written, typed in Latin letters (the romanised search) or as written.
    // "singer" is the worst: found in the artist, looked for in vain in each Hangul title.
    for words in [&["byeolcheoreom", "sirijeu"][..], &["stay"], &["singer"]] {
        let words: Vec<String> = words.iter().map(|w| w.to_string()).collect();
        let (lit, took) = timed(|| {
            lib.tracks
                .iter()
                .take(30)
                .map(|t| {
                    let album = &lib.albums[t.album].title;
                    leitmotif::library::highlight::found(&t.title(), &words).len()
                        + leitmotif::library::highlight::found(album, &words).len()
                })
                .sum()
        });
        println!("lighting {words:?} in 30 rows' titles and albums: {took:.2} ms ({lit} finds)");
    }
    Ok(())
}
