#!/usr/bin/env bash
# Sorted-set commands over RESP, checked reply by reply against what Redis 7.0
# answers (replies were taken from a real redis-server 7.0), then a restart
# showing the data survived.
source "$(dirname "$0")/lib.sh"

start_tetradb "$WORK/data"

# Replies one per line, as redis-cli prints them when not on a terminal.
lines() { rcli "$@" | paste -sd' ' -; }
json3() { rcli -3 --json "$@"; }
has_cmd() { [ "$(rcli COMMAND INFO "$1" | head -1)" != "" ]; }
WRONGTYPE="WRONGTYPE Operation against a key holding the wrong kind of value"

# --- ZADD and its options ---------------------------------------------------
expect_eq "ZADD" "$(rcli ZADD z 1 a 2 b 3 c)" "3"
expect_eq "ZADD existing" "$(rcli ZADD z 1 a)" "0"
expect_eq "ZADD CH" "$(rcli ZADD z CH 5 a 2 b 7 d)" "2"
expect_eq "ZADD NX" "$(rcli ZADD z NX 10 a 11 e)" "1"
expect_eq "ZADD XX CH" "$(rcli ZADD z XX CH 20 a 22 b 30 nope)" "2"
expect_eq "ZADD GT CH" "$(rcli ZADD z GT CH 1 a 100 b)" "1"
expect_eq "ZADD LT CH" "$(rcli ZADD z LT CH 1 a 100 c)" "1"
expect_eq "ZADD INCR" "$(rcli ZADD z INCR 1.1 a)" "2.1000000000000001"
expect_eq "ZADD INCR NX existing" "$(rcli ZADD z INCR NX 1 a)" ""
expect_eq "ZADD INCR GT not greater" "$(rcli ZADD z INCR GT -1 a)" ""
expect_eq "ZADD dup member" "$(rcli ZADD z 1 dup 2 dup 3 dup)" "1"
expect_eq "ZSCORE dup" "$(rcli ZSCORE z dup)" "3"
expect_eq "ZADD XX on missing key" "$(rcli ZADD nokey XX 1 a)" "0"
expect_eq "XX created nothing" "$(rcli EXISTS nokey)" "0"
expect_eq "ZADD NX XX" "$(rcli ZADD z NX XX 1 a)" "ERR XX and NX options at the same time are not compatible"
expect_eq "ZADD GT LT" "$(rcli ZADD z GT LT 1 a)" "ERR GT, LT, and/or NX options at the same time are not compatible"
expect_eq "ZADD GT NX" "$(rcli ZADD z GT NX 1 a)" "ERR GT, LT, and/or NX options at the same time are not compatible"
expect_eq "ZADD INCR 2 pairs" "$(rcli ZADD z INCR 1 a 2 b)" "ERR INCR option supports a single increment-element pair"
expect_eq "ZADD odd args" "$(rcli ZADD z 1 a 2)" "ERR syntax error"
expect_eq "ZADD arity" "$(rcli ZADD z 1)" "ERR wrong number of arguments for 'zadd' command"
expect_eq "ZADD bad score" "$(rcli ZADD z x a)" "ERR value is not a valid float"
expect_eq "ZADD nan" "$(rcli ZADD z nan a)" "ERR value is not a valid float"
expect_eq "ZADD inf" "$(rcli ZADD z inf top -inf bottom)" "2"
expect_eq "ZADD INCR NaN" "$(rcli ZADD z INCR -inf top)" "ERR resulting score is not a number (NaN)"
expect_eq "ZINCRBY NaN" "$(rcli ZINCRBY z -inf top)" "ERR resulting score is not a number (NaN)"
expect_eq "ZCARD" "$(rcli ZCARD z)" "8"
expect_eq "ZCARD missing" "$(rcli ZCARD nokey)" "0"

