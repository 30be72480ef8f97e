// Common table expressions: WITH [RECURSIVE] name [(cols)] AS (query).
//
// A CTE is planned at its first reference, like a derived table whose query
// is bound in the scope around its WITH clause, and the plan is shared by
// its other references (its rows are then materialized once). A CTE that
// nobody references is never planned, as in MySQL.
//
// WITH RECURSIVE: a CTE whose query names itself is a UNION whose first
// members (the anchor) do not name it and whose last members (the recursive
// ones) name it exactly once, in their own FROM clause. MySQL's rules and
// errors:
//   no UNION                                               3573
//   a recursive member first, or a non-recursive one after one   3574
//   aggregates / GROUP BY (and window functions) in a recursive member 3575
//   the CTE on the inner side of a LEFT (or RIGHT) JOIN    3576
//   named twice, or inside a subquery or derived table     3577
//   ORDER BY over the UNION; ORDER BY / LIMIT / DISTINCT in a recursive
//   member; UNION DISTINCT of a recursive member followed by UNION ALL  1235
// The CTE's columns take their names from the anchor's first member (or
// the column list) and their string limits from the anchor (the widest of
// its members): see CteWorkTable::max_chars.
#include <fmt/format.h>
#include <strings.h>

#include "models/relational/sql/planner/planner.h"
#include "models/relational/types/utf8.h"

