#!/usr/bin/env python3
"""import-bench.py LIBRARY --perfkit DIR [--bin A] [--before B] [--runs N]

The library import against its peers in one run, interleaved so machine noise hits all
alike (warm page cache; median and range of N runs, wall seconds):
  - leitmotif scan into an empty library (tags, properties, covers, CUE, SQLite, model),
    for this build and, with --before, an older build;
  - leitmotif scan with nothing changed;
  - TagLib 1.13 sequential and lofty alone on 2 threads (../shared/perf baselines);
  - the stat-walk floor.
Prints a Markdown table and the ratios the issues ask for."""
import argparse, os, statistics, subprocess, tempfile, time


def timed(cmd, env=None):
    t = time.perf_counter()
    subprocess.run(cmd, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - t


def leitmotif_runs(binary, lib):
    """(import seconds, unchanged-rescan seconds) in a fresh private data folder."""
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=home + "/d", XDG_CONFIG_HOME=home + "/c", XDG_CACHE_HOME=home + "/k")
        first = timed([binary, "scan", lib], env)
        again = timed([binary, "scan", lib], env)
    return first, again


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("library")
    ap.add_argument("--perfkit", required=True)
    ap.add_argument("--bin", default="target/release/leitmotif")
    ap.add_argument("--before")
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    lib = os.path.realpath(a.library)
    kit = a.perfkit
    out = "/tmp/import-bench.tsv"
    peers = {
        "TagLib 1.13, sequential": [f"{kit}/scan_taglib", lib, "--out", out],
        "lofty alone, 2 threads": [f"{kit}/scan-rs/target/release/scan_lofty", lib, "--parallel", "--threads", "2", "--out", out],
        "stat-walk floor": [f"{kit}/scan-rs/target/release/floor", lib, "stat"],
    }
    builds = {"leitmotif (this build)": a.bin}
    if a.before:
        builds["leitmotif (before)"] = a.before
    times = {k: [] for k in list(peers) + [f"{b}: import" for b in builds] + [f"{b}: unchanged rescan" for b in builds]}
    for _ in range(a.runs):
        for name, cmd in peers.items():
            times[name].append(timed(cmd))
        for name, binary in builds.items():
            first, again = leitmotif_runs(binary, lib)
            times[f"{name}: import"].append(first)
            times[f"{name}: unchanged rescan"].append(again)
    med = {k: statistics.median(v) for k, v in times.items()}
    print(f"| what | median s | range s |\n|---|---:|---:|")
    for k, v in times.items():
        print(f"| {k} | {med[k]:.3f} | {min(v):.3f}–{max(v):.3f} |")
    for name in builds:
        imp, rescan = med[f"{name}: import"], med[f"{name}: unchanged rescan"]
        print(f"\n{name}: import = {imp / med['TagLib 1.13, sequential']:.2f}× TagLib sequential, "
              f"{imp / med['lofty alone, 2 threads']:.2f}× lofty on 2 threads; "
              f"unchanged rescan = {rescan / med['stat-walk floor']:.2f}× the stat walk")


if __name__ == "__main__":
    main()
