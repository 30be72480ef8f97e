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

# CONFIG SET requirepass applies at once to clients that connect later;
# a client connected before keeps its state; "" removes the password.
stop_tetradb
start_tetradb "$WORK/data"
exec 4<>"/dev/tcp/127.0.0.1/$TD_PORT"
printf 'PING\r\n' >&4
read -r line <&4
expect_eq "PING before the password" "${line%$'\r'}" "+PONG"
expect_eq "CONFIG SET requirepass" "$(rcli CONFIG SET requirepass n3w)" "OK"
expect_eq "new client needs AUTH" "$(rcli PING)" "NOAUTH Authentication required."
expect_eq "AUTH with the new password" "$(rcli -a n3w --no-auth-warning PING)" "PONG"
printf 'PING\r\n' >&4
read -r line <&4
expect_eq "connected client keeps its state" "${line%$'\r'}" "+PONG"
expect_eq "CONFIG GET requirepass" "$(rcli -a n3w --no-auth-warning CONFIG GET requirepass | tail -n 1)" "n3w"
expect_eq "remove the password" "$(rcli -a n3w --no-auth-warning CONFIG SET requirepass '')" "OK"
expect_eq "no password needed again" "$(rcli PING)" "PONG"
exec 4>&-

# An open idle client must not hold up shutdown.
exec 3<>/dev/tcp/127.0.0.1/$TD_PORT
stop_tetradb
exec 3>&-

# SAVE, BGSAVE, LASTSAVE; SHUTDOWN stops the server as SIGTERM does and the
# data is there after a restart.
start_tetradb "$WORK/saved"
expect_eq "SET before SAVE" "$(rcli SET k v)" "OK"
expect_eq "SAVE" "$(rcli SAVE)" "OK"
now=$(date +%s)
last=$(rcli LASTSAVE)
[ $((now - last)) -le 5 ] || fail "LASTSAVE $last is not the SAVE just done ($now)"
expect_eq "BGSAVE" "$(rcli BGSAVE)" "Background saving started"
expect_eq "BGSAVE bad option" "$(rcli BGSAVE NOW)" "ERR syntax error"
expect_eq "SHUTDOWN ABORT" "$(rcli SHUTDOWN ABORT)" "ERR No shutdown in progress."
expect_eq "SHUTDOWN NOSAVE SAVE" "$(rcli SHUTDOWN NOSAVE SAVE)" "ERR syntax error"
expect_eq "SHUTDOWN bad option" "$(rcli SHUTDOWN LATER)" "ERR syntax error"
expect_eq "SHUTDOWN in MULTI" "$(printf 'MULTI\r\nSHUTDOWN\r\nDISCARD\r\n' | rcli | sed -n 2p)" \
  "ERR Command not allowed inside a transaction"
expect_eq "SET after the refused SHUTDOWNs" "$(rcli SET k2 v2)" "OK"
out=$(rcli SHUTDOWN NOSAVE 2>&1) || true
expect_eq "SHUTDOWN answers nothing" "$out" ""
for i in $(seq 1 50); do
  kill -0 "$TD_PID" 2>/dev/null || break
  sleep 0.1
done
kill -0 "$TD_PID" 2>/dev/null && fail "tetradb still running 5 s after SHUTDOWN"
rc=0
wait "$TD_PID" || rc=$?
expect_eq "SHUTDOWN exit code" "$rc" "0"
TD_PID=""
start_tetradb "$WORK/saved"
expect_eq "data after SHUTDOWN" "$(rcli MGET k k2 | tr '\n' ' ')" "v v2 "
stop_tetradb

# In-memory mode leaves no files behind.
start_tetradb "$WORK/mem" --memory
expect_eq "memory PING" "$(rcli PING)" "PONG"
stop_tetradb
[ ! -e "$WORK/mem" ] || fail "--memory created $WORK/mem"

echo "lifecycle: ok"
