// Binding window functions and their windows (MySQL 8's rules and errors).
//
// A window function may stand in the select list and ORDER BY of a query
// block only; in WHERE, GROUP BY, HAVING, ON, an aggregate's or another
// window function's arguments, UPDATE/DELETE it is 3593, and a select alias
// of one used in GROUP BY / HAVING is 3594. Its arguments and its window's
// keys may hold aggregates: windows see the block's rows after grouping.
//
// Windows: WINDOW w AS (...) names them (3591 twice); OVER w uses one as it
// is, OVER (w ...) refines it: the refining window may add an ORDER BY
// (3583 if both have one) and a frame, never a PARTITION BY (3581), and the
// refined one may have no frame (3582); unknown names are 3579, cycles 3580.
// Frames: start UNBOUNDED FOLLOWING 3584, end UNBOUNDED PRECEDING 3585,
// start after end or a bad offset 3586, RANGE offsets need exactly one
// ORDER BY key of numeric or temporal type (3587; INTERVAL only for
// temporal keys 3589/3588), INTERVAL with ROWS 3596, column positions in a
// window's keys 3592.
#include <fmt/format.h>

#include <functional>

#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

constexpr std::string_view kUnnamed = "<unnamed window>";

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

SqlError WindowError(int code, std::string message) {
  return SqlError{code, "HY000", std::move(message)};
}

SqlError InvalidWindowUse(std::string_view fn) {
  return WindowError(
      3593, fmt::format("You cannot use the window function '{}' in this context.'", Lower(fn)));
}

SqlError FrameIllegal(std::string_view window) {
  return WindowError(
      3586, fmt::format("Window '{}': frame start or end is negative, NULL or of non-integral type",
                        window));
}

bool IsPositionLiteral(const Expr& e) {
  return e.kind == ExprKind::kLiteral &&
         (e.literal.kind() == ValueKind::kInt || e.literal.kind() == ValueKind::kUInt);
}

const ColumnDef* PlainColumn(const BoundExpr& e) {
  return e.kind == BoundKind::kColumn ? e.column : nullptr;
}

bool IsTemporal(TypeId id) {
  return id == TypeId::kDate || id == TypeId::kDateTime || id == TypeId::kTimestamp;
}

bool IsNumeric(TypeId id) {
  return IsIntegerType(id) || id == TypeId::kDecimal || id == TypeId::kFloat ||
         id == TypeId::kDouble;
}

std::optional<WindowFnKind> WindowKind(std::string_view name) {
  static const std::pair<std::string_view, WindowFnKind> kKinds[] = {
      {"ROW_NUMBER", WindowFnKind::kRowNumber},
      {"RANK", WindowFnKind::kRank},
      {"DENSE_RANK", WindowFnKind::kDenseRank},
      {"PERCENT_RANK", WindowFnKind::kPercentRank},
      {"CUME_DIST", WindowFnKind::kCumeDist},
      {"NTILE", WindowFnKind::kNtile},
      {"LAG", WindowFnKind::kLag},
      {"LEAD", WindowFnKind::kLead},
      {"FIRST_VALUE", WindowFnKind::kFirstValue},
      {"LAST_VALUE", WindowFnKind::kLastValue},
      {"NTH_VALUE", WindowFnKind::kNthValue}};
  for (const auto& [n, k] : kKinds) {
    if (n == name) return k;
  }
  return std::nullopt;
}

}  // namespace

