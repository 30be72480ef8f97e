// SELECT: query expressions with UNION, the select list, FROM with joins and
// derived tables, WHERE / GROUP BY / HAVING / ORDER BY / LIMIT, locking.
#include "models/relational/sql/parser/parser_internal.h"

namespace tetradb::rel::sql {

bool Parser::PeekSelectStart(size_t ahead) const {
  size_t i = ahead;
  while (PeekOp("(", i)) ++i;
  return PeekKeyword("SELECT", i) || PeekKeyword("WITH", i);
}

SqlResult<std::unique_ptr<WithClause>> Parser::ParseWithClause() {
  auto with = std::make_unique<WithClause>();
  with->pos = Here();
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("WITH"));
  with->recursive = AcceptKeyword("RECURSIVE");
  do {
    CommonTableExpr cte;
    cte.pos = Here();
    TETRADB_SQL_ASSIGN_OR_RETURN(cte.name, ParseName());
    if (PeekOp("(")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(cte.columns, ParseNameList());
    }
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("AS"));
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
    TETRADB_SQL_ASSIGN_OR_RETURN(cte.query, ParseSelect());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
    with->ctes.push_back(std::move(cte));
  } while (AcceptOp(","));
  return with;
}

// query_expression:
//   term { UNION [ALL | DISTINCT] term } [ORDER BY ...] [LIMIT ...]
//   term: SELECT ... | ( query_expression )
// ORDER BY / LIMIT after an unparenthesized last term belong to the whole
// union (MySQL's rule); on an earlier unparenthesized term they are 1221.
SqlResult<std::unique_ptr<SelectStmt>> Parser::ParseSelect(std::unique_ptr<WithClause> with) {
  DepthScope scope(this);
  if (scope.TooDeep()) return ErrorHere();
  const int outer_max = select_max_height_;
  select_max_height_ = 0;
  TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<SelectStmt> s,
                               ParseQueryExpression(std::move(with)));
  // A SELECT is one level above its tallest expression (nested SELECTs in
  // FROM or UNION count toward it: they were parsed in between).
  const int height = select_max_height_ + 1;
  if (height > kMaxHeight) return ErrorHere();
  select_heights_[s.get()] = height;
  select_max_height_ = std::max(outer_max, height);
  return s;
}

// A WITH clause before the expression covers all of it; the one of a
// parenthesized head, (WITH ... SELECT ...), covers that head alone, which
// the flattened tree cannot say once a UNION or another WITH joins it: 1235.
SqlResult<std::unique_ptr<SelectStmt>> Parser::ParseQueryExpression(
    std::unique_ptr<WithClause> with) {
  if (with == nullptr && PeekKeyword("WITH")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(with, ParseWithClause());
  }
  bool head_paren = false;
  TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<SelectStmt> head, ParseSelectTerm(&head_paren));
  if (head_paren && head->with != nullptr && (with != nullptr || PeekKeyword("UNION"))) {
    return err::NotSupported("WITH in parentheses followed by UNION or preceded by WITH");
  }
  if (with != nullptr) head->with = std::move(with);

  if (!PeekKeyword("UNION")) {
    if (head_paren && (PeekKeyword("ORDER") || PeekKeyword("LIMIT"))) {
      // (SELECT ...) ORDER BY ... LIMIT ...
      const bool has_unions = !head->unions.empty();
      auto& order = has_unions ? head->union_order_by : head->order_by;
      ExprPtr& limit = has_unions ? head->union_limit : head->limit;
      ExprPtr& offset = has_unions ? head->union_offset : head->offset;
      if (!order.empty() || limit) return err::NotSupported("nested ORDER BY / LIMIT");
      if (AcceptKeyword("ORDER")) {
        TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
        TETRADB_SQL_ASSIGN_OR_RETURN(order, ParseOrderByList());
      }
      if (AcceptKeyword("LIMIT")) TETRADB_SQL_RETURN_IF_ERROR(ParseLimit(&limit, &offset));
    }
    return head;
  }

  if (head_paren && (!head->union_order_by.empty() || head->union_limit)) {
    // (A UNION B ORDER BY x LIMIT 1) UNION C cannot be flattened.
    return err::NotSupported("ORDER BY / LIMIT inside a parenthesized UNION");
  }
  SelectStmt* last = head.get();
  bool last_paren = head_paren;
  while (PeekKeyword("UNION")) {
    if (!last_paren && !last->order_by.empty()) return UnionOrderLimit(false);
    if (!last_paren && last->limit) return UnionOrderLimit(true);
    Next();
    bool all = AcceptKeyword("ALL");
    if (!all) AcceptKeyword("DISTINCT");
    bool paren = false;
    TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<SelectStmt> member, ParseSelectTerm(&paren));
    last = member.get();
    last_paren = paren;
    head->unions.emplace_back(all, std::move(member));
  }
  if (!last_paren) {
    head->union_order_by = std::move(last->order_by);
    last->order_by.clear();
    head->union_limit = std::move(last->limit);
    head->union_offset = std::move(last->offset);
  } else {
    if (AcceptKeyword("ORDER")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
      TETRADB_SQL_ASSIGN_OR_RETURN(head->union_order_by, ParseOrderByList());
    }
    if (AcceptKeyword("LIMIT")) {
      TETRADB_SQL_RETURN_IF_ERROR(ParseLimit(&head->union_limit, &head->union_offset));
    }
  }
  return head;
}

