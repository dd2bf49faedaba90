#!/usr/bin/env bash
# Times the diff of a mirror sync on DuckDB: RECORDS source rows synced once through the engine to a
# destination that accepts everything, then 1% changed (0.4% removed, 0.4% changed, 0.2% added) and
# the diff (a dry run) timed REPETITIONS times next to the raw limit (a count over the anti-join of
# source and state) measured in the same run; prints the medians, their ratio, and the run that sends
# the 1%.
#
#   bench/sync-diff.sh [RECORDS] [REPETITIONS] [DUCKDB_FILE]   # defaults: 10000000 3 ownstack-activation/target/sync-diff-bench.duckdb
#
# The machine may be shared: use 1000000 records while developing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -o -DskipTests package -pl ownstack-activation -am
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-activation -am
exec java -Xmx3g -cp "ownstack-activation/target/test-classes:ownstack-activation/target/classes:$(cat ownstack-activation/target/bench-classpath.txt)" \
  dev.ownstack.activation.bench.SyncDiffBenchmark "${1:-10000000}" "${2:-3}" "${3:-ownstack-activation/target/sync-diff-bench.duckdb}"
