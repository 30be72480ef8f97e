#!/usr/bin/env bash
# Lua scripting over the wire: EVAL / EVALSHA / SCRIPT replies as
# redis-server 7.0.15 prints them through redis-cli, the scripts client
# libraries use (rate limiter, lock release), atomicity against concurrent
# clients, SCRIPT KILL, and script writes surviving a restart.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data"

# Lua values to replies.
expect_eq "integer" "$(rcli EVAL 'return 42' 0)" "42"
expect_eq "float truncated" "$(rcli EVAL 'return 3.99' 0)" "3"
expect_eq "string" "$(rcli EVAL "return 'hello'" 0)" "hello"
expect_eq "true" "$(rcli EVAL 'return true' 0)" "1"
expect_eq "false is nil" "$(rcli --no-raw EVAL 'return false' 0)" "(nil)"
expect_eq "nil" "$(rcli --no-raw EVAL 'return nil' 0)" "(nil)"
expect_eq "array stops at nil" "$(rcli EVAL "return {1, 'two', {3}, nil, 5}" 0 | tr '\n' ,)" \
  "1,two,3,"
expect_eq "status_reply" "$(rcli --no-raw EVAL "return redis.status_reply('FINE')" 0)" "FINE"
expect_eq "error_reply" "$(rcli EVAL "return redis.error_reply('MYERR custom')" 0)" \
  "MYERR custom"
expect_eq "error table" "$(rcli EVAL "return {err='oops'}" 0)" "oops"

# KEYS and ARGV; numkeys errors.
expect_eq "KEYS/ARGV" "$(rcli EVAL 'return {KEYS[1], KEYS[2], ARGV[1], #ARGV}' 2 k1 k2 a1 a2 |
  tr '\n' ,)" "k1,k2,a1,2,"
expect_eq "numkeys too big" "$(rcli EVAL 'return 1' 2 a)" \
  "ERR Number of keys can't be greater than number of args"
expect_eq "numkeys negative" "$(rcli EVAL 'return 1' -1)" "ERR Number of keys can't be negative"
expect_eq "numkeys not a number" "$(rcli EVAL 'return 1' x)" \
  "ERR value is not an integer or out of range"

# redis.call raises, redis.pcall returns the error.
rcli SET str foo >/dev/null
body="return redis.call('INCR', KEYS[1])"
expect_eq "call error" "$(rcli EVAL "$body" 1 str)" \
  "ERR value is not an integer or out of range script: $(printf '%s' "$body" | sha1sum | cut -c1-40), on @user_script:1."
expect_eq "pcall error" "$(rcli EVAL "return redis.pcall('INCR', KEYS[1])" 1 str)" \
  "ERR value is not an integer or out of range"
expect_eq "pcall error table" \
  "$(rcli EVAL "local r = redis.pcall('INCR', KEYS[1]) return type(r) .. ':' .. r.err" 1 str)" \
  "table:ERR value is not an integer or out of range"
expect_eq "call converts replies" \
  "$(rcli EVAL "redis.call('SET', KEYS[1], 'v') return {redis.call('GET', KEYS[1]), redis.call('GET', 'nokey') == false, redis.call('SET', KEYS[1], 'w').ok}" 1 key | tr '\n' ,)" \
  "v,1,OK,"
out=$(rcli EVAL "return redis.call('MULTI')" 0)
expect_contains "MULTI refused" "$out" "ERR This Redis command is not allowed from script"
out=$(rcli EVAL "return redis.call('SQL', 'SELECT 1')" 0)
expect_contains "SQL refused" "$out" "ERR This Redis command is not allowed from script"
out=$(rcli EVAL "return redis.call('NOSUCH')" 0)
expect_contains "unknown command" "$out" "ERR Unknown Redis command called from script"
out=$(rcli EVAL_RO "return redis.call('SET', 'a', 'b')" 0)
expect_contains "EVAL_RO refuses writes" "$out" \
  "ERR Write commands are not allowed from read-only scripts."

