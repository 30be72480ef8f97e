// GROUP BY ... WITH ROLLUP: what the expressions above the grouping read.
//
// MySQL evaluates the select list, HAVING and ORDER BY of a super-aggregate
// row with the rolled-up GROUP BY expressions set to NULL: an item equal to
// a GROUP BY expression (or containing one) sees NULL there, while the
// aggregates sum up the whole super-group. So every subtree equal to GROUP
// BY expression k (outside aggregates and subqueries) becomes a read of key
// slot `width + k`, which the executor fills with the group's value or NULL;
// GROUPING(e1, ..., em) becomes the bits of the flag slots `width + n + k`
// (e1 the most significant), so GROUPING(a) is 1 exactly where a's NULL is
// a rollup's.
#include <fmt/format.h>

#include <cstring>

#include "models/relational/sql/execution/functions.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

BoundPtr Slot(int index, const Expr* ast) {
  auto b = std::make_shared<BoundExpr>();
  b->kind = BoundKind::kColumn;
  b->index = index;
  b->ast = ast;
  // Known only after grouping: never a constant, never a key of an access
  // path.
  b->has_aggregate = true;
  b->volatile_value = true;
  return b;
}

class RollupRewriter {
 public:
  explicit RollupRewriter(const SelectPlan& plan)
      : plan_(plan), n_(static_cast<int>(plan.group_by.size())) {}

  SqlResult<BoundPtr> Rewrite(const BoundPtr& e) {
    if (e == nullptr) return e;
    switch (e->kind) {
      case BoundKind::kAggRef:
      case BoundKind::kWindowRef:
      case BoundKind::kInSubquery:
      case BoundKind::kExists:
      case BoundKind::kSubquery:
      case BoundKind::kConst:
      case BoundKind::kParam:
        return e;
      default:
        break;
    }
    if (IsGroupingCall(*e)) return Grouping(*e);
    if (int k = KeyOf(*e); k >= 0) return Slot(plan_.width + k, e->ast);
    bool changed = false;
    std::vector<BoundPtr> args;
    args.reserve(e->args.size());
    for (const BoundPtr& a : e->args) {
      TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr r, Rewrite(a));
      changed |= r != a;
      args.push_back(std::move(r));
    }
    if (!changed) return e;
    auto copy = std::make_shared<BoundExpr>(*e);
    copy->args = std::move(args);
    copy->volatile_value = true;
    copy->has_aggregate = true;
    return BoundPtr(copy);
  }

  SqlStatus RewriteAll(std::vector<BoundPtr>* exprs) {
    for (BoundPtr& e : *exprs) {
      TETRADB_SQL_ASSIGN_OR_RETURN(e, Rewrite(e));
    }
    return SqlStatus::Ok();
  }

  SqlStatus RewriteKeys(std::vector<SortKey>* keys) {
    for (SortKey& k : *keys) {
      TETRADB_SQL_ASSIGN_OR_RETURN(k.expr, Rewrite(k.expr));
    }
    return SqlStatus::Ok();
  }

 private:
  // The GROUP BY expression `e` is, or -1.
  int KeyOf(const BoundExpr& e) const {
    for (int k = 0; k < n_; ++k) {
      if (SameExpr(*plan_.group_by[k], e)) return k;
    }
    return -1;
  }

  SqlResult<BoundPtr> Grouping(const BoundExpr& call) {
    BoundPtr acc;
    for (size_t i = 0; i < call.args.size(); ++i) {
      int k = KeyOf(*call.args[i]);
      if (k < 0) {
        return SqlError{3602, "HY000",
                        fmt::format("Argument #{} of GROUPING function is not in GROUP BY", i + 1)};
      }
      BoundPtr flag = Slot(plan_.width + n_ + k, nullptr);
      if (acc == nullptr) {
        acc = flag;
        continue;
      }
      auto twice = std::make_shared<BoundExpr>();
      twice->kind = BoundKind::kBinary;
      twice->binary_op = BinaryOp::kMul;
      twice->args = {acc, MakeConst(Value::Int(2))};
      auto sum = std::make_shared<BoundExpr>();
      sum->kind = BoundKind::kBinary;
      sum->binary_op = BinaryOp::kAdd;
      sum->args = {twice, flag};
      acc = sum;
    }
    auto result = std::make_shared<BoundExpr>(*acc);
    result->ast = call.ast;
    result->has_aggregate = true;
    result->volatile_value = true;
    return BoundPtr(result);
  }

  const SelectPlan& plan_;
  const int n_;
};

SqlResult<Value> GroupingOutsideRollup(const std::vector<Value>&, const FnEnv&) {
  return err::InvalidGroupFunction();
}

// Registered so the binder knows the name and its arity (1 to 64, as
// MySQL's); PlanRollup replaces every call it accepts.
const FunctionDef kGroupingDef{"GROUPING", 1, 64, GroupingOutsideRollup, SpecialFn::kNone, true};

}  // namespace

const FunctionDef* GroupingFunction() { return &kGroupingDef; }

bool IsGroupingCall(const BoundExpr& e) {
  return e.kind == BoundKind::kFunction && e.fn == &kGroupingDef;
}

SqlStatus PlanRollup(SelectPlan* plan) {
  plan->rollup = true;
  RollupRewriter rw(*plan);
  TETRADB_SQL_RETURN_IF_ERROR(rw.RewriteAll(&plan->projection));
  TETRADB_SQL_ASSIGN_OR_RETURN(plan->having, rw.Rewrite(plan->having));
  TETRADB_SQL_RETURN_IF_ERROR(rw.RewriteKeys(&plan->order_by));
  for (WindowPlan& w : plan->windows) {
    TETRADB_SQL_RETURN_IF_ERROR(rw.RewriteAll(&w.partition_by));
    TETRADB_SQL_RETURN_IF_ERROR(rw.RewriteKeys(&w.order_by));
  }
  for (WindowFunc& f : plan->window_funcs) {
    TETRADB_SQL_RETURN_IF_ERROR(rw.RewriteAll(&f.args));
    TETRADB_SQL_RETURN_IF_ERROR(rw.RewriteAll(&f.agg.args));
    TETRADB_SQL_RETURN_IF_ERROR(rw.RewriteKeys(&f.agg.order_by));
    TETRADB_SQL_ASSIGN_OR_RETURN(f.default_value, rw.Rewrite(f.default_value));
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel::sql
