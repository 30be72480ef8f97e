#!/usr/bin/env bash
# Side by side: redis-server (Debian's, no persistence) and tetradb (default
# durability, data on disk) on loopback, driven by the same redis-benchmark
# run. Prints requests per second for both and the ratio tetradb / Redis.
# Each test runs ROUNDS times per server (alternating servers, so drift on a
# shared machine hits both alike); the table shows the medians.
#
#   bash bench/redis_compare.sh [requests] [clients]      (defaults 100000 50)
#   ROUNDS=1 TESTS=set,get TETRADB_BIN=... TETRADB_ARGS="--threads 1" bash bench/redis_compare.sh
#
# Needs redis-server and redis-benchmark (Debian: redis-server, redis-tools)
# and a built tetradb (bash tetra.sh build). Ports are picked free; both
# servers are stopped at the end.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
requests=${1:-100000}
clients=${2:-50}
rounds=${ROUNDS:-3}
tests=${TESTS:-set,get,incr,lpush,rpush,lpop,sadd,hset,zadd,lrange_100,mset}
tetradb_bin=${TETRADB_BIN:-build/server/tetradb}
work=$(mktemp -d "${TMPDIR:-/tmp}/tetradb-bench-XXXXXX")
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() {
  local p
  while :; do
    p=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null || { echo "$p"; return; }
  done
}

redis_port=$(free_port)
redis-server --port "$redis_port" --bind 127.0.0.1 --save '' --appendonly no \
  --daemonize no --dir "$work" >"$work/redis.log" 2>&1 &
pids+=($!)
# TETRADB_ARGS: extra server flags (e.g. "--threads 1"); default settings otherwise.
# shellcheck disable=SC2086
"$tetradb_bin" --dir "$work/tetradb" --port 0 --http-port 0 ${TETRADB_ARGS:-} \
  >"$work/tetradb.log" 2>&1 &
pids+=($!)
for i in $(seq 1 100); do
  grep -q 'RESP listening' "$work/tetradb.log" 2>/dev/null && redis-cli -p "$redis_port" ping >/dev/null 2>&1 && break
  sleep 0.1
done
tetra_port=$(grep -oP 'RESP listening on [0-9.]+:\K[0-9]+' "$work/tetradb.log")

# run PORT PIPELINE -> "test,rps" lines
run() {
  redis-cli -p "$1" FLUSHALL >/dev/null
  redis-benchmark -h 127.0.0.1 -p "$1" -c "$clients" -n "$requests" -P "$2" -t "$tests" --csv 2>&1 |
    grep -v '^"test"' | awk -F'","' '{gsub(/"/,"",$1); gsub(/"/,"",$2); print $1","$2}'
}

# median FILES... -> "test,rps" lines: per test, the median over the files
median() {
  cat "$@" | awk -F, '{v[$1] = v[$1] " " $2; if (!($1 in seen)) {seen[$1] = 1; order[++n] = $1}}
    END {for (i = 1; i <= n; i++) {k = split(v[order[i]], a, " ");
      for (x = 1; x <= k; x++) for (y = x + 1; y <= k; y++) if (a[y] + 0 < a[x] + 0) {t = a[x]; a[x] = a[y]; a[y] = t}
      print order[i] "," a[int((k + 1) / 2)]}}'
}

echo "redis-benchmark -c $clients -n $requests -t $tests, median of $rounds rounds"
echo "redis-server $(redis-server --version | grep -oP 'v=\K[0-9.]+') vs tetradb $("$tetradb_bin" --version | awk '{print $2}'), $(nproc) cores"
for round in $(seq 1 "$rounds"); do
  for pipeline in 1 16; do
    run "$redis_port" "$pipeline" >"$work/redis-$pipeline-$round"
    run "$tetra_port" "$pipeline" >"$work/tetradb-$pipeline-$round"
  done
done
for pipeline in 1 16; do
  echo
  printf '%-14s %6s %14s %14s %8s\n' test "-P" "redis rps" "tetradb rps" ratio
  paste -d, <(median "$work"/redis-"$pipeline"-*) <(median "$work"/tetradb-"$pipeline"-*) |
    while IFS=, read -r name r _ t; do
      printf '%-14s %6s %14s %14s %8s\n' "$name" "$pipeline" "$r" "$t" \
        "$(awk -v a="$t" -v b="$r" 'BEGIN{printf "%.2f", a/b}')"
    done
done
