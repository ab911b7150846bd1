//! A private PulseAudio sound server with clocked null sinks, as a desktop has: what
//! Leitmotif plays is recorded from a sink's monitor with `parec`, at the server's pace.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

pub use super::desktop::{Running, need, on_path};

pub const RATE: u32 = 44_100;

/// Whether these tests can run here. They need Debian's `pulseaudio`, which the set-up
/// script installs, except on a desktop whose sound server is PipeWire's pulse layer:
/// the two packages replace each other, so there the tests say so and skip.
pub fn available() -> bool {
    if !on_path("pulseaudio") && on_path("pipewire-pulse") {
        eprintln!("skipped: PipeWire's pulse server is installed instead of pulseaudio");
        return false;
    }
    true
}

pub struct Pulse {
    dir: PathBuf,
    /// Each null sink's name and its module arguments past the name.
    sinks: Vec<(String, String)>,
    server: Option<Running>,
}

impl Pulse {
    /// Starts a server of its own in `dir` with one null sink per name.
    pub fn start(dir: &Path, sinks: &[&str]) -> Pulse {
        let rate = format!("rate={RATE}");
        let sinks: Vec<(&str, &str)> = sinks.iter().map(|s| (*s, rate.as_str())).collect();
        Pulse::start_sinks(dir, &sinks)
    }

