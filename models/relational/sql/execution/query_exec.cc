// Whole queries: grouping, HAVING, projection, ORDER BY, DISTINCT,
// LIMIT/OFFSET per block, then UNION [ALL] with its own ORDER BY / LIMIT.
//
// Without a sort (or when the access path already delivers ORDER BY order)
// rows stream: the join stops as soon as LIMIT rows are out.
#include "models/relational/sql/execution/query_exec.h"

#include <algorithm>
#include <limits>
#include <numeric>
#include <unordered_map>
#include <unordered_set>

#include "models/relational/sql/execution/aggregate.h"
#include "models/relational/sql/execution/union_types.h"
#include "models/relational/sql/execution/window.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();

std::string RowKey(const ValueRow& row) {
  std::string key;
  for (const Value& v : row) AppendGroupKey(v, &key);
  return key;
}

// Applies DISTINCT (when asked), OFFSET and LIMIT to sorted rows.
void Window(std::vector<ValueRow>* rows, bool distinct, uint64_t offset, uint64_t limit) {
  std::vector<ValueRow> out;
  std::unordered_set<std::string> seen;
  uint64_t skipped = 0;
  for (ValueRow& r : *rows) {
    if (out.size() >= limit) break;
    if (distinct && !seen.insert(RowKey(r)).second) continue;
    if (skipped < offset) {
      ++skipped;
      continue;
    }
    out.push_back(std::move(r));
  }
  *rows = std::move(out);
}

class BlockRunner {
 public:
  BlockRunner(const SelectPlan& plan, ExecContext& ctx, const Frame* outer,
              std::vector<ValueRow>* out)
      : plan_(plan), ctx_(ctx), outer_(outer), out_(out) {}

  SqlStatus Run(size_t cap) {
    TETRADB_SQL_ASSIGN_OR_RETURN(limit_, EvalCount(plan_.limit, ctx_, kNoLimit));
    TETRADB_SQL_ASSIGN_OR_RETURN(offset_, EvalCount(plan_.offset, ctx_, 0));
    if (cap > 0) limit_ = std::min<uint64_t>(limit_, cap);
    if (limit_ == 0) return SqlStatus::Ok();
    sort_ = !plan_.order_by.empty() && !plan_.order_by_index;
    windows_ = !plan_.window_funcs.empty();
    if (!plan_.aggregated) {
      TETRADB_SQL_RETURN_IF_ERROR(RunJoin(plan_, ctx_, outer_, [&](const ValueRow& row) {
        Frame f{row.data(), nullptr, outer_};
        return Accept(f);
      }));
    } else {
      TETRADB_SQL_RETURN_IF_ERROR(Aggregate());
    }
    if (windows_) TETRADB_SQL_RETURN_IF_ERROR(Windows());
    if (sort_) {
      std::vector<bool> desc;
      for (const SortKey& k : plan_.order_by) desc.push_back(k.desc);
      TETRADB_SQL_RETURN_IF_ERROR(SortRows(&sorted_, &keys_, desc, ctx_));
      Window(&sorted_, plan_.distinct, offset_, limit_);
      for (ValueRow& r : sorted_) out_->push_back(std::move(r));
    }
    return SqlStatus::Ok();
  }

 private:
  struct Group {
    ValueRow row;
    std::vector<AggState> states;
    // WITH ROLLUP: the GROUP BY values of its first row, and how many of
    // the last ones it rolls up (0: an ordinary group).
    ValueRow keys;
    size_t rolled = 0;
  };

