#!/usr/bin/env bash
# launch-100k.sh [TRACKS] [BINARY...]: launch to a populated, responsive series grid and
# the window's peak memory on a synthetic library of TRACKS tracks (default 100,000;
# series of OST parts and a score, Hangul and kana titles: benches/library_load.rs),
# for each Leitmotif BINARY (default target/release/leitmotif), on Xvfb at 1280x820.
# The library database is written once per TRACKS and kept in target/launch-bench/;
# DROP_KEPT=1 forgets the kept grouping before each run (a first launch after a scan).
# Needs scripts/setup-system.sh test; builds the release binary and the bench.
set -eu
cd "$(dirname "$0")/.."
tracks=${1:-100000}; shift || true
bins=("$@"); [ ${#bins[@]} -gt 0 ] || bins=(target/release/leitmotif)
cargo build --release --quiet
db="target/launch-bench/library-$tracks.db"
if [ ! -s "$db" ]; then
  mkdir -p target/launch-bench
  cargo bench --quiet --bench library_load -- "$tracks" --keep "$db.tmp"
  mv "$db.tmp" "$db"
fi
n=50; while [ -e /tmp/.X$n-lock ]; do n=$((n+1)); done
Xvfb :$n -screen 0 1280x820x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
trap 'kill $xvfb 2>/dev/null' EXIT
for _ in $(seq 50); do [ -e /tmp/.X11-unix/X$n ] && break; sleep 0.1; done
DISPLAY=:$n python3 scripts/launch-bench.py --db "$db" --runs "${RUNS:-5}" ${DROP_KEPT:+--drop-kept} "${bins[@]}"
