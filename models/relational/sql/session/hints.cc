#include "models/relational/sql/session/hints.h"

#include <cctype>

namespace tetradb::rel::sql {
namespace {

constexpr uint64_t kMaxTimeout = 4294967295u;  // max_execution_time's range

bool IsBlank(char c) { return std::isspace(static_cast<unsigned char>(c)) != 0; }

size_t SkipBlanks(std::string_view s, size_t i) {
  while (i < s.size() && IsBlank(s[i])) ++i;
  return i;
}

// Whether `word` (upper case) is at `i`, case-insensitively, not followed by
// a name character.
bool WordAt(std::string_view s, size_t i, std::string_view word) {
  if (s.size() - i < word.size()) return false;
  for (size_t k = 0; k < word.size(); ++k) {
    if (std::toupper(static_cast<unsigned char>(s[i + k])) != word[k]) return false;
  }
  size_t end = i + word.size();
  return end == s.size() ||
         !(std::isalnum(static_cast<unsigned char>(s[end])) || s[end] == '_' || s[end] == '$');
}

}  // namespace

std::optional<uint64_t> MaxExecutionTimeHint(std::string_view sql, size_t pos) {
  if (pos > sql.size()) return std::nullopt;
  size_t i = pos;
  while (i < sql.size() && (sql[i] == '(' || IsBlank(sql[i]))) ++i;
  if (!WordAt(sql, i, "SELECT")) return std::nullopt;
  i = SkipBlanks(sql, i + 6);
  if (sql.substr(i, 3) != "/*+") return std::nullopt;
  size_t close = sql.find("*/", i + 3);
  if (close == std::string_view::npos) return std::nullopt;
  std::string_view body = sql.substr(i + 3, close - i - 3);
  constexpr std::string_view kName = "MAX_EXECUTION_TIME";
  for (size_t k = 0; k < body.size(); ++k) {
    if (k > 0 && (std::isalnum(static_cast<unsigned char>(body[k - 1])) || body[k - 1] == '_')) {
      continue;  // inside another word
    }
    if (!WordAt(body, k, kName)) continue;
    size_t j = SkipBlanks(body, k + kName.size());
    if (j >= body.size() || body[j] != '(') return std::nullopt;
    j = SkipBlanks(body, j + 1);
    if (j >= body.size() || !std::isdigit(static_cast<unsigned char>(body[j]))) {
      return std::nullopt;
    }
    uint64_t n = 0;
    while (j < body.size() && std::isdigit(static_cast<unsigned char>(body[j]))) {
      n = n * 10 + static_cast<uint64_t>(body[j] - '0');
      if (n > kMaxTimeout) n = kMaxTimeout + 1;  // saturate; clamped below
      ++j;
    }
    j = SkipBlanks(body, j);
    if (j >= body.size() || body[j] != ')') return std::nullopt;
    return n > kMaxTimeout ? kMaxTimeout : n;
  }
  return std::nullopt;
}

}  // namespace tetradb::rel::sql
