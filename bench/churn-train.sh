#!/usr/bin/env bash
# The churn model at scale on DuckDB (in memory): generates CUSTOMERS customers' transactions in SQL
# (orders up to a random end of each customer's lifetime, so recency and frequency carry a churn
# signal), then times, each on its own with peak heap and peak RSS: the labelled training and
# evaluation sets (feature SQL + label query), XGBoost training, logistic-regression training,
# the rank ensemble, evaluation of all three, the validation split the product chooses on, the
# features as of the scoring day, and ChurnScores.write. In the same run a
# plain scan (SELECT count(*), sum(amount)) and a scan grouped by customer of the same table are the
# raw limits the feature SQL is put next to; XGBoost's training time is put next to the
# logistic-regression baseline's.
#
#   bench/churn-train.sh [CUSTOMERS]    # default: 1000000
#   HEAP=8g bench/churn-train.sh        # the JVM's -Xmx (default 8g)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -o -DskipTests package -pl ownstack-insights -am
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-insights -am
classpath="ownstack-insights/target/test-classes:ownstack-insights/target/classes:$(cat ownstack-insights/target/bench-classpath.txt)"
# OpenMP threads that wait passively leave the CPU to others on a shared machine
OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}" /usr/bin/time -f "whole process: %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
  java -Xmx"${HEAP:-8g}" -Djava.util.logging.config.file=/dev/null -cp "$classpath" \
  dev.ownstack.insights.churn.bench.ChurnBenchmark "${1:-1000000}"
