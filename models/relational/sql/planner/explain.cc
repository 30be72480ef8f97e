// EXPLAIN: one row per table access in join order, MySQL's columns.
//
// Rows follow the block order of MySQL's output: each block's tables, then
// the blocks inside it (derived tables, subqueries) by id. `rows` is the
// table's row count for full scans (counted, up to a cap) and the planner's
// estimate for keyed access.
#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "models/relational/sql/execution/query_exec.h"
#include "models/relational/sql/planner/access_path.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

constexpr uint64_t kCountCap = 100000;

const std::vector<std::string> kColumns = {"id",   "select_type", "table", "type", "possible_keys",
                                           "key",  "key_len",     "ref",   "rows", "filtered",
                                           "Extra"};

Value Str(const std::string& s) { return s.empty() ? Value::Null() : Value::String(s); }

std::string Join(const std::vector<std::string>& parts, std::string_view sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    if (!out.empty()) out += sep;
    out += p;
  }
  return out;
}

class Explainer {
 public:
  explicit Explainer(ExecContext& ctx) : ctx_(ctx) {}

  SqlStatus Query(const QueryPlan& q, const std::string& first_type) {
    std::vector<std::string> ids;
    for (size_t i = 0; i < q.parts.size(); ++i) {
      std::string type = i == 0 ? first_type : (q.dependent ? "DEPENDENT UNION" : "UNION");
      TETRADB_SQL_RETURN_IF_ERROR(Block(*q.parts[i], type));
      ids.push_back(std::to_string(q.parts[i]->id));
    }
    if (q.parts.size() > 1) {
      rows_.push_back({Value::Null(), Value::String("UNION RESULT"),
                       Value::String("<union" + Join(ids, ",") + ">"), Value::String("ALL"),
                       Value::Null(), Value::Null(), Value::Null(), Value::Null(), Value::Null(),
                       Value::Null(), Value::String("Using temporary")});
    }
    return SqlStatus::Ok();
  }

  // A single-table UPDATE / DELETE.
  SqlStatus Modify(const SelectPlan& plan, const std::string& type) { return Block(plan, type); }

  void Insert(const std::string& table) {
    rows_.push_back({Value::Int(1), Value::String("INSERT"), Value::String(table),
                     Value::String("ALL"), Value::Null(), Value::Null(), Value::Null(),
                     Value::Null(), Value::Null(), Value::Null(), Value::Null()});
  }

  std::vector<ValueRow> TakeRows() { return std::move(rows_); }

 private:
  SqlResult<uint64_t> CountRows(const TableDef& def) {
    if (ctx_.txn == nullptr) return uint64_t{0};
    TETRADB_SQL_ASSIGN_OR_RETURN(auto cursor, ctx_.txn->ScanPk(def, KeyBounds{}, LockMode::kNone));
    uint64_t n = 0;
    while (n < kCountCap) {
      TETRADB_SQL_ASSIGN_OR_RETURN(bool more, cursor->Next());
      if (!more) break;
      ++n;
    }
    return n;
  }

  std::string RefText(const SelectPlan& plan, const AccessPath& path) {
    if (path.type != AccessType::kConst && path.type != AccessType::kEqRef &&
        path.type != AccessType::kRef) {
      return "";
    }
    std::vector<std::string> parts;
    for (const auto& alts : path.key_eq) {
      const BoundExpr& v = *alts[0];
      if (v.tables == 0) {
        parts.push_back("const");
      } else if (v.kind == BoundKind::kColumn && v.depth == 0) {
        for (const TableSource& s : plan.sources) {
          if (v.index >= s.offset && v.index < s.offset + s.width) {
            parts.push_back(
                fmt::format("{}.{}.{}", kDatabaseName, s.alias, s.columns[v.index - s.offset]));
          }
        }
      } else {
        parts.push_back("func");
      }
    }
    return Join(parts, ",");
  }

