#!/usr/bin/env bash
# Every feature set of the generated crate compiles without a warning: each resource's feature
# alone (so no operation or type it reaches lacks that feature's cfg), none at all, each TLS
# backend, gzip, webhooks, test-util, all; and the runtime crate with none of its optional
# modules. Sets without the default resources check the library only: the hand-written
# examples call operations of several resources.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# Warnings fail the check. They are read from the output rather than denied with RUSTFLAGS,
# which would make cargo check every dependency again.
check() {
    local package=$1
    shift
    echo "cargo check -p $package $*"
    local output
    output=$(cargo check --quiet -p "$package" "$@" 2>&1) || {
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
    check hookdeck --lib --no-default-features --features "$resource"
done
check hookdeck --lib --no-default-features
check hookdeck --lib --no-default-features --features native-tls
check hookdeck --all-targets --features gzip
check hookdeck --all-targets --features webhooks
check hookdeck --all-targets --features test-util
check hookdeck --all-targets --all-features
check sdk-runtime --all-targets --no-default-features
