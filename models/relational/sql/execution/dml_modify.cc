// UPDATE and DELETE, and the pieces INSERT shares with them.
//
// Target rows are all read first (locking reads), then changed: a change
// can never make the scan see a row twice (an UPDATE moving a key forward).
#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>

#include "models/relational/sql/execution/dml.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();

std::shared_ptr<const TableDef> FindTable(ExecContext& ctx, const std::string& name) {
  return ctx.db->catalog().Find(name);
}

// WITH ... UPDATE / DELETE: the CTEs serve the statement's subqueries; the
// target itself must be a table (MySQL: 1288 when it names a CTE).
SqlStatus EnterWith(const WithClause* with, const TableRef& target, const char* verb,
                    Planner& planner) {
  if (with == nullptr) return SqlStatus::Ok();
  for (const CommonTableExpr& cte : with->ctes) {
    if (cte.name == target.name) {
      return SqlError{1288, "HY000",
                      fmt::format("The target table {} of the {} is not updatable",
                                  target.alias.empty() ? target.name : target.alias, verb)};
    }
  }
  return planner.EnterWith(*with, nullptr);
}

// CURRENT_TIMESTAMP for a column: the statement's time cut to the column's
// fractional digits, as NOW(fsp) gives it (StoreValue would round it up,
// giving a time later than NOW() in half of all seconds).
Value NowForColumn(const ColumnDef& column, const ExecContext& ctx) {
  DateTime now = ctx.now;
  if (column.type.id == TypeId::kDateTime || column.type.id == TypeId::kTimestamp) {
    int64_t unit = 1;
    for (int i = std::min<int>(column.type.fsp, 6); i < 6; ++i) unit *= 10;
    if (now.micros >= 0) now.micros = now.micros / unit * unit;
  }
  return Value::DateTimeV(now);
}

}  // namespace

SqlResult<Value> DefaultValue(const ColumnDef& column, const ExecContext& ctx) {
  switch (column.default_value.kind) {
    case DefaultSpec::Kind::kConstant:
      return column.default_value.constant;
    case DefaultSpec::Kind::kCurrentTimestamp:
      return NowForColumn(column, ctx);
    case DefaultSpec::Kind::kNone:
      break;
  }
  if (column.auto_increment || column.nullable) return Value::Null();
  return err::NoDefault(column.name);
}

SqlResult<Value> ConvertForColumn(const ColumnDef& column, const Value& v, int64_t row,
                                  bool inserting, std::vector<SqlError>* lenient) {
  if (v.is_null()) {
    if (column.nullable || (inserting && column.auto_increment)) return v;
    if (lenient != nullptr) {
      if (std::optional<Value> d = ImplicitDefault(column.type)) {
        lenient->push_back(err::ColumnNotNull(column.name));
        return *d;
      }
    }
    return err::ColumnNotNull(column.name);
  }
  if (lenient != nullptr) return StoreValueLenient(column.type, v, column.name, row, lenient);
  return StoreValue(column.type, v, column.name, row);
}

SqlResult<Assignments> BindAssignments(const std::vector<Assignment>& assignments,
                                       const TableDef& table, std::string_view alias,
                                       Planner& planner, const Scope& scope,
                                       const BindOptions& opt) {
  Assignments out;
  out.assigned.assign(table.columns.size(), false);
  for (const Assignment& a : assignments) {
    int c = table.ColumnIndex(a.column);
    if ((!a.table.empty() && a.table != alias && a.table != table.name) || c < 0) {
      return err::UnknownColumn(a.table.empty() ? a.column : a.table + "." + a.column,
                                "field list");
    }
    Assigned t{c, nullptr};
    if (a.value->kind != ExprKind::kDefault) {
      TETRADB_SQL_ASSIGN_OR_RETURN(t.value, planner.Bind(*a.value, scope, opt));
    }
    out.assigned[c] = true;
    out.list.push_back(std::move(t));
  }
  return out;
}

