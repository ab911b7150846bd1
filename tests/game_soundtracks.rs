//! Real files no one here made: Debian's packaged game soundtracks (installed by
//! `scripts/setup-system.sh test`), laid out as a fan would put them in a library —
//! one folder per game under "Game Soundtracks" — scanned through the command line,
//! and checked for what a fan expects: one series per game, its albums whole, readable
//! titles. The packages tag unevenly (a few files without album artist, some with no
//! tags at all, disc numbers on some), which is the point.

use std::path::{Path, PathBuf};
use std::process::Command;

mod common;

struct Game {
    package: &'static str,
    /// Where the package puts its music (a glob's fixed part and the versioned rest).
    dir: fn() -> Option<PathBuf>,
    folder: &'static str,
    series: &'static str,
    /// (album title, tracks) a fan would see.
    albums: &'static [(&'static str, usize)],
}

fn fixed(p: &'static str) -> fn() -> Option<PathBuf> {
    // A non-capturing closure per path keeps the table plain data.
    match p {
        "hyperrogue" => || Some(PathBuf::from("/usr/share/hyperrogue/music")).filter(|p| p.is_dir()),
        "drascula" => || Some(PathBuf::from("/usr/share/scummvm/drascula/audio")).filter(|p| p.is_dir()),
        "warzone" => || Some(PathBuf::from("/usr/share/games/warzone2100/music")).filter(|p| p.is_dir()),
        _ => || {
            // wesnoth-1.16-music, wesnoth-1.18-music, …: the newest installed.
            let mut found: Vec<PathBuf> = std::fs::read_dir("/usr/share/games/wesnoth")
                .ok()?
                .flatten()
                .map(|e| e.path().join("data/core/music"))
                .filter(|p| p.is_dir())
                .collect();
            found.sort();
            found.pop()
        },
    }
}

fn games() -> Vec<Game> {
    vec![
        Game {
            package: "wesnoth-1.16-music",
            dir: fixed("wesnoth"),
            folder: "Battle for Wesnoth OST",
            series: "The Battle for Wesnoth",
            albums: &[("The Battle for Wesnoth OST", 0)],
        },
        Game {
            package: "hyperrogue-music",
            dir: fixed("hyperrogue"),
            folder: "HyperRogue",
            series: "HyperRogue",
            albums: &[("HyperRogue", 17)],
        },
        Game {
            package: "warzone2100-music",
            dir: fixed("warzone"),
            folder: "Warzone 2100",
            series: "Warzone 2100",
            albums: &[
                ("Aftermath Soundtrack", 13),
                ("Legacy Soundtrack", 13),
                ("Original Soundtrack", 3),
                ("Warzone 2100", 1),
            ],
        },
        Game {
            package: "drascula-music",
            dir: fixed("drascula"),
            folder: "Drascula",
            series: "Drascula",
            albums: &[("Drascula", 31)],
        },
    ]
}

fn audio_files(dir: &Path) -> usize {
    let mut n = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .is_some_and(|x| ["ogg", "opus", "mp3", "flac"].contains(&x.to_string_lossy().as_ref()))
            {
                n += 1;
            }
        }
    }
    n
}

fn leitmotif(home: &Path, args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&common::cli(home, args)).expect("json")
}

