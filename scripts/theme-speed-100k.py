#!/usr/bin/env python3
"""The theme finder over a whole 100,000-track library (`themes find --all`): every
track aligned (there is no index to choose candidates; see docs/BENCHMARKS.md).

The library: benches/library_load.rs's synthetic 100k tracks, each given three
minutes of melody frames of its own kind (random stepwise tunes over chords, 2,000
distinct ones, as "other music"), plus the real tracks of the test set
(`scripts/theme-testset.py`, TESTSET_DIR) and the 500-track series of
`scripts/theme-speed.py` (its work dir), with their measurements. A theme statement
of the test set is searched for in the whole library, three runs; beside it, the same
search in a library of only the real tracks (522).

    TESTSET_DIR=/tmp/ts scripts/theme-speed-100k.py [path/to/leitmotif] [theme-speed work dir]
"""
import json
import os
import random
import shutil
import sqlite3
import subprocess
import sys
import time

BIN = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/leitmotif")
SPEED = sys.argv[2] if len(sys.argv) > 2 else "/tmp/leitmotif-theme-speed"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DB100K = os.path.join(ROOT, "target/launch-bench/library-100000.db")


def env_for(home):
    return dict(os.environ, XDG_DATA_HOME=f"{home}/data", XDG_CONFIG_HOME=f"{home}/config",
                XDG_CACHE_HOME=f"{home}/cache")


def run(home, *args):
    return subprocess.run([BIN, *args], env=env_for(home), check=True, capture_output=True, text=True).stdout


def other_music(rng):
    """Three minutes of melody frames (10 a second, 6 bytes each): a stepwise tune
    over a chord that changes every two seconds, as the pass stores them."""
    scale = [0, 2, 4, 5, 7, 9, 11]
    key = rng.randrange(12)
    out = bytearray()
    degree, left, chord = rng.randrange(7), 0, []
    for f in range(1800):
        if f % 20 == 0:
            root = rng.choice([0, 3, 4, 5])
            chord = [(key + scale[(root + k) % 7]) % 12 for k in (0, 2, 4)]
        if left == 0:
            degree = max(0, min(13, degree + rng.choice([-2, -1, -1, 1, 1, 2, 0])))
            left = rng.choice([2, 3, 4, 5, 6, 8])
        left -= 1
        frame = [0] * 12
        for c in chord:
            frame[c] = rng.randrange(6, 11)
        frame[(key + scale[degree % 7]) % 12] = 15
        for _ in range(2):
            k = rng.randrange(12)
            frame[k] = max(frame[k], rng.randrange(0, 5))
        out += bytes((frame[2 * i] << 4) | frame[2 * i + 1] for i in range(6))
    return bytes(out)


def copy_measures(db, sources):
    con = sqlite3.connect(db)
    for src in sources:
        con.execute("ATTACH ? AS src", (src,))
        for table in ("analysis", "analysis_shape"):
            con.execute(f"INSERT OR REPLACE INTO {table} SELECT * FROM src.{table}")
        con.commit()
        con.execute("DETACH src")
    con.execute("UPDATE files SET available = 1")
    con.execute("UPDATE roots SET available = 1")
    con.commit()
    con.close()


def matches(home, path, start, end):
    t = time.monotonic()
    out = run(home, "themes", "find", path, "--from", f"{start:.2f}", "--to", f"{end:.2f}", "--all", "--json")
    took = time.monotonic() - t
    return took, [json.loads(l) for l in out.splitlines() if l.strip()]


def main():
    testset = os.environ.get("TESTSET_DIR")
    if not testset or not os.path.exists(os.path.join(testset, "truth.json")):
        sys.exit("theme-speed-100k: run scripts/theme-testset.py with TESTSET_DIR set first")
    if not os.path.isdir(os.path.join(SPEED, "music", "Long")):
        sys.exit("theme-speed-100k: run scripts/theme-speed.py first (its work dir is the second argument)")
    with open(os.path.join(testset, "truth.json")) as f:
        music, statements, _ = json.load(f)
    for home in (testset, SPEED):
        run(home, "series")  # brings their databases to this version
    sources = [f"{testset}/data/leitmotif/library.db", f"{SPEED}/data/leitmotif/library.db"]
    work = os.path.join(SPEED, "100k")
    shutil.rmtree(work, ignore_errors=True)
    # The real tracks alone: every one aligned.
    small = os.path.join(work, "small")
    run(small, "series")
    run(small, "scan", music)
    run(small, "scan", os.path.join(SPEED, "music", "Long"))
    copy_measures(f"{small}/data/leitmotif/library.db", sources)
    # The same among 100,000 others.
    if not os.path.exists(DB100K):
        os.makedirs(os.path.dirname(DB100K), exist_ok=True)
        subprocess.run(["cargo", "bench", "--quiet", "--bench", "library_load", "--", "100000", "--keep", DB100K + ".tmp"],
                       cwd=ROOT, check=True)
        os.rename(DB100K + ".tmp", DB100K)
    big = os.path.join(work, "big")
    os.makedirs(f"{big}/data/leitmotif")
    shutil.copy(DB100K, f"{big}/data/leitmotif/library.db")
    run(big, "series")
    run(big, "scan", music)
    run(big, "scan", os.path.join(SPEED, "music", "Long"))
    db = f"{big}/data/leitmotif/library.db"
    copy_measures(db, sources)
    rng = random.Random(17)
    tunes = [other_music(rng) for _ in range(2000)]
    con = sqlite3.connect(db)
    rows = con.execute("""SELECT f.path, t.cue_index FROM tracks t JOIN files f ON f.id = t.file_id
                          WHERE NOT EXISTS (SELECT 1 FROM analysis_shape s WHERE s.path = f.path AND s.cue_index = t.cue_index)""").fetchall()
    con.executemany("INSERT INTO analysis_shape (path, cue_index, waveform, chroma) VALUES (?, ?, zeroblob(4000), ?)",
                    ((p, c, tunes[k % len(tunes)]) for k, (p, c) in enumerate(rows)))
    con.commit()
    total = con.execute("SELECT COUNT(*) FROM tracks").fetchone()[0]
    con.close()
    print(f"library: {total} tracks ({len(rows)} synthetic)")
    for name in ("empress", "garden"):
        path, start, end = statements[name]
        took, alone = matches(small, path, start, end)
        print(f"{name}: the real tracks alone: {took:.2f} s, {len(alone)} matches")
        runs = []
        for _ in range(3):
            took, found = matches(big, path, start, end)
            runs.append(took)
        print(f"  among 100k: {', '.join(f'{r:.2f}' for r in runs)} s; {len(found)} matches")


if __name__ == "__main__":
    main()
