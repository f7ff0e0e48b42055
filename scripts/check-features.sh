#!/usr/bin/env bash
# Every feature set of the generated crate compiles without a warning: each resource's feature
# alone (so no operation or type it reaches lacks that feature's cfg), none at all, each TLS
# backend, gzip, all. Sets without the default resources check the library only: the
# hand-written examples call operations of several resources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Warnings fail the check. They are read from the output rather than denied with RUSTFLAGS,
# which would make cargo check every dependency again.
check() {
    echo "cargo check -p hookdeck $*"
    local output
    output=$(cargo check --quiet -p hookdeck "$@" 2>&1) || {
        echo "$output"
        return 1
    }
    if grep -q '^warning' <<<"$output"; then
        echo "$output"
        return 1
    fi
}
# The resources are the features declared with an empty list and a `# Tag: N operations` comment.
resources=$(sed -n 's/^\([a-z0-9-]*\) = \[\] # .*operation.*/\1/p' generated/Cargo.toml)
for resource in $resources; do
    check --lib --no-default-features --features "$resource"
done
check --lib --no-default-features
check --lib --no-default-features --features native-tls
check --all-targets --features gzip
check --all-targets --all-features
