#!/usr/bin/env bash
# Threshold lateness of sla-service at scale: starts a private PostgreSQL and Kafka broker (local-infra), runs TWO
# packaged sla-service replicas against them (sla-service/target/quarkus-app/quarkus-run.jar, distinct ports), creates
# N open clocks (default 100,000 = 50,000 tickets x response + resolution, 4 thresholds each) straight in the
# database with every threshold instant spread over a window (default 180 s) starting a little after the load, waits
# until every threshold fired and every outbox row was published, then prints:
#   - lateness p50 / p99 / p99.9 / max = fired_at - fire_at (from the database), and how many fired > 1 s late,
#   - duplicates: (clock, threshold) pairs written to the outbox more than once (only the rows still there: with the
#     kit's default retention 0 the relay deletes what it published), and published more than once on sla-events
#     (both must be 0), and how many each replica fired (ts_sla_thresholds_fired_total from /q/metrics),
#   - each replica's process CPU time (/proc/<pid>/stat) while idle and over the firing window,
#   - a baseline from the same run on the same rows: the bare claim of one batch (the SKIP LOCKED select alone, and
#     the sweep's own claim-and-stamp statement, UPDATE ... RETURNING), timed in a loop by this tool (each in a
#     rolled-back transaction).
# Usage: bench/sla/lateness.sh [clocks] [window-seconds] [extra -D options for both replicas, e.g. -Dsla.scheduler.every=250ms]
# Builds sla-service (package, no tests) and local-infra, compiles bench/sla/src against them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/bench/sla"
cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  "$ROOT/mvnw" -q -B -pl sla-service package -DskipTests >&2
  for module in local-infra sla-service; do
    "$ROOT/mvnw" -q -B -pl "$module" compile dependency:build-classpath \
      -Dmdep.outputFile="$ROOT/$module/target/bench.classpath" -Dmdep.includeScope=runtime >&2
  done
fi
CP="$ROOT/local-infra/target/classes:$ROOT/sla-service/target/classes:$(cat "$ROOT/local-infra/target/bench.classpath"):$(cat "$ROOT/sla-service/target/bench.classpath")"
mkdir -p "$BENCH/target/classes"
javac --release 17 -nowarn -d "$BENCH/target/classes" -cp "$CP" "$BENCH"/src/io/ticketsuite/bench/sla/*.java >&2
exec java -Xmx512m -cp "$BENCH/target/classes:$CP" io.ticketsuite.bench.sla.LatenessBench \
  "${1:-100000}" "${2:-180}" "$ROOT/sla-service/target/quarkus-app/quarkus-run.jar" "${@:3}"