# --- scores -----------------------------------------------------------------
expect_eq "ZSCORE" "$(rcli ZSCORE z b)" "100"
expect_eq "ZSCORE missing member" "$(rcli ZSCORE z nope)" ""
expect_eq "ZMSCORE" "$(lines ZMSCORE z a nope b)" "2.1000000000000001  100"
expect_eq "ZMSCORE missing key" "$(lines ZMSCORE nokey a b)" " "
expect_eq "ZINCRBY" "$(rcli ZINCRBY z 2.5 d)" "9.5"
expect_eq "ZINCRBY new member" "$(rcli ZINCRBY z 0.1 new)" "0.10000000000000001"
expect_eq "ZINCRBY bad" "$(rcli ZINCRBY z x d)" "ERR value is not a valid float"
expect_eq "ZREM" "$(rcli ZREM z new new nope dup)" "2"
expect_eq "ZREM missing key" "$(rcli ZREM nokey a)" "0"
expect_eq "RESP3 ZSCORE is a double" "$(json3 ZSCORE z a)" "2.1000000000000001"
expect_eq "RESP3 ZMSCORE" "$(json3 ZMSCORE z b nope)" "[100,null]"

# --- ZRANGE family ----------------------------------------------------------
rcli DEL z >/dev/null
rcli ZADD z 1 a 2 b 3 c 4 d 5 e 5 ee 5 eee 6 f 0.1 g -1 h >/dev/null
expect_eq "ZRANGE" "$(lines ZRANGE z 0 -1)" "h g a b c d e ee eee f"
expect_eq "ZRANGE WITHSCORES" "$(lines ZRANGE z 0 2 WITHSCORES)" "h -1 g 0.10000000000000001 a 1"
expect_eq "ZRANGE negative" "$(lines ZRANGE z -3 -1)" "ee eee f"
expect_eq "ZRANGE out of range" "$(lines ZRANGE z 100 200)" ""
expect_eq "ZRANGE start > stop" "$(lines ZRANGE z 5 2)" ""
expect_eq "ZRANGE REV" "$(lines ZRANGE z 0 2 REV)" "f eee ee"
expect_eq "ZREVRANGE" "$(lines ZREVRANGE z 0 1 WITHSCORES)" "f 6 eee 5"
expect_eq "ZRANGE BYSCORE" "$(lines ZRANGE z '(1' 5 BYSCORE)" "b c d e ee eee"
expect_eq "ZRANGE BYSCORE LIMIT" "$(lines ZRANGE z -inf +inf BYSCORE LIMIT 2 3)" "a b c"
expect_eq "ZRANGE BYSCORE negative offset" "$(lines ZRANGE z -inf +inf BYSCORE LIMIT -1 3)" ""
expect_eq "ZRANGE BYSCORE REV" "$(lines ZRANGE z 5 '(1' BYSCORE REV WITHSCORES LIMIT 1 2)" "ee 5 e 5"
expect_eq "ZRANGE LIMIT by rank" "$(rcli ZRANGE z 0 -1 LIMIT 0 1)" \
  "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"
expect_eq "ZRANGE BYLEX WITHSCORES" "$(rcli ZRANGE z '[a' '[c' BYLEX WITHSCORES)" \
  "ERR syntax error, WITHSCORES not supported in combination with BYLEX"
