#!/usr/bin/env bash
# List commands over RESP, checked reply by reply against Redis 7.0's answers.
source "$(dirname "$0")/lib.sh"

start_tetradb "$WORK/data"

# c CMD...: the reply as redis-cli prints it for people (types visible:
# (integer), (nil), (empty array), quoted bulks), lines joined by '|'.
c() { rcli --no-raw "$@" | paste -sd '|' -; }
# raw EXPECTED CMD...: sends CMD as a RESP array on a plain socket and checks
# the reply's exact bytes (to tell a nil array from a nil bulk).
raw() {
  local want=$1
  shift
  local req="*$#\r\n" a
  for a in "$@"; do req+="\$${#a}\r\n$a\r\n"; done
  exec 3<>"/dev/tcp/127.0.0.1/$TD_PORT"
  printf "$req" >&3
  local got
  got=$(timeout 5 head -c "$(printf "$want" | wc -c)" <&3 | od -An -c | tr -s ' ')
  exec 3>&-
  expect_eq "raw $*" "$got" "$(printf "$want" | od -An -c | tr -s ' ')"
}
has_cmd() { [[ "$(rcli "$1")" != *"unknown command"* ]]; }

# Push and read.
expect_eq "RPUSH" "$(c RPUSH l a b c)" "(integer) 3"
expect_eq "LPUSH order" "$(c LPUSH l y x)" "(integer) 5"
expect_eq "LRANGE all" "$(c LRANGE l 0 -1)" '1) "x"|2) "y"|3) "a"|4) "b"|5) "c"'
expect_eq "LRANGE neg" "$(c LRANGE l -2 100)" '1) "b"|2) "c"'
expect_eq "LRANGE empty" "$(c LRANGE l 3 1)" "(empty array)"
expect_eq "LRANGE missing" "$(c LRANGE nokey 0 -1)" "(empty array)"
expect_eq "LRANGE bad int" "$(c LRANGE l a 1)" "(error) ERR value is not an integer or out of range"
expect_eq "LLEN" "$(c LLEN l)" "(integer) 5"
expect_eq "LLEN missing" "$(c LLEN nokey)" "(integer) 0"
expect_eq "LPUSHX missing" "$(c LPUSHX nokey a)" "(integer) 0"
expect_eq "RPUSHX" "$(c RPUSHX l z1 z2)" "(integer) 7"
expect_eq "LPUSHX" "$(c LPUSHX l w)" "(integer) 8"
expect_eq "EXISTS after PUSHX on missing" "$(c EXISTS nokey)" "(integer) 0"
expect_eq "LPUSH arity" "$(c LPUSH l)" "(error) ERR wrong number of arguments for 'lpush' command"

# Index and set.
expect_eq "LINDEX 0" "$(c LINDEX l 0)" '"w"'
expect_eq "LINDEX -1" "$(c LINDEX l -1)" '"z2"'
expect_eq "LINDEX out" "$(c LINDEX l 100)" "(nil)"
expect_eq "LINDEX missing" "$(c LINDEX nokey 0)" "(nil)"
expect_eq "LINDEX missing bad int" "$(c LINDEX nokey x)" "(nil)"
expect_eq "LINDEX bad int" "$(c LINDEX l x)" "(error) ERR value is not an integer or out of range"
expect_eq "LSET" "$(c LSET l 1 X)" "OK"
expect_eq "LSET neg" "$(c LSET l -1 Z)" "OK"
expect_eq "LSET out" "$(c LSET l 8 q)" "(error) ERR index out of range"
expect_eq "LSET missing" "$(c LSET nokey 0 q)" "(error) ERR no such key"
expect_eq "LSET missing bad int" "$(c LSET nokey x q)" "(error) ERR no such key"
expect_eq "LSET bad int" "$(c LSET l x q)" "(error) ERR value is not an integer or out of range"
expect_eq "after LSET" "$(c LRANGE l 0 -1)" '1) "w"|2) "X"|3) "y"|4) "a"|5) "b"|6) "c"|7) "z1"|8) "Z"'

