#!/usr/bin/env bash
# Counts one audience (a trait, an event with a property filter and a window, a transaction sum)
# on DuckDB with the compiled SQL next to a hand-written query over the same tables, in one run.
#
#   bench/audience.sh [CUSTOMERS] [EVENTS] [REPETITIONS] [DUCKDB_FILE]   # defaults: 1000000 20000000 9 ownstack-activation/target/audience-bench-clustered.duckdb
#   BENCH_EXPLAIN=1 bench/audience.sh      # also print both plans with EXPLAIN ANALYZE
#
# Generates model.customers, model.events (about 20 per customer, a JSON properties column) and
# model.transactions (3 per customer) in SQL into the DuckDB file, unless it already has those row
# counts; warms both queries up twice, alternates them REPETITIONS times, prints each median, the
# ratio and the member counts, and fails when the counts differ.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests package -pl ownstack-activation -am
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-activation -am
exec java -Xmx2g -cp "ownstack-activation/target/test-classes:ownstack-activation/target/classes:$(cat ownstack-activation/target/bench-classpath.txt)" \
  dev.ownstack.activation.bench.AudienceBenchmark "${1:-1000000}" "${2:-20000000}" "${3:-9}" "${4:-ownstack-activation/target/audience-bench-clustered.duckdb}"
