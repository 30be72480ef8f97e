// A compact S-expression rendering of syntax trees, for tests and debugging:
// what the parser understood, with precedence made explicit.
//
//   a + b * 2              (+ a (* b 2))
//   NOT x IN (1, 2)        (not (in x 1 2))
//   COUNT(DISTINCT a)      (COUNT distinct a)
//   -1.50, 1e3, 'x'        dec:-1.50  dbl:1000  'x'
//   SELECT a FROM t WHERE  (select (items a) (from t) (where ...))
//
// The format is for people; nothing parses it back.
#pragma once

#include <string>

#include "models/relational/sql/parser/ast.h"

namespace tetradb::rel::sql {

std::string DumpExpr(const Expr& e);
std::string DumpSelect(const SelectStmt& s);
std::string DumpColumnType(const ColumnType& t);

}  // namespace tetradb::rel::sql
