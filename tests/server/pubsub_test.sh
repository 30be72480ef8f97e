#!/usr/bin/env bash
# Pub/sub over RESP2 and RESP3.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data"

conn_open
conn_send SUBSCRIBE news sport
for want in '*3' '$9' 'subscribe' '$4' 'news' ':1' '*3' '$9' 'subscribe' '$5' 'sport' ':2'; do
  expect_eq "SUBSCRIBE confirmation" "$(conn_read_line)" "$want"
done
expect_eq "PUBSUB NUMSUB" "$(rcli PUBSUB NUMSUB news | tr '\n' ,)" "news,1,"
expect_eq "PUBSUB CHANNELS" "$(rcli PUBSUB CHANNELS | sort | tr '\n' ,)" "news,sport,"
expect_eq "PUBLISH" "$(rcli PUBLISH news hello)" "1"
expect_eq "PUBLISH nobody" "$(rcli PUBLISH empty hello)" "0"
for want in '*3' '$7' 'message' '$4' 'news' '$5' 'hello'; do
  expect_eq "message" "$(conn_read_line)" "$want"
done
conn_send GET x
expect_eq "RESP2 subscriber restriction" "$(conn_read_line)" \
  "-ERR Can't execute 'get': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"
conn_send PSUBSCRIBE 'n*'
for want in '*3' '$10' 'psubscribe' '$2' 'n*' ':3'; do
  expect_eq "PSUBSCRIBE" "$(conn_read_line)" "$want"
done
expect_eq "PUBLISH to channel and pattern" "$(rcli PUBLISH news again)" "2"
lines=""
for i in $(seq 1 16); do lines+="$(conn_read_line),"; done
expect_contains "pmessage" "$lines" "pmessage,\$2,n*,\$4,news,\$5,again"
expect_eq "NUMPAT" "$(rcli PUBSUB NUMPAT)" "1"
conn_send UNSUBSCRIBE
lines=""
for i in $(seq 1 12); do lines+="$(conn_read_line),"; done
expect_contains "UNSUBSCRIBE all" "$lines" "unsubscribe"
conn_close
sleep 0.2
expect_eq "subscriptions dropped with the client" "$(rcli PUBSUB NUMPAT)" "0"

# RESP3: pushes, and normal commands allowed while subscribed.
conn_open
conn_send HELLO 3
first=$(conn_read_line)
expect_eq "HELLO 3 map" "$first" "%7"
for i in $(seq 1 40); do line=$(conn_read_line); [ "$line" == "*0" ] && break; done
conn_send SUBSCRIBE c3
expect_eq "RESP3 push" "$(conn_read_line)" ">3"
for i in 1 2 3 4 5; do conn_read_line >/dev/null; done
conn_send PING
expect_eq "PING while subscribed (RESP3)" "$(conn_read_line)" "+PONG"
rcli PUBLISH c3 m >/dev/null
expect_eq "RESP3 message push" "$(conn_read_line)" ">3"
for i in 1 2 3 4 5 6; do conn_read_line >/dev/null; done
# A message published while the subscriber's own script runs (about 300 ms,
# so it moves to the slow pool) comes after the script's reply, as in Redis.
conn_send EVAL "'local t = redis.call(\"TIME\") local s = t[1] * 1000000 + t[2] repeat t = redis.call(\"TIME\") until t[1] * 1000000 + t[2] - s > 300000 return 5'" 0
sleep 0.1
expect_eq "PUBLISH during the script" "$(rcli PUBLISH c3 during)" "1"
expect_eq "script's reply first" "$(conn_read_line)" ":5"
expect_eq "then the message" "$(conn_read_line)" ">3"
conn_close

stop_tetradb
echo "pubsub: ok"
