//! MPRIS as the desktop sees it: a private session bus (dbus-run-session), the real window
//! under Xvfb with ALSA routed to a file, driven by Debian's `playerctl`.
//!
//! The capture output is not clocked (it plays far faster than real time), so the window
//! starts paused from a saved session with long tracks, and plays only briefly.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;

use common::desktop::{Running, need};

const TRACK_SECONDS: u32 = 600;

fn long_track(dir: &Path, name: &str, title: &str, freq: u32) -> PathBuf {
    let out = dir.join(format!("{name}.flac"));
    let status = Command::new("ffmpeg")
        .args(["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i"])
        .arg(format!(
            "sine=frequency={freq}:sample_rate=8000:duration={TRACK_SECONDS}"
        ))
        .args(["-metadata", &format!("title={title}")])
        .args([
            "-metadata",
            "artist=Kim Ji-soo",
            "-metadata",
            "album=Moonlit Court OST Part.1",
        ])
        .args(["-metadata", "album_artist=Various Artists", "-metadata", "track=1"])
        .arg(&out)
        .status()
        .expect("ffmpeg runs");
    assert!(status.success());
    out
}

/// The private bus: ending its child (the shell's `sleep`) makes dbus-run-session stop
/// its daemon too; killing dbus-run-session itself would leave the daemon behind.
struct Bus {
    session: Child,
    child_pid: String,
}

impl Drop for Bus {
    fn drop(&mut self) {
        // Signalled directly: a minimal system has no `kill` program (procps).
        if let Ok(pid) = self.child_pid.trim().parse::<libc::pid_t>() {
            // SAFETY: sends SIGTERM to a process this test started; no memory involved.
            unsafe { libc::kill(pid, libc::SIGTERM) };
        }
        let _ = self.session.wait();
    }
}

struct Desktop {
    env: Vec<(String, String)>,
    _bus: Bus,
    _display: Running,
    monitor_log: PathBuf,
}

