// The window stage (window.h).
#include "models/relational/sql/execution/window.h"

#include <fmt/format.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <numeric>

#include "models/relational/sql/execution/aggregate.h"

namespace tetradb::rel::sql {
namespace {

// Window keys compare as ORDER BY does: NULLs equal to each other and
// below everything else.
int CompareKeys(const Value& x, const Value& y) {
  if (x.is_null() || y.is_null()) return x.is_null() == y.is_null() ? 0 : (x.is_null() ? -1 : 1);
  return Compare(x, y);
}

bool SameKeys(const ValueRow& a, const ValueRow& b, size_t from, size_t to) {
  for (size_t i = from; i < to; ++i) {
    if (CompareKeys(a[i], b[i]) != 0) return false;
  }
  return true;
}

bool IsNumber(const Value& v) {
  return v.kind() == ValueKind::kInt || v.kind() == ValueKind::kUInt ||
         v.kind() == ValueKind::kDecimal || v.kind() == ValueKind::kDouble;
}

bool IsTemporal(const Value& v) {
  return v.kind() == ValueKind::kDate || v.kind() == ValueKind::kDateTime;
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A count or row offset given as a string (a `?` bound from RESP or
// HTTP): its integer, when it is one.
Value IntegerText(Value v) {
  if (v.kind() != ValueKind::kString) return v;
  const std::string& s = v.string_value();
  char* end = nullptr;
  errno = 0;
  long long n = std::strtoll(s.c_str(), &end, 10);
  if (s.empty() || errno != 0 || end != s.c_str() + s.size()) return v;
  return Value::Int(n);
}

SqlError FrameIllegal(const std::string& window) {
  return SqlError{
      3586, "HY000",
      fmt::format("Window '{}': frame start or end is negative, NULL or of non-integral type",
                  window)};
}

// A frame offset as the window reads it: a row count (ROWS) or an amount
// (RANGE), evaluated once per statement.
struct Offset {
  int64_t rows = 0;
  Value amount;
};

class WindowRunner {
 public:
  WindowRunner(const SelectPlan& plan, ExecContext& ctx, const Frame* outer,
               std::vector<WindowRow>& rows)
      : plan_(plan), ctx_(ctx), outer_(outer), rows_(rows) {}

  SqlStatus Run(std::vector<size_t>* order) {
    order->resize(rows_.size());
    std::iota(order->begin(), order->end(), size_t{0});
    for (WindowRow& r : rows_) r.wins.assign(plan_.window_funcs.size(), Value::Null());
    if (rows_.empty()) return SqlStatus::Ok();
    for (size_t w = 0; w < plan_.windows.size(); ++w) {
      std::vector<size_t> funcs;
      for (size_t f = 0; f < plan_.window_funcs.size(); ++f) {
        if (plan_.window_funcs[f].window == static_cast<int>(w)) funcs.push_back(f);
      }
      if (!funcs.empty()) TETRADB_SQL_RETURN_IF_ERROR(RunWindow(plan_.windows[w], funcs, order));
    }
    return SqlStatus::Ok();
  }

 private:
  SqlResult<Value> EvalAt(const BoundExpr& e, size_t row) {
    Frame f{rows_[row].row.data(), &rows_[row].aggs, outer_, nullptr};
    EvalEnv env{&ctx_, &f, nullptr};
    return Eval(e, env);
  }

  SqlResult<Offset> EvalOffset(const WindowPlan& w, const WindowBound& b) {
    Offset o;
    if (b.offset == nullptr) return o;
    TETRADB_SQL_ASSIGN_OR_RETURN(Value v, EvalAt(*b.offset, 0));
    v = IntegerText(std::move(v));
    if (w.units == FrameUnits::kRows) {
      if (v.kind() == ValueKind::kUInt) {
        o.rows = static_cast<int64_t>(std::min<uint64_t>(v.uint_value(), rows_.size()));
        return o;
      }
      if (v.kind() != ValueKind::kInt || v.int_value() < 0) return FrameIllegal(w.name);
      o.rows = std::min<int64_t>(v.int_value(), static_cast<int64_t>(rows_.size()));
      return o;
    }
    if (v.kind() == ValueKind::kString) {
      bool exact = false;
      double d = StringToDouble(v.string_value(), &exact);
      if (exact) v = Value::Double(d);
    }
    if (!IsNumber(v) || ToDouble(v) < 0) return FrameIllegal(w.name);
    o.amount = std::move(v);
    return o;
  }

  // Sorts the rows by the window's keys (stably, from the current order),
  // then runs its functions partition by partition.
  SqlStatus RunWindow(const WindowPlan& w, const std::vector<size_t>& funcs,
                      std::vector<size_t>* order) {
    const size_t n = rows_.size();
    const size_t np = w.partition_by.size();
    std::vector<ValueRow> keys(n);
    for (size_t r = 0; r < n; ++r) {
      TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
      Frame f{rows_[r].row.data(), &rows_[r].aggs, outer_, nullptr};
      EvalEnv env{&ctx_, &f, nullptr};
      for (const BoundPtr& p : w.partition_by) {
        TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*p, env));
        keys[r].push_back(std::move(v));
      }
      for (const SortKey& k : w.order_by) {
        TETRADB_SQL_ASSIGN_OR_RETURN(Value v, EvalSortKey(k, env));
        keys[r].push_back(std::move(v));
      }
    }
    if (!keys[0].empty()) {
      std::vector<ValueRow> ids, sort_keys;
      std::vector<bool> desc(np, false);
      for (const SortKey& k : w.order_by) desc.push_back(k.desc);
      for (size_t i : *order) {
        ids.push_back({Value::Int(static_cast<int64_t>(i))});
        sort_keys.push_back(keys[i]);
      }
      TETRADB_SQL_RETURN_IF_ERROR(SortRows(&ids, &sort_keys, desc, ctx_));
      for (size_t i = 0; i < n; ++i) (*order)[i] = static_cast<size_t>(ids[i][0].int_value());
    }
    window_ = &w;
    keys_ = &keys;
    np_ = np;
    TETRADB_SQL_ASSIGN_OR_RETURN(start_, EvalOffset(w, w.start));
    TETRADB_SQL_ASSIGN_OR_RETURN(end_, EvalOffset(w, w.end));
    for (size_t start = 0; start < n;) {
      size_t end = start + 1;
      while (end < n && SameKeys(keys[(*order)[start]], keys[(*order)[end]], 0, np)) ++end;
      TETRADB_SQL_RETURN_IF_ERROR(RunPartition(funcs, &(*order)[start], end - start));
      start = end;
    }
    return SqlStatus::Ok();
  }

  SqlStatus RunPartition(const std::vector<size_t>& funcs, const size_t* idx, size_t m) {
    idx_ = idx;
    m_ = m;
    const size_t width = keys_->at(idx[0]).size();
    peer_start_.assign(m, 0);
    peer_end_.assign(m, 0);
    for (size_t k = 1; k < m; ++k) {
      bool peer = SameKeys((*keys_)[idx[k - 1]], (*keys_)[idx[k]], np_, width);
      peer_start_[k] = peer ? peer_start_[k - 1] : k;
    }
    peer_end_[m - 1] = m - 1;
    for (size_t k = m - 1; k-- > 0;) {
      bool peer = SameKeys((*keys_)[idx[k]], (*keys_)[idx[k + 1]], np_, width);
      peer_end_[k] = peer ? peer_end_[k + 1] : k;
    }
    for (size_t f : funcs) TETRADB_SQL_RETURN_IF_ERROR(RunFunction(plan_.window_funcs[f], f));
    return SqlStatus::Ok();
  }

  // A count argument (NTILE, LAG/LEAD offset, NTH_VALUE): a non-negative
  // integer (positive where 0 makes no sense); 1210 otherwise.
  SqlResult<int64_t> Count(const WindowFunc& f, int64_t if_absent, bool positive) {
    if (f.n == nullptr) return if_absent;
    TETRADB_SQL_ASSIGN_OR_RETURN(Value v, EvalAt(*f.n, idx_[0]));
    v = IntegerText(std::move(v));
    std::string name = Lower(f.ast != nullptr ? f.ast->name : "window");
    if (v.kind() == ValueKind::kUInt) {
      if (positive && v.uint_value() == 0) return err::IncorrectArguments(name);
      return static_cast<int64_t>(std::min<uint64_t>(v.uint_value(), INT64_MAX));
    }
    if (v.kind() != ValueKind::kInt || v.int_value() < (positive ? 1 : 0)) {
      return err::IncorrectArguments(name);
    }
    return v.int_value();
  }

  SqlStatus RunFunction(const WindowFunc& f, size_t slot) {
    const int64_t m = static_cast<int64_t>(m_);
    auto put = [&](int64_t k, Value v) { rows_[idx_[k]].wins[slot] = std::move(v); };
    switch (f.kind) {
      case WindowFnKind::kRowNumber:
        for (int64_t k = 0; k < m; ++k) put(k, Value::Int(k + 1));
        return SqlStatus::Ok();
      case WindowFnKind::kRank:
        for (int64_t k = 0; k < m; ++k) {
          put(k, Value::Int(static_cast<int64_t>(peer_start_[k]) + 1));
        }
        return SqlStatus::Ok();
      case WindowFnKind::kDenseRank: {
        int64_t rank = 0;
        for (int64_t k = 0; k < m; ++k) {
          if (peer_start_[k] == static_cast<size_t>(k)) ++rank;
          put(k, Value::Int(rank));
        }
        return SqlStatus::Ok();
      }
      case WindowFnKind::kPercentRank:
        for (int64_t k = 0; k < m; ++k) {
          double r = m > 1 ? static_cast<double>(peer_start_[k]) / static_cast<double>(m - 1) : 0;
          put(k, Value::Double(r));
        }
        return SqlStatus::Ok();
      case WindowFnKind::kCumeDist:
        for (int64_t k = 0; k < m; ++k) {
          put(k, Value::Double(static_cast<double>(peer_end_[k] + 1) / static_cast<double>(m)));
        }
        return SqlStatus::Ok();
      case WindowFnKind::kNtile: {
        TETRADB_SQL_ASSIGN_OR_RETURN(int64_t buckets, Count(f, 1, true));
        // m rows in `buckets` groups whose sizes differ by at most one,
        // the larger ones first.
        const int64_t q = m / buckets, r = m % buckets;
        for (int64_t k = 0; k < m; ++k) {
          int64_t bucket = k < r * (q + 1) ? k / (q + 1) : r + (k - r * (q + 1)) / q;
          put(k, Value::Int(bucket + 1));
        }
        return SqlStatus::Ok();
      }
      case WindowFnKind::kLag:
      case WindowFnKind::kLead: {
        TETRADB_SQL_ASSIGN_OR_RETURN(int64_t offset, Count(f, 1, false));
        offset = std::min(offset, m);
        for (int64_t k = 0; k < m; ++k) {
          TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
          int64_t j = f.kind == WindowFnKind::kLag ? k - offset : k + offset;
          Value v;
          if (j >= 0 && j < m) {
            TETRADB_SQL_ASSIGN_OR_RETURN(v, EvalAt(*f.args[0], idx_[j]));
          } else if (f.default_value != nullptr) {
            TETRADB_SQL_ASSIGN_OR_RETURN(v, EvalAt(*f.default_value, idx_[k]));
          }
          put(k, std::move(v));
        }
        return SqlStatus::Ok();
      }
      case WindowFnKind::kFirstValue:
      case WindowFnKind::kLastValue:
      case WindowFnKind::kNthValue: {
        int64_t nth = 1;
        if (f.kind == WindowFnKind::kNthValue) {
          TETRADB_SQL_ASSIGN_OR_RETURN(nth, Count(f, 1, true));
          nth = std::min(nth, m + 1);  // past any frame; keeps fs + nth in range
        }
        for (int64_t k = 0; k < m; ++k) {
          TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
          TETRADB_SQL_ASSIGN_OR_RETURN(auto bounds, FrameBounds(k));
          auto [fs, fe] = bounds;
          int64_t at = f.kind == WindowFnKind::kLastValue ? fe : fs + nth - 1;
          Value v;
          if (fs <= fe && at >= fs && at <= fe) {
            TETRADB_SQL_ASSIGN_OR_RETURN(v, EvalAt(*f.args[0], idx_[at]));
          }
          put(k, std::move(v));
        }
        return SqlStatus::Ok();
      }
      case WindowFnKind::kAggregate:
        return RunAggregate(f, slot);
    }
    return SqlStatus::Ok();
  }

  SqlStatus RunAggregate(const WindowFunc& f, size_t slot) {
    const int64_t m = static_cast<int64_t>(m_);
    auto env_at = [&](int64_t k, Frame* frame) {
      const WindowRow& r = rows_[idx_[k]];
      *frame = Frame{r.row.data(), &r.aggs, outer_, nullptr};
      return EvalEnv{&ctx_, frame, nullptr};
    };
    // From UNBOUNDED PRECEDING the frame only grows: one running state.
    const bool running = window_->start.kind == FrameBoundKind::kUnboundedPreceding;
    AggState state(&f.agg);
    int64_t added = -1;
    Frame frame;
    for (int64_t k = 0; k < m; ++k) {
      TETRADB_SQL_RETURN_IF_ERROR(ctx_.CheckInterrupt());
      TETRADB_SQL_ASSIGN_OR_RETURN(auto bounds, FrameBounds(k));
      auto [fs, fe] = bounds;
      if (!running || fe < added) {
        state = AggState(&f.agg);
        added = fs - 1;
      }
      while (added < fe) {
        ++added;
        TETRADB_SQL_RETURN_IF_ERROR(state.Add(env_at(added, &frame)));
      }
      TETRADB_SQL_ASSIGN_OR_RETURN(Value v, state.Result(env_at(k, &frame)));
      rows_[idx_[k]].wins[slot] = std::move(v);
    }
    return SqlStatus::Ok();
  }

  // The frame of the partition's k-th row: [start, end], empty when start >
  // end.
  SqlResult<std::pair<int64_t, int64_t>> FrameBounds(int64_t k) {
    const int64_t m = static_cast<int64_t>(m_);
    const bool rows = window_->units == FrameUnits::kRows;
    auto bound = [&](const WindowBound& b, const Offset& o, bool is_start) -> SqlResult<int64_t> {
      switch (b.kind) {
        case FrameBoundKind::kUnboundedPreceding:
          return int64_t{0};
        case FrameBoundKind::kUnboundedFollowing:
          return m - 1;
        case FrameBoundKind::kCurrentRow:
          if (rows) return k;
          return static_cast<int64_t>(is_start ? peer_start_[k] : peer_end_[k]);
        case FrameBoundKind::kPreceding:
          if (rows) return k - o.rows;
          return RangeBound(k, o, /*preceding=*/true, is_start, b);
        case FrameBoundKind::kFollowing:
          if (rows) return k + o.rows;
          return RangeBound(k, o, /*preceding=*/false, is_start, b);
      }
      return k;
    };
    TETRADB_SQL_ASSIGN_OR_RETURN(int64_t fs, bound(window_->start, start_, true));
    TETRADB_SQL_ASSIGN_OR_RETURN(int64_t fe, bound(window_->end, end_, false));
    return std::make_pair(std::max<int64_t>(fs, 0), std::min<int64_t>(fe, m - 1));
  }

  // RANGE n PRECEDING / FOLLOWING: the first (start) or last (end) row
  // whose key lies within n of the current row's, toward the partition's
  // start (PRECEDING) or end (FOLLOWING). A NULL key's range is its peers.
  SqlResult<int64_t> RangeBound(int64_t k, const Offset& o, bool preceding, bool is_start,
                                const WindowBound& b) {
    const ValueRow& key_row = (*keys_)[idx_[k]];
    const Value& key = key_row[np_];
    if (key.is_null()) return static_cast<int64_t>(is_start ? peer_start_[k] : peer_end_[k]);
    const std::string& name = window_->name;
    if (b.interval && !IsTemporal(key)) {
      if (IsNumber(key)) {
        return SqlError{3589, "HY000",
                        fmt::format("Window '{}' with RANGE frame has ORDER BY expression of "
                                    "numeric type, INTERVAL bound value not allowed.",
                                    name)};
      }
      return RangeOrderType(name);
    }
    if (!b.interval && !IsNumber(key)) {
      if (IsTemporal(key)) {
        return SqlError{3588, "HY000",
                        fmt::format("Window '{}' with RANGE frame has ORDER BY expression of "
                                    "datetime type. Only INTERVAL bound value allowed.",
                                    name)};
      }
      return RangeOrderType(name);
    }
    const bool desc = window_->order_by[0].desc;
    const bool subtract = preceding != desc;  // toward smaller keys
    // The key the bound lies at; past the type's range (or NULL, a date
    // out of range) it is beyond every key on that side.
    SqlResult<Value> moved = b.interval
                                 ? AddIntervalValue(key, o.amount, b.unit, subtract)
                                 : Arithmetic(subtract ? ArithOp::kSub : ArithOp::kAdd, key,
                                              o.amount);
    const bool beyond = !moved.ok() || moved->is_null();
    const Value target = beyond ? Value::Null() : std::move(moved).value();
    // How a key compares with the target: below-all targets are smaller
    // than every key, above-all ones larger.
    auto compare = [&](int64_t j) {
      if (beyond) return subtract ? 1 : -1;
      return Compare((*keys_)[idx_[j]][np_], target);
    };
    // The non-NULL keys: after the NULLs ascending, before them descending.
    int64_t lo = 0, hi = static_cast<int64_t>(m_);
    if (!desc) {
      lo = static_cast<int64_t>(peer_end_[0]) + 1;
      if (!(*keys_)[idx_[0]][np_].is_null()) lo = 0;
    } else {
      const int64_t last = static_cast<int64_t>(m_) - 1;
      if ((*keys_)[idx_[last]][np_].is_null()) hi = static_cast<int64_t>(peer_start_[last]);
    }
    // First row in [lo, hi) where `past` holds (it holds from some row on).
    auto first_where = [&](auto past) {
      int64_t a = lo, z = hi;
      while (a < z) {
        int64_t mid = a + (z - a) / 2;
        if (past(compare(mid))) {
          z = mid;
        } else {
          a = mid + 1;
        }
      }
      return a;
    };
    if (is_start) {
      return desc ? first_where([](int c) { return c <= 0; })
                  : first_where([](int c) { return c >= 0; });
    }
    return (desc ? first_where([](int c) { return c < 0; })
                 : first_where([](int c) { return c > 0; })) -
           1;
  }

  static SqlError RangeOrderType(const std::string& name) {
    return SqlError{3587, "HY000",
                    fmt::format("Window '{}' with RANGE N PRECEDING/FOLLOWING frame requires "
                                "exactly one ORDER BY expression, of numeric or temporal type",
                                name)};
  }

  const SelectPlan& plan_;
  ExecContext& ctx_;
  const Frame* outer_;
  std::vector<WindowRow>& rows_;
  // The window and partition being computed.
  const WindowPlan* window_ = nullptr;
  const std::vector<ValueRow>* keys_ = nullptr;  // by row: partition keys, then order keys
  size_t np_ = 0;
  Offset start_, end_;
  const size_t* idx_ = nullptr;  // the partition's rows in window order
  size_t m_ = 0;
  std::vector<size_t> peer_start_, peer_end_;
};

}  // namespace

SqlStatus ComputeWindows(const SelectPlan& plan, ExecContext& ctx, const Frame* outer,
                         std::vector<WindowRow>* rows, std::vector<size_t>* order) {
  WindowRunner runner(plan, ctx, outer, *rows);
  return runner.Run(order);
}

}  // namespace tetradb::rel::sql
