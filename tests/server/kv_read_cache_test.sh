#!/usr/bin/env bash
# Plain key-value reads go through a per-thread cache (docs/architecture.md,
# "The read cache"). Through the real server with two network threads:
# a value written on one connection is what the next read on any other
# connection returns (each redis-cli call is a new connection, and new
# connections alternate between the threads), and while 50 clients
# increment a counter, reads on other connections never go backwards.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data" --threads 2

# Read-your-write across connections and threads, for each kind of record
# a read can come from: a string, a hash field, a list chunk, a set member.
for i in $(seq 1 60); do
  rcli SET rw "v$i" >/dev/null
  expect_eq "GET after SET $i" "$(rcli GET rw)" "v$i"
  rcli HSET h f "v$i" >/dev/null
  expect_eq "HGET after HSET $i" "$(rcli HGET h f)" "v$i"
  rcli LPUSH l "v$i" >/dev/null
  expect_eq "LINDEX after LPUSH $i" "$(rcli LINDEX l 0)" "v$i"
  rcli SADD s "v$i" >/dev/null
  expect_eq "SISMEMBER after SADD $i" "$(rcli SISMEMBER s "v$i")" "1"
  rcli DEL rw >/dev/null
  expect_eq "GET after DEL $i" "$(rcli EXISTS rw)" "0"
done

# Reads racing a hot writer never go backwards: one pipelined connection,
# and a new connection per read.
total=30000
redis-benchmark -h 127.0.0.1 -p "$TD_PORT" -c 50 -n "$total" -q incr cnt >/dev/null 2>&1 &
bench=$!
for i in $(seq 1 3000); do printf 'GET cnt\r\n'; done | rcli >"$WORK/piped.txt" &
piped=$!
last=0
for i in $(seq 1 150); do
  v=$(rcli GET cnt)
  v=${v:-0}
  [ "$v" -ge "$last" ] || fail "GET cnt went back from $last to $v on a new connection"
  last=$v
done
wait "$piped" || fail "pipelined reader failed"
wait "$bench" || fail "redis-benchmark failed"
prev=0
while read -r v; do
  v=${v:-0}
  [ "$v" -ge "$prev" ] || fail "GET cnt went back from $prev to $v on one connection"
  prev=$v
done <"$WORK/piped.txt"
expect_eq "pipelined replies" "$(wc -l <"$WORK/piped.txt")" "3000"
expect_eq "counter after the load" "$(rcli GET cnt)" "$total"
stop_tetradb
