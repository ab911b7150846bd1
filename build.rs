//! Embeds the demo soundtrack (assets/demo) so a first run has something to play.

use std::fmt::Write;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/demo");
    println!("cargo:rerun-if-changed=assets/demo");
    let mut files = Vec::new();
    collect(&root, &root, &mut files);
    files.sort();
    let mut out = String::from("&[\n");
    for (relative, absolute) in &files {
        let _ = writeln!(out, "    ({relative:?}, include_bytes!({absolute:?}) as &[u8]),");
    }
    out.push(']');
    let dest = Path::new(&std::env::var("OUT_DIR").unwrap_or_default()).join("demo_files.rs");
    if let Err(e) = std::fs::write(&dest, out) {
        panic!("cannot write {}: {e}", dest.display());
    }
    grouping_source_hash();
}

/// A hash (FNV-1a) of the files whose code decides how a library groups, so the grouping
/// kept between launches (src/library/model_cache.rs) is never read by a build that
/// would group differently.
fn grouping_source_hash() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/library");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|entries| entries.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    names.sort();
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for path in names.iter().filter(|p| p.extension().is_some_and(|e| e == "rs")) {
        println!("cargo:rerun-if-changed={}", path.display());
        for byte in std::fs::read(path).unwrap_or_default() {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
    println!("cargo:rustc-env=LEITMOTIF_GROUPING_SOURCE={hash:016x}");
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        println!("cargo:rerun-if-changed={}", path.display());
        if path.is_dir() {
            collect(root, &path, out);
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push((
                relative.to_string_lossy().into_owned(),
                path.to_string_lossy().into_owned(),
            ));
        }
    }
}
