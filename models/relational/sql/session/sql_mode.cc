#include "models/relational/sql/session/sql_mode.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <iterator>

namespace tetradb::rel::sql {
namespace {

// sql_mode's names, in the order MySQL reports them; ANSI and TRADITIONAL
// also set the modes they stand for. Only ONLY_FULL_GROUP_BY changes
// anything: tetradb is always strict (STRICT_TRANS_TABLES and the zero-date
// modes cannot be relaxed) and ignores the others (docs/sql.md).
constexpr std::string_view kSqlModes[] = {
    "REAL_AS_FLOAT",
    "PIPES_AS_CONCAT",
    "ANSI_QUOTES",
    "IGNORE_SPACE",
    "ONLY_FULL_GROUP_BY",
    "NO_UNSIGNED_SUBTRACTION",
    "NO_DIR_IN_CREATE",
    "ANSI",
    "NO_AUTO_VALUE_ON_ZERO",
    "NO_BACKSLASH_ESCAPES",
    "STRICT_TRANS_TABLES",
    "STRICT_ALL_TABLES",
    "NO_ZERO_IN_DATE",
    "NO_ZERO_DATE",
    "ALLOW_INVALID_DATES",
    "ERROR_FOR_DIVISION_BY_ZERO",
    "TRADITIONAL",
    "HIGH_NOT_PRECEDENCE",
    "NO_ENGINE_SUBSTITUTION",
    "PAD_CHAR_TO_FULL_LENGTH",
    "TIME_TRUNCATE_FRACTIONAL",
};
constexpr size_t kModeCount = sizeof(kSqlModes) / sizeof(kSqlModes[0]);

}  // namespace

SqlResult<std::string> NormalizeSqlMode(std::string_view text) {
  bool set[kModeCount] = {};
  auto mark = [&](std::string_view mode) {
    for (size_t i = 0; i < kModeCount; ++i) {
      if (kSqlModes[i] == mode) set[i] = true;
    }
  };
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    std::string_view raw = text.substr(start, comma - start);
    start = comma + 1;
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.front()))) {
      raw.remove_prefix(1);
    }
    while (!raw.empty() && std::isspace(static_cast<unsigned char>(raw.back()))) {
      raw.remove_suffix(1);
    }
    if (raw.empty()) continue;
    std::string upper(raw);
    for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    if (std::find(std::begin(kSqlModes), std::end(kSqlModes), upper) == std::end(kSqlModes)) {
      return SqlError{1231, "42000",
                      fmt::format("Variable 'sql_mode' can't be set to the value of '{}'", raw)};
    }
    mark(upper);
    if (upper == "ANSI") {
      for (std::string_view m : {"REAL_AS_FLOAT", "PIPES_AS_CONCAT", "ANSI_QUOTES", "IGNORE_SPACE",
                                 "ONLY_FULL_GROUP_BY"}) {
        mark(m);
      }
    } else if (upper == "TRADITIONAL") {
      for (std::string_view m :
           {"STRICT_TRANS_TABLES", "STRICT_ALL_TABLES", "NO_ZERO_IN_DATE", "NO_ZERO_DATE",
            "ERROR_FOR_DIVISION_BY_ZERO", "NO_ENGINE_SUBSTITUTION"}) {
        mark(m);
      }
    }
  }
  std::string out;
  for (size_t i = 0; i < kModeCount; ++i) {
    if (!set[i]) continue;
    if (!out.empty()) out += ',';
    out += kSqlModes[i];
  }
  return out;
}

}  // namespace tetradb::rel::sql
