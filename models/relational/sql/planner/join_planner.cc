// Join order and condition placement.
//
// Inner joins only: sources are ordered greedily, each time taking the
// source with the cheapest access path given the sources already placed
// (so a constant lookup goes first and the next table is reached through
// its key); ties keep FROM order. With outer joins the FROM order is kept
// (A RIGHT JOIN B runs as B LEFT JOIN A).
//
// Each condition runs at the first step where all its sources are known,
// except conditions over a NULL-extendable source, which run after all
// joins, and ON conditions of an outer join, which run inside their group.
#include <algorithm>

#include "models/relational/sql/planner/access_path.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

int HighestBit(uint64_t mask, const std::vector<int>& position) {
  int best = -1;
  for (size_t s = 0; s < position.size(); ++s) {
    if ((mask >> s) & 1) best = std::max(best, position[s]);
  }
  return best;
}

bool IsOuterJoin(JoinType j) { return j == JoinType::kLeft || j == JoinType::kRight; }

// Conditions usable when `source` joins the sources in `placed`.
std::vector<BoundPtr> CandidateConds(const std::vector<BoundPtr>& conds, int source,
                                     uint64_t placed) {
  std::vector<BoundPtr> out;
  uint64_t self = uint64_t{1} << source;
  for (const BoundPtr& c : conds) {
    if ((c->tables & self) && (c->tables & ~(placed | self)) == 0) out.push_back(c);
  }
  return out;
}

void PlanHashJoin(const SelectPlan& plan, uint64_t available, JoinStep* step) {
  uint64_t self = uint64_t{1} << step->source;
  step->cache_rows = true;
  for (const BoundPtr& c : step->conds) {
    if (c->kind != BoundKind::kBinary || c->binary_op != BinaryOp::kEq) continue;
    for (int side = 0; side < 2; ++side) {
      const BoundPtr& in = c->args[side];
      const BoundPtr& out = c->args[1 - side];
      if (in->tables != self || out->tables == 0 || (out->tables & ~available) != 0) continue;
      if (in->volatile_value || out->volatile_value || in->has_aggregate) continue;
      ValueClass a = StaticClass(*in), b = StaticClass(*out);
      if (a == ValueClass::kUnknown || a != b) continue;
      step->hash_inner.push_back(in);
      step->hash_outer.push_back(out);
      break;
    }
  }
}

}  // namespace

