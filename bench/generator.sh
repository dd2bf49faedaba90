#!/usr/bin/env bash
# Measures `ownstack generate`: wall time, rows written per second and peak resident memory.
#
# Usage: bench/generator.sh [CUSTOMERS] [OUTPUT_DIRECTORY]
#   CUSTOMERS         defaults to 85000, which gives about 10 million rows in all files
#   OUTPUT_DIRECTORY  defaults to bench/out/generator (ignored by git); replaced on every run
#   OWNSTACK          the command to run, default bin/ownstack; any command that accepts
#                     `generate --customers N --seed S --out DIR` and writes manifest.json works,
#                     e.g. OWNSTACK="java -Xmx256m -cp CLASSPATH dev.ownstack.cli.generate.GeneratorBenchmark"
#
# Rows come from the run's manifest.json; wall time and peak RSS from GNU time.
set -euo pipefail

cd "$(dirname "$0")/.."
customers="${1:-85000}"
output="${2:-bench/out/generator}"
read -r -a command <<< "${OWNSTACK:-bin/ownstack}"

if [[ ! -x /usr/bin/time ]]; then
  echo "bench/generator.sh needs GNU time at /usr/bin/time (Debian/Ubuntu: apt-get install time)" >&2
  exit 2
fi

measurements="$(mktemp)"
trap 'rm -f "$measurements"' EXIT

if ! /usr/bin/time -v -o "$measurements" \
    "${command[@]}" generate --customers "$customers" --seed 42 --out "$output" >/dev/null; then
  echo "generate failed: ${command[*]} generate --customers $customers --seed 42 --out $output" >&2
  exit 1
fi

if [[ ! -f "$output/manifest.json" ]]; then
  echo "no $output/manifest.json: the run did not complete" >&2
  exit 1
fi
rows="$(sed -n 's/.*"total_rows": *\([0-9]*\).*/\1/p' "$output/manifest.json")"
wall="$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): *//p' "$measurements")"
peak_kilobytes="$(sed -n 's/.*Maximum resident set size (kbytes): *//p' "$measurements")"
seconds="$(awk -F: '{ if (NF == 3) print $1 * 3600 + $2 * 60 + $3; else print $1 * 60 + $2 }' <<< "$wall")"

bytes="$(du -sb "$output" | cut -f1)"
# The raw limit in the same run: writing the same number of bytes with dd (no generation at all).
megabytes=$(( bytes / 1048576 + 1 ))
dd_start=$(date +%s.%N)
dd if=/dev/zero of="$output/.raw-write" bs=1M count="$megabytes" conv=fdatasync status=none
dd_seconds="$(awk -v a="$dd_start" -v b="$(date +%s.%N)" 'BEGIN { print b - a }')"
rm -f "$output/.raw-write"

awk -v customers="$customers" -v rows="$rows" -v seconds="$seconds" -v peak="$peak_kilobytes" \
    -v bytes="$bytes" -v dd="$dd_seconds" 'BEGIN {
  printf "customers        %d\n", customers
  printf "rows             %d\n", rows
  printf "output           %.1f MB\n", bytes / 1e6
  printf "wall time        %.1f s\n", seconds
  printf "rows per second  %d\n", (seconds > 0 ? rows / seconds : rows)
  printf "peak RSS         %.0f MB\n", peak / 1024
  printf "write throughput %.1f MB/s; dd writing the same bytes %.1f MB/s (the generator takes %.2fx the time of the raw write)\n", bytes / 1e6 / seconds, bytes / 1e6 / dd, seconds / dd
}'