#[test]
fn debian_game_soundtracks_group_one_series_per_game() {
    let home = common::tempdir();
    let root = home.path().join("Music");
    let shelf = root.join("Game Soundtracks");
    std::fs::create_dir_all(&shelf).expect("mkdir");
    let mut present = Vec::new();
    for g in games() {
        match (g.dir)() {
            Some(dir) => {
                std::os::unix::fs::symlink(&dir, shelf.join(g.folder)).expect("link");
                present.push((g, audio_files(&dir)));
            }
            None => eprintln!("{} is not installed: skipped", g.package),
        }
    }
    assert!(
        present.len() >= 3,
        "at least three of Debian's game soundtracks are needed; run scripts/setup-system.sh test"
    );
    let root_arg = root.to_string_lossy().into_owned();
    let scan = leitmotif(home.path(), &["scan", "--json", &root_arg]);
    assert_eq!(scan["errors"].as_array().map(Vec::len), Some(0), "{scan}");
    let series = leitmotif(home.path(), &["series", "--json"]);
    let list = series.as_array().expect("a list of series");
    assert_eq!(
        list.len(),
        present.len(),
        "one series per game: {:?}",
        list.iter().map(|s| &s["name"]).collect::<Vec<_>>()
    );
    for (g, files) in &present {
        let s = list
            .iter()
            .find(|s| s["name"] == g.series)
            .unwrap_or_else(|| panic!("no series {:?}", g.series));
        let albums = s["albums"].as_array().expect("albums");
        let mut got: Vec<(String, u64)> = albums
            .iter()
            .map(|a| {
                (
                    a["title"].as_str().unwrap_or("").to_owned(),
                    a["tracks"].as_u64().unwrap_or(0),
                )
            })
            .collect();
        got.sort();
        let mut want: Vec<(String, u64)> = g
            .albums
            .iter()
            .map(|(t, n)| ((*t).to_owned(), if *n == 0 { *files as u64 } else { *n as u64 }))
            .collect();
        want.sort();
        assert_eq!(got, want, "{}: albums whole, titled as a fan reads them", g.series);
        assert_eq!(s["tracks"].as_u64(), Some(*files as u64), "{}: every file", g.series);
    }
    // Titles are readable: no raw file names, no empty titles.
    let home_path = home.path().to_path_buf();
    let out = Command::new(env!("CARGO_BIN_EXE_leitmotif"))
        .args(["tracks", "--json"])
        .env("XDG_DATA_HOME", home_path.join("data"))
        .env("XDG_CONFIG_HOME", home_path.join("config"))
        .env("XDG_CACHE_HOME", home_path.join("cache"))
        .output()
        .expect("runs");
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let t: serde_json::Value = serde_json::from_str(line).expect("json line");
        let title = t["title"].as_str().unwrap_or("");
        assert!(
            !title.is_empty() && !title.contains('_') && !title.ends_with(".ogg") && !title.ends_with(".opus"),
            "unreadable title {title:?} for {}",
            t["path"]
        );
    }
    // The Wesnoth files carry disc numbers 1 and 2 on most tracks: both discs stay one album.
    if let Some(w) = list.iter().find(|s| s["name"] == "The Battle for Wesnoth") {
        assert_eq!(w["albums"][0]["disc_count"], 2);
        // Playing the series begins with disc 1's first track, not a jingle: the files
        // with no numbers (Victory, 5 s; Defeat, 8 s) come after both discs' tracks.
        let store = leitmotif::store::Store::open(&home.path().join("data/leitmotif/library.db")).expect("store");
        let library = leitmotif::library::model::Library::load(&store).expect("library");
        let series = (0..library.series.len())
            .map(leitmotif::library::model::SeriesIdx)
            .find(|&s| library.series[s].name == "The Battle for Wesnoth")
            .expect("the series");
        let order: Vec<String> = library
            .series_tracks(series)
            .iter()
            .map(|&t| library.tracks[t].title())
            .collect();
        assert_eq!(
            order.first().map(String::as_str),
            Some("Traveling Minstrels"),
            "{order:?}"
        );
        let numbered = library
            .series_tracks(series)
            .iter()
            .filter(|&&t| library.tracks[t].fields.track.is_some())
            .count();
        assert!(
            order[numbered..].iter().any(|t| t == "Victory") && order[numbered..].iter().any(|t| t == "Defeat"),
            "the jingles last: {order:?}"
        );
    }
}

/// Each game's folder added as Debian installs it: drascula-music's language folders
/// (`de/`, `en/`, …) are links to `audio/`, counted once; the folder above a container
/// names the game. One series "Drascula" with one album of 31 tracks.
#[test]
fn an_installed_game_folder_added_as_it_is_is_one_series() {
    let dir = Path::new("/usr/share/scummvm/drascula");
    if !dir.join("audio").is_dir() {
        eprintln!("drascula-music is not installed: skipped");
        return;
    }
    let home = common::tempdir();
    leitmotif(home.path(), &["scan", "--json", &dir.to_string_lossy()]);
    let series = leitmotif(home.path(), &["series", "--json"]);
    let list = series.as_array().expect("a list");
    let names: Vec<&str> = list.iter().filter_map(|s| s["name"].as_str()).collect();
    assert_eq!(names, ["Drascula"], "{series}");
    let albums = list[0]["albums"].as_array().expect("albums");
    assert_eq!(albums.len(), 1, "{series}");
    assert_eq!(
        (albums[0]["title"].as_str(), albums[0]["tracks"].as_u64()),
        (Some("Drascula"), Some(31)),
        "{series}"
    );
}