SqlResult<bool> UpdateRow(const TableDef& table, const Assignments& assignments,
                          const Row& old_row, const std::vector<Value>* insert_row,
                          int64_t row_number, ExecContext& ctx,
                          std::vector<SqlError>* lenient) {
  Row new_row = old_row;
  Frame frame{new_row.data(), nullptr, nullptr};
  EvalEnv env{&ctx, &frame, insert_row};
  for (const Assigned& t : assignments.list) {
    const ColumnDef& col = table.columns[t.column];
    Value v;
    if (t.value != nullptr) {
      TETRADB_SQL_ASSIGN_OR_RETURN(v, Eval(*t.value, env));
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(v, DefaultValue(col, ctx));
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(new_row[t.column],
                                 ConvertForColumn(col, v, row_number, false, lenient));
  }
  bool changed = false;
  for (size_t c = 0; c < table.columns.size() && !changed; ++c) {
    changed = !(new_row[c] == old_row[c]);
  }
  if (!changed) return false;
  TETRADB_SQL_RETURN_IF_ERROR(TouchOnUpdateColumns(table, assignments.assigned, ctx, &new_row));
  TETRADB_SQL_RETURN_IF_ERROR(ctx.txn->Update(table, old_row, new_row));
  return true;
}

SqlStatus TouchOnUpdateColumns(const TableDef& table, const std::vector<bool>& assigned,
                               const ExecContext& ctx, Row* row) {
  for (size_t c = 0; c < table.columns.size(); ++c) {
    const ColumnDef& col = table.columns[c];
    if (!col.on_update_current_timestamp || assigned[c]) continue;
    TETRADB_SQL_ASSIGN_OR_RETURN((*row)[c],
                                 StoreValue(col.type, NowForColumn(col, ctx), col.name, 1));
  }
  return SqlStatus::Ok();
}

SqlStatus CollectTargetRows(const SelectPlan& plan, ExecContext& ctx, uint64_t limit,
                            std::vector<Row>* rows) {
  const TableSource& src = plan.sources[0];
  const JoinStep& step = plan.steps[0];
  ValueRow buffer(src.width);
  Frame frame{buffer.data(), nullptr, nullptr};
  EvalEnv env{&ctx, &frame, nullptr};
  if (limit == 0) return SqlStatus::Ok();
  TETRADB_SQL_ASSIGN_OR_RETURN(bool pass, AllTrue(plan.pre_filters, env));
  if (!pass) return SqlStatus::Ok();
  bool sort = !plan.order_by.empty() && !plan.order_by_index;
  TETRADB_SQL_RETURN_IF_ERROR(
      ReadAccessPath(*src.def, step.access, env, plan.lock, [&](const Row& r) -> SqlResult<bool> {
        for (int i = 0; i < src.width && i < static_cast<int>(r.size()); ++i) buffer[i] = r[i];
        TETRADB_SQL_ASSIGN_OR_RETURN(bool ok, AllTrue(step.conds, env));
        if (ok) {
          TETRADB_SQL_ASSIGN_OR_RETURN(ok, AllTrue(plan.final_filters, env));
        }
        if (!ok) return true;
        rows->push_back(r);
        return sort || rows->size() < limit;
      }));
  if (!sort) return SqlStatus::Ok();
  std::vector<ValueRow> keys;
  std::vector<bool> desc;
  for (const SortKey& k : plan.order_by) desc.push_back(k.desc);
  for (const Row& r : *rows) {
    Frame f{r.data(), nullptr, nullptr};
    EvalEnv e{&ctx, &f, nullptr};
    ValueRow kr;
    for (const SortKey& k : plan.order_by) {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value v, EvalSortKey(k, e));
      kr.push_back(std::move(v));
    }
    keys.push_back(std::move(kr));
  }
  TETRADB_SQL_RETURN_IF_ERROR(SortRows(rows, &keys, desc, ctx));
  if (rows->size() > limit) rows->resize(limit);
  return SqlStatus::Ok();
}

