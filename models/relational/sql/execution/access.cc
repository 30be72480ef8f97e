// Reading a base table through an access path: builds the key values (IN
// lists become several point lookups), converts them to the key columns'
// types and runs the lookups or scans. When a value cannot be used as a key
// (its conversion is not exact), the whole table is scanned instead: the
// caller's conditions decide.
#include <algorithm>
#include <unordered_set>

#include "models/relational/sql/execution/query_exec.h"
#include "models/relational/sql/planner/access_path.h"

namespace tetradb::rel::sql {
namespace {

constexpr size_t kMaxPoints = 10000;

// Every row read is an interrupt check point (interrupt.h).
SqlStatus Drain(ExecContext& ctx, RowCursor* cursor, const RowFn& fn, bool* stop) {
  while (true) {
    TETRADB_SQL_RETURN_IF_ERROR(ctx.CheckInterrupt());
    TETRADB_SQL_ASSIGN_OR_RETURN(bool more, cursor->Next());
    if (!more) return SqlStatus::Ok();
    TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, fn(cursor->row()));
    if (!go_on) {
      *stop = true;
      return SqlStatus::Ok();
    }
  }
}

int CompareTuples(const std::vector<Value>& a, const std::vector<Value>& b) {
  for (size_t i = 0; i < a.size() && i < b.size(); ++i) {
    int c = Compare(a[i], b[i]);
    if (c != 0) return c;
  }
  return a.size() < b.size() ? -1 : a.size() > b.size() ? 1 : 0;
}

// Every row, in the order of the path's key (so a plan relying on that
// order for ORDER BY stays right when it falls back to a scan).
SqlStatus FullScan(ExecContext& ctx, const TableDef& table, const AccessPath& path, LockMode lock,
                   const RowFn& fn) {
  RelTxn& txn = *ctx.txn;
  std::unique_ptr<RowCursor> cursor;
  if (path.use_key && path.index != nullptr) {
    TETRADB_SQL_ASSIGN_OR_RETURN(cursor, txn.ScanIndex(table, *path.index, KeyBounds{}, lock,
                                                       path.reverse, path.index_only));
  } else {
    TETRADB_SQL_ASSIGN_OR_RETURN(cursor, txn.ScanPk(table, KeyBounds{}, lock, path.reverse));
  }
  bool stop = false;
  return Drain(ctx, cursor.get(), fn, &stop);
}

// Whether comparing with `v` and with its key value `k` (KeyValueFor: equal
// under Compare) is the same for every integer: true for an integer, and for
// a string of an integer that a double holds exactly (integers compare with
// strings as doubles).
bool DecidesExactly(const Value& v, const Value& k) {
  if (v.kind() == ValueKind::kInt || v.kind() == ValueKind::kUInt) return true;
  if (v.kind() != ValueKind::kString) return false;
  constexpr int64_t kExactInDouble = int64_t{1} << 53;
  if (k.kind() == ValueKind::kInt) {
    return k.int_value() > -kExactInDouble && k.int_value() < kExactInDouble;
  }
  if (k.kind() == ValueKind::kUInt) return k.uint_value() < static_cast<uint64_t>(kExactInDouble);
  return false;
}

}  // namespace

