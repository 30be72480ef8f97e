#!/usr/bin/env bash
# Redis hash commands against the real binary, reply by reply, as Redis 7.0
# answers them; then a restart on the same directory keeps the data.
source "$(dirname "$0")/lib.sh"

# One line per reply element, sorted (hash order is not promised).
sorted() { rcli "$@" | sort | tr '\n' ' '; }
flat() { rcli "$@" | tr '\n' ' '; }

start_tetradb "$WORK/data"

# HSET / HMSET / HSETNX / HGET / HMGET
expect_eq "HSET new" "$(rcli HSET h a 1 b 2 c 3)" "3"
expect_eq "HSET update+new" "$(rcli HSET h a 10 d 4)" "1"
expect_eq "HSET duplicate field" "$(rcli HSET h2 x 1 x 2)" "1"
expect_eq "HGET last wins" "$(rcli HGET h2 x)" "2"
expect_eq "HSET odd args" "$(rcli HSET h a)" "ERR wrong number of arguments for 'hset' command"
expect_eq "HSET arity" "$(rcli HSET h)" "ERR wrong number of arguments for 'hset' command"
expect_eq "HMSET odd args" "$(rcli HMSET h x)" "ERR wrong number of arguments for 'hmset' command"
expect_eq "HMSET" "$(rcli HMSET h e 5 f 6)" "OK"
expect_eq "HGET" "$(rcli HGET h a)" "10"
expect_eq "HGET missing field" "$(rcli HGET h zz)" ""
expect_eq "HGET missing key" "$(rcli HGET nokey a)" ""
expect_eq "HMGET" "$(flat HMGET h a zz b)" "10  2 "
expect_eq "HMGET missing key" "$(flat HMGET nokey a b)" "  "
expect_eq "HSETNX existing" "$(rcli HSETNX h a 99)" "0"
expect_eq "HSETNX new" "$(rcli HSETNX h g 7)" "1"
expect_eq "HSETNX new key" "$(rcli HSETNX h3 f v)" "1"

# HLEN / HSTRLEN / HEXISTS / HDEL
expect_eq "HLEN" "$(rcli HLEN h)" "7"
expect_eq "HLEN missing" "$(rcli HLEN nokey)" "0"
expect_eq "HSTRLEN" "$(rcli HSTRLEN h a)" "2"
expect_eq "HSTRLEN missing field" "$(rcli HSTRLEN h zz)" "0"
expect_eq "HEXISTS" "$(rcli HEXISTS h a)" "1"
expect_eq "HEXISTS missing" "$(rcli HEXISTS h zz)" "0"
expect_eq "HDEL none" "$(rcli HDEL h zz)" "0"
expect_eq "HDEL some" "$(rcli HDEL h a b zz)" "2"
expect_eq "HDEL missing key" "$(rcli HDEL nokey a)" "0"
expect_eq "HDEL last field" "$(rcli HDEL h3 f)" "1"
expect_eq "empty hash is deleted" "$(rcli EXISTS h3)" "0"

# HGETALL / HKEYS / HVALS
expect_eq "HKEYS" "$(sorted HKEYS h)" "c d e f g "
expect_eq "HVALS" "$(sorted HVALS h)" "3 4 5 6 7 "
expect_eq "HGETALL" "$(flat HGETALL h)" "c 3 d 4 e 5 f 6 g 7 "
expect_eq "HGETALL missing" "$(rcli HGETALL nokey)" ""
expect_eq "HGETALL RESP3 is a map" "$(rcli -3 --no-raw HGETALL h2)" '1# "x" => "2"'
expect_eq "HGETALL RESP3 empty" "$(rcli -3 --no-raw HGETALL nokey)" "(empty hash)"

