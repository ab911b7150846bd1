#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Leitmotif needs to build, run and test. Idempotent.
#   build:   compiler, ALSA and libopus headers
#   run:     the libraries the player and its window load at run time, and fonts
#            (Noto CJK so Korean, Japanese and Chinese titles render), and zenity: the file
#            dialog where no xdg desktop portal runs (bare X11 or Wayland sessions, i3, sway)
#   test:    ffmpeg (encodes the test audio), Xvfb + ImageMagick (a real window and its screenshot),
#            a private D-Bus session and playerctl (media controls driven as a desktop does),
#            a private PulseAudio sound server with pactl and parec (playback through a real,
#            clocked server; skipped where PipeWire's pulse server is installed instead, since
#            the two packages replace each other), and Debian's packaged game soundtracks
#            (real files no one here made, for the grouping tests)
set -euo pipefail
BUILD="gcc libc6-dev pkg-config libasound2-dev libopus-dev libpulse-dev curl ca-certificates"
RUN="libasound2 libopus0 libpulse0 libx11-6 libxcursor1 libxrandr2 libxi6 libxkbcommon-x11-0 libvulkan1 mesa-vulkan-drivers libegl1 libgl1-mesa-dri fonts-dejavu-core fonts-noto-cjk zenity"
TEST="ffmpeg loudgain xvfb imagemagick xdotool bindfs desktop-file-utils appstream python3 dbus-daemon dbus-bin playerctl pulseaudio-utils"
# pulseaudio and pipewire-pulse replace each other: never swap out a desktop's sound server.
dpkg-query -W -f='${Status}' pipewire-pulse 2>/dev/null | grep -q 'ok installed' || TEST="$TEST pulseaudio"
TEST="$TEST hyperrogue-music drascula-music warzone2100-music"
# Wesnoth's music package carries its version in its name (wesnoth-1.16-music, -1.18-…).
WESNOTH=$(apt-cache pkgnames wesnoth- 2>/dev/null | grep -E '^wesnoth-1\.[0-9]+-music$' | sort -V | tail -1 || true)
[ -n "$WESNOTH" ] && TEST="$TEST $WESNOTH"
case "${1:-all}" in
  build) want="$BUILD" ;;
  run) want="$BUILD $RUN" ;;
  test) want="$BUILD $RUN $TEST" ;;
  all) want="$BUILD $RUN $TEST" ;;
  *) echo "usage: $0 [build|run|test|all]" >&2; exit 64 ;;
esac
missing=$(for p in $want; do dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed' || echo "$p"; done)
if [ -n "$missing" ]; then
  echo "setup-system: installing" $missing
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  $SUDO apt-get install -y -qq --no-install-recommends $missing
  # A fresh machine has no package lists until the update above: find Wesnoth's now.
  if [ -z "$WESNOTH" ] && [ "${1:-all}" != build ] && [ "${1:-all}" != run ]; then
    WESNOTH=$(apt-cache pkgnames wesnoth- 2>/dev/null | grep -E '^wesnoth-1\.[0-9]+-music$' | sort -V | tail -1 || true)
    [ -z "$WESNOTH" ] || $SUDO apt-get install -y -qq --no-install-recommends "$WESNOTH"
  fi
fi
if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
  echo "setup-system: installing Rust (rustup)"
  # The script sh.rustup.rs serves, from where Rust itself comes (one host to reach).
  if ! curl --proto '=https' --tlsv1.2 -sSf https://static.rust-lang.org/rustup/rustup-init.sh |
      sh -s -- -y --profile minimal --component clippy,rustfmt; then
    echo "setup-system: Rust could not be installed from static.rust-lang.org (see above);" \
      "install it from https://rustup.rs and run this again" >&2
    exit 1
  fi
fi
# Say so here, not as "cargo: command not found" in the next command.
if ! command -v cargo >/dev/null 2>&1 && [ ! -x "$HOME/.cargo/bin/cargo" ]; then
  echo "setup-system: Rust could not be installed (see above); nothing else is missing" >&2
  exit 1
fi
echo "setup-system: ready"