impl Desktop {
    fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        c.envs(self.env.iter().map(|(k, v)| (k, v)));
        c
    }

    fn playerctl(&self, args: &[&str]) -> String {
        let out = self
            .command("playerctl")
            .args(["--player=leitmotif"])
            .args(args)
            .output()
            .expect("playerctl runs");
        String::from_utf8_lossy(&out.stdout).trim().to_owned()
    }

    /// Polls `args` until `ok` holds, for up to `secs`; returns the last answer.
    fn until(&self, args: &[&str], secs: u64, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + Duration::from_secs(secs);
        loop {
            let answer = self.playerctl(args);
            if ok(&answer) || Instant::now() > deadline {
                return answer;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    fn position(&self) -> f64 {
        self.playerctl(&["position"]).parse().unwrap_or(-1.0)
    }
}

/// A private session bus, an X display, and a bus monitor logging Seeked signals.
fn desktop(home: &Path) -> Desktop {
    for tool in ["dbus-run-session", "dbus-monitor", "Xvfb", "playerctl", "ffmpeg"] {
        need(tool);
    }
    let address_file = home.join("bus-address");
    let session = Command::new("dbus-run-session")
        .args(["--", "sh", "-c"])
        .arg(format!(
            "echo \"$$ $DBUS_SESSION_BUS_ADDRESS\" > '{}.part' && mv '{0}.part' '{0}'; exec sleep 300",
            address_file.display()
        ))
        .spawn()
        .expect("dbus-run-session starts");
    let deadline = Instant::now() + Duration::from_secs(10);
    let line = loop {
        let a = std::fs::read_to_string(&address_file).unwrap_or_default();
        if !a.trim().is_empty() || Instant::now() > deadline {
            break a.trim().to_owned();
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let (child_pid, address) = line.split_once(' ').unwrap_or_default();
    let bus = Bus {
        session,
        child_pid: child_pid.to_owned(),
    };
    let address = address.to_owned();
    assert!(!address.is_empty(), "the private bus did not start");

    let (display, number) = common::desktop::xvfb();

    let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/asound-capture.conf");
    let env = vec![
        ("DBUS_SESSION_BUS_ADDRESS".into(), address),
        ("DISPLAY".into(), number),
        ("XDG_DATA_HOME".into(), home.join("data").display().to_string()),
        ("XDG_CONFIG_HOME".into(), home.join("config").display().to_string()),
        ("XDG_CACHE_HOME".into(), home.join("cache").display().to_string()),
        ("XDG_RUNTIME_DIR".into(), home.join("run").display().to_string()),
        (
            "ALSA_CONFIG_PATH".into(),
            format!("/usr/share/alsa/alsa.conf:{}", fixture.display()),
        ),
        ("LEITMOTIF_CAPTURE".into(), "/dev/null".into()),
        ("LEITMOTIF_AUDIO".into(), "alsa".into()),
    ];
    let monitor_log = home.join("monitor.log");
    let desktop = Desktop {
        env,
        _bus: bus,
        _display: display,
        monitor_log,
    };
    std::fs::create_dir_all(home.join("run")).expect("runtime dir");
    desktop
}

#[test]
fn playerctl_drives_the_window() {
    let home = tempfile::tempdir().expect("temp dir");
    let music = home.path().join("music");
    std::fs::create_dir_all(&music).expect("music dir");
    let first = long_track(&music, "01", "Moonlit Court", 440);
    let second = long_track(&music, "02", "Moonlit Court (Inst.)", 660);
    let d = desktop(home.path());

    // The files are in the library (so the desktop gets tags), and the last session left
    // them queued, paused 30 s into the first.
    let scan = d
        .command(env!("CARGO_BIN_EXE_leitmotif"))
        .arg("scan")
        .arg(&music)
        .output()
        .expect("scan runs");
    assert!(scan.status.success(), "{}", String::from_utf8_lossy(&scan.stderr));
    let session = format!(
        "current = 0\nposition_ms = 30000\n\n[[queue]]\npath = {:?}\n\n[[queue]]\npath = {:?}\n",
        first.display().to_string(),
        second.display().to_string()
    );
    let data = home.path().join("data/leitmotif");
    std::fs::create_dir_all(&data).expect("data dir");
    std::fs::write(data.join("session.toml"), session).expect("session");

    let monitor = d
        .command("dbus-monitor")
        .arg("type='signal',interface='org.mpris.MediaPlayer2.Player',member='Seeked'")
        .stdout(std::fs::File::create(&d.monitor_log).expect("monitor log"))
        .spawn()
        .expect("dbus-monitor starts");
    let _monitor = Running(monitor);
    let window = d
        .command(env!("CARGO_BIN_EXE_leitmotif"))
        .stdout(Stdio::null())
        .stderr(std::fs::File::create(home.path().join("window.log")).expect("log"))
        .spawn()
        .expect("the window starts");
    let _window = Running(window);
    let log = || std::fs::read_to_string(home.path().join("window.log")).unwrap_or_default();

    // Restored, paused, with its tags.
    let status = d.until(&["status"], 60, |s| s == "Paused");
    assert_eq!(status, "Paused", "window log:\n{}", log());
    let identity = d
        .command("playerctl")
        .args(["--list-all"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
        .unwrap_or_default();
    assert!(identity.lines().any(|l| l == "leitmotif"), "{identity}");
    let meta = d.playerctl(&[
        "metadata",
        "--format",
        "{{title}}|{{artist}}|{{album}}|{{mpris:length}}|{{mpris:trackid}}|{{xesam:url}}",
    ]);
    let fields: Vec<&str> = meta.split('|').collect();
    assert_eq!(
        fields[..3],
        ["Moonlit Court", "Kim Ji-soo", "Moonlit Court OST Part.1"],
        "{meta}"
    );
    let length: u64 = fields[3].parse().unwrap_or(0);
    assert!(
        length.abs_diff(u64::from(TRACK_SECONDS) * 1_000_000) < 100_000,
        "length {length} µs"
    );
    // playerctl quotes object paths.
    assert!(
        fields[4]
            .trim_matches('\'')
            .starts_with("/io/github/leitmotif/Leitmotif/track/"),
        "{meta}"
    );
    assert!(
        fields[5].starts_with("file://") && fields[5].ends_with("01.flac"),
        "{meta}"
    );
    assert!((d.position() - 30.0).abs() < 0.5, "restored position {}", d.position());

    // SetPosition (absolute) and Seek (relative), while paused; each is a Seeked signal.
    d.playerctl(&["position", "100"]);
    let moved = d.until(&["position"], 10, |p| {
        p.parse::<f64>().is_ok_and(|p| (p - 100.0).abs() < 0.5)
    });
    assert!(
        moved.parse::<f64>().is_ok_and(|p| (p - 100.0).abs() < 0.5),
        "position {moved}"
    );
    d.playerctl(&["position", "10-"]);
    let back = d.until(&["position"], 10, |p| {
        p.parse::<f64>().is_ok_and(|p| (p - 90.0).abs() < 0.5)
    });
    assert!(
        back.parse::<f64>().is_ok_and(|p| (p - 90.0).abs() < 0.5),
        "position {back}"
    );
    let deadline = Instant::now() + Duration::from_secs(5);
    while std::fs::read_to_string(&d.monitor_log)
        .unwrap_or_default()
        .matches("member=Seeked")
        .count()
        < 2
        && Instant::now() < deadline
    {
        std::thread::sleep(Duration::from_millis(100));
    }
    let signals = std::fs::read_to_string(&d.monitor_log).unwrap_or_default();
    assert!(
        signals.matches("member=Seeked").count() >= 2,
        "Seeked signals:\n{signals}"
    );

    // Next: the second track, still paused.
    d.playerctl(&["next"]);
    let title = d.until(&["metadata", "title"], 10, |t| t == "Moonlit Court (Inst.)");
    assert_eq!(title, "Moonlit Court (Inst.)");
    assert_eq!(d.playerctl(&["status"]), "Paused");

    // Volume, shuffle and loop go both ways.
    d.playerctl(&["volume", "0.4"]);
    let volume = d.until(&["volume"], 10, |v| {
        v.parse::<f64>().is_ok_and(|v| (v - 0.4).abs() < 0.01)
    });
    assert!(
        volume.parse::<f64>().is_ok_and(|v| (v - 0.4).abs() < 0.01),
        "volume {volume}"
    );
    d.playerctl(&["loop", "Playlist"]);
    assert_eq!(d.until(&["loop"], 10, |l| l == "Playlist"), "Playlist");
    d.playerctl(&["shuffle", "On"]);
    assert_eq!(d.until(&["shuffle"], 10, |s| s == "On"), "On");
    d.playerctl(&["shuffle", "Off"]);
    assert_eq!(d.until(&["shuffle"], 10, |s| s == "Off"), "Off");

    // play-pause plays, and the position moves on; play-pause again pauses.
    let before = d.position();
    d.playerctl(&["play-pause"]);
    assert_eq!(d.until(&["status"], 10, |s| s == "Playing"), "Playing");
    let advanced = d.until(&["position"], 10, |p| p.parse::<f64>().is_ok_and(|p| p > before + 0.5));
    assert!(
        advanced.parse::<f64>().is_ok_and(|p| p > before + 0.5),
        "{before} → {advanced}"
    );
    d.playerctl(&["play-pause"]);
    assert_eq!(d.until(&["status"], 10, |s| s == "Paused"), "Paused");

    // Stop, then play starts the track over.
    d.playerctl(&["stop"]);
    assert_eq!(d.until(&["status"], 10, |s| s == "Stopped"), "Stopped");
    d.playerctl(&["play"]);
    assert_eq!(d.until(&["status"], 10, |s| s == "Playing"), "Playing", "{}", log());
    assert_eq!(d.playerctl(&["metadata", "title"]), "Moonlit Court (Inst.)");
}
