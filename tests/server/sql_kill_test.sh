#!/usr/bin/env bash
# Cancelling SQL from outside: max_execution_time over RESP and HTTP, KILL
# QUERY / KILL CONNECTION from another redis-cli, a client that goes away
# in the middle of a statement, and SIGTERM during slow statements.
#
# The slow statements run for minutes when nothing stops them; every wait
# here is bounded by a few seconds, and each background client by timeout.
source "$(dirname "$0")/lib.sh"

start_tetradb "$WORK/data"

# 2000 rows: a three-way cross join counts 8*10^9 rows.
rcli SQL "CREATE TABLE t (id INT PRIMARY KEY, v INT NOT NULL DEFAULT 0)" >/dev/null
values=$(seq -s, 1 2000 | sed -E 's/([0-9]+)/(\1)/g')
rcli SQL "INSERT INTO t (id) VALUES $values" >/dev/null
SLOW="SELECT COUNT(*) FROM t a, t b, t c"
# Writes its first rows within milliseconds, all of them only after minutes.
SLOW_UPDATE="UPDATE t SET v = (SELECT COUNT(*) FROM t a, t b WHERE a.id <= t.id)"

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# running_sql_id: the id of a client whose current command is SQL (waits
# up to 5 s for one to show up in CLIENT LIST).
running_sql_id() {
  local i line
  for i in $(seq 1 50); do
    line=$(rcli CLIENT LIST | grep ' cmd=sql ' | head -n 1 || true)
    if [ -n "$line" ]; then
      echo "$line" | grep -oP '^id=\K[0-9]+'
      return 0
    fi
    sleep 0.1
  done
  fail "no client is running SQL"
}

# wait_exit PID SECONDS: the process must end within SECONDS.
wait_exit() {
  local i
  for i in $(seq 1 $(($2 * 10))); do
    kill -0 "$1" 2>/dev/null || { wait "$1" || true; return 0; }
    sleep 0.1
  done
  fail "process $1 still running after $2 s"
}

# client_gone ID SECONDS: client ID must leave CLIENT LIST within SECONDS. A
# connection leaves the list once its last command has returned, so this
# says its statement stopped.
client_gone() {
  local i
  for i in $(seq 1 $(($2 * 10))); do
    rcli CLIENT LIST | grep -q "^id=$1 " || return 0
    sleep 0.1
  done
  fail "client $1 still listed after $2 s: its statement still runs"
}

slow_client() {  # slow_client OUTFILE COMMAND...: a redis-cli in the background
  local out=$1
  shift
  timeout 120 redis-cli -h 127.0.0.1 -p "$TD_PORT" "$@" >"$out" 2>&1 &
}

# --- max_execution_time ----------------------------------------------------
start=$(now_ms)
got=$(printf '%s\n' 'SQL "SET max_execution_time = 100"' "SQL \"$SLOW\"" \
  'SQL "SELECT @@max_execution_time"' | rcli)
expect_contains "timeout over RESP" "$got" \
  "ERR 3024 (HY000): Query execution was interrupted, maximum statement execution time exceeded"
expect_contains "session still usable" "$got" $'rows\n100'
[ $(($(now_ms) - start)) -lt 5000 ] || fail "max_execution_time took $(($(now_ms) - start)) ms"

got=$(rcli SQL "SELECT /*+ MAX_EXECUTION_TIME(100) */ COUNT(*) FROM t a, t b, t c")
expect_contains "hint over RESP" "$got" "ERR 3024 (HY000)"

got=$(http POST /sql "{\"statements\": [{\"sql\": \"SET max_execution_time = 100\"}, {\"sql\": \"$SLOW\"}]}")
expect_contains "timeout over HTTP" "$got" '400 {"error":{"code":3024'
expect_contains "timeout over HTTP names the statement" "$got" '"statement":1'

# --- KILL QUERY from another client -------------------------------------------
printf '%s\n' "SQL \"$SLOW\"" 'SQL "SELECT CONNECTION_ID()"' |
  timeout 120 redis-cli -h 127.0.0.1 -p "$TD_PORT" >"$WORK/kill_query" 2>&1 &
