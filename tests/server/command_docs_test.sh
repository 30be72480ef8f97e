#!/usr/bin/env bash
# COMMAND DOCS carries each command's "arguments", from which redis-cli 7.0
# builds its interactive hints and HELP text.
source "$(dirname "$0")/lib.sh"
start_tetradb "$WORK/data"

for proto in 2 3; do
  docs=$(rcli -$proto COMMAND DOCS set)
  expect_contains "RESP$proto COMMAND DOCS set" "$docs" "arguments"
  for token in NX XX GET EX PX EXAT PXAT KEEPTTL; do
    expect_contains "RESP$proto COMMAND DOCS set: $token" "$docs" "$token"
  done
done

# The exact structure Redis 7.0 sends, as redis-cli renders it in JSON.
expect_eq "LPOP arguments" "$(rcli --json COMMAND DOCS lpop | grep -o '"arguments".*')" \
  '"arguments":[{"name":"key","type":"key","key_spec_index":0},{"name":"count","type":"integer","since":"6.2.0","flags":["optional"]}]}}'
expect_contains "SET condition" "$(rcli --json COMMAND DOCS set)" \
  '{"name":"condition","type":"oneof","since":"2.6.12","flags":["optional"],"arguments":[{"name":"nx","type":"pure-token","token":"NX"},{"name":"xx","type":"pure-token","token":"XX"}]}'

# Subcommands are documented inside their container, and on their own.
expect_contains "CONFIG subcommands" "$(rcli --json COMMAND DOCS config)" \
  '"config|get":{'
expect_contains "CONFIG GET arguments" "$(rcli --json COMMAND DOCS config\|get)" \
  '"arguments":[{"name":"parameter","type":"block","flags":["multiple"],"arguments":[{"name":"parameter","type":"string"}]}]'

# A command without arguments has no field at all, as in Redis.
docs=$(rcli COMMAND DOCS multi)
[[ "$docs" != *arguments* ]] || fail "MULTI documents arguments: $docs"

# The full listing (what redis-cli asks for at start-up) documents them all.
n=$(rcli --json COMMAND DOCS | grep -o '"arguments"' | wc -l)
[ "$n" -ge 150 ] || fail "COMMAND DOCS lists arguments for only $n commands"

stop_tetradb
echo "command_docs: ok"
