#!/usr/bin/env bash
# Pipelined commands share one commit per batch; each must still behave as
# if it ran alone: errors undo only their own command, order is kept, mode
# changes (SELECT, MULTI, blocking) split the batch, and concurrent clients
# lose no update.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data"

out=$(printf 'SET p1 a\r\nINCR p1\r\nSET p2 b\r\nRPUSH p1 x\r\nAPPEND p1 z\r\nGET p1\r\nGET p2\r\n' | rcli | tr '\n' ,)
expect_eq "errors inside a pipeline" "$out" \
  "OK,ERR value is not an integer or out of range,,OK,WRONGTYPE Operation against a key holding the wrong kind of value,,2,az,b,"

out=$(printf 'SET a 1\r\nSELECT 1\r\nSET a 2\r\nGET a\r\nSELECT 0\r\nGET a\r\n' | rcli | tr '\n' ,)
expect_eq "SELECT splits the batch" "$out" "OK,OK,OK,2,OK,1,"

out=$(printf 'SET m 1\r\nMULTI\r\nINCR m\r\nEXEC\r\nINCR m\r\n' | rcli | tr '\n' ,)
expect_eq "MULTI inside a pipeline" "$out" "OK,OK,QUEUED,2,3,"

out=$(printf 'RPUSH bq v\r\nBLPOP bq 1\r\nBLPOP bq 0.1\r\nSET after 1\r\n' | rcli | tr '\n' ,)
expect_eq "blocking command inside a pipeline" "$out" "1,bq,v,,OK,"

# Keys written in a batch count and expire like any other.
rcli FLUSHDB >/dev/null
printf 'SET k1 v\r\nSET k2 v PX 100\r\nDEL k1\r\nSET k3 v\r\n' | rcli >/dev/null
expect_eq "DBSIZE after batch" "$(rcli DBSIZE)" "2"
sleep 0.5
expect_eq "expiry after batch" "$(rcli DBSIZE)" "1"

# 4 clients x 500 pipelined INCRs of one key: no update lost.
pids=()
for c in 1 2 3 4; do
  ( for i in $(seq 1 500); do printf 'INCR shared\r\n'; done | rcli >/dev/null ) &
  pids+=($!)
done
wait "${pids[@]}"
expect_eq "no lost update" "$(rcli GET shared)" "2000"

# Crossing writes from two clients (k1 then k2 / k2 then k1) cannot deadlock.
pids=()
( for i in $(seq 1 300); do printf 'INCR x1\r\nINCR x2\r\n'; done | rcli >/dev/null ) &
pids+=($!)
( for i in $(seq 1 300); do printf 'INCR x2\r\nINCR x1\r\n'; done | rcli >/dev/null ) &
pids+=($!)
wait "${pids[@]}"
expect_eq "crossing batches x1" "$(rcli GET x1)" "600"
expect_eq "crossing batches x2" "$(rcli GET x2)" "600"

# INFO commandstats counts each pipelined command once (a batch times its
# commands back to back).
rcli CONFIG RESETSTAT >/dev/null
printf 'HSET cs f 1\r\nHSET cs g 2\r\nHGET cs f\r\nHSET cs h 3\r\n' | rcli >/dev/null
stats=$(rcli INFO commandstats)
expect_contains "HSET calls" "$stats" "cmdstat_hset:calls=3,"
expect_contains "HGET calls" "$stats" "cmdstat_hget:calls=1,"

stop_tetradb
echo "pipeline: ok"
