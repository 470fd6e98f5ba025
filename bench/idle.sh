#!/usr/bin/env bash
# An idle suite's latency (start it first: ./suite up; warm it, e.g. with bench/surge.sh 1000 16):
#   bench/idle.sh [tickets=30] [interval-ms=1000]
# Posts one ticket at a time (real ticket texts, ../shared/data/triage-dev.jsonl, read, not copied), a fixed interval
# apart, then prints created -> triaged and created -> assigned p50/p90/p99/max from the broker timestamps of each
# ticket's records on ticket-events, triage-events and routing-events (the pipeline alone: no HTTP, no polling).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/running-suite.sh"
cd "$ROOT"  # tickets are posted with $(./suite token channel) as bearer token
java -Xmx256m -cp "$BENCH_CP" \
  io.ticketsuite.bench.SuiteIdle "http://127.0.0.1:8081" "$TS_KAFKA_BOOTSTRAP" "$TEXTS" "${1:-30}" "${2:-1000}"
