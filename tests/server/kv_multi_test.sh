#!/usr/bin/env bash
# MULTI/EXEC atomicity and errors, WATCH aborts, DISCARD.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data"

out=$(printf 'MULTI\r\nSET a 1\r\nINCR a\r\nINCR a\r\nGET a\r\nEXEC\r\n' | rcli | tr '\n' ,)
expect_eq "MULTI/EXEC" "$out" "OK,QUEUED,QUEUED,QUEUED,QUEUED,OK,2,3,3,"

# A run-time error is one reply inside EXEC; the others still apply.
out=$(printf 'MULTI\r\nSET s x\r\nINCR s\r\nSET t y\r\nEXEC\r\n' | rcli | tr '\n' ,)
expect_eq "EXEC with run-time error" "$out" \
  "OK,QUEUED,QUEUED,QUEUED,OK,ERR value is not an integer or out of range,,OK,"
expect_eq "later command applied" "$(rcli GET t)" "y"

# A queue-time error aborts the whole transaction.
out=$(printf 'MULTI\r\nSET u 1\r\nNOSUCHCMD\r\nEXEC\r\n' | rcli | tr '\n' ,)
expect_contains "EXECABORT" "$out" "EXECABORT Transaction discarded because of previous errors."
expect_eq "nothing applied" "$(rcli EXISTS u)" "0"
out=$(printf 'MULTI\r\nGET\r\nEXEC\r\n' | rcli | tr '\n' ,)
expect_contains "arity at queue time" "$out" "EXECABORT"

expect_eq "EXEC without MULTI" "$(rcli EXEC)" "ERR EXEC without MULTI"
expect_eq "DISCARD without MULTI" "$(rcli DISCARD)" "ERR DISCARD without MULTI"
out=$(printf 'MULTI\r\nMULTI\r\nDISCARD\r\n' | rcli | tr '\n' ,)
expect_eq "nested MULTI" "$out" "OK,ERR MULTI calls can not be nested,,OK,"
out=$(printf 'MULTI\r\nSET d 1\r\nDISCARD\r\nGET d\r\n' | rcli | tr '\n' ,)
expect_eq "DISCARD" "$out" "OK,QUEUED,OK,,"
out=$(printf 'MULTI\r\nWATCH x\r\nDISCARD\r\n' | rcli | tr '\n' ,)
expect_eq "WATCH inside MULTI" "$out" "OK,ERR WATCH inside MULTI is not allowed,,OK,"

# WATCH: another client's write between WATCH and EXEC aborts EXEC.
rcli SET w 1 >/dev/null
conn_open
conn_send WATCH w;  expect_eq "WATCH" "$(conn_read_line)" "+OK"
rcli SET w 2 >/dev/null
conn_send MULTI;    expect_eq "MULTI" "$(conn_read_line)" "+OK"
conn_send SET w 3;  expect_eq "queued" "$(conn_read_line)" "+QUEUED"
conn_send EXEC;     expect_eq "EXEC aborted by WATCH" "$(conn_read_line)" "*-1"
expect_eq "other client's value kept" "$(rcli GET w)" "2"
# Untouched watched key: EXEC runs. UNWATCH forgets.
conn_send WATCH w;  conn_read_line >/dev/null
conn_send MULTI;    conn_read_line >/dev/null
conn_send SET w 4;  conn_read_line >/dev/null
conn_send EXEC;     expect_eq "EXEC runs" "$(conn_read_line)" "*1"
expect_eq "EXEC reply" "$(conn_read_line)" "+OK"
conn_send WATCH w;  conn_read_line >/dev/null
rcli SET w 5 >/dev/null
conn_send UNWATCH;  conn_read_line >/dev/null
conn_send MULTI;    conn_read_line >/dev/null
conn_send SET w 6;  conn_read_line >/dev/null
conn_send EXEC;     expect_eq "EXEC after UNWATCH" "$(conn_read_line)" "*1"
conn_read_line >/dev/null
# Expiry of a watched key counts as a change.
rcli SET v 1 PX 100 >/dev/null
conn_send WATCH v;  conn_read_line >/dev/null
sleep 0.5
conn_send MULTI;    conn_read_line >/dev/null
conn_send SET v 2;  conn_read_line >/dev/null
conn_send EXEC;     expect_eq "EXEC aborted by expiry" "$(conn_read_line)" "*-1"
conn_close

# Concurrent transactions never interleave: 4 clients x 100 EXECs each
# moving 1 from one key to another keep the sum constant.
rcli MSET from 100000 to 0 >/dev/null
pids=()
for c in 1 2 3 4; do
  ( for i in $(seq 1 100); do printf 'MULTI\r\nDECR from\r\nINCR to\r\nEXEC\r\n'; done | rcli >/dev/null ) &
  pids+=($!)
done
wait "${pids[@]}" 
expect_eq "atomic transfers" "$(( $(rcli GET from) + $(rcli GET to) ))" "100000"
expect_eq "all transfers done" "$(rcli GET to)" "400"

# A transaction reads its own writes to one key only, not those to the keys
# next to it.
rcli DEL s1 s2 h1 h2 z1 z2 >/dev/null
got=$(printf 'MULTI\r\nSADD s1 a\r\nSADD s2 b\r\nSMEMBERS s1\r\nEXEC\r\n' | rcli | tail -n 1)
expect_eq "SMEMBERS in MULTI" "$got" "a"
got=$(printf 'MULTI\r\nHSET h1 f v\r\nHSET h2 g w\r\nHGETALL h1\r\nEXEC\r\n' | rcli | tail -n 2 |
  tr '\n' ' ')
expect_eq "HGETALL in MULTI" "$got" "f v "
got=$(printf 'MULTI\r\nZADD z1 1 a\r\nZADD z2 2 b\r\nZREVRANGE z1 0 -1\r\nEXEC\r\n' | rcli |
  tail -n 1)
expect_eq "ZREVRANGE in MULTI" "$got" "a"

# EXEC's reads see one state: while another client keeps setting a and b
# to equal values (MSET, atomic), an EXEC that reads a, then many other
# things, then b never sees them differ.
rcli DEL a b >/dev/null
(for i in $(seq 1 30000); do printf 'MSET a %d b %d\r\n' "$i" "$i"; done) |
  rcli --pipe >/dev/null 2>&1 &
writer=$!
(for _ in $(seq 1 2000); do
  printf 'MULTI\r\nGET a\r\n'
  for _ in $(seq 1 30); do printf 'STRLEN filler\r\n'; done
  printf 'GET b\r\nEXEC\r\n'
done) | rcli >"$WORK/exec.out"
wait "$writer"
read -r pairs mismatched < <(awk '/^OK$|^QUEUED$|^0$/ {next}
  {v[n % 2] = $0; n++; if (n % 2 == 0 && v[0] != v[1]) bad++}
  END {print n / 2, bad + 0}' "$WORK/exec.out")
expect_eq "EXEC results" "$pairs" "2000"
expect_eq "EXEC saw a and b differ" "$mismatched" "0"

stop_tetradb
echo "kv_multi: ok"
