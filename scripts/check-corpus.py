#!/usr/bin/env python3
"""check-corpus.py LIBRARY MANIFEST.json [--bin target/release/leitmotif]

Scans a corpus made by ../shared/perf/make-library.py into a private data folder and
compares what Leitmotif read with the manifest: every good file's tags, every CUE
track, every bad file reported with a reason, and the series of every album.
Exits 1 when a good file is wrong, a bad file is not reported, or fewer than 99 % of
albums land in the manifest's series."""
import argparse, collections, json, os, subprocess, sys, tempfile, unicodedata


def nfc(s):
    return unicodedata.normalize("NFC", s) if isinstance(s, str) else s


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("library")
    ap.add_argument("manifest")
    ap.add_argument("--bin", default="target/release/leitmotif")
    a = ap.parse_args()
    root = os.path.realpath(a.library)
    m = json.load(open(a.manifest, encoding="utf-8"))
    with tempfile.TemporaryDirectory() as home:
        env = dict(os.environ, XDG_DATA_HOME=home + "/data", XDG_CONFIG_HOME=home + "/config", XDG_CACHE_HOME=home + "/cache")
        scan = json.loads(subprocess.run([a.bin, "scan", "--json", root], env=env, check=True, capture_output=True).stdout)
        lines = subprocess.run([a.bin, "tracks", "--json"], env=env, check=True, capture_output=True).stdout.splitlines()
        series_list = json.loads(subprocess.run([a.bin, "series", "--json"], env=env, check=True, capture_output=True).stdout)
    # The generator writes a bilingual show as one name, "원제 (English)"; Leitmotif reads
    # the English half as an alias of 원제. Either spelling names the same series.
    spellings = collections.defaultdict(set)
    for s in series_list:
        spellings[nfc(s["name"])].add(nfc(s["name"]))
        for alias in s.get("aliases", []):
            spellings[nfc(s["name"])].add(nfc(f'{s["name"]} ({alias})'))
    tracks = collections.defaultdict(list)
    for line in lines:
        t = json.loads(line)
        tracks[nfc(os.path.relpath(t["path"], root))].append(t)
    errors = {nfc(os.path.relpath(e["path"], root)): e["error"] for e in scan["errors"]}

    wrong = collections.Counter()
    examples = collections.defaultdict(list)
    good = 0
    album_series = {}

    def check(path, field, want, got):
        if want != got:
            wrong[field] += 1
            if len(examples[field]) < 3:
                examples[field].append((path, want, got))
            return False
        return True

    for path, exp in m["files"].items():
        path = nfc(path)
        got = tracks.get(path)
        if not got:
            check(path, "<missing>", "tracks", errors.get(path, "not found"))
            continue
        ok = path not in errors or check(path, "<error>", None, errors[path])
        if exp.get("cue"):
            cue = exp["cue"]["tracks"]
            ok &= check(path, "cue tracks", len(cue), len(got))
            for want, t in zip(cue, got):
                ok &= check(path, "cue title", nfc(want["title"]), nfc(t.get("title")))
                ok &= check(path, "cue artist", nfc(want["artist"]), nfc(t.get("artist")))
                ok &= check(path, "cue start", round(want["start"] * 75), t.get("cue_start"))
                dur = (t.get("duration_ms") or 0) / 1000
                ok &= check(path, "cue duration", True, abs(dur - want["duration"]) <= 0.15)
            t = got[0]
        else:
            ok &= check(path, "one track", 1, len(got))
            t = got[0]
            ok &= check(path, "title", nfc(exp["title"]), nfc(t.get("title")))
            ok &= check(path, "artist", nfc(exp["artist"]), nfc(t.get("artist")))
            ok &= check(path, "track", exp["track"], t.get("track"))
            ok &= check(path, "duration", True, abs((t.get("duration_ms") or -1e9) / 1000 - exp["duration"]) <= 0.15)
        ok &= check(path, "album", nfc(exp["album"]), nfc(t.get("album")))
        ok &= check(path, "albumartist", nfc(exp["albumartist"]), nfc(t.get("album_artist")))
        ok &= check(path, "disc", exp["disc"], t.get("disc") or 1)
        ok &= check(path, "year", str(exp["year"]), (t.get("date") or "")[:4])
        ok &= check(path, "grouping", nfc(exp["grouping"]), nfc(t.get("grouping")))
        # The manifest means an embedded picture; folder images are reported as paths.
        ok &= check(path, "cover", exp["has_cover"], t.get("cover") == "embedded")
        good += ok
        album_series.setdefault((nfc(exp["album"]), os.path.dirname(path)), (nfc(exp["series"]), nfc(t["series"])))

    unreported = [p for p in m["bad"] if nfc(p) not in errors]
    def same(want, got):
        return want in spellings.get(got, {got})
    albums_right = sum(1 for want, got in album_series.values() if same(want, got))
    share = albums_right / max(1, len(album_series))
    print(f"scan: {scan['tracks']} tracks, {scan['albums']} albums, {scan['series']} series, "
          f"{len(scan['errors'])} errors, {scan['seconds']:.2f} s")
    print(f"good files read correctly: {good}/{len(m['files'])}")
    for f, n in wrong.items():
        print(f"  {f}: {n} wrong, e.g. {examples[f]}")
    print(f"bad files reported with a reason: {len(m['bad']) - len(unreported)}/{len(m['bad'])}")
    for p in unreported:
        print(f"  not reported: {p} ({m['bad'][p]['bad']}: {m['bad'][p]['expect']})")
    print(f"albums in the manifest's series: {albums_right}/{len(album_series)} = {share:.2%}")
    misses = [(album, d, want, got) for (album, d), (want, got) in album_series.items() if not same(want, got)]
    for album, d, want, got in misses[:12]:
        print(f"  {album!r} in {d!r}: want {want!r}, got {got!r}")
    sys.exit(0 if good == len(m["files"]) and share >= 0.99 else 1)


if __name__ == "__main__":
    main()
