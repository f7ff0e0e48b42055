#!/usr/bin/env bash
# A user's compile time: scripts/user-crate/lib.rs, a crate calling five operations across
# three resources (connections, events, requests), built against the SDK as generated now
# and as the generator at REV (default 87de5d5) generates it for the same API. Both SDKs
# come from the same specs (every file in spec/), merged into one document
# (`cargo xtask merged-spec`) for REV, whose generator reads one file; both are named
# `hookdeck` and used with their default features.
#  1. The user's crate alone, the SDK already built: cargo's dev profile, non-incremental
#     (touch + build), alternating between the two SDKs.
#  2. `cargo check` of the user's crate after a one-line edit (its `PAGE_SIZE`), as an
#     editor runs it: incremental, as cargo's default, the SDK already checked.
# Usage: scripts/compile-user-crate.sh [runs] [REV]   (default 5 runs)
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"
runs=$(runs_arg 5 "${1:-}")
rev=${2:-87de5d5}
work=$PWD/target/compile-user-crate
# The target directories are kept from one invocation to the next (dependencies stay built).
rm -rf "$work/old" "$work/new"
mkdir -p "$work"
checkout_at "$rev" "$work/old-checkout"

cargo xtask merged-spec >"$work/merged-spec.json"
(cd "$work/old-checkout" && CARGO_TARGET_DIR=$work/old-checkout-target cargo xtask codegen \
    --spec "$work/merged-spec.json" --out "$work/old/sdk" --crate-name hookdeck >/dev/null)
cargo xtask codegen --out "$work/new/sdk" >/dev/null
for sdk in old new; do user_crate "$work/$sdk" scripts/user-crate/lib.rs; done

export CARGO_TARGET_DIR=$work/target
cargo_in() {
    local sdk=$1
    shift
    cargo "$@" --quiet --manifest-path "$work/$sdk/user/Cargo.toml"
}
for sdk in old new; do
    CARGO_INCREMENTAL=0 cargo_in "$sdk" build # the SDK and the rest, once
    cargo_in "$sdk" check
done
build_user() {
    touch "$work/$1/user/src/lib.rs"
    CARGO_INCREMENTAL=0 timed cargo_in "$1" build
}
declare -A build check
for run in $(seq "$runs"); do
    for sdk in old new; do
        build[$sdk]+="$(build_user "$sdk") "
    done
done
for run in $(seq "$runs"); do
    for sdk in old new; do
        # The one-line edit: PAGE_SIZE 50 <-> 51.
        sed -i -E "s/^const PAGE_SIZE: u8 = (50|51);/const PAGE_SIZE: u8 = $((50 + run % 2));/" \
            "$work/$sdk/user/src/lib.rs"
        check[$sdk]+="$(timed cargo_in "$sdk" check) "
    done
done
for sdk in old new; do
    label=$([[ $sdk == old ]] && echo "at $rev" || echo "now")
    echo "$label: user crate alone, debug build $(summary "${build[$sdk]}"); cargo check after a one-line edit $(summary "${check[$sdk]}")"
done
echo "user crate build: now takes $(ratios "${build[new]}" "${build[old]}") the time at $rev"
