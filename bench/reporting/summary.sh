#!/usr/bin/env bash
# The reporting summary on a million tickets: loads N tickets (default 1,000,000 over a year) straight into a
# reporting read model on a private embedded PostgreSQL, as reporting-service's migrations V1-V2 left it (per-day
# aggregates only), times V2's summary statements; then applies the later migrations to the same rows and times
# today's statements (ReportQueries). Prints both, their ratio, a bare count(*) of the same table in each phase, and
# checks that both give the same rows. EXPLAIN=1 also prints EXPLAIN (ANALYZE, BUFFERS) of today's statements.
# Usage: [EXPLAIN=1] bench/reporting/summary.sh [tickets] [runs]
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
exec java -Dbench.explain="${EXPLAIN:-0}" -Xmx512m -cp "$BENCH/target/classes:$CP" io.ticketsuite.bench.reporting.SummaryBench "${1:-1000000}" "${2:-20}" \
  "$ROOT/reporting-service/src/main/resources/db/migration"
