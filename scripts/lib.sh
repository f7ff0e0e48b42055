# Helpers the measurement scripts share. A script sources it first:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
#
# which stops the script on any failure (inside `$(...)` too) and runs it from the
# repository's root.
set -euo pipefail
shopt -s inherit_errexit
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# runs_arg DEFAULT [ARG]: the number of runs asked for (ARG, else DEFAULT), at least 1.
runs_arg() {
    local runs=${2:-$1}
    ((runs >= 1)) || { echo "runs must be at least 1" >&2; exit 1; }
    echo "$runs"
}

# now: the time, in seconds with nanoseconds, for `seconds`.
now() { date +%s.%N; }

# seconds START END [DECIMALS]: the time from START to END (default 3 decimals).
seconds() { awk -v a="$1" -v b="$2" -v f="%.${3:-3}f" 'BEGIN { printf f, b - a }'; }

# median: the middle of the numbers on standard input, one a line (the lower middle of
# an even count).
median() { grep . | sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'; }

# require_progenitor: sets `progenitor` to cargo-progenitor 0.15.1 (PROGENITOR overrides
# the binary), or stops with how to install it.
require_progenitor() {
    progenitor=${PROGENITOR:-cargo-progenitor}
    command -v "$progenitor" >/dev/null || {
        echo "cargo-progenitor not found; install it: cargo install cargo-progenitor --version 0.15.1" >&2
        exit 1
    }
}

# checkout_at REV DIR: REV checked out in DIR (a detached worktree, a leftover of an
# interrupted run replaced), removed again when the script exits.
checkout_at() {
    git worktree remove --force "$2" 2>/dev/null || true
    rm -rf "$2"
    git worktree prune
    git worktree add --quiet --detach "$2" "$1"
    # shellcheck disable=SC2064 # DIR is fixed now, not when the trap runs.
    trap "git worktree remove --force '$2'" EXIT
}

# user_crate DIR LIB_RS: a crate named `user` in DIR/user, its lib.rs a copy of LIB_RS,
# that uses the SDK in DIR/sdk as `hookdeck` (whatever its package is named: older
# revisions named it after the spec) and futures, outside any workspace.
user_crate() {
    local package
    package=$(awk '/^\[/ { in_package = ($0 == "[package]") }
        in_package && /^name *=/ { gsub(/^name *= *"|".*$/, ""); print; exit }' "$1/sdk/Cargo.toml")
    [[ -n $package ]] || {
        echo "no [package] name in $1/sdk/Cargo.toml" >&2
        exit 1
    }
    mkdir -p "$1/user/src"
    cp "$2" "$1/user/src/lib.rs"
    cat >"$1/user/Cargo.toml" <<TOML
[package]
name = "user"
version = "0.1.0"
edition = "2021"
[dependencies]
hookdeck = { package = "$package", path = "../sdk" }
futures = { version = "0.3", default-features = false, features = ["std", "async-await"] }
[workspace]
TOML
}