SqlStatus ReadAccessPath(const TableDef& table, const AccessPath& path, const EvalEnv& env,
                         LockMode lock, const RowFn& fn, bool* keyed) {
  bool exact_values = true;
  if (keyed != nullptr) *keyed = false;
  if (env.ctx->txn == nullptr) return err::Unknown("reading a table needs a transaction");
  RelTxn& txn = *env.ctx->txn;
  if (!path.use_key) return FullScan(*env.ctx, table, path, lock, fn);
  const std::vector<uint32_t>& key =
      path.index != nullptr ? path.index->columns : table.primary_key;
  // Point prefixes: the cartesian product of each key column's alternatives.
  std::vector<std::vector<Value>> tuples(1);
  for (size_t j = 0; j < path.key_eq.size(); ++j) {
    const ColumnDef& col = table.columns[key[j]];
    std::vector<Value> alts;
    std::vector<Value> values;
    for (const BoundPtr& e : path.key_eq[j]) {
      if (e->kind == BoundKind::kInSubquery) {
        TETRADB_SQL_RETURN_IF_ERROR(SubqueryColumnValues(*e->subquery, env, &values));
        continue;
      }
      TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*e, env));
      values.push_back(std::move(v));
    }
    std::unordered_set<std::string> seen;
    for (const Value& v : values) {
      if (v.is_null()) continue;  // = NULL matches nothing
      auto k = KeyValueFor(col, v);
      if (!k) return FullScan(*env.ctx, table, path, lock, fn);
      exact_values = exact_values && DecidesExactly(v, *k);
      std::string g;
      AppendGroupKey(*k, &g);
      if (!seen.insert(std::move(g)).second) continue;
      alts.push_back(std::move(*k));
      if (alts.size() > kMaxPoints) return FullScan(*env.ctx, table, path, lock, fn);
    }
    if (alts.empty()) return SqlStatus::Ok();
    if (tuples.size() * alts.size() > kMaxPoints) return FullScan(*env.ctx, table, path, lock, fn);
    std::vector<std::vector<Value>> next;
    next.reserve(tuples.size() * alts.size());
    for (const auto& t : tuples) {
      for (const Value& a : alts) {
        next.push_back(t);
        next.back().push_back(a);
      }
    }
    tuples = std::move(next);
  }
  std::optional<Value> lo, hi;
  if (path.range_lo != nullptr || path.range_hi != nullptr) {
    const ColumnDef& col = table.columns[key[path.key_eq.size()]];
    for (int side = 0; side < 2; ++side) {
      const BoundPtr& e = side == 0 ? path.range_lo : path.range_hi;
      if (e == nullptr) continue;
      TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*e, env));
      if (v.is_null()) return SqlStatus::Ok();  // col < NULL matches nothing
      auto k = KeyValueFor(col, v);
      if (!k) return FullScan(*env.ctx, table, path, lock, fn);
      exact_values = exact_values && DecidesExactly(v, *k);
      (side == 0 ? lo : hi) = std::move(*k);
    }
    if (lo && hi) {
      int c = Compare(*lo, *hi);
      if (c > 0 || (c == 0 && !(path.lo_inclusive && path.hi_inclusive))) {
        return SqlStatus::Ok();
      }
    }
  }
  std::sort(tuples.begin(), tuples.end(),
            [](const auto& a, const auto& b) { return CompareTuples(a, b) < 0; });
  if (path.reverse) std::reverse(tuples.begin(), tuples.end());
  if (keyed != nullptr) *keyed = exact_values;
  bool full_pk_point = path.index == nullptr && !lo && !hi && path.key_eq.size() == key.size();
  bool stop = false;
  for (const auto& t : tuples) {
    TETRADB_SQL_RETURN_IF_ERROR(env.ctx->CheckInterrupt());
    if (full_pk_point) {
      Row row;
      TETRADB_SQL_ASSIGN_OR_RETURN(bool found, txn.GetByPk(table, t, lock, &row));
      if (!found) continue;
      TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, fn(row));
      if (!go_on) return SqlStatus::Ok();
      continue;
    }
    KeyBounds b;
    b.lower = t;
    b.upper = t;
    if (lo) {
      b.lower.push_back(*lo);
      b.lower_inclusive = path.lo_inclusive;
    }
    if (hi) {
      b.upper.push_back(*hi);
      b.upper_inclusive = path.hi_inclusive;
    }
    std::unique_ptr<RowCursor> cursor;
    if (path.index != nullptr) {
      TETRADB_SQL_ASSIGN_OR_RETURN(
          cursor, txn.ScanIndex(table, *path.index, b, lock, path.reverse, path.index_only));
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(cursor, txn.ScanPk(table, b, lock, path.reverse));
    }
    TETRADB_SQL_RETURN_IF_ERROR(Drain(*env.ctx, cursor.get(), fn, &stop));
    if (stop) return SqlStatus::Ok();
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel::sql