expect_eq "ZRANGE BYSCORE BYLEX" "$(rcli ZRANGE z 1 5 BYSCORE BYLEX)" "ERR syntax error"
expect_eq "ZRANGE bad option" "$(rcli ZRANGE z 0 -1 foo)" "ERR syntax error"
expect_eq "ZRANGE bad index" "$(rcli ZRANGE z a 1)" "ERR value is not an integer or out of range"
expect_eq "ZRANGE bad score" "$(rcli ZRANGE z x 5 BYSCORE)" "ERR min or max is not a float"
expect_eq "ZRANGE missing key" "$(lines ZRANGE nokey 0 -1)" ""
expect_eq "ZRANGEBYSCORE" "$(lines ZRANGEBYSCORE z 1 5 WITHSCORES LIMIT 1 2)" "b 2 c 3"
expect_eq "ZRANGEBYSCORE exclusive" "$(lines ZRANGEBYSCORE z '(5' +inf)" "f"
expect_eq "ZRANGEBYSCORE REV option" "$(rcli ZRANGEBYSCORE z 1 5 REV)" "ERR syntax error"
expect_eq "ZREVRANGEBYSCORE" "$(lines ZREVRANGEBYSCORE z 5 1 LIMIT 0 2)" "eee ee"
expect_eq "ZREVRANGEBYSCORE min first" "$(lines ZREVRANGEBYSCORE z 1 5)" ""
expect_eq "ZCOUNT" "$(rcli ZCOUNT z '(1' 5)" "6"
expect_eq "ZCOUNT bad" "$(rcli ZCOUNT z x 5)" "ERR min or max is not a float"
expect_eq "ZRANK" "$(rcli ZRANK z a)" "2"
expect_eq "ZREVRANK" "$(rcli ZREVRANK z a)" "7"
expect_eq "ZRANK missing" "$(rcli ZRANK z nope)" ""
expect_eq "ZRANK arity (7.0)" "$(rcli ZRANK z a WITHSCORE)" "ERR wrong number of arguments for 'zrank' command"
expect_eq "RESP3 WITHSCORES pairs" "$(json3 ZRANGE z 0 1 WITHSCORES)" '[["h",-1],["g",0.10000000000000001]]'

# --- lex ranges -------------------------------------------------------------
rcli ZADD l 0 a 0 b 0 c 0 d 0 e >/dev/null
expect_eq "ZRANGEBYLEX all" "$(lines ZRANGEBYLEX l - +)" "a b c d e"
expect_eq "ZRANGEBYLEX" "$(lines ZRANGEBYLEX l '[b' '(d')" "b c"
expect_eq "ZRANGEBYLEX LIMIT" "$(lines ZRANGEBYLEX l - + LIMIT 1 2)" "b c"
expect_eq "ZREVRANGEBYLEX" "$(lines ZREVRANGEBYLEX l '[d' '(b')" "d c"
expect_eq "ZRANGE BYLEX REV" "$(lines ZRANGE l + - BYLEX REV LIMIT 0 2)" "e d"
expect_eq "ZRANGEBYLEX bad" "$(rcli ZRANGEBYLEX l a c)" "ERR min or max not valid string range item"
expect_eq "ZLEXCOUNT" "$(rcli ZLEXCOUNT l '(a' '[c')" "2"
expect_eq "ZREMRANGEBYLEX" "$(rcli ZREMRANGEBYLEX l '[b' '(d')" "2"
expect_eq "ZREMRANGEBYLEX all" "$(rcli ZREMRANGEBYLEX l - +)" "3"
expect_eq "empty zset deleted" "$(rcli EXISTS l)" "0"

# --- removal by range, pops -------------------------------------------------
rcli ZADD r 1 a 2 b 3 c 4 d 5 e 6 f >/dev/null
expect_eq "ZREMRANGEBYRANK" "$(rcli ZREMRANGEBYRANK r 0 1)" "2"
expect_eq "ZREMRANGEBYRANK negative" "$(rcli ZREMRANGEBYRANK r -1 -1)" "1"
expect_eq "ZREMRANGEBYSCORE" "$(rcli ZREMRANGEBYSCORE r '(3' 4)" "1"
expect_eq "ZREMRANGEBYRANK bad" "$(rcli ZREMRANGEBYRANK r x 1)" "ERR value is not an integer or out of range"
expect_eq "what is left" "$(lines ZRANGE r 0 -1 WITHSCORES)" "c 3 e 5"
rcli ZADD p 1 a 2 b 3 c 4 d 5 e >/dev/null
expect_eq "ZPOPMIN" "$(lines ZPOPMIN p)" "a 1"
expect_eq "ZPOPMAX count" "$(lines ZPOPMAX p 2)" "e 5 d 4"
expect_eq "ZPOPMIN 0" "$(lines ZPOPMIN p 0)" ""
expect_eq "ZPOPMIN negative" "$(rcli ZPOPMIN p -1)" "ERR value is out of range, must be positive"
expect_eq "ZPOPMIN extra arg" "$(rcli ZPOPMIN p 1 2)" "ERR syntax error"
expect_eq "RESP3 ZPOPMIN flat" "$(json3 ZPOPMIN p)" '["b",2]'
expect_eq "RESP3 ZPOPMAX counted" "$(json3 ZPOPMAX p 5)" '[["c",3]]'
expect_eq "popped empty: deleted" "$(rcli EXISTS p)" "0"
expect_eq "ZPOPMIN missing" "$(json3 ZPOPMIN p)" "[]"

