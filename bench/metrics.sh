#!/usr/bin/env bash
# Runs every dashboard metric on UCI Online Retail (../shared/data/online_retail) in DuckDB and prints
# the median time per metric over REPETITIONS runs (after one warm-up run), and the first rows of
# revenue_by_month.
#
#   bench/metrics.sh [REPETITIONS] [CUSTOMERS]   # defaults: 5, 1000000
#
# With CUSTOMERS above 0, then the same on generated tables of that many customers (about 5
# transactions and 2.5 identity records each, audience and sync runs), made in SQL in DuckDB.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -o -DskipTests package -pl ownstack-insights -am
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-insights -am
exec java -Xmx2g -cp "ownstack-insights/target/test-classes:ownstack-insights/target/classes:$(cat ownstack-insights/target/bench-classpath.txt)" \
  dev.ownstack.insights.metrics.bench.MetricsBenchmark "${1:-5}" "${2:-1000000}"
