//! `leitmotif sheet import|export`: series sheets on the command line.

use std::path::Path;
use std::process::ExitCode;

use leitmotif::ost::sheet::{self, ImportError};

use super::library::load;
use super::{fail, open_store};

pub fn import(file: &Path, partial: bool) -> ExitCode {
    let text = match std::fs::read(file) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(t) => t,
            Err(_) => return fail(format!("{}: a series sheet is UTF-8 text", file.display())),
        },
        Err(e) => return fail(format!("{}: {e}", file.display())),
    };
    let (library, mut store) = match load().and_then(|l| Ok((l, open_store()?))) {
        Ok(x) => x,
        Err(e) => return fail(e),
    };
    match sheet::import(&mut store, &library, &text, partial) {
        Ok(parsed) => {
            for s in &parsed.skipped {
                eprintln!("{}:{s} (left out)", file.display());
            }
            let n = &parsed.notes;
            println!(
                "{}: {} characters, {} scenes, {} moods, {} instruments imported{}",
                parsed.series_name,
                n.characters.len(),
                n.scenes.len(),
                n.moods.len(),
                n.instruments.len(),
                if parsed.skipped.is_empty() {
                    String::new()
                } else {
                    format!(
                        "; {} references matched nothing and were left out",
                        parsed.skipped.len()
                    )
                }
            );
            ExitCode::SUCCESS
        }
        Err(ImportError::Rejected(rejected)) => {
            eprintln!("{}", rejected.report(file));
            eprintln!("leitmotif: {} was not imported; nothing changed", file.display());
            ExitCode::from(65)
        }
        Err(ImportError::Store(e)) => fail(format!("{}: not imported, nothing changed: {e}", file.display())),
    }
}

pub fn export(series: &str, output: Option<&Path>) -> ExitCode {
    let store = match open_store() {
        Ok(s) => s,
        Err(e) => return fail(e),
    };
    // The name as the library spells it, when it is there; else as given.
    let library = load().ok();
    let name = library
        .as_ref()
        .and_then(|l| {
            let wanted = leitmotif::ost::track_match::fold(series);
            l.series
                .iter()
                .find(|s| leitmotif::ost::track_match::fold(&s.name) == wanted)
                .map(|s| s.name.clone())
        })
        .unwrap_or_else(|| series.to_owned());
    let text = match sheet::export(&store, library.as_ref(), &name) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    super::write_out(output, &text)
}
