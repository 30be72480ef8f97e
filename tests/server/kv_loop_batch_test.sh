#!/usr/bin/env bash
# The key-value commands of all connections a network thread serves in one
# pass of its loop share one transaction (docs/architecture.md, "Batches").
# While 50 clients write one hot key, other clients run commands that must
# commit the batch before they run (EXEC, WATCH, SELECT, a blocking pop,
# EVAL) and blocked pops get woken. None of them may wait for the batch's
# key locks (their own thread holds them: 500 ms per try, then an error),
# and every count must come out exact.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data" --threads 2

rounds=200
redis-benchmark -h 127.0.0.1 -p "$TD_PORT" -c 50 -n 40000 -t incr,lpush -q >/dev/null 2>&1 &
bench=$!
for i in $(seq 1 "$rounds"); do
  printf 'WATCH calm\r\nMULTI\r\nINCR side\r\nINCR counter:__rand_int__\r\nEXEC\r\n'
  printf 'SELECT 1\r\nINCR other\r\nSELECT 0\r\nLPUSH q x\r\nBLPOP q 1\r\n'
  printf 'EVAL "return redis.call(%s, KEYS[1])" 1 side\r\n' "'INCR'"
done | rcli >"$WORK/out.txt"
# Blocked pops woken by pushes from other connections, while the load runs.
woken=0
for i in $(seq 1 20); do
  (rcli BLPOP wq 5 >"$WORK/pop.$i") &
  popper=$!
  sleep 0.05
  rcli LPUSH wq "v$i" >/dev/null
  wait "$popper"
  [ "$(tail -1 "$WORK/pop.$i")" = "v$i" ] && woken=$((woken + 1))
done
wait "$bench" || fail "redis-benchmark failed"

expect_eq "OK replies (WATCH, MULTI, SELECT x2)" "$(grep -c '^OK$' "$WORK/out.txt")" "$((rounds * 4))"
expect_eq "no errors" "$(grep -c 'ERR' "$WORK/out.txt")" "0"
expect_eq "hot counter" "$(rcli GET counter:__rand_int__)" "$((40000 + rounds))"
expect_eq "EXEC and EVAL increments" "$(rcli GET side)" "$((rounds * 2))"
expect_eq "writes in db 1" "$(rcli -n 1 GET other)" "$rounds"
expect_eq "every pushed q element popped" "$(rcli LLEN q)" "0"
expect_eq "pushed list" "$(rcli LLEN mylist)" "40000"
expect_eq "blocked pops woken" "$woken" "20"
stop_tetradb
echo "PASS"
