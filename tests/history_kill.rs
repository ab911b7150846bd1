//! Listening history survives `kill -9` during playback: `leitmotif play` through a
//! private, clocked PulseAudio null sink, killed at instants spread over three short
//! tracks, again and again over one database. Each play it reported committed is
//! there; at most the one in flight when it died is missing or extra; the database is
//! intact every time.

mod common;

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::pulse::{Pulse, RATE, available};
use common::{FLAC, encode, tempdir, tone};

fn tone_file(dir: &Path, name: &str, freq: f64, seconds: f64) -> PathBuf {
    let frames = (seconds * f64::from(RATE)) as u64;
    encode(dir, name, FLAC, &tone(freq, 0.5, RATE, 0, frames), &[("title", name)])
}

#[test]
fn a_kill_during_playback_loses_at_most_the_play_in_flight() -> Result<(), Box<dyn std::error::Error>> {
    if !available() {
        return Ok(());
    }
    let dir = tempdir();
    let pulse = Pulse::start(dir.path(), &["speakers"]);
    let home = dir.path().join("home");
    let music = dir.path().join("music");
    std::fs::create_dir_all(&music)?;
    let files: Vec<PathBuf> = [("one", 440.0), ("two", 550.0), ("three", 660.0)]
        .into_iter()
        .map(|(name, freq)| tone_file(&music, name, freq, 2.0))
        .collect();
    // A library, so there is a database to keep the history in.
    let scanned = pulse.leitmotif(&home).arg("scan").arg(&music).output()?;
    assert!(scanned.status.success(), "{}", String::from_utf8_lossy(&scanned.stderr));
    let db = home.join("data/leitmotif/library.db");

    let mut reported = 0u32;
    let mut before = 0u32;
    // Instants spread over the 6 s of the three tracks (each counts at 1 s).
    for kill_at in [0.4, 1.3, 2.2, 3.6, 4.1, 5.3, 0.9, 2.9] {
        let mut child = pulse
            .leitmotif(&home)
            .args(["play", "--json"])
            .args(&files)
            .env("PULSE_SINK", "speakers")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(std::result::Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        // Timed from the first track's start, as the sound server plays it.
        let mut started = None;
        let mut counted = 0u32;
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            if started.is_some_and(|s: Instant| s.elapsed().as_secs_f64() >= kill_at) || Instant::now() > deadline {
                break;
            }
            match rx.recv_timeout(Duration::from_millis(10)) {
                Ok(line) if line.contains("\"track_started\"") && started.is_none() => started = Some(Instant::now()),
                Ok(line) if line.contains("\"counted_play\"") => counted += 1,
                _ => {}
            }
        }
        child.kill()?; // SIGKILL
        child.wait()?;
        // Lines written before the kill are still in the pipe: read them to its end.
        let _ = reader.join();
        for line in rx.try_iter() {
            if line.contains("\"counted_play\"") {
                counted += 1;
            }
        }
        assert!(started.is_some(), "playback started (kill at {kill_at} s)");
        reported += counted;

        let con = rusqlite::Connection::open(&db)?;
        let check: String = con.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        assert_eq!(check, "ok", "after the kill at {kill_at} s");
        let stored: u32 = con.query_row("SELECT coalesce(sum(plays), 0) FROM listening", [], |r| r.get(0))?;
        // This run's plays: every one reported, and at most the one in flight besides.
        let this_run = stored - before;
        eprintln!("kill at {kill_at} s: {counted} plays reported committed, {this_run} stored");
        assert!(
            this_run >= counted && this_run <= counted + 1,
            "kill at {kill_at} s: {this_run} plays stored, {counted} reported committed"
        );
        before = stored;
    }
    assert!(reported >= 3, "the kills came after plays had counted ({reported})");
    Ok(())
}
