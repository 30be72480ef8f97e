#!/usr/bin/env bash
# Redis set commands against the real binary, reply by reply, as Redis 7.0
# answers them; then a restart on the same directory keeps the data.
source "$(dirname "$0")/lib.sh"

# One line per reply element, sorted (set order is not promised).
sorted() { rcli "$@" | sort | tr '\n' ' '; }
flat() { rcli "$@" | tr '\n' ' '; }
WT="WRONGTYPE Operation against a key holding the wrong kind of value"

start_tetradb "$WORK/data"

# SADD / SREM / SMEMBERS / SISMEMBER / SMISMEMBER / SCARD
expect_eq "SADD" "$(rcli SADD s a b c a)" "3"
expect_eq "SADD again" "$(rcli SADD s c d)" "1"
expect_eq "SADD arity" "$(rcli SADD s)" "ERR wrong number of arguments for 'sadd' command"
expect_eq "SREM none" "$(rcli SREM s zz)" "0"
expect_eq "SREM some" "$(rcli SREM s a zz a)" "1"
expect_eq "SREM missing key" "$(rcli SREM nokey a)" "0"
expect_eq "SMEMBERS" "$(sorted SMEMBERS s)" "b c d "
expect_eq "SMEMBERS missing" "$(rcli SMEMBERS nokey)" ""
expect_eq "SMEMBERS RESP3 is a set" "$(rcli -3 --no-raw SMEMBERS nokey)" "(empty set)"
expect_eq "SISMEMBER" "$(rcli SISMEMBER s b)" "1"
expect_eq "SISMEMBER no" "$(rcli SISMEMBER s zz)" "0"
expect_eq "SISMEMBER missing key" "$(rcli SISMEMBER nokey a)" "0"
expect_eq "SMISMEMBER" "$(flat SMISMEMBER s b zz c)" "1 0 1 "
expect_eq "SMISMEMBER missing key" "$(flat SMISMEMBER nokey a b)" "0 0 "
expect_eq "SMISMEMBER arity" "$(rcli SMISMEMBER s)" "ERR wrong number of arguments for 'smismember' command"
expect_eq "SCARD" "$(rcli SCARD s)" "3"
expect_eq "SCARD missing" "$(rcli SCARD nokey)" "0"
rcli SADD gone x >/dev/null
expect_eq "SREM last member" "$(rcli SREM gone x)" "1"
expect_eq "empty set is deleted" "$(rcli EXISTS gone)" "0"
expect_eq "TYPE" "$(rcli TYPE s)" "set"

# WRONGTYPE: a hash key under set commands.
rcli HSET hh f v >/dev/null
for cmd in "SADD hh x" "SREM hh x" "SMEMBERS hh" "SISMEMBER hh x" "SMISMEMBER hh x" "SCARD hh" \
  "SPOP hh" "SPOP hh 2" "SPOP hh 0" "SRANDMEMBER hh" "SRANDMEMBER hh 2" "SINTER nokey hh" \
  "SINTER s hh" "SUNION nokey hh" "SDIFF nokey hh" "SDIFF s hh" "SINTERCARD 2 nokey hh" \
  "SINTERSTORE d nokey hh" "SDIFFSTORE d s hh" "SMOVE s hh b" "SMOVE hh s f" "SSCAN hh 0" \
  "SSCAN hh 0 COUNT 0"; do
  # shellcheck disable=SC2086
  expect_eq "$cmd" "$(rcli $cmd)" "$WT"
done
expect_eq "SMOVE missing src, hash dst" "$(rcli SMOVE nokey hh a)" "0"

# SPOP
expect_eq "SPOP missing" "$(rcli SPOP nokey)" ""
expect_eq "SPOP missing count" "$(rcli -3 --no-raw SPOP nokey 3)" "(empty set)"
expect_eq "SPOP 0" "$(rcli -3 --no-raw SPOP s 0)" "(empty set)"
expect_eq "SPOP negative" "$(rcli SPOP s -1)" "ERR value is out of range, must be positive"
expect_eq "SPOP not a number" "$(rcli SPOP s x)" "ERR value is out of range, must be positive"
expect_eq "SPOP extra arg" "$(rcli SPOP s 1 2)" "ERR syntax error"
rcli SADD p a b c d e f >/dev/null
popped=$(rcli SPOP p 2)
expect_eq "SPOP 2 distinct" "$(sort -u <<<"$popped" | wc -l)" "2"
expect_eq "SPOP 2 removed" "$(rcli SCARD p)" "4"
for m in $popped; do expect_eq "popped $m gone" "$(rcli SISMEMBER p "$m")" "0"; done
expect_eq "SPOP RESP3 is a set" "$(rcli -3 --no-raw SPOP p 1 | cut -c1-2)" "1~"
expect_eq "SPOP one" "$(rcli SPOP p | wc -l)" "1"
expect_eq "SPOP all" "$(rcli SPOP p 10 | wc -l)" "2"
expect_eq "SPOP all deletes" "$(rcli EXISTS p)" "0"

