#!/usr/bin/env bash
# Where the SDK's compile time goes for a user: the SDK crate alone, and then a crate that
# uses it as its docs show (tests/downstream: create, send, pause, stream), for the SDK as
# generated now and as generated at REV (default: 9c41c19, before the models' serde became
# `model_serde!` calls and `stream` became `#[inline]`). Decoders are generic code: they
# compile in the crate that awaits a response, so the user's crate pays for those it uses.
# Debug builds (cargo's default dev profile), each crate alone with its dependencies built,
# non-incremental, alternating between the two SDKs.
# Usage: scripts/compile-downstream.sh [runs] [REV]   (default 3 runs; prints the medians)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
runs=$(runs_arg 3 "${1:-}")
rev=${2:-9c41c19}
work=$PWD/target/compile-downstream
rm -rf "$work"
mkdir -p "$work"

# Each SDK, generated as a standalone crate, and a copy of tests/downstream that uses it.
checkout_at "$rev" "$work/old-checkout"
(cd "$work/old-checkout" && cargo xtask codegen --out "$work/old/sdk" >/dev/null)
cargo xtask codegen --out "$work/new/sdk" >/dev/null
for sdk in old new; do user_crate "$work/$sdk" tests/downstream/src/lib.rs; done

export CARGO_TARGET_DIR=$work/target CARGO_INCREMENTAL=0
build() { cargo build --quiet --manifest-path "$work/$1/Cargo.toml"; }
for sdk in old new; do build "$sdk/user"; done # dependencies, once
time_build() {
    touch "$work/$1/src/lib.rs"
    local start
    start=$(now)
    build "$1"
    seconds "$start" "$(now)" 1
}
declare -A times
for run in $(seq "$runs"); do
    for sdk in old new; do
        # The SDK alone, then the user's crate alone (the SDK's build is fresh by then).
        times[${sdk}_sdk]+="$(time_build "$sdk/sdk") "
        times[${sdk}_user]+="$(time_build "$sdk/user") "
    done
done
for sdk in old new; do
    sdk_median=$(tr ' ' '\n' <<<"${times[${sdk}_sdk]}" | median)
    user_median=$(tr ' ' '\n' <<<"${times[${sdk}_user]}" | median)
    label=$([[ $sdk == old ]] && echo "at $rev" || echo "now")
    awk -v l="$label" -v s="$sdk_median" -v u="$user_median" -v n="$runs" \
        'BEGIN { printf "%-12s SDK alone %5.1f s, user crate alone %5.1f s, both %5.1f s (medians of %d)\n", l, s, u, s + u, n }'
done
