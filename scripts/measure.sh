# Helpers the measurement scripts share; source it (`. scripts/measure.sh`) from the
# workspace root. Timings are wall-clock seconds; a script collects one per run and
# reports the median with the spread (the fastest and slowest run).

# seconds START END: the time between two `date +%s.%N` readings, in seconds.
seconds() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

# timed COMMAND...: runs the command (its output discarded) and prints how long it took.
timed() {
    local start
    start=$(date +%s.%N)
    "$@" >/dev/null
    seconds "$start" "$(date +%s.%N)"
}

# median: the median of the numbers on stdin, one a line (the lower middle one of an
# even count).
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int((NR + 1) / 2)] }'
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

# progenitor_binary: the cargo-progenitor to run (PROGENITOR overrides), or fails saying
# how to install it.
progenitor_binary() {
    local binary=${PROGENITOR:-cargo-progenitor}
    command -v "$binary" >/dev/null || {
        echo "cargo-progenitor not found; install it: cargo install cargo-progenitor --version 0.15.1 --locked (about 9 min)" >&2
        return 1
    }
    echo "$binary"
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
