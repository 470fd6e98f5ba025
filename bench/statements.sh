#!/usr/bin/env bash
# What a surge costs inside PostgreSQL, statement by statement (start the suite first: ./suite up):
#   bench/statements.sh [tickets=1000] [clients=16]
# Makes PostgreSQL load pg_stat_statements (the first time: ./suite stop postgres; ./suite start postgres, which the
# services ride out), warms the suite with bench/surge.sh 300 8 (WARM=0: not), clears the counts, runs
# bench/surge.sh with the given size (its figures: drain rate, CPU per process, raw-PostgreSQL baseline), then prints
# per database the statements' calls and execution time in all and the TOP (15) most expensive statements.
# Execution time is wall time inside PostgreSQL: on a busy machine the wait for a core is in it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$ROOT/bench/running-suite.sh"
stats() {
  java -cp "$BENCH_CP" io.ticketsuite.bench.SuiteStatements "$TS_PG_HOST" "$TS_PG_PORT" "$TS_PG_USER" "$@"
}
if ! stats preload; then
  echo "restarting PostgreSQL to load pg_stat_statements …"
  "$ROOT/suite" stop postgres >/dev/null
  "$ROOT/suite" start postgres >/dev/null
  sleep 10 # the services' pools reconnect
fi
if [[ "${WARM:-1}" == "1" ]]; then
  "$ROOT/bench/surge.sh" 300 8 >/dev/null
fi
stats reset
"$ROOT/bench/surge.sh" "${1:-1000}" "${2:-16}"
echo
stats report "${TOP:-15}"
