#!/usr/bin/env bash
# Every feature set of the generated crate compiles: no TLS, each TLS backend, gzip, all.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
for features in "--no-default-features" \
    "--no-default-features --features rustls-tls" \
    "--no-default-features --features native-tls" \
    "--features gzip" \
    "--all-features"; do
    echo "cargo check -p hookdeck $features"
    # shellcheck disable=SC2086 # the feature flags are several words on purpose
    cargo check --quiet -p hookdeck --all-targets $features
done
