#!/usr/bin/env bash
# The screenshots docs/series-names.md shows, from the real window under Xvfb at
# 1280×800, driven by keyboard: Debian's game soundtracks laid out as a fan would
# ("Game Soundtracks/<Game>", as tests/game_soundtracks.rs does) and two franchises
# made here with ffmpeg (store-style titles: three Stranger Things seasons, two Dune
# films), sound through a private PulseAudio null sink.
#   scripts/docs-screens.sh [path/to/leitmotif]
set -euo pipefail
BIN=${1:-target/release/leitmotif}
OUT=docs
for tool in Xvfb xdotool import ffmpeg pulseaudio; do command -v "$tool" >/dev/null || { echo "docs-screens: $tool is missing (scripts/setup-system.sh test)" >&2; exit 1; }; done
work=$(mktemp -d)
cleanup() { kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT
pulseaudio -n --daemonize=no --exit-idle-time=-1 --load="module-null-sink sink_name=speakers" \
  --load="module-native-protocol-unix socket=$work/pulse.sock" >/dev/null 2>&1 &
export PULSE_SERVER="unix:$work/pulse.sock"

music="$work/Music"; games="$music/Game Soundtracks"; mkdir -p "$games"
ln -s /usr/share/games/warzone2100/music "$games/Warzone 2100"
ln -s /usr/share/hyperrogue/music "$games/HyperRogue"
ln -s /usr/share/scummvm/drascula/audio "$games/Drascula"
wesnoth=$(ls -d /usr/share/games/wesnoth/*/data/core/music | sort -V | tail -1)
ln -s "$wesnoth" "$games/Battle for Wesnoth OST"
# album|artist|date|title…
while IFS='|' read -r album artist date titles; do
  dir="$music/Soundtracks/$album"; mkdir -p "$dir"; n=0
  IFS=';' read -ra list <<<"$titles"
  for t in "${list[@]}"; do
    n=$((n+1))
    ffmpeg -nostdin -loglevel error -f lavfi -i "sine=frequency=$((200 + n * 110)):duration=20" -ac 2 -c:a libopus -b:a 48k \
      -metadata title="$t" -metadata album="$album" -metadata artist="$artist" -metadata album_artist="$artist" \
      -metadata date="$date" -metadata track="$n" "$dir/$(printf %02d "$n") $t.opus"
  done
done <<'LIST'
Stranger Things, Vol. 1 (A Netflix Original Series Soundtrack)|Kyle Dixon & Michael Stein|2016|Stranger Things;Kids;Hawkins Lab;Eleven
Stranger Things 2 (A Netflix Original Series Soundtrack)|Kyle Dixon & Michael Stein|2017|Walkin' in Hawkins;Home;The Upside Down
Stranger Things 3 (Original Score from the Netflix Original Series)|Kyle Dixon & Michael Stein|2019|Starcourt;Hopper's Cabin;Fireworks
Dune (Original Motion Picture Soundtrack)|Hans Zimmer|2021|Dream of Arrakis;Herald of the Change;Paul's Dream
Dune: Part Two (Original Motion Picture Soundtrack)|Hans Zimmer|2024|Beginnings Are Such Delicate Times;Harvester Attack;Kiss the Ring
LIST

home="$work/home"; mkdir -p "$home/data/leitmotif"
printf 'width = 1280.0\nheight = 800.0\n' >"$home/data/leitmotif/session.toml"
env HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  "$BIN" scan "$music" >/dev/null
Xvfb :78 -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
sleep 1
export DISPLAY=:78
DISPLAY=:78 HOME="$home" XDG_DATA_HOME="$home/data" XDG_CONFIG_HOME="$home/config" XDG_CACHE_HOME="$home/cache" \
  XDG_RUNTIME_DIR= WAYLAND_DISPLAY= "$BIN" >/dev/null 2>&1 & app=$!
win=$(timeout 60 xdotool search --sync --pid "$app" | head -1)
xdotool windowmove "$win" 0 0 windowsize "$win" 1280 800 windowfocus --sync "$win"
sleep 4
key() { xdotool key --window "$win" "$@"; sleep 0.7; }
shot() { sleep 1; import -window root "$OUT/$1.png"; echo "$OUT/$1.png"; }
# A series by name: search a track of it, its menu (Menu key), "Go to series" (the
# entry above the last), then the page from its top.
series() {
  key ctrl+f; key ctrl+a; xdotool type --delay 40 "$1"; sleep 1
  key Down Menu; key Down Down Down Down Down Down Down Down Down Down Down; key Up Return; sleep 1
}
key ctrl+1; shot screenshot-franchises
series "Hawkins Lab"; shot screenshot-franchise-page
series "Traveling Minstrels"; shot screenshot-series-wesnoth
series "Aftermath"; shot screenshot-series-warzone
series "Drascula"
# "Fix grouping…" is a button on the page: found on screen by its place under the title.
if [ -n "${FIX_AT:-}" ]; then xdotool mousemove ${FIX_AT/,/ } click 1; sleep 1; fi
shot screenshot-fix-grouping
