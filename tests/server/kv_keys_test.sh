#!/usr/bin/env bash
# Generic key commands, TTLs, active expiry and live key counts.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data"

rcli MSET k1 a k2 b k3 c >/dev/null
expect_eq "DBSIZE" "$(rcli DBSIZE)" "3"
expect_eq "EXISTS counts repeats" "$(rcli EXISTS k1 k1 nope)" "2"
expect_eq "DEL" "$(rcli DEL k1 nope)" "1"
expect_eq "UNLINK" "$(rcli UNLINK k2)" "1"
expect_eq "DBSIZE live" "$(rcli DBSIZE)" "1"
expect_eq "TYPE string" "$(rcli TYPE k3)" "string"
expect_eq "TYPE none" "$(rcli TYPE nope)" "none"
rcli HSET h f v >/dev/null
expect_eq "TYPE hash" "$(rcli TYPE h)" "hash"
expect_eq "KEYS" "$(rcli KEYS '*' | sort | tr '\n' ,)" "h,k3,"
expect_eq "KEYS pattern" "$(rcli KEYS 'k?' | tr '\n' ,)" "k3,"
expect_eq "RENAME" "$(rcli RENAME k3 k4)" "OK"
expect_eq "RENAME missing" "$(rcli RENAME nope x)" "ERR no such key"
expect_eq "RENAME hash" "$(rcli RENAME h h2)" "OK"
expect_eq "RENAME moved members" "$(rcli HGET h2 f)" "v"
rcli SET other x >/dev/null
expect_eq "RENAMENX blocked" "$(rcli RENAMENX k4 other)" "0"
expect_eq "RENAMENX" "$(rcli RENAMENX k4 k5)" "1"
expect_eq "COPY" "$(rcli COPY h2 h3)" "1"
expect_eq "COPY exists" "$(rcli COPY h2 h3)" "0"
expect_eq "COPY REPLACE" "$(rcli COPY h2 h3 REPLACE)" "1"
expect_eq "COPY members" "$(rcli HGET h3 f)" "v"
expect_eq "COPY DB" "$(rcli COPY k5 k5 DB 2)" "1"
expect_eq "MOVE" "$(rcli MOVE other 3)" "1"
expect_eq "MOVE gone" "$(rcli EXISTS other)" "0"
expect_eq "MOVE there" "$(rcli -n 3 GET other)" "x"
expect_eq "MOVE bad db" "$(rcli MOVE k5 99)" "ERR DB index is out of range"
expect_eq "SELECT separates" "$(rcli -n 2 DBSIZE)" "1"

# TTLs.
expect_eq "EXPIRE" "$(rcli EXPIRE k5 100)" "1"
expect_eq "TTL" "$(rcli TTL k5)" "100"
expect_eq "EXPIRE NX" "$(rcli EXPIRE k5 200 NX)" "0"
expect_eq "EXPIRE GT" "$(rcli EXPIRE k5 200 GT)" "1"
expect_eq "EXPIRE LT" "$(rcli EXPIRE k5 300 LT)" "0"
expect_eq "EXPIRE NX GT" "$(rcli EXPIRE k5 300 NX GT)" \
  "ERR NX and XX, GT or LT options at the same time are not compatible"
expect_eq "EXPIRE GT LT" "$(rcli EXPIRE k5 300 GT LT)" \
  "ERR GT and LT options at the same time are not compatible"
expect_eq "EXPIRE missing" "$(rcli EXPIRE nope 10)" "0"
expect_eq "PEXPIRE" "$(rcli PEXPIRE k5 150000)" "1"
expect_eq "PTTL" "$(( $(rcli PTTL k5) > 140000 ))" "1"
at=$(( $(date +%s) + 1000 ))
expect_eq "EXPIREAT" "$(rcli EXPIREAT k5 $at)" "1"
expect_eq "EXPIRETIME" "$(rcli EXPIRETIME k5)" "$at"
expect_eq "PEXPIRETIME" "$(rcli PEXPIRETIME k5)" "${at}000"
expect_eq "PERSIST" "$(rcli PERSIST k5)" "1"
expect_eq "PERSIST again" "$(rcli PERSIST k5)" "0"
expect_eq "TTL none" "$(rcli TTL k5)" "-1"
expect_eq "TTL missing" "$(rcli TTL nope)" "-2"
expect_eq "EXPIRE past deletes" "$(rcli EXPIRE h3 -1)" "1"
expect_eq "EXPIRE past gone" "$(rcli EXISTS h3)" "0"

# Lazy and active expiry: invisible at once, gone from DBSIZE within seconds.
before=$(rcli DBSIZE)
for i in $(seq 1 50); do echo "SET tmp:$i v PX 200"; done | rcli >/dev/null
expect_eq "DBSIZE with volatile keys" "$(rcli DBSIZE)" "$((before + 50))"
expect_contains "INFO keyspace expires" "$(rcli INFO keyspace)" "expires=50"
sleep 0.4
expect_eq "expired key invisible" "$(rcli GET tmp:1)" ""
for i in $(seq 1 50); do
  [ "$(rcli DBSIZE)" == "$before" ] && break
  sleep 0.1
done
expect_eq "DBSIZE after active expiry" "$(rcli DBSIZE)" "$before"
expired=$(rcli INFO stats | tr -d '\r' | awk -F: '$1=="expired_keys"{print $2}')
[ "$expired" -ge 50 ] || fail "expired_keys is $expired"

# SCAN walks every key exactly once, with MATCH, COUNT and TYPE.
for i in $(seq 1 120); do echo "SET scan:$i v"; done | rcli >/dev/null
expect_eq "redis-cli --scan" "$(rcli --scan --pattern 'scan:*' | sort -u | wc -l)" "120"
expect_eq "SCAN TYPE hash" "$(rcli SCAN 0 TYPE hash COUNT 10000 | tail -n +2 | tr "\n" ,)" "h2,"
page=$(rcli SCAN 0 COUNT 5 | head -1)
[ "$page" != "0" ] || fail "SCAN COUNT 5 finished at once"
expect_eq "SCAN bad cursor" "$(rcli SCAN abc)" "ERR invalid cursor"
expect_contains "RANDOMKEY" "$(rcli RANDOMKEY)" ""
expect_eq "OBJECT ENCODING int" "$(rcli SET num 12 >/dev/null; rcli OBJECT ENCODING num)" "int"
expect_eq "OBJECT ENCODING embstr" "$(rcli OBJECT ENCODING k5)" "embstr"
expect_eq "OBJECT REFCOUNT" "$(rcli OBJECT REFCOUNT k5)" "1"
expect_eq "OBJECT bad" "$(rcli OBJECT NOPE k5)" "ERR unknown subcommand 'NOPE'. Try OBJECT HELP."

# Keys and TTLs survive a restart; expire times are absolute.
rcli SET survivor yes EX 1000 >/dev/null
stop_tetradb
start_tetradb "$WORK/data"
expect_eq "restart value" "$(rcli GET survivor)" "yes"
ttl=$(rcli TTL survivor)
[ "$ttl" -gt 990 ] && [ "$ttl" -le 1000 ] || fail "TTL after restart is $ttl"
expect_eq "restart DBSIZE" "$(rcli DBSIZE)" "$((before + 120 + 2))"
expect_eq "restart other db" "$(rcli -n 3 GET other)" "x"
stop_tetradb
echo "kv_keys: ok"
