// Helpers shared by the parser tests.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>

#include "models/relational/sql/parser/ast.h"
#include "models/relational/sql/parser/ast_dump.h"
#include "models/relational/sql/parser/parser.h"

namespace tetradb::rel::sql::testing {

// Parses `sql`, failing the test (and returning null) on error.
inline std::unique_ptr<Statement> MustParse(std::string_view sql) {
  auto r = Parse(sql);
  EXPECT_TRUE(r.ok()) << sql << "\n  -> " << (r.ok() ? "" : r.error().message);
  if (!r.ok()) return nullptr;
  return std::move(r.value().statement);
}

template <typename T>
std::unique_ptr<T> MustParseAs(std::string_view sql) {
  std::unique_ptr<Statement> s = MustParse(sql);
  if (!s) return nullptr;
  T* typed = dynamic_cast<T*>(s.get());
  EXPECT_NE(typed, nullptr) << sql << ": unexpected statement kind";
  if (typed == nullptr) return nullptr;
  s.release();
  return std::unique_ptr<T>(typed);
}

inline std::unique_ptr<SelectStmt> MustParseSelect(std::string_view sql) {
  auto s = MustParseAs<SelectStatement>(sql);
  return s ? std::move(s->select) : nullptr;
}

// DumpSelect of a SELECT statement ("" when it does not parse).
inline std::string SelectDump(std::string_view sql) {
  auto s = MustParseSelect(sql);
  return s ? DumpSelect(*s) : "";
}

// The dump of `SELECT <expr>`'s single item.
inline std::string ExprDump(std::string_view expr) {
  auto s = MustParseSelect("SELECT " + std::string(expr));
  if (!s) return "<error>";
  EXPECT_EQ(s->items.size(), 1u) << expr;
  return DumpExpr(*s->items[0].expr);
}

// The first select item of `SELECT <expr>`.
inline ExprPtr FirstItem(std::string_view expr) {
  auto s = MustParseSelect("SELECT " + std::string(expr));
  if (!s || s->items.empty()) return nullptr;
  return std::move(s->items[0].expr);
}

// The error of a statement that must not parse (code 0 if it did).
inline SqlError ParseError(std::string_view sql) {
  auto r = Parse(sql);
  EXPECT_FALSE(r.ok()) << sql << " parsed";
  return r.ok() ? SqlError{} : r.error();
}

// The text MySQL quotes in a 1064: near '<rest>' at line n.
inline std::string NearText(std::string_view sql) {
  SqlError e = ParseError(sql);
  EXPECT_EQ(e.code, 1064) << sql << ": " << e.message;
  size_t near = e.message.find("near '");
  size_t at = e.message.rfind("' at line ");
  if (near == std::string::npos || at == std::string::npos) return "<no near>";
  return e.message.substr(near + 6, at - near - 6);
}

}  // namespace tetradb::rel::sql::testing
