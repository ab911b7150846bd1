//! The demo soundtrack bundled into the binary ("The Emperor's Secret Garden", CC0,
//! synthesised by scripts/make-demo.py), written out on first run.

use std::path::Path;

/// (path relative to the demo folder, contents)
pub const FILES: &[(&str, &[u8])] = include!(concat!(env!("OUT_DIR"), "/demo_files.rs"));

/// Where the demo is installed: the data folder's `demo`.
pub fn folder() -> Option<std::path::PathBuf> {
    super::paths::data_dir().map(|d| d.join("demo"))
}

/// Writes the demo into `dir`, leaving files already there as they are.
pub fn install(dir: &Path) -> std::io::Result<()> {
    crate::io_guard::check("writing the demo");
    for (relative, bytes) in FILES {
        let path = dir.join(relative);
        if path.exists() {
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(&path, bytes)?;
    }
    Ok(())
}
