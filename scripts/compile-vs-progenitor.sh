#!/usr/bin/env bash
# Compile time of this generator's crate against progenitor 0.15.1's output for the same
# spec, built back to back on the same machine: both as standalone crates in one target
# directory, same profile, dependencies built first, then each crate alone (touch + build,
# non-incremental), alternating so that a change in the machine's speed hits both. Debug
# (cargo's default dev profile) first, then release.
#
# Needs `cargo-progenitor` 0.15.1:
#   cargo install cargo-progenitor --version 0.15.1      (about 9 minutes on 2 cores)
# Usage: scripts/compile-vs-progenitor.sh [runs]  (default 5; prints each run, the medians
# and their ratio, per profile)
# PROGENITOR=/path/to/cargo-progenitor overrides the binary.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=$(runs_arg 5 "${1:-}")
require_progenitor
work=target/compile-vs-progenitor
rm -rf "$work/ours" "$work/progenitor"
mkdir -p "$work"
# Ours, generated afresh from the spec as a standalone crate (outside `generated/`, the
# generator writes one with its own `[workspace]`).
cargo xtask codegen --out "$work/ours" >/dev/null
export CARGO_TARGET_DIR=$PWD/$work/target CARGO_INCREMENTAL=0

# progenitor cannot take the spec as given: scripts/spec-for-progenitor.sh makes its two edits.
scripts/spec-for-progenitor.sh spec/hookdeck-connections-api-openapi.yml >"$work/spec-for-progenitor.yml"
"$progenitor" progenitor -i "$work/spec-for-progenitor.yml" -o "$work/progenitor" \
    -n hookdeck-progenitor -v 0.1.0 >/dev/null

# A standalone crate, not a member of this workspace.
printf '\n[workspace]\n' >>"$work/progenitor/Cargo.toml"

build() { cargo build --quiet --manifest-path "$work/$1/Cargo.toml" --profile "$2"; }

time_build() {
    touch "$work/$1/src/lib.rs"
    local start
    start=$(now)
    build "$1" "$2"
    seconds "$start" "$(now)" 1
}
lines() { cat "$1"/src/*.rs "$1"/src/*/*.rs 2>/dev/null | wc -l; }

echo "ours:       $(lines "$work/ours") lines"
echo "progenitor: $(lines "$work/progenitor") lines"
for profile in dev release; do
    build ours "$profile"
    build progenitor "$profile" # dependencies, once per profile
    ours=() theirs=()
    for run in $(seq "$runs"); do
        ours+=("$(time_build ours "$profile")")
        theirs+=("$(time_build progenitor "$profile")")
        echo "$profile run $run: ours ${ours[-1]} s, progenitor ${theirs[-1]} s"
    done
    ours_median=$(printf '%s\n' "${ours[@]}" | median)
    theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
    awk -v p="$profile" -v o="$ours_median" -v t="$theirs_median" -v n="$runs" \
        'BEGIN { printf "%s, crate alone, median of %d: ours %.1f s, progenitor %.1f s: ours takes %.2fx progenitor'"'"'s time\n", p, n, o, t, o / t }'
done
