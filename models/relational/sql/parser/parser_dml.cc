// INSERT / REPLACE, UPDATE and DELETE (single-table forms).
#include "models/relational/sql/parser/parser_internal.h"

namespace tetradb::rel::sql {
namespace {

// INSERT ... VALUES (...) AS new ON DUPLICATE KEY UPDATE a = new.a: the row
// alias means what VALUES(a) means, so it is rewritten to that.
void RewriteRowAlias(Expr* e, const std::string& alias) {
  if (e == nullptr) return;
  if (e->kind == ExprKind::kColumn && EqualsIgnoreCase(e->table, alias)) {
    auto column = std::make_unique<Expr>();
    column->kind = ExprKind::kColumn;
    column->name = e->name;
    column->pos = e->pos;
    column->text = e->name;
    e->kind = ExprKind::kFunction;
    e->name = "VALUES";
    e->table.clear();
    e->args.push_back(std::move(column));
    return;
  }
  for (ExprPtr& a : e->args) RewriteRowAlias(a.get(), alias);
  for (ExprPtr& a : e->when_then) RewriteRowAlias(a.get(), alias);
  RewriteRowAlias(e->else_expr.get(), alias);
}

}  // namespace

// [table.]column = expr  (also :=)
SqlResult<Assignment> Parser::ParseAssignment() {
  Assignment a;
  a.pos = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(a.column, ParseName());
  while (AcceptOp(".")) {  // t.c or db.t.c
    a.table = std::move(a.column);
    TETRADB_SQL_ASSIGN_OR_RETURN(a.column, ParseNameAfterDot());
  }
  if (!AcceptOp("=")) TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(":="));
  TETRADB_SQL_ASSIGN_OR_RETURN(a.value, ParseExpr());
  return a;
}

// INSERT [LOW_PRIORITY|DELAYED|HIGH_PRIORITY] [IGNORE] [INTO] t [(cols)]
//   {VALUES|VALUE} (...), (...) [AS alias] | SELECT ... | SET a = 1, ...
//   [ON DUPLICATE KEY UPDATE a = expr, ...]
// REPLACE [INTO] t ... (no ON DUPLICATE KEY UPDATE)
SqlResult<std::unique_ptr<Statement>> Parser::ParseInsert() {
  auto stmt = std::make_unique<InsertStatement>();
  stmt->pos = Here();
  stmt->replace = IsKeyword(Next(), "REPLACE");
  while (AcceptKeyword("LOW_PRIORITY") || AcceptKeyword("DELAYED") ||
         (!stmt->replace && AcceptKeyword("HIGH_PRIORITY"))) {
  }
  if (!stmt->replace && AcceptKeyword("IGNORE")) stmt->ignore = true;
  AcceptKeyword("INTO");
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, ParseTableName());
  if (PeekKeyword("PARTITION")) return err::NotSupported("PARTITION");

  if (PeekOp("(") && !PeekSelectStart()) {
    Next();
    if (!PeekOp(")")) {
      do {
        TETRADB_SQL_ASSIGN_OR_RETURN(std::string column, ParseName());
        while (AcceptOp(".")) {  // t.col
          TETRADB_SQL_ASSIGN_OR_RETURN(column, ParseNameAfterDot());
        }
        stmt->columns.push_back(std::move(column));
      } while (AcceptOp(","));
    }
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  }

  std::string row_alias;
  if (AcceptKeyword("VALUES") || AcceptKeyword("VALUE")) {
    do {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
      std::vector<ExprPtr> row;
      if (!PeekOp(")")) {
        TETRADB_SQL_ASSIGN_OR_RETURN(row, ParseExprList());
      }
      TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
      stmt->rows.push_back(std::move(row));
    } while (AcceptOp(","));
    if (AcceptKeyword("AS")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(row_alias, ParseName());
      if (PeekOp("(")) return err::NotSupported("row alias column list");
    }
  } else if (PeekSelectStart()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->select, ParseSelect());
  } else if (stmt->columns.empty() && AcceptKeyword("SET")) {
    std::vector<ExprPtr> row;
    do {
      TETRADB_SQL_ASSIGN_OR_RETURN(Assignment a, ParseAssignment());
      stmt->columns.push_back(std::move(a.column));
      row.push_back(std::move(a.value));
    } while (AcceptOp(","));
    stmt->rows.push_back(std::move(row));
  } else {
    return ErrorHere();
  }

  if (!stmt->replace && AcceptKeyword("ON")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeywords({"DUPLICATE", "KEY", "UPDATE"}));
    do {
      TETRADB_SQL_ASSIGN_OR_RETURN(Assignment a, ParseAssignment());
      if (!row_alias.empty()) RewriteRowAlias(a.value.get(), row_alias);
      stmt->on_duplicate.push_back(std::move(a));
    } while (AcceptOp(","));
  }
  return std::unique_ptr<Statement>(std::move(stmt));
}

