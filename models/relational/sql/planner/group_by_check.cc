// ONLY_FULL_GROUP_BY (MySQL 8's default sql_mode): in an aggregated query
// block the select list, HAVING and ORDER BY may name only what is grouped,
// aggregated, or functionally dependent on the grouped columns. The
// dependence detected (a subset of MySQL's):
//   - a column in GROUP BY, or an expression equal to a GROUP BY expression;
//   - every column of a base table whose PRIMARY KEY, or a UNIQUE key of
//     NOT NULL columns, is wholly determined;
//   - a column equated (WHERE, or ON of an inner join) to a constant, an
//     outer reference, a parameter, or an expression of determined columns;
//   - expressions built from determined columns; ANY_VALUE(x) whatever x is.
// Subqueries and window functions inside those clauses are not inspected.
// Without GROUP BY (aggregates alone: one group) only the equalities apply:
// MySQL accepts SELECT a, SUM(b) FROM t WHERE a = 'abc'.
#include <fmt/format.h>

#include <cstring>

#include "models/relational/sql/execution/functions.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

bool IsSubqueryKind(BoundKind k) {
  return k == BoundKind::kInSubquery || k == BoundKind::kExists || k == BoundKind::kSubquery;
}

}  // namespace

// The same expression, structurally (GROUP BY a + 1 ... SELECT a + 1).
bool SameExpr(const BoundExpr& a, const BoundExpr& b) {
  if (&a == &b) return true;
  if (a.kind != b.kind || a.args.size() != b.args.size()) return false;
  if (IsSubqueryKind(a.kind) || a.kind == BoundKind::kWindowRef) return false;
  switch (a.kind) {
    case BoundKind::kConst:
      if (a.value.kind() != b.value.kind() || ToText(a.value) != ToText(b.value)) return false;
      break;
    case BoundKind::kColumn:
    case BoundKind::kParam:
    case BoundKind::kAggRef:
    case BoundKind::kInsertValue:
      if (a.index != b.index || a.depth != b.depth) return false;
      break;
    case BoundKind::kCast:
      if (a.cast_type.id != b.cast_type.id) return false;
      break;
    default:
      break;
  }
  if (a.unary_op != b.unary_op || a.binary_op != b.binary_op || a.fn != b.fn ||
      a.negated != b.negated || a.bool_value != b.bool_value || a.unquote != b.unquote ||
      a.has_case_operand != b.has_case_operand || a.has_else != b.has_else ||
      a.interval_unit != b.interval_unit) {
    return false;
  }
  for (size_t i = 0; i < a.args.size(); ++i) {
    if (!SameExpr(*a.args[i], *b.args[i])) return false;
  }
  return true;
}

namespace {

bool IsAnyValue(const BoundExpr& e) {
  return e.kind == BoundKind::kFunction && e.fn != nullptr &&
         std::strcmp(e.fn->name, "ANY_VALUE") == 0;
}

// Constant within a group: every own-block column in it is determined.
bool Determined(const BoundExpr& e, const std::vector<bool>& determined) {
  switch (e.kind) {
    case BoundKind::kConst:
    case BoundKind::kParam:
      return true;
    case BoundKind::kColumn:
      return e.depth > 0 || determined[e.index];
    case BoundKind::kAggRef:
    case BoundKind::kWindowRef:
    case BoundKind::kInSubquery:
    case BoundKind::kExists:
    case BoundKind::kSubquery:
      return false;
    case BoundKind::kFunction:
      if (e.fn != nullptr && e.fn->volatile_value) return false;
      break;
    default:
      break;
  }
  for (const BoundPtr& a : e.args) {
    if (!Determined(*a, determined)) return false;
  }
  return true;
}

class GroupCheck {
 public:
  GroupCheck(const SelectPlan& plan, const std::vector<BoundPtr>& equalities)
      : plan_(plan), determined_(plan.width, false) {
    for (const BoundPtr& g : plan.group_by) {
      if (g->kind == BoundKind::kColumn && g->depth == 0) determined_[g->index] = true;
    }
    bool changed = true;
    while (changed) {
      changed = false;
      for (const BoundPtr& eq : equalities) {
        if (eq->kind != BoundKind::kBinary || eq->binary_op != BinaryOp::kEq) continue;
        changed |= Propagate(*eq->args[0], *eq->args[1]);
        changed |= Propagate(*eq->args[1], *eq->args[0]);
      }
      for (size_t s = 0; s < plan.sources.size(); ++s) changed |= KeyDetermines(s);
    }
  }

