#!/usr/bin/env bash
# Flags, start-up errors, clean shutdown, restart on the same directory.
source "$(dirname "$0")/lib.sh"

help=$("$TETRADB_BIN" --help)
for flag in --dir --port --http-port --bind --durability --memory --threads \
            --requirepass --log-level --version --help; do
  expect_contains "--help lists $flag" "$help" "$flag"
done
expect_contains "--version" "$("$TETRADB_BIN" --version)" "tetradb "

rc=0
out=$("$TETRADB_BIN" --durability sometimes 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "bad --durability accepted"

start_tetradb "$WORK/data"
first_port=$TD_PORT
first_pid=$TD_PID

# A second server on the same directory: clear error naming it, non-zero exit.
rc=0
out=$(timeout 10 "$TETRADB_BIN" --dir "$WORK/data" --port 0 --http-port 0 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "second tetradb on the same --dir exited 0"
expect_contains "same dir message" "$out" "$WORK/data"
expect_contains "same dir message" "$out" "in use"

# A busy port: clear one-line error, non-zero exit.
rc=0
out=$(timeout 10 "$TETRADB_BIN" --dir "$WORK/other" --port "$first_port" --http-port 0 2>&1) || rc=$?
[ "$rc" -ne 0 ] || fail "tetradb on a busy port exited 0"
expect_contains "busy port message" "$out" "127.0.0.1:$first_port"
expect_contains "busy port message" "$out" "in use"
expect_eq "busy port message is one line" "$(echo "$out" | wc -l)" "1"

# --requirepass gates commands until AUTH.
expect_eq "still the first server" "$TD_PID" "$first_pid"
stop_tetradb

start_tetradb "$WORK/data" --requirepass s3cret
expect_eq "NOAUTH" "$(rcli PING)" "NOAUTH Authentication required."
expect_eq "AUTH ok" "$(rcli -a s3cret --no-auth-warning PING)" "PONG"
expect_eq "wrong password" "$(rcli -a nope --no-auth-warning PING 2>&1 | head -1)" \
  "AUTH failed: WRONGPASS invalid username-password pair or user is disabled."

# An open idle client must not hold up shutdown.
exec 3<>/dev/tcp/127.0.0.1/$TD_PORT
stop_tetradb
exec 3>&-

# In-memory mode leaves no files behind.
start_tetradb "$WORK/mem" --memory
expect_eq "memory PING" "$(rcli PING)" "PONG"
stop_tetradb
[ ! -e "$WORK/mem" ] || fail "--memory created $WORK/mem"

echo "lifecycle: ok"
