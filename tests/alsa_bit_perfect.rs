//! Bit-perfect output through ALSA (no sound server): the "default" device is ALSA's
//! file plugin over its null device, which takes any rate and format and writes what
//! it is given, so a machine without a sound card sees exactly what a DAC would get.
//! `play --bit-perfect` opens it at the FLAC's 96 kHz in 32-bit words (the 24-bit
//! samples in their top bits) and writes the file's samples unchanged.

mod common;

use std::process::Command as Process;

use common::pcm::{flac, noise};
use common::tempdir;

#[test]
fn bit_perfect_through_alsa_writes_the_files_samples_at_its_rate() {
    let alsa_conf = std::path::Path::new("/usr/share/alsa/alsa.conf");
    if !alsa_conf.exists() {
        eprintln!("skipped: no ALSA configuration on this machine");
        return;
    }
    let dir = tempdir();
    let capture = dir.path().join("device.raw");
    let conf = dir.path().join("asound.conf");
    std::fs::write(
        &conf,
        format!(
            "pcm.!default {{\n type file\n slave.pcm \"null\"\n file \"{}\"\n format \"raw\"\n}}\n",
            capture.display()
        ),
    )
    .expect("asound.conf");
    let samples = noise(7, 96_000, 24);
    let file = flac(dir.path(), "hires", 96_000, 24, &samples, &[]);
    let run = |extra: &[&str]| {
        let out = Process::new(env!("CARGO_BIN_EXE_leitmotif"))
            .arg("play")
            .arg("--json")
            .args(extra)
            .arg(&file)
            .env(
                "ALSA_CONFIG_PATH",
                format!("{}:{}", alsa_conf.display(), conf.display()),
            )
            .env("LEITMOTIF_AUDIO", "alsa")
            .env("XDG_DATA_HOME", dir.path().join("data"))
            .env("XDG_CONFIG_HOME", dir.path().join("config"))
            .env("XDG_CACHE_HOME", dir.path().join("cache"))
            .output()
            .expect("leitmotif runs");
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let words: Vec<i32> = std::fs::read(&capture)
            .expect("the device wrote its file")
            .chunks_exact(4)
            .map(|b| i32::from_le_bytes([b[0], b[1], b[2], b[3]]))
            .collect();
        (String::from_utf8_lossy(&out.stdout).into_owned(), words)
    };
    let (events, words) = run(&["--bit-perfect"]);
    assert!(
        events.contains("\"format\":\"96 kHz · 24-bit\"") && events.contains("\"bit_perfect\":true"),
        "{events}"
    );
    // The 24-bit samples in the top bits of each 32-bit word, from the first on.
    let lead = words.iter().position(|&w| w != 0).expect("sound");
    let first = samples.iter().position(|&s| s != 0).expect("sound");
    let heard: Vec<i32> = words[lead - first..]
        .iter()
        .take(samples.len())
        .map(|w| w >> 8)
        .collect();
    assert!(heard == samples, "the device got the file's samples, bit for bit");
    assert!(words[lead - first..].iter().take(samples.len()).all(|w| w & 0xff == 0));

    // Without the option the device runs in the engine's own format: not these samples.
    let (events, words) = run(&[]);
    assert!(!events.contains("\"bit_perfect\":true"), "{events}");
    let shifted: Vec<i32> = words.iter().map(|w| w >> 8).collect();
    assert!(!shifted.windows(samples.len().min(64)).any(|w| w == &samples[..w.len()]));
}
