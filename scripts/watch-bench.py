#!/usr/bin/env python3
"""watch-bench.py [--tracks N] [--runs R] [--bin PATH]: how long a change under a
watched library folder takes to reach the library, with the real window running on a
library of N tracks (default 100,000) under Xvfb.

Each run copies a 20-track album in, renames its folder, then deletes it, and times
each until the library database shows it (polled every 10 ms). In the same run, the
peers: what seeing a change costs without a watcher: Leitmotif's own whole-library
incremental rescan (`leitmotif scan`, every file's size and time compared), and the
stat-walk floor (GNU find listing every file's size and time).

The library is tiny real WAV files (folders of series and albums, 20 tracks each), kept
in target/watch-bench/ between runs. Needs Xvfb (scripts/setup-system.sh test) and a
release build (cargo build --release).
"""

import argparse
import os
import shutil
import sqlite3
import statistics
import struct
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def wav(path: Path, seed: int) -> None:
    # 0.05 s of 16-bit mono at 8 kHz; the seed makes each file's size its own.
    frames = 400 + seed % 97
    data = b"".join(struct.pack("<h", ((i * (seed % 31 + 1)) % 2000) - 1000) for i in range(frames))
    head = b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt " + struct.pack(
        "<IHHIIHH", 16, 1, 1, 8000, 16000, 2, 16
    ) + b"data" + struct.pack("<I", len(data))
    path.write_bytes(head + data)


def album(folder: Path, seed: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(1, 21):
        wav(folder / f"{n:02d} Theme {n}.wav", seed * 20 + n)


def make_library(lib: Path, tracks: int) -> None:
    if (lib / ".complete").exists() and int((lib / ".complete").read_text()) == tracks:
        return
    shutil.rmtree(lib, ignore_errors=True)
    albums = tracks // 20
    for a in range(albums):
        series = f"Series {a // 5:04d}"
        album(lib / series / f"{series} OST Part {a % 5 + 1}", a)
    (lib / ".complete").write_text(str(tracks))


def env_for(home: Path, display: str) -> dict:
    env = dict(os.environ)
    env.update(
        HOME=str(home),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_CACHE_HOME=str(home / "cache"),
        DISPLAY=display,
    )
    for k in ("XDG_RUNTIME_DIR", "WAYLAND_DISPLAY", "DBUS_SESSION_BUS_ADDRESS"):
        env.pop(k, None)
    return env


def count(db: Path, like: str) -> int:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5) as c:
        return c.execute("SELECT count(*) FROM files WHERE path LIKE ?", (like,)).fetchone()[0]


def until(db: Path, test) -> float:
    start = time.monotonic()
    while time.monotonic() - start < 60:
        try:
            if test():
                return time.monotonic() - start
        except sqlite3.OperationalError:
            pass
        time.sleep(0.01)
    raise SystemExit("a change did not reach the library in 60 s")


def timed(cmd, env) -> float:
    start = time.monotonic()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.monotonic() - start


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tracks", type=int, default=100_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--bin", default=str(ROOT / "target/release/leitmotif"))
    args = ap.parse_args()
    work = ROOT / "target/watch-bench"
    lib = work / f"lib-{args.tracks}"
    print(f"making a {args.tracks}-track library in {lib} …", flush=True)
    make_library(lib, args.tracks)
    home = work / "home"
    shutil.rmtree(home, ignore_errors=True)
    home.mkdir(parents=True)
    template = work / "album-template"
    shutil.rmtree(template, ignore_errors=True)
    album(template, 999_999)

    display = ":71"
    xvfb = subprocess.Popen(["Xvfb", display, "-screen", "0", "1280x820x24", "-nolisten", "tcp"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    env = env_for(home, display)
    try:
        time.sleep(1)
        print(f"import: {timed([args.bin, 'scan', str(lib)], env):.1f} s", flush=True)
        db = home / "data/leitmotif/library.db"
        app = subprocess.Popen([args.bin], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(15)  # the first load at 100k, the catch-up scan, the watcher's start
        copied, renamed, deleted = [], [], []
        for run in range(args.runs):
            new = lib / "Series New" / f"Run {run}"
            moved = lib / "Series New" / f"Run {run} (renamed)"
            (lib / "Series New").mkdir(exist_ok=True)
            # Each timed from the moment the change is made (the copy's last file written).
            shutil.copytree(template, new)
            copied.append(until(db, lambda: count(db, f"{new}/%") == 20))
            time.sleep(1)
            os.rename(new, moved)
            renamed.append(until(db, lambda: count(db, f"{moved}/%") == 20 and count(db, f"{new}/%") == 0))
            time.sleep(1)
            shutil.rmtree(moved)
            deleted.append(until(db, lambda: count(db, f"{moved}/%") == 0))
            time.sleep(1)
            print(f"run {run}: copied {copied[-1]:.2f} s, renamed {renamed[-1]:.2f} s, "
                  f"deleted {deleted[-1]:.2f} s", flush=True)
        app.terminate()
        app.wait(timeout=30)
        shutil.rmtree(lib / "Series New", ignore_errors=True)
        rescans = [timed([args.bin, "scan", str(lib)], env) for _ in range(args.runs)]
        walks = [timed(["find", str(lib), "-type", "f", "-printf", "%s %T@\n"], env) for _ in range(args.runs)]
    finally:
        xvfb.terminate()

    def med(xs):
        return f"{statistics.median(xs):.2f} s (range {min(xs):.2f}–{max(xs):.2f})"

    print(f"\n{args.tracks} tracks, median of {args.runs}:")
    print(f"| change reaches the library (window running) | copy 20 tracks | {med(copied)} |")
    print(f"| | rename the folder | {med(renamed)} |")
    print(f"| | delete the folder | {med(deleted)} |")
    print(f"| peer: whole incremental rescan (`leitmotif scan`) | | {med(rescans)} |")
    print(f"| peer: stat-walk floor (GNU find -printf) | | {med(walks)} |")


if __name__ == "__main__":
    sys.exit(main())