SqlStatus Planner::BindWindowSpec(const WindowSpec& spec, const Scope& scope, WindowPlan* w) {
  const std::string& name = w->name;
  BindOptions opt;
  opt.allow_aggregates = true;
  opt.window_spec = &name;
  auto legacy_position = [&]() {
    return WindowError(3592, fmt::format("Window '{}': ORDER BY or PARTITION BY uses legacy "
                                         "position indication which is not supported, use "
                                         "expression.",
                                         name));
  };
  opt.clause = "window partition by";
  for (const ExprPtr& p : spec.partition_by) {
    if (IsPositionLiteral(*p)) return legacy_position();
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, Bind(*p, scope, opt));
    w->partition_by.push_back(std::move(b));
  }
  opt.clause = "window order by";
  for (const OrderItem& item : spec.order_by) {
    if (IsPositionLiteral(*item.expr)) return legacy_position();
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, Bind(*item.expr, scope, opt));
    const auto* enum_values = EnumSortValues(*scope.plan, *b);
    w->order_by.push_back({std::move(b), item.desc, enum_values});
  }

  // The frame; without one, MySQL's default for the ORDER BY the window
  // ends up with.
  const WindowFrame* frame = spec.frame.get();
  if (frame == nullptr) {
    w->units = w->order_by.empty() ? FrameUnits::kRows : FrameUnits::kRange;
    w->start = WindowBound{};
    w->start.kind = FrameBoundKind::kUnboundedPreceding;
    w->end = WindowBound{};
    w->end.kind = w->order_by.empty() ? FrameBoundKind::kUnboundedFollowing
                                      : FrameBoundKind::kCurrentRow;
    return SqlStatus::Ok();
  }
  w->units = frame->units;
  if (frame->start.kind == FrameBoundKind::kUnboundedFollowing) {
    return WindowError(
        3584, fmt::format("Window '{}': frame start cannot be UNBOUNDED FOLLOWING.", name));
  }
  if (frame->end.kind == FrameBoundKind::kUnboundedPreceding) {
    return WindowError(3585,
                       fmt::format("Window '{}': frame end cannot be UNBOUNDED PRECEDING.", name));
  }
  const FrameBoundKind s = frame->start.kind, e = frame->end.kind;
  if ((s == FrameBoundKind::kFollowing &&
       (e == FrameBoundKind::kPreceding || e == FrameBoundKind::kCurrentRow)) ||
      (s == FrameBoundKind::kCurrentRow && e == FrameBoundKind::kPreceding)) {
    return FrameIllegal(name);
  }
  auto bind_bound = [&](const FrameBound& fb, WindowBound* out) -> SqlStatus {
    out->kind = fb.kind;
    if (fb.offset == nullptr) return SqlStatus::Ok();
    const Expr* amount = fb.offset.get();
    if (amount->kind == ExprKind::kInterval) {
      if (w->units == FrameUnits::kRows) {
        return WindowError(
            3596, fmt::format("Window '{}': INTERVAL can only be used with RANGE frames.", name));
      }
      out->interval = true;
      out->unit = amount->interval_unit;
      amount = amount->args[0].get();
    }
    BindOptions constant;
    constant.clause = "window order by";
    TETRADB_SQL_ASSIGN_OR_RETURN(out->offset, Bind(*amount, scope, constant));
    if (out->offset->tables != 0 || out->offset->outer_ref) {
      return WindowError(3590, fmt::format("Window '{}' has a non-constant frame bound.", name));
    }
    if (out->offset->kind == BoundKind::kConst) {
      const Value& v = out->offset->value;
      bool integral = v.kind() == ValueKind::kInt || v.kind() == ValueKind::kUInt;
      bool negative = v.kind() == ValueKind::kInt ? v.int_value() < 0
                      : v.kind() == ValueKind::kDecimal || v.kind() == ValueKind::kDouble
                          ? ToDouble(v) < 0
                          : false;
      if (v.is_null() || negative || (w->units == FrameUnits::kRows && !integral) ||
          v.kind() == ValueKind::kString) {
        return FrameIllegal(name);
      }
    }
    if (w->units == FrameUnits::kRange) {
      if (w->order_by.size() != 1) {
        return WindowError(3587, fmt::format("Window '{}' with RANGE N PRECEDING/FOLLOWING frame "
                                             "requires exactly one ORDER BY expression, of "
                                             "numeric or temporal type",
                                             name));
      }
      if (const ColumnDef* key = PlainColumn(*w->order_by[0].expr)) {
        const TypeId id = key->type.id;
        if (!IsTemporal(id) && !IsNumeric(id)) {
          return WindowError(3587, fmt::format("Window '{}' with RANGE N PRECEDING/FOLLOWING "
                                               "frame requires exactly one ORDER BY expression, "
                                               "of numeric or temporal type",
                                               name));
        }
        if (IsTemporal(id) && !out->interval) {
          return WindowError(3588, fmt::format("Window '{}' with RANGE frame has ORDER BY "
                                               "expression of datetime type. Only INTERVAL bound "
                                               "value allowed.",
                                               name));
        }
        if (IsNumeric(id) && out->interval) {
          return WindowError(3589, fmt::format("Window '{}' with RANGE frame has ORDER BY "
                                               "expression of numeric type, INTERVAL bound value "
                                               "not allowed.",
                                               name));
        }
      }
    }
    return SqlStatus::Ok();
  };
  TETRADB_SQL_RETURN_IF_ERROR(bind_bound(frame->start, &w->start));
  return bind_bound(frame->end, &w->end);
}

