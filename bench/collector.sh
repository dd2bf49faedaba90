#!/usr/bin/env bash
# Durable events/s through `ownstack serve` next to the raw limit of this machine, in one run.
#
#   bench/collector.sh [SECONDS] [CLIENTS] [BATCH] [EVENT_BYTES]     # defaults: 20 16 100 400
#
#   BENCH_LOADER=held bench/collector.sh        # the loader held back: the collector alone, as the raw limit is
#   BENCH_SERVER_JAVA_OPTS="-XX:StartFlightRecording=filename=/tmp/serve.jfr" bench/collector.sh  # profile the server
#
# Prints the raw limit (the same bodies parsed with Jackson and appended to a file with one fsync
# per group, no HTTP), the collector's acknowledged events/s with latency percentiles, their ratio,
# how long the loader took to drain what was left, the server's peak RSS, and the rows that landed.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests package -pl ownstack-cli -am
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-cli -am
exec java -Xmx1g -cp "ownstack-cli/target/test-classes:ownstack-cli/target/classes:$(cat ownstack-cli/target/bench-classpath.txt)" \
  dev.ownstack.cli.bench.CollectorBenchmark ownstack-cli/target/ownstack.jar "${1:-20}" "${2:-16}" "${3:-100}" "${4:-400}"
