# Sourced by the benchmarks that work against a running suite (surge.sh, history.sh) after they set ROOT: the suite's
# addresses from .suite/infra.env (TS_PG_*, TS_KAFKA_BOOTSTRAP), the ticket texts (../shared/data, read, not copied),
# and the bench module's classes (built once; BUILD=1 rebuilds).
TS_HOME="${TS_HOME:-$ROOT/.suite}"
TEXTS="${TEXTS:-$ROOT/../shared/data/triage-dev.jsonl}"
[[ -f "$TS_HOME/infra.env" ]] || { echo "the suite is not up (./suite up)" >&2; exit 1; }
set -a; source "$TS_HOME/infra.env"; set +a
if [[ ! -f "$ROOT/bench/target/bench.classpath" || "${BUILD:-0}" == "1" ]]; then
  (cd "$ROOT" && ./mvnw -B -q -o -pl bench -am install -DskipTests -Dspotless.check.skip=true)
fi
BENCH_CP="$ROOT/bench/target/classes:$(cat "$ROOT/bench/target/bench.classpath")"