SqlStatus Planner::BindNamedWindows(const SelectStmt& select, const Scope& scope) {
  SelectPlan* plan = scope.plan;
  const auto& specs = select.windows;
  const size_t n = specs.size();
  for (size_t i = 0; i < n; ++i) {
    for (size_t j = 0; j < i; ++j) {
      if (specs[i].name == specs[j].name) {
        return WindowError(3591, fmt::format("Window '{}' is defined twice.", specs[i].name));
      }
    }
  }
  plan->windows.assign(n, WindowPlan{});
  std::vector<int> state(n, 0);  // 0 unseen, 1 being resolved, 2 done
  std::function<SqlStatus(size_t)> resolve = [&](size_t i) -> SqlStatus {
    if (state[i] == 2) return SqlStatus::Ok();
    if (state[i] == 1) {
      return WindowError(3580, "There is a circularity in the window dependency graph.");
    }
    state[i] = 1;
    const WindowSpec& spec = specs[i];
    WindowPlan w;
    w.name = spec.name;
    if (!spec.base.empty()) {
      size_t b = 0;
      while (b < n && specs[b].name != spec.base) ++b;
      if (b == n) {
        return WindowError(3579, fmt::format("Window name '{}' is not defined.", spec.base));
      }
      TETRADB_SQL_RETURN_IF_ERROR(resolve(b));
      const WindowSpec& base = specs[b];
      if (!spec.partition_by.empty()) {
        return WindowError(3581, "A window which depends on another cannot define partitioning.");
      }
      if (base.frame != nullptr) {
        return WindowError(3582, fmt::format("Window '{}' has a frame definition, so cannot be "
                                             "referenced by another window.",
                                             base.name));
      }
      if (!base.order_by.empty() && !spec.order_by.empty()) {
        return WindowError(3583, fmt::format("Window '{}' cannot inherit '{}' since both contain "
                                             "an ORDER BY clause.",
                                             spec.name, base.name));
      }
      w.partition_by = plan->windows[b].partition_by;
      w.order_by = plan->windows[b].order_by;
    }
    TETRADB_SQL_RETURN_IF_ERROR(BindWindowSpec(spec, scope, &w));
    plan->windows[i] = std::move(w);
    state[i] = 2;
    return SqlStatus::Ok();
  };
  for (size_t i = 0; i < n; ++i) TETRADB_SQL_RETURN_IF_ERROR(resolve(i));
  return SqlStatus::Ok();
}

SqlResult<int> Planner::ResolveWindow(const WindowSpec& spec, const Scope& scope) {
  SelectPlan* plan = scope.plan;
  static const std::vector<WindowSpec> kNone;
  const std::vector<WindowSpec>& named = plan->stmt != nullptr ? plan->stmt->windows : kNone;
  int base = -1;
  if (!spec.base.empty()) {
    for (size_t i = 0; i < named.size(); ++i) {
      if (named[i].name == spec.base) base = static_cast<int>(i);
    }
    if (base < 0) {
      return WindowError(3579, fmt::format("Window name '{}' is not defined.", spec.base));
    }
    if (spec.bare) return base;
  }
  WindowPlan w;
  w.name = std::string(kUnnamed);
  if (base >= 0) {
    const WindowSpec& b = named[base];
    if (!spec.partition_by.empty()) {
      return WindowError(3581, "A window which depends on another cannot define partitioning.");
    }
    if (b.frame != nullptr) {
      return WindowError(3582, fmt::format("Window '{}' has a frame definition, so cannot be "
                                           "referenced by another window.",
                                           b.name));
    }
    if (!b.order_by.empty() && !spec.order_by.empty()) {
      return WindowError(3583, fmt::format("Window '{}' cannot inherit '{}' since both contain an "
                                           "ORDER BY clause.",
                                           kUnnamed, b.name));
    }
    w.partition_by = plan->windows[base].partition_by;
    w.order_by = plan->windows[base].order_by;
  }
  TETRADB_SQL_RETURN_IF_ERROR(BindWindowSpec(spec, scope, &w));
  plan->windows.push_back(std::move(w));
  return static_cast<int>(plan->windows.size() - 1);
}

