// JOIN ... USING and NATURAL JOIN: the join columns, their equalities, and
// the coalesced columns MySQL's `SELECT *` and unqualified names see.
//
// As MySQL (and SQL:92) define it, joining L and R over common columns C
// gives the columns: C (each once, in the order of the first table), then
// L's other columns, then R's others. The first table is L, except for a
// RIGHT JOIN, where it is R (MySQL turns it into R LEFT JOIN L). A common
// column answers an unqualified name with the preserved side's value, which
// equals COALESCE(L.c, R.c); the other copy is only reachable qualified
// (t2.c, t2.*). NATURAL's common columns are the names both sides share;
// with none it is a cross join (LEFT / RIGHT: every pair, NULL-extended
// when the inner side is empty).
#include <fmt/format.h>
#include <strings.h>

#include <algorithm>

#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

bool SameName(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

BoundPtr SlotRef(const TableSource& src, int source_index, int c) {
  auto b = std::make_shared<BoundExpr>();
  b->kind = BoundKind::kColumn;
  b->index = src.offset + c;
  b->tables = uint64_t{1} << source_index;
  if (src.def != nullptr) b->column = &src.def->columns[c];
  return b;
}

using Column = StarColumn;

const std::string& NameOf(const SelectPlan& plan, const Column& col) {
  return plan.sources[col.source].columns[col.column];
}

// The entry of `cols` named `name`: its index, -1 if none, 1052 if several.
SqlResult<int> FindUnique(const SelectPlan& plan, const std::vector<Column>& cols,
                          std::string_view name) {
  int found = -1;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (!SameName(NameOf(plan, cols[i]), name)) continue;
    if (found >= 0) return err::AmbiguousColumn(name, "from clause");
    found = static_cast<int>(i);
  }
  return found;
}

}  // namespace

SqlStatus Planner::BindJoinColumns(const SelectStmt& select, SelectPlan* plan,
                                   std::vector<std::vector<BoundPtr>>* on_conds) {
  std::vector<Column> joined;  // the columns of the sources joined so far
  for (size_t i = 0; i < select.from.size(); ++i) {
    const TableRef& ref = select.from[i];
    TableSource& right = plan->sources[i];
    const int ri = static_cast<int>(i);
    std::vector<Column> right_cols;
    for (size_t c = 0; c < right.columns.size(); ++c) {
      right_cols.push_back({ri, static_cast<int>(c)});
    }
    if (!ref.natural && ref.using_columns.empty()) {
      joined.insert(joined.end(), right_cols.begin(), right_cols.end());
      continue;
    }

    // The common columns as (entry in `joined`, column of `right`), in the
    // left side's order.
    std::vector<std::pair<int, int>> common;
    if (ref.natural) {
      for (size_t l = 0; l < joined.size(); ++l) {
        const std::string& name = NameOf(*plan, joined[l]);
        TETRADB_SQL_ASSIGN_OR_RETURN(int r, FindUnique(*plan, right_cols, name));
        if (r < 0) continue;
        // The left side having the name twice is 1052.
        TETRADB_SQL_RETURN_IF_ERROR(FindUnique(*plan, joined, name).status());
        common.emplace_back(static_cast<int>(l), r);
      }
    } else {
      for (const std::string& name : ref.using_columns) {
        TETRADB_SQL_ASSIGN_OR_RETURN(int l, FindUnique(*plan, joined, name));
        TETRADB_SQL_ASSIGN_OR_RETURN(int r, FindUnique(*plan, right_cols, name));
        if (l < 0 || r < 0) return err::UnknownColumn(name, "from clause");
        for (const auto& [seen, unused] : common) {
          if (seen == l) {
            return SqlError{1060, "42S21", fmt::format("Duplicate column name '{}'", name)};
          }
        }
        common.emplace_back(l, r);
      }
      std::sort(common.begin(), common.end());
    }

    const bool right_first = ref.join == JoinType::kRight;
    std::vector<bool> left_common(joined.size(), false), right_common(right_cols.size(), false);
    std::vector<Column> coalesced;
    for (const auto& [l, r] : common) {
      left_common[l] = true;
      right_common[r] = true;
      const Column& lc = joined[l];
      // The preserved side answers for the shared column.
      if (right_first) {
        plan->sources[lc.source].hidden[lc.column] = true;
      } else {
        right.hidden[r] = true;
      }
      auto eq = std::make_shared<BoundExpr>();
      eq->kind = BoundKind::kBinary;
      eq->binary_op = BinaryOp::kEq;
      eq->args = {SlotRef(plan->sources[lc.source], lc.source, lc.column), SlotRef(right, ri, r)};
      eq->tables = eq->args[0]->tables | eq->args[1]->tables;
      plan->used_slots[eq->args[0]->index] = true;
      plan->used_slots[eq->args[1]->index] = true;
      (*on_conds)[i].push_back(eq);
      coalesced.push_back(right_first ? right_cols[r] : lc);
    }
    if (right_first) {
      // R LEFT JOIN L: the common columns in R's order.
      std::vector<std::pair<int, Column>> by_right;
      for (size_t k = 0; k < common.size(); ++k)
        by_right.emplace_back(common[k].second, coalesced[k]);
      std::sort(by_right.begin(), by_right.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      coalesced.clear();
      for (const auto& [unused, col] : by_right) coalesced.push_back(col);
    }
    std::vector<Column> next = coalesced;
    auto add_rest = [&next](const std::vector<Column>& cols, const std::vector<bool>& skip) {
      for (size_t k = 0; k < cols.size(); ++k) {
        if (!skip[k]) next.push_back(cols[k]);
      }
    };
    if (right_first) {
      add_rest(right_cols, right_common);
      add_rest(joined, left_common);
    } else {
      add_rest(joined, left_common);
      add_rest(right_cols, right_common);
    }
    joined = std::move(next);
    plan->coalesced_star = true;
  }
  if (plan->coalesced_star) plan->star_columns = std::move(joined);
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel::sql
