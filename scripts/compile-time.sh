#!/usr/bin/env bash
# Compile time of the generated crate alone, its dependencies already built: debug and
# release, each as a full (non-incremental) build of just `hookdeck`.
# Usage: scripts/compile-time.sh [runs]   (prints the median of the runs, default 3)
set -euo pipefail
# Failures inside `$(...)` (every build below) stop the script too.
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/.."
runs=${1:-3}
((runs >= 1)) || { echo "runs must be at least 1" >&2; exit 1; }
export CARGO_INCREMENTAL=0

measure() {
    local times=()
    for _ in $(seq "$runs"); do
        touch generated/src/lib.rs
        local start end
        start=$(date +%s.%N)
        cargo build -p hookdeck "$@" --quiet
        end=$(date +%s.%N)
        times+=("$(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }')")
    done
    printf '%s\n' "${times[@]}" | sort -n | sed -n "$(( (runs + 1) / 2 ))p"
}

# Dependencies first, outside the timings.
cargo build -p hookdeck --quiet
cargo build -p hookdeck --release --quiet
echo "generated lines: $(cat generated/src/*.rs generated/src/runtime/*.rs | wc -l)"
echo "debug   (crate only, median of $runs): $(measure) s"
echo "release (crate only, median of $runs): $(measure --release) s"