SqlResult<BoundPtr> Planner::BindWindowCount(const Expr& e, const Scope& scope,
                                             const BindOptions& opt, std::string_view fn) {
  BindOptions constant = opt;
  TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr b, Bind(e, scope, constant));
  if (b->tables != 0 || b->outer_ref || b->has_aggregate || b->has_window) {
    return err::IncorrectArguments(Lower(fn));
  }
  if (b->kind == BoundKind::kConst) {
    const Value& v = b->value;
    const bool positive_only = fn == "NTILE" || fn == "NTH_VALUE";
    bool ok = false;
    if (v.kind() == ValueKind::kUInt) ok = !positive_only || v.uint_value() > 0;
    if (v.kind() == ValueKind::kInt)
      ok = v.int_value() > 0 || (!positive_only && v.int_value() == 0);
    if (!ok) return err::IncorrectArguments(Lower(fn));
  }
  return b;
}

SqlResult<BoundPtr> Planner::BindWindowFunction(const Expr& e, const Scope& scope,
                                                const BindOptions& opt) {
  if (opt.window_spec != nullptr) {
    return WindowError(3595, fmt::format("You cannot nest a window function in the specification "
                                         "of window '{}'.",
                                         *opt.window_spec));
  }
  if (!opt.allow_windows || opt.in_aggregate || opt.in_window || scope.plan == nullptr) {
    return InvalidWindowUse(e.name);
  }
  SelectPlan* plan = scope.plan;
  WindowFunc f;
  f.ast = &e;
  BindOptions inner = opt;
  inner.allow_windows = false;
  inner.in_window = true;
  std::optional<WindowFnKind> kind = WindowKind(e.name);
  if (kind) {
    f.kind = *kind;
    switch (f.kind) {
      case WindowFnKind::kNtile: {
        TETRADB_SQL_ASSIGN_OR_RETURN(f.n, BindWindowCount(*e.args[0], scope, inner, e.name));
        break;
      }
      case WindowFnKind::kLag:
      case WindowFnKind::kLead: {
        if (e.args.size() > 1) {
          TETRADB_SQL_ASSIGN_OR_RETURN(f.n, BindWindowCount(*e.args[1], scope, inner, e.name));
        }
        if (e.args.size() > 2) {
          TETRADB_SQL_ASSIGN_OR_RETURN(f.default_value, Bind(*e.args[2], scope, inner));
        }
        break;
      }
      case WindowFnKind::kNthValue: {
        TETRADB_SQL_ASSIGN_OR_RETURN(f.n, BindWindowCount(*e.args[1], scope, inner, e.name));
        break;
      }
      default:
        break;
    }
    if (f.kind >= WindowFnKind::kLag) {
      TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr value, Bind(*e.args[0], scope, inner));
      f.args.push_back(std::move(value));
    }
  } else {
    std::optional<AggKind> agg = AggregateKindOf(e.name);
    if (!agg || *agg == AggKind::kGroupConcat) return err::Syntax(ctx_->sql, e.over->pos);
    if (e.distinct) return err::NotSupported("<window function>(DISTINCT ..)");
    f.kind = WindowFnKind::kAggregate;
    f.agg.kind = *agg;
    f.agg.ast = &e;
    if (f.agg.kind == AggKind::kCount && e.args.size() == 1 && e.args[0]->kind == ExprKind::kStar) {
      f.agg.kind = AggKind::kCountStar;
    } else {
      if (e.args.size() != 1) return err::ParamCount(e.name);
      if (e.args[0]->kind == ExprKind::kStar) return err::Syntax(ctx_->sql, e.args[0]->pos);
      TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr arg, Bind(*e.args[0], scope, inner));
      f.agg.args.push_back(std::move(arg));
    }
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(f.window, ResolveWindow(*e.over, scope));

  auto b = std::make_shared<BoundExpr>();
  b->ast = &e;
  b->kind = BoundKind::kWindowRef;
  b->index = static_cast<int>(plan->window_funcs.size());
  b->has_window = true;
  b->volatile_value = true;
  for (const BoundPtr& a : f.args) b->outer_ref |= a->outer_ref;
  for (const BoundPtr& a : f.agg.args) b->outer_ref |= a->outer_ref;
  plan->window_funcs.push_back(std::move(f));
  return BoundPtr(b);
}

}  // namespace tetradb::rel::sql
