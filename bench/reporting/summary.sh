#!/usr/bin/env bash
# The reporting summary on a million tickets: loads N tickets (default 1,000,000 over a year) straight into a
# reporting read model on a private embedded PostgreSQL (reporting-service's migrations), rebuilds the per-day
# aggregates, and prints the summary's latency beside a bare count(*) of the same table, in the same run.
# Usage: bench/reporting/summary.sh [tickets] [runs]
# Builds reporting-service and local-infra (no tests), compiles bench/reporting/src against them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/bench/reporting"
cd "$ROOT"
for module in local-infra reporting-service; do
  "$ROOT/mvnw" -q -B -pl "$module" compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/$module/target/bench.classpath" -Dmdep.includeScope=runtime >&2
done
CP="$ROOT/local-infra/target/classes:$ROOT/reporting-service/target/classes:$(cat "$ROOT/local-infra/target/bench.classpath"):$(cat "$ROOT/reporting-service/target/bench.classpath")"
mkdir -p "$BENCH/target/classes"
javac --release 17 -nowarn -d "$BENCH/target/classes" -cp "$CP" "$BENCH"/src/io/ticketsuite/bench/reporting/*.java >&2
exec java -Xmx512m -cp "$BENCH/target/classes:$CP" io.ticketsuite.bench.reporting.SummaryBench "${1:-1000000}" "${2:-20}" \
  "$ROOT/reporting-service/src/main/resources/db/migration"
