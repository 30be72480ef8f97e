// The join of a query block: nested loops over the steps in plan order.
//
// Each step reads its source through its access path (an index lookup per
// row of the earlier sources when the key takes values from them), or, when
// the path does not depend on earlier sources, reads it once into memory and
// probes it by hash on the equi-join columns. Outer join groups are NULL-
// extended when no row of the group matched. Every candidate row is an
// interrupt check point (interrupt.h): a cross join over cached rows reads
// nothing from storage, so the scans' checks alone would not see a KILL.
#include <unordered_map>

#include "models/relational/sql/execution/query_exec.h"

namespace tetradb::rel::sql {
namespace {

class JoinRunner {
 public:
  JoinRunner(const SelectPlan& plan, ExecContext& ctx, const Frame* outer, const RowFn& fn)
      : plan_(plan),
        ctx_(ctx),
        outer_(outer),
        fn_(fn),
        row_(plan.width),
        caches_(plan.steps.size()),
        derived_(plan.sources.size()) {
    frame_.row = row_.data();
    frame_.outer = outer;
    env_.ctx = &ctx;
    env_.frame = &frame_;
  }

  SqlStatus Run() {
    for (size_t s = 0; s < plan_.sources.size(); ++s) {
      const TableSource& src = plan_.sources[s];
      if (src.work != nullptr) {  // a recursive CTE's rows of the current round
        derived_[s] = src.work->rows != nullptr ? src.work->rows
                                                : std::make_shared<std::vector<ValueRow>>();
        continue;
      }
      if (src.derived == nullptr) continue;
      const bool cached = !src.derived->correlated;
      if (cached && src.derived_rows == nullptr) src.derived_rows = src.derived->shared_rows;
      if (cached && src.derived_rows != nullptr) {
        derived_[s] = src.derived_rows;
        continue;
      }
      auto rows = std::make_shared<std::vector<ValueRow>>();
      TETRADB_SQL_RETURN_IF_ERROR(RunQuery(*src.derived, ctx_, outer_, 0, rows.get()));
      if (cached) {
        src.derived_rows = rows;
        src.derived->shared_rows = rows;
      }
      derived_[s] = std::move(rows);
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(bool pass, AllTrue(plan_.pre_filters, env_));
    if (!pass) return SqlStatus::Ok();
    auto r = Step(0);
    if (!r.ok()) return r.error();
    return SqlStatus::Ok();
  }

 private:
  struct Cache {
    bool built = false;
    std::vector<Row> rows;
    std::unordered_map<std::string, std::vector<size_t>> hash;
  };
  struct ActiveGroup {
    size_t end;
    bool* matched;
  };

  void Place(const TableSource& src, const Row& r) {
    size_t n = std::min(static_cast<size_t>(src.width), r.size());
    for (size_t i = 0; i < n; ++i) row_[src.offset + i] = r[i];
  }

  void NullExtend(size_t from, size_t to) {
    for (size_t p = from; p <= to; ++p) {
      const TableSource& src = plan_.sources[plan_.steps[p].source];
      for (int i = 0; i < src.width; ++i) row_[src.offset + i] = Value::Null();
    }
  }

  // Key of the hash join for the current row: false when a part is NULL
  // (= never matches NULL).
  SqlResult<bool> HashKey(const std::vector<BoundPtr>& exprs, std::string* key) {
    key->clear();
    for (const BoundPtr& e : exprs) {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*e, env_));
      if (v.is_null()) return false;
      AppendGroupKey(v, key);
    }
    return true;
  }

  SqlStatus BuildCache(size_t k) {
    const JoinStep& step = plan_.steps[k];
    const TableSource& src = plan_.sources[step.source];
    Cache& cache = caches_[k];
    cache.built = true;
    if (derived_[step.source] != nullptr) {
      cache.rows = *derived_[step.source];
    } else {
      TETRADB_SQL_RETURN_IF_ERROR(ReadAccessPath(*src.def, step.access, env_, plan_.lock,
                                                 [&](const Row& r) -> SqlResult<bool> {
                                                   cache.rows.push_back(r);
                                                   return true;
                                                 }));
    }
    if (step.hash_inner.empty()) return SqlStatus::Ok();
    std::string key;
    for (size_t i = 0; i < cache.rows.size(); ++i) {
      TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
      Place(src, cache.rows[i]);
      TETRADB_SQL_ASSIGN_OR_RETURN(bool ok, HashKey(step.hash_inner, &key));
      if (ok) cache.hash[key].push_back(i);
    }
    return SqlStatus::Ok();
  }