# SRANDMEMBER
expect_eq "SRANDMEMBER missing" "$(rcli SRANDMEMBER nokey)" ""
expect_eq "SRANDMEMBER missing count" "$(rcli -3 --no-raw SRANDMEMBER nokey 5)" "(empty array)"
expect_eq "SRANDMEMBER 0" "$(rcli -3 --no-raw SRANDMEMBER s 0)" "(empty array)"
expect_eq "SRANDMEMBER bad count" "$(rcli SRANDMEMBER s x)" "ERR value is not an integer or out of range"
expect_eq "SRANDMEMBER extra" "$(rcli SRANDMEMBER s 1 2)" "ERR syntax error"
expect_eq "SRANDMEMBER min" "$(rcli SRANDMEMBER s -9223372036854775808)" \
  "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"
expect_eq "SRANDMEMBER all" "$(sorted SRANDMEMBER s 100)" "b c d "
expect_eq "SRANDMEMBER -5" "$(rcli SRANDMEMBER s -5 | wc -l)" "5"
expect_eq "SRANDMEMBER 2 distinct" "$(rcli SRANDMEMBER s 2 | sort -u | wc -l)" "2"
rcli SADD one z >/dev/null
expect_eq "SRANDMEMBER -3 repeats" "$(flat SRANDMEMBER one -3)" "z z z "
expect_eq "SRANDMEMBER RESP3 array" "$(rcli -3 --no-raw SRANDMEMBER one -2 | tr '\n' '|')" '1) "z"|2) "z"|'
expect_eq "SRANDMEMBER keeps members" "$(rcli SCARD s)" "3"

# SINTER / SUNION / SDIFF / SINTERCARD
rcli SADD a 1 2 3 4 >/dev/null
rcli SADD b 3 4 5 >/dev/null
rcli SADD c 4 6 >/dev/null
expect_eq "SINTER" "$(sorted SINTER a b)" "3 4 "
expect_eq "SINTER 3" "$(flat SINTER a b c)" "4 "
expect_eq "SINTER missing" "$(rcli SINTER a nokey)" ""
expect_eq "SINTER RESP3 is a set" "$(rcli -3 --no-raw SINTER a nokey)" "(empty set)"
expect_eq "SUNION" "$(sorted SUNION b nokey c)" "3 4 5 6 "
expect_eq "SDIFF" "$(sorted SDIFF a b nokey)" "1 2 "
expect_eq "SDIFF self" "$(rcli SDIFF a a)" ""
expect_eq "SDIFF missing first" "$(rcli SDIFF nokey a)" ""
expect_eq "SINTERCARD" "$(rcli SINTERCARD 2 a b)" "2"
expect_eq "SINTERCARD LIMIT" "$(rcli SINTERCARD 2 a b LIMIT 1)" "1"
expect_eq "SINTERCARD LIMIT 0" "$(rcli SINTERCARD 2 a b limit 0)" "2"
expect_eq "SINTERCARD missing" "$(rcli SINTERCARD 1 nokey)" "0"
expect_eq "SINTERCARD numkeys 0" "$(rcli SINTERCARD 0 a)" "ERR numkeys should be greater than 0"
expect_eq "SINTERCARD numkeys x" "$(rcli SINTERCARD x a)" "ERR numkeys should be greater than 0"
expect_eq "SINTERCARD too many" "$(rcli SINTERCARD 3 a b)" \
  "ERR Number of keys can't be greater than number of args"
expect_eq "SINTERCARD LIMIT -1" "$(rcli SINTERCARD 2 a b LIMIT -1)" "ERR LIMIT can't be negative"
expect_eq "SINTERCARD LIMIT x" "$(rcli SINTERCARD 2 a b LIMIT x)" "ERR LIMIT can't be negative"
expect_eq "SINTERCARD dangling LIMIT" "$(rcli SINTERCARD 2 a b LIMIT)" "ERR syntax error"
expect_eq "SINTERCARD extra key" "$(rcli SINTERCARD 1 a b)" "ERR syntax error"