  // The first column of `e` that is neither grouped nor dependent, or null.
  const BoundExpr* Offender(const BoundExpr& e) const {
    for (const BoundPtr& g : plan_.group_by) {
      if (SameExpr(*g, e)) return nullptr;
    }
    switch (e.kind) {
      case BoundKind::kAggRef:
      case BoundKind::kWindowRef:
      case BoundKind::kInSubquery:
      case BoundKind::kExists:
      case BoundKind::kSubquery:
        return nullptr;
      case BoundKind::kColumn:
        return e.depth > 0 || determined_[e.index] ? nullptr : &e;
      default:
        break;
    }
    // GROUPING(x): its arguments must be GROUP BY expressions, which
    // WITH ROLLUP's planning checks (3602).
    if (IsAnyValue(e) || IsGroupingCall(e)) return nullptr;
    for (const BoundPtr& a : e.args) {
      if (const BoundExpr* bad = Offender(*a)) return bad;
    }
    return nullptr;
  }

  // 'tetradb.alias.col' for a base table's column, 'alias.col' otherwise.
  std::string ColumnName(const BoundExpr& col) const {
    for (const TableSource& src : plan_.sources) {
      if (col.index < src.offset || col.index >= src.offset + src.width) continue;
      const std::string& name = src.columns[col.index - src.offset];
      if (src.def != nullptr && !src.cte) {
        return fmt::format("{}.{}.{}", kDatabaseName, src.alias, name);
      }
      return fmt::format("{}.{}", src.alias, name);
    }
    return col.Text();
  }

 private:
  // `target` = `source`: a column becomes determined by a determined side.
  bool Propagate(const BoundExpr& target, const BoundExpr& source) {
    if (target.kind != BoundKind::kColumn || target.depth != 0) return false;
    if (determined_[target.index] || !Determined(source, determined_)) return false;
    determined_[target.index] = true;
    return true;
  }

  bool AllDetermined(const TableSource& src, const std::vector<uint32_t>& cols) const {
    if (cols.empty()) return false;
    for (uint32_t c : cols) {
      if (!determined_[src.offset + static_cast<int>(c)]) return false;
    }
    return true;
  }

  // A wholly determined PRIMARY KEY or NOT NULL UNIQUE key determines its row.
  bool KeyDetermines(size_t s) {
    const TableSource& src = plan_.sources[s];
    if (src.def == nullptr) return false;
    bool key = AllDetermined(src, src.def->primary_key);
    for (const IndexDef& index : src.def->indexes) {
      if (key) break;
      if (!index.unique) continue;
      bool not_null = true;
      for (uint32_t c : index.columns) not_null &= !src.def->columns[c].nullable;
      key = not_null && AllDetermined(src, index.columns);
    }
    if (!key) return false;
    bool changed = false;
    for (int i = src.offset; i < src.offset + src.width; ++i) {
      changed |= !determined_[i];
      determined_[i] = true;
    }
    return changed;
  }

  const SelectPlan& plan_;
  std::vector<bool> determined_;
};

}  // namespace

bool OnlyFullGroupBy(const ExecContext& ctx) {
  if (!ctx.variables) return true;
  std::optional<Value> mode = ctx.variables("@@sql_mode");
  if (!mode) return true;  // never set: MySQL 8's default, which has it
  if (mode->kind() != ValueKind::kString) return false;
  std::string_view text = mode->string_value();
  size_t start = 0;
  while (start <= text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string_view::npos) comma = text.size();
    if (text.substr(start, comma - start) == "ONLY_FULL_GROUP_BY") return true;
    start = comma + 1;
  }
  return false;
}

SqlStatus CheckFullGroupBy(const SelectPlan& plan, const std::vector<BoundPtr>& equalities,
                           const std::vector<std::pair<int, BoundPtr>>& order_by) {
  if (plan.group_by.empty() && plan.aggregates.empty()) return SqlStatus::Ok();
  GroupCheck check(plan, equalities);
  const bool implicit = plan.group_by.empty();
  auto fail = [&](int n, const char* clause, const BoundExpr& col) -> SqlStatus {
    std::string name = check.ColumnName(col);
    if (implicit) {
      return SqlError{1140, "42000",
                      fmt::format("In aggregated query without GROUP BY, expression #{} of {} "
                                  "contains nonaggregated column '{}'; this is incompatible with "
                                  "sql_mode=only_full_group_by",
                                  n, clause, name)};
    }
    return SqlError{1055, "42000",
                    fmt::format("Expression #{} of {} is not in GROUP BY clause and contains "
                                "nonaggregated column '{}' which is not functionally dependent "
                                "on columns in GROUP BY clause; this is incompatible with "
                                "sql_mode=only_full_group_by",
                                n, clause, name)};
  };
  for (size_t i = 0; i < plan.projection.size(); ++i) {
    if (const BoundExpr* bad = check.Offender(*plan.projection[i])) {
      return fail(static_cast<int>(i + 1), "SELECT list", *bad);
    }
  }
  if (plan.having != nullptr) {
    if (const BoundExpr* bad = check.Offender(*plan.having)) return fail(1, "HAVING clause", *bad);
  }
  for (const auto& [n, expr] : order_by) {
    if (const BoundExpr* bad = check.Offender(*expr)) return fail(n, "ORDER BY clause", *bad);
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel::sql
