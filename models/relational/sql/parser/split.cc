// SplitStatements: a script cut at top-level `;`.
#include <string_view>
#include <vector>

#include "models/relational/sql/parser/lexer.h"
#include "models/relational/sql/parser/parser.h"

namespace tetradb::rel::sql {
namespace {

// Offset just past the quoted run that opens at `i` (or the end when it is
// unterminated: the parser reports that).
size_t SkipQuoted(std::string_view sql, size_t i) {
  const char quote = sql[i];
  const bool escapes = quote != '`';
  size_t j = i + 1;
  while (j < sql.size()) {
    char c = sql[j];
    if (escapes && c == '\\') {
      j += 2;
      continue;
    }
    if (c == quote) {
      if (j + 1 < sql.size() && sql[j + 1] == quote) {
        j += 2;
        continue;
      }
      return j + 1;
    }
    ++j;
  }
  return sql.size();
}

bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

}  // namespace

std::vector<std::string_view> SplitStatements(std::string_view sql) {
  std::vector<std::string_view> out;
  size_t start = 0;
  bool has_content = false;  // something besides whitespace and comments
  auto flush = [&](size_t end) {
    if (has_content) {
      std::string_view piece = sql.substr(start, end - start);
      while (!piece.empty() && IsSpace(piece.front())) piece.remove_prefix(1);
      while (!piece.empty() && IsSpace(piece.back())) piece.remove_suffix(1);
      out.push_back(piece);
    }
    has_content = false;
  };
  size_t i = 0;
  while (i < sql.size()) {
    size_t after = SkipTrivia(sql, i);
    if (after != i) {
      i = after;
      continue;
    }
    char c = sql[i];
    if (c == ';') {
      flush(i);
      start = ++i;
      continue;
    }
    has_content = true;
    if (c == '\'' || c == '"' || c == '`') {
      i = SkipQuoted(sql, i);
    } else {
      ++i;
    }
  }
  flush(sql.size());
  return out;
}

}  // namespace tetradb::rel::sql