# Pops.
expect_eq "LPOP" "$(c LPOP l)" '"w"'
expect_eq "RPOP" "$(c RPOP l)" '"Z"'
expect_eq "LPOP count" "$(c LPOP l 2)" '1) "X"|2) "y"'
expect_eq "RPOP count" "$(c RPOP l 2)" '1) "z1"|2) "c"'
expect_eq "LPOP count 0" "$(c LPOP l 0)" "(empty array)"
expect_eq "LPOP count neg" "$(c LPOP l -1)" "(error) ERR value is out of range, must be positive"
expect_eq "LPOP count bad" "$(c LPOP l x)" "(error) ERR value is out of range, must be positive"
expect_eq "LPOP arity" "$(c LPOP l 1 2)" "(error) ERR wrong number of arguments for 'lpop' command"
expect_eq "LPOP missing" "$(c LPOP nokey)" "(nil)"
raw '$-1\r\n' LPOP nokey
raw '*-1\r\n' LPOP nokey 2
raw '*-1\r\n' RPOP nokey 0
raw '*0\r\n' LPOP l 0
expect_eq "RPOP more than there" "$(c RPOP l 10)" '1) "b"|2) "a"'
expect_eq "emptied list is deleted" "$(c EXISTS l)" "(integer) 0"
expect_eq "LLEN of deleted" "$(c LLEN l)" "(integer) 0"

# LINSERT.
rcli RPUSH ins a b c >/dev/null
expect_eq "LINSERT before" "$(c LINSERT ins BEFORE b X)" "(integer) 4"
expect_eq "LINSERT after" "$(c LINSERT ins after c Y)" "(integer) 5"
expect_eq "LINSERT no pivot" "$(c LINSERT ins BEFORE nope Z)" "(integer) -1"
expect_eq "LINSERT missing" "$(c LINSERT nokey BEFORE a Z)" "(integer) 0"
expect_eq "LINSERT syntax" "$(c LINSERT ins MIDDLE a Z)" "(error) ERR syntax error"
expect_eq "after LINSERT" "$(c LRANGE ins 0 -1)" '1) "a"|2) "X"|3) "b"|4) "c"|5) "Y"'

# LREM.
rcli RPUSH rem x a x b x c x >/dev/null
expect_eq "LREM 2" "$(c LREM rem 2 x)" "(integer) 2"
expect_eq "LREM -1" "$(c LREM rem -1 x)" "(integer) 1"
expect_eq "after LREM" "$(c LRANGE rem 0 -1)" '1) "a"|2) "b"|3) "x"|4) "c"'
expect_eq "LREM 0" "$(c LREM rem 0 x)" "(integer) 1"
expect_eq "LREM none" "$(c LREM rem 0 zz)" "(integer) 0"
expect_eq "LREM missing" "$(c LREM nokey 0 x)" "(integer) 0"
expect_eq "LREM bad int" "$(c LREM rem x a)" "(error) ERR value is not an integer or out of range"
expect_eq "LREM all" "$(c LREM rem 0 a)" "(integer) 1"
expect_eq "after LREM all" "$(c LRANGE rem 0 -1)" '1) "b"|2) "c"'

# LTRIM.
rcli RPUSH tr a b c d e >/dev/null
expect_eq "LTRIM" "$(c LTRIM tr 1 -2)" "OK"
expect_eq "after LTRIM" "$(c LRANGE tr 0 -1)" '1) "b"|2) "c"|3) "d"'
expect_eq "LTRIM missing" "$(c LTRIM nokey 0 1)" "OK"
expect_eq "LTRIM bad int" "$(c LTRIM tr 0 x)" "(error) ERR value is not an integer or out of range"
expect_eq "LTRIM to empty" "$(c LTRIM tr 5 10)" "OK"
expect_eq "LTRIM deleted the key" "$(c EXISTS tr)" "(integer) 0"

