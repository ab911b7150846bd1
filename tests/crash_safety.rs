//! The short form of scripts/kill-harness.py: 20 SIGKILLs at random instants during
//! playlist imports, sheet imports and scans, checking after each that the database
//! passes `PRAGMA integrity_check` and that every edit reported committed is intact.
//! The long form (200+ kills) is `scripts/kill-harness.py --kills 200`.

#[test]
fn twenty_kills_lose_nothing() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/scripts/kill-harness.py");
    let out = std::process::Command::new("python3")
        .args([
            script,
            "--kills",
            "20",
            "--seed",
            "7",
            "--bin",
            env!("CARGO_BIN_EXE_leitmotif"),
        ])
        .output()
        .unwrap_or_else(|e| panic!("cannot run {script}: {e}"));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success() && said.contains("zero loss"),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
