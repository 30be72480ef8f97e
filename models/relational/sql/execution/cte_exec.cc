// WITH RECURSIVE: the fixpoint of a recursive CTE.
//
// The anchor members run once; their rows are the first round. Each round
// the recursive members run over the rows the round before added (through
// the CTE's work table, which their FROM names) and add theirs, until a
// round adds nothing. That is what MySQL's iterative materialization
// computes; rows come out anchor first, then round by round.
//
// Limits, as MySQL's:
//   - @@cte_max_recursion_depth (default 1000): starting round n beyond it
//     fails with 3636 "Recursive query aborted after n iterations" (so
//     SELECT 1 UNION ALL SELECT n+1 ... WHERE n < 1000 passes, and with
//     n < 1001 it fails after 1001 iterations);
//   - the CTE's own LIMIT [OFFSET] stops the rounds once enough rows exist;
//   - columns are typed by the anchor: a longer string from a recursive
//     member is 1406 (strict mode), a non-string into a string column
//     becomes its text.
// A CTE that would hold more than kMaxCteRows rows fails with 1114 (MySQL:
// when its temporary table exceeds the configured space), so a runaway
// UNION ALL cannot exhaust the server's memory.
#include <fmt/format.h>

#include <limits>
#include <unordered_set>

#include "models/relational/sql/execution/query_exec.h"
#include "models/relational/types/utf8.h"

namespace tetradb::rel::sql {
namespace {

constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();
constexpr uint64_t kDefaultMaxDepth = 1000;
constexpr size_t kMaxCteRows = 1'000'000;

SqlError MaxRecursion(uint64_t iterations) {
  return SqlError{3636, "HY000",
                  fmt::format("Recursive query aborted after {} iterations. Try increasing "
                              "@@cte_max_recursion_depth to a larger value.",
                              iterations)};
}

SqlError TableFull(std::string_view table) {
  return SqlError{1114, "HY000", fmt::format("The table '{}' is full", table)};
}

uint64_t MaxDepth(ExecContext& ctx) {
  if (!ctx.variables) return kDefaultMaxDepth;
  std::optional<Value> v = ctx.variables("@@cte_max_recursion_depth");
  if (!v || v->is_null()) return kDefaultMaxDepth;
  if (v->kind() == ValueKind::kUInt) return v->uint_value();
  std::optional<int64_t> n = ToInt64(*v);
  if (!n) return kDefaultMaxDepth;
  return *n < 0 ? 0 : static_cast<uint64_t>(*n);
}

std::string RowKey(const ValueRow& row) {
  std::string key;
  for (const Value& v : row) AppendGroupKey(v, &key);
  return key;
}

// A recursive member's row stored under the anchor's column types.
SqlStatus FitAnchorTypes(const CteWorkTable& work, ValueRow* row) {
  for (size_t c = 0; c < row->size() && c < work.max_chars.size(); ++c) {
    Value& v = (*row)[c];
    if (!work.max_chars[c] || v.is_null()) continue;
    if (v.kind() != ValueKind::kString) v = Value::String(ToText(v));
    if (static_cast<int64_t>(Utf8CodePoints(v.string_value())) > *work.max_chars[c]) {
      return err::DataTooLong(work.columns[c], 1);
    }
  }
  return SqlStatus::Ok();
}

// Points the work table at one round's rows; restores the previous ones
// when the round is over (also on failure).
class RoundScope {
 public:
  RoundScope(const CteWorkTable& work, std::vector<ValueRow> rows)
      : work_(work), saved_(work.rows) {
    work_.rows = std::make_shared<std::vector<ValueRow>>(std::move(rows));
  }
  ~RoundScope() { work_.rows = saved_; }

 private:
  const CteWorkTable& work_;
  std::shared_ptr<std::vector<ValueRow>> saved_;
};

}  // namespace

SqlStatus RunRecursiveCte(const QueryPlan& q, ExecContext& ctx, const Frame* outer, size_t max_rows,
                          std::vector<ValueRow>* out) {
  const CteWorkTable& work = *q.work;
  const size_t first_recursive = static_cast<size_t>(q.first_recursive);
  TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t limit, EvalCount(q.limit, ctx, kNoLimit));
  TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t offset, EvalCount(q.offset, ctx, 0));
  if (max_rows > 0) limit = std::min<uint64_t>(limit, max_rows);
  const uint64_t wanted = limit > kNoLimit - offset ? kNoLimit : offset + limit;

  // The anchor, with its own UNION semantics (DISTINCT removes duplicates
  // from everything to its left).
  std::vector<ValueRow> all;
  for (size_t i = 0; i < first_recursive; ++i) {
    TETRADB_SQL_RETURN_IF_ERROR(RunBlock(*q.parts[i], ctx, outer, &all));
    if (i > 0 && !q.union_all[i - 1]) {
      std::unordered_set<std::string> seen;
      std::vector<ValueRow> unique;
      for (ValueRow& r : all) {
        if (seen.insert(RowKey(r)).second) unique.push_back(std::move(r));
      }
      all = std::move(unique);
    }
  }
  std::unordered_set<std::string> seen;
  if (q.recursive_distinct) {
    std::vector<ValueRow> unique;
    for (ValueRow& r : all) {
      if (seen.insert(RowKey(r)).second) unique.push_back(std::move(r));
    }
    all = std::move(unique);
  }
  if (all.size() > wanted) all.resize(wanted);

  // Each row is held once: the rows of finished rounds in `all`, the
  // current round's in the work table, the next round's in `added`.
  const uint64_t max_depth = MaxDepth(ctx);
  std::vector<ValueRow> round = std::move(all);
  all.clear();
  size_t total = round.size();
  uint64_t iterations = 0;
  while (!round.empty() && total < wanted) {
    TETRADB_SQL_RETURN_IF_ERROR(ctx.CheckInterrupt());
    if (++iterations > max_depth) return MaxRecursion(iterations);
    std::vector<ValueRow> added;
    {
      RoundScope scope(work, std::move(round));
      for (size_t i = first_recursive; i < q.parts.size() && total < wanted; ++i) {
        std::vector<ValueRow> rows;
        TETRADB_SQL_RETURN_IF_ERROR(RunBlock(*q.parts[i], ctx, outer, &rows));
        for (ValueRow& r : rows) {
          TETRADB_SQL_RETURN_IF_ERROR(FitAnchorTypes(work, &r));
          if (q.recursive_distinct && !seen.insert(RowKey(r)).second) continue;
          if (total >= wanted) break;
          if (total >= kMaxCteRows) return TableFull(work.name);
          added.push_back(std::move(r));
          ++total;
        }
      }
      for (ValueRow& r : *work.rows) all.push_back(std::move(r));
    }
    round = std::move(added);
  }
  for (ValueRow& r : round) all.push_back(std::move(r));

  uint64_t skipped = 0;
  for (ValueRow& r : all) {
    if (skipped < offset) {
      ++skipped;
      continue;
    }
    out->push_back(std::move(r));
  }
  return SqlStatus::Ok();
}

}  // namespace tetradb::rel::sql
