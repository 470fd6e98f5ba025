#!/usr/bin/env bash
# Evaluates the triage classifier's default rule pack on a labelled JSONL file.
# Usage: bench/classifier/evaluate.sh [file.jsonl] [--pack other-pack.yaml] [--errors] [--term-stats]
#        [--look train|holdout|all] [--holdout-percent 30]
# Reports accuracy, macro-F1 and per-category precision/recall/F1 for the whole file, the training
# split and the held-out split (SHA-256 of the row id mod 100 < 30 is held out). --errors and
# --term-stats look at the training split only unless --look says otherwise.
# Default file: ../shared/data/triage-dev.jsonl relative to the repository root.
# Builds only the triage-classifier module (compile + classpath), compiles the tools in
# bench/classifier/src against it and runs io.ticketsuite.bench.classifier.Evaluate on one JVM.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
MODULE="$ROOT/triage-classifier"

FILE="$ROOT/../shared/data/triage-dev.jsonl"
if [[ $# -gt 0 && "$1" != --* ]]; then
  FILE="$1"
  shift
fi
if [[ ! -f "$FILE" ]]; then
  echo "evaluate.sh: no such file: $FILE" >&2
  exit 2
fi
FILE="$(cd "$(dirname "$FILE")" && pwd)/$(basename "$FILE")"

"$ROOT/mvnw" -q -B -f "$MODULE/pom.xml" compile dependency:build-classpath \
  -Dmdep.outputFile="$MODULE/target/classpath.txt" -Dmdep.includeScope=runtime >&2
# The tools are not part of the classifier's jar: compile them here against its classes.
BENCH="$ROOT/bench/classifier"
CP="$MODULE/target/classes:$(cat "$MODULE/target/classpath.txt")"
javac --release 17 -nowarn -d "$BENCH/target/classes" -cp "$CP" "$BENCH"/src/io/ticketsuite/bench/classifier/*.java >&2

exec java -cp "$BENCH/target/classes:$CP" \
  io.ticketsuite.bench.classifier.Evaluate "$FILE" "$@"