victim=$!
id=$(running_sql_id)
start=$(now_ms)
got=$(rcli SQL "KILL QUERY $id")
expect_contains "KILL QUERY answers OK" "$got" $'rows_affected\n0'
wait_exit "$victim" 5
[ $(($(now_ms) - start)) -lt 5000 ] || fail "KILL QUERY took $(($(now_ms) - start)) ms"
got=$(cat "$WORK/kill_query")
expect_contains "killed statement" "$got" "ERR 1317 (70100): Query execution was interrupted"
# The connection outlived KILL QUERY and ran its next statement.
expect_contains "connection kept" "$got" $'CONNECTION_ID()\nrows\n'"$id"

# --- KILL QUERY of a statement waiting for a row lock -------------------------
# One transaction holds row 1's lock for 4 s; another client's UPDATE of the
# row waits for it. KILL QUERY ends the wait at once (1317), not at the 5 s
# lock timeout.
(printf '%s\n' 'SQL "SELECT CONNECTION_ID()"' 'SQL "BEGIN"' 'SQL "UPDATE t SET v = 7 WHERE id = 1"'
  sleep 4
  printf '%s\n' 'SQL "ROLLBACK"') |
  timeout 20 redis-cli -h 127.0.0.1 -p "$TD_PORT" >"$WORK/holder" 2>&1 &
holder=$!
for _ in $(seq 1 50); do
  grep -q 'rows_affected' "$WORK/holder" 2>/dev/null && [ "$(grep -c rows_affected "$WORK/holder")" -ge 3 ] && break
  sleep 0.1
done
holder_id=$(sed -n '/CONNECTION_ID()/{n;n;p;q}' "$WORK/holder")
[ -n "$holder_id" ] || fail "lock holder: $(cat "$WORK/holder")"
printf '%s\n' 'SQL "UPDATE t SET v = 8 WHERE id = 1"' |
  timeout 20 redis-cli -h 127.0.0.1 -p "$TD_PORT" >"$WORK/lock_wait" 2>&1 &
waiter=$!
waiter_id=""
for _ in $(seq 1 50); do
  waiter_id=$(rcli CLIENT LIST | grep ' cmd=sql ' | grep -v "^id=$holder_id " |
    grep -oP '^id=\K[0-9]+' | head -n 1 || true)
  [ -n "$waiter_id" ] && break
  sleep 0.1
done
[ -n "$waiter_id" ] || fail "the waiting UPDATE did not show up"
sleep 0.3  # it waits for the lock by now
start=$(now_ms)
rcli SQL "KILL QUERY $waiter_id" >/dev/null
wait_exit "$waiter" 5
elapsed=$(($(now_ms) - start))
[ "$elapsed" -lt 2000 ] || fail "KILL QUERY of a row-lock wait took $elapsed ms"
expect_contains "killed lock wait" "$(cat "$WORK/lock_wait")" \
  "ERR 1317 (70100): Query execution was interrupted"
wait "$holder" || true

got=$(rcli SQL "KILL 999999")
expect_contains "unknown id" "$got" "ERR 1094 (HY000): Unknown thread id: 999999"

