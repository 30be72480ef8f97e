// MySQL-dialect SQL text -> syntax tree. Recursive descent over the lexer's
// tokens. A syntax error is MySQL's 1064, quoting the text from the token
// where parsing failed.
#pragma once

#include <memory>
#include <string_view>
#include <vector>

#include "models/relational/sql/parser/ast.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel::sql {

struct ParsedStatement {
  std::unique_ptr<Statement> statement;
  int param_count = 0;  // number of `?` placeholders
};

// One statement; a single trailing `;` is allowed. Empty text (or only
// comments) is 1065 Query was empty.
SqlResult<ParsedStatement> Parse(std::string_view sql);

// A script of statements separated by `;` (a DDL file). Statements keep
// their own text offsets relative to `sql`.
SqlResult<std::vector<ParsedStatement>> ParseScript(std::string_view sql);

// Splits a script into statement texts at top-level `;` (outside strings,
// identifiers and comments), dropping empty ones.
std::vector<std::string_view> SplitStatements(std::string_view sql);

}  // namespace tetradb::rel::sql