SqlStatus Planner::PlanJoins(SelectPlan* plan, std::vector<BoundPtr> where_conds,
                             std::vector<std::vector<BoundPtr>> on_conds) {
  const int n = static_cast<int>(plan->sources.size());
  if (n == 0) {
    plan->pre_filters = std::move(where_conds);
    return SqlStatus::Ok();
  }
  bool outer = false;
  for (const TableSource& s : plan->sources) outer |= IsOuterJoin(s.join);

  std::vector<int> order;  // execution position -> source
  std::vector<BoundPtr> inner_conds = std::move(where_conds);
  struct Group {
    std::vector<int> members;  // FROM indexes
    std::vector<BoundPtr> conds;
  };
  std::vector<Group> groups;

  if (!outer) {
    for (auto& on : on_conds) {
      for (auto& c : on) inner_conds.push_back(std::move(c));
    }
    uint64_t placed = 0;
    std::vector<bool> done(n, false);
    for (int k = 0; k < n; ++k) {
      int best = -1;
      double best_rows = 0;
      for (int s = 0; s < n; ++s) {
        if (done[s]) continue;
        std::vector<BoundPtr> cands = CandidateConds(inner_conds, s, placed);
        AccessRequest req{plan, s, &cands, placed};
        double rows = ChooseAccessPath(req, nullptr).rows;
        bool connected = placed == 0;
        for (const BoundPtr& c : cands) connected |= (c->tables & placed) != 0;
        if (!connected) rows *= 10;  // avoid cross products while a join is possible
        if (best < 0 || rows < best_rows) {
          best = s;
          best_rows = rows;
        }
      }
      done[best] = true;
      placed |= uint64_t{1} << best;
      order.push_back(best);
    }
  } else {
    int start = 0;
    for (int s = 1; s < n; ++s) {
      if (plan->sources[s].join != JoinType::kRight) continue;
      for (int t = 1; t < s; ++t) {
        if (IsOuterJoin(plan->sources[t].join)) {
          return err::NotSupported("RIGHT JOIN combined with other outer joins");
        }
      }
      // (sources before s) RIGHT JOIN s  ==  s LEFT JOIN (sources before s)
      Group g;
      order.push_back(s);
      for (int t = 0; t < s; ++t) {
        g.members.push_back(t);
        plan->sources[t].nullable = true;
        for (auto& c : on_conds[t]) g.conds.push_back(std::move(c));
        order.push_back(t);
      }
      for (auto& c : on_conds[s]) g.conds.push_back(std::move(c));
      groups.push_back(std::move(g));
      start = s + 1;
      break;
    }
    for (int s = start; s < n; ++s) {
      if (plan->sources[s].join == JoinType::kLeft) {
        Group g;
        g.members.push_back(s);
        plan->sources[s].nullable = true;
        g.conds = std::move(on_conds[s]);
        groups.push_back(std::move(g));
      } else {
        for (auto& c : on_conds[s]) inner_conds.push_back(std::move(c));
      }
      order.push_back(s);
    }
  }

  std::vector<int> position(n);
  for (int k = 0; k < n; ++k) position[order[k]] = k;
  uint64_t nullable = 0;
  for (int s = 0; s < n; ++s) {
    if (plan->sources[s].nullable) nullable |= uint64_t{1} << s;
  }
  plan->steps.assign(n, JoinStep{});
  for (int k = 0; k < n; ++k) plan->steps[k].source = order[k];

  for (BoundPtr& c : inner_conds) {
    if (c->tables & nullable) {
      plan->final_filters.push_back(std::move(c));
    } else if (c->tables == 0) {
      plan->pre_filters.push_back(std::move(c));
    } else {
      plan->steps[HighestBit(c->tables, position)].conds.push_back(std::move(c));
    }
  }
  for (Group& g : groups) {
    int first = n, last = -1;
    for (int m : g.members) {
      first = std::min(first, position[m]);
      last = std::max(last, position[m]);
    }
    plan->steps[first].group_end = last;
    for (BoundPtr& c : g.conds) {
      int at = std::max(first, HighestBit(c->tables, position));
      plan->steps[at].conds.push_back(std::move(c));
    }
  }

  uint64_t available = 0;
  for (int k = 0; k < n; ++k) {
    JoinStep& step = plan->steps[k];
    AccessRequest req{plan, step.source, &step.conds, available};
    step.access = ChooseAccessPath(req, &step.possible_keys);
    if (k > 0 && !step.access.depends_on_outer) PlanHashJoin(*plan, available, &step);
    available |= uint64_t{1} << step.source;
  }

  // ORDER BY served by the first source's key order, or by the order in
  // which the nested loops produce rows (no sort needed).
  // (Window functions sort the rows themselves: ORDER BY is then a sort.)
  if (!plan->order_by.empty() && !plan->aggregated && !plan->distinct &&
      plan->window_funcs.empty()) {
    JoinStep& first = plan->steps[0];
    if (UseIndexOrder(plan->sources[first.source], plan->order_by, plan->limit != nullptr,
                      &first.access) ||
        NestedLoopGivesOrder(*plan)) {
      plan->order_by_index = true;
    }
  }
  MarkIndexOnly(plan);
  for (JoinStep& step : plan->steps) {
    const std::vector<int>& exact = step.access.exact_conds;
    for (size_t c = 0; c < step.conds.size(); ++c) {
      if (std::find(exact.begin(), exact.end(), static_cast<int>(c)) == exact.end()) {
        step.keyed_conds.push_back(step.conds[c]);
      }
    }
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel::sql
