#!/usr/bin/env bash
# Delivery throughput of the sync sender (DestinationSender) in one JVM, records generated on the fly:
# records/s to a fake with no limit; and the request rate achieved against a fake enforcing Braze's
# published limit (3,000 requests per 3 s, 75 records per request) as a share of that limit, with
# the requests the fake saw over the limit (goal: at least 90%, and none over).
#
#   bench/sync-delivery.sh [RECORDS_UNLIMITED] [REQUESTS_LIMITED] [LATENCY_MS] [WINDOW_SCALE]
#   # defaults: 2000000 30000 20 1.0 (WINDOW_SCALE 0.5: 3,000 requests per 1.5 s, for a quicker run)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -DskipTests package -pl ownstack-activation -am
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-activation -am
exec java -Xmx1g -cp "ownstack-activation/target/test-classes:ownstack-activation/target/classes:$(cat ownstack-activation/target/bench-classpath.txt)" \
  dev.ownstack.activation.bench.SyncDeliveryBenchmark "${1:-2000000}" "${2:-30000}" "${3:-20}" "${4:-1.0}"
