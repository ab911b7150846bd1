#!/usr/bin/env python3
"""Launch to a populated, responsive series grid, and the window's memory, on a big library.

    scripts/launch-bench.py --db LIBRARY.db [--runs 5] [--drop-kept] BIN [BIN...]

Run inside an X server (scripts/launch-100k.sh starts Xvfb). Each run starts BIN with a
fresh XDG home holding a copy of LIBRARY.db, then watches the screen itself (XGetImage on
the root window every few milliseconds, no screenshots through other processes):
  shown      the window's first pixels on screen
  populated  the first series card drawn (the card region stops being one flat colour)
  responsive a click on "Albums" in the sidebar, sent the moment the grid is populated,
             answered on screen (the page title changes)
and reads the process's peak and settled memory (VmHWM, VmRSS) 3 s after launch.
Binaries alternate run by run so a noisy machine hurts them alike.
"""
import argparse, ctypes, os, shutil, sqlite3, statistics, subprocess, sys, tempfile, time

x = ctypes.CDLL("libX11.so.6")
x.XOpenDisplay.restype = ctypes.c_void_p
x.XOpenDisplay.argtypes = [ctypes.c_char_p]
x.XDefaultRootWindow.restype = ctypes.c_ulong
x.XDefaultRootWindow.argtypes = [ctypes.c_void_p]
x.XGetImage.restype = ctypes.c_void_p
x.XGetImage.argtypes = [ctypes.c_void_p, ctypes.c_ulong, ctypes.c_int, ctypes.c_int,
                        ctypes.c_uint, ctypes.c_uint, ctypes.c_ulong, ctypes.c_int]
x.XGetPixel.restype = ctypes.c_ulong
x.XGetPixel.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int]
x.XDestroyImage.argtypes = [ctypes.c_void_p]
ZPIXMAP, ALL_PLANES = 2, 0xFFFFFFFF
xtst = ctypes.CDLL("libXtst.so.6")
xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int, ctypes.c_ulong]
xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
x.XFlush.argtypes = [ctypes.c_void_p]


def click(d, at):
    """A left click at `at`, as the X server's test extension sends it (no process start)."""
    xtst.XTestFakeMotionEvent(d, -1, at[0], at[1], 0)
    xtst.XTestFakeButtonEvent(d, 1, 1, 0)
    xtst.XTestFakeButtonEvent(d, 1, 0, 0)
    x.XFlush(d)

# Window-relative places (the window opens at the root's origin: no window manager),
# chosen to hold with and without a notice bar above the page (no sound device here).
CARD = (252, 215, 150, 110)     # inside the first series card's cover
TITLE = (240, 105, 200, 60)     # the page title ("Series", "Albums")
ALBUMS = (80, 142)              # "Albums" in the sidebar
SIDEBAR = (100, 600, 32, 32)    # inside the sidebar, below the entries


def samples(d, root, rect, step=8):
    """Pixels on a grid over rect, or None while nothing can be read."""
    px, py, w, h = rect
    img = x.XGetImage(d, root, px, py, w, h, ALL_PLANES, ZPIXMAP)
    if not img:
        return None
    out = tuple(x.XGetPixel(img, i, j) for j in range(0, h, step) for i in range(0, w, step))
    x.XDestroyImage(img)
    return out