  SqlStatus Aggregate() {
    std::unordered_map<std::string, size_t> index;
    std::vector<Group> groups;
    const size_t n_keys = plan_.group_by.size();
    // Every row feeds its group and, WITH ROLLUP, the super-groups of each
    // prefix of its keys (levels 1..n roll up the last 1..n keys).
    const size_t levels = plan_.rollup ? n_keys + 1 : 1;
    auto new_group = [&](const ValueRow& row, const ValueRow& keys, size_t rolled) {
      Group g;
      g.row = row;
      g.keys = keys;
      g.rolled = rolled;
      for (const AggregateSpec& spec : plan_.aggregates) g.states.emplace_back(&spec);
      groups.push_back(std::move(g));
      return groups.size() - 1;
    };
    std::vector<std::string> prefix(n_keys + 1);
    ValueRow key_values;
    std::string key;
    TETRADB_SQL_RETURN_IF_ERROR(
        RunJoin(plan_, ctx_, outer_, [&](const ValueRow& row) -> SqlResult<bool> {
          Frame f{row.data(), nullptr, outer_};
          EvalEnv env{&ctx_, &f, nullptr};
          key_values.clear();
          for (size_t k = 0; k < n_keys; ++k) {
            TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*plan_.group_by[k], env));
            prefix[k + 1] = prefix[k];
            AppendGroupKey(v, &prefix[k + 1]);
            if (plan_.rollup) key_values.push_back(std::move(v));
          }
          for (size_t level = 0; level < levels; ++level) {
            key = prefix[n_keys - level];
            if (plan_.rollup) key.push_back(static_cast<char>(level));
            size_t gi;
            auto it = index.find(key);
            if (it == index.end()) {
              gi = new_group(row, key_values, level);
              index.emplace(key, gi);
            } else {
              gi = it->second;
            }
            for (AggState& s : groups[gi].states) TETRADB_SQL_RETURN_IF_ERROR(s.Add(env));
          }
          return true;
        }));
    // Aggregates without GROUP BY give one row even over no rows.
    if (groups.empty() && plan_.group_by.empty()) new_group(ValueRow(plan_.width), {}, 0);
    std::vector<size_t> order(groups.size());
    std::iota(order.begin(), order.end(), 0);
    if (plan_.rollup) TETRADB_SQL_RETURN_IF_ERROR(OrderRollup(groups, &order));
    ValueRow extended;
    for (size_t gi : order) {
      Group& g = groups[gi];
      TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
      if (plan_.rollup) {
        // The row the select list sees: see SelectPlan::rollup.
        extended = g.row;
        const size_t kept = n_keys - g.rolled;
        // A rolled-up plain column reads NULL also where the rewrite does
        // not reach (a correlated subquery's reference to it).
        for (size_t k = kept; k < n_keys; ++k) {
          const BoundExpr& key = *plan_.group_by[k];
          if (key.kind == BoundKind::kColumn && key.depth == 0 && key.index >= 0 &&
              static_cast<size_t>(key.index) < extended.size()) {
            extended[key.index] = Value::Null();
          }
        }
        for (size_t k = 0; k < n_keys; ++k) {
          extended.push_back(k < kept ? g.keys[k] : Value::Null());
        }
        for (size_t k = 0; k < n_keys; ++k) extended.push_back(Value::Int(k < kept ? 0 : 1));
        g.row = std::move(extended);
      }
      Frame f{g.row.data(), nullptr, outer_};
      EvalEnv env{&ctx_, &f, nullptr};
      std::vector<Value> aggs;
      aggs.reserve(g.states.size());
      for (const AggState& s : g.states) {
        TETRADB_SQL_ASSIGN_OR_RETURN(Value v, s.Result(env));
        aggs.push_back(std::move(v));
      }
      f.aggs = &aggs;
      TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, Accept(f));
      if (!go_on) break;
    }
    return SqlStatus::Ok();
  }

  // WITH ROLLUP's order (MySQL's, without ORDER BY): by the GROUP BY keys,
  // NULL first, each super-aggregate row after the groups it sums up.
  template <typename Groups>
  SqlStatus OrderRollup(const Groups& groups, std::vector<size_t>* order) {
    const size_t n = plan_.group_by.size();
    // An ENUM column sorts by its values' positions, as ORDER BY does.
    std::vector<const std::vector<std::string>*> enums(n);
    for (size_t c = 0; c < n; ++c) enums[c] = EnumSortValues(plan_, *plan_.group_by[c]);
    std::vector<ValueRow> keys;
    keys.reserve(order->size());
    std::vector<ValueRow> rows(order->size());
    for (size_t i : *order) {
      const auto& g = groups[i];
      ValueRow k;
      // One sort key per GROUP BY key: a present key sorts before a
      // rolled-up one (Int 0 / 1), then by its value.
      for (size_t c = 0; c < n; ++c) {
        bool rolled = c >= n - g.rolled;
        k.push_back(Value::Int(rolled ? 1 : 0));
        Value v = rolled ? Value::Null() : g.keys[c];
        if (enums[c] != nullptr && v.kind() == ValueKind::kString) {
          const auto& list = *enums[c];
          auto it = std::find(list.begin(), list.end(), v.string_value());
          v = Value::Int(it == list.end() ? 0 : (it - list.begin()) + 1);
        }
        k.push_back(std::move(v));
      }
      keys.push_back(std::move(k));
      rows[i] = {Value::Int(static_cast<int64_t>(i))};
    }
    std::vector<bool> desc(2 * n, false);
    TETRADB_SQL_RETURN_IF_ERROR(SortRows(&rows, &keys, desc, ctx_));
    for (size_t i = 0; i < rows.size(); ++i) {
      (*order)[i] = static_cast<size_t>(rows[i][0].int_value());
    }
    return SqlStatus::Ok();
  }

  // One row (or group) past the joins: HAVING, then the window stage's
  // buffer or straight on to Emit.
  SqlResult<bool> Accept(const Frame& f) {
    EvalEnv env{&ctx_, &f, nullptr};
    if (plan_.having != nullptr) {
      TETRADB_SQL_ASSIGN_OR_RETURN(bool pass, EvalTrue(*plan_.having, env));
      if (!pass) return true;
    }
    if (windows_) {
      WindowRow r;
      const size_t width = plan_.width + (plan_.rollup ? 2 * plan_.group_by.size() : 0);
      r.row.assign(f.row, f.row + width);
      if (f.aggs != nullptr) r.aggs = *f.aggs;
      window_rows_.push_back(std::move(r));
      return true;
    }
    return Emit(f);
  }

  // Window functions over every row HAVING kept, then each row on to Emit
  // in the order the last window left them.
  SqlStatus Windows() {
    std::vector<size_t> order;
    TETRADB_SQL_RETURN_IF_ERROR(ComputeWindows(plan_, ctx_, outer_, &window_rows_, &order));
    for (size_t i : order) {
      TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
      const WindowRow& r = window_rows_[i];
      Frame f{r.row.data(), plan_.aggregated ? &r.aggs : nullptr, outer_, &r.wins};
      TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, Emit(f));
      if (!go_on) break;
    }
    return SqlStatus::Ok();
  }

  // Projection, then either kept for sorting or emitted through DISTINCT /
  // OFFSET / LIMIT.
  SqlResult<bool> Emit(const Frame& f) {
    EvalEnv env{&ctx_, &f, nullptr};
    ValueRow proj;
    proj.reserve(plan_.projection.size());
    for (const BoundPtr& p : plan_.projection) {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*p, env));
      proj.push_back(std::move(v));
    }
    if (sort_) {
      ValueRow keys;
      keys.reserve(plan_.order_by.size());
      for (const SortKey& k : plan_.order_by) {
        TETRADB_SQL_ASSIGN_OR_RETURN(Value v, EvalSortKey(k, env));
        keys.push_back(std::move(v));
      }
      keys_.push_back(std::move(keys));
      sorted_.push_back(std::move(proj));
      return true;
    }
    if (plan_.distinct && !seen_.insert(RowKey(proj)).second) return true;
    if (skipped_ < offset_) {
      ++skipped_;
      return true;
    }
    out_->push_back(std::move(proj));
    return ++emitted_ < limit_;
  }

  const SelectPlan& plan_;
  ExecContext& ctx_;
  const Frame* outer_;
  std::vector<ValueRow>* out_;
  uint64_t limit_ = kNoLimit, offset_ = 0, skipped_ = 0, emitted_ = 0;
  bool sort_ = false;
  bool windows_ = false;
  std::vector<WindowRow> window_rows_;
  std::vector<ValueRow> sorted_, keys_;
  std::unordered_set<std::string> seen_;
};

}  // namespace

