//! The command line: parsing and dispatch here, with what every command shares (the
//! database, the way a failure is said); each family of commands in its own file.

mod analyze;
mod history;
mod library;
mod play;
mod playlist;
mod sheet;
mod themes;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use leitmotif::library::paths;
use leitmotif::store::Store;

#[derive(Parser, Debug)]
#[command(
    name = "leitmotif",
    version,
    about = "A gapless music player for soundtrack (OST) listeners"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Sub>,
    /// Files or folders to play.
    pub paths: Vec<PathBuf>,
    /// Add the files to the queue of the Leitmotif already running, instead of playing them now.
    #[arg(long, conflicts_with = "play_next")]
    pub enqueue: bool,
    /// Play the files after the track playing in the Leitmotif already running.
    #[arg(long)]
    pub play_next: bool,
}

#[derive(Subcommand, Debug)]
pub enum ThemesSub {
    /// Where the span FROM–TO of PATH (a library track) recurs in its series, or with
    /// --all in the library: the confident matches, best first.
    Find(themes::Query),
}

#[derive(Subcommand, Debug)]
pub enum Sub {
    /// Play files and folders (in disc/track order) with no window; exits at the end of the queue.
    Play {
        /// One JSON object per engine event per line, with a monotonic timestamp `t` in seconds.
        #[arg(long)]
        json: bool,
        /// Play through this output device (a name `leitmotif devices` lists).
        #[arg(long)]
        device: Option<String>,
        /// Bit-perfect: the device at each track's own rate and format, with volume,
        /// ReplayGain and resampling out of the way.
        #[arg(long)]
        bit_perfect: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// List the output devices (the sound server's sinks, else ALSA's), the default first.
    Devices {
        #[arg(long)]
        json: bool,
    },
    /// Measure the library's new and changed tracks (EBU R128 loudness, range, true peak,
    /// album loudness, waveform, chroma) and keep them; or, given PATHs, measure those files
    /// (folders in disc/track order, CUE tracks as their slices) and print their loudness,
    /// ReplayGain 2.0 gain, then the files as one album.
    #[command(alias = "analyse")]
    Analyze {
        /// One JSON object per file, then one for the album; for the library, the summary.
        #[arg(long)]
        json: bool,
        /// Worker threads for the library (default: every core).
        #[arg(long)]
        threads: Option<usize>,
        paths: Vec<PathBuf>,
    },
    /// Themes: where a span of a track recurs (from the analysis pass's chroma).
    Themes {
        #[command(subcommand)]
        what: ThemesSub,
    },
    /// Add DIRs as library folders (default: the OS music folder) and scan every folder.
    Scan {
        /// Print the summary as one JSON object.
        #[arg(long)]
        json: bool,
        dirs: Vec<PathBuf>,
    },
    /// List series, their albums (kind, part number, discs) and track counts.
    Series {
        #[arg(long)]
        json: bool,
    },
    /// List every track with its tags, album and series (JSON lines with --json), or
    /// those a query keeps (docs/queries.md).
    Tracks {
        #[arg(long)]
        json: bool,
        /// Only the tracks this query keeps: free words, field:value, comparisons,
        /// and / or / not, parentheses — e.g. 'series:"Secret Garden" kind:score vocal:no'.
        #[arg(long)]
        query: Option<String>,
    },
    /// Series sheets: a series' characters, leitmotifs, scenes, moods and instruments as TOML.
    #[command(subcommand)]
    Sheet(SheetCommand),
    /// Your playlists, to and from M3U / M3U8 files.
    #[command(subcommand)]
    Playlist(PlaylistCommand),
    /// Listening history (plays, skips, first and last played) and favourites, as JSON.
    #[command(subcommand)]
    History(HistoryCommand),
}

#[derive(Subcommand, Debug)]
pub enum PlaylistCommand {
    /// Read an M3U or M3U8 file into a playlist (named after the file unless --name).
    Import {
        file: PathBuf,
        #[arg(long)]
        name: Option<String>,
    },
    /// Write playlist NAME (or smart playlist NAME, as it stands now) as M3U8, paths
    /// relative to the file's folder.
    Export {
        name: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// List the playlists, then the smart ones with their queries.
    List,
    /// Save smart playlist NAME filled by QUERY (docs/queries.md), with --delete take it
    /// away, with --rename NEW rename it; with none, list what it holds now.
    Smart {
        name: String,
        #[arg(long)]
        query: Option<String>,
        #[arg(long, conflicts_with = "query")]
        delete: bool,
        /// Give it this name instead.
        #[arg(long, value_name = "NEW", conflicts_with_all = ["query", "delete"])]
        rename: Option<String>,
    },
}

#[derive(Subcommand, Debug)]
pub enum HistoryCommand {
    /// Write every track's plays and skips and every favourite to FILE, or to standard output.
    Export {
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Take in an export: counts become the larger of the two, favourites are added;
    /// a file with any mistake changes nothing.
    Import { file: PathBuf },
}

#[derive(Subcommand, Debug)]
pub enum SheetCommand {
    /// Replace a series' notes with a sheet's; a sheet with any problem changes nothing.
    Import {
        file: PathBuf,
        /// Import even if some tracks match nothing in the library (they are listed and left out).
        #[arg(long)]
        partial: bool,
    },
    /// Write a series' sheet to FILE, or to standard output.
    Export {
        series: String,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
}

pub fn run(cli: Cli) -> ExitCode {
    match cli.command {
        Some(Sub::Play {
            json,
            device,
            bit_perfect,
            paths,
        }) => play::play(&paths, json, device, bit_perfect),
        Some(Sub::Devices { json }) => play::devices(json),
        Some(Sub::Themes {
            what: ThemesSub::Find(query),
        }) => themes::find(query),
        Some(Sub::Scan { json, dirs }) => library::scan(&dirs, json),
        Some(Sub::Analyze { json, threads, paths }) if paths.is_empty() => analyze::library(json, threads),
        Some(Sub::Analyze { json, paths, .. }) => analyze::analyze(&paths, json),
        Some(Sub::Series { json }) => library::series(json),
        Some(Sub::Tracks { json, query }) => library::tracks(json, query.as_deref()),
        Some(Sub::Sheet(SheetCommand::Import { file, partial })) => sheet::import(&file, partial),
        Some(Sub::Sheet(SheetCommand::Export { series, output })) => sheet::export(&series, output.as_deref()),
        Some(Sub::Playlist(PlaylistCommand::Import { file, name })) => playlist::import(&file, name.as_deref()),
        Some(Sub::Playlist(PlaylistCommand::Export { name, output })) => playlist::export(&name, &output),
        Some(Sub::Playlist(PlaylistCommand::List)) => playlist::list(),
        Some(Sub::Playlist(PlaylistCommand::Smart {
            name,
            query,
            delete,
            rename,
        })) => match rename {
            Some(to) => playlist::rename_smart(&name, &to),
            None => playlist::smart(&name, query.as_deref(), delete),
        },
        Some(Sub::History(HistoryCommand::Export { output })) => history::export(output.as_deref()),
        Some(Sub::History(HistoryCommand::Import { file })) => history::import(&file),
        None => window(cli.paths, intent(cli.enqueue, cli.play_next)),
    }
}

/// The window, with the files named to play; a word that is neither a command nor a
/// file, or no display to open it on, is said in one sentence.
fn intent(enqueue: bool, play_next: bool) -> leitmotif::ui::single_instance::Intent {
    use leitmotif::ui::single_instance::Intent;
    match (enqueue, play_next) {
        (true, _) => Intent::Enqueue,
        (_, true) => Intent::PlayNext,
        _ => Intent::Play,
    }
}

fn window(paths: Vec<PathBuf>, intent: leitmotif::ui::single_instance::Intent) -> ExitCode {
    if let Some(word) = paths.iter().find(|p| looks_like_a_command(p)) {
        eprintln!(
            "leitmotif: {:?} is not a command, nor a file or folder here; the commands are play, devices, analyze, themes, scan, series, tracks, sheet, playlist and history (leitmotif --help)",
            word.display().to_string()
        );
        return ExitCode::from(2);
    }
    if let Some(why) = no_display() {
        eprintln!(
            "leitmotif: no display to open the window on ({why}); the command line works without one (leitmotif --help)"
        );
        return ExitCode::FAILURE;
    }
    match leitmotif::ui::run(paths.into_iter().map(from_uri).collect(), intent) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("leitmotif: the window could not open: {e}");
            ExitCode::FAILURE
        }
    }
}

/// A bare word (no folder, no extension) that names nothing here: a mistyped command
/// or one from another version, not a file to play.
fn looks_like_a_command(arg: &Path) -> bool {
    let text = arg.to_string_lossy();
    !text.is_empty() && !text.contains(['/', '.', '\\', ':']) && !arg.exists()
}

/// Why no window can open here, when that is plain: on Linux and the BSDs a window
/// needs an X or Wayland display named in the environment (not so over SSH or in a
/// console).
fn no_display() -> Option<&'static str> {
    let unix_desktop = cfg!(all(unix, not(target_os = "macos")));
    let named = |v: &str| std::env::var_os(v).is_some_and(|x| !x.is_empty());
    (unix_desktop && !named("DISPLAY") && !named("WAYLAND_DISPLAY")).then_some("DISPLAY and WAYLAND_DISPLAY are unset")
}

/// The tracks PATHs name (folders in disc/track order, CUE sheets as their tracks), each
/// path that is missing or unreadable said on standard error; `None`, said too, when
/// nothing is left to `verb`.
fn track_specs(paths: &[PathBuf], verb: &str) -> Option<Vec<leitmotif::player::TrackSpec>> {
    for p in paths.iter().filter(|p| !p.exists()) {
        eprintln!("leitmotif: {}: no such file or folder", p.display());
    }
    let (files, problems) = leitmotif::library::playable::expand_with_cues(paths);
    for p in &problems {
        eprintln!("leitmotif: {p}");
    }
    if files.is_empty() {
        eprintln!("leitmotif: nothing to {verb}");
        return None;
    }
    Some(
        files
            .into_iter()
            .map(|p| leitmotif::player::TrackSpec {
                path: p.path,
                start: p.start,
                end: p.end,
                fade: false,
            })
            .collect(),
    )
}

/// The desktop passes files as `file://` URIs (`Exec=leitmotif %U`); plain paths pass through.
fn from_uri(arg: PathBuf) -> PathBuf {
    arg.to_str()
        .filter(|s| s.starts_with("file://"))
        .and_then(|s| url::Url::parse(s).ok())
        .and_then(|u| u.to_file_path().ok())
        .unwrap_or(arg)
}

/// The library database where `directories` says (tests isolate it with XDG_DATA_HOME).
fn open_store() -> Result<Store, String> {
    let path = paths::database().ok_or("no home folder to keep the library in")?;
    Store::open(&path).map_err(|e| e.to_string())
}

/// A query that does not read, for a terminal: the column, why, and a caret under it.
fn query_mistake(text: &str, e: &leitmotif::library::query::QueryError) -> String {
    format!("the query does not read, {}\n{}", e.describe(text), e.pointed(text))
}

/// Writes `text` to `output`, or to standard output without one.
fn write_out(output: Option<&Path>, text: &str) -> ExitCode {
    match output {
        Some(path) => match std::fs::write(path, text) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => fail(format!("{}: {e}", path.display())),
        },
        None => {
            print!("{text}");
            ExitCode::SUCCESS
        }
    }
}

/// Says what went wrong, once, the same way for every command.
fn fail(message: impl std::fmt::Display) -> ExitCode {
    eprintln!("leitmotif: {message}");
    ExitCode::FAILURE
}