def status(pid, key):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith(key + ":"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def home_for(db):
    """A fresh XDG home holding a copy of `db`, kept for all of a binary's runs (its first
    launch migrates the copy and keeps its grouping, as a user's first launch would)."""
    home = tempfile.mkdtemp(prefix="launch-bench-")
    env = dict(os.environ)
    for name in ("DATA", "CONFIG", "CACHE"):
        env[f"XDG_{name}_HOME"] = os.path.join(home, name.lower())
    env["XDG_RUNTIME_DIR"] = os.path.join(home, "run")
    os.makedirs(env["XDG_RUNTIME_DIR"], mode=0o700)
    os.makedirs(os.path.join(env["XDG_DATA_HOME"], "leitmotif"))
    shutil.copy(db, os.path.join(env["XDG_DATA_HOME"], "leitmotif", "library.db"))
    return home, env


def one_run(binary, env, d, root):
    blank = samples(d, root, SIDEBAR, 16)
    start = time.monotonic()
    proc = subprocess.Popen([binary], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    shown = populated = responsive = None
    title_before = None
    deadline = start + 10
    while time.monotonic() < deadline and proc.poll() is None:
        now = time.monotonic() - start
        if shown is None and samples(d, root, SIDEBAR, 16) != blank:
            shown = now
        if shown is not None and populated is None:
            card = samples(d, root, CARD)
            if card and len(set(card)) > 2:
                populated = time.monotonic() - start
                # The frame may still be arriving (the title comes with the grid): click
                # on what has settled.
                title_before = samples(d, root, TITLE, 4)
                while (now_title := samples(d, root, TITLE, 4)) != title_before:
                    title_before = now_title
                    time.sleep(0.002)
                clicked = time.monotonic() - start
                click(d, ALBUMS)
        if populated is not None:
            if samples(d, root, TITLE, 4) != title_before:
                responsive = time.monotonic() - start - clicked
                break
        time.sleep(0.004)
    time.sleep(max(0.0, 3 - (time.monotonic() - start)))
    peak, settled = status(proc.pid, "VmHWM"), status(proc.pid, "VmRSS")
    proc.terminate()
    try:
        _, err = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        _, err = proc.communicate()
    if populated is None or responsive is None:
        sys.stderr.write(f"{binary}: never populated or never answered\n{err.decode(errors='replace')[-2000:]}\n")
    return shown, populated, responsive, peak, settled


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--db", required=True)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--drop-kept", action="store_true",
                    help="forget the kept grouping before each run: a first launch after a scan")
    ap.add_argument("bins", nargs="+")
    a = ap.parse_args()
    d = x.XOpenDisplay(None)
    if not d:
        sys.exit("launch-bench: no X display (run it through scripts/launch-100k.sh)")
    root = x.XDefaultRootWindow(d)
    results = {b: [] for b in a.bins}
    homes = {b: home_for(a.db) for b in a.bins}
    for b in a.bins:  # a first launch of each, shown but not counted (it migrates the copy)
        r = one_run(b, homes[b][1], d, root)
        print(f"first launch {b}: populated {r[1] and r[1]*1000:.0f} ms, peak {r[3]:.0f} MB", flush=True)
    for i in range(a.runs):
        for b in a.bins:
            if a.drop_kept:
                db = os.path.join(homes[b][1]["XDG_DATA_HOME"], "leitmotif", "library.db")
                with sqlite3.connect(db) as conn:
                    conn.execute("DELETE FROM model_cache")
            r = one_run(b, homes[b][1], d, root)
            results[b].append(r)
            fmt = lambda v, unit: "—" if v is None else (f"{v*1000:.0f} ms" if unit == "s" else f"{v:.0f} MB")
            print(f"run {i+1} {b}: shown {fmt(r[0],'s')}, populated {fmt(r[1],'s')}, "
                  f"answered a click in {fmt(r[2],'s')}, peak {fmt(r[3],'m')}, settled {fmt(r[4],'m')}", flush=True)
    for home, _ in homes.values():
        shutil.rmtree(home, ignore_errors=True)
    for b, rs in results.items():
        def med(k):
            vals = [r[k] for r in rs if r[k] is not None]
            return statistics.median(vals) if vals else float("nan")
        def rng(k):
            vals = [r[k] for r in rs if r[k] is not None]
            return (min(vals), max(vals)) if vals else (float("nan"),) * 2
        print(f"{b}: shown {med(0)*1000:.0f} ms, populated {med(1)*1000:.0f} ms "
              f"({rng(1)[0]*1000:.0f}–{rng(1)[1]*1000:.0f}), click answered {med(2)*1000:.0f} ms, "
              f"peak RSS {med(3):.0f} MB ({rng(3)[0]:.0f}–{rng(3)[1]:.0f}), settled {med(4):.0f} MB")


if __name__ == "__main__":
    main()