namespace tetradb::rel::sql {
namespace {

SqlError NotUniqueAlias(std::string_view alias) {
  return SqlError{1066, "42000", fmt::format("Not unique table/alias: '{}'", alias)};
}

SqlError WrongColumnList() {
  return SqlError{1353, "HY000",
                  "In definition of view, derived table or common table expression, SELECT list "
                  "and column names list have different column counts"};
}

SqlError RequiresUnion(std::string_view cte) {
  return SqlError{
      3573, "HY000",
      fmt::format("Recursive Common Table Expression '{}' should contain a UNION", cte)};
}

SqlError NonRecursiveFirst(std::string_view cte) {
  return SqlError{3574, "HY000",
                  fmt::format("Recursive Common Table Expression '{}' should have one or more "
                              "non-recursive query blocks followed by one or more recursive ones",
                              cte)};
}

SqlError ForbidsAggregation(std::string_view cte) {
  return SqlError{3575, "HY000",
                  fmt::format("Recursive Common Table Expression '{}' can contain neither "
                              "aggregation nor window functions in recursive query block",
                              cte)};
}

SqlError ForbiddenJoinOrder(std::string_view cte) {
  return SqlError{
      3576, "HY000",
      fmt::format("In recursive query block of Recursive Common Table Expression '{}', the "
                  "recursive table must neither be in the right argument of a LEFT JOIN, nor be "
                  "forced to be non-first with join order hints",
                  cte)};
}

SqlError SingleReference(std::string_view cte) {
  return SqlError{
      3577, "HY000",
      fmt::format("In recursive query block of Recursive Common Table Expression '{}', the "
                  "recursive table must be referenced only once, and not in any subquery",
                  cte)};
}

bool SelectNames(const SelectStmt& s, std::string_view name, bool block_only = false);
bool ExprNames(const Expr* e, std::string_view name);

bool WindowNames(const WindowSpec& w, std::string_view name) {
  for (const ExprPtr& p : w.partition_by) {
    if (ExprNames(p.get(), name)) return true;
  }
  for (const OrderItem& o : w.order_by) {
    if (ExprNames(o.expr.get(), name)) return true;
  }
  return false;
}

// Whether `e` holds a subquery that names `name` as a table.
bool ExprNames(const Expr* e, std::string_view name) {
  if (e == nullptr) return false;
  if (e->subquery != nullptr && SelectNames(*e->subquery, name)) return true;
  for (const ExprPtr& a : e->args) {
    if (ExprNames(a.get(), name)) return true;
  }
  for (const ExprPtr& a : e->when_then) {
    if (ExprNames(a.get(), name)) return true;
  }
  for (const OrderItem& o : e->order_by) {
    if (ExprNames(o.expr.get(), name)) return true;
  }
  if (e->over != nullptr && WindowNames(*e->over, name)) return true;
  return ExprNames(e->else_expr.get(), name);
}

// Whether the query expression `s` names the table `name` anywhere (FROM,
// derived tables, subqueries, UNION members), short of a WITH inside that
// defines the name again. `block_only`: in its first query block alone
// (not its WITH's CTEs, not the UNION members after it).
bool SelectNames(const SelectStmt& s, std::string_view name, bool block_only) {
  if (s.with != nullptr) {
    for (const CommonTableExpr& cte : s.with->ctes) {
      if (!block_only && SelectNames(*cte.query, name)) return true;
      if (cte.name == name) return false;  // shadowed from here on
    }
  }
  for (const TableRef& t : s.from) {
    if (t.derived != nullptr ? SelectNames(*t.derived, name) : t.name == name) return true;
    if (ExprNames(t.on.get(), name)) return true;
  }
  for (const SelectItem& item : s.items) {
    if (ExprNames(item.expr.get(), name)) return true;
  }
  if (ExprNames(s.where.get(), name) || ExprNames(s.having.get(), name)) return true;
  for (const ExprPtr& g : s.group_by) {
    if (ExprNames(g.get(), name)) return true;
  }
  for (const OrderItem& o : s.order_by) {
    if (ExprNames(o.expr.get(), name)) return true;
  }
  for (const WindowSpec& w : s.windows) {
    if (WindowNames(w, name)) return true;
  }
  if (block_only) return false;
  for (const auto& [all, member] : s.unions) {
    if (SelectNames(*member, name)) return true;
  }
  for (const OrderItem& o : s.union_order_by) {
    if (ExprNames(o.expr.get(), name)) return true;
  }
  return false;
}

std::optional<int64_t> StringLimit(const BoundExpr& e);

// A CONCAT argument's length in characters: a string's limit, or the digits
// of an integer constant.
std::optional<int64_t> ConcatArgLimit(const BoundExpr& e) {
  if (e.kind == BoundKind::kConst &&
      (e.value.kind() == ValueKind::kInt || e.value.kind() == ValueKind::kUInt)) {
    return static_cast<int64_t>(ToText(e.value).size());
  }
  return StringLimit(e);
}

// The character limit MySQL's type for `e` has when it is a string whose
// length the expression fixes; nullopt otherwise (no check).
std::optional<int64_t> StringLimit(const BoundExpr& e) {
  switch (e.kind) {
    case BoundKind::kColumn:
      if (e.column != nullptr &&
          (e.column->type.id == TypeId::kChar || e.column->type.id == TypeId::kVarChar)) {
        return e.column->type.length;
      }
      return std::nullopt;
    case BoundKind::kConst:
      if (e.value.kind() == ValueKind::kString) {
        return static_cast<int64_t>(Utf8CodePoints(e.value.string_value()));
      }
      return std::nullopt;
    case BoundKind::kCast:
      if (e.cast_type.id != TypeId::kVarChar) return std::nullopt;
      if (e.cast_type.length > 0) return e.cast_type.length;
      return ConcatArgLimit(*e.args[0]);
    case BoundKind::kFunction: {
      if (e.ast == nullptr || e.ast->name != "CONCAT") return std::nullopt;
      int64_t total = 0;
      for (const BoundPtr& a : e.args) {
        std::optional<int64_t> n = ConcatArgLimit(*a);
        if (!n) return std::nullopt;
        total += *n;
      }
      return total;
    }
    default:
      return std::nullopt;
  }
}

}  // namespace

SqlStatus Planner::EnterWith(const WithClause& with, const Scope* outer) {
  for (size_t i = 0; i < with.ctes.size(); ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (with.ctes[i].name == with.ctes[j].name) return NotUniqueAlias(with.ctes[i].name);
    }
  }
  for (const CommonTableExpr& cte : with.ctes) {
    auto b = std::make_unique<CteBinding>();
    b->prev = ctes_;
    b->cte = &cte;
    b->recursive_with = with.recursive;
    b->outer = outer;
    ctes_ = b.get();
    cte_bindings_.push_back(std::move(b));
  }
  return SqlStatus::Ok();
}

