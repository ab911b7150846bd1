//! The desktop entry and AppStream metainfo pass their validators, and the installer
//! installs into a temporary prefix and uninstalls cleanly (packaging/check.sh).

#[test]
fn packaging_validates_and_installs() {
    let script = concat!(env!("CARGO_MANIFEST_DIR"), "/packaging/check.sh");
    let out = std::process::Command::new("bash")
        .arg(script)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {script}: {e}"));
    assert!(
        out.status.success(),
        "{script} failed (scripts/setup-system.sh test installs desktop-file-utils and appstream):\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}
