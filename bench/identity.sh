#!/usr/bin/env bash
# Identity resolution and the master models at scale on DuckDB: `ownstack resolve` and
# `ownstack build` on generated data, next to, in the same run, union-find in the JVM over the
# same edges (the limit) and min-label propagation in SQL over them (the baseline).
#
#   bench/identity.sh [RECORDS...]                       # default: 1000000
#   OWNSTACK_BENCH_DIR=/dev/shm/ownstack-bench bench/identity.sh 1000000 10000000
#   MIN_LABEL_ROUNDS=3 bench/identity.sh 10000000        # min-label gives up after this many rounds (default 30)
#
# For each size, about RECORDS identity records: the CRM contacts, shop accounts and newsletter
# signups (and the transactions) of RECORDS / 1.99 generated people, seed 42, without events
# (`ownstack generate --files`). They are generated and ingested once into a DuckDB file kept in
# $OWNSTACK_BENCH_DIR (default /tmp/ownstack-bench, outside the repository; the generated files
# are deleted once loaded). Each run works on a fresh copy of that file: `ownstack resolve`, then
# `ownstack build --skip-resolve` (the master models), each in its own JVM under /usr/bin/time,
# then ResolvedGraphBenchmark, which times copying the large tables resolve and build wrote (the
# floor of writing them on DuckDB), rebuilds the edges the resolution linked and times union-find,
# large-star/small-star in SQL and min-label over them. Prints a table with seconds, peak heap (the largest heap before a
# collection, from the GC log), peak RSS and the ratios; the step times of resolve are in
# $OWNSTACK_BENCH_DIR/n-<people>/resolve.err.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
bench="${OWNSTACK_BENCH_DIR:-/tmp/ownstack-bench}"
rounds="${MIN_LABEL_ROUNDS:-30}"
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(1000000)

# a jar shaded over an older one keeps that one's classes: build it afresh
rm -f ownstack-cli/target/ownstack.jar ownstack-cli/target/original-ownstack.jar
mvn -q -B -DskipTests package -pl ownstack-cli -am
mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/bench-classpath.txt -pl ownstack-model -am
jar="$root/ownstack-cli/target/ownstack.jar"
classpath="ownstack-model/target/test-classes:ownstack-model/target/classes:$(cat ownstack-model/target/bench-classpath.txt)"
mkdir -p "$bench"

# the largest heap before a collection in a -Xlog:gc file, in MiB
peak_heap() {
  grep -o '[0-9]*M->' "$1" | tr -d 'M>-' | sort -n | tail -1
}

# runs the CLI in project $1 with the arguments after it; prints "seconds peak_heap_MiB peak_RSS_MiB"
timed() {
  local project="$1" name="$2"
  shift 2
  /usr/bin/time -f "%e %M" -o "$project/$name.time" java -Xlog:gc:file="$project/$name.gc" -jar "$jar" "$@" -p "$project" \
    > "$project/$name.out" 2> "$project/$name.err" || { cat "$project/$name.err" >&2; exit 1; }
  read -r seconds rss_kib < "$project/$name.time"
  echo "$seconds $(peak_heap "$project/$name.gc") $((rss_kib / 1024))"
}

write_config() {
  cat > "$1/ownstack.yml" <<EOF
warehouse: {type: duckdb, path: warehouse.duckdb}
sources:
  crm_contacts: {type: file, path: data/crm_contacts.csv}
  shop_customers: {type: file, path: data/shop_customers.csv}
  newsletter_signups: {type: file, path: data/newsletter_signups.jsonl}
  transactions: {type: file, path: data/transactions.csv}
identity:
  default-region: GB
  keys:
    user_id: {kind: user-id, limit: 3}
    email: email-canonical
    phone: phone
    anonymous_id: anonymous-id
    name_postcode: {parts: [name, postcode], limit: 3}
  sources:
    shop_customers:
      id: customer_id
      updated-at: created_at
      keys: {user_id: customer_id, email: email, phone: phone, name_postcode: [[first_name, last_name], postcode]}
    crm_contacts:
      id: contact_id
      updated-at: created_at
      keys: {email: email, phone: phone, name_postcode: [[first_name, last_name], postcode]}
    newsletter_signups:
      id: id
      updated-at: timestamp_signup
      keys: {email: email_address}
models:
  as-of: 2025-01-01T00:00:00Z
  customers:
    attributes:
      email: {crm_contacts: email, shop_customers: email, newsletter_signups: email_address}
      first_name: {crm_contacts: first_name, shop_customers: first_name, newsletter_signups: merge_fields.FNAME}
      last_name: {crm_contacts: last_name, shop_customers: last_name, newsletter_signups: merge_fields.LNAME}
      phone: {crm_contacts: phone, shop_customers: phone}
      postcode: {crm_contacts: postcode, shop_customers: postcode}
  transactions:
    table: raw.transactions
    source: shop_customers
    record-id: customer_id
    id: transaction_id
    occurred-at: occurred_at
    amount: amount
    currency: currency
    type: type
  traits:
    orders: {function: count, of: transactions, where: {type: order}}
    revenue: {function: sum, of: transactions.amount}
    orders_last_90_days: {function: count, of: transactions, where: {type: order}, within: 90d}
    last_order_at: {function: max, of: transactions.occurred_at, where: {type: order}}
    days_since_last_order: {function: days-since, of: transactions.occurred_at, where: {type: order}}
EOF
}

