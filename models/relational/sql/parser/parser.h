// MySQL-dialect SQL text -> syntax tree. Recursive descent over the lexer's
// tokens. A syntax error is MySQL's 1064, quoting the text from the token
// where parsing failed.
//
// Errors besides 1064 / 1065:
//   1235 "This version of MySQL doesn't yet support '<feature>'" for MySQL
//        syntax tetradb recognises but does not implement (WITH, window
//        functions, multi-table UPDATE/DELETE, ALTER TABLE DROP COLUMN,
//        TIME/YEAR/BIT/SET columns, LOCK TABLES, SHOW VARIABLES, reading
//        information_schema / mysql tables, ...);
//   1248 a derived table without an alias; 1221 ORDER BY / LIMIT on a
//        UNION member that is not parenthesized; 1525 a bad DATE '...' or
//        TIMESTAMP '...' literal.
// What the parser accepts and drops (it has no effect in tetradb): database
// qualifiers (db.t), display widths, character sets and collations, index
// hints, table options other than AUTO_INCREMENT, column-level REFERENCES
// (as InnoDB ignores it), optimizer modifiers (SQL_NO_CACHE, ...), and CHECK
// constraints (which MySQL 8.0.16+ enforces: a known difference).
// The tree's conventions beyond ast.h's comments (normalised function names,
// variables as functions) are listed at ExprKind::kFunction.
//
// Never crashes on bad input: nesting deeper than 64 levels, or an
// expression tree taller than 1000 levels, is a 1064.
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