SqlResult<std::unique_ptr<SelectStmt>> Parser::ParseSelectTerm(bool* parenthesized) {
  *parenthesized = false;
  if (AcceptOp("(")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<SelectStmt> inner, ParseSelect());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
    *parenthesized = true;
    return inner;
  }
  // WITH starts a query expression, never a UNION member.
  if (PeekKeyword("WITH")) return ErrorHere();
  return ParseSelectBody();
}

SqlResult<std::unique_ptr<SelectStmt>> Parser::ParseSelectBody() {
  auto s = std::make_unique<SelectStmt>();
  s->pos = Here();
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SELECT"));
  while (true) {
    if (AcceptKeyword("DISTINCT") || AcceptKeyword("DISTINCTROW")) {
      s->distinct = true;
    } else if (PeekKeyword("SQL_CALC_FOUND_ROWS")) {
      return err::NotSupported("SQL_CALC_FOUND_ROWS");
    } else if (!(AcceptKeyword("ALL") || AcceptKeyword("HIGH_PRIORITY") ||
                 AcceptKeyword("STRAIGHT_JOIN") || AcceptKeyword("SQL_SMALL_RESULT") ||
                 AcceptKeyword("SQL_BIG_RESULT") || AcceptKeyword("SQL_BUFFER_RESULT") ||
                 AcceptKeyword("SQL_NO_CACHE") || AcceptKeyword("SQL_CACHE"))) {
      break;  // the modifiers above only steer MySQL's optimizer
    }
  }
  TETRADB_SQL_RETURN_IF_ERROR(ParseSelectItems(s.get()));
  if (PeekKeyword("INTO")) return err::NotSupported("SELECT ... INTO");
  if (AcceptKeyword("FROM")) {
    if (!AcceptKeyword("DUAL")) TETRADB_SQL_RETURN_IF_ERROR(ParseTableRefs(&s->from));
  }
  if (AcceptKeyword("WHERE")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(s->where, ParseExpr());
  }
  if (AcceptKeyword("GROUP")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
    TETRADB_SQL_ASSIGN_OR_RETURN(s->group_by, ParseExprList());
    if (AcceptKeyword("WITH")) {
      if (AcceptKeyword("ROLLUP")) {
        s->with_rollup = true;
      } else if (PeekKeyword("CUBE")) {
        return err::NotSupported("CUBE");
      } else {
        return ErrorHere();
      }
    }
  }
  if (AcceptKeyword("HAVING")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(s->having, ParseExpr());
  }
  if (AcceptKeyword("WINDOW")) TETRADB_SQL_RETURN_IF_ERROR(ParseWindowClause(s.get()));
  if (AcceptKeyword("ORDER")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
    TETRADB_SQL_ASSIGN_OR_RETURN(s->order_by, ParseOrderByList());
  }
  if (AcceptKeyword("LIMIT")) TETRADB_SQL_RETURN_IF_ERROR(ParseLimit(&s->limit, &s->offset));
  TETRADB_SQL_RETURN_IF_ERROR(ParseLockingClause(s.get()));
  return s;
}

