#!/usr/bin/env bash
# Short form of the fuzzing in docs/fuzzing-runs.md: each cargo-fuzz target for N
# seconds (default 30), one fuzzer process at a time, niced. Skips (exit 0) when
# cargo-fuzz or the nightly toolchain is missing; exits 1 if any target found a crash,
# timeout or OOM (the input is left in fuzz/artifacts/<target>/).
#
#   scripts/fuzz-short.sh [SECONDS] [TARGET...]     targets: cue m3u sheet lrc tags
#
# The corpora grow in a scratch folder (FUZZ_CORPUS, default a new temp folder), so
# fuzz/seeds/ stays as committed. To keep a crash as a regression test: minimise it
# (cargo +nightly fuzz tmin TARGET fuzz/artifacts/TARGET/crash-…), fix it, and copy the
# minimised input to tests/fixtures/fuzz/TARGET/ (tests/fuzz_regressions.rs replays it).
set -uo pipefail
cd "$(dirname "$0")/.."

seconds=${1:-30}
shift || true
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(cue m3u sheet lrc tags)

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz-short: cargo-fuzz not installed (cargo install cargo-fuzz); skipped"
    exit 0
fi
if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz-short: no nightly toolchain (rustup toolchain install nightly); skipped"
    exit 0
fi

corpus=${FUZZ_CORPUS:-$(mktemp -d "${TMPDIR:-/tmp}/leitmotif-fuzz.XXXXXX")}
echo "fuzz-short: ${seconds} s per target, corpora in $corpus"
nice -n 10 cargo +nightly fuzz build || exit 1

failed=()
for target in "${targets[@]}"; do
    mkdir -p "$corpus/$target" "$corpus/tmp"
    log="$corpus/$target.log"
    echo "== $target"
    # No -jobs/-workers: libFuzzer then runs exactly one fuzzing process.
    # TMPDIR: the tags target's per-process input files stay in the scratch folder.
    if TMPDIR="$corpus/tmp" nice -n 10 cargo +nightly fuzz run "$target" "$corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1 >"$log" 2>&1; then
        grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -1
    else
        failed+=("$target")
        grep -E 'ERROR: libFuzzer|panicked at|SUMMARY|Test unit written' "$log" | head -5
        echo "   full log: $log"
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz-short: failures in: ${failed[*]}"
    exit 1
fi
echo "fuzz-short: no crash, timeout or OOM"
