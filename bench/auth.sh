#!/usr/bin/env bash
# What authentication costs: Argon2id hash and verify (median of REPETITIONS), then the median time
# of GET /api/session with a key of server.api-keys, a user's key and a session cookie, next to the
# open GET /health, over REQUESTS sequential requests each on a local server (in-memory DuckDB).
#
#   bench/auth.sh [REPETITIONS] [REQUESTS]   # defaults: 20, 2000
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-server -am
exec java -Xmx1g -cp "ownstack-server/target/test-classes:ownstack-server/target/classes:$(cat ownstack-server/target/bench-classpath.txt)" \
  dev.ownstack.server.AuthBenchmark "${1:-20}" "${2:-2000}"
