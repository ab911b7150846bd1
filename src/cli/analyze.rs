//! `leitmotif analyze`: the library's pass (new and changed tracks measured and kept),
//! or with PATHs each file (or CUE track) decoded once and measured — EBU R128
//! integrated loudness, loudness range, true peak, and the ReplayGain 2.0 track gain —
//! then the files together as one album (its gain and peak).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use leitmotif::analysis::loudness::{self, Loudness};
use leitmotif::analysis::pass::{self, Control, PassOptions, Progress};
use leitmotif::analysis::track;
use leitmotif::library::model::Library;

use super::{fail, open_store};

/// The library pass, on every core (or `threads`), till every track is measured.
pub fn library(json: bool, threads: Option<usize>) -> ExitCode {
    let started = Instant::now();
    let mut store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    // Each track's analysis state is read on a second connection while this one loads
    // the library: at 100k tracks each takes ~0.2 s, and the workers wait on both.
    let state = std::thread::Builder::new()
        .name("leitmotif-analysis-state".into())
        .spawn(|| open_store().and_then(|s| s.analysis_state().map_err(|e| e.to_string())));
    let planned = Library::load(&store).map_err(|e| e.to_string()).and_then(|library| {
        // No thread to spare, or the second connection could not read (a busy lock):
        // read it on this one, as before.
        let state = match state.ok().map(|reading| reading.join()) {
            Some(Ok(Ok(state))) => state,
            _ => store.analysis_state().map_err(|e| e.to_string())?,
        };
        let jobs = pass::plan(&library, &state);
        // Freeing 100k tracks' strings (twice) would hold the workers' start; the process ends
        // with the pass, and the system takes the memory back then.
        std::mem::forget((library, state));
        Ok(jobs)
    });
    let jobs = match planned {
        Ok(j) => j,
        Err(e) => return fail(e),
    };
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let options = PassOptions {
        threads: threads.unwrap_or(cores).max(1),
        low_priority: false,
    };
    // Progress on a terminal only, a line at most every half second.
    let tty = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut said = Instant::now();
    let report = |p: &Progress| {
        if tty && (said.elapsed() > Duration::from_millis(500) || p.done == p.total) {
            eprint!("\ranalysed {} of {} tracks", p.done, p.total);
            said = Instant::now();
        }
    };
    let result = pass::run(&mut store, jobs, options, Arc::new(Control::default()), report);
    if tty {
        eprintln!();
    }
    match result {
        Ok(p) => {
            let secs = started.elapsed().as_secs_f64();
            if json {
                let summary = serde_json::json!({
                    "tracks": p.measured, "decoded": p.done, "failed": p.failed, "albums": p.albums, "seconds": (secs * 1000.0).round() / 1000.0,
                });
                println!("{summary}");
            } else {
                println!(
                    "{} tracks measured ({} could not be decoded), {} albums, in {secs:.1} s",
                    p.measured, p.failed, p.albums
                );
            }
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("the analysis stopped: {e}")),
    }
}

pub fn analyze(paths: &[PathBuf], json: bool) -> ExitCode {
    let Some(specs) = super::track_specs(paths, "analyze") else {
        return ExitCode::from(1);
    };
    let mut out = std::io::stdout().lock();
    let mut measured = Vec::with_capacity(specs.len());
    for spec in specs {
        match track::analyse(&spec, false).map(|a| a.measured) {
            Ok(m) => {
                let _ = writeln!(out, "{}", line(&spec.path.display().to_string(), &m.loudness, json));
                measured.push(m);
            }
            Err(e) => {
                eprintln!("leitmotif: {e}");
            }
        }
    }
    if measured.len() > 1
        && let Some(album) = loudness::album(&measured)
    {
        let _ = writeln!(out, "{}", line("album", &album, json));
    }
    // Something was named, so nothing measured means every file failed.
    if measured.is_empty() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn line(name: &str, l: &Loudness, json: bool) -> String {
    let db = |x: f64| 20.0 * x.log10();
    if json {
        serde_json::json!({
            "file": name,
            "integrated_lufs": finite(l.integrated_lufs),
            "range_lu": finite(l.range_lu),
            "true_peak_dbtp": finite(db(l.true_peak)),
            "sample_peak_dbfs": finite(db(l.sample_peak)),
            "gain_db": l.gain_db().and_then(finite),
        })
        .to_string()
    } else {
        let gain = l.gain_db().map_or("—".to_owned(), |g| format!("{g:+.2} dB"));
        format!(
            "{name}\t{:.2} LUFS\tLRA {:.2} LU\ttrue peak {:.2} dBTP\tgain {gain}",
            l.integrated_lufs,
            l.range_lu,
            db(l.true_peak)
        )
    }
}

/// JSON has no infinities: silence is null.
fn finite(x: f64) -> Option<f64> {
    x.is_finite().then_some((x * 100.0).round() / 100.0)
}
