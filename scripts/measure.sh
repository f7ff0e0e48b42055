# The helpers of lib.sh and those of the scripts that time things side by side. A script
# sources it first, as it would lib.sh:
#
#   source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"
#
# Timings are wall-clock seconds; a script collects one per run and reports the median
# with the spread (the fastest and slowest run) and, for two things timed in turns, the
# ratio of each run's pair.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

# timed COMMAND...: runs the command (its output discarded) and prints how long it took.
timed() {
    local start
    start=$(now)
    "$@" >/dev/null
    seconds "$start" "$(now)"
}

# spread: "min–max" of the numbers on stdin.
spread() { sort -n | awk 'NR == 1 { lo = $1 } { hi = $1 } END { if (NR) printf "%s–%s", lo, hi }'; }

# summary "t1 t2 ...": "median M s (min–max, N runs)".
summary() {
    local values
    values=$(tr ' ' '\n' <<<"$1" | grep .)
    printf 'median %s s (%s, %d runs)' "$(median <<<"$values")" "$(spread <<<"$values")" \
        "$(wc -l <<<"$values")"
}

# ratios "a1 a2 ..." "b1 b2 ...": each run's a/b, as "median M (min–max)"; the runs were
# taken in turns, so each pair saw the machine in the same mode.
ratios() {
    local values
    values=$(paste -d' ' <(tr ' ' '\n' <<<"$1" | grep .) <(tr ' ' '\n' <<<"$2" | grep .) |
        awk '{ printf "%.3f\n", $1 / $2 }')
    printf '%s× (%s×)' "$(median <<<"$values")" "$(spread <<<"$values")"
}

# spec_for_progenitor OUT [SPEC...]: the specs (default: every file in spec/) merged into
# one JSON document with progenitor's two edits (xtask/src/for_progenitor.rs).
spec_for_progenitor() {
    local out=$1
    shift
    if (($# > 0)); then
        cargo xtask merged-spec --for-progenitor --spec "$@" >"$out"
    else
        cargo xtask merged-spec --for-progenitor >"$out"
    fi
}

# crate_lines DIR: lines of Rust in a generated crate's src/.
crate_lines() { find "$1/src" -name '*.rs' -print0 | xargs -0 cat | wc -l; }