SqlResult<uint64_t> EvalCount(const Expr* e, ExecContext& ctx, uint64_t if_absent) {
  if (e == nullptr) return if_absent;
  Value v;
  if (e->kind == ExprKind::kLiteral) {
    v = e->literal;
  } else {
    TETRADB_SQL_ASSIGN_OR_RETURN(v, EvalConstant(*e, ctx));
  }
  if (v.kind() == ValueKind::kUInt) return v.uint_value();
  auto i = ToInt64(v);
  if (v.is_null() || !i || *i < 0) return err::IncorrectArguments("LIMIT");
  return static_cast<uint64_t>(*i);
}

SqlResult<Value> EvalSortKey(const SortKey& key, const EvalEnv& env) {
  TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*key.expr, env));
  if (key.enum_values == nullptr || v.kind() != ValueKind::kString) return v;
  const auto& list = *key.enum_values;
  auto it = std::find(list.begin(), list.end(), v.string_value());
  return Value::Int(it == list.end() ? 0 : (it - list.begin()) + 1);
}

SqlStatus SortRows(std::vector<ValueRow>* rows, std::vector<ValueRow>* keys,
                   const std::vector<bool>& desc, ExecContext& ctx) {
  std::vector<size_t> idx(rows->size());
  std::iota(idx.begin(), idx.end(), 0);
  // An interrupt leaves the sort by an exception (caught here: it never
  // crosses the API); the indices it leaves behind are simply dropped.
  struct Interrupted {
    SqlError error;
  };
  auto less = [&](size_t a, size_t b) {
    SqlStatus st = ctx.CheckInterrupt();
    if (!st.ok()) throw Interrupted{st.error()};
    const ValueRow& ka = (*keys)[a];
    const ValueRow& kb = (*keys)[b];
    for (size_t i = 0; i < desc.size(); ++i) {
      const Value& x = ka[i];
      const Value& y = kb[i];
      int c;
      if (x.is_null() || y.is_null()) {
        c = x.is_null() == y.is_null() ? 0 : (x.is_null() ? -1 : 1);  // NULL first ascending
      } else {
        c = Compare(x, y);
      }
      if (c != 0) return desc[i] ? c > 0 : c < 0;
    }
    return false;
  };
  try {
    std::stable_sort(idx.begin(), idx.end(), less);
  } catch (const Interrupted& e) {
    return e.error;
  }
  std::vector<ValueRow> r2, k2;
  r2.reserve(idx.size());
  k2.reserve(idx.size());
  for (size_t i : idx) {
    r2.push_back(std::move((*rows)[i]));
    k2.push_back(std::move((*keys)[i]));
  }
  *rows = std::move(r2);
  *keys = std::move(k2);
  return SqlStatus::Ok();
}

