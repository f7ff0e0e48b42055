#!/usr/bin/env bash
# Compile time of the generated crate alone, its dependencies already built: debug and
# release, each as a full (non-incremental) build of just `hookdeck`.
# Usage: scripts/compile-time.sh [runs]   (prints the median of the runs, default 3)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=$(runs_arg 3 "${1:-}")
export CARGO_INCREMENTAL=0

measure() {
    local times=()
    for _ in $(seq "$runs"); do
        touch generated/src/lib.rs
        local start
        start=$(now)
        cargo build -p hookdeck "$@" --quiet
        times+=("$(seconds "$start" "$(now)" 1)")
    done
    printf '%s\n' "${times[@]}" | median
}

# Dependencies first, outside the timings.
cargo build -p hookdeck --quiet
cargo build -p hookdeck --release --quiet
echo "generated lines: $(cat generated/src/*.rs generated/src/runtime/*.rs | wc -l)"
echo "debug   (crate only, median of $runs): $(measure) s"
echo "release (crate only, median of $runs): $(measure --release) s"