  SqlStatus Block(const SelectPlan& plan, const std::string& select_type) {
    Value id = Value::Int(plan.id == 0 ? 1 : plan.id);
    // Windows sort the rows by their keys: a temporary table and a filesort
    // in MySQL's terms.
    bool sort = !plan.order_by.empty() && !plan.order_by_index;
    for (const WindowPlan& w : plan.windows) {
      sort |= !w.partition_by.empty() || !w.order_by.empty();
    }
    // WITH ROLLUP groups by sorting (MySQL: a filesort, no temporary table).
    sort |= plan.rollup;
    bool temporary = (plan.aggregated && !plan.group_by.empty() && !plan.rollup) ||
                     plan.distinct || !plan.window_funcs.empty();
    if (plan.steps.empty()) {
      rows_.push_back({id, Value::String(select_type), Value::Null(), Value::Null(), Value::Null(),
                       Value::Null(), Value::Null(), Value::Null(), Value::Null(), Value::Null(),
                       Value::String("No tables used")});
    }
    for (size_t k = 0; k < plan.steps.size(); ++k) {
      const JoinStep& step = plan.steps[k];
      const TableSource& src = plan.sources[step.source];
      const AccessPath& path = step.access;
      std::string table = src.alias;
      if (src.derived != nullptr) {
        table = "<derived" + std::to_string(src.derived->parts[0]->id) + ">";
      }
      std::string key_len;
      uint64_t rows = static_cast<uint64_t>(std::max(1.0, path.rows));
      if (src.def != nullptr) {
        const auto& key = path.index != nullptr ? path.index->columns : src.def->primary_key;
        if (path.type == AccessType::kIndex) {
          key_len = std::to_string(KeyLength(*src.def, key, key.size()));
        } else if (path.use_key) {
          size_t parts = path.key_eq.size() + ((path.range_lo || path.range_hi) ? 1 : 0);
          key_len = std::to_string(KeyLength(*src.def, key, parts));
        }
        if (path.type == AccessType::kAll || path.type == AccessType::kIndex) {
          TETRADB_SQL_ASSIGN_OR_RETURN(rows, CountRows(*src.def));
        }
      } else if (src.derived_rows != nullptr) {
        rows = src.derived_rows->size();
      }
      std::vector<std::string> extra;
      bool residual = !plan.final_filters.empty() && k + 1 == plan.steps.size();
      for (size_t c = 0; c < step.conds.size() && !residual; ++c) {
        residual = std::find(path.used_conds.begin(), path.used_conds.end(), static_cast<int>(c)) ==
                   path.used_conds.end();
      }
      if (k == 0 && !plan.pre_filters.empty()) residual = true;
      if (src.work != nullptr) extra.push_back("Recursive");
      if (IndexCovers(plan, src, path)) extra.push_back("Using index");
      if (residual) extra.push_back("Using where");
      if (path.reverse) extra.push_back("Backward index scan");
      if (step.cache_rows) extra.push_back("Using join buffer (hash join)");
      if (k == 0 && temporary) extra.push_back("Using temporary");
      if (k == 0 && sort) extra.push_back("Using filesort");
      rows_.push_back({id, Value::String(select_type), Value::String(table),
                       Value::String(AccessTypeName(path.type)), Str(Join(step.possible_keys, ",")),
                       Str(path.KeyName()), Str(key_len), Str(RefText(plan, path)),
                       Value::Int(static_cast<int64_t>(rows)), Value::Dec(Decimal(10000, 2)),
                       Str(Join(extra, "; "))});
    }
    std::vector<const SubqueryRef*> children;
    for (const auto& s : plan.subqueries) children.push_back(s.get());
    std::stable_sort(children.begin(), children.end(),
                     [](const SubqueryRef* a, const SubqueryRef* b) {
                       return a->plan->parts[0]->id < b->plan->parts[0]->id;
                     });
    for (const SubqueryRef* child : children) {
      // A CTE named more than once shares one plan: shown once.
      if (!shown_.insert(child->plan.get()).second) continue;
      bool derived = false;
      for (const TableSource& s : plan.sources) derived |= s.derived == child->plan;
      std::string type = derived                  ? "DERIVED"
                         : child->plan->dependent ? "DEPENDENT SUBQUERY"
                                                  : "SUBQUERY";
      TETRADB_SQL_RETURN_IF_ERROR(Query(*child->plan, type));
    }
    return SqlStatus::Ok();
  }