# HINCRBY
expect_eq "HINCRBY new" "$(rcli HINCRBY h n 5)" "5"
expect_eq "HINCRBY neg" "$(rcli HINCRBY h n -10)" "-5"
expect_eq "HINCRBY bad incr" "$(rcli HINCRBY h n 1.5)" "ERR value is not an integer or out of range"
rcli HSET h s abc big 9223372036854775807 sp " 5" z0 007 >/dev/null
expect_eq "HINCRBY not int" "$(rcli HINCRBY h s 1)" "ERR hash value is not an integer"
expect_eq "HINCRBY spaces" "$(rcli HINCRBY h sp 1)" "ERR hash value is not an integer"
expect_eq "HINCRBY leading zero" "$(rcli HINCRBY h z0 1)" "ERR hash value is not an integer"
expect_eq "HINCRBY overflow" "$(rcli HINCRBY h big 1)" "ERR increment or decrement would overflow"
expect_eq "HINCRBY by 0 at max" "$(rcli HINCRBY h big 0)" "9223372036854775807"

# HINCRBYFLOAT
expect_eq "HINCRBYFLOAT new" "$(rcli HINCRBYFLOAT h fl 10.5)" "10.5"
expect_eq "HINCRBYFLOAT 0.1" "$(rcli HINCRBYFLOAT h fl 0.1)" "10.6"
expect_eq "HINCRBYFLOAT exp" "$(rcli HINCRBYFLOAT h fl2 3.0e3)" "3000"
expect_eq "HINCRBYFLOAT big" "$(rcli HINCRBYFLOAT h fl3 1e20)" "100000000000000000000"
expect_eq "HINCRBYFLOAT int field" "$(rcli HINCRBYFLOAT h n 1.25)" "-3.75"
expect_eq "HINCRBYFLOAT -0" "$(rcli HINCRBYFLOAT h zero -0.0)" "0"
expect_eq "HINCRBYFLOAT inf" "$(rcli HINCRBYFLOAT h fl inf)" "ERR value is NaN or Infinity"
expect_eq "HINCRBYFLOAT nan" "$(rcli HINCRBYFLOAT h fl nan)" "ERR value is not a valid float"
expect_eq "HINCRBYFLOAT abc" "$(rcli HINCRBYFLOAT h fl abc)" "ERR value is not a valid float"
expect_eq "HINCRBYFLOAT overflow text" "$(rcli HINCRBYFLOAT h fl 1e5000)" "ERR value is not a valid float"
expect_eq "HINCRBYFLOAT not float" "$(rcli HINCRBYFLOAT h s 1)" "ERR hash value is not a float"
rcli HSET h infv inf >/dev/null
expect_eq "HINCRBYFLOAT to inf" "$(rcli HINCRBYFLOAT h infv 1)" \
  "ERR increment would produce NaN or Infinity"
expect_eq "HGET after HINCRBYFLOAT" "$(rcli HGET h fl)" "10.6"

# WRONGTYPE: a set key under hash commands.
rcli SADD aset m >/dev/null
WT="WRONGTYPE Operation against a key holding the wrong kind of value"
for cmd in "HGET aset a" "HSET aset a 1" "HMGET aset a" "HLEN aset" "HGETALL aset" "HKEYS aset" \
  "HDEL aset a" "HEXISTS aset a" "HSTRLEN aset a" "HINCRBY aset a 1" "HINCRBYFLOAT aset a 1" \
  "HSETNX aset a 1" "HSCAN aset 0" "HSCAN aset 0 COUNT 0" "HRANDFIELD aset" "HRANDFIELD aset 0"; do
  # shellcheck disable=SC2086
  expect_eq "$cmd" "$(rcli $cmd)" "$WT"
done

# HRANDFIELD
expect_eq "HRANDFIELD missing" "$(rcli HRANDFIELD nokey)" ""
expect_eq "HRANDFIELD missing count" "$(rcli -3 --no-raw HRANDFIELD nokey 3)" "(empty array)"
expect_eq "HRANDFIELD 0" "$(rcli -3 --no-raw HRANDFIELD h 0)" "(empty array)"
expect_eq "HRANDFIELD bad count" "$(rcli HRANDFIELD h x)" "ERR value is not an integer or out of range"
expect_eq "HRANDFIELD bad option" "$(rcli HRANDFIELD h 1 withvalue)" "ERR syntax error"
expect_eq "HRANDFIELD extra" "$(rcli HRANDFIELD h 1 withvalues x)" "ERR syntax error"
expect_eq "HRANDFIELD min" "$(rcli HRANDFIELD h -9223372036854775808)" \
  "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
