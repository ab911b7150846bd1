#!/usr/bin/env bash
# Whole-process CPU seconds (user + sys) of `leitmotif play` on a 60 s FLAC against
# mpv on the same file, in the same run. Needs ffmpeg, mpv and a release build.
# leitmotif goes to ALSA's file plugin (tests/fixtures/asound-capture.conf), which
# consumes audio as fast as it comes: no sound card needed, no clock.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-3}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
ffmpeg -loglevel error -f lavfi -i "sine=frequency=440:duration=60:sample_rate=44100" -ac 2 "$work/a.flac"
cargo build --release --quiet
export LEITMOTIF_AUDIO=alsa
export ALSA_CONFIG_PATH="/usr/share/alsa/alsa.conf:$PWD/tests/fixtures/asound-capture.conf"
cpu() { # label, command...
    local label=$1; shift
    /usr/bin/time -f "%U %S %e" -o "$work/t" "$@" >/dev/null 2>&1
    awk -v l="$label" '{ printf "%-46s cpu %.2f s  wall %.2f s\n", l, $1 + $2, $3 }' "$work/t"
}
for _ in $(seq "$runs"); do
    cpu "leitmotif play (ALSA file plugin, unclocked)" target/release/leitmotif play "$work/a.flac"
    cpu "mpv --ao=null --ao-null-untimed" mpv --no-config --no-video --ao=null --ao-null-untimed "$work/a.flac"
    cpu "mpv --ao=alsa --audio-format=float (same path)" mpv --no-config --no-video --ao=alsa --audio-format=float "$work/a.flac"
done
if [ "${TIMED:-0}" = 1 ]; then
    cpu "mpv --ao=null (real time, 60 s)" mpv --no-config --no-video --ao=null "$work/a.flac"
fi