# --- ZRANDMEMBER, ZSCAN -----------------------------------------------------
expect_eq "ZRANDMEMBER whole set" "$(lines ZRANDMEMBER r 10 WITHSCORES)" "e 5 c 3"
one=$(rcli ZRANDMEMBER r)
[ "$one" = c ] || [ "$one" = e ] || fail "ZRANDMEMBER gave [$one]"
expect_eq "ZRANDMEMBER negative count" "$(rcli ZRANDMEMBER r -7 | wc -l)" "7"
expect_eq "ZRANDMEMBER missing" "$(rcli ZRANDMEMBER nokey)" ""
expect_eq "ZRANDMEMBER bad" "$(rcli ZRANDMEMBER r 1 foo)" "ERR syntax error"
expect_eq "ZRANDMEMBER range" "$(rcli ZRANDMEMBER r -9223372036854775808)" \
  "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
expect_eq "ZSCAN small" "$(lines ZSCAN z 0 MATCH 'e*')" "0 e 5 ee 5 eee 5"
expect_eq "ZSCAN missing" "$(lines ZSCAN nokey 0 COUNT x)" "0 "
expect_eq "ZSCAN bad cursor" "$(rcli ZSCAN z x)" "ERR invalid cursor"
expect_eq "ZSCAN bad count" "$(rcli ZSCAN z 0 COUNT 0)" "ERR syntax error"
args=()
for i in $(seq 1 300); do args+=("$i" "m$i"); done
expect_eq "ZADD 300" "$(rcli ZADD big "${args[@]}")" "300"
cursor=0
seen=0
while :; do
  out=$(rcli ZSCAN big "$cursor" COUNT 40)
  cursor=$(head -1 <<<"$out")
  seen=$((seen + ($(wc -l <<<"$out") - 1) / 2))
  [ "$cursor" = 0 ] && break
done
expect_eq "ZSCAN pages cover the set" "$seen" "300"
expect_eq "ZRANK big" "$(rcli ZRANK big m250)" "249"

# --- set operations ---------------------------------------------------------
rcli ZADD a 1 x 2 y 3 z >/dev/null
rcli ZADD b 10 y 20 z 30 w >/dev/null
expect_eq "ZUNION" "$(lines ZUNION 2 a b WITHSCORES)" "x 1 y 12 z 23 w 30"
expect_eq "ZUNION WEIGHTS MAX" "$(lines ZUNION 2 a b WEIGHTS 2 0.5 AGGREGATE MAX WITHSCORES)" \
  "x 2 y 5 z 10 w 15"
expect_eq "ZINTER MIN" "$(lines ZINTER 2 a b AGGREGATE MIN WITHSCORES)" "y 2 z 3"
expect_eq "ZDIFF" "$(lines ZDIFF 2 b a WITHSCORES)" "w 30"
expect_eq "ZDIFF WEIGHTS" "$(rcli ZDIFF 2 a b WEIGHTS 1 2)" "ERR syntax error"
expect_eq "ZUNION 0 keys" "$(rcli ZUNION 0 a)" "ERR at least 1 input key is needed for 'zunion' command"
expect_eq "ZUNIONSTORE 0 keys" "$(rcli ZUNIONSTORE d 0 a)" \
  "ERR at least 1 input key is needed for 'zunionstore' command"