const CteBinding* Planner::FindCte(std::string_view name) const {
  for (const CteBinding* b = ctes_; b != nullptr; b = b->prev) {
    if (b->cte->name == name) return b;
  }
  return nullptr;
}

SqlResult<std::unique_ptr<SelectPlan>> Planner::PlanMember(const SelectStmt& member,
                                                           const Scope* outer, bool for_update) {
  CteScopeGuard cte_scope(this);
  if (member.with != nullptr) TETRADB_SQL_RETURN_IF_ERROR(EnterWith(*member.with, outer));
  return PlanSelect(member, outer, for_update);
}

SqlResult<bool> Planner::AddCteSource(const SelectStmt& select, size_t index, const Scope* outer,
                                      SelectPlan* plan, TableSource* src) {
  const TableRef& ref = select.from[index];
  CteBinding* b = const_cast<CteBinding*>(FindCte(ref.name));
  if (b == nullptr) return false;
  const std::string& name = b->cte->name;
  src->cte = true;
  src->alias = ref.alias.empty() ? ref.name : ref.alias;
  if (b->work != nullptr) {
    // A recursive member naming its CTE: once, in its own FROM, never as
    // the side of an outer join that NULL-extends.
    if (&select != b->recursive_block || ++b->references > 1) return SingleReference(name);
    if (ref.join == JoinType::kLeft) return ForbiddenJoinOrder(name);
    for (size_t j = index + 1; j < select.from.size(); ++j) {
      if (select.from[j].join == JoinType::kRight) return ForbiddenJoinOrder(name);
    }
    src->work = b->work;
    src->columns = b->work->columns;
    return true;
  }
  // Named while its own anchor is planned.
  if (b->planning) return NonRecursiveFirst(name);
  if (b->plan == nullptr) {
    TETRADB_SQL_ASSIGN_OR_RETURN(b->plan, PlanCte(b));
  }
  // A CTE over columns of enclosing queries is bound for the blocks its
  // WITH precedes; elsewhere the outer rows would not line up.
  if (b->plan->correlated && outer != b->outer) {
    return err::NotSupported("a correlated common table expression named inside a subquery");
  }
  src->derived = b->plan;
  src->columns = b->plan->column_names;
  if (b->plan->correlated) plan->correlated = true;
  auto holder = std::make_shared<SubqueryRef>();
  holder->plan = b->plan;
  plan->subqueries.push_back(holder);
  return true;
}

SqlResult<std::shared_ptr<QueryPlan>> Planner::PlanCte(CteBinding* b) {
  const CommonTableExpr& cte = *b->cte;
  const bool recursive = b->recursive_with && SelectNames(*cte.query, cte.name);
  b->planning = true;
  SqlResult<std::shared_ptr<QueryPlan>> planned = std::shared_ptr<QueryPlan>();
  {
    CteScopeGuard cte_scope(this);
    if (recursive) {
      planned = PlanRecursiveCte(b);
    } else {
      ctes_ = b->prev;  // the CTEs before it only
      planned = PlanQuery(*cte.query, b->outer, false);
    }
  }
  b->planning = false;
  if (!planned.ok()) return planned.error();
  std::shared_ptr<QueryPlan> q = std::move(planned).value();
  if (!cte.columns.empty()) {
    if (cte.columns.size() != q->column_names.size()) return WrongColumnList();
    q->column_names = cte.columns;
  }
  const auto& cols = q->column_names;
  for (size_t i = 0; i < cols.size(); ++i) {
    for (size_t j = i + 1; j < cols.size(); ++j) {
      if (cols[i].size() == cols[j].size() &&
          strncasecmp(cols[i].data(), cols[j].data(), cols[i].size()) == 0) {
        return err::DuplicateColumn(cols[i]);
      }
    }
  }
  return q;
}

