#!/usr/bin/env bash
# Settling (docs/architecture.md): once writes stop for --settle-after-ms,
# the server flushes a large memtable by itself (INFO persistence counts
# it), every key reads the same before and after, and across a restart.
# With --settle-after-ms 0 it never does.
source "$(dirname "$0")/lib.sh"

value=$(head -c 5000 /dev/zero | tr '\0' 'v')
load() {  # 2,000 keys of 5 KB: about 10 MB, over a quarter of a 32 MB memtable
  for i in $(seq 1 2000); do printf 'SET key:%d %s%d\r\n' "$i" "$value" "$i"; done |
    timeout 60 redis-cli -h 127.0.0.1 -p "$TD_PORT" --pipe >"$WORK/pipe.txt" 2>&1 ||
    fail "redis-cli --pipe: $(cat "$WORK/pipe.txt")"
}
field() { rcli INFO persistence | tr -d '\r' | grep "^$1:" | cut -d: -f2; }
check_keys() {
  for i in 1 777 2000; do
    expect_eq "$1: key:$i" "$(rcli GET "key:$i")" "$value$i"
  done
  expect_eq "$1: DBSIZE" "$(rcli DBSIZE)" "2000"
}

start_tetradb "$WORK/quiet" --settle-after-ms 300
expect_eq "settle_flushes at start" "$(field settle_flushes)" "0"
load
check_keys "before settling"
for i in $(seq 1 100); do
  [ "$(field settle_flushes)" -ge 1 ] && break
  sleep 0.1
done
[ "$(field settle_flushes)" -ge 1 ] || fail "no flush 10 s after the last write"
check_keys "after settling"
stop_tetradb
start_tetradb "$WORK/quiet" --settle-after-ms 300
check_keys "after a restart"
stop_tetradb

start_tetradb "$WORK/never" --settle-after-ms 0
load
sleep 1.5
expect_eq "settle_flushes with --settle-after-ms 0" "$(field settle_flushes)" "0"
expect_eq "settle_merges with --settle-after-ms 0" "$(field settle_merges)" "0"
check_keys "never settled"
stop_tetradb

echo "settle_test: ok"