SqlResult<ResultSet> ExecuteUpdate(const UpdateStatement& update, ExecContext& ctx) {
  ctx.division_by_zero_fails = true;
  Planner planner(&ctx);
  TETRADB_SQL_RETURN_IF_ERROR(EnterWith(update.with.get(), update.table, "UPDATE", planner));
  auto def = FindTable(ctx, update.table.name);
  if (def == nullptr) return err::NoSuchTable(update.table.name);
  TETRADB_SQL_ASSIGN_OR_RETURN(auto plan,
                               planner.PlanSingleTable(def, update.table.alias, update.where.get(),
                                                       update.order_by, LockMode::kForUpdate));
  const std::string& alias = plan->sources[0].alias;
  Scope scope;
  scope.plan = plan.get();
  BindOptions opt;
  opt.clause = "field list";
  TETRADB_SQL_ASSIGN_OR_RETURN(Assignments targets,
                               BindAssignments(update.assignments, *def, alias, planner, scope,
                                               opt));
  TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t limit, EvalCount(update.limit.get(), ctx, kNoLimit));
  std::vector<Row> rows;
  TETRADB_SQL_RETURN_IF_ERROR(CollectTargetRows(*plan, ctx, limit, &rows));

  ResultSet result;
  int64_t row_number = 0;
  std::vector<SqlError> unkept;  // IGNORE's warnings when the caller keeps none
  std::vector<SqlError>* lenient = nullptr;
  if (update.ignore) lenient = ctx.warnings != nullptr ? ctx.warnings : &unkept;
  for (const Row& old_row : rows) {
    TETRADB_SQL_RETURN_IF_ERROR(ctx.CheckInterrupt());
    ++row_number;
    if (!update.ignore) {
      TETRADB_SQL_ASSIGN_OR_RETURN(bool changed,
                                   UpdateRow(*def, targets, old_row, nullptr, row_number, ctx));
      if (changed) ++result.rows_affected;
      continue;
    }
    // UPDATE IGNORE leaves a row whose new keys collide (1062) or break a
    // foreign key (1452) as it was: its partial writes are undone.
    TETRADB_SQL_RETURN_IF_ERROR(ctx.txn->SetSavePoint());
    SqlResult<bool> changed = UpdateRow(*def, targets, old_row, nullptr, row_number, ctx, lenient);
    if (changed.ok()) {
      TETRADB_SQL_RETURN_IF_ERROR(ctx.txn->PopSavePoint());
      if (*changed) ++result.rows_affected;
      continue;
    }
    const int code = changed.error().code;
    if (code != 1062 && code != 1452) return changed.error();
    TETRADB_SQL_RETURN_IF_ERROR(ctx.txn->RollbackToSavePoint());
    lenient->push_back(changed.error());
  }
  return result;
}

SqlResult<ResultSet> ExecuteDelete(const DeleteStatement& del, ExecContext& ctx) {
  Planner planner(&ctx);
  TETRADB_SQL_RETURN_IF_ERROR(EnterWith(del.with.get(), del.table, "DELETE", planner));
  auto def = FindTable(ctx, del.table.name);
  if (def == nullptr) return err::NoSuchTable(del.table.name);
  TETRADB_SQL_ASSIGN_OR_RETURN(
      auto plan, planner.PlanSingleTable(def, del.table.alias, del.where.get(), del.order_by,
                                         LockMode::kForUpdate));
  TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t limit, EvalCount(del.limit.get(), ctx, kNoLimit));
  std::vector<Row> rows;
  TETRADB_SQL_RETURN_IF_ERROR(CollectTargetRows(*plan, ctx, limit, &rows));
  ResultSet result;
  for (const Row& row : rows) {
    TETRADB_SQL_RETURN_IF_ERROR(ctx.CheckInterrupt());
    TETRADB_SQL_RETURN_IF_ERROR(ctx.txn->Delete(*def, row));
    ++result.rows_affected;
  }
  return result;
}

}  // namespace tetradb::rel::sql
