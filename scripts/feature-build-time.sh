#!/usr/bin/env bash
# What a resource's feature cuts from the build of the generated crate. For each resource
# feature alone (with `rustls-tls`, no other default), and for all of them (the default):
# the items it compiles (operations, and the types in `types.rs` whose `#[cfg(...)]`
# admits the feature), the lines of Rust those come to (with the runtime and `lib.rs`,
# always compiled), and the build time of the crate alone (dependencies built,
# non-incremental). Beside `connections` alone, the Connections-only crate the generator
# makes from the Connections spec alone (`hookdeck-connections`, default features), built
# right after it in every run.
#
# Both crates are generated afresh as standalone crates and built in one target directory;
# every run builds every row in turn, so drift in the machine's speed hits all alike.
# Usage: scripts/feature-build-time.sh [runs] [SPEC...]
#   runs default 3; SPEC files or folders, default every file in spec/. The
#   Connections-only crate is always made from spec/hookdeck-connections-api-openapi.yml.
#   RESOURCES="connections ..." measures only those resources' rows (and no "all" row),
#   for more runs of a few.
source "$(dirname "${BASH_SOURCE[0]}")/measure.sh"
runs=$(runs_arg 3 "${1:-}")
shift || true
specs=("$@")
work=target/feature-build-time
rm -rf "$work/whole" "$work/connections-only"
mkdir -p "$work"
cargo xtask codegen --out "$work/whole" ${specs[@]+--spec "${specs[@]}"} >/dev/null
cargo xtask codegen --spec spec/hookdeck-connections-api-openapi.yml \
    --out "$work/connections-only" --crate-name hookdeck-connections >/dev/null
export CARGO_TARGET_DIR=$PWD/$work/target CARGO_INCREMENTAL=0

# The resources are the features declared with an empty list and a `# Tag: N operations`
# comment (as scripts/check-features.sh reads them).
resources=${RESOURCES:-$(sed -n 's/^\([a-z0-9-]*\) = \[\] # .*operation.*/\1/p' "$work/whole/Cargo.toml")}
# operations CRATE [RESOURCE]: the operations of a resource (default: of all), from the
# features' comments.
operations() {
    sed -n "s/^${2:-[a-z0-9-]*} = \[\] # .*: \([0-9]*\) operations\?.*/\1/p" "$work/$1/Cargo.toml" |
        awk '{ s += $1 } END { print s }'
}

# admitted FEATURE FILE: prints "TYPES LINES": the `pub struct|enum|type` items of FILE and
# its lines that a build with FEATURE (and no other resource) compiles. Each top-level
# `#[cfg(...)]` opens a chunk that lasts until the next one; a chunk is compiled when its
# cfg names the feature. Lines before the first cfg are always compiled.
admitted() {
    awk -v feature="\"$1\"" '
        /^#\[cfg/ { in_cfg = 1; cfg = ""; }
        in_cfg { cfg = cfg $0; if ($0 ~ /\)\]$/) { in_cfg = 0; on = index(cfg, feature) > 0; seen = 1 } }
        { if (!seen || on) { lines++; if ($0 ~ /^pub (struct|enum|type) /) types++ } }
        END { printf "%d %d\n", types, lines }
    ' "$2"
}
always_lines=$(cat "$work/whole/src/lib.rs" "$work/whole/src/operations/mod.rs" \
    $(find "$work/whole/src/runtime" -name '*.rs') | wc -l)

# Rows: "label|manifest|cargo feature flags".
rows=()
for resource in $resources; do
    rows+=("$resource|whole|--no-default-features --features rustls-tls,$resource")
    if [[ $resource == connections ]]; then
        rows+=("Connections-only crate|connections-only|")
    fi
done
[[ -n ${RESOURCES:-} ]] || rows+=("all (default)|whole|")

build() {
    local manifest=$1
    shift
    cargo build --quiet --manifest-path "$work/$manifest/Cargo.toml" "$@"
}
declare -A times
# Dependencies, once for each feature set.
for row in "${rows[@]}"; do
    IFS='|' read -r _ manifest flags <<<"$row"
    # shellcheck disable=SC2086 # the flags are words
    build "$manifest" $flags
done
for run in $(seq "$runs"); do
    for row in "${rows[@]}"; do
        IFS='|' read -r label manifest flags <<<"$row"
        touch "$work/$manifest/src/lib.rs"
        # shellcheck disable=SC2086
        times[$label]+="$(timed build "$manifest" $flags) "
    done
    echo "run $run of $runs done" >&2
done

printf '%-24s %10s %6s %8s  %s\n' "features" operations types lines "build time, crate alone"
for row in "${rows[@]}"; do
    IFS='|' read -r label manifest _ <<<"$row"
    case $label in
    "Connections-only crate")
        ops=$(operations connections-only)
        read -r types _ < <(awk '/^pub (struct|enum|type) / { n++ } END { print n, 0 }' "$work/connections-only/src/types.rs")
        lines=$(crate_lines "$work/connections-only")
        ;;
    "all (default)")
        ops=$(operations whole)
        types=$(grep -c '^pub \(struct\|enum\|type\) ' "$work/whole/src/types.rs")
        lines=$(crate_lines "$work/whole")
        ;;
    *)
        ops=$(operations whole "$label")
        read -r types type_lines < <(admitted "$label" "$work/whole/src/types.rs")
        file=$work/whole/src/operations/${label//-/_}.rs
        lines=$((always_lines + type_lines + $(wc -l <"$file")))
        ;;
    esac
    printf '%-24s %10s %6s %8s  %s\n' "$label" "$ops" "$types" "$lines" "$(summary "${times[$label]}")"
done
if [[ -n ${times[connections]:-} ]]; then
    echo "connections alone takes $(ratios "${times[connections]}" "${times[Connections-only crate]}") the Connections-only crate's time"
fi
