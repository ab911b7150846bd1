#!/usr/bin/env bash
# analysis-incremental.sh [RUNS]: the analysis pass on a 100,000-track library that is
# already measured, after one album is added — what a person waits for after buying an
# album. The library is benches/library_load.rs's synthetic one (its files don't exist,
# so their measurements are written straight into the database, and they are kept
# "available" after the scan that adds the album, as if the folder were plugged in).
# Added: a K-drama OST part (a song and its Inst., 3:30 each) and, separately, a 12-track
# score album of 3:00 tracks; FLAC made with ffmpeg. Times `leitmotif analyze` (release).
# Those are tones, whose peaks are found in the first second; ALBUM=DIR adds a real
# album of your own as a third case (docs/BENCHMARKS.md used Wesnoth's score, from
# Debian's wesnoth-music, as FLAC).
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
# LEITMOTIF=PATH times another build (an older one, to compare in the same run).
bin=${LEITMOTIF:-$PWD/target/release/leitmotif}
[ -n "${LEITMOTIF:-}" ] || cargo build --release --quiet
db100k=target/launch-bench/library-100000.db
if [ ! -s "$db100k" ]; then
  mkdir -p target/launch-bench
  cargo bench --quiet --bench library_load -- 100000 --keep "$db100k.tmp"
  mv "$db100k.tmp" "$db100k"
fi
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mk_album() { # DIR TRACKS SECONDS
  mkdir -p "$1"
  for n in $(seq "$2"); do
    ffmpeg -nostdin -hide_banner -loglevel error -f lavfi -i "sine=frequency=$((200 + 40 * n)):duration=$3" \
      -af "volume=0.$((n % 9 + 1))" -ac 2 -metadata album="$(basename "$1")" -metadata track="$n" \
      -metadata title="Cue $n" "$1/$(printf %02d "$n") Cue $n.flac"
  done
}
mk_album "$work/music/Moonrise OST Part.3" 2 210
mk_album "$work/music/Moonrise (Original Score)" 12 180
measure() { # ALBUM_DIR
  local home=$work/home
  rm -rf "$home"; mkdir -p "$home/data/leitmotif"
  cp "$db100k" "$home/data/leitmotif/library.db"
  export XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_CACHE_HOME=$home/cache
  # Every synthetic track measured, its album with it (album values over its tracks).
  "$bin" series >/dev/null   # opens (and migrates) the database
  python3 - "$home/data/leitmotif/library.db" <<'EOF'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
# The last column, the features' version: newer than any, so none is measured again.
con.execute("""INSERT OR REPLACE INTO analysis
  SELECT f.path, t.cue_index, f.size, f.mtime_ns, -14.0, 6.0, 0.9, 0.89, -14.2, 0.95,
         COUNT(*) OVER (PARTITION BY t.album), NULL, 99
  FROM tracks t JOIN files f ON f.id = t.file_id""")
con.execute("""INSERT OR REPLACE INTO analysis_shape (path, cue_index, waveform, chroma)
  SELECT path, cue_index, zeroblob(4000), zeroblob(10800) FROM analysis""")
con.commit()
EOF
  "$bin" scan "$1" >/dev/null
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute('UPDATE files SET available=1'); c.execute('UPDATE roots SET available=1'); c.commit()" \
    "$home/data/leitmotif/library.db"
  # The setup wrote ~1.5 GB of measurements: flushed first, so the disk's writeback of
  # them is not timed with the pass; and the cache warmed with what the pass reads (this
  # sandbox keeps only ~1 GB of page cache, so the writes pushed the rest out).
  sync
  cat "$1"/* >/dev/null
  python3 -c "import sqlite3,sys; c=sqlite3.connect(sys.argv[1])
for t in ('tracks', 'files', 'roots', 'analysis', 'model_cache'): c.execute('SELECT * FROM ' + t).fetchall()" \
    "$home/data/leitmotif/library.db"
  # What a person at the command line waits for: the whole process, start to exit
  # (analyze's own "seconds" leave out the process's start and end).
  local t0 t1
  t0=$(date +%s.%N)
  local out; out=$("$bin" analyze --json)
  t1=$(date +%s.%N)
  echo "$out, process $(python3 -c "print(f'{$t1 - $t0:.3f}')") s"
}
if [ -n "${ALBUM:-}" ]; then cp -r "$ALBUM" "$work/music/"; fi
for album in "Moonrise OST Part.3" "Moonrise (Original Score)" ${ALBUM:+"$(basename "$ALBUM")"}; do
  for r in $(seq "$runs"); do
    echo "$album, run $r: $(measure "$work/music/$album")"
  done
done
# Nothing added: the cost of finding that nothing is new.
for r in $(seq "$runs"); do
  home=$work/home
  echo "nothing new, run $r: $(XDG_DATA_HOME=$home/data XDG_CONFIG_HOME=$home/config XDG_CACHE_HOME=$home/cache "$bin" analyze --json)"
done
