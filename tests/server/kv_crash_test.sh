#!/usr/bin/env bash
# Replies are sent only once what they acknowledge is in the write-ahead log:
# after SIGKILL, every write a client got a reply for is there after restart
# (commands of concurrent clients share WAL writes, see ReplyGate).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="$WORK/data"
start_tetradb "$dir"

# Eight clients (spread over the worker threads), each a stream of INCR or
# RPUSH; every reply is printed as it arrives.
pids=()
for i in 1 2 3 4; do
  rcli -r 200000 INCR "counter:$i" >"$WORK/incr.$i" 2>/dev/null &
  pids+=($!)
  rcli -r 200000 RPUSH "list:$i" x >"$WORK/push.$i" 2>/dev/null &
  pids+=($!)
done
# Let them run, but kill the server while they do.
for _ in $(seq 1 50); do
  [ "$(wc -l <"$WORK/incr.1")" -gt 2000 ] && break
  sleep 0.1
done
kill -KILL "$TD_PID"
wait "$TD_PID" 2>/dev/null || true
TD_PID=""
for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done

start_tetradb "$dir"
for i in 1 2 3 4; do
  for kind in incr push; do
    acked=$(grep -E '^[0-9]+$' "$WORK/$kind.$i" | tail -n 1 || true)
    [ -n "$acked" ] && [ "$acked" -gt 0 ] || fail "$kind client $i got no reply before the kill"
    if [ "$kind" == incr ]; then
      got=$(rcli GET "counter:$i")
    else
      got=$(rcli LLEN "list:$i")
    fi
    # At most the one command in flight at the kill may be there unreplied.
    [ "$got" -ge "$acked" ] || fail "$kind client $i: $acked acknowledged, $got after restart"
    [ "$got" -le $((acked + 1)) ] || fail "$kind client $i: $acked acknowledged, $got after restart"
  done
done
stop_tetradb
echo "PASS kv_crash_test"