# The sandbox.
body="counter = 1"
expect_eq "global variable" "$(rcli EVAL "$body" 0)" \
  "ERR user_script:1: Attempt to modify a readonly table script: $(printf '%s' "$body" | sha1sum | cut -c1-40), on @user_script:1."
out=$(rcli EVAL 'return os.time()' 0)
expect_contains "no os" "$out" "Script attempted to access nonexistent global variable 'os'"
expect_eq "bit library" "$(rcli EVAL 'return bit.band(0xff, 0x0f)' 0)" "15"

# SCRIPT LOAD / EXISTS / FLUSH, EVALSHA, NOSCRIPT.
sha=$(rcli SCRIPT LOAD "return 'cached'")
expect_eq "SCRIPT LOAD" "$sha" "$(printf '%s' "return 'cached'" | sha1sum | cut -c1-40)"
expect_eq "EVALSHA" "$(rcli EVALSHA "$sha" 0)" "cached"
expect_eq "SCRIPT EXISTS" "$(rcli SCRIPT EXISTS "$sha" 0000000000000000000000000000000000000000 |
  tr '\n' ,)" "1,0,"
expect_eq "SCRIPT FLUSH" "$(rcli SCRIPT FLUSH)" "OK"
expect_eq "flushed" "$(rcli SCRIPT EXISTS "$sha")" "0"
expect_eq "NOSCRIPT" "$(rcli EVALSHA "$sha" 0)" "NOSCRIPT No matching script. Please use EVAL."
expect_eq "SCRIPT KILL when idle" "$(rcli SCRIPT KILL)" "NOTBUSY No scripts in execution right now."
expect_eq "SCRIPT FLUSH bad mode" "$(rcli SCRIPT FLUSH NOW)" \
  "ERR SCRIPT FLUSH only support SYNC|ASYNC option"

# A fixed-window rate limiter: INCR then EXPIRE on the first hit.
limiter="local n = redis.call('INCR', KEYS[1])
if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[2]) end
if n > tonumber(ARGV[1]) then return 0 end
return 1"
lsha=$(rcli SCRIPT LOAD "$limiter")
got=""
for i in 1 2 3 4; do got+=$(rcli EVALSHA "$lsha" 1 rate:user1 3 60),; done
expect_eq "rate limiter" "$got" "1,1,1,0,"
ttl=$(rcli TTL rate:user1)
[ "$ttl" -gt 50 ] && [ "$ttl" -le 60 ] || fail "rate limiter TTL: $ttl"

# Lock release: delete only if the token matches (GET + DEL).
release="if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) else return 0 end"
rcli SET lock:res token-a NX PX 30000 >/dev/null
expect_eq "release with wrong token" "$(rcli EVAL "$release" 1 lock:res token-b)" "0"
expect_eq "lock still held" "$(rcli GET lock:res)" "token-a"
expect_eq "release with right token" "$(rcli EVAL "$release" 1 lock:res token-a)" "1"
expect_eq "lock released" "$(rcli EXISTS lock:res)" "0"

# Atomicity: 4 clients x 200 read-modify-write scripts (GET then SET, which
# would lose updates if they interleaved) keep the count exact; so do
# transfers between two keys that touch them in opposite orders.
rcli MSET counter 0 from 10000 to 0 >/dev/null
incr="local v = tonumber(redis.call('GET', KEYS[1])) redis.call('SET', KEYS[1], v + 1) return v + 1"
move_ab="local a = tonumber(redis.call('GET', 'from')) local b = tonumber(redis.call('GET', 'to'))
redis.call('SET', 'from', a - 1) redis.call('SET', 'to', b + 1) return 1"
move_ba="local b = tonumber(redis.call('GET', 'to')) local a = tonumber(redis.call('GET', 'from'))
redis.call('SET', 'to', b + 1) redis.call('SET', 'from', a - 1) return 1"
isha=$(rcli SCRIPT LOAD "$incr")
asha=$(rcli SCRIPT LOAD "$move_ab")
bsha=$(rcli SCRIPT LOAD "$move_ba")
pids=()
for c in 1 2 3 4; do
  ( for i in $(seq 1 200); do
      printf 'EVALSHA %s 1 counter\r\nEVALSHA %s 0\r\nEVALSHA %s 0\r\n' "$isha" "$asha" "$bsha"
    done | rcli >"$WORK/client$c.out" ) &
  pids+=($!)
