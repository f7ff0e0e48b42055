#!/usr/bin/env bash
# Compile time of this generator's crate against progenitor 0.15.1's output for the same
# spec, built back to back on the same machine: both as standalone crates in one target
# directory, same profile, dependencies built first, then each crate alone (touch + build,
# non-incremental), alternating so that a change in the machine's speed hits both.
#
# Needs `cargo-progenitor` 0.15.1:
#   cargo install cargo-progenitor --version 0.15.1      (about 9 minutes on 2 cores)
# Usage: scripts/compile-vs-progenitor.sh [runs]  (default 5; prints each run and the medians)
# PROGENITOR=/path/to/cargo-progenitor overrides the binary.
set -euo pipefail
# Failures inside `$(...)` (every timed build below) stop the script too.
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-5}
((runs >= 1)) || { echo "runs must be at least 1" >&2; exit 1; }
progenitor=${PROGENITOR:-cargo-progenitor}
command -v "$progenitor" >/dev/null || {
    echo "cargo-progenitor not found; install it: cargo install cargo-progenitor --version 0.15.1" >&2
    exit 1
}
work=target/compile-vs-progenitor
rm -rf "$work/ours" "$work/progenitor"
mkdir -p "$work"
# Ours, generated afresh from the spec as a standalone crate (outside `generated/`, the
# generator writes one with its own `[workspace]`).
cargo xtask codegen --out "$work/ours"
export CARGO_TARGET_DIR=$PWD/$work/target CARGO_INCREMENTAL=0

# progenitor cannot take the spec as given (../shared/GUIDE.md §3): it panics on enum
# values that differ only by case (drop `ASC`/`DESC` from `OrderByDirection`) and emits
# `FilterRuleProperty` twice while it is nullable at the top level (drop that line).
awk '
    /^    [A-Za-z0-9_]+:$/ { schema = $1 }
    held != "" {
        if ($0 ~ /^        - (ASC|DESC)$/) { held = ""; next }
        print held; held = ""
    }
    schema == "OrderByDirection:" && /^      - enum:$/ { held = $0; next }
    schema == "FilterRuleProperty:" && /^      nullable: true$/ { next }
    { print }
' spec/hookdeck-connections-api-openapi.yml >"$work/spec-for-progenitor.yml"
"$progenitor" progenitor -i "$work/spec-for-progenitor.yml" -o "$work/progenitor" \
    -n hookdeck-progenitor -v 0.1.0 >/dev/null

# A standalone crate, not a member of this workspace.
printf '\n[workspace]\n' >>"$work/progenitor/Cargo.toml"

build() { cargo build --quiet --manifest-path "$work/$1/Cargo.toml"; }
build ours
build progenitor # dependencies, once

time_build() {
    touch "$work/$1/src/lib.rs"
    local start end
    start=$(date +%s.%N)
    build "$1"
    end=$(date +%s.%N)
    awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}
median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }

ours=() theirs=()
for run in $(seq "$runs"); do
    ours+=("$(time_build ours)")
    theirs+=("$(time_build progenitor)")
    echo "run $run: ours ${ours[-1]} s, progenitor ${theirs[-1]} s"
done
lines() { cat "$1"/src/*.rs "$1"/src/*/*.rs 2>/dev/null | wc -l; }
ours_median=$(printf '%s\n' "${ours[@]}" | median)
theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
echo "ours:       $(lines "$work/ours") lines, debug build of the crate alone: $ours_median s (median of $runs)"
echo "progenitor: $(lines "$work/progenitor") lines, debug build of the crate alone: $theirs_median s (median of $runs)"
awk -v o="$ours_median" -v t="$theirs_median" \
    'BEGIN { printf "ours takes %.0f%% of progenitor'"'"'s time (%.0f%% faster)\n", 100 * o / t, 100 * (1 - o / t) }'
