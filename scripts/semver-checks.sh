#!/usr/bin/env bash
# Before a release: cargo-semver-checks must agree with the changelog's classification on
# every case of codegen/tests/api_changes.rs (each additive edit passes, each breaking
# edit fails, except the tool's known blind spots, which the test lists for this
# version). Installs cargo-semver-checks 0.51.0 when it is missing or another version is
# installed; CI does not run this, as building the tool takes long (about 15 minutes on
# two cores).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
version=0.51.0
if [[ $(cargo semver-checks --version 2>/dev/null) != "cargo-semver-checks $version" ]]; then
    echo "installing cargo-semver-checks $version"
    cargo install cargo-semver-checks --version "$version" --locked
fi
cargo semver-checks --version
cargo test -p codegen --test api_changes cargo_semver_checks_agrees -- --ignored --nocapture
