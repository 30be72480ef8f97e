// INSERT, INSERT IGNORE, REPLACE, INSERT ... ON DUPLICATE KEY UPDATE and
// INSERT ... SELECT.
//
// Every row is completed with defaults, NOT NULL-checked and converted with
// StoreValue before it reaches storage; storage checks keys and foreign
// keys. REPLACE and ON DUPLICATE KEY UPDATE look for the conflicting rows
// first (primary key, then each unique index, as MySQL does).
#include <fmt/format.h>
#include <strings.h>

#include "models/relational/sql/execution/dml.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

// Rows that the new row would collide with, primary key first.
SqlStatus FindConflicts(RelTxn& txn, const TableDef& def, const Row& row, std::vector<Row>* out) {
  auto seen = [&](const Row& r) {
    for (const Row& o : *out) {
      if (o == r) return true;
    }
    return false;
  };
  auto key_of = [&](const std::vector<uint32_t>& cols, std::vector<Value>* key) {
    key->clear();
    for (uint32_t c : cols) {
      if (row[c].is_null()) return false;  // NULL never collides
      key->push_back(row[c]);
    }
    return true;
  };
  std::vector<Value> key;
  if (!def.HasHiddenPrimaryKey() && key_of(def.primary_key, &key)) {
    Row existing;
    TETRADB_SQL_ASSIGN_OR_RETURN(bool found,
                                 txn.GetByPk(def, key, LockMode::kForUpdate, &existing));
    if (found) out->push_back(std::move(existing));
  }
  for (const IndexDef& idx : def.indexes) {
    if (!idx.unique || !key_of(idx.columns, &key)) continue;
    KeyBounds b;
    b.lower = key;
    b.upper = key;
    TETRADB_SQL_ASSIGN_OR_RETURN(auto cursor, txn.ScanIndex(def, idx, b, LockMode::kForUpdate));
    while (true) {
      TETRADB_SQL_ASSIGN_OR_RETURN(bool more, cursor->Next());
      if (!more) break;
      if (!seen(cursor->row())) out->push_back(cursor->row());
    }
  }
  return SqlStatus::Ok();
}

bool IsZero(const Value& v) {
  return (v.kind() == ValueKind::kInt && v.int_value() == 0) ||
         (v.kind() == ValueKind::kUInt && v.uint_value() == 0);
}

uint64_t AsId(const Value& v) {
  if (v.kind() == ValueKind::kUInt) return v.uint_value();
  if (v.kind() == ValueKind::kInt) return static_cast<uint64_t>(v.int_value());
  return 0;
}

}  // namespace

