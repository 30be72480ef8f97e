#!/usr/bin/env bash
# Crash safety of multi-statement SQL transactions: a server killed with
# SIGKILL while clients stream transfer transactions never shows half of one
# after restart. Each transaction moves 1 from account 1 to account 2 and
# logs it; after every crash the books must balance exactly.
source "$(dirname "$0")/lib.sh"

start_tetradb "$WORK/data"
rcli SQL "CREATE TABLE acct (id INT PRIMARY KEY, balance INT NOT NULL)" >/dev/null
rcli SQL "CREATE TABLE transfer_log (id INT AUTO_INCREMENT PRIMARY KEY, amount INT NOT NULL)" >/dev/null
rcli SQL "INSERT INTO acct VALUES (1, 100000), (2, 0)" >/dev/null

# Commands of 2,000 transfers, each BEGIN / 3 statements / COMMIT, plus one
# transaction left open at the end.
script="$WORK/transfers.txt"
for i in $(seq 1 2000); do
  printf '%s\n' 'SQL BEGIN' \
    'SQL "UPDATE acct SET balance = balance - 1 WHERE id = 1"' \
    'SQL "INSERT INTO transfer_log (amount) VALUES (1)"' \
    'SQL "UPDATE acct SET balance = balance + 1 WHERE id = 2"' \
    'SQL COMMIT'
done >"$script"

check_books() {
  local b1 b2 logged
  b1=$(rcli SQL "SELECT balance FROM acct WHERE id = 1" | sed -n 4p)
  b2=$(rcli SQL "SELECT balance FROM acct WHERE id = 2" | sed -n 4p)
  logged=$(rcli SQL "SELECT COUNT(*) FROM transfer_log" | sed -n 4p)
  expect_eq "total money ($1)" "$((b1 + b2))" "100000"
  expect_eq "every transfer logged exactly once ($1)" "$b2" "$logged"
  echo "$logged"
}

before=0
for round in 1 2 3; do
  # Two clients stream transfers; the server dies under them.
  for c in 1 2; do
    (rcli <"$script" >/dev/null 2>&1 || true) &
  done
  sleep 0.$((3 + round * 2))
  kill -KILL "$TD_PID"
  wait "$TD_PID" 2>/dev/null || true
  TD_PID=""
  wait || true
  start_tetradb "$WORK/data"
  after=$(check_books "after crash $round")
  [ "$after" -ge "$before" ] || fail "committed transfers were lost: $after < $before"
  before=$after
done
[ "$before" -gt 0 ] || fail "no transfer committed before the crashes"
stop_tetradb
echo "PASS sql_crash_test ($before transfers committed across 3 crashes)"
