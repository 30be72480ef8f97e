// Optimizer hints the session honours. MySQL reads hints from a comment
// written right after the statement's first keyword (`SELECT /*+ ... */`);
// the lexer skips comments, so they are read from the text here. Every
// other hint is ignored, as MySQL ignores hints it does not know.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

namespace tetradb::rel::sql {

// N of a MAX_EXECUTION_TIME(N) hint in the `/*+ ... */` comment after the
// SELECT keyword starting at `pos` of `sql` (leading '(' allowed: a
// parenthesized query). nullopt when there is none or it is not a plain
// number; N above 4294967295 is that maximum.
std::optional<uint64_t> MaxExecutionTimeHint(std::string_view sql, size_t pos);

}  // namespace tetradb::rel::sql
