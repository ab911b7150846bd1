#!/usr/bin/env python3
"""analysis-bench.py LIBRARY [--runs N] [--bin target/release/leitmotif]

Loudness analysis of a whole library, warm cache, in one run:
- Leitmotif's pass (`leitmotif analyze`: EBU R128 loudness, range, true peak, album
  loudness, plus the waveform and chroma loudgain does not make), on every core;
- loudgain (Debian; libebur128 + ffmpeg), one process per album folder in album mode
  without writing tags (`loudgain -q -a -k -s s`), as users run it: one album after
  another, and two at a time (xargs -P2) for a fair use of two cores.
Prints the median wall time of each and the ratio."""
import argparse, os, statistics, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AUDIO = {".flac", ".mp3", ".ogg", ".opus", ".m4a", ".wav"}


def albums(lib):
    out = []
    for d, _, files in os.walk(lib):
        audio = sorted(os.path.join(d, f) for f in files if os.path.splitext(f)[1].lower() in AUDIO)
        if audio:
            out.append(audio)
    return out


def timed(cmd, **kw):
    t = time.monotonic()
    subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **kw)
    return time.monotonic() - t


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("library")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--bin", default=str(ROOT / "target/release/leitmotif"))
    a = ap.parse_args()
    lib = Path(a.library).resolve()
    groups = albums(lib)
    files = sum(len(g) for g in groups)
    # Warm the page cache: every file read once.
    for g in groups:
        for f in g:
            with open(f, "rb") as fh:
                while fh.read(1 << 20):
                    pass

    ours, theirs, theirs2 = [], [], []
    decoded = None
    for run in range(a.runs):
        with tempfile.TemporaryDirectory() as home:
            env = dict(os.environ, XDG_DATA_HOME=f"{home}/d", XDG_CONFIG_HOME=f"{home}/c", XDG_CACHE_HOME=f"{home}/k")
            subprocess.run([a.bin, "scan", str(lib)], env=env, check=True, capture_output=True)
            t = time.monotonic()
            out = subprocess.run([a.bin, "analyze", "--json"], env=env, check=True, capture_output=True, text=True)
            ours.append(time.monotonic() - t)
            decoded = out.stdout.strip()
        t = time.monotonic()
        for g in groups:
            subprocess.run(["loudgain", "-q", "-a", "-k", "-s", "s", *g], stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL)
        theirs.append(time.monotonic() - t)
        # Two albums at a time.
        t = time.monotonic()
        procs = []
        pending = list(groups)
        while pending or procs:
            while pending and len(procs) < 2:
                g = pending.pop(0)
                procs.append(subprocess.Popen(["loudgain", "-q", "-a", "-k", "-s", "s", *g],
                                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL))
            procs[0].wait()
            procs = [p for p in procs if p.poll() is None]
        theirs2.append(time.monotonic() - t)
        print(f"run {run + 1}: leitmotif {ours[-1]:.2f} s, loudgain {theirs[-1]:.2f} s, "
              f"loudgain ×2 {theirs2[-1]:.2f} s", file=sys.stderr)
    m = statistics.median
    print(f"library: {lib} ({len(groups)} albums, {files} audio files)")
    print(f"leitmotif analyze: {decoded}")
    print(f"| analyser | median s ({a.runs} runs) | vs Leitmotif |")
    print("|---|---:|---:|")
    print(f"| Leitmotif pass, 2 threads (loudness + waveform + chroma) | {m(ours):.2f} | 1.0× |")
    print(f"| loudgain 0.6.8, one process per album, one after another | {m(theirs):.2f} | {m(theirs) / m(ours):.1f}× slower |")
    print(f"| loudgain 0.6.8, one process per album, two at a time | {m(theirs2):.2f} | {m(theirs2) / m(ours):.1f}× slower |")


if __name__ == "__main__":
    main()
