#!/usr/bin/env bash
# Load benchmark of intake against a running suite (./suite up first):
#   bench/intake.sh [seconds=10] [connections=32]   (installs wrk from Debian if missing)
#   env: BENCH_WARMUP=120 (seconds of load before measuring: a fresh service is still being compiled for 1–2 min on 2 cores), BENCH_ROUNDS=3
# Per round: accepted tickets/s, latency p50/p99, when the last ticket.created reached the topic, and right after
# it the raw baseline (plain JDBC ticket+outbox inserts) with the ratio; then a plain Kafka producer baseline and
# the median ratio over the rounds. Tickets are created as a channel: Authorization: Bearer $(./suite token channel).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TS_HOME="${TS_HOME:-$ROOT/.suite}"
[[ -f "$TS_HOME/infra.env" ]] || { echo "start the suite first: ./suite up" >&2; exit 1; }
set -a; source "$TS_HOME/infra.env"; set +a
if [[ ! -f "$ROOT/bench/target/bench.classpath" || ! -d "$ROOT/bench/target/classes" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl bench -am install -DskipTests -Dspotless.check.skip=true)
fi
command -v wrk >/dev/null || { apt-get install -y -qq wrk >/dev/null 2>&1 || (apt-get update -qq && apt-get install -y -qq wrk); }
cd "$ROOT"
java -Xmx512m -Dbench.warmup="${BENCH_WARMUP:-120}" -Dbench.rounds="${BENCH_ROUNDS:-3}" -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench.classpath")" \
  io.ticketsuite.bench.IntakeLoad "http://127.0.0.1:8081" "${1:-10}" "${2:-32}" \
  "$TS_KAFKA_BOOTSTRAP" "$TS_PG_HOST" "$TS_PG_PORT" "$TS_PG_USER"
