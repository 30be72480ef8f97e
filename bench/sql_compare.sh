#!/usr/bin/env bash
# tetradb's relational model against SQLite (WAL, synchronous=NORMAL,
# prepared statements), in one run of bench/sql_bench.cc, and the ratio per
# test: SQLite's time over tetradb's (above 1.0: tetradb is faster).
# Extra arguments go to the benchmark binary.
#
#   bench/sql_compare.sh                       1,000,000 OrderItem rows
#   bench/sql_compare.sh --benchmark_repetitions=3   medians of 3
#   TETRADB_BENCH_ROWS=100000 bench/sql_compare.sh
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
bin=${BENCH_SQL:-build/bench/bench_sql}
[ -x "$bin" ] || { echo "build first: bash tetra.sh build" >&2; exit 1; }

csv=$("$bin" --benchmark_format=csv "$@" 2>/dev/null)
echo "rows: ${TETRADB_BENCH_ROWS:-1000000}"
printf '%-26s %14s %14s %8s\n' test tetradb sqlite ratio
# CSV: name,iterations,real_time,cpu_time,time_unit,...
echo "$csv" | awk -F, '
  /^"BM_/ {
    name = $1; gsub(/"/, "", name)
    # With --benchmark_repetitions, keep the medians only.
    if (name ~ /_(mean|stddev|cv)$/) next
    split(name, parts, "/")
    test = parts[1]; sub(/^BM_/, "", test)
    side = parts[2]
    t[test, side] = $3; unit[test] = $5
    if (!(test in seen)) { seen[test] = 1; order[++n] = test }
  }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i]
      printf "%-26s %11.3f %-2s %11.3f %-2s %8.2f\n", k, t[k, 0], unit[k], t[k, 1], unit[k], t[k, 1] / t[k, 0]
    }
  }'
