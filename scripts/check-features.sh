#!/usr/bin/env bash
# Every feature set of the generated crate compiles: no TLS, each TLS backend, gzip,
# webhooks, test-util, all; and the runtime crate with none of its optional modules.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for features in "--no-default-features" \
    "--no-default-features --features rustls-tls" \
    "--no-default-features --features native-tls" \
    "--features gzip" \
    "--features webhooks" \
    "--features test-util" \
    "--all-features"; do
    echo "cargo check -p hookdeck-connections $features"
    # shellcheck disable=SC2086 # the feature flags are several words on purpose
    cargo check --quiet -p hookdeck-connections --all-targets $features
done
echo "cargo check -p sdk-runtime --no-default-features"
cargo check --quiet -p sdk-runtime --all-targets --no-default-features
