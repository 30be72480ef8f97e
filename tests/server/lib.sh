# Shared helpers for the integration tests: start the real tetradb binary on
# free loopback ports, talk to it with redis-cli and curl, stop it.
# Every wait is bounded; a failing check prints what it got and exits 1.
set -euo pipefail

TETRADB_BIN=${TETRADB_BIN:?set TETRADB_BIN to the tetradb binary}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/tetradb-it-XXXXXX")
TD_PID=""
TD_LOG=""
trap 'cleanup' EXIT
trap 'echo "FAIL: ${BASH_SOURCE[0]}:$LINENO: $BASH_COMMAND" >&2' ERR

cleanup() {
  if [ -n "$TD_PID" ] && kill -0 "$TD_PID" 2>/dev/null; then
    kill -KILL "$TD_PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}

fail() {
  echo "FAIL: $*" >&2
  if [ -n "$TD_LOG" ] && [ -f "$TD_LOG" ]; then
    echo "--- server log ---" >&2
    tail -n 30 "$TD_LOG" >&2
  fi
  exit 1
}

# start_tetradb DIR [flags...]: sets TD_PID, TD_PORT (RESP), TD_HTTP.
start_tetradb() {
  local dir=$1
  shift
  TD_LOG="$WORK/server.$RANDOM.log"
  "$TETRADB_BIN" --dir "$dir" --bind 127.0.0.1 --port 0 --http-port 0 "$@" >"$TD_LOG" 2>&1 &
  TD_PID=$!
  local i
  for i in $(seq 1 100); do
    if grep -q 'HTTP listening on' "$TD_LOG" 2>/dev/null; then
      TD_PORT=$(grep -oP 'RESP listening on [0-9.]+:\K[0-9]+' "$TD_LOG")
      TD_HTTP=$(grep -oP 'HTTP listening on [0-9.]+:\K[0-9]+' "$TD_LOG")
      return 0
    fi
    kill -0 "$TD_PID" 2>/dev/null || fail "tetradb exited during start-up"
    sleep 0.1
  done
  fail "tetradb did not start within 10 s"
}

# stop_tetradb: SIGTERM, then the exit code must be 0 within 2 s.
stop_tetradb() {
  kill -TERM "$TD_PID"
  local i
  for i in $(seq 1 20); do
    if ! kill -0 "$TD_PID" 2>/dev/null; then
      local rc=0
      wait "$TD_PID" || rc=$?
      TD_PID=""
      [ "$rc" -eq 0 ] || fail "tetradb exited with $rc after SIGTERM"
      return 0
    fi
    sleep 0.1
  done
  fail "tetradb still running 2 s after SIGTERM"
}

rcli() { timeout 10 redis-cli -h 127.0.0.1 -p "$TD_PORT" "$@"; }

# expect_eq WHAT GOT WANT
expect_eq() {
  [ "$2" == "$3" ] || fail "$1: got [$2], want [$3]"
}

# expect_contains WHAT HAYSTACK NEEDLE
expect_contains() {
  [[ "$2" == *"$3"* ]] || fail "$1: [$2] does not contain [$3]"
}

# http METHOD PATH [BODY]: prints "STATUS BODY".
http() {
  local body=${3:-}
  timeout 10 curl -s -o "$WORK/body" -w '%{http_code}' -X "$1" \
    ${body:+-H 'Content-Type: application/json' --data "$body"} \
    "http://127.0.0.1:$TD_HTTP$2" >"$WORK/status" || true
  echo "$(cat "$WORK/status") $(cat "$WORK/body" 2>/dev/null)"
}

# A raw RESP connection on fd 3 for multi-step conversations:
# conn_open; conn_send 'PING'; conn_read_line; conn_close.
conn_open() { exec 3<>"/dev/tcp/127.0.0.1/$TD_PORT"; }
conn_close() { exec 3>&- 3<&-; }
# Sends one inline command.
conn_send() { printf '%s\r\n' "$*" >&3; }
# Reads one line of the reply (CR stripped), waiting at most 5 s.
conn_read_line() {
  local line
  IFS= read -r -t 5 line <&3 || fail "no reply within 5 s"
  printf '%s' "${line%$'\r'}"
}
