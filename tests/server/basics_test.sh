#!/usr/bin/env bash
# The binary answers over RESP (redis-cli) and HTTP (curl) as users expect.
source "$(dirname "$0")/lib.sh"

start_tetradb "$WORK/data"

expect_eq "PING" "$(rcli PING)" "PONG"
expect_eq "ping (lower case)" "$(rcli ping)" "PONG"
expect_eq "PING msg" "$(rcli PING hello)" "hello"
expect_eq "ECHO" "$(rcli ECHO 'two words')" "two words"
expect_eq "wrong arity" "$(rcli ECHO)" "ERR wrong number of arguments for 'echo' command"
expect_eq "unknown command" "$(rcli NOSUCH a b)" \
  "ERR unknown command 'NOSUCH', with args beginning with: 'a' 'b' "
count=$(rcli COMMAND COUNT)
[ "$count" -ge 5 ] || fail "COMMAND COUNT is $count"
hello=$(rcli HELLO 3)
expect_contains "HELLO 3" "$hello" "proto"
expect_eq "HELLO 9" "$(rcli HELLO 9)" "NOPROTO unsupported protocol version"
expect_eq "RESP3 session" "$(rcli -3 PING)" "PONG"

# Pipelined commands from one connection come back in order.
piped=$(printf 'PING\r\nECHO a\r\nECHO b\r\n' | rcli)
expect_eq "pipelined inline commands" "$(echo $piped)" "PONG a b"
# A raw multibulk pipeline over a plain socket, as a client library sends it.
exec 3<>/dev/tcp/127.0.0.1/$TD_PORT
printf '*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$3\r\nx\0y\r\n' >&3
reply=$(timeout 5 head -c 16 <&3 | od -An -c | tr -s ' ')
exec 3>&-
expect_eq "raw multibulk pipeline" "$reply" " + P O N G \r \n $ 3 \r \n x \0 y \r \n"

# A protocol error gets Redis's text and the connection is closed; the server goes on.
exec 3<>/dev/tcp/127.0.0.1/$TD_PORT
printf '*1\r\n$-5\r\n' >&3
reply=$(timeout 5 cat <&3 || true)
exec 3>&-
expect_eq "protocol error" "$reply" $'-ERR Protocol error: invalid bulk length\r'
expect_eq "still serving" "$(rcli PING)" "PONG"

# Replies to the pipelined commands before a protocol error come first, in
# order, then the error.
exec 3<>/dev/tcp/127.0.0.1/$TD_PORT
printf 'SET pe 1\r\nINCR pe\r\nGET pe\r\n*abc\r\n' >&3
reply=$(timeout 5 cat <&3 || true)
exec 3>&-
expect_eq "replies before a protocol error" "$reply" \
  $'+OK\r\n:2\r\n$1\r\n2\r\n-ERR Protocol error: invalid multibulk length\r'

# Redis's other framing limits, each with its own text.
raw_error() {  # raw_error BYTES -> the first reply line
  exec 3<>/dev/tcp/127.0.0.1/$TD_PORT
  printf '%b' "$1" >&3
  local line
  IFS= read -r -t 5 line <&3 || true
  exec 3>&-
  printf '%s' "${line%$'\r'}"
}
expect_eq "multibulk length" "$(raw_error '*abc\r\n')" "-ERR Protocol error: invalid multibulk length"
expect_eq "bulk length over 512 MB" "$(raw_error '*1\r\n$536870913\r\n')" \
  "-ERR Protocol error: invalid bulk length"
expect_eq "expected \$" "$(raw_error '*1\r\n+PING\r\n')" "-ERR Protocol error: expected '\$', got '+'"
expect_eq "unbalanced quotes" "$(raw_error 'SET \"a b\r\n')" \
  "-ERR Protocol error: unbalanced quotes in request"
long=$(head -c 70000 /dev/zero | tr '\0' 'a')
expect_eq "inline too big" "$(raw_error "$long")" "-ERR Protocol error: too big inline request"
expect_eq "still serving after limits" "$(rcli PING)" "PONG"

# INFO memory as Redis reports it: the allocator's count and the process's.
memory=$(rcli INFO memory | tr -d '\r')
expect_contains "INFO memory allocator" "$memory" "mem_allocator:jemalloc-5."
used=$(awk -F: '$1=="used_memory"{print $2}' <<<"$memory")
rss=$(awk -F: '$1=="used_memory_rss"{print $2}' <<<"$memory")
[ "$used" -gt 1000000 ] && [ "$used" -lt "$rss" ] || fail "used_memory $used, rss $rss"

read -r status body <<<"$(http GET /health)"
expect_eq "GET /health status" "$status" "200"
expect_contains "health body" "$body" '"status":"ok"'
expect_contains "health version" "$body" '"version":"'
expect_contains "health dir" "$body" "\"data_dir\":\"$WORK/data\""
expect_contains "health durability" "$body" '"durability":"os"'

read -r status body <<<"$(http GET /metrics)"
expect_eq "GET /metrics status" "$status" "200"
processed=$(curl -s "http://127.0.0.1:$TD_HTTP/metrics" | awk '$1=="tetradb_commands_processed_total"{print $2}')
[ "$processed" -ge 10 ] || fail "commands processed is [$processed]"
expect_contains "metrics connections" "$(curl -s "http://127.0.0.1:$TD_HTTP/metrics")" \
  "tetradb_connections_received_total"

read -r status body <<<"$(http GET /no/such/path)"
expect_eq "404 status" "$status" "404"
expect_contains "404 body" "$body" '{"error":{"code":"not_found"'
read -r status body <<<"$(http DELETE /health)"
expect_eq "405 status" "$status" "405"

stop_tetradb
echo "basics: ok"
