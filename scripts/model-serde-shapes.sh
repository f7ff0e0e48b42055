#!/usr/bin/env bash
# The three shapes of the models' serde code side by side (issue #14, BENCHMARKS.md):
# written out in full, serde's derive, and one `model_serde!` call per struct. For each:
# lines emitted, generation time (release-built generator, spec in, files out), the
# crate's compile time alone (debug and release, non-incremental), and decode throughput
# (the decode bench, run against the SDK generated in that shape).
#
# Timings take turns between the shapes, so drift in the machine's speed hits all alike.
# The decode bench needs the shape in `generated/`: the script regenerates it there in
# each shape in turn and puts the settings' shape back when it ends, even on failure.
# Usage: scripts/model-serde-shapes.sh [runs]   (default 3; medians per shape)
set -euo pipefail
# Failures inside `$(...)` (every timed step below) stop the script too.
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3}
((runs >= 1)) || { echo "runs must be at least 1" >&2; exit 1; }
shapes=(written-out derive macro)
work=target/model-serde-shapes
mkdir -p "$work"

cargo build --quiet --release -p xtask
generator=target/release/xtask
restore() { "$generator" codegen >/dev/null; }
trap restore EXIT

seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { sort -n | sed -n "$(((runs + 1) / 2))p"; }
declare -A results

# Generation, and the crates to compile.
for run in $(seq "$runs"); do
    for shape in "${shapes[@]}"; do
        start=$(date +%s.%N)
        "$generator" codegen --out "$work/$shape" --model-serde "$shape" >/dev/null
        results[gen_$shape]+="$(seconds "$start" "$(date +%s.%N)") "
    done
done
for shape in "${shapes[@]}"; do
    results[lines_$shape]=$(cat "$work/$shape"/src/*.rs "$work/$shape"/src/runtime/*.rs | wc -l)
    results[types_$shape]=$(wc -l <"$work/$shape/src/types.rs")
done

# Compile time, each crate alone, its dependencies built first.
export CARGO_TARGET_DIR=$PWD/$work/target
for profile in dev release; do
    for shape in "${shapes[@]}"; do
        cargo build --quiet --manifest-path "$work/$shape/Cargo.toml" --profile "$profile"
    done
    for run in $(seq "$runs"); do
        for shape in "${shapes[@]}"; do
            touch "$work/$shape/src/lib.rs"
            start=$(date +%s.%N)
            CARGO_INCREMENTAL=0 cargo build --quiet --manifest-path "$work/$shape/Cargo.toml" \
                --profile "$profile"
            results[${profile}_$shape]+="$(seconds "$start" "$(date +%s.%N)") "
        done
    done
done
unset CARGO_TARGET_DIR

# Decode throughput: the bench against each shape in `generated/`.
for shape in "${shapes[@]}"; do
    "$generator" codegen --model-serde "$shape" >/dev/null
    out=$(cargo bench --quiet -p integration-tests --bench decode 2>/dev/null)
    results[value_$shape]=$(awk '/^typed \/ Value/ { print $(NF - 1) }' <<<"$out")
    results[hand_$shape]=$(awk '/^typed \/ hand-written/ { print $(NF - 1) }' <<<"$out")
done

printf '%-12s %8s %8s %10s %10s %10s %12s %12s\n' shape lines types.rs "gen (s)" \
    "debug (s)" "release (s)" "dec/Value" "dec/hand"
for shape in "${shapes[@]}"; do
    m() { tr ' ' '\n' <<<"${results[$1]}" | grep . | median; }
    printf '%-12s %8s %8s %10s %10s %10s %12s %12s\n' "$shape" "${results[lines_$shape]}" \
        "${results[types_$shape]}" "$(m "gen_$shape")" "$(m "dev_$shape")" \
        "$(m "release_$shape")" "${results[value_$shape]}x" "${results[hand_$shape]}x"
done
echo "(medians of $runs alternating runs; decode: one bench run per shape, itself a median of 41)"
