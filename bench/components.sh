#!/usr/bin/env bash
# Connected components of an identity-like graph on DuckDB: large/small-star SQL and min-label SQL
# next to an in-JVM union-find over the same edges (the limit), in one run.
#
#   bench/components.sh [NODES] [MIN_LABEL_MAX_ROUNDS] [DUCKDB_FILE]    # defaults: 1000000 30 ownstack-model/target/components-bench.duckdb
#
# Generates NODES nodes in shuffled clusters of 1-20 nodes plus long chains (2% of the nodes, in
# chains of 10,000) into a fresh DuckDB file, then prints per algorithm the rounds, seconds, peak
# heap, peak RSS, the working set per round and the speed ratio to union-find, and checks that
# every SQL result equals union-find's. Min-label stops after MIN_LABEL_MAX_ROUNDS rounds.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests package -pl ownstack-model -am
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-model -am
exec java -Xmx4g -cp "ownstack-model/target/test-classes:ownstack-model/target/classes:$(cat ownstack-model/target/bench-classpath.txt)" \
  dev.ownstack.model.identity.graph.bench.ComponentsBenchmark "${1:-1000000}" "${2:-30}" "${3:-ownstack-model/target/components-bench.duckdb}"