done
wait "${pids[@]}"
expect_eq "no lost increment" "$(rcli GET counter)" "800"
expect_eq "transfers complete" "$(rcli MGET from to | tr '\n' ,)" "8400,1600,"
errors=$(cat "$WORK"/client*.out | grep -cv '^[0-9]*$' || true)
expect_eq "no script failed" "$errors" "0"
dups=$(grep -h -v '^1$' "$WORK"/client*.out | sort | uniq -d | wc -l)
expect_eq "each increment seen once" "$dups" "0"

# A script's writes commit together; those made before an error stand.
rcli SET notnum abc >/dev/null
rcli EVAL "redis.call('SET', 'w1', 'x') redis.call('INCR', 'notnum') redis.call('SET', 'w2', 'y')" 0 \
  >/dev/null
expect_eq "write before error kept" "$(rcli GET w1)" "x"
expect_eq "write after error not made" "$(rcli EXISTS w2)" "0"

# SCRIPT KILL stops a running script (from another client) and undoes its
# writes.
( rcli EVAL "redis.call('SET', 'looping', '1') while true do end" 0 >"$WORK/killed.out" 2>&1 ) &
loop_pid=$!
# Other clients go on being served meanwhile, with the default threads.
sleep 0.3
expect_eq "served beside a looping script" "$(timeout 5 redis-cli -h 127.0.0.1 -p "$TD_PORT" SET beside 1)" "OK"
killed=""
for i in $(seq 1 50); do
  sleep 0.1
  if [ "$(rcli SCRIPT KILL)" == "OK" ]; then killed=yes; break; fi
done
wait "$loop_pid" || true
expect_eq "SCRIPT KILL" "$killed" "yes"
expect_contains "killed script's reply" "$(cat "$WORK/killed.out")" \
  "ERR Script killed by user with SCRIPT KILL..."
expect_eq "killed script rolled back" "$(rcli EXISTS looping)" "0"
expect_eq "server still serves" "$(rcli PING)" "PONG"

# A script queued in MULTI runs with EXEC, off the network threads too.
cat >"$WORK/exec_loop.txt" <<'CMDS'
MULTI
EVAL "redis.call('SET', 'inexec', '1') while true do end" 0
EXEC
CMDS
( timeout 20 redis-cli -h 127.0.0.1 -p "$TD_PORT" <"$WORK/exec_loop.txt" >"$WORK/exec_killed.out" 2>&1 ) &
loop_pid=$!
sleep 0.3
expect_eq "served beside EXEC's looping script" \
  "$(timeout 5 redis-cli -h 127.0.0.1 -p "$TD_PORT" SET beside 2)" "OK"
killed=""
for i in $(seq 1 50); do
  if [ "$(rcli SCRIPT KILL)" == "OK" ]; then killed=yes; break; fi
  sleep 0.1
done
wait "$loop_pid" || true
expect_eq "SCRIPT KILL inside EXEC" "$killed" "yes"
expect_contains "EXEC's reply" "$(cat "$WORK/exec_killed.out")" "Script killed by user"
expect_eq "EXEC's killed script rolled back" "$(rcli EXISTS inexec)" "0"

# The cjson and cmsgpack libraries (job queues such as BullMQ use both).
expect_eq "cjson.encode" "$(rcli EVAL "return cjson.encode({1,2,{a=1}})" 0)" '[1,2,{"a":1}]'
expect_eq "cjson.decode" "$(rcli EVAL "return cjson.decode(ARGV[1]).a" 0 '{"a":5}')" "5"
expect_eq "cjson nested" "$(rcli EVAL "return cjson.decode(ARGV[1]).list[2].name" 0 \
  '{"list":[{"name":"a"},{"name":"b"}]}')" "b"
