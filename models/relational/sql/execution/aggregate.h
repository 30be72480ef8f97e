// Aggregate accumulators: one per aggregate per group.
//
// Results follow MySQL: COUNT of nothing is 0, anything else of nothing is
// NULL; SUM and AVG of exact values (integers, DECIMAL) are exact DECIMALs
// (AVG with 4 more fraction digits), of doubles or strings doubles;
// GROUP_CONCAT stops at group_concat_max_len (1024 bytes).
#pragma once

#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "models/relational/sql/execution/eval.h"
#include "models/relational/sql/planner/plan.h"

namespace tetradb::rel::sql {

class AggState {
 public:
  explicit AggState(const AggregateSpec* spec) : spec_(spec) {}

  // Adds the current row (evaluates the aggregate's arguments in `env`).
  SqlStatus Add(const EvalEnv& env);
  SqlResult<Value> Result(const EvalEnv& env) const;

 private:
  SqlStatus AddNumber(const Value& v);

  const AggregateSpec* spec_;
  int64_t count_ = 0;
  std::unordered_set<std::string> seen_;  // DISTINCT
  std::vector<Value> args_;               // Add's argument values (kept: no allocation per row)
  // SUM / AVG: exact while every input is exact.
  Decimal exact_sum_;
  double double_sum_ = 0;
  bool use_double_ = false;
  // MIN / MAX
  Value best_;
  // BIT_AND / BIT_OR / BIT_XOR
  uint64_t bits_ = 0;
  // STD / VARIANCE (Welford)
  double mean_ = 0, m2_ = 0;
  // GROUP_CONCAT: (sort keys, text) per row
  std::vector<std::pair<std::vector<Value>, std::string>> items_;
};

constexpr size_t kGroupConcatMaxLen = 1024;

}  // namespace tetradb::rel::sql
