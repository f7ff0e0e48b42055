#!/usr/bin/env bash
# Generation time against progenitor 0.15.1 on the same spec: each generator as a process,
# release-built, spec in, crate files out, taking turns so that drift in the machine's
# speed hits both alike. Ours also parses its output for the API listing and formats it
# with prettyplease; progenitor formats with prettyplease as well.
#
# Needs `cargo-progenitor` 0.15.1:
#   cargo install cargo-progenitor --version 0.15.1      (about 9 minutes on 2 cores)
# Usage: scripts/generation-vs-progenitor.sh [runs]  (default 11; prints the medians)
# PROGENITOR=/path/to/cargo-progenitor overrides the binary.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=$(runs_arg 11 "${1:-}")
require_progenitor
work=target/generation-vs-progenitor
rm -rf "$work"
mkdir -p "$work"
cargo build --quiet --release -p xtask
# The spec with progenitor's two edits (see compile-vs-progenitor.sh).
scripts/spec-for-progenitor.sh spec/hookdeck-connections-api-openapi.yml >"$work/spec-for-progenitor.yml"

ours=() theirs=()
for run in $(seq "$runs"); do
    rm -rf "$work/ours" "$work/progenitor"
    start=$(now)
    target/release/xtask codegen --out "$work/ours" >/dev/null
    ours+=("$(seconds "$start" "$(now)")")
    start=$(now)
    "$progenitor" progenitor -i "$work/spec-for-progenitor.yml" -o "$work/progenitor" \
        -n hookdeck-progenitor -v 0.1.0 >/dev/null
    theirs+=("$(seconds "$start" "$(now)")")
done
ours_median=$(printf '%s\n' "${ours[@]}" | median)
theirs_median=$(printf '%s\n' "${theirs[@]}" | median)
awk -v o="$ours_median" -v t="$theirs_median" -v n="$runs" \
    'BEGIN { printf "generation, median of %d: ours %.3f s, cargo progenitor %.3f s: ours takes %.2fx its time\n", n, o, t, o / t }'
