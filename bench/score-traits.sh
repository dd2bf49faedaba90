#!/usr/bin/env bash
# Counts audiences on score traits (model.customer_scores) on DuckDB in memory with the compiled
# SQL, next to hand-written semi-joins and to a LEFT JOIN of the whole scores table, in one run.
#
#   bench/score-traits.sh [CUSTOMERS] [REPETITIONS]   # defaults: 1000000 9
#
# Generates CUSTOMERS customers, 80% of them with churn and lifetime value deciles, then for each
# of three rules (top churn decile with LTV above the median; GB or top churn decile; not in the
# top churn decile) alternates the three queries REPETITIONS times, prints each median and the
# ratios, and fails when the member counts differ.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests package -pl ownstack-activation -am
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-activation -am
exec java -Xmx2g -cp "ownstack-activation/target/test-classes:ownstack-activation/target/classes:$(cat ownstack-activation/target/bench-classpath.txt)" \
  dev.ownstack.activation.bench.ScoreTraitBenchmark "${1:-1000000}" "${2:-9}"