  ExecContext& ctx_;
  std::vector<ValueRow> rows_;
  std::unordered_set<const QueryPlan*> shown_;
};

bool HasInnerBlocks(const QueryPlan& q) {
  if (q.parts.size() > 1) return true;
  for (const auto& p : q.parts) {
    if (!p->subqueries.empty()) return true;
  }
  return false;
}

ResultSet Rows(std::vector<ValueRow> rows) {
  ResultSet rs;
  rs.has_rows = true;
  rs.columns = kColumns;
  rs.rows = std::move(rows);
  return rs;
}

}  // namespace

SqlResult<ResultSet> ExecuteExplain(const Statement& statement, ExecContext& ctx) {
  const Statement* st = &statement;
  if (st->kind == StmtKind::kExplain) {
    st = static_cast<const ExplainStatement&>(statement).statement.get();
    if (st == nullptr) return err::Syntax(ctx.sql, statement.pos);
  }
  Planner planner(&ctx);
  Explainer ex(ctx);
  switch (st->kind) {
    case StmtKind::kSelect: {
      const auto& sel = static_cast<const SelectStatement&>(*st);
      TETRADB_SQL_ASSIGN_OR_RETURN(auto plan, planner.PlanQuery(*sel.select, nullptr, false));
      Planner::NumberBlocks(plan.get());
      TETRADB_SQL_RETURN_IF_ERROR(ex.Query(*plan, HasInnerBlocks(*plan) ? "PRIMARY" : "SIMPLE"));
      return Rows(ex.TakeRows());
    }
    case StmtKind::kUpdate:
    case StmtKind::kDelete: {
      bool is_update = st->kind == StmtKind::kUpdate;
      const TableRef& ref = is_update ? static_cast<const UpdateStatement&>(*st).table
                                      : static_cast<const DeleteStatement&>(*st).table;
      const Expr* where = is_update ? static_cast<const UpdateStatement&>(*st).where.get()
                                    : static_cast<const DeleteStatement&>(*st).where.get();
      const auto& order = is_update ? static_cast<const UpdateStatement&>(*st).order_by
                                    : static_cast<const DeleteStatement&>(*st).order_by;
      const WithClause* with = is_update ? static_cast<const UpdateStatement&>(*st).with.get()
                                         : static_cast<const DeleteStatement&>(*st).with.get();
      if (with != nullptr) TETRADB_SQL_RETURN_IF_ERROR(planner.EnterWith(*with, nullptr));
      auto def = ctx.db->catalog().Find(ref.name);
      if (def == nullptr) return err::NoSuchTable(ref.name);
      TETRADB_SQL_ASSIGN_OR_RETURN(
          auto plan, planner.PlanSingleTable(def, ref.alias, where, order, LockMode::kNone));
      Planner::NumberBlocks(plan.get());
      TETRADB_SQL_RETURN_IF_ERROR(ex.Modify(*plan, is_update ? "UPDATE" : "DELETE"));
      return Rows(ex.TakeRows());
    }
    case StmtKind::kInsert: {
      const auto& ins = static_cast<const InsertStatement&>(*st);
      if (ctx.db->catalog().Find(ins.table) == nullptr) return err::NoSuchTable(ins.table);
      ex.Insert(ins.table);
      if (ins.select != nullptr) {
        TETRADB_SQL_ASSIGN_OR_RETURN(auto plan, planner.PlanQuery(*ins.select, nullptr, false));
        Planner::NumberBlocks(plan.get());
        TETRADB_SQL_RETURN_IF_ERROR(ex.Query(*plan, "SIMPLE"));
      }
      return Rows(ex.TakeRows());
    }
    default:
      return err::Syntax(ctx.sql, st->pos);
  }
}

}  // namespace tetradb::rel::sql
