//! A full disk and a read-only data folder: the command fails with a message saying so,
//! nothing is half-written, and everything saved before is intact and still usable.

use std::path::Path;
use std::process::{Command, Output};

struct Env {
    dir: tempfile::TempDir,
}

impl Env {
    fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        // Readable by the unprivileged user of the read-only case.
        std::fs::set_permissions(dir.path(), std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("chmod");
        Self { dir }
    }

    fn path(&self, name: &str) -> std::path::PathBuf {
        self.dir.path().join(name)
    }

    /// `leitmotif ARGS`, optionally through a shell prefix (limits, another user).
    fn run(&self, prefix: &[&str], args: &[&str]) -> Output {
        let bin = env!("CARGO_BIN_EXE_leitmotif");
        let mut cmd = match prefix.split_first() {
            Some((first, rest)) => {
                let mut c = Command::new(first);
                c.args(rest).arg(bin);
                c
            }
            None => Command::new(bin),
        };
        cmd.args(args)
            .env("XDG_DATA_HOME", self.path("data"))
            .env("XDG_CONFIG_HOME", self.path("config"))
            .env("XDG_CACHE_HOME", self.path("cache"))
            .output()
            .expect("leitmotif runs")
    }

    fn playlist(&self, name: &str, entries: usize) -> String {
        let mut text = String::from("#EXTM3U\n");
        for i in 0..entries {
            text.push_str(&format!(
                "#EXTINF:201,Composer {i} - A long enough title for track number {i}\n/music/Series {i}/Disc 1/{i:05} track.flac\n"
            ));
        }
        let path = self.path(&format!("{name}.m3u8"));
        std::fs::write(&path, text).expect("playlist");
        path.display().to_string()
    }

    /// The user's own playlists as `playlist list` gives them (the smart ones after
    /// them are left out: the built-in five are always there).
    fn list(&self) -> String {
        let out = self.run(&[], &["playlist", "list"]);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .filter(|l| !l.contains("(built in: ") && !l.contains("(smart: "))
            .collect::<Vec<_>>()
            .join("\n")
    }

    fn integrity(&self) -> String {
        let db = rusqlite::Connection::open(self.path("data/leitmotif/library.db")).expect("open");
        db.query_row("PRAGMA integrity_check", [], |r| r.get(0)).expect("check")
    }
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn keep(env: &Env) {
    let kept = env.playlist("keep", 3);
    let out = env.run(&[], &["playlist", "import", &kept, "--name", "Keep"]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn a_full_disk_fails_clearly_and_changes_nothing() {
    let env = Env::new();
    keep(&env);
    let big = env.playlist("big", 20_000);
    // The database may not grow past 256 KiB: the import's writes hit the limit as they
    // would a full disk (SIGXFSZ ignored, so write() fails instead of killing).
    let limited = ["bash", "-c", "trap '' XFSZ; ulimit -f 256; exec \"$@\"", "limited"];
    let out = env.run(&limited, &["playlist", "import", &big, "--name", "Big"]);
    assert!(!out.status.success(), "the import cannot have fit");
    let message = stderr(&out);
    assert!(
        message.contains("the disk is full") || message.contains("the disk could not be written"),
        "{message}"
    );
    assert_eq!(env.list().trim(), "Keep (3 tracks)");
    assert_eq!(env.integrity(), "ok");
    // With room again, the same import works.
    let out = env.run(&[], &["playlist", "import", &big, "--name", "Big"]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(env.list().contains("Big (20000 tracks)"));
}

#[test]
fn a_read_only_data_folder_fails_clearly_and_changes_nothing() {
    let env = Env::new();
    keep(&env);
    let second = env.playlist("second", 2);
    let root = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false);
    let data = env.path("data/leitmotif");
    let out = if root {
        // Permissions do not bind root: run as nobody against root's files.
        env.run(
            &["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"],
            &["playlist", "import", &second],
        )
    } else {
        let mode = |m| std::os::unix::fs::PermissionsExt::from_mode(m);
        std::fs::set_permissions(&data, mode(0o555)).expect("chmod");
        std::fs::set_permissions(data.join("library.db"), mode(0o444)).expect("chmod");
        let out = env.run(&[], &["playlist", "import", &second]);
        std::fs::set_permissions(&data, mode(0o755)).expect("chmod");
        std::fs::set_permissions(data.join("library.db"), mode(0o644)).expect("chmod");
        out
    };
    assert!(!out.status.success());
    let message = stderr(&out);
    assert!(
        message.contains("read-only") || message.contains("cannot be opened"),
        "{message}"
    );
    assert!(Path::new(&data.join("library.db")).is_file());
    assert_eq!(env.list().trim(), "Keep (3 tracks)");
    assert_eq!(env.integrity(), "ok");
}
