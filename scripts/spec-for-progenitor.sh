#!/usr/bin/env bash
# Prints the spec with the two edits progenitor 0.15.1 needs to generate from it at all: it
# panics on enum values that differ only by case (drop `ASC`/`DESC` from
# `OrderByDirection`) and emits `FilterRuleProperty` twice while it is nullable at the top
# level (drop that line). Usage: scripts/spec-for-progenitor.sh SPEC > OUT
set -euo pipefail
awk '
    /^    [A-Za-z0-9_]+:$/ { schema = $1 }
    held != "" {
        if ($0 ~ /^        - (ASC|DESC)$/) { held = ""; next }
        print held; held = ""
    }
    schema == "OrderByDirection:" && /^      - enum:$/ { held = $0; next }
    schema == "FilterRuleProperty:" && /^      nullable: true$/ { next }
    { print }
' "$1"
