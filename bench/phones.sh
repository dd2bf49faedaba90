#!/usr/bin/env bash
# Phone normalisation per number: the phone key's fast path against libphonenumber's parse and
# validity check, in the same run, on the generator's phone numbers (default region GB), in CPU time.
#
#   bench/phones.sh [PEOPLE] [ROUNDS]      # defaults: 200000 5
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-cli -am
# the modules' own classes first: the dependency classpath may name older installed jars of them
modules="$(ls -d ownstack-*/target/classes | tr '\n' ':')"
exec java -cp "ownstack-cli/target/test-classes:$modules$(cat ownstack-cli/target/bench-classpath.txt)" \
  dev.ownstack.cli.generate.PhoneKeyBenchmark "${1:-200000}" "${2:-5}"
