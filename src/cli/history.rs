//! `leitmotif history export|import`: plays, skips and favourites as JSON, to keep or
//! to carry to another machine. An import is all or nothing and counts nothing twice.

use std::path::Path;
use std::process::ExitCode;

use leitmotif::store::HistoryExport;

use super::{fail, open_store};

pub fn export(output: Option<&Path>) -> ExitCode {
    let exported = open_store().and_then(|s| s.export_history().map_err(|e| e.to_string()));
    let text = match exported.and_then(|e| serde_json::to_string_pretty(&e).map_err(|e| e.to_string())) {
        Ok(t) => t + "\n",
        Err(e) => return fail(e),
    };
    super::write_out(output, &text)
}

pub fn import(file: &Path) -> ExitCode {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    // Read whole before anything is written: a mistake names its line and column.
    let export: HistoryExport = match serde_json::from_str(&text) {
        Ok(e) => e,
        Err(e) => {
            return fail(format!(
                "{}:{}:{}: not a history export ({e}); nothing was imported",
                file.display(),
                e.line(),
                e.column()
            ));
        }
    };
    if export.format != 1 {
        return fail(format!(
            "{}: history format {} is not one this Leitmotif reads (1); nothing was imported",
            file.display(),
            export.format
        ));
    }
    match open_store().and_then(|mut s| s.import_history(&export).map_err(|e| e.to_string())) {
        Ok((tracks, favourites)) => {
            println!("imported the history of {tracks} tracks and {favourites} favourites");
            ExitCode::SUCCESS
        }
        Err(e) => fail(format!("{e}; nothing was imported")),
    }
}
