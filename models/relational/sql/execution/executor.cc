// Entry points for queries (executor.h). INSERT / UPDATE / DELETE are in
// dml_*.cc, EXPLAIN in planner/explain.cc.
#include "models/relational/sql/execution/executor.h"

#include "models/relational/sql/execution/query_exec.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {

SqlResult<ResultSet> ExecuteSelect(const SelectStmt& select, ExecContext& ctx) {
  Planner planner(&ctx);
  TETRADB_SQL_ASSIGN_OR_RETURN(auto plan, planner.PlanQuery(select, nullptr, false));
  ResultSet rs;
  rs.has_rows = true;
  rs.columns = plan->column_names;
  TETRADB_SQL_RETURN_IF_ERROR(RunQuery(*plan, ctx, nullptr, 0, &rs.rows));
  rs.last_insert_id = ctx.last_insert_id != nullptr ? *ctx.last_insert_id : 0;
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
