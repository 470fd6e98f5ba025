#!/usr/bin/env bash
# What triage's recurring-issue check (RecurringIndex: add, then MoreLikeThis over the window) costs per ticket, next
# to a baseline from the same run (the text's analysis alone); prints a checksum of the matches so that a change of
# cost only can be told from a change of behaviour.
# Usage: bench/triage/similar.sh [texts.jsonl=../shared/data/triage-dev.jsonl] [history=2000] [measured=1000] [rounds=3]
# Runs with the suite's JVM options (TS_SERVICE_JVM_OPTS's default: C1 only, Serial GC) unless BENCH_JVM_OPTS is set.
# Builds triage-service's classes (no tests) and compiles bench/triage/src against them.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BENCH="$ROOT/bench/triage"
cd "$ROOT"
if [ "${SKIP_BUILD:-0}" != "1" ]; then
  "$ROOT/mvnw" -q -B -pl triage-service compile dependency:build-classpath \
    -Dmdep.outputFile="$ROOT/triage-service/target/bench.classpath" -Dmdep.includeScope=runtime >&2
fi
CP="${TRIAGE_CLASSES:-$ROOT/triage-service/target/classes}:$(cat "$ROOT/triage-service/target/bench.classpath")"
mkdir -p "$BENCH/target/classes"
javac --release 17 -nowarn -d "$BENCH/target/classes" -cp "$CP" "$BENCH"/src/io/ticketsuite/bench/triage/*.java >&2
TEXTS="${1:-$ROOT/../shared/data/triage-dev.jsonl}"
shift || true
# shellcheck disable=SC2086
exec java ${BENCH_JVM_OPTS:--Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1} \
  -cp "$BENCH/target/classes:$CP" io.ticketsuite.bench.triage.SimilarBench "$TEXTS" "$@"