# LPOS.
rcli RPUSH pos a b c 1 2 3 c c >/dev/null
expect_eq "LPOS" "$(c LPOS pos c)" "(integer) 2"
expect_eq "LPOS RANK 2" "$(c LPOS pos c RANK 2)" "(integer) 6"
expect_eq "LPOS RANK -1" "$(c LPOS pos c RANK -1)" "(integer) 7"
expect_eq "LPOS COUNT 0" "$(c LPOS pos c COUNT 0)" "1) (integer) 2|2) (integer) 6|3) (integer) 7"
expect_eq "LPOS COUNT 2 RANK -1" "$(c LPOS pos c COUNT 2 RANK -1)" "1) (integer) 7|2) (integer) 6"
expect_eq "LPOS MAXLEN" "$(c LPOS pos c COUNT 0 MAXLEN 3)" "1) (integer) 2"
expect_eq "LPOS no match" "$(c LPOS pos zz)" "(nil)"
expect_eq "LPOS no match COUNT" "$(c LPOS pos zz COUNT 1)" "(empty array)"
expect_eq "LPOS RANK beyond" "$(c LPOS pos c RANK 4)" "(nil)"
expect_eq "LPOS missing" "$(c LPOS nokey c)" "(nil)"
expect_eq "LPOS missing COUNT" "$(c LPOS nokey c COUNT 0)" "(empty array)"
expect_eq "LPOS RANK 0" "$(c LPOS pos c RANK 0)" \
  "(error) ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... or use negative to start from the end of the list"
expect_eq "LPOS RANK bad" "$(c LPOS pos c RANK x)" "(error) ERR value is not an integer or out of range"
expect_eq "LPOS COUNT neg" "$(c LPOS pos c COUNT -1)" "(error) ERR COUNT can't be negative"
expect_eq "LPOS MAXLEN neg" "$(c LPOS pos c MAXLEN -1)" "(error) ERR MAXLEN can't be negative"
expect_eq "LPOS syntax" "$(c LPOS pos c FOO 1)" "(error) ERR syntax error"
expect_eq "LPOS option without value" "$(c LPOS pos c RANK)" "(error) ERR syntax error"

# LMOVE / RPOPLPUSH.
rcli RPUSH src a b c >/dev/null
expect_eq "RPOPLPUSH" "$(c RPOPLPUSH src dst)" '"c"'
expect_eq "LMOVE" "$(c LMOVE src dst LEFT RIGHT)" '"a"'
expect_eq "dst" "$(c LRANGE dst 0 -1)" '1) "c"|2) "a"'
expect_eq "LMOVE syntax" "$(c LMOVE src dst UP RIGHT)" "(error) ERR syntax error"
expect_eq "LMOVE missing" "$(c LMOVE nokey dst LEFT LEFT)" "(nil)"
expect_eq "LMOVE last element" "$(c LMOVE src dst left left)" '"b"'
expect_eq "src deleted" "$(c EXISTS src)" "(integer) 0"
expect_eq "RPOPLPUSH rotate" "$(c RPOPLPUSH dst dst)" '"a"'
expect_eq "rotated" "$(c LRANGE dst 0 -1)" '1) "a"|2) "b"|3) "c"'

# LMPOP.
rcli RPUSH m2 1 2 3 4 >/dev/null
expect_eq "LMPOP" "$(c LMPOP 2 m1 m2 LEFT)" '1) "m2"|2) 1) "1"'
expect_eq "LMPOP COUNT" "$(c LMPOP 2 m1 m2 RIGHT COUNT 2)" '1) "m2"|2) 1) "4"|   2) "3"'
expect_eq "LMPOP none" "$(c LMPOP 1 m1 LEFT)" "(nil)"
raw '*-1\r\n' LMPOP 1 m1 LEFT
raw '*2\r\n$2\r\nm2\r\n*1\r\n$1\r\n2\r\n' LMPOP 1 m2 LEFT COUNT 10
expect_eq "LMPOP emptied" "$(c EXISTS m2)" "(integer) 0"
expect_eq "LMPOP numkeys 0" "$(c LMPOP 0 m1 LEFT)" "(error) ERR numkeys should be greater than 0"
expect_eq "LMPOP numkeys bad" "$(c LMPOP x m1 LEFT)" "(error) ERR numkeys should be greater than 0"
expect_eq "LMPOP numkeys big" "$(c LMPOP 5 m1 LEFT)" "(error) ERR syntax error"
expect_eq "LMPOP where" "$(c LMPOP 1 m1 UP)" "(error) ERR syntax error"
expect_eq "LMPOP count 0" "$(c LMPOP 1 m1 LEFT COUNT 0)" "(error) ERR count should be greater than 0"
expect_eq "LMPOP count twice" "$(c LMPOP 1 m1 LEFT COUNT 1 COUNT 1)" "(error) ERR syntax error"
expect_eq "LMPOP arity" "$(c LMPOP 1 m1)" "(error) ERR wrong number of arguments for 'lmpop' command"