  // Calls per_row for each candidate row of step k. *keyed: see
  // ReadAccessPath (false for cached and derived rows).
  SqlStatus ForEachCandidate(size_t k, const RowFn& per_row, bool* keyed) {
    *keyed = false;
    const JoinStep& step = plan_.steps[k];
    const TableSource& src = plan_.sources[step.source];
    if (step.cache_rows) {
      Cache& cache = caches_[k];
      if (!cache.built) TETRADB_SQL_RETURN_IF_ERROR(BuildCache(k));
      if (step.hash_inner.empty()) {
        for (const Row& r : cache.rows) {
          TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
          TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, per_row(r));
          if (!go_on) break;
        }
        return SqlStatus::Ok();
      }
      std::string key;
      TETRADB_SQL_ASSIGN_OR_RETURN(bool ok, HashKey(step.hash_outer, &key));
      if (!ok) return SqlStatus::Ok();
      auto it = cache.hash.find(key);
      if (it == cache.hash.end()) return SqlStatus::Ok();
      for (size_t i : it->second) {
        TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
        TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, per_row(cache.rows[i]));
        if (!go_on) break;
      }
      return SqlStatus::Ok();
    }
    if (derived_[step.source] != nullptr) {
      for (const ValueRow& r : *derived_[step.source]) {
        TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
        TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, per_row(r));
        if (!go_on) break;
      }
      return SqlStatus::Ok();
    }
    return ReadAccessPath(*src.def, step.access, env_, plan_.lock, per_row, keyed);
  }

  // The conditions a candidate row of `step` must pass.
  static const std::vector<BoundPtr>& CondsToCheck(const JoinStep& step, bool keyed) {
    return keyed && !step.access.exact_conds.empty() ? step.keyed_conds : step.conds;
  }

  // false: stop everything (the consumer has enough rows).
  SqlResult<bool> Step(size_t k) {
    for (ActiveGroup& g : groups_) {
      if (g.end < k) *g.matched = true;
    }
    if (k == plan_.steps.size()) {
      TETRADB_SQL_ASSIGN_OR_RETURN(bool pass, AllTrue(plan_.final_filters, env_));
      if (!pass) return true;
      return fn_(row_);
    }
    const JoinStep& step = plan_.steps[k];
    const TableSource& src = plan_.sources[step.source];
    bool matched = false;
    bool group = step.group_end >= 0;
    if (group) groups_.push_back({static_cast<size_t>(step.group_end), &matched});
    bool stopped = false;
    // One base table read by itself: its rows are the joined rows as they
    // come, without copying them into row_.
    const bool direct = plan_.steps.size() == 1 && plan_.sources.size() == 1 && !group &&
                        !step.cache_rows && derived_[step.source] == nullptr &&
                        src.offset == 0 && src.width == plan_.width;
    bool keyed = false;
    if (direct) {
      SqlStatus st = ForEachCandidate(
          k,
          [&](const Row& r) -> SqlResult<bool> {
            const std::vector<BoundPtr>& conds = CondsToCheck(step, keyed);
            if (r.size() != row_.size()) return PlaceAndStep(k, src, r, conds, &stopped);
            frame_.row = r.data();
            SqlResult<bool> go_on = DirectStep(conds, r);
            frame_.row = row_.data();
            if (go_on.ok() && !*go_on) stopped = true;
            return go_on;
          },
          &keyed);
      if (!st.ok()) return st.error();
      return !stopped;
    }
    SqlStatus st = ForEachCandidate(
        k,
        [&](const Row& r) -> SqlResult<bool> {
          Place(src, r);
          TETRADB_SQL_ASSIGN_OR_RETURN(bool pass, AllTrue(CondsToCheck(step, keyed), env_));
          if (!pass) return true;
          TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, Step(k + 1));
          if (!go_on) stopped = true;
          return go_on;
        },
        &keyed);
    if (group) groups_.pop_back();
    if (!st.ok()) return st.error();
    if (stopped) return false;
    if (group && !matched) {
      NullExtend(k, step.group_end);
      return Step(step.group_end + 1);
    }
    return true;
  }

  // The rest of Step for a row of the only source, read where it is
  // (frame_ points at it): its conditions, the final filters, the consumer.
  SqlResult<bool> DirectStep(const std::vector<BoundPtr>& conds, const Row& r) {
    TETRADB_SQL_ASSIGN_OR_RETURN(bool pass, AllTrue(conds, env_));
    if (!pass) return true;
    TETRADB_SQL_ASSIGN_OR_RETURN(pass, AllTrue(plan_.final_filters, env_));
    if (!pass) return true;
    return fn_(r);
  }

  // Step's usual path for one candidate row of step k.
  SqlResult<bool> PlaceAndStep(size_t k, const TableSource& src, const Row& r,
                               const std::vector<BoundPtr>& conds, bool* stopped) {
    Place(src, r);
    TETRADB_SQL_ASSIGN_OR_RETURN(bool pass, AllTrue(conds, env_));
    if (!pass) return true;
    TETRADB_SQL_ASSIGN_OR_RETURN(bool go_on, Step(k + 1));
    if (!go_on) *stopped = true;
    return go_on;
  }

  const SelectPlan& plan_;
  ExecContext& ctx_;
  const Frame* outer_;
  const RowFn& fn_;
  ValueRow row_;
  Frame frame_;
  EvalEnv env_;
  std::vector<Cache> caches_;
  std::vector<std::shared_ptr<std::vector<ValueRow>>> derived_;
  std::vector<ActiveGroup> groups_;
};

}  // namespace

SqlStatus RunJoin(const SelectPlan& plan, ExecContext& ctx, const Frame* outer, const RowFn& fn) {
  JoinRunner runner(plan, ctx, outer, fn);
  return runner.Run();
}

}  // namespace tetradb::rel::sql