rows=()
for records in "${sizes[@]}"; do
  # 1.99 identity records per generated person (docs/GENERATOR.md)
  people=$(awk -v r="$records" 'BEGIN { printf "%d", r / 1.99 + 0.5 }')
  project="$bench/n-$people"
  mkdir -p "$project"
  write_config "$project"
  if [ ! -f "$project/ingested.duckdb" ]; then
    echo "generating and loading $people people into $project (once)" >&2
    rm -f "$project/warehouse.duckdb" "$project/warehouse.duckdb.wal"
    java -jar "$jar" generate --customers "$people" --seed 42 --out data -p "$project" \
      --files crm_contacts,shop_customers,newsletter_signups,transactions > /dev/null
    java -jar "$jar" ingest -p "$project" > "$project/ingest.out"
    mv "$project/warehouse.duckdb" "$project/ingested.duckdb"
    find "$project/data" -type f ! -name manifest.json -delete
  fi
  rm -f "$project/warehouse.duckdb" "$project/warehouse.duckdb.wal"
  cp "$project/ingested.duckdb" "$project/warehouse.duckdb"
  echo "resolving and building $records records ($people people)" >&2
  read -r resolve_s resolve_heap resolve_rss <<< "$(timed "$project" resolve resolve)"
  read -r build_s build_heap build_rss <<< "$(timed "$project" build build --skip-resolve)"
  resolved=$(grep -o 'Resolved [0-9,]* records into [0-9,]* customers' "$project/resolve.out" | tr -d ',')
  echo "copying the outputs; union-find, large-star/small-star and min-label over the same edges" >&2
  java -Xmx6g -cp "$classpath" dev.ownstack.model.identity.bench.ResolvedGraphBenchmark "$project/warehouse.duckdb" "$rounds" \
    > "$project/graph.out"
  IFS=$'\t' read -r _ uf_outcome uf_s uf_heap uf_rss edges _ < <(grep '^union-find' "$project/graph.out")
  IFS=$'\t' read -r _ ml_outcome ml_s ml_heap ml_rss _ _ < <(grep '^min-label' "$project/graph.out")
  IFS=$'\t' read -r _ st_outcome st_s st_heap st_rss _ _ < <(grep '^large-star' "$project/graph.out")
  IFS=$'\t' read -r _ _ copy_s _ _ copy_rows _ < <(grep '^copy all' "$project/graph.out")
  [ "$ml_outcome" = "gave up" ] && ml_outcome="gave up after $rounds rounds"
  total=$(awk -v a="$resolve_s" -v b="$build_s" 'BEGIN { printf "%.1f", a + b }')
  rows+=("$(echo "$resolved" | awk '{print $2}')|$(echo "$resolved" | awk '{print $5}')|$edges|$resolve_s|$build_s|$total|${resolve_heap:-?} / ${build_heap:-?} MiB|$resolve_rss / $build_rss MiB|$copy_s ($copy_rows rows)|$(awk -v t="$total" -v c="$copy_s" 'BEGIN { printf "%.1f", t / c }')|$uf_s|$uf_heap / $uf_rss MiB|$(awk -v t="$total" -v u="$uf_s" 'BEGIN { printf "%.1f", t / u }')|$(awk -v c="$copy_s" -v u="$uf_s" 'BEGIN { printf "%.1f", c / u }')|$st_s ($st_outcome)|$(awk -v s="$st_s" -v u="$uf_s" 'BEGIN { printf "%.1f", s / u }')|$ml_s ($ml_outcome)|$ml_heap / $ml_rss MiB")
done

echo
echo "$(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at the end; DuckDB files in $bench"
echo
echo "| records | customers | edges | resolve s | build s | resolve + build s | peak heap (resolve / build) | peak RSS (resolve / build) | copying the outputs s | (resolve + build) / copying | union-find s | union-find heap / RSS | (resolve + build) / union-find | copying / union-find | large-star/small-star SQL s | star / union-find | min-label s | min-label heap / RSS |"
echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
for row in "${rows[@]}"; do
  echo "| ${row//|/ | } |"
done
