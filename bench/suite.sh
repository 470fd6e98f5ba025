#!/usr/bin/env bash
# Figures of the whole suite (./suite must be stopped first; it is started here and left running):
#   bench/suite.sh [seconds-per-rate=60] [rates="50 100 200"]
# 1. time of ./suite up (Keycloak, broker, PostgreSQL, services) until every service is ready; 2. RSS of each service
#    and of Keycloak at rest;
# 3. created → assigned latency p50/p99 at each sustained rate; 4. RSS under load.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TS_HOME="${TS_HOME:-$ROOT/.suite}"
SECONDS_PER_RATE="${1:-60}"
RATES="${2:-50 100 200}"

rss() {
  for pidfile in "$TS_HOME"/run/*.pid "$TS_HOME"/keycloak/keycloak.pid; do
    [[ -f "$pidfile" ]] || continue
    local name; name=$(basename "$pidfile" .pid)
    printf '  %-22s %6d MB\n' "$name" $(( $(ps -o rss= -p "$(cat "$pidfile")") / 1024 ))
  done
}

start=$(date +%s.%N)
"$ROOT/suite" up >/dev/null
echo "suite start: $(echo "$(date +%s.%N) - $start" | bc) s (./suite up until every /q/health/ready is UP)"
sleep 10
echo "RSS at rest:"; rss
set -a; source "$TS_HOME/infra.env"; set +a
if [[ ! -f "$ROOT/bench/target/bench.classpath" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -pl bench -am install -DskipTests -Dspotless.check.skip=true)
fi
cd "$ROOT"  # tickets are posted with $(./suite token channel) as bearer token
# shellcheck disable=SC2086
java -Xmx512m -cp "$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench.classpath")" \
  io.ticketsuite.bench.SuiteLoad "http://127.0.0.1:8081" "$TS_KAFKA_BOOTSTRAP" "$SECONDS_PER_RATE" $RATES &
load=$!
sleep $(( SECONDS_PER_RATE / 2 + 2 ))
echo "RSS under load (first rate):"; rss
wait $load
