#!/usr/bin/env bash
# pulse-check.sh [PLAYS] [WINDOWS]: playback through a private PulseAudio, as in CI but with
# chosen counts (default 200 plays, 40 windows), then the same plays through ALSA's pulse
# plugin (LEITMOTIF_AUDIO=alsa) for comparison. Needs scripts/setup-system.sh test.
set -u
cd "$(dirname "$0")/.."
plays=${1:-200}
windows=${2:-40}
export PATH="$HOME/.cargo/bin:$PATH"
echo "== native PulseAudio client: $plays plays, $windows windows, device errors"
LEITMOTIF_PULSE_PLAYS=$plays LEITMOTIF_PULSE_WINDOWS=$windows \
  cargo test --release --test pulse_playback -- --nocapture 2>&1 | grep -E "plays in|failed|passed|panicked|run [0-9]+ on"
echo "== ALSA's pulse plugin: $plays plays"
LEITMOTIF_PULSE_TEST_AUDIO=alsa LEITMOTIF_PULSE_PLAYS=$plays \
  cargo test --release --test pulse_playback -- --nocapture play_exits 2>&1 | grep -E "plays in|failed|passed|run [0-9]+ on" | cut -c1-300
