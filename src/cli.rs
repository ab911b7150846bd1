//! Command-line parsing and dispatch. The work itself lives in the library.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::{Parser, Subcommand};

use leitmotif::library::playable;

use crate::{library_cli, playlist_cli, sheet_cli};
use leitmotif::player::{Command, Engine, Event, Output, TrackSpec};

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
}

#[derive(Subcommand, Debug)]
pub enum Sub {
    /// Play files and folders (in disc/track order) with no window; exits at the end of the queue.
    Play {
        /// One JSON object per engine event per line, with a monotonic timestamp `t` in seconds.
        #[arg(long)]
        json: bool,
        #[arg(required = true)]
        paths: Vec<PathBuf>,
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
    /// List every track with its tags, album and series (JSON lines with --json).
    Tracks {
        #[arg(long)]
        json: bool,
    },
    /// Series sheets: a series' characters, leitmotifs, scenes, moods and instruments as TOML.
    #[command(subcommand)]
    Sheet(SheetCommand),
    /// Your playlists, to and from M3U / M3U8 files.
    #[command(subcommand)]
    Playlist(PlaylistCommand),
}

#[derive(Subcommand, Debug)]
pub enum PlaylistCommand {
    /// Read an M3U or M3U8 file into a playlist (named after the file unless --name).
    Import {
        file: PathBuf,
        #[arg(long)]
        name: Option<String>,
    },
    /// Write playlist NAME as M3U8, paths relative to the file's folder.
    Export {
        name: String,
        #[arg(short, long)]
        output: PathBuf,
    },
    /// List the playlists.
    List,
}

#[derive(Subcommand, Debug)]
pub enum SheetCommand {
    /// Replace a series' annotations with a sheet's; a sheet with any problem changes nothing.
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
        Some(Sub::Play { json, paths }) => play(&paths, json),
        Some(Sub::Scan { json, dirs }) => library_cli::scan(&dirs, json),
        Some(Sub::Series { json }) => library_cli::series(json),
        Some(Sub::Tracks { json }) => library_cli::tracks(json),
        Some(Sub::Sheet(SheetCommand::Import { file, partial })) => sheet_cli::import(&file, partial),
        Some(Sub::Sheet(SheetCommand::Export { series, output })) => sheet_cli::export(&series, output.as_deref()),
        Some(Sub::Playlist(PlaylistCommand::Import { file, name })) => playlist_cli::import(&file, name.as_deref()),
        Some(Sub::Playlist(PlaylistCommand::Export { name, output })) => playlist_cli::export(&name, &output),
        Some(Sub::Playlist(PlaylistCommand::List)) => playlist_cli::list(),
        None => match leitmotif::ui::run(cli.paths.into_iter().map(from_uri).collect()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("leitmotif: the window could not open: {e}");
                ExitCode::FAILURE
            }
        },
    }
}

/// The desktop passes files as `file://` URIs (`Exec=leitmotif %U`); plain paths pass through.
fn from_uri(arg: PathBuf) -> PathBuf {
    arg.to_str()
        .filter(|s| s.starts_with("file://"))
        .and_then(|s| url::Url::parse(s).ok())
        .and_then(|u| u.to_file_path().ok())
        .unwrap_or(arg)
}

fn play(paths: &[PathBuf], json: bool) -> ExitCode {
    let missing: Vec<_> = paths.iter().filter(|p| !p.exists()).collect();
    for p in &missing {
        eprintln!("leitmotif: {}: no such file or folder", p.display());
    }
    let (files, problems) = playable::expand_with_cues(paths);
    for p in &problems {
        eprintln!("leitmotif: {p}");
    }
    if files.is_empty() {
        eprintln!("leitmotif: nothing to play");
        return ExitCode::from(1);
    }
    let (engine, events) = match Engine::start(Output::Device) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("leitmotif: {e}");
            return ExitCode::from(2);
        }
    };
    let total = files.len();
    engine.send(Command::Play {
        queue: files
            .into_iter()
            .map(|p| TrackSpec {
                path: p.path,
                start: p.start,
                end: p.end,
            })
            .collect(),
        start: 0,
        position: Duration::ZERO,
        paused: false,
    });
    let started = Instant::now();
    let mut played = 0usize;
    let mut stdout = std::io::stdout().lock();
    while let Ok(event) = events.recv() {
        if json {
            let mut value = serde_json::to_value(&event).unwrap_or_default();
            if let Some(obj) = value.as_object_mut() {
                obj.insert(
                    "t".into(),
                    serde_json::json!((started.elapsed().as_secs_f64() * 1e6).round() / 1e6),
                );
            }
            let _ = writeln!(stdout, "{value}");
        }
        match event {
            Event::TrackStarted {
                index, path, duration, ..
            } => {
                played += 1;
                if !json {
                    let length = duration.map(|d| format!(" ({}:{:02})", d.as_secs() / 60, d.as_secs() % 60));
                    let _ = writeln!(
                        stdout,
                        "[{}/{}] {}{}",
                        index + 1,
                        total,
                        path.display(),
                        length.unwrap_or_default()
                    );
                }
            }
            Event::Error { path, reason } if !json => {
                eprintln!("leitmotif: skipping {}: {reason}", path.display());
            }
            Event::DeviceLost { reason } if !json => eprintln!("leitmotif: audio device lost: {reason}"),
            Event::DeviceFailed { reason } => {
                // Playback cannot go on: say so and fail rather than wait forever.
                let _ = stdout.flush();
                eprintln!("leitmotif: no sound: the audio output could not be reopened: {reason}");
                return ExitCode::from(3);
            }
            Event::QueueEnded => break,
            _ => {}
        }
        let _ = stdout.flush();
    }
    // QueueEnded comes once the device has played the last sample.
    drop(engine);
    if played == 0 {
        eprintln!("leitmotif: none of the files could be played");
        return ExitCode::from(1);
    }
    ExitCode::SUCCESS
}
