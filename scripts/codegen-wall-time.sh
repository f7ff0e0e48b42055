#!/usr/bin/env bash
# `cargo xtask codegen` as typed, in wall time: with nothing to rebuild (the median of
# `runs`), and its first run in an empty target directory (the first run on a fresh clone,
# crates already downloaded; the faster of two), for this checkout and for REV (default
# 9c41c19, before the build-time work BENCHMARKS.md describes), taking turns. Both run
# `--check` on their own specs, so nothing is written.
# Usage: scripts/codegen-wall-time.sh [runs] [REV]   (default 7 runs)
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"
runs=$(runs_arg 7 "${1:-}")
rev=${2:-9c41c19}
work=$PWD/target/codegen-wall-time
rm -rf "$work"
mkdir -p "$work"
checkout_at "$rev" "$work/old"

# codegen DIR TARGET: one `cargo xtask codegen --check` in DIR with its own target directory.
codegen() {
    local start
    start=$(date +%s.%N)
    (cd "$1" && CARGO_TARGET_DIR=$2 cargo xtask codegen --check >/dev/null)
    seconds "$start" "$(date +%s.%N)"
}
declare -A fresh warm
# Two first runs each, taking turns; the faster of the two is kept.
for _ in 1 2; do
    for checkout in old new; do
        dir=$([[ $checkout == old ]] && echo "$work/old" || echo "$PWD")
        rm -rf "$work/target-$checkout"
        fresh[$checkout]+="$(codegen "$dir" "$work/target-$checkout") "
    done
done
for checkout in old new; do
    fresh[$checkout]=$(tr ' ' '\n' <<<"${fresh[$checkout]}" | grep . | sort -n | head -1)
done
for _ in $(seq "$runs"); do
    warm[old]+="$(codegen "$work/old" "$work/target-old") "
    warm[new]+="$(codegen "$PWD" "$work/target-new") "
done
for checkout in old new; do
    label=$([[ $checkout == old ]] && echo "at $rev" || echo "now")
    echo "$label: first run on an empty target directory ${fresh[$checkout]} s; nothing to rebuild $(summary "${warm[$checkout]}")"
done
awk -v o="${fresh[old]}" -v n="${fresh[new]}" 'BEGIN { printf "first run: now takes %.2fx the time it took\n", n / o }'
echo "nothing to rebuild: now takes $(ratios "${warm[new]}" "${warm[old]}") the time it took"
