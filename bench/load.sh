#!/usr/bin/env bash
# Load throughput: ownstack's loader next to each engine's own bulk path, on the same files, in one run.
#
#   bench/load.sh retail            # Online Retail, 305 CSV files, 541,909 rows
#   bench/load.sh events [CUSTOMERS] # generated events.jsonl (default 250000 customers)
#
#   BENCH_ENGINES="duckdb" bench/load.sh ...   # only some engines (default: duckdb postgres)
#
# Needs PostgreSQL on 127.0.0.1:5432 (postgres/postgres; .ci/run starts one) and psql.
# Prints one line per measurement: engine, path, rows, seconds, rows/s, and the ratio to the engine's own path.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
ownstack="$root/bin/ownstack"
work="${BENCH_DIR:-$root/bench/out}"
what="${1:-retail}"
engines="${BENCH_ENGINES:-duckdb postgres}"
export PGPASSWORD="${OWNSTACK_TEST_PG_PASSWORD:-postgres}"
pg() { psql -h 127.0.0.1 -U postgres -v ON_ERROR_STOP=1 -qAt "$@"; }

mkdir -p "$work"
"$ownstack" --version >/dev/null   # builds the jar outside the timings

now() { date +%s.%N; }
since() { awk -v a="$1" -v b="$(now)" 'BEGIN { print b - a }'; }
report() { # engine path rows seconds baseline_seconds
  awk -v e="$1" -v p="$2" -v r="$3" -v s="$4" -v b="$5" 'BEGIN {
    printf "%-9s %-34s %11d rows %8.2f s %12.0f rows/s", e, p, r, s, r / s;
    if (b > 0) printf "   %.2fx the engine'"'"'s own path", b / s; printf "\n" }'
}

project() { # dir warehouse-yaml
  rm -rf "$1"; mkdir -p "$1"
  printf 'version: 1\nwarehouse:\n%s\n' "$2" > "$1/ownstack.yml"
}

pg_project() { # dir database
  pg -d postgres -c "DROP DATABASE IF EXISTS $2 WITH (FORCE)" -c "CREATE DATABASE $2"
  project "$1" "  type: postgres
  host: 127.0.0.1
  database: $2
  user: postgres
  password: \${env:PGPASSWORD}
  ssl-mode: disable"
}

case "$what" in
retail)
  data="$root/../shared/data/online_retail/by-day"
  glob="$data/*.csv"
  rows=541909
  columns='InvoiceNo text, StockCode text, Description text, Quantity bigint, InvoiceDate timestamp, UnitPrice double precision, CustomerID double precision, Country text'

  if [[ $engines == *duckdb* ]]; then
  project "$work/duck-native" "  type: duckdb"
  t0=$(now); "$ownstack" sql -p "$work/duck-native" "CREATE TABLE retail AS SELECT * FROM read_csv('$glob', header = true)" 2>/dev/null
  native=$(since "$t0")
  report duckdb "read_csv into a table (native)" $rows "$native" 0
  project "$work/duck-ownstack" "  type: duckdb"
  t0=$(now); "$ownstack" ingest -p "$work/duck-ownstack" --file "$glob" --into retail >/dev/null 2>&1
  report duckdb "ownstack ingest" $rows "$(since "$t0")" "$native"
  fi

  if [[ $engines == *postgres* ]]; then
  pg -d postgres -c "DROP DATABASE IF EXISTS bench_native WITH (FORCE)" -c "CREATE DATABASE bench_native"
  pg -d bench_native -c "CREATE TABLE retail ($columns)"
  script="$work/copy.sql"; : > "$script"
  for f in $glob; do echo "\\copy retail FROM '$f' WITH (FORMAT csv, HEADER true)" >> "$script"; done
  t0=$(now); pg -d bench_native -f "$script"
  native=$(since "$t0")
  report postgres "COPY from the files (native)" $rows "$native" 0
  pg_project "$work/pg-ownstack" bench_ownstack
  t0=$(now); "$ownstack" ingest -p "$work/pg-ownstack" --file "$glob" --into retail >/dev/null 2>&1
  report postgres "ownstack ingest" $rows "$(since "$t0")" "$native"
  fi
  ;;
events)
  customers="${2:-250000}"
  gen="$work/generated"
  if [ ! -f "$gen/events.jsonl" ] || [ "$(cat "$gen/.customers" 2>/dev/null)" != "$customers" ]; then
    rm -rf "$gen"
    /usr/bin/time -v "$ownstack" generate --customers "$customers" --seed 42 --out "$gen" 2> "$work/generate.time" >/dev/null
    echo "$customers" > "$gen/.customers"
    grep -E "Elapsed|Maximum resident" "$work/generate.time"
  fi
  file="$gen/events.jsonl"
  rows=$(wc -l < "$file")

  if [[ $engines == *duckdb* ]]; then
  project "$work/duck-native" "  type: duckdb"
  t0=$(now); "$ownstack" sql -p "$work/duck-native" "CREATE TABLE events AS SELECT * FROM read_json('$file', format = 'newline_delimited')" 2>/dev/null
  native=$(since "$t0")
  report duckdb "read_json into a table (native)" "$rows" "$native" 0
  project "$work/duck-ownstack" "  type: duckdb"
  t0=$(now); "$ownstack" ingest -p "$work/duck-ownstack" --file "$file" --into events >/dev/null 2>&1
  report duckdb "ownstack ingest" "$rows" "$(since "$t0")" "$native"
  fi

  if [[ $engines == *postgres* ]]; then
  # PostgreSQL has no JSON-lines reader: its own path is COPY of each line into one jsonb column
  # (quote and delimiter set to bytes that never occur in the file), i.e. no flattening at all.
  pg -d postgres -c "DROP DATABASE IF EXISTS bench_native WITH (FORCE)" -c "CREATE DATABASE bench_native"
  pg -d bench_native -c "CREATE TABLE events (doc jsonb)"
  t0=$(now); pg -d bench_native -c "\\copy events FROM '$file' WITH (FORMAT csv, QUOTE e'\\x01', DELIMITER e'\\x02')"
  native=$(since "$t0")
  report postgres "COPY into one jsonb column (native)" "$rows" "$native" 0
  pg_project "$work/pg-ownstack" bench_ownstack
  t0=$(now); "$ownstack" ingest -p "$work/pg-ownstack" --file "$file" --into events >/dev/null 2>&1
  report postgres "ownstack ingest" "$rows" "$(since "$t0")" "$native"
  fi
  ;;
*)
  echo "usage: bench/load.sh retail | events [CUSTOMERS]" >&2; exit 2 ;;
esac
