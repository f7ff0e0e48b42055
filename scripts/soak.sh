#!/usr/bin/env bash
# Soak test of the generated client (tests/src/bin/soak.rs): 100 concurrent calls against
# a loopback server answering with mixed faults (503, 429 with Retry-After, dropped
# connections, trickling and too-slow bodies), reporting calls, retries, failures,
# resident memory and open descriptors every interval, and failing if a call is lost or
# memory or descriptors grow after warm-up. Not part of CI.
#
#   scripts/soak.sh [SECONDS]          # default 600 (10 minutes), a report each minute
#   SOAK_INTERVAL=10 scripts/soak.sh 60
#   SOAK_PROFILE=release scripts/soak.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
duration=${1:-600}
interval=${SOAK_INTERVAL:-60}
profile=${SOAK_PROFILE:-dev}
concurrency=${SOAK_CONCURRENCY:-100}
cargo build --quiet --profile "$profile" -p integration-tests --bin soak
dir=$([ "$profile" = dev ] && echo debug || echo "$profile")
exec "${CARGO_TARGET_DIR:-target}/$dir/soak" --duration "$duration" --interval "$interval" \
    --concurrency "$concurrency"
