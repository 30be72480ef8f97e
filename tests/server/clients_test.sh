#!/usr/bin/env bash
# Real client tools at volume: redis-benchmark's default test list, 1,000
# concurrent connections, and a 1,000,000-command mass insert with
# redis-cli --pipe. Loopback only; every loop is bounded.
source "$(dirname "$0")/lib.sh"
ulimit -n 4096 2>/dev/null || true
start_tetradb "$WORK/data"

# The default redis-benchmark list (PING, SET, GET, INCR, LPUSH, RPUSH, LPOP,
# RPOP, SADD, HSET, SPOP, ZADD, ZPOPMIN, LRANGE_*, MSET) runs with no error.
out=$(timeout 120 redis-benchmark -h 127.0.0.1 -p "$TD_PORT" -q -n 2000 2>&1 | tr '\r' '\n')
for t in PING_INLINE SET GET INCR LPUSH RPUSH LPOP RPOP SADD HSET SPOP ZADD ZPOPMIN \
         LRANGE_100 LRANGE_600 MSET; do
  grep -q "^$t.*requests per second" <<<"$out" || fail "redis-benchmark did not finish $t: $out"
done
if grep -qi "error" <<<"$out"; then fail "redis-benchmark reported an error: $out"; fi

# 1,000 clients at once.
out=$(timeout 120 redis-benchmark -h 127.0.0.1 -p "$TD_PORT" -q -c 1000 -n 20000 -t ping,set,get 2>&1 | tr '\r' '\n')
grep -q "^GET.*requests per second" <<<"$out" || fail "1000 clients: $out"
if grep -qi "error" <<<"$out"; then fail "1000 clients: $out"; fi
expect_eq "server alive after 1000 clients" "$(rcli PING)" "PONG"

# Mass insert.
rcli FLUSHALL >/dev/null
out=$(awk 'BEGIN { for (i = 0; i < 1000000; i++) { k = "key:" i;
        printf "*3\r\n$3\r\nSET\r\n$%d\r\n%s\r\n$%d\r\n%d\r\n", length(k), k, length(i ""), i } }' |
      timeout 300 redis-cli -h 127.0.0.1 -p "$TD_PORT" --pipe 2>&1)
expect_contains "--pipe summary" "$out" "errors: 0, replies: 1000000"
expect_eq "DBSIZE after mass insert" "$(rcli DBSIZE)" "1000000"
expect_eq "a value" "$(rcli GET key:999999)" "999999"

stop_tetradb
echo "clients: ok"
