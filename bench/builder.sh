#!/usr/bin/env bash
# What the audience builder waits for after a change, on the demo: the time of
# POST /api/audiences/validate and of POST /api/audiences/preview (size and a 10-row sample) for the
# rule of NewUserJourneyIT (three conditions and a nested "any" group), next to GET /health (the
# HTTP round trip alone) and GET /api/catalog, each REQUESTS times in a row with curl against the
# server `ownstack demo` starts (300 people, or CUSTOMERS).
#
#   bench/builder.sh [REQUESTS] [CUSTOMERS]   # defaults: 20, 300
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
requests="${1:-20}"
customers="${2:-300}"
rm -f ownstack-cli/target/ownstack.jar ownstack-cli/target/original-ownstack.jar
mvn -q -B -o -DskipTests package -pl ownstack-cli -am
work="$(mktemp -d)"
log="$work/demo.log"
java -jar ownstack-cli/target/ownstack.jar demo --dir "$work/demo" --customers "$customers" --port 0 > "$log" 2>&1 &
demo=$!
trap 'kill $demo 2>/dev/null; wait $demo 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 600); do
  grep -q "sign in as" "$log" && break
  kill -0 $demo 2>/dev/null || { cat "$log"; exit 1; }
  sleep 1
done
base="$(grep -o 'http://127.0.0.1:[0-9]*/app/' "$log" | head -n 1)"
base="${base%/app/}"
key="Authorization: Bearer demo-api-key-for-this-demo-only"
rule='{"all": [{"trait": "orders", "operator": "greater-or-equal", "value": 1}, {"event": "Product Viewed", "count": {"operator": "at-least", "value": 2}, "within-days": 30}, {"any": [{"trait": "revenue", "operator": "greater", "value": 500}, {"trait": "accepts_marketing", "operator": "equals", "value": true}]}]}'

# median of REQUESTS timings of one request, in milliseconds
time_it() {
  local method="$1" path="$2" body="${3:-}"
  for _ in $(seq 1 "$requests"); do
    if [ -n "$body" ]; then
      curl -s -o /dev/null -w '%{time_total}\n' -X "$method" -H "$key" -H 'Content-Type: application/json' -d "$body" "$base$path"
    else
      curl -s -o /dev/null -w '%{time_total}\n' -X "$method" -H "$key" "$base$path"
    fi
  done | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}'
}
curl -s -o /dev/null -H "$key" "$base/api/catalog"   # the first reads the model catalog
health=$(time_it GET /health)
catalog=$(time_it GET /api/catalog)
validate=$(time_it POST /api/audiences/validate "{\"rule\": $rule}")
preview=$(time_it POST /api/audiences/preview "{\"definition\": {\"rule\": $rule}, \"sample\": {\"limit\": 10}}")
echo "| request | median ms ($requests in a row) | / GET /health |"
echo "|---|---:|---:|"
for row in "GET /health:$health" "GET /api/catalog:$catalog" "POST /api/audiences/validate:$validate" "POST /api/audiences/preview (size + 10 rows):$preview"; do
  name="${row%:*}"; ms="${row##*:}"
  echo "| $name | $ms | $(awk -v a="$ms" -v b="$health" 'BEGIN {printf "%.0fx", a / b}') |"
done
echo "validate + preview: $(awk -v a="$validate" -v b="$preview" 'BEGIN {printf "%.1f", a + b}') ms, after the page's 300 ms pause"