// UPDATE [LOW_PRIORITY] [IGNORE] t [[AS] alias] SET ... [WHERE] [ORDER BY] [LIMIT n]
SqlResult<std::unique_ptr<Statement>> Parser::ParseUpdate() {
  auto stmt = std::make_unique<UpdateStatement>();
  stmt->pos = Here();
  Next();  // UPDATE
  AcceptKeyword("LOW_PRIORITY");
  if (AcceptKeyword("IGNORE")) stmt->ignore = true;
  stmt->table.pos = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table.name, ParseTableName());
  if (AcceptKeyword("AS")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table.alias, ParseName());
  } else if (PeekName()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table.alias, ParseName());
  }
  if (PeekOp(",") || PeekKeyword("JOIN") || PeekKeyword("INNER") || PeekKeyword("LEFT") ||
      PeekKeyword("RIGHT") || PeekKeyword("CROSS") || PeekKeyword("STRAIGHT_JOIN")) {
    return err::NotSupported("multi-table UPDATE");
  }
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SET"));
  do {
    TETRADB_SQL_ASSIGN_OR_RETURN(Assignment a, ParseAssignment());
    stmt->assignments.push_back(std::move(a));
  } while (AcceptOp(","));
  if (AcceptKeyword("WHERE")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->where, ParseExpr());
  }
  if (AcceptKeyword("ORDER")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->order_by, ParseOrderByList());
  }
  if (AcceptKeyword("LIMIT")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->limit, ParseLimitValue());
  }
  return std::unique_ptr<Statement>(std::move(stmt));
}

// DELETE [LOW_PRIORITY] [QUICK] FROM t [[AS] alias] [WHERE] [ORDER BY] [LIMIT n]
SqlResult<std::unique_ptr<Statement>> Parser::ParseDelete() {
  auto stmt = std::make_unique<DeleteStatement>();
  stmt->pos = Here();
  Next();  // DELETE
  while (AcceptKeyword("LOW_PRIORITY") || AcceptKeyword("QUICK")) {
  }
  if (PeekKeyword("IGNORE")) return err::NotSupported("DELETE IGNORE");
  if (!PeekKeyword("FROM")) {
    if (PeekName()) return err::NotSupported("multi-table DELETE");
    return ErrorHere();
  }
  Next();  // FROM
  stmt->table.pos = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table.name, ParseTableName());
  if (PeekKeyword("USING")) return err::NotSupported("multi-table DELETE");
  if (AcceptKeyword("AS")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table.alias, ParseName());
  } else if (PeekName()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table.alias, ParseName());
  }
  if (PeekKeyword("JOIN") || PeekKeyword("INNER") || PeekKeyword("LEFT") || PeekOp(",")) {
    return err::NotSupported("multi-table DELETE");
  }
  if (AcceptKeyword("WHERE")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->where, ParseExpr());
  }
  if (AcceptKeyword("ORDER")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->order_by, ParseOrderByList());
  }
  if (AcceptKeyword("LIMIT")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->limit, ParseLimitValue());
  }
  return std::unique_ptr<Statement>(std::move(stmt));
}

}  // namespace tetradb::rel::sql