# --- KILL CONNECTION ------------------------------------------------------------
slow_client "$WORK/kill_conn" SQL "$SLOW"
victim=$!
id=$(running_sql_id)
rcli SQL "KILL CONNECTION $id" >/dev/null
wait_exit "$victim" 5
client_gone "$id" 5
# A client that never ran SQL can be killed too (its CLIENT ID).
exec 3<>"/dev/tcp/127.0.0.1/$TD_PORT"
conn_send CLIENT ID
idle=$(conn_read_line)
idle=${idle#:}
rcli SQL "KILL $idle" >/dev/null
client_gone "$idle" 5
conn_close

# --- A client that goes away -------------------------------------------------------
slow_client "$WORK/gone" SQL "$SLOW_UPDATE"
victim=$!
id=$(running_sql_id)
sleep 0.3  # some rows are written by now
kill -TERM "$victim"
wait "$victim" 2>/dev/null || true
client_gone "$id" 5
got=$(rcli SQL "SELECT SUM(v) FROM t" | sed -n 4p)
expect_eq "the interrupted UPDATE left nothing" "$got" "0"
# Its row locks are gone too (a lock still held would fail after 5 s with 1205).
got=$(rcli SQL "UPDATE t SET v = 1")
expect_contains "rows free" "$got" $'rows_affected\n2000'

# --- An HTTP client that goes away ---------------------------------------------------
got=$(http POST /sql '{"sql": "SELECT CONNECTION_ID()"}')
http_id=$(echo "$got" | grep -oP '"rows":\[\[\K[0-9]+')
[ -n "$http_id" ] && [ "$http_id" -gt 0 ] || fail "CONNECTION_ID() over HTTP: $got"
[ "$http_id" != "$(rcli CLIENT ID)" ] || fail "HTTP and RESP connections share id $http_id"
start=$(now_ms)
timeout 20 curl -s --max-time 1 -H 'Content-Type: application/json' \
  --data "{\"sql\": \"$SLOW_UPDATE\"}" "http://127.0.0.1:$TD_HTTP/sql" >/dev/null 2>&1 || true
# Its UPDATE was interrupted and rolled back, its row locks freed: this one
# would otherwise wait 5 s for them and fail with 1205.
got=$(rcli SQL "UPDATE t SET v = 2")
expect_contains "rows free after the HTTP client left" "$got" $'rows_affected\n2000'
[ $(($(now_ms) - start)) -lt 4500 ] || fail "the abandoned HTTP statement held its locks"

# KILL QUERY of an HTTP connection's statement: one keep-alive connection
# asks for its id, then runs the slow query.
timeout 60 curl -s -H 'Content-Type: application/json' \
  --data '{"sql": "SELECT CONNECTION_ID()"}' "http://127.0.0.1:$TD_HTTP/sql" --next \
  -H 'Content-Type: application/json' --data "{\"sql\": \"$SLOW\"}" \
  "http://127.0.0.1:$TD_HTTP/sql" >"$WORK/http_kill" 2>&1 &
curl_pid=$!
http_id=""
for i in $(seq 1 50); do
  http_id=$(grep -oP '"rows":\[\[\K[0-9]+' "$WORK/http_kill" || true)
  [ -n "$http_id" ] && break
  sleep 0.1
done
[ -n "$http_id" ] || fail "no CONNECTION_ID() from the keep-alive HTTP connection"
sleep 0.3  # the slow query has started
got=""
for i in $(seq 1 20); do  # until the slow statement is registered
  got=$(rcli SQL "KILL QUERY $http_id")
  case "$got" in *rows_affected*) break ;; esac
  sleep 0.1
done
expect_contains "KILL QUERY of an HTTP statement" "$got" $'rows_affected\n0'
wait_exit "$curl_pid" 5
expect_contains "HTTP statement killed" "$(cat "$WORK/http_kill")" '"code":1317'

# --- SIGTERM during slow statements ---------------------------------------------------
# HTTP requests the server has read (each look counts itself).
http_requests() {
  timeout 10 curl -s "http://127.0.0.1:$TD_HTTP/metrics" |
    grep -oP '^tetradb_http_requests_total \K[0-9]+'
}
slow_client "$WORK/shutdown_resp" SQL "$SLOW"
victim=$!
before=$(http_requests)
timeout 120 curl -s -o "$WORK/shutdown_http" -w '%{http_code}' \
  -H 'Content-Type: application/json' --data "{\"sql\": \"$SLOW\"}" \
  "http://127.0.0.1:$TD_HTTP/sql" >"$WORK/shutdown_http_status" 2>/dev/null &
curl_pid=$!
running_sql_id >/dev/null
for i in $(seq 1 50); do  # until the server has read the POST
  [ "$(http_requests)" -ge $((before + i + 1)) ] && break
  [ "$i" -lt 50 ] || fail "the slow HTTP request did not arrive"
  sleep 0.1
done
start=$(now_ms)
stop_tetradb  # exits 0 within 2 s, or fails
wait_exit "$victim" 2
wait_exit "$curl_pid" 2
echo "shutdown took $(($(now_ms) - start)) ms"
expect_contains "RESP statement cut by shutdown" "$(cat "$WORK/shutdown_resp")" \
  "ERR 1053 (08S01): Server shutdown in progress"
expect_eq "HTTP statement cut by shutdown" "$(cat "$WORK/shutdown_http_status")" "503"
expect_contains "HTTP error" "$(cat "$WORK/shutdown_http")" '"code":1053'

echo "PASS sql_kill_test"
