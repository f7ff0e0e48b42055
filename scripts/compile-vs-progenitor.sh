#!/usr/bin/env bash
# Compile time of this generator's crate against progenitor 0.15.1's output for the same
# API, built back to back on the same machine: both as standalone crates in one target
# directory, same profile, default features, dependencies built first, then each crate
# alone (touch + build, non-incremental), taking turns (ours, progenitor, ours, ...) so
# that a change in the machine's speed hits both. Debug (cargo's default dev profile)
# first, then release. progenitor reads the specs merged into one document with its two
# edits (scripts/spec-for-progenitor.sh).
#
# Needs `cargo-progenitor` 0.15.1:
#   cargo install cargo-progenitor --version 0.15.1 --locked   (about 9 minutes on 2 cores)
# Usage: scripts/compile-vs-progenitor.sh [runs] [SPEC...]
#   runs default 5; SPEC files or folders, default every file in spec/. Prints each run,
#   the medians with their spread, and the ratio of each run's pair, per profile.
# PROGENITOR=/path/to/cargo-progenitor overrides the binary.
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"
runs=$(runs_arg 5 "${1:-}")
shift || true
require_progenitor
specs=("$@")
work=target/compile-vs-progenitor
rm -rf "$work/ours" "$work/progenitor"
mkdir -p "$work"
# Ours, generated afresh as a standalone crate (outside `generated/`, the generator writes
# one with its own `[workspace]`).
cargo xtask codegen --out "$work/ours" ${specs[@]+--spec "${specs[@]}"} >/dev/null
spec_for_progenitor "$work/spec-for-progenitor.json" ${specs[@]+"${specs[@]}"}
"$progenitor" progenitor -i "$work/spec-for-progenitor.json" -o "$work/progenitor" \
    -n hookdeck-progenitor -v 0.1.0 >/dev/null
# A standalone crate, not a member of this workspace.
printf '\n[workspace]\n' >>"$work/progenitor/Cargo.toml"
export CARGO_TARGET_DIR=$PWD/$work/target CARGO_INCREMENTAL=0

build() { cargo build --quiet --manifest-path "$work/$1/Cargo.toml" --profile "$2"; }
time_build() {
    touch "$work/$1/src/lib.rs"
    timed build "$1" "$2"
}

echo "ours:       $(crate_lines "$work/ours") lines"
echo "progenitor: $(crate_lines "$work/progenitor") lines"
for profile in dev release; do
    build ours "$profile"
    build progenitor "$profile" # dependencies, once per profile
    ours="" theirs=""
    for run in $(seq "$runs"); do
        o=$(time_build ours "$profile")
        t=$(time_build progenitor "$profile")
        ours+="$o " theirs+="$t "
        echo "$profile run $run: ours $o s, progenitor $t s"
    done
    echo "$profile, crate alone: ours $(summary "$ours"); progenitor $(summary "$theirs")"
    echo "$profile: ours takes $(ratios "$ours" "$theirs") progenitor's time"
done
