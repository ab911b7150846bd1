//! The `leitmotif` binary run as a person runs it, with a data folder of its own.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub type Result<T = ()> = std::result::Result<T, Box<dyn std::error::Error>>;

pub struct Cli {
    pub dir: tempfile::TempDir,
}

impl Cli {
    /// A data folder with the demo soundtrack scanned into its library.
    pub fn with_demo() -> Result<Self> {
        let cli = Cli {
            dir: tempfile::tempdir()?,
        };
        cli.ok(&["scan", &demo().to_string_lossy()])?;
        Ok(cli)
    }

    /// The library's database.
    pub fn db(&self) -> PathBuf {
        self.dir.path().join("data/leitmotif/library.db")
    }

    pub fn run(&self, args: &[&str]) -> std::io::Result<Output> {
        Command::new(env!("CARGO_BIN_EXE_leitmotif"))
            .args(args)
            .env("XDG_DATA_HOME", self.dir.path().join("data"))
            .env("XDG_CONFIG_HOME", self.dir.path().join("config"))
            .env("XDG_CACHE_HOME", self.dir.path().join("cache"))
            .output()
    }

    /// Standard output of a run that must succeed.
    pub fn ok(&self, args: &[&str]) -> Result<String> {
        let out = self.run(args)?;
        if !out.status.success() {
            return Err(format!("leitmotif {args:?}: {}", String::from_utf8_lossy(&out.stderr)).into());
        }
        Ok(String::from_utf8(out.stdout)?)
    }

    /// The titles `tracks --query` lists, sorted.
    pub fn titles(&self, query: &str) -> Result<Vec<String>> {
        let out = self.ok(&["tracks", "--query", query])?;
        let mut titles: Vec<String> = out
            .lines()
            .filter_map(|l| l.split('\t').nth(2))
            .map(String::from)
            .collect();
        titles.sort();
        Ok(titles)
    }
}

/// The demo soundtrack shipped in `assets/demo`.
pub fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo")
}
