#!/usr/bin/env bash
# The generated SDK's own build time, as generated now and as the generator at REV
# (default HEAD) generates it from the same specs (every file in spec/): the crate alone,
# its dependencies already built, non-incremental, debug then release, the two crates
# built in turns (A B A B). For a change to the generator's output, against the commit
# before it: `scripts/compile-vs-revision.sh 5 HEAD~1`.
# Usage: scripts/compile-vs-revision.sh [runs] [REV]   (default 3 runs)
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"
runs=$(runs_arg 3 "${1:-}")
rev=${2:-HEAD}
work=$PWD/target/compile-vs-revision
rm -rf "$work/old" "$work/new"
mkdir -p "$work"
checkout_at "$rev" "$work/old-checkout"

# Both generators read the same specs: REV's from its own checkout, which has spec/ as
# REV had it; so that a change of the specs since is not counted, both read this tree's.
root=$PWD
(cd "$work/old-checkout" && CARGO_TARGET_DIR=$work/old-checkout-target cargo xtask codegen \
    --spec "$root/spec" --out "$work/old" >/dev/null)
cargo xtask codegen --out "$work/new" >/dev/null
for sdk in old new; do
    # Each crate is a workspace of its own (`--out` makes it so); with this one's
    # dependency versions.
    cp Cargo.lock "$work/$sdk/"
done
echo "lines of Rust: at $rev $(crate_lines "$work/old"), now $(crate_lines "$work/new")"
echo "types.rs: at $rev $(wc -l <"$work/old/src/types.rs"), now $(wc -l <"$work/new/src/types.rs")"

export CARGO_TARGET_DIR=$work/target
build() {
    local sdk=$1
    shift
    touch "$work/$sdk/src/lib.rs"
    CARGO_INCREMENTAL=0 timed cargo build --quiet --manifest-path "$work/$sdk/Cargo.toml" "$@"
}
for profile in dev release; do
    for sdk in old new; do
        cargo build --quiet --profile "$profile" --manifest-path "$work/$sdk/Cargo.toml"
    done
    declare -A times=([old]="" [new]="")
    for _ in $(seq "$runs"); do
        for sdk in old new; do
            times[$sdk]+="$(build "$sdk" --profile "$profile") "
        done
    done
    echo "$profile: at $rev $(summary "${times[old]}"); now $(summary "${times[new]}");" \
        "now takes $(ratios "${times[new]}" "${times[old]}") the time at $rev"
done
