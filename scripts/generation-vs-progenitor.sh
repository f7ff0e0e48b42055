#!/usr/bin/env bash
# Generation time against progenitor 0.15.1 on the same API, taking turns (ours,
# progenitor, ours, ...) so that drift in the machine's speed hits both alike:
#  1. each generator as a process, release-built: our xtask reads the spec files, merges
#     them, generates, parses its output for the API listing and formats it; progenitor
#     reads the same specs already merged into one document with its two edits
#     (scripts/spec-for-progenitor.sh) and formats with prettyplease as well. Both write a
#     crate into an empty folder.
#  2. each as typed: `cargo xtask codegen` (nothing to rebuild, the checked-in crate
#     up to date, so nothing is written) against `cargo progenitor -i SPEC -o OUT ...`.
#
# Needs `cargo-progenitor` 0.15.1:
#   cargo install cargo-progenitor --version 0.15.1 --locked   (about 9 minutes on 2 cores)
# Usage: scripts/generation-vs-progenitor.sh [runs] [SPEC...]
#   runs default 11; SPEC files or folders, default every file in spec/ (part 2 runs only
#   for the default, the specs the checked-in crate is generated from).
# PROGENITOR=/path/to/cargo-progenitor overrides the binary.
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"
runs=$(runs_arg 11 "${1:-}")
shift || true
require_progenitor
specs=("$@")
work=target/generation-vs-progenitor
rm -rf "$work"
mkdir -p "$work"
cargo build --quiet --release -p xtask
cargo build --quiet -p xtask # what `cargo xtask` runs, built before it is timed
spec_for_progenitor "$work/spec-for-progenitor.json" ${specs[@]+"${specs[@]}"}

ours_process() {
    rm -rf "$work/ours"
    target/release/xtask codegen --out "$work/ours" ${specs[@]+--spec "${specs[@]}"}
}
progenitor_process() {
    rm -rf "$work/progenitor"
    "$progenitor" progenitor -i "$work/spec-for-progenitor.json" -o "$work/progenitor" \
        -n hookdeck-progenitor -v 0.1.0
}
ours="" theirs=""
for _ in $(seq "$runs"); do
    ours+="$(timed ours_process) "
    theirs+="$(timed progenitor_process) "
done
echo "generation as a process: ours $(summary "$ours"); cargo-progenitor $(summary "$theirs")"
echo "generation as a process: ours takes $(ratios "$ours" "$theirs") its time"

((${#specs[@]} == 0)) || exit 0
ours_typed() { cargo xtask codegen; }
progenitor_typed() {
    rm -rf "$work/progenitor-typed"
    cargo progenitor -i "$work/spec-for-progenitor.json" -o "$work/progenitor-typed" \
        -n hookdeck-progenitor -v 0.1.0
}
# `cargo progenitor` finds the binary on PATH as cargo-progenitor.
[[ -z ${PROGENITOR:-} ]] || export PATH="$(dirname "$(command -v "$progenitor")"):$PATH"
ours="" theirs=""
for _ in $(seq "$runs"); do
    ours+="$(timed ours_typed) "
    theirs+="$(timed progenitor_typed) "
done
echo "as typed: cargo xtask codegen (nothing to rebuild) $(summary "$ours"); cargo progenitor $(summary "$theirs")"
echo "as typed: cargo xtask codegen takes $(ratios "$ours" "$theirs") cargo progenitor's time"