SqlStatus RunBlock(const SelectPlan& plan, ExecContext& ctx, const Frame* outer,
                   std::vector<ValueRow>* out) {
  BlockRunner runner(plan, ctx, outer, out);
  return runner.Run(0);
}

SqlStatus RunQuery(const QueryPlan& q, ExecContext& ctx, const Frame* outer, size_t max_rows,
                   std::vector<ValueRow>* out) {
  if (q.first_recursive >= 0) return RunRecursiveCte(q, ctx, outer, max_rows, out);
  if (q.parts.size() == 1 && q.order_by.empty() && q.limit == nullptr && q.offset == nullptr) {
    BlockRunner runner(*q.parts[0], ctx, outer, out);
    return runner.Run(max_rows);
  }
  // Every member runs first: the union's column types depend on all of
  // them, and duplicates are found among the converted values (1 UNION 1.0).
  std::vector<std::vector<ValueRow>> members(q.parts.size());
  for (size_t i = 0; i < q.parts.size(); ++i) {
    BlockRunner runner(*q.parts[i], ctx, outer, &members[i]);
    TETRADB_SQL_RETURN_IF_ERROR(runner.Run(0));
  }
  UnifyUnionRows(q, &members);
  std::vector<ValueRow> acc;
  for (size_t i = 0; i < q.parts.size(); ++i) {
    for (ValueRow& r : members[i]) acc.push_back(std::move(r));
    members[i].clear();
    // UNION (DISTINCT) removes duplicates from everything to its left.
    if (i > 0 && !q.union_all[i - 1]) {
      std::unordered_set<std::string> seen;
      std::vector<ValueRow> unique;
      for (ValueRow& r : acc) {
        if (seen.insert(RowKey(r)).second) unique.push_back(std::move(r));
      }
      acc = std::move(unique);
    }
  }
  if (!q.order_by.empty()) {
    std::vector<ValueRow> keys;
    std::vector<bool> desc;
    for (const SortKey& k : q.order_by) desc.push_back(k.desc);
    for (const ValueRow& r : acc) {
      TETRADB_SQL_RETURN_IF_ERROR(ctx.CheckInterrupt());
      Frame f{r.data(), nullptr, outer};
      EvalEnv env{&ctx, &f, nullptr};
      ValueRow kr;
      for (const SortKey& k : q.order_by) {
        TETRADB_SQL_ASSIGN_OR_RETURN(Value v, EvalSortKey(k, env));
        kr.push_back(std::move(v));
      }
      keys.push_back(std::move(kr));
    }
    TETRADB_SQL_RETURN_IF_ERROR(SortRows(&acc, &keys, desc, ctx));
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t limit, EvalCount(q.limit, ctx, kNoLimit));
  TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t offset, EvalCount(q.offset, ctx, 0));
  if (max_rows > 0) limit = std::min<uint64_t>(limit, max_rows);
  Window(&acc, false, offset, limit);
  for (ValueRow& r : acc) out->push_back(std::move(r));
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel::sql