SqlStatus Parser::ParseSelectItems(SelectStmt* s) {
  do {
    SelectItem item;
    if (PeekOp("*")) {
      size_t pos = Here();
      Next();
      auto star = std::make_unique<Expr>();
      star->kind = ExprKind::kStar;
      TETRADB_SQL_ASSIGN_OR_RETURN(item.expr, Finish(std::move(star), pos));
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(item.expr, ParseExpr());
      TETRADB_SQL_ASSIGN_OR_RETURN(item.alias, ParseOptionalAlias());
    }
    s->items.push_back(std::move(item));
  } while (AcceptOp(","));
  return SqlStatus::Ok();
}

// [AS] alias, where a select item's alias may also be a string.
SqlResult<std::string> Parser::ParseOptionalAlias() {
  if (AcceptKeyword("AS")) return ParseNameOrString();
  if (PeekName() || Peek().kind == TokenKind::kString) return ParseNameOrString();
  return std::string();
}

SqlStatus Parser::ParseTableRefs(std::vector<TableRef>* from) {
  TETRADB_SQL_RETURN_IF_ERROR(ParseTableFactor(from, JoinType::kNone));
  while (true) {
    if (AcceptOp(",")) {
      TETRADB_SQL_RETURN_IF_ERROR(ParseTableFactor(from, JoinType::kCross));
    } else if (PeekKeyword("JOIN") || PeekKeyword("INNER") || PeekKeyword("CROSS") ||
               PeekKeyword("STRAIGHT_JOIN")) {
      bool cross = AcceptKeyword("CROSS");
      if (!cross) AcceptKeyword("INNER");
      if (!AcceptKeyword("STRAIGHT_JOIN")) TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      TETRADB_SQL_RETURN_IF_ERROR(ParseTableFactor(from, JoinType::kInner));
      TableRef& ref = from->back();
      TETRADB_SQL_RETURN_IF_ERROR(ParseJoinCondition(&ref, false));
      // JOIN without a condition is a cross join, CROSS JOIN ... ON an inner one.
      if (!ref.on && ref.using_columns.empty()) ref.join = JoinType::kCross;
    } else if (PeekKeyword("LEFT") || PeekKeyword("RIGHT")) {
      JoinType join = IsKeyword(Next(), "LEFT") ? JoinType::kLeft : JoinType::kRight;
      AcceptKeyword("OUTER");
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      TETRADB_SQL_RETURN_IF_ERROR(ParseTableFactor(from, join));
      TETRADB_SQL_RETURN_IF_ERROR(ParseJoinCondition(&from->back(), true));
    } else if (AcceptKeyword("NATURAL")) {
      // NATURAL [INNER] JOIN | NATURAL {LEFT | RIGHT} [OUTER] JOIN, without
      // ON / USING.
      JoinType join = JoinType::kInner;
      if (AcceptKeyword("LEFT")) {
        join = JoinType::kLeft;
        AcceptKeyword("OUTER");
      } else if (AcceptKeyword("RIGHT")) {
        join = JoinType::kRight;
        AcceptKeyword("OUTER");
      } else {
        AcceptKeyword("INNER");
      }
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      TETRADB_SQL_RETURN_IF_ERROR(ParseTableFactor(from, join));
      from->back().natural = true;
    } else {
      return SqlStatus::Ok();
    }
  }
}