# *STORE: overwrite any type, delete on an empty result.
expect_eq "SINTERSTORE" "$(rcli SINTERSTORE dest a b)" "2"
expect_eq "SINTERSTORE result" "$(sorted SMEMBERS dest)" "3 4 "
expect_eq "SUNIONSTORE" "$(rcli SUNIONSTORE dest a b)" "5"
expect_eq "SDIFFSTORE" "$(rcli SDIFFSTORE dest a b)" "2"
expect_eq "SDIFFSTORE result" "$(sorted SMEMBERS dest)" "1 2 "
expect_eq "SINTERSTORE empty" "$(rcli SINTERSTORE dest a nokey)" "0"
expect_eq "empty result deletes dest" "$(rcli EXISTS dest)" "0"
rcli HSET hdest f v >/dev/null
expect_eq "SUNIONSTORE over a hash" "$(rcli SUNIONSTORE hdest a c)" "5"
expect_eq "dest is now a set" "$(rcli TYPE hdest)" "set"
expect_eq "SDIFFSTORE empty over set" "$(rcli SDIFFSTORE hdest a a)" "0"
expect_eq "dest deleted" "$(rcli EXISTS hdest)" "0"
rcli SADD a2 1 2 3 >/dev/null
expect_eq "SDIFFSTORE into a source" "$(rcli SDIFFSTORE a2 a2 b)" "2"
expect_eq "source rewritten" "$(sorted SMEMBERS a2)" "1 2 "

# SMOVE
rcli SADD src a b >/dev/null
rcli SADD dst b >/dev/null
expect_eq "SMOVE" "$(rcli SMOVE src dst a)" "1"
expect_eq "SMOVE absent member" "$(rcli SMOVE src dst zz)" "0"
expect_eq "SMOVE same key" "$(rcli SMOVE src src b)" "1"
expect_eq "SMOVE same key absent" "$(rcli SMOVE src src zz)" "0"
expect_eq "SMOVE missing src" "$(rcli SMOVE nokey dst a)" "0"
expect_eq "SMOVE last member" "$(rcli SMOVE src dst b)" "1"
expect_eq "SMOVE empties src" "$(rcli EXISTS src)" "0"
expect_eq "SMOVE dst" "$(sorted SMEMBERS dst)" "a b "
expect_eq "SMOVE to new key" "$(rcli SMOVE dst fresh a)" "1"
expect_eq "SMOVE new key" "$(rcli SMEMBERS fresh)" "a"

# SSCAN
expect_eq "SSCAN missing" "$(flat SSCAN nokey 0)" "0  "
expect_eq "SSCAN missing ignores options" "$(flat SSCAN nokey 0 COUNT 0)" "0  "
expect_eq "SSCAN bad cursor" "$(rcli SSCAN a x)" "ERR invalid cursor"
expect_eq "SSCAN count 0" "$(rcli SSCAN a 0 COUNT 0)" "ERR syntax error"
expect_eq "SSCAN count -1" "$(rcli SSCAN a 0 COUNT -1)" "ERR syntax error"
expect_eq "SSCAN count x" "$(rcli SSCAN a 0 COUNT x)" "ERR value is not an integer or out of range"
expect_eq "SSCAN bad option" "$(rcli SSCAN a 0 foo bar)" "ERR syntax error"
expect_eq "SSCAN intset: one page" "$(sorted SSCAN a 0 COUNT 1)" "0 1 2 3 4 "
expect_eq "SSCAN MATCH" "$(flat SSCAN a 0 MATCH 3 COUNT 100)" "0 3 "
# A set of strings pages by cursor; every member comes once.
for i in $(seq 1 300); do echo "SADD bigs m$i"; done | rcli >/dev/null
cursor=0
members=""
pages=0
while :; do
  out=$(rcli SSCAN bigs "$cursor" COUNT 20 MATCH 'm1*')
  cursor=$(head -1 <<<"$out")
  members+=$(tail -n +2 <<<"$out")$'\n'
  pages=$((pages + 1))
  [ "$cursor" = 0 ] && break
  [ "$pages" -lt 100 ] || fail "SSCAN does not end"
done
expect_eq "SSCAN big: members" "$(grep -c . <<<"$members")" "111"
expect_eq "SSCAN big: no repeats" "$(grep . <<<"$members" | sort -u | wc -l)" "111"

# Survives a restart.
stop_tetradb
start_tetradb "$WORK/data"
expect_eq "after restart SMEMBERS" "$(sorted SMEMBERS a)" "1 2 3 4 "
expect_eq "after restart SCARD" "$(rcli SCARD bigs)" "300"
expect_eq "after restart stored set" "$(sorted SMEMBERS a2)" "1 2 "
expect_eq "after restart deleted" "$(rcli EXISTS dest)" "0"
stop_tetradb
echo "kv_set: ok"
