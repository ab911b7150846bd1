#!/usr/bin/env python3
"""pulse-bench.py [--bin target/release/leitmotif] [--runs 10] [--idle 20]

Launch to first sound and idle CPU through a real, clocked sound server: a private
PulseAudio with a null sink, the windows under Xvfb, what plays recorded from the
sink's monitor with parec. Leitmotif's window against Audacious and mpv in the same run.

- launch to first sound: from spawning the player with a file to the first loud sample
  at the sink (the recording's length when the player was spawned marks the launch);
- idle CPU: after the file has played to the end, the player's and the server's CPU
  time over --idle seconds, in percent of one core (/proc/PID/stat), against the
  server alone before anything ran.

Needs: pulseaudio, pulseaudio-utils, xvfb, ffmpeg, audacious, mpv (Debian packages).
Prints one line per measurement and a Markdown table for docs/BENCHMARKS.md.
"""
import argparse
import array
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

RATE = 44100
TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except OSError:
        return 0.0


def tree_cpu(pid):
    """CPU seconds of a process and its children (Audacious and mpv spawn helpers)."""
    total = cpu_seconds(pid)
    try:
        for child in open(f"/proc/{pid}/task/{pid}/children").read().split():
            total += tree_cpu(int(child))
    except OSError:
        pass
    return total


