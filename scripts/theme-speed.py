#!/usr/bin/env python3
"""The theme finder's speed on a 500-track series of ~3-minute tracks.

Builds the series from the test set `scripts/theme-testset.py` keeps (TESTSET_DIR): 42
tracks, each five of its cues and distractors one after another (~3 min), linked
twelve times over to 500 files in one folder (one album, one series); scans and
analyses them with Leitmotif, then times `leitmotif themes find` on a 7-second
phrase, five runs (the process's start, the library's load and the reads included).

    TESTSET_DIR=/tmp/ts scripts/theme-speed.py [path/to/leitmotif] [work dir]
"""
import json
import os
import random
import subprocess
import sys
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/leitmotif")
WORK = sys.argv[2] if len(sys.argv) > 2 else "/tmp/leitmotif-theme-speed"


def main():
    kept = os.environ.get("TESTSET_DIR")
    if not kept or not os.path.exists(os.path.join(kept, "truth.json")):
        sys.exit("theme-speed: run scripts/theme-testset.py with TESTSET_DIR set first")
    with open(os.path.join(kept, "truth.json")) as f:
        music, statements, _ = json.load(f)
    env = dict(os.environ, XDG_DATA_HOME=f"{WORK}/data", XDG_CONFIG_HOME=f"{WORK}/config", XDG_CACHE_HOME=f"{WORK}/cache")
    series = os.path.join(WORK, "music", "Long")
    if not os.path.isdir(series):
        os.makedirs(series)
        cues = sorted(f for f in os.listdir(music) if "Cue" in f or "Other" in f)
        rng = random.Random(1)
        for k in range(42):
            listing = os.path.join(WORK, f"c{k}.txt")
            with open(listing, "w") as f:
                for p in (rng.choice(cues) for _ in range(5)):
                    f.write(f"file '{os.path.join(music, p)}'\n")
            subprocess.run(["ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-f", "concat", "-safe", "0",
                            "-i", listing, "-c:a", "flac", os.path.join(WORK, f"base{k}.flac")], check=True)
        for n in range(500):
            os.link(os.path.join(WORK, f"base{n % 42}.flac"), os.path.join(series, f"{n // 42:02d}-{n % 42:02d}.flac"))
        subprocess.run([BIN, "scan", series], env=env, check=True, stdout=subprocess.DEVNULL)
        t = time.monotonic()
        subprocess.run([BIN, "analyze"], env=env, check=True, stdout=subprocess.DEVNULL)
        print(f"analysed 500 tracks in {time.monotonic() - t:.1f} s")
    query = os.path.join(series, "00-00.flac")
    runs = []
    for _ in range(5):
        t = time.monotonic()
        out = subprocess.run([BIN, "themes", "find", query, "--from", "20", "--to", "27"], env=env, check=True,
                             capture_output=True, text=True).stdout
        runs.append(time.monotonic() - t)
    print(f"themes find, 500 tracks: {', '.join(f'{r:.2f}' for r in runs)} s ({len(out.splitlines())} matches)")


if __name__ == "__main__":
    main()