    /// Starts a server with null sinks made with these arguments (`rate=96000 format=s24-32le`).
    pub fn start_sinks(dir: &Path, sinks: &[(&str, &str)]) -> Pulse {
        for tool in ["pulseaudio", "pactl", "parec"] {
            need(tool);
        }
        std::fs::create_dir_all(dir.join("run")).expect("runtime dir");
        std::fs::create_dir_all(dir.join("home")).expect("home dir");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(dir.join("run"), std::fs::Permissions::from_mode(0o700));
        }
        let mut pulse = Pulse {
            dir: dir.to_owned(),
            sinks: sinks.iter().map(|(n, a)| (n.to_string(), a.to_string())).collect(),
            server: None,
        };
        pulse.restart();
        pulse
    }

    pub fn socket(&self) -> PathBuf {
        self.dir.join("run/pulse/native")
    }

    /// What a client needs to reach this server and no other.
    pub fn env(&self) -> Vec<(String, String)> {
        vec![
            ("PULSE_SERVER".into(), format!("unix:{}", self.socket().display())),
            (
                "PULSE_RUNTIME_PATH".into(),
                self.dir.join("run/pulse").display().to_string(),
            ),
            ("HOME".into(), self.dir.join("home").display().to_string()),
            ("XDG_RUNTIME_DIR".into(), self.dir.join("run").display().to_string()),
        ]
    }

    /// `leitmotif` on this server only, its data in `home` (no sink or backend chosen
    /// by the environment the tests run in).
    pub fn leitmotif(&self, home: &Path) -> Command {
        let mut c = self.command(env!("CARGO_BIN_EXE_leitmotif"));
        c.env("XDG_DATA_HOME", home.join("data"))
            .env("XDG_CONFIG_HOME", home.join("config"))
            .env("XDG_CACHE_HOME", home.join("cache"))
            .env_remove("LEITMOTIF_AUDIO")
            .env_remove("PULSE_SINK");
        c
    }

    pub fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.envs(self.env());
        c
    }

    /// (Re)starts the server; returns once it answers.
    pub fn restart(&mut self) {
        self.kill();
        let mut c = self.command("pulseaudio");
        c.args([
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--realtime=no",
            "--high-priority=no",
            "--disallow-exit",
            "--log-target=stderr",
            // Without memfd: a stream closed and another opened while a recorder reads
            // (bit-perfect's rate switch) now and then aborted the server on PulseAudio's
            // own assertion (memblock.c, "non-registered memfd ID", its issue 824), and
            // the player saw the server gone. Its shm pool is used instead.
            "--enable-memfd=no",
            "--load=module-native-protocol-unix",
        ]);
        for (sink, args) in &self.sinks {
            c.arg(format!("--load=module-null-sink sink_name={sink} {args}"));
        }
        let log = std::fs::File::create(self.dir.join("pulseaudio.log")).expect("log");
        let child = c.stdout(Stdio::null()).stderr(log).spawn().expect("pulseaudio starts");
        self.server = Some(Running(child));
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let ok = self
                .command("pactl")
                .arg("info")
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .is_ok_and(|s| s.success());
            if ok {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "the private PulseAudio did not start: {}",
                std::fs::read_to_string(self.dir.join("pulseaudio.log")).unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Kills the server outright, as a crash would.
    pub fn kill(&mut self) {
        self.server = None;
    }

    pub fn pactl(&self, args: &[&str]) -> String {
        let out = self.command("pactl").args(args).output().expect("pactl runs");
        assert!(
            out.status.success(),
            "pactl {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Records `sink`'s monitor into `file` until dropped; returns once it records.
    /// A `parec` that gets nothing (seen once in ~20 when ten start at the same instant)
    /// is started again, up to three times.
    pub fn record(&self, sink: &str, file: &Path) -> Recorder {
        self.record_as(sink, file, "s16le", RATE)
    }

    /// Records `sink`'s monitor in this sample format and rate (stereo).
    pub fn record_as(&self, sink: &str, file: &Path, format: &str, rate: u32) -> Recorder {
        let log = file.with_extension("parec.log");
        for _ in 0..3 {
            let out = std::fs::File::create(file).expect("recording file");
            let child = self
                .command("parec")
                .args([
                    "-d",
                    &format!("{sink}.monitor"),
                    &format!("--format={format}"),
                    &format!("--rate={rate}"),
                    "--channels=2",
                    "--latency-msec=20",
                    "--raw",
                ])
                .stdout(out)
                .stderr(std::fs::File::create(&log).expect("parec log"))
                .spawn()
                .expect("parec starts");
            let recorder = Recorder(Some(child));
            // Recording once the (idle) sink's silence arrives, so nothing played is missed.
            let deadline = Instant::now() + Duration::from_secs(5);
            while Instant::now() < deadline {
                if std::fs::metadata(file).map_or(0, |m| m.len()) >= 4 * u64::from(rate) / 20 {
                    return recorder;
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        }
        panic!(
            "parec recorded nothing from {sink}: {}",
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }
}

/// A `parec`; dropping it stops it the polite way, so it writes out what it holds.
pub struct Recorder(Option<Child>);

impl Drop for Recorder {
    fn drop(&mut self) {
        let Some(mut child) = self.0.take() else { return };
        if let Ok(pid) = i32::try_from(child.id()) {
            // SAFETY: signals our own child, which has not been reaped yet.
            unsafe {
                libc::kill(pid, libc::SIGINT);
            }
        }
        let deadline = Instant::now() + Duration::from_secs(2);
        while Instant::now() < deadline {
            if let Ok(Some(_)) = child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// A recording's left channel as floats.
pub fn read_recording(file: &Path) -> Vec<f32> {
    let bytes = std::fs::read(file).unwrap_or_default();
    bytes
        .chunks_exact(4)
        .map(|f| f32::from(i16::from_le_bytes([f[0], f[1]])) / 32768.0)
        .collect()
}

/// What a recording of one tone holds: its sounding length and the longest silence
/// inside it, in seconds.
#[derive(Debug, Clone, Copy)]
pub struct Heard {
    pub start: f64,
    pub length: f64,
    pub longest_gap: f64,
}

pub fn heard(samples: &[f32], threshold: f32) -> Option<Heard> {
    let first = samples.iter().position(|s| s.abs() > threshold)?;
    let last = samples.iter().rposition(|s| s.abs() > threshold)?;
    let (mut run, mut longest) = (0usize, 0usize);
    for s in &samples[first..=last] {
        if s.abs() > threshold {
            run = 0;
        } else {
            run += 1;
            longest = longest.max(run);
        }
    }
    let rate = f64::from(RATE);
    Some(Heard {
        start: first as f64 / rate,
        length: (last + 1 - first) as f64 / rate,
        longest_gap: longest as f64 / rate,
    })
}