SqlStatus Parser::ParseTableFactor(std::vector<TableRef>* from, JoinType join) {
  TableRef ref;
  ref.pos = Here();
  ref.join = join;
  if (PeekOp("(")) {
    if (PeekSelectStart()) {
      Next();
      TETRADB_SQL_ASSIGN_OR_RETURN(ref.derived, ParseSelect());
      TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
      bool as = AcceptKeyword("AS");
      if (!PeekName()) return as ? SqlStatus(ErrorHere()) : SqlStatus(DerivedTableAlias());
      TETRADB_SQL_ASSIGN_OR_RETURN(ref.alias, ParseName());
      if (PeekOp("(")) return err::NotSupported("derived table column aliases");
      from->push_back(std::move(ref));
      return SqlStatus::Ok();
    }
    // (t1 JOIN t2 ON ...): as the first table it is the same left-deep
    // chain; elsewhere it would need a join tree the syntax tree lacks.
    if (!from->empty()) return err::NotSupported("nested joins");
    DepthScope scope(this);
    if (scope.TooDeep()) return ErrorHere();
    Next();
    TETRADB_SQL_RETURN_IF_ERROR(ParseTableRefs(from));
    return ExpectOp(")");
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(ref.name, ParseTableName());
  if (PeekKeyword("PARTITION")) return err::NotSupported("PARTITION");
  if (AcceptKeyword("AS")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(ref.alias, ParseName());
  } else if (PeekName()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(ref.alias, ParseName());
  }
  // Index hints steer MySQL's optimizer; tetradb picks its own access path.
  while ((PeekKeyword("USE") || PeekKeyword("FORCE") || PeekKeyword("IGNORE")) &&
         (PeekKeyword("INDEX", 1) || PeekKeyword("KEY", 1))) {
    Next();
    Next();
    if (AcceptKeyword("FOR")) {
      if (AcceptKeyword("ORDER") || AcceptKeyword("GROUP")) {
        TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
      } else {
        TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("JOIN"));
      }
    }
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
    if (!PeekOp(")")) {
      do {
        if (!AcceptKeyword("PRIMARY")) {
          TETRADB_SQL_ASSIGN_OR_RETURN(std::string index, ParseName());
          (void)index;
        }
      } while (AcceptOp(","));
    }
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  }
  from->push_back(std::move(ref));
  return SqlStatus::Ok();
}

SqlStatus Parser::ParseJoinCondition(TableRef* ref, bool required) {
  if (AcceptKeyword("ON")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(ref->on, ParseExpr());
  } else if (AcceptKeyword("USING")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(ref->using_columns, ParseNameList());
  } else if (required) {
    return ErrorHere();
  }
  return SqlStatus::Ok();
}

SqlResult<std::vector<OrderItem>> Parser::ParseOrderByList() {
  std::vector<OrderItem> items;
  do {
    OrderItem item;
    TETRADB_SQL_ASSIGN_OR_RETURN(item.expr, ParseExpr());
    if (AcceptKeyword("DESC")) {
      item.desc = true;
    } else {
      AcceptKeyword("ASC");
    }
    items.push_back(std::move(item));
  } while (AcceptOp(","));
  return items;
}

SqlResult<ExprPtr> Parser::ParseLimitValue() {
  const Token& t = Peek();
  if (t.kind == TokenKind::kParam ||
      (t.kind == TokenKind::kNumber &&
       (t.number.kind() == ValueKind::kInt || t.number.kind() == ValueKind::kUInt))) {
    return ParsePrimary();
  }
  return ErrorAt(t);
}

// After LIMIT: n | n OFFSET m | m, n
SqlStatus Parser::ParseLimit(ExprPtr* limit, ExprPtr* offset) {
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr first, ParseLimitValue());
  if (AcceptOp(",")) {
    *offset = std::move(first);
    TETRADB_SQL_ASSIGN_OR_RETURN(*limit, ParseLimitValue());
  } else {
    *limit = std::move(first);
    if (AcceptKeyword("OFFSET")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(*offset, ParseLimitValue());
    }
  }
  return SqlStatus::Ok();
}

// FOR UPDATE | FOR SHARE | LOCK IN SHARE MODE (all lock what they read).
SqlStatus Parser::ParseLockingClause(SelectStmt* s) {
  if (AcceptKeyword("FOR")) {
    if (!AcceptKeyword("UPDATE")) TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SHARE"));
    s->for_update = true;
    if (AcceptKeyword("OF")) {
      do {
        TETRADB_SQL_ASSIGN_OR_RETURN(std::string table, ParseName());
        (void)table;
      } while (AcceptOp(","));
    }
    if (PeekKeyword("NOWAIT") || PeekKeyword("SKIP")) {
      return err::NotSupported("NOWAIT / SKIP LOCKED");
    }
  } else if (AcceptKeyword("LOCK")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeywords({"IN", "SHARE", "MODE"}));
    s->for_update = true;
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel::sql