expect_eq "HRANDFIELD withvalues range" "$(rcli HRANDFIELD h -4611686018427387904 withvalues)" \
  "ERR value is out of range"
rcli HSET small a 1 b 2 c 3 >/dev/null
expect_eq "HRANDFIELD all" "$(sorted HRANDFIELD small 10)" "a b c "
expect_eq "HRANDFIELD all withvalues" "$(sorted HRANDFIELD small 10 WITHVALUES)" "1 2 3 a b c "
expect_eq "HRANDFIELD 2 distinct" "$(rcli HRANDFIELD small 2 | sort -u | wc -l)" "2"
expect_eq "HRANDFIELD -7" "$(rcli HRANDFIELD small -7 | wc -l)" "7"
rcli HSET one f v >/dev/null
expect_eq "HRANDFIELD one" "$(rcli HRANDFIELD one)" "f"
expect_eq "HRANDFIELD -2 withvalues" "$(flat HRANDFIELD one -2 withvalues)" "f v f v "
expect_eq "HRANDFIELD RESP3 pairs" "$(rcli -3 --no-raw HRANDFIELD one -2 withvalues | tr '\n' '|')" \
  '1) 1) "f"|   2) "v"|2) 1) "f"|   2) "v"|'

# HSCAN
expect_eq "HSCAN missing" "$(flat HSCAN nokey 0)" "0  "
expect_eq "HSCAN missing ignores options" "$(flat HSCAN nokey 0 COUNT 0)" "0  "
expect_eq "HSCAN bad cursor" "$(rcli HSCAN h x)" "ERR invalid cursor"
expect_eq "HSCAN space cursor" "$(rcli HSCAN h ' 1')" "ERR invalid cursor"
expect_eq "HSCAN count 0" "$(rcli HSCAN h 0 COUNT 0)" "ERR syntax error"
expect_eq "HSCAN count x" "$(rcli HSCAN h 0 COUNT x)" "ERR value is not an integer or out of range"
expect_eq "HSCAN bad option" "$(rcli HSCAN h 0 foo bar)" "ERR syntax error"
expect_eq "HSCAN dangling MATCH" "$(rcli HSCAN h 0 MATCH)" "ERR syntax error"
expect_eq "HSCAN small hash: one page" "$(flat HSCAN small 0 COUNT 1)" "0 a 1 b 2 c 3 "
expect_eq "HSCAN MATCH" "$(flat HSCAN small 0 MATCH 'b*')" "0 b 2 "
# A big hash (more than 512 fields) pages by cursor; every field comes once.
for i in $(seq 1 600); do echo "HSET bigh f$i v$i"; done | rcli >/dev/null
cursor=0
fields=0
pages=0
while :; do
  out=$(rcli HSCAN bigh "$cursor" COUNT 50)
  cursor=$(head -1 <<<"$out")
  fields=$((fields + ($(wc -l <<<"$out") - 1) / 2))
  pages=$((pages + 1))
  [ "$cursor" = 0 ] && break
  [ "$pages" -lt 100 ] || fail "HSCAN does not end"
done
expect_eq "HSCAN big: fields" "$fields" "600"
expect_eq "HSCAN big: pages" "$pages" "12"
expect_eq "HSCAN unknown cursor restarts" "$(rcli HSCAN bigh 999999999 COUNT 1 | sed -n 2p)" "f1"
expect_eq "TYPE" "$(rcli TYPE h)" "hash"

# Survives a restart.
stop_tetradb
start_tetradb "$WORK/data"
expect_eq "after restart HGET" "$(rcli HGET h fl)" "10.6"
expect_eq "after restart HLEN" "$(rcli HLEN bigh)" "600"
expect_eq "after restart HGETALL" "$(flat HGETALL small)" "a 1 b 2 c 3 "
expect_eq "after restart deleted hash" "$(rcli EXISTS h3)" "0"
stop_tetradb
echo "kv_hash: ok"
