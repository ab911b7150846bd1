#!/usr/bin/env python3
"""kill-analysis.py [--kills N] [--bin target/release/leitmotif] [--seed S]

The analysis pass under SIGKILL: `leitmotif analyze` is killed at a random instant N
times over one database. After every kill `PRAGMA integrity_check` must be ok and every
stored measurement (loudness, peaks, album values, waveform, chroma) identical to an
undisturbed run's; at the end the pass is let finish and the whole table must equal the
undisturbed one. Prints how many kills landed mid-pass; exits 1 on the first difference."""
import argparse, hashlib, os, random, shutil, signal, sqlite3, subprocess, sys, tempfile, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def rows(db):
    con = sqlite3.connect(db)
    ok = con.execute("PRAGMA integrity_check").fetchone()[0]
    got = {}
    for r in con.execute(
        "SELECT a.path, a.cue_index, a.size, a.mtime_ns, a.integrated_lufs, a.range_lu, a.true_peak, "
        "a.sample_peak, a.album_lufs, a.album_peak, a.album_tracks, a.error, s.waveform, s.chroma "
        "FROM analysis a LEFT JOIN analysis_shape s USING (path, cue_index)"):
        key = (r[0], r[1])
        shape = hashlib.sha1((r[12] or b"") + b"|" + (r[13] or b"")).hexdigest()
        got[key] = {"track": r[2:8] + (r[11], shape), "album": r[8:11]}
    con.close()
    return ok, got


def make_library(music):
    shutil.copytree(ROOT / "assets/demo", music / "demo")
    extra = music / "Long Takes OST"
    extra.mkdir(parents=True)
    for n in range(1, 25):
        out = extra / f"{n:02} Cue {n}.flac"
        subprocess.run(["ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
                        f"sine=frequency={110 * n}:duration=20", "-af", f"volume={0.05 * n:.2f}",
                        "-metadata", "album=Long Takes OST", "-metadata", f"title=Cue {n}",
                        "-metadata", f"track={n}", str(out)], check=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kills", type=int, default=50)
    ap.add_argument("--bin", default=str(ROOT / "target/release/leitmotif"))
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    work = Path(tempfile.mkdtemp(prefix="leitmotif-analysis-kills-"))
    try:
        music = work / "music"
        make_library(music)

        def env_for(name):
            home = work / name
            return dict(os.environ, XDG_DATA_HOME=str(home / "data"), XDG_CONFIG_HOME=str(home / "config"),
                        XDG_CACHE_HOME=str(home / "cache")), home / "data/leitmotif/library.db"

        # The undisturbed run.
        env, ref_db = env_for("reference")
        subprocess.run([a.bin, "scan", str(music)], env=env, check=True, capture_output=True)
        t0 = time.monotonic()
        subprocess.run([a.bin, "analyze", "--threads", "2"], env=env, check=True, capture_output=True)
        whole = time.monotonic() - t0
        ok, reference = rows(ref_db)
        assert ok == "ok" and reference, (ok, len(reference))

        env, db = env_for("killed")
        subprocess.run([a.bin, "scan", str(music)], env=env, check=True, capture_output=True)
        mid = 0
        for i in range(a.kills):
            p = subprocess.Popen([a.bin, "analyze", "--threads", "2"], env=env,
                                 stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.0, whole * 1.1))
            finished = p.poll() is not None
            if not finished:
                p.send_signal(signal.SIGKILL)
                mid += 1
            p.wait()
            ok, got = rows(db)
            if ok != "ok":
                print(f"kill {i}: integrity_check says {ok}")
                return 1
            for key, v in got.items():
                want = reference.get(key)
                if want is None or v["track"] != want["track"]:
                    print(f"kill {i}: {key} differs:\n  got  {v['track']}\n  want {want and want['track']}")
                    return 1
                if v["album"][0] is not None and v["album"] != want["album"]:
                    print(f"kill {i}: {key} album differs: {v['album']} vs {want['album']}")
                    return 1
            if finished:
                # It ended on its own: start over from nothing so later kills land mid-pass.
                con = sqlite3.connect(db)
                con.execute("DELETE FROM analysis")
                con.execute("DELETE FROM analysis_shape")
                con.commit()
                con.close()
        subprocess.run([a.bin, "analyze", "--threads", "2"], env=env, check=True, capture_output=True)
        ok, got = rows(db)
        if ok != "ok" or got != reference:
            print(f"after the last run: integrity {ok}, {len(got)} rows vs {len(reference)}, equal: {got == reference}")
            return 1
        print(f"{a.kills} runs, {mid} killed mid-pass (an undisturbed pass takes {whole:.2f} s, "
              f"{len(reference)} tracks): database intact, every stored value identical to the undisturbed run")
        return 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
