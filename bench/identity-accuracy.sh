#!/usr/bin/env bash
# Measures the accuracy of identity resolution (docs/IDENTITY.md#accuracy): pairwise precision,
# recall and F1 of `ownstack resolve` against the truth, with deterministic keys alone and with
# probabilistic matching, on generated data and on the public sets in ../shared/data/identity.
#
# Usage: bench/identity-accuracy.sh [CUSTOMERS] [WORK_DIRECTORY]
#   CUSTOMERS       people to generate, default 320000 (about 1,010,000 identity records); 0 skips
#                   the generated data and measures only the public sets
#   WORK_DIRECTORY  default bench/out/identity-accuracy (ignored by git); replaced on every run.
#                   320,000 customers need about 16 GB there: 13 GB of events.jsonl, which is
#                   deleted once loaded, and a 2.2 GB warehouse
#   OWNSTACK        the command to run, default bin/ownstack
#   KEEP_LOADED=1   keep WORK_DIRECTORY/generated when an earlier run loaded the same number of
#                   customers there, and skip generating and loading (35 minutes at 320,000 here)
#
# The configurations are in bench/identity/: <set>.yml is a whole ownstack.yml with deterministic
# keys; <set>-probabilistic.yml is appended to it (under identity:) for the second run.
set -euo pipefail

cd "$(dirname "$0")/.."
repository="$(pwd)"
customers="${1:-320000}"
work="${2:-bench/out/identity-accuracy}"
read -r -a ownstack <<< "${OWNSTACK:-bin/ownstack}"
configs="$repository/bench/identity"

shared=""
for folder in "$repository/.." "$repository/../.." "$repository/../../.."; do
  if [[ -d "$folder/shared/data/identity" ]]; then
    shared="$(cd "$folder/shared/data/identity" && pwd)"
    break
  fi
done
if [[ -z "$shared" ]]; then
  echo "no shared/data/identity folder above $repository: the public data sets are needed" >&2
  exit 2
fi

loaded_marker="$work/generated/.loaded-customers"
if [[ "${KEEP_LOADED:-0}" == 1 && -f "$loaded_marker" && "$(cat "$loaded_marker")" == "$customers" ]]; then
  find "$work" -mindepth 1 -maxdepth 1 ! -name generated -exec rm -rf {} +
  keep_loaded=1
else
  rm -rf "$work"
  keep_loaded=0
fi
mkdir -p "$work"
work="$(cd "$work" && pwd)"
loaded_marker="$work/generated/.loaded-customers"

