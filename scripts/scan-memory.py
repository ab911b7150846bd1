#!/usr/bin/env python3
"""scan-memory.py DIR [--bin target/release/leitmotif]

Scans DIR into a private, empty library and samples the process's resident memory every
50 ms: the peak, and the memory over the run (does it grow with the files read, or stay
flat?). Used for the 100k-file figure in docs/RELIABILITY.md."""
import argparse, os, subprocess, tempfile, time


def rss_mb(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("dir")
    ap.add_argument("--bin", default="target/release/leitmotif")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=home + "/d", XDG_CONFIG_HOME=home + "/c", XDG_CACHE_HOME=home + "/k")
        start = time.time()
        p = subprocess.Popen([a.bin, "scan", a.dir], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        samples = []
        while p.poll() is None:
            r = rss_mb(p.pid)
            if r is not None:
                samples.append((time.time() - start, r))
            time.sleep(0.05)
        out = p.stdout.read()
        wall = time.time() - start
    print(out.splitlines()[1] if len(out.splitlines()) > 1 else out)
    print(f"wall {wall:.2f} s, {len(samples)} samples, peak RSS {max(r for _, r in samples):.0f} MB")
    for frac in (0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 1.0):
        t, r = samples[min(len(samples) - 1, int(len(samples) * frac))]
        print(f"  at {t:6.2f} s ({frac:4.0%} of the run): {r:6.0f} MB")


if __name__ == "__main__":
    main()