SqlResult<ResultSet> ExecuteInsert(const InsertStatement& ins, ExecContext& ctx) {
  ctx.division_by_zero_fails = true;
  auto def = ctx.db->catalog().Find(ins.table);
  if (def == nullptr) return err::NoSuchTable(ins.table);
  const size_t ncols = def->columns.size();

  std::vector<int> targets;
  if (ins.columns.empty()) {
    for (size_t c = 0; c < ncols; ++c) targets.push_back(static_cast<int>(c));
  } else {
    std::vector<bool> named(ncols, false);
    for (const std::string& name : ins.columns) {
      int c = def->ColumnIndex(name);
      if (c < 0) return err::UnknownColumn(name, "field list");
      if (named[c]) {
        return SqlError{1110, "42000", fmt::format("Column '{}' specified twice", name)};
      }
      named[c] = true;
      targets.push_back(c);
    }
  }

  Planner planner(&ctx);
  // ON DUPLICATE KEY UPDATE assignments see the existing row as the table's
  // columns and the proposed row through VALUES(col).
  std::unique_ptr<SelectPlan> table_plan;
  Assignments on_dup;
  if (!ins.on_duplicate.empty()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(table_plan,
                                 planner.PlanSingleTable(def, "", nullptr, {}, LockMode::kNone));
    Scope scope;
    scope.plan = table_plan.get();
    BindOptions opt;
    opt.clause = "field list";
    opt.allow_values = true;
    TETRADB_SQL_ASSIGN_OR_RETURN(
        on_dup, BindAssignments(ins.on_duplicate, *def, def->name, planner, scope, opt));
  }

  // The proposed rows, as values for `targets` (nullopt: DEFAULT).
  std::vector<std::vector<std::optional<Value>>> input;
  if (ins.select != nullptr) {
    TETRADB_SQL_ASSIGN_OR_RETURN(auto query, planner.PlanQuery(*ins.select, nullptr, false));
    if (query->column_names.size() != targets.size()) return err::ColumnCountMismatch(1);
    std::vector<ValueRow> rows;
    TETRADB_SQL_RETURN_IF_ERROR(RunQuery(*query, ctx, nullptr, 0, &rows));
    for (ValueRow& r : rows) {
      std::vector<std::optional<Value>> in;
      for (Value& v : r) in.emplace_back(std::move(v));
      input.push_back(std::move(in));
    }
  } else {
    Scope empty;
    BindOptions opt;
    opt.clause = "field list";
    for (size_t r = 0; r < ins.rows.size(); ++r) {
      const auto& exprs = ins.rows[r];
      // INSERT INTO t VALUES () with no column list means all defaults.
      bool all_default = exprs.empty() && ins.columns.empty();
      if (!all_default && exprs.size() != targets.size()) {
        return err::ColumnCountMismatch(static_cast<int64_t>(r + 1));
      }
      std::vector<std::optional<Value>> in(targets.size());
      for (size_t i = 0; i < exprs.size(); ++i) {
        const Expr& e = *exprs[i];
        if (e.kind == ExprKind::kDefault) continue;
        if (e.kind == ExprKind::kLiteral) {
          in[i] = e.literal;
          continue;
        }
        // A bare `?` (prepared INSERT): its value, as binding and
        // evaluating it would give.
        if (e.kind == ExprKind::kParam && ctx.params != nullptr && e.param_index >= 0 &&
            static_cast<size_t>(e.param_index) < ctx.params->size()) {
          in[i] = (*ctx.params)[e.param_index];
          continue;
        }
        TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, planner.Bind(e, empty, opt));
        EvalEnv env{&ctx, nullptr, nullptr};
        TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*b, env));
        in[i] = std::move(v);
      }
      input.push_back(std::move(in));
    }
  }

  const int ai = def->AutoIncrementColumn();
  std::vector<SqlError> unkept;  // IGNORE's warnings when the caller keeps none
  std::vector<SqlError>* lenient = nullptr;
  if (ins.ignore) lenient = ctx.warnings != nullptr ? ctx.warnings : &unkept;
  ResultSet result;
  uint64_t first_id = 0;
  int64_t row_number = 0;
  for (auto& in : input) {
    TETRADB_SQL_RETURN_IF_ERROR(ctx.CheckInterrupt());
    ++row_number;
    Row row(ncols);
    std::vector<bool> given(ncols, false);
    for (size_t i = 0; i < targets.size(); ++i) {
      if (!in[i].has_value()) continue;
      row[targets[i]] = std::move(*in[i]);
      given[targets[i]] = true;
    }
    for (size_t c = 0; c < ncols; ++c) {
      const ColumnDef& col = def->columns[c];
      if (!given[c]) {
        SqlResult<Value> d = DefaultValue(col, ctx);
        if (!d.ok() && lenient != nullptr && d.error().code == 1364) {
          // IGNORE: a NOT NULL column without a default takes its type's
          // implicit default (1364 as a warning).
          if (std::optional<Value> implicit = ImplicitDefault(col.type)) {
            lenient->push_back(d.error());
            d = *implicit;
          }
        }
        if (!d.ok()) return d.error();
        row[c] = std::move(*d);
      }
      TETRADB_SQL_ASSIGN_OR_RETURN(row[c],
                                   ConvertForColumn(col, row[c], row_number, true, lenient));
    }
    bool generates = ai >= 0 && (row[ai].is_null() || IsZero(row[ai]));

    if (!on_dup.list.empty() || ins.replace) {
      std::vector<Row> conflicts;
      TETRADB_SQL_RETURN_IF_ERROR(FindConflicts(*ctx.txn, *def, row, &conflicts));
      if (!conflicts.empty() && ins.replace) {
        for (const Row& old : conflicts) {
          TETRADB_SQL_RETURN_IF_ERROR(ctx.txn->Delete(*def, old));
          ++result.rows_affected;
        }
      } else if (!conflicts.empty()) {
        TETRADB_SQL_ASSIGN_OR_RETURN(
            bool changed, UpdateRow(*def, on_dup, conflicts[0], &row, row_number, ctx, lenient));
        if (changed) result.rows_affected += 2;
        continue;
      }
    }

    SqlStatus st = ctx.txn->Insert(*def, &row);
    if (!st.ok()) {
      if (ins.ignore && (st.code() == 1062 || st.code() == 1452)) {
        lenient->push_back(st.error());
        continue;
      }
      return st.error();
    }
    ++result.rows_affected;
    if (generates && first_id == 0) first_id = AsId(row[ai]);
  }
  if (first_id != 0 && ctx.last_insert_id != nullptr) *ctx.last_insert_id = first_id;
  result.last_insert_id = first_id;  // this statement's, as MySQL's OK packet
  return result;
}

}  // namespace tetradb::rel::sql