# Runs `ownstack resolve` in project $1 and prints its wall time in seconds.
resolve() {
  local start end
  start=$(date +%s.%N)
  "${ownstack[@]}" resolve -p "$1" > "$1/resolve.log" 2>&1 || { cat "$1/resolve.log" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", b - a }'
}

# Prints one result line: data set, run, seconds, then evaluate's CSV row.
evaluate() {
  local label="$1" seconds="$2"
  shift 2
  local row
  row="$("${ownstack[@]}" identity evaluate --format csv "$@" | tail -n 1)"
  echo "$label,$seconds,$row"
}

header="set,run,resolve_seconds,records,customers,true_clusters,precision,recall,f1,predicted_pairs,true_pairs,correct_pairs,only_in_identity,only_in_truth"
results="$work/results.csv"
echo "$header" > "$results"

# A public set: $1 label, $2 config name, $3 data file, then evaluate's truth options.
public_set() {
  local label="$1" config="$2" file="$3"
  shift 3
  local project="$work/$label"
  mkdir -p "$project/data"
  cp "$file" "$project/data/$(basename "$config").csv"
  cp "$configs/$config.yml" "$project/ownstack.yml"
  "${ownstack[@]}" ingest -p "$project" > "$project/ingest.log" 2>&1 || { cat "$project/ingest.log" >&2; exit 1; }
  local seconds
  seconds="$(resolve "$project")"
  evaluate "$label,deterministic" "$seconds" -p "$project" "$@" | tee -a "$results"
  cat "$configs/$config-probabilistic.yml" >> "$project/ownstack.yml"
  seconds="$(resolve "$project")"
  evaluate "$label,probabilistic" "$seconds" -p "$project" "$@" | tee -a "$results"
}

# FEBRL names a record rec-N-org or rec-N-dup-K: person N.
febrl_truth() {
  awk -F', *' 'NR == 1 { print "record_id,person_id"; next } { split($1, part, "-"); print $1 "," part[2] }' "$1" > "$2"
}

echo "$header"
public_set fake_1000 fake_1000 "$shared/splink/fake_1000.csv" \
  --truth "$shared/splink/fake_1000.csv" --source people --record-column unique_id --cluster-column cluster
for dataset in dataset1 dataset2; do
  febrl_truth "$shared/febrl/$dataset.csv" "$work/febrl-$dataset-truth.csv"
  public_set "febrl_$dataset" febrl "$shared/febrl/$dataset.csv" --truth "$work/febrl-$dataset-truth.csv" --source febrl
done

if (( customers > 0 )); then
  project="$work/generated"
  if (( keep_loaded == 0 )); then
    mkdir -p "$project"
    "${ownstack[@]}" generate --customers "$customers" --seed 42 --out "$project/data" > "$project/generate.log" 2>&1
    # only the files identity resolution reads
    rm -f "$project/data/orders.csv" "$project/data/order_items.csv" "$project/data/transactions.csv"
    cp "$configs/generated.yml" "$project/ownstack.yml"
    "${ownstack[@]}" ingest -p "$project" > "$project/ingest.log" 2>&1 || { cat "$project/ingest.log" >&2; exit 1; }
    rm -f "$project/data/events.jsonl"
    echo "$customers" > "$loaded_marker"
  fi
  cp "$configs/generated.yml" "$project/ownstack.yml"
  truth="$project/data/truth.csv"

  # Identified devices: a device whose events carry a user id or an email, so some key can link it.
  # The other devices hold nothing but their own anonymous id; the second truth file leaves them out.
  "${ownstack[@]}" sql -p "$project" --format csv "SELECT anonymousid AS record_id FROM raw.web_events
      WHERE anonymousid IS NOT NULL AND (userid IS NOT NULL OR json_extract_string(traits, '\$.email') IS NOT NULL)
      GROUP BY 1" > "$project/identified.csv"
  awk -F, 'NR == FNR { if (FNR > 1) identified[$1] = 1; next }
           FNR == 1 || ($1 == "events.anonymousId" && $2 in identified) || ($1 != "events.anonymousId" && $1 != "events.userId")' \
      "$project/identified.csv" "$truth" > "$project/truth-identified.csv"
  map=(--map-source events.anonymousId=web_devices)

  seconds="$(resolve "$project")"
  evaluate "generated,deterministic" "$seconds" -p "$project" --truth "$truth" "${map[@]}" | tee -a "$results"
  evaluate "generated_identified,deterministic" "$seconds" -p "$project" --truth "$project/truth-identified.csv" "${map[@]}" | tee -a "$results"
  cat "$configs/generated-probabilistic.yml" >> "$project/ownstack.yml"
  seconds="$(resolve "$project")"
  evaluate "generated,probabilistic" "$seconds" -p "$project" --truth "$truth" "${map[@]}" | tee -a "$results"
  evaluate "generated_identified,probabilistic" "$seconds" -p "$project" --truth "$project/truth-identified.csv" "${map[@]}" | tee -a "$results"

  # The ceiling: the recall of an oracle linking one person's records that share a value of these keys.
  cp "$configs/generated-ceiling.yml" "$project/ownstack.yml"
  resolve "$project" > /dev/null
  echo
  echo "set,keys,ceiling_recall,ceiling_f1,ceiling_customers"
  for keys in user_id,anonymous_id,email,phone user_id,anonymous_id,email,phone,postcode \
              user_id,anonymous_id,email,phone,postcode,full_name; do
    for set in generated generated_identified; do
      file="$truth"
      [[ "$set" == generated_identified ]] && file="$project/truth-identified.csv"
      row="$("${ownstack[@]}" identity evaluate --format csv -p "$project" --truth "$file" "${map[@]}" --ceiling-keys "$keys" | tail -n 1)"
      echo "$set,\"$keys\",$(cut -d, -f12- <<< "$row")" | tee -a "$work/ceilings.csv"
    done
  done
fi
echo
echo "results in $results"
