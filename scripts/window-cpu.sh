#!/usr/bin/env bash
# window-cpu.sh [SECONDS] [BINARY...]: whole-process CPU seconds (user + sys) while a
# 3-minute track plays for SECONDS (default 30) through a private PulseAudio null sink
# (a real, clocked output) with the window on Xvfb — for each Leitmotif BINARY
# (default target/release/leitmotif), then `mpv --no-video` and, when installed,
# Audacious's GUI on the same file and sink. Measured from /proc after a 5 s settle.
# Needs scripts/setup-system.sh test and mpv.
set -u
cd "$(dirname "$0")/.."
secs=${1:-30}; shift || true
bins=("$@"); [ ${#bins[@]} -gt 0 ] || bins=(target/release/leitmotif)
work=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
mkdir -p "$work/run" "$work/home" && chmod 700 "$work/run"
export XDG_RUNTIME_DIR="$work/run" HOME="$work/home" PULSE_RUNTIME_PATH="$work/run/pulse"
export PULSE_SERVER="unix:$work/run/pulse/native"
pulseaudio -n --daemonize=no --exit-idle-time=-1 --realtime=no --high-priority=no \
  --load=module-native-protocol-unix "--load=module-null-sink sink_name=out rate=44100" \
  >/dev/null 2>"$work/pulse.log" &
for _ in $(seq 100); do pactl info >/dev/null 2>&1 && break; sleep 0.1; done
ffmpeg -loglevel error -f lavfi -i "sine=frequency=440:duration=180:sample_rate=44100" -ac 2 \
  -metadata title="Cpu Probe" -metadata album="Probe OST" "$work/probe.flac"
n=50; while [ -e /tmp/.X$n-lock ]; do n=$((n+1)); done
Xvfb :$n -screen 0 1280x820x24 -nolisten tcp >/dev/null 2>&1 &
export DISPLAY=:$n
sleep 1
ticks=$(getconf CLK_TCK)
cpu_of() { awk -v t="$ticks" '{ printf "%.2f", ($14 + $15) / t }' "/proc/$1/stat"; }
measure() { # label, command...
    local label=$1; shift
    "$@" >/dev/null 2>&1 &
    local pid=$!
    sleep 5
    local a; a=$(cpu_of $pid)
    sleep "$secs"
    local b; b=$(cpu_of $pid)
    kill $pid 2>/dev/null; wait $pid 2>/dev/null
    printf "%-44s %5.2f CPU-s in %s s\n" "$label" "$(echo "$b - $a" | bc)" "$secs"
}
for bin in "${bins[@]}"; do
    d="$work/data-$(basename "$bin")"
    measure "leitmotif window ($bin)" env XDG_DATA_HOME="$d/d" XDG_CONFIG_HOME="$d/c" \
      XDG_CACHE_HOME="$d/k" "$bin" "$work/probe.flac"
done
measure "mpv --no-video" mpv --no-config --no-video --ao=pulse "$work/probe.flac"
if command -v audacious >/dev/null; then
    measure "audacious (GUI)" audacious "$work/probe.flac"
else
    echo "audacious: not installed (apt-get install audacious to compare)"
fi
