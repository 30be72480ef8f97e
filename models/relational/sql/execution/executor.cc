// Entry points for queries (executor.h). INSERT / UPDATE / DELETE are in
// dml_*.cc, EXPLAIN in planner/explain.cc.
#include "models/relational/sql/execution/executor.h"

#include "models/relational/sql/execution/query_exec.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

// Whether a bound tree may outlive its statement: no subquery (their rows
// are cached in the tree) and no variable (bound to its value when planned).
bool Reusable(const BoundPtr& b) {
  if (b == nullptr) return true;
  if (b->subquery != nullptr || b->kind == BoundKind::kSubquery ||
      b->kind == BoundKind::kInSubquery || b->kind == BoundKind::kExists) {
    return false;
  }
  if (b->kind == BoundKind::kConst && b->ast != nullptr && !b->ast->name.empty() &&
      b->ast->name[0] == '@') {
    return false;
  }
  for (const BoundPtr& a : b->args) {
    if (!Reusable(a)) return false;
  }
  return true;
}

bool Reusable(const std::vector<BoundPtr>& list) {
  for (const BoundPtr& b : list) {
    if (!Reusable(b)) return false;
  }
  return true;
}

bool Reusable(const std::vector<SortKey>& keys) {
  for (const SortKey& k : keys) {
    if (!Reusable(k.expr)) return false;
  }
  return true;
}

// A plan over base tables only, whose every expression is reusable.
bool Reusable(const QueryPlan& q) {
  if (q.correlated || !Reusable(q.order_by)) return false;
  for (const auto& part : q.parts) {
    const SelectPlan& p = *part;
    if (p.correlated || !p.subqueries.empty()) return false;
    for (const TableSource& src : p.sources) {
      if (src.def == nullptr || src.derived != nullptr) return false;
    }
    for (const JoinStep& step : p.steps) {
      for (const auto& alternatives : step.access.key_eq) {
        if (!Reusable(alternatives)) return false;
      }
      if (!Reusable(step.access.range_lo) || !Reusable(step.access.range_hi) ||
          !Reusable(step.conds) || !Reusable(step.hash_inner) || !Reusable(step.hash_outer)) {
        return false;
      }
    }
    if (!Reusable(p.pre_filters) || !Reusable(p.final_filters) || !Reusable(p.group_by) ||
        !Reusable(p.having) || !Reusable(p.projection) || !Reusable(p.order_by)) {
      return false;
    }
    for (const AggregateSpec& agg : p.aggregates) {
      if (!Reusable(agg.args)) return false;
      if (!Reusable(agg.order_by)) return false;
    }
    for (const WindowPlan& w : p.windows) {
      if (!Reusable(w.partition_by) || !Reusable(w.order_by) || !Reusable(w.start.offset) ||
          !Reusable(w.end.offset)) {
        return false;
      }
    }
    for (const WindowFunc& f : p.window_funcs) {
      if (!Reusable(f.args) || !Reusable(f.n) || !Reusable(f.default_value) ||
          !Reusable(f.agg.args)) {
        return false;
      }
    }
  }
  return true;
}

// The statement's plan: the prepared statement's cached one while the
// catalog has not changed, else a new one (kept when reusable).
SqlResult<std::shared_ptr<QueryPlan>> PlanFor(const SelectStmt& select, ExecContext& ctx) {
  PlanCache* cache = ctx.plan_cache;
  const uint64_t version = ctx.db->catalog().version();
  if (cache != nullptr && cache->plan != nullptr && cache->stmt == &select && cache->db == ctx.db &&
      cache->catalog_version == version && cache->only_full_group_by == OnlyFullGroupBy(ctx)) {
    return cache->plan;
  }
  Planner planner(&ctx);
  TETRADB_SQL_ASSIGN_OR_RETURN(auto plan, planner.PlanQuery(select, nullptr, false));
  if (cache != nullptr) {
    if (Reusable(*plan)) {
      cache->plan = plan;
      cache->stmt = &select;
      cache->db = ctx.db;
      cache->catalog_version = version;
      cache->only_full_group_by = OnlyFullGroupBy(ctx);
    } else {
      cache->plan.reset();
    }
  }
  return plan;
}

}  // namespace

SqlResult<ResultSet> ExecuteSelect(const SelectStmt& select, ExecContext& ctx) {
  TETRADB_SQL_ASSIGN_OR_RETURN(auto plan, PlanFor(select, ctx));
  ResultSet rs;
  rs.has_rows = true;
  rs.columns = plan->column_names;
  TETRADB_SQL_RETURN_IF_ERROR(RunQuery(*plan, ctx, nullptr, 0, &rs.rows));
  return rs;
}

SqlResult<Value> EvalConstant(const Expr& expr, ExecContext& ctx) {
  if (expr.kind == ExprKind::kLiteral) return expr.literal;
  Planner planner(&ctx);
  Scope scope;
  BindOptions opt;
  opt.clause = "field list";
  TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, planner.Bind(expr, scope, opt));
  EvalEnv env{&ctx, nullptr, nullptr};
  return Eval(*b, env);
}

}  // namespace tetradb::rel::sql