expect_eq "ZUNION too few keys" "$(rcli ZUNION 3 a b)" "ERR syntax error"
expect_eq "ZUNION bad weight" "$(rcli ZUNION 2 a b WEIGHTS 1 x)" "ERR weight value is not a float"
expect_eq "ZUNION bad aggregate" "$(rcli ZUNION 2 a b AGGREGATE avg)" "ERR syntax error"
expect_eq "ZUNIONSTORE" "$(rcli ZUNIONSTORE out 2 a b)" "4"
expect_eq "stored" "$(lines ZRANGE out 0 -1 WITHSCORES)" "x 1 y 12 z 23 w 30"
expect_eq "ZUNIONSTORE WITHSCORES" "$(rcli ZUNIONSTORE out 2 a b WITHSCORES)" "ERR syntax error"
expect_eq "ZINTERSTORE" "$(rcli ZINTERSTORE out 2 a b)" "2"
expect_eq "ZDIFFSTORE" "$(rcli ZDIFFSTORE out 2 a b)" "1"
expect_eq "ZDIFFSTORE empty deletes" "$(rcli ZDIFFSTORE out 2 a a)" "0"
expect_eq "destination gone" "$(rcli EXISTS out)" "0"
expect_eq "ZRANGESTORE" "$(rcli ZRANGESTORE dst z 5 1 BYSCORE REV LIMIT 0 2)" "2"
expect_eq "ZRANGESTORE result" "$(lines ZRANGE dst 0 -1)" "ee eee"
expect_eq "ZRANGESTORE WITHSCORES" "$(rcli ZRANGESTORE dst z 0 -1 WITHSCORES)" "ERR syntax error"
expect_eq "ZRANGESTORE empty deletes" "$(rcli ZRANGESTORE dst nokey 0 -1)" "0"
expect_eq "ZRANGESTORE dst gone" "$(rcli EXISTS dst)" "0"
expect_eq "TYPE" "$(rcli TYPE z)" "zset"
expect_eq "RESP3 ZUNION pairs" "$(json3 ZUNION 1 a WITHSCORES)" '[["x",1],["y",2],["z",3]]'

# --- other types ------------------------------------------------------------
if has_cmd set; then
  rcli SET str v >/dev/null
  for c in "ZADD str 1 a" "ZSCORE str a" "ZCARD str" "ZRANGE str 0 -1" "ZPOPMIN str" \
    "ZRANDMEMBER str 1" "ZSCAN str 0" "ZUNION 2 a str" "ZUNION 2 a str foo"; do
    # shellcheck disable=SC2086
    expect_eq "$c" "$(rcli $c)" "$WRONGTYPE"
  done
  expect_eq "ZUNIONSTORE overwrites a string" "$(rcli ZUNIONSTORE str 1 a)" "3"
  expect_eq "now a zset" "$(rcli TYPE str)" "zset"
fi
if has_cmd sadd; then
  rcli SADD s1 x q >/dev/null
  expect_eq "ZUNION with a set" "$(lines ZUNION 2 a s1 WITHSCORES)" "q 1 x 2 y 2 z 3"
fi

# --- DEL hides old members --------------------------------------------------
expect_eq "DEL" "$(rcli DEL a)" "1"
expect_eq "ZADD after DEL" "$(rcli ZADD a 9 fresh)" "1"
expect_eq "only the new member" "$(lines ZRANGE a 0 -1 WITHSCORES)" "fresh 9"

# --- the data survives a restart ----------------------------------------------
stop_tetradb
start_tetradb "$WORK/data"
expect_eq "after restart: range" "$(lines ZRANGE z 0 3 WITHSCORES)" "h -1 g 0.10000000000000001 a 1 b 2"
expect_eq "after restart: card" "$(rcli ZCARD big)" "300"
expect_eq "after restart: score" "$(rcli ZSCORE big m150)" "150"
expect_eq "after restart: rank" "$(rcli ZREVRANK big m300)" "0"
expect_eq "after restart: write" "$(rcli ZADD z 0 first)" "1"
expect_eq "after restart: order" "$(lines ZRANGE z 0 1)" "h first"
stop_tetradb
echo "kv_zset: ok"