expect_eq "cjson round trip" "$(rcli EVAL "return cjson.encode(cjson.decode(ARGV[1]))" 0 \
  '{"n":[1,2.5,-3e-7,null,true]}')" '{"n":[1,2.5,-3e-07,null,true]}'
body="return cjson.decode(ARGV[1])"
expect_eq "cjson bad input" "$(rcli EVAL "$body" 0 '[1,')" \
  "ERR user_script:1: Expected value but found T_END at character 4 script: $(printf '%s' "$body" | sha1sum | cut -c1-40), on @user_script:1."
expect_contains "cjson read-only" "$(rcli EVAL "cjson.encode = nil" 0)" \
  "Attempt to modify a readonly table"
expect_eq "cmsgpack first value" "$(rcli EVAL "return cmsgpack.unpack(cmsgpack.pack(1,'x',{1,2}))" 0)" "1"
expect_eq "cmsgpack all values" \
  "$(rcli EVAL "return {cmsgpack.unpack(cmsgpack.pack(1,'x',{1,2}))}" 0 | tr '\n' ,)" "1,x,1,2,"
# Packed bytes go through the store and back unchanged.
rcli EVAL "redis.call('SET', KEYS[1], cmsgpack.pack({name=ARGV[1], attempts=3, delay=1.5, tags={'a','b'}})) return 1" \
  1 job:1 send-email >/dev/null
expect_eq "cmsgpack through SET/GET" "$(rcli EVAL "local j = cmsgpack.unpack(redis.call('GET', KEYS[1])) return {j.name, j.attempts, tostring(j.delay), j.tags[2]}" 1 job:1 | tr '\n' ,)" \
  "send-email,3,1.5,b,"
expect_eq "cmsgpack size" "$(rcli STRLEN job:1)" "48"
expect_eq "cmsgpack.unpack_limit" \
  "$(rcli EVAL "return {cmsgpack.unpack_limit(cmsgpack.pack(10,20,30), 2)}" 0 | tr '\n' ,)" "2,10,20,"
body="return cmsgpack.unpack(ARGV[1])"
expect_eq "cmsgpack short input" "$(rcli EVAL "$body" 0 $'\xcd')" \
  "ERR user_script:1: Missing bytes in input. script: $(printf '%s' "$body" | sha1sum | cut -c1-40), on @user_script:1."
expect_eq "cmsgpack to cjson" \
  "$(rcli EVAL "return cjson.encode(cmsgpack.unpack(cmsgpack.pack({a={1,2,{b=true}}})))" 0)" \
  '{"a":[1,2,{"b":true}]}'

# COMMAND INFO / DOCS know the new commands.
expect_eq "COMMAND INFO eval" "$(rcli COMMAND INFO eval | head -2 | tr '\n' ,)" "eval,-3,"
expect_contains "COMMAND DOCS script" "$(rcli COMMAND DOCS script)" "script|load"

# Writes made by a script survive a restart.
rcli EVAL "redis.call('HSET', KEYS[1], 'f', ARGV[1]) return redis.call('RPUSH', KEYS[2], ARGV[1])" \
  2 persist:h persist:l durable >/dev/null
stop_tetradb
start_tetradb "$WORK/data"
expect_eq "hash after restart" "$(rcli HGET persist:h f)" "durable"
expect_eq "list after restart" "$(rcli LRANGE persist:l 0 -1)" "durable"
expect_eq "counter after restart" "$(rcli GET counter)" "800"
# The script cache is in memory, as in Redis: gone after a restart.
expect_eq "cache after restart" "$(rcli EVALSHA "$isha" 1 counter)" \
  "NOSCRIPT No matching script. Please use EVAL."
# Shutting down stops a looping script (stop_tetradb allows 2 s).
( rcli EVAL "while true do end" 0 >/dev/null 2>&1 ) &
loop_pid=$!
sleep 0.3
stop_tetradb
wait "$loop_pid" || true
echo "PASS"
