//! `leitmotif analyze PATH…`: each file (or CUE track) decoded once and measured —
//! EBU R128 integrated loudness, loudness range, true peak, and the ReplayGain 2.0
//! track gain — then the files together as one album (its gain and peak).

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use leitmotif::analysis::loudness::{self, Loudness};

pub fn analyze(paths: &[PathBuf], json: bool) -> ExitCode {
    let Some(specs) = super::track_specs(paths, "analyze") else {
        return ExitCode::from(1);
    };
    let mut out = std::io::stdout().lock();
    let mut measured = Vec::with_capacity(specs.len());
    for spec in specs {
        match loudness::measure(&spec) {
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