# WRONGTYPE: a hash stands in for "another type" (HSET comes with the server).
wrong="(error) WRONGTYPE Operation against a key holding the wrong kind of value"
if has_cmd hset; then
  rcli HSET h f v >/dev/null
  rcli RPUSH okl a >/dev/null
  for cmd in "LPUSH h a" "RPUSHX h a" "LPOP h" "RPOP h 0" "LLEN h" "LRANGE h 0 -1" \
    "LINDEX h 0" "LINDEX h x" "LSET h 0 a" "LINSERT h BEFORE a b" "LREM h 0 a" "LTRIM h 0 1" \
    "LPOS h a" "LMOVE h okl LEFT LEFT" "LMOVE okl h LEFT LEFT" "RPOPLPUSH okl h" \
    "LMPOP 2 nokey h LEFT"; do
    # shellcheck disable=SC2086
    expect_eq "$cmd" "$(c $cmd)" "$wrong"
  done
  expect_eq "LMOVE to wrong type changed nothing" "$(c LRANGE okl 0 -1)" '1) "a"'
  expect_eq "LMOVE from missing to wrong type" "$(c LMOVE nokey h LEFT LEFT)" "(nil)"
  expect_eq "LMPOP stops at first list" "$(c LMPOP 2 okl h LEFT)" '1) "okl"|2) 1) "a"'
fi
if has_cmd type; then
  expect_eq "TYPE" "$(rcli TYPE dst)" "list"
fi
if has_cmd del; then
  rcli RPUSH gone a b >/dev/null
  expect_eq "DEL list" "$(c DEL gone)" "(integer) 1"
  expect_eq "recreated list is fresh" "$(c RPUSH gone z)" "(integer) 1"
  expect_eq "no old members" "$(c LRANGE gone 0 -1)" '1) "z"'
fi

# RESP3: the same replies, nulls as RESP3 nulls.
expect_eq "RESP3 LRANGE" "$(rcli -3 LRANGE dst 0 0)" "a"

