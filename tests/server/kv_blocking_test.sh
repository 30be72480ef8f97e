#!/usr/bin/env bash
# Blocking pops: timeouts, wake-ups by other clients, MULTI, disconnects.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data"

blocked_clients() { rcli INFO clients | tr -d '\r' | awk -F: '$1=="blocked_clients"{print $2}'; }
wait_blocked() {  # wait_blocked N
  local i
  for i in $(seq 1 50); do [ "$(blocked_clients)" == "$1" ] && return 0; sleep 0.05; done
  fail "blocked_clients never reached $1 (is $(blocked_clients))"
}

expect_eq "BLPOP negative" "$(rcli BLPOP q -1)" "ERR timeout is negative"
expect_eq "BLPOP bad timeout" "$(rcli BLPOP q abc)" "ERR timeout is not a float or out of range"
rcli RPUSH ready a b >/dev/null
expect_eq "BLPOP immediate" "$(rcli BLPOP empty ready 1 | tr '\n' ,)" "ready,a,"
expect_eq "BRPOP immediate" "$(rcli BRPOP ready 1 | tr '\n' ,)" "ready,b,"

start=$(date +%s%N)
expect_eq "BLPOP times out" "$(rcli BLPOP q 0.3)" ""
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$elapsed" -ge 250 ] && [ "$elapsed" -lt 3000 ] || fail "BLPOP 0.3 took $elapsed ms"

# A push from another client wakes the blocked one.
rcli BLPOP q 5 > "$WORK/blpop.out" &
pid=$!
wait_blocked 1
expect_eq "RPUSH to blocked key" "$(rcli RPUSH q hello)" "1"
wait "$pid"
expect_eq "BLPOP woken" "$(tr '\n' , < "$WORK/blpop.out")" "q,hello,"
expect_eq "element consumed" "$(rcli LLEN q)" "0"
wait_blocked 0

# Two waiters, one element: exactly one is served, the other keeps waiting.
rcli BRPOP two 2 > "$WORK/w1.out" &
p1=$!
rcli BRPOP two 2 > "$WORK/w2.out" &
p2=$!
wait_blocked 2
rcli LPUSH two only >/dev/null
wait "$p1" "$p2"
served=$(cat "$WORK/w1.out" "$WORK/w2.out" | grep -c only || true)
expect_eq "one waiter served" "$served" "1"

# BRPOPLPUSH / BLMOVE / BLMPOP / BZPOPMIN woken by writes.
rcli BRPOPLPUSH src dst 5 > "$WORK/b.out" &
pid=$!
wait_blocked 1
rcli RPUSH src moved >/dev/null
wait "$pid"
expect_eq "BRPOPLPUSH" "$(cat "$WORK/b.out")" "moved"
expect_eq "BRPOPLPUSH pushed" "$(rcli LRANGE dst 0 -1)" "moved"
expect_eq "BLMOVE timeout is nil bulk" "$(rcli BLMOVE none dst LEFT RIGHT 0.1)" ""
rcli BLMPOP 5 2 l1 l2 RIGHT COUNT 2 > "$WORK/m.out" &
pid=$!
wait_blocked 1
rcli RPUSH l2 x y z >/dev/null
wait "$pid"
expect_eq "BLMPOP" "$(tr '\n' , < "$WORK/m.out")" "l2,z,y,"
rcli BZPOPMIN z1 z2 5 > "$WORK/z.out" &
pid=$!
wait_blocked 1
rcli ZADD z2 3 c 1 a >/dev/null
wait "$pid"
expect_eq "BZPOPMIN" "$(tr '\n' , < "$WORK/z.out")" "z2,a,1,"
expect_eq "BZPOPMAX immediate" "$(rcli BZPOPMAX z2 1 | tr '\n' ,)" "z2,c,3,"

# WRONGTYPE is reported, not waited on.
rcli SET str v >/dev/null
expect_eq "BLPOP wrong type" "$(rcli BLPOP str 1)" \
  "WRONGTYPE Operation against a key holding the wrong kind of value"

# Inside MULTI nothing blocks.
out=$(printf 'MULTI\r\nBLPOP nothing 0\r\nEXEC\r\n' | rcli | tr '\n' ,)
expect_eq "BLPOP in MULTI" "$out" "OK,QUEUED,,"

# A client that disconnects while blocked is forgotten.
timeout 0.5 redis-cli -h 127.0.0.1 -p "$TD_PORT" BLPOP gone 0 >/dev/null 2>&1 || true
wait_blocked 0
expect_eq "push after disconnect" "$(rcli RPUSH gone v)" "1"
expect_eq "nobody took it" "$(rcli LLEN gone)" "1"

# Shutdown is not held up by a client blocked forever.
rcli BLPOP forever 0 >/dev/null 2>&1 &
wait_blocked 1
stop_tetradb
echo "kv_blocking: ok"
