// Argument documentation for COMMAND DOCS: the "arguments" field of each
// command and subcommand, as Redis 7.0 reports it. redis-cli 7.0 builds its
// interactive hints and HELP text from this field alone, so the names, types,
// tokens and flags follow Redis's own command specs exactly.
//
// The data is a table of compact spec strings (grammar in command_args.cc),
// parsed once, on first use, into Replies that later calls copy. Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "wire/resp/reply.h"

namespace tetradb::resp {

// The "arguments" array for `full_name` ("set", "config|get"; any case): one
// map per argument with "name", "type", and where they apply
// "key_spec_index", "token", "since", "deprecated_since", "flags" (a set of
// "optional", "multiple", "multiple_token") and nested "arguments" (for oneof
// and block). An empty array for a command that takes no arguments, for a
// container such as "config", and for an unknown name.
Reply CommandArguments(std::string_view full_name);

// Parses one spec string into its list of argument maps. Returns false and
// sets *error (with the offset) if the spec is malformed. Exposed for tests;
// CommandArguments() is the interface for everyone else.
bool ParseArgumentSpec(std::string_view spec, std::vector<Reply>* out, std::string* error);

}  // namespace tetradb::resp