SqlResult<std::shared_ptr<QueryPlan>> Planner::PlanRecursiveCte(CteBinding* b) {
  const CommonTableExpr& cte = *b->cte;
  const std::string& name = cte.name;
  const SelectStmt& body = *cte.query;
  std::vector<const SelectStmt*> members{&body};
  std::vector<bool> union_all;
  for (const auto& [all, member] : body.unions) {
    members.push_back(member.get());
    union_all.push_back(all);
  }
  if (members.size() == 1) return RequiresUnion(name);
  if (!body.union_order_by.empty()) {
    return err::NotSupported("ORDER BY over UNION in recursive Common Table Expression");
  }
  int first_recursive = -1;
  for (size_t i = 0; i < members.size(); ++i) {
    if (SelectNames(*members[i], name, /*block_only=*/i == 0)) {
      if (first_recursive < 0) first_recursive = static_cast<int>(i);
      const SelectStmt& m = *members[i];
      if (!m.order_by.empty() || m.limit != nullptr || m.distinct) {
        return err::NotSupported(
            "ORDER BY / LIMIT / SELECT DISTINCT in recursive query block of Common Table "
            "Expression");
      }
    } else if (first_recursive >= 0) {
      return NonRecursiveFirst(name);
    }
  }
  if (first_recursive <= 0) return NonRecursiveFirst(name);
  int last_distinct = -1;
  for (size_t i = 0; i < union_all.size(); ++i) {
    if (!union_all[i]) last_distinct = static_cast<int>(i + 1);
  }
  if (last_distinct >= first_recursive && last_distinct + 1 < static_cast<int>(members.size())) {
    return err::NotSupported(
        "recursive query blocks with UNION DISTINCT then UNION ALL, in recursive Common Table "
        "Expression");
  }

  auto q = std::make_shared<QueryPlan>();
  q->first_recursive = first_recursive;
  q->recursive_distinct = last_distinct >= first_recursive;
  q->union_all = union_all;
  q->limit = body.union_limit.get();
  q->offset = body.union_offset.get();
  // The body's own WITH, then the CTE itself, are visible to its members
  // (the anchor names it only by mistake: `planning` catches that).
  ctes_ = b;
  if (body.with != nullptr) TETRADB_SQL_RETURN_IF_ERROR(EnterWith(*body.with, b->outer));
  for (int i = 0; i < first_recursive; ++i) {
    TETRADB_SQL_ASSIGN_OR_RETURN(auto part, i == 0 ? PlanSelect(body, b->outer, false)
                                                   : PlanMember(*members[i], b->outer, false));
    if (i > 0 && part->projection.size() != q->parts[0]->projection.size()) {
      return err::UnionColumnCount();
    }
    q->correlated |= part->correlated;
    q->parts.push_back(std::move(part));
  }
  auto work = std::make_shared<CteWorkTable>();
  work->name = name;
  work->columns = q->parts[0]->column_names;
  if (!cte.columns.empty()) {
    if (cte.columns.size() != work->columns.size()) return WrongColumnList();
    work->columns = cte.columns;
  }
  for (size_t c = 0; c < work->columns.size(); ++c) {
    std::optional<int64_t> limit = 0;
    for (const auto& part : q->parts) {
      std::optional<int64_t> n = StringLimit(*part->projection[c]);
      limit = (limit && n) ? std::optional<int64_t>(std::max(*limit, *n)) : std::nullopt;
    }
    work->max_chars.push_back(limit);
  }
  q->column_names = work->columns;
  q->work = work;

  b->work = work;
  for (size_t i = static_cast<size_t>(first_recursive); i < members.size(); ++i) {
    b->recursive_block = members[i];
    b->references = 0;
    auto planned = PlanMember(*members[i], b->outer, false);
    if (!planned.ok()) {
      b->work = nullptr;
      return planned.error();
    }
    std::unique_ptr<SelectPlan> part = std::move(planned).value();
    if (part->aggregated || !part->window_funcs.empty()) {
      b->work = nullptr;
      return ForbidsAggregation(name);
    }
    if (part->projection.size() != work->columns.size()) {
      b->work = nullptr;
      return err::UnionColumnCount();
    }
    q->correlated |= part->correlated;
    q->parts.push_back(std::move(part));
  }
  b->work = nullptr;
  b->recursive_block = nullptr;
  return q;
}

}  // namespace tetradb::rel::sql
