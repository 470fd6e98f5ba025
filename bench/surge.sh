#!/usr/bin/env bash
# A surge through the whole running suite (start it first: ./suite up):
#   bench/surge.sh [tickets=1000] [clients=16]
# Posts the tickets with real ticket texts (../shared/data/triage-dev.jsonl, read, not copied) as fast as intake
# takes them, then waits until every ticket is assigned, every consumer group has caught up and every outbox is
# empty; prints the accept rate, the drain rate (tickets / time from the first post until drained), created →
# assigned p50/p99, the PostgreSQL commits per ticket, the CPU each process of the suite used over the surge (ms and
# ms per ticket, from /proc) with its RSS, and a baseline from the same run: raw PostgreSQL one-row transactions.
# JFR=1 also records each service with Java Flight Recorder over the surge (.suite/jfr/<service>.jfr).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/running-suite.sh"
if [[ "${JFR:-0}" == "1" ]]; then
  mkdir -p "$TS_HOME/jfr"
  for pidfile in "$TS_HOME"/run/*.pid; do
    jcmd "$(cat "$pidfile")" JFR.start name=surge settings=profile \
      filename="$TS_HOME/jfr/$(basename "$pidfile" .pid).jfr" >/dev/null
  done
fi
cd "$ROOT"  # tickets are posted with $(./suite token channel) as bearer token
java -Xmx512m -cp "$BENCH_CP" \
  io.ticketsuite.bench.SuiteSurge "http://127.0.0.1:8081" "$TS_KAFKA_BOOTSTRAP" \
  "$TS_PG_HOST" "$TS_PG_PORT" "$TS_PG_USER" "$TEXTS" "${1:-1000}" "${2:-16}"
if [[ "${JFR:-0}" == "1" ]]; then
  for pidfile in "$TS_HOME"/run/*.pid; do
    jcmd "$(cat "$pidfile")" JFR.stop name=surge >/dev/null
  done
  echo "flight recordings: $TS_HOME/jfr/*.jfr"
fi
