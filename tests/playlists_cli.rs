//! `leitmotif playlist import|export|list` and `sheet import|export` through the real
//! binary with a private data folder: a playlist written by another player (BOM, CRLF,
//! relative and absolute paths, a missing file, a stream, comments) imports; export
//! writes paths relative to the playlist's folder; export → import round-trips.

use std::process::Output;

mod common;

use common::cli::{Cli, demo};

/// The shared runner (`common::cli`), failing the test where the binary cannot start.
struct Env {
    cli: Cli,
}

impl Env {
    fn new() -> Result<Self, Box<dyn std::error::Error>> {
        Ok(Env {
            cli: Cli {
                dir: tempfile::tempdir()?,
            },
        })
    }

    fn dir(&self) -> &std::path::Path {
        self.cli.dir.path()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.cli.run(args).unwrap_or_else(|e| panic!("leitmotif {args:?}: {e}"))
    }

    fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(
            out.status.success(),
            "leitmotif {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

#[test]
fn playlists_from_other_players_import_and_round_trip() -> Result<(), Box<dyn std::error::Error>> {
    let env = Env::new()?;
    // The demo copied beside the playlists, so relative paths make sense.
    let music = env.dir().join("music");
    std::fs::create_dir_all(&music)?;
    for entry in std::fs::read_dir(demo())? {
        let entry = entry?;
        if entry.path().is_dir() {
            let to = music.join(entry.file_name());
            std::fs::create_dir_all(&to)?;
            for f in std::fs::read_dir(entry.path())? {
                let f = f?;
                std::fs::copy(f.path(), to.join(f.file_name()))?;
            }
        }
    }
    env.ok(&["scan", &music.to_string_lossy()]);
    let lists = music.join("playlists");
    std::fs::create_dir_all(&lists)?;
    let confession = music.join("The Emperor's Secret Garden (Original Score)/04 The Confession.opus");
    let foreign = format!(
        "\u{feff}#EXTM3U\r\n# made by another player\r\n#EXTINF:32,Yoon Ha-eun - Under the Plum Blossoms\r\n\
         ../The Emperor's Secret Garden OST Part.1/01 Under the Plum Blossoms.opus\r\n\
         {}\r\n/nowhere/missing.flac\r\nhttps://radio.example/stream\r\n",
        confession.display()
    );
    let file = lists.join("from-elsewhere.m3u8");
    std::fs::write(&file, foreign)?;
    let out = env.run(&["playlist", "import", &file.to_string_lossy(), "--name", "밤의 정원"]);
    assert!(out.status.success());
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        said.contains("3 tracks imported (1 not found, 1 streams left out)"),
        "{said}"
    );
    let warned = String::from_utf8_lossy(&out.stderr);
    assert!(warned.contains("/nowhere/missing.flac is not there") && warned.contains("streams are not kept"));

    // Export into the music folder: library files are written relative to it.
    let exported = music.join("exported.m3u8");
    env.ok(&["playlist", "export", "밤의 정원", "-o", &exported.to_string_lossy()]);
    let text = std::fs::read_to_string(&exported)?;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "#EXTM3U");
    assert_eq!(lines[1], "#EXTINF:32,Yoon Ha-eun - Under the Plum Blossoms");
    assert_eq!(
        lines[2],
        "The Emperor's Secret Garden OST Part.1/01 Under the Plum Blossoms.opus"
    );
    assert_eq!(
        lines[4],
        "The Emperor's Secret Garden (Original Score)/04 The Confession.opus"
    );
    assert_eq!(
        lines[6], "/nowhere/missing.flac",
        "a file outside the folder stays absolute"
    );

    // Round trip: import what was exported, export again, same text.
    env.ok(&["playlist", "import", &exported.to_string_lossy(), "--name", "again"]);
    let again = music.join("again.m3u8");
    env.ok(&["playlist", "export", "again", "-o", &again.to_string_lossy()]);
    assert_eq!(std::fs::read_to_string(&again)?, text);
    let listed = env.ok(&["playlist", "list"]);
    assert!(
        listed.contains("밤의 정원 (3 tracks)") && listed.contains("again (3 tracks)"),
        "{listed}"
    );

    // A legacy Latin-1 .m3u.
    let legacy = lists.join("legacy.m3u");
    std::fs::write(&legacy, b"#EXTM3U\n/music/Am\xe9lie.mp3\n")?;
    env.ok(&["playlist", "import", &legacy.to_string_lossy()]);
    let latin = music.join("latin.m3u8");
    env.ok(&["playlist", "export", "legacy", "-o", &latin.to_string_lossy()]);
    assert!(std::fs::read_to_string(&latin)?.contains("/music/Amélie.mp3"));
    assert!(
        !env.run(&["playlist", "export", "nope", "-o", "/tmp/x.m3u8"])
            .status
            .success()
    );
    Ok(())
}

#[test]
fn sheet_cli_rejects_with_file_line_column_and_round_trips() -> Result<(), Box<dyn std::error::Error>> {
    let env = Env::new()?;
    env.ok(&["scan", &demo().to_string_lossy()]);
    let sheet = demo().join("The Emperor's Secret Garden.sheet.toml");
    let said = env.ok(&["sheet", "import", &sheet.to_string_lossy()]);
    assert!(
        said.contains("3 characters, 5 scenes, 3 moods, 2 instruments"),
        "{said}"
    );
    let exported = env.ok(&["sheet", "export", "The Emperor's Secret Garden"]);
    assert_eq!(exported, std::fs::read_to_string(&sheet)?);

    let bad = env.dir().join("bad.toml");
    std::fs::write(&bad, exported.replacen("episode = 4", "episode = 0", 1))?;
    let out = env.run(&["sheet", "import", &bad.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.starts_with(&format!("{}:", bad.display())) && err.contains("episode 0 is not an episode number"),
        "{err}"
    );
    assert!(err.contains("nothing changed"));
    let still = env.ok(&["sheet", "export", "The Emperor's Secret Garden"]);
    assert_eq!(still, exported, "the rejected sheet changed nothing");
    Ok(())
}