class Server:
    def __init__(self, root):
        self.root = root
        self.env = dict(os.environ)
        run = os.path.join(root, "run")
        os.makedirs(run, mode=0o700, exist_ok=True)
        os.makedirs(os.path.join(root, "home"), exist_ok=True)
        self.env.update({
            "XDG_RUNTIME_DIR": run,
            "HOME": os.path.join(root, "home"),
            "PULSE_SERVER": f"unix:{run}/pulse/native",
            "PULSE_SINK": "bench",
        })
        self.env.pop("LEITMOTIF_AUDIO", None)
        self.proc = subprocess.Popen(
            ["pulseaudio", "-n", "--daemonize=no", "--exit-idle-time=-1", "--realtime=no",
             "--high-priority=no", "--log-target=stderr", "--load=module-native-protocol-unix",
             f"--load=module-null-sink sink_name=bench rate={RATE}"],
            env=self.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        for _ in range(200):
            if subprocess.run(["pactl", "info"], env=self.env, capture_output=True).returncode == 0:
                return
            time.sleep(0.05)
        sys.exit("pulse-bench: the private PulseAudio did not start")

    def stop(self):
        self.proc.terminate()
        self.proc.wait()


class Recorder:
    def __init__(self, server, path):
        self.path = path
        self.out = open(path, "wb")
        self.proc = subprocess.Popen(
            ["parec", "-d", "bench.monitor", "--format=s16le", f"--rate={RATE}", "--channels=2",
             "--latency-msec=10", "--raw"], env=server.env, stdout=self.out, stderr=subprocess.DEVNULL)
        while os.path.getsize(path) < RATE // 5 * 4:
            time.sleep(0.01)

    def frames(self):
        return os.path.getsize(self.path) // 4

    def stop(self):
        self.proc.send_signal(signal.SIGINT)
        self.proc.wait()
        self.out.close()


def loud_frames(path, start):
    a = array.array("h")
    with open(path, "rb") as f:
        f.seek(start * 4)
        a.frombytes(f.read())
    left = a[0::2]
    first = next((i for i, v in enumerate(left) if abs(v) > 1600), None)
    if first is None:
        return None, None
    last = len(left) - 1 - next(i for i, v in enumerate(reversed(left)) if abs(v) > 1600)
    return first, last - first + 1


def players(args, file, root):
    """name -> argv builder (given a fresh home for the run)."""
    return {
        "Leitmotif (window)": lambda home: [args.bin, file],
        "Audacious 4 (window)": lambda home: ["audacious", file],
        "mpv (no window)": lambda home: ["mpv", "--no-config", "--no-video", "--ao=pulse", "--idle=yes",
                                         "--keep-open=yes", file],
    }


def run_player(server, display, argv_for, root, n, wait_end):
    home = os.path.join(root, f"home{n}-{time.monotonic_ns()}")
    for d in ("data", "config", "cache", "run"):
        os.makedirs(os.path.join(home, d), mode=0o700, exist_ok=True)
    env = dict(server.env)
    env.update({
        "DISPLAY": display, "HOME": home,
        "XDG_DATA_HOME": f"{home}/data", "XDG_CONFIG_HOME": f"{home}/config",
        "XDG_CACHE_HOME": f"{home}/cache", "XDG_RUNTIME_DIR": f"{home}/run",
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    })
    rec_path = os.path.join(root, "rec.raw")
    rec = Recorder(server, rec_path)
    launched_at = rec.frames()
    proc = subprocess.Popen(argv_for(home), env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + wait_end
    first = None
    while time.monotonic() < deadline:
        time.sleep(0.25)
        first, length = loud_frames(rec_path, launched_at)
        if first is not None and rec.frames() - launched_at - (first + length) > RATE:
            break
    return proc, rec, launched_at, first


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/leitmotif")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--idle", type=float, default=20.0)
    ap.add_argument("--only", default="", help="measure only players whose name contains this")
    args = ap.parse_args()
    args.bin = os.path.abspath(args.bin)
    for tool in ("pulseaudio", "parec", "pactl", "Xvfb", "ffmpeg"):
        if not shutil.which(tool):
            sys.exit(f"pulse-bench: {tool} is missing")
    root = tempfile.mkdtemp(prefix="pulse-bench-")
    file = os.path.join(root, "tone.flac")
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i",
                    f"sine=frequency=1000:sample_rate={RATE}:duration=3", "-ac", "2", "-af", "volume=4", file],
                   check=True)
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", "1", "-screen", "0", "1280x820x24", "-nolisten", "tcp"],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    display = ":" + xvfb.stdout.readline().decode().strip()
    server = Server(os.path.join(root, "pulse"))
    # The server alone, for its idle baseline.
    c0 = cpu_seconds(server.proc.pid)
    time.sleep(args.idle)
    server_alone = (cpu_seconds(server.proc.pid) - c0) / args.idle * 100
    print(f"server alone: {server_alone:.3f} % CPU")
    rows = []
    for name, argv_for in players(args, file, root).items():
        if args.only not in name:
            continue
        if not shutil.which(argv_for("")[0]):
            print(f"{name}: not installed, skipped")
            continue
        firsts, idle_player, idle_server = [], [], []
        for n in range(args.runs):
            proc, rec, launched_at, first = run_player(server, display, argv_for, root, n, 60)
            if first is not None:
                firsts.append(first / RATE * 1000)
            rec.stop()
            if n == 0:
                # Idle after the end: nothing plays, the player stays open, nothing records.
                p0, s0 = tree_cpu(proc.pid), cpu_seconds(server.proc.pid)
                time.sleep(args.idle)
                idle_player.append((tree_cpu(proc.pid) - p0) / args.idle * 100)
                idle_server.append((cpu_seconds(server.proc.pid) - s0) / args.idle * 100)
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
            print(f"{name} run {n + 1}: first sound {firsts[-1] if first is not None else float('nan'):.0f} ms")
        med = statistics.median(firsts) if firsts else float("nan")
        rows.append((name, med, min(firsts, default=float("nan")), max(firsts, default=float("nan")),
                     len(firsts), idle_player[0], idle_server[0]))
    server.stop()
    xvfb.terminate()
    print()
    print("| player | launch → first sound, median (min–max), runs | idle CPU: player | idle CPU: server (alone: "
          f"{server_alone:.3f} %) |")
    print("|---|---|---|---|")
    for name, med, lo, hi, n, ip, iserv in rows:
        print(f"| {name} | {med:.0f} ms ({lo:.0f}–{hi:.0f}), {n} | {ip:.3f} % | {iserv:.3f} % |")
    shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
