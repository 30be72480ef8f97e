#!/usr/bin/env bash
# Connections that keep writing a key another worker thread writes move to
# that thread (client_migrations in INFO stats). Moving loses nothing: no
# command, reply, pub/sub message or wake-up of a blocked client, and every
# count comes out exact.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

start_tetradb "$WORK/data" --threads 2

# A subscriber and a blocked client, on whichever threads they land.
rcli SUBSCRIBE news >"$WORK/sub.out" &
sub=$!
rcli BLPOP wake 20 >"$WORK/blpop.out" &
blpop=$!
for _ in $(seq 1 50); do
  [ "$(rcli PUBSUB NUMSUB news | tail -n 1)" == "1" ] && break
  sleep 0.1
done

# Hot keys from 20 connections spread over both threads.
redis-benchmark -h 127.0.0.1 -p "$TD_PORT" -c 20 -n 20000 -t incr,lpush -q >/dev/null 2>&1
moved=$(rcli INFO stats | grep -oP 'client_migrations:\K[0-9]+')
[ "$moved" -gt 0 ] || fail "no connection moved to the hot key's thread"
expect_eq "INCR from 20 clients" "$(rcli GET counter:__rand_int__)" "20000"
expect_eq "LPUSH from 20 clients" "$(rcli LLEN mylist)" "20000"

# While clients move, pushes and wake-ups still arrive.
redis-benchmark -h 127.0.0.1 -p "$TD_PORT" -c 20 -n 20000 -t incr -q >/dev/null 2>&1 &
bench=$!
expect_eq "PUBLISH" "$(rcli PUBLISH news hello)" "1"
expect_eq "RPUSH wakes BLPOP" "$(rcli RPUSH wake x)" "1"
wait "$bench"
wait "$blpop"
expect_eq "BLPOP reply" "$(tr '\n' ' ' <"$WORK/blpop.out")" "wake x "
for _ in $(seq 1 50); do
  grep -q hello "$WORK/sub.out" && break
  sleep 0.1
done
expect_contains "message" "$(tr '\n' ' ' <"$WORK/sub.out")" "message news hello"
kill "$sub" 2>/dev/null || true
expect_eq "INCR after moves" "$(rcli GET counter:__rand_int__)" "40000"

# Random keys afterwards: every write is answered and lands.
redis-benchmark -h 127.0.0.1 -p "$TD_PORT" -c 20 -n 20000 -r 1000 -t set -q >/dev/null 2>&1
[ "$(rcli DBSIZE)" -gt 900 ] || fail "random SETs: DBSIZE $(rcli DBSIZE)"
# Long-lived connections move for a hot key, then go back to the thread
# they were accepted on once they write only keys nobody else writes. Four
# connections, two per thread: those on the other thread than the hot key's
# owner move there and, later, back.
fifos=()
clients=()
for i in 1 2 3 4; do
  mkfifo "$WORK/in.$i"
  timeout 60 redis-cli -h 127.0.0.1 -p "$TD_PORT" <"$WORK/in.$i" >"$WORK/out.$i" 2>&1 &
  clients+=($!)
  exec {fd}>"$WORK/in.$i"
  fifos+=("$fd")
done
# Where each was accepted: "id thread" lines (redis-cli has only asked
# for COMMAND DOCS yet).
origins=""
for _ in $(seq 1 50); do
  origins=$(rcli CLIENT LIST | grep -F ' cmd=command|docs ' | grep -oP '^id=\K[0-9]+|io-thread=\K[0-9]+' |
    paste -d' ' - - | sort || true)
  [ "$(grep -c . <<<"$origins")" == 4 ] && break
  sleep 0.1
done
[ "$(grep -c . <<<"$origins")" == 4 ] || fail "the four connections: $origins"
redis-benchmark -h 127.0.0.1 -p "$TD_PORT" -c 10 -n 400000 -t incr -q >/dev/null 2>&1 &
bench=$!
sleep 0.3
for fd in "${fifos[@]}"; do
  for _ in $(seq 1 200); do printf 'INCR counter:__rand_int__\n' >&"$fd"; done
done
wait "$bench"
before=$(rcli INFO stats | grep -oP 'client_migrations:\K[0-9]+')
sleep 0.3  # past the least time between two moves
# One connection after the other, so that no key of theirs looks shared.
for i in 0 1 2 3; do
  fd=${fifos[$i]}
  for j in $(seq 1 400); do printf 'SET own:%s:%s x\n' "$fd" "$j" >&"$fd"; done
  for _ in $(seq 1 100); do
    [ "$(wc -l <"$WORK/out.$((i + 1))")" -ge 600 ] && break
    sleep 0.05
  done
done
# Back home: each sits on the thread it was accepted on again (CLIENT
# LIST's io-thread), wherever the hot key had taken it.
now=$(rcli CLIENT LIST | grep ' cmd=set ' | grep -oP '^id=\K[0-9]+|io-thread=\K[0-9]+' |
  paste -d' ' - - | sort || true)
expect_eq "threads after going home" "$now" "$origins"
for fd in "${fifos[@]}"; do exec {fd}>&-; done
for c in "${clients[@]}"; do wait "$c" || true; done
after=$(rcli INFO stats | grep -oP 'client_migrations:\K[0-9]+')
[ "$after" -ge "$before" ] || fail "moves went down ($before -> $after)"
expect_eq "SETs after moving back" "$(rcli EVAL "return #redis.call('KEYS', 'own:*')" 0)" "1600"

stop_tetradb
echo "PASS kv_migration_test"