# Long lists: elements are stored in chunks of up to 128; cross their edges.
ref=()
for i in $(seq 100 -1 1); do ref+=("l$i"); done
for i in $(seq 0 399); do ref+=("r$i"); done
# shellcheck disable=SC2046
rcli RPUSH long $(printf 'r%s ' $(seq 0 399)) >/dev/null
# shellcheck disable=SC2046
expect_eq "LPUSH long" "$(rcli LPUSH long $(printf 'l%s ' $(seq 1 100)))" "500"
joined() { paste -sd '|' -; }
window() { printf '%s\n' "${ref[@]:$1:$(($2 - $1 + 1))}" | joined; }
check_long() {
  local w
  expect_eq "LLEN long ($1)" "$(rcli LLEN long)" "${#ref[@]}"
  expect_eq "LRANGE long all ($1)" "$(rcli LRANGE long 0 -1 | joined)" "$(printf '%s\n' "${ref[@]}" | joined)"
  for w in "0 0" "126 129" "127 128" "227 229" "255 257" "300 420"; do
    # shellcheck disable=SC2086
    set -- $w
    [ "$2" -lt "${#ref[@]}" ] || continue
    expect_eq "LRANGE long $1 $2" "$(rcli LRANGE long "$1" "$2" | joined)" "$(window "$1" "$2")"
    expect_eq "LINDEX long $1" "$(rcli LINDEX long "$1")" "${ref[$1]}"
    expect_eq "LINDEX long -$((${#ref[@]} - $2))" "$(rcli LINDEX long "-$((${#ref[@]} - $2))")" "${ref[$2]}"
  done
}
check_long "pushed"
expect_eq "LSET long 128" "$(rcli LSET long 128 S128)" "OK"
ref[128]=S128
expect_eq "LSET long -129" "$(rcli LSET long -129 S-129)" "OK"
ref[${#ref[@]}-129]=S-129
expect_eq "LINSERT long (head side)" "$(rcli LINSERT long BEFORE r20 I1)" "501"
ref=("${ref[@]:0:120}" I1 "${ref[@]:120}")
expect_eq "LINSERT long (tail side)" "$(rcli LINSERT long AFTER r350 I2)" "502"
ref=("${ref[@]:0:452}" I2 "${ref[@]:452}")
check_long "inserted"
expect_eq "LPOS long" "$(rcli LPOS long r250)" "351"
expect_eq "LPOS long RANK -1 MAXLEN" "$(rcli LPOS long l1 RANK -1 MAXLEN 403)" "99"
expect_eq "LPOS long MAXLEN short" "$(rcli LPOS long l1 RANK -1 MAXLEN 402)" ""
expect_eq "LREM long" "$(rcli LREM long 0 r200)" "1"
ref=("${ref[@]:0:301}" "${ref[@]:302}")
expect_eq "LREM long head side" "$(rcli LREM long 1 l50)" "1"
ref=("${ref[@]:0:50}" "${ref[@]:51}")
check_long "removed"
expect_eq "RPOP long 130" "$(rcli RPOP long 130 | joined)" "$(printf '%s\n' "${ref[@]:370}" | tac | joined)"
ref=("${ref[@]:0:370}")
expect_eq "LMPOP long 129" "$(rcli LMPOP 1 long LEFT COUNT 129 | tail -n +2 | joined)" "$(window 0 128)"
ref=("${ref[@]:129}")
expect_eq "LTRIM long" "$(rcli LTRIM long 3 -4)" "OK"
ref=("${ref[@]:3:$((${#ref[@]} - 6))}")
check_long "trimmed"
# 300 KB: more than one argv string may hold, so through stdin (-x).
big=$(head -c 300000 /dev/zero | tr '\0' 'B')
expect_eq "RPUSH big" "$(printf '%s' "$big" | rcli -x RPUSH long)" "$((${#ref[@]} + 1))"
expect_eq "RPUSH small" "$(rcli RPUSH long small)" "$((${#ref[@]} + 2))"
ref+=("$big" small)
expect_eq "LINDEX big" "$(rcli LINDEX long -2 | wc -c)" "300001"
expect_eq "RPOP after big" "$(rcli RPOP long)" "small"
unset 'ref[-1]'

# A transaction reads the lists it wrote (chunks not yet committed), with
# other keys' writes queued after them.
expect_eq "MULTI own chunks" \
  "$(printf 'MULTI\nRPUSH tx1 a b c\nRPUSH tx2 d\nLRANGE tx1 0 -1\nLPOS tx1 c RANK -1\nLINDEX tx1 -1\nRPOP tx1 2\nLRANGE tx1 0 -1\nEXEC\n' | rcli | joined)" \
  "OK|QUEUED|QUEUED|QUEUED|QUEUED|QUEUED|QUEUED|QUEUED|3|1|a|b|c|2|c|c|b|a"

# Data survives a restart.
rcli RPUSH keep one two three >/dev/null
rcli LPUSH keep zero >/dev/null
stop_tetradb
start_tetradb "$WORK/data"
expect_eq "after restart" "$(c LRANGE keep 0 -1)" '1) "zero"|2) "one"|3) "two"|4) "three"'
expect_eq "rotated list after restart" "$(c LRANGE dst 0 -1)" '1) "a"|2) "b"|3) "c"'
expect_eq "push after restart" "$(c LPUSH keep neg)" "(integer) 5"
expect_eq "LINDEX after restart" "$(c LINDEX keep 0)" '"neg"'
expect_eq "big element after restart" "$(rcli LINDEX long -1 | wc -c)" "300001"
unset 'ref[-1]'
rcli RPOP long >/dev/null
check_long "after restart"
stop_tetradb
echo "kv_list: ok"
