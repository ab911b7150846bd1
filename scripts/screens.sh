#!/usr/bin/env bash
# Screenshots of every screen at 720×520, 1280×800 and 1920×1080 into docs/screens/,
# taken from the real window (release or debug build) under Xvfb, driven by keyboard
# as a person would: the demo soundtrack playing through a private PulseAudio null
# sink where pulseaudio is installed (else the no-sound-device banner shows).
#   scripts/screens.sh [path/to/leitmotif]
set -euo pipefail
BIN=${1:-target/release/leitmotif}
OUT=docs/screens
mkdir -p "$OUT"
for tool in Xvfb xdotool import; do command -v "$tool" >/dev/null || { echo "screens: $tool is missing (scripts/setup-system.sh test)" >&2; exit 1; }; done
work=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
if command -v pulseaudio >/dev/null; then
  pulseaudio -n --daemonize=no --exit-idle-time=-1 --load="module-null-sink sink_name=speakers" \
    --load="module-native-protocol-unix socket=$work/pulse.sock" >/dev/null 2>&1 &
  export PULSE_SERVER="unix:$work/pulse.sock"
  sleep 1
fi
key() { xdotool key --window "$win" "$@"; sleep 0.6; }
shot() { sleep 0.8; import -window root "$OUT/$1-$size.png"; echo "$OUT/$1-$size.png"; }
for size in 720x520 1280x800 1920x1080; do
  w=${size%x*}; h=${size#*x}
  home="$work/home-$size"; mkdir -p "$home/data/leitmotif"
  printf 'width = %s.0\nheight = %s.0\n' "$w" "$h" > "$home/data/leitmotif/session.toml"
  Xvfb :77 -screen 0 "${size}x24" -nolisten tcp >/dev/null 2>&1 & xvfb=$!
  sleep 1
  DISPLAY=:77 HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
    XDG_RUNTIME_DIR= WAYLAND_DISPLAY= "$BIN" >/dev/null 2>&1 & app=$!
  export DISPLAY=:77
  win=$(timeout 60 xdotool search --sync --pid "$app" | head -1)
  xdotool windowmove "$win" 0 0 windowsize "$win" "$w" "$h" windowfocus --sync "$win"
  sleep 4
  # Something playing: All tracks, the first row.
  key ctrl+3; key Down Return; sleep 2
  key ctrl+1; shot series
  key ctrl+2; shot albums
  key ctrl+3; key Down Down; shot tracks
  key ctrl+4; shot queue
  key ctrl+5; shot playlists
  key ctrl+6; shot lyrics
  key ctrl+7; shot settings
  # A search, its first result's menu, the series page it leads to, the track's info.
  key ctrl+f; xdotool type --delay 60 "empress"; sleep 0.8; key Down; shot search
  key Menu; shot menu
  key Escape; key ctrl+i; shot info
  key Escape; key Menu
  for _ in 1 2 3 4 5 6 7; do key Down; done
  key Return; shot series-page
  key F1; shot help
  key Escape
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
  kill "$xvfb"; wait "$xvfb" 2>/dev/null || true
done
