#!/usr/bin/env bash
# Prints the spec files (default: every file in spec/) merged into one JSON document with
# the two edits progenitor 0.15.1 needs (../shared/GUIDE.md §3): it panics on enum values
# that differ only by case (`OrderByDirection` loses `ASC`/`DESC`) and emits
# `FilterRuleProperty` twice while it is nullable at the top level (that `nullable` goes).
# The edits are made in `xtask/src/for_progenitor.rs`.
# Usage: scripts/spec-for-progenitor.sh [SPEC...] > OUT.json
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"
spec_for_progenitor /dev/stdout "$@"
