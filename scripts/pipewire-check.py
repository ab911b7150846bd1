#!/usr/bin/env python3
"""pipewire-check.py [--bin target/release/leitmotif] [--runs 10]

`leitmotif play` through PipeWire's pulse layer: a private dbus, pipewire, wireplumber and
pipewire-pulse in a scratch runtime folder, a null sink, what plays recorded from its
monitor with parec. Each run must exit 0 and be heard whole (a 10 s tone, to 2 ms) with no
silence over 50 ms inside; then pipewire-pulse is killed 3 s into a run and restarted,
and playback must come back within 2 s at the position it had.

Needs Debian's pipewire, wireplumber, pipewire-pulse, dbus-daemon, pulseaudio-utils and
ffmpeg. (pipewire-pulse and pulseaudio replace each other in Debian, so CI, which tests
with pulseaudio, does not run this.)
"""
import argparse
import array
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

RATE = 44100


def heard(path):
    a = array.array("h")
    with open(path, "rb") as f:
        a.frombytes(f.read())
    left = a[0::2]
    loud = [i for i, v in enumerate(left) if abs(v) > 300]
    if not loud:
        return 0.0, 0.0
    run = best = 0
    for v in left[loud[0]:loud[-1] + 1]:
        if abs(v) <= 300:
            run += 1
            best = max(best, run)
        else:
            run = 0
    return (loud[-1] - loud[0] + 1) / RATE, best / RATE


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default="target/release/leitmotif")
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    binary = os.path.abspath(args.bin)
    for tool in ("pipewire", "wireplumber", "pipewire-pulse", "dbus-daemon", "parec", "pactl", "ffmpeg"):
        if not shutil.which(tool):
            sys.exit(f"pipewire-check: {tool} is missing")
    root = tempfile.mkdtemp(prefix="pipewire-check-")
    run = os.path.join(root, "run")
    os.makedirs(run, mode=0o700)
    os.makedirs(os.path.join(root, "home"))
    env = dict(os.environ, XDG_RUNTIME_DIR=run, HOME=os.path.join(root, "home"),
               DBUS_SESSION_BUS_ADDRESS=f"unix:path={run}/bus", PULSE_SINK="check")
    env.pop("PULSE_SERVER", None)
    env.pop("LEITMOTIF_AUDIO", None)
    tone = os.path.join(root, "tone.flac")
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                    f"sine=frequency=1000:sample_rate={RATE}:duration=10", "-ac", "2", tone], check=True)
    procs = [subprocess.Popen(["dbus-daemon", "--session", "--nofork", f"--address=unix:path={run}/bus"],
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)]
    time.sleep(0.3)
    for name in ("pipewire", "wireplumber", "pipewire-pulse"):
        procs.append(subprocess.Popen([name], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
        time.sleep(0.8)
    subprocess.run(["pactl", "load-module", "module-null-sink", "sink_name=check", f"rate={RATE}"],
                   env=env, check=True, capture_output=True)
    time.sleep(0.5)
    failures = 0

    def record(path):
        out = open(path, "wb")
        rec = subprocess.Popen(["parec", "-d", "check.monitor", "--format=s16le", f"--rate={RATE}",
                                "--channels=2", "--latency-msec=20", "--raw"], env=env, stdout=out,
                               stderr=subprocess.DEVNULL)
        while os.path.getsize(path) < RATE // 5 * 4:
            time.sleep(0.02)
        return rec, out

    def stop(rec, out):
        rec.send_signal(signal.SIGINT)
        rec.wait()
        out.close()

    try:
        for i in range(args.runs):
            path = os.path.join(root, "rec.raw")
            rec, out = record(path)
            p = subprocess.run([binary, "play", tone], env=env, capture_output=True, timeout=60)
            time.sleep(0.3)
            stop(rec, out)
            length, gap = heard(path)
            ok = p.returncode == 0 and abs(length - 10.0) <= 0.002 and gap < 0.05
            failures += not ok
            print(f"play {i + 1}: exit {p.returncode}, heard {length:.4f} s, longest silence {gap * 1000:.1f} ms"
                  f"{'' if ok else '  FAIL ' + p.stderr.decode()[:200]}", flush=True)
        # The server's pulse layer killed mid-track and started again.
        p = subprocess.Popen([binary, "play", "--json", tone], env=env, stdout=subprocess.PIPE,
                             stderr=subprocess.PIPE)
        time.sleep(3)
        subprocess.run(["pkill", "-9", "-x", "pipewire-pulse"])
        time.sleep(0.5)
        procs.append(subprocess.Popen(["pipewire-pulse"], env=env, stdout=subprocess.DEVNULL,
                                      stderr=subprocess.DEVNULL))
        outp, _ = p.communicate(timeout=60)
        events = [json.loads(l) for l in outp.decode().splitlines()]
        lost = next((e for e in events if e["event"] == "device_lost"), None)
        restored = next((e for e in events if e["event"] == "device_restored"), None)
        before = [e["position"] for e in events if e["event"] == "position" and lost and e["t"] < lost["t"]]
        after = [e["position"] for e in events if e["event"] == "position" and restored and e["t"] > restored["t"]]
        ok = p.returncode == 0 and lost and restored and before and after and abs(after[0] - before[-1]) < 0.6
        failures += not ok
        print(f"restart: exit {p.returncode}, lost at {before[-1] if before else '?'} s, "
              f"resumed at {after[0] if after else '?'} s, restored {(restored['t'] - lost['t']) if ok else float('nan'):.2f} s "
              f"after the loss{'' if ok else '  FAIL'}")
    finally:
        for proc in reversed(procs):
            proc.terminate()
        for proc in procs:
            proc.wait()
        shutil.rmtree(root, ignore_errors=True)
    print(f"pipewire-check: {failures} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
