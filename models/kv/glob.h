// Redis's glob-style pattern matching (KEYS, SCAN MATCH, PSUBSCRIBE):
// '*' any run, '?' any byte, '[abc]' '[^a]' '[a-z]' classes, '\x' a literal x.
#pragma once

#include <string_view>

namespace tetradb::kv {

bool GlobMatch(std::string_view pattern, std::string_view text, bool nocase = false);

}  // namespace tetradb::kv
