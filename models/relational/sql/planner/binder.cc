// Name binding: syntax-tree expressions -> bound expressions.
//
// Column lookup follows MySQL: an unqualified name is searched in the
// sources of the current block (1052 when two sources have it), then in the
// enclosing blocks (a correlated reference); a qualified name `t.c` looks
// for the source aliased `t` the same way. Select aliases are names in
// ORDER BY (before columns) and in GROUP BY / HAVING (after columns).
#include <fmt/format.h>
#include <strings.h>

#include "models/relational/sql/execution/functions.h"
#include "models/relational/sql/planner/planner.h"

namespace tetradb::rel::sql {
namespace {

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && strncasecmp(a.data(), b.data(), a.size()) == 0;
}

// Derives the planner's summary fields of a node from its children.
void Summarize(BoundExpr* b) {
  for (const BoundPtr& a : b->args) {
    if (!a) continue;
    b->tables |= a->tables;
    b->outer_ref |= a->outer_ref;
    b->has_aggregate |= a->has_aggregate;
    b->has_window |= a->has_window;
    b->volatile_value |= a->volatile_value;
  }
}

// An ENUM column in numeric context (arithmetic, unary minus, bit
// operators, a comparison with a number, a numeric CAST, SUM/AVG) reads as
// its member's position, as in MySQL: `status + 0`.
BoundPtr EnumAsNumber(BoundPtr arg) {
  if (!arg || arg->kind != BoundKind::kColumn || arg->column == nullptr ||
      arg->column->type.id != TypeId::kEnum) {
    return arg;
  }
  auto w = std::make_shared<BoundExpr>();
  w->kind = BoundKind::kEnumIndex;
  w->ast = arg->ast;
  w->enum_values = &arg->column->type.enum_values;
  w->args.push_back(std::move(arg));
  Summarize(w.get());
  return w;
}

bool IsNumericOp(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd: case BinaryOp::kSub: case BinaryOp::kMul: case BinaryOp::kDiv:
    case BinaryOp::kIntDiv: case BinaryOp::kMod: case BinaryOp::kBitAnd: case BinaryOp::kBitOr:
    case BinaryOp::kBitXor: case BinaryOp::kShiftLeft: case BinaryOp::kShiftRight:
      return true;
    default:
      return false;
  }
}

bool IsComparison(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEq: case BinaryOp::kNe: case BinaryOp::kLt: case BinaryOp::kLe:
    case BinaryOp::kGt: case BinaryOp::kGe: case BinaryOp::kNullSafeEq:
      return true;
    default:
      return false;
  }
}

bool IsNumberConst(const BoundExpr& e) {
  if (e.kind != BoundKind::kConst) return false;
  ValueKind k = e.value.kind();
  return k == ValueKind::kInt || k == ValueKind::kUInt || k == ValueKind::kDouble ||
         k == ValueKind::kDecimal;
}

bool IsNumericType(TypeId id) { return id >= TypeId::kTinyInt && id <= TypeId::kDouble; }

SqlError CantGroupOn(std::string_view what) {
  return SqlError{1056, "42000", fmt::format("Can't group on '{}'", what)};
}

}  // namespace

std::optional<AggKind> AggregateKindOf(std::string_view name) {
  if (name == "COUNT") return AggKind::kCount;
  if (name == "SUM") return AggKind::kSum;
  if (name == "AVG") return AggKind::kAvg;
  if (name == "MIN") return AggKind::kMin;
  if (name == "MAX") return AggKind::kMax;
  if (name == "GROUP_CONCAT") return AggKind::kGroupConcat;
  if (name == "BIT_AND") return AggKind::kBitAnd;
  if (name == "BIT_OR") return AggKind::kBitOr;
  if (name == "BIT_XOR") return AggKind::kBitXor;
  if (name == "STD" || name == "STDDEV" || name == "STDDEV_POP") return AggKind::kStd;
  if (name == "VARIANCE" || name == "VAR_POP") return AggKind::kVariance;
  return std::nullopt;
}

namespace {

// MySQL's defaults for system variables clients read at connect.
std::optional<Value> SystemVariableDefault(std::string_view name, const ExecContext& ctx) {
  static const std::vector<std::pair<std::string_view, const char*>> kText = {
      {"version", "8.0.36-tetradb"},
      {"version_comment", "tetradb"},
      {"character_set_client", "utf8mb4"},
      {"character_set_connection", "utf8mb4"},
      {"character_set_results", "utf8mb4"},
      {"character_set_server", "utf8mb4"},
      {"character_set_database", "utf8mb4"},
      {"collation_connection", "utf8mb4_0900_ai_ci"},
      {"collation_server", "utf8mb4_0900_ai_ci"},
      {"collation_database", "utf8mb4_0900_ai_ci"},
      {"init_connect", ""},
      {"license", "GPL"},
      {"query_cache_type", "OFF"},
      {"sql_mode",
       "ONLY_FULL_GROUP_BY,STRICT_TRANS_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,"
       "ERROR_FOR_DIVISION_BY_ZERO,NO_ENGINE_SUBSTITUTION"},
      {"system_time_zone", "UTC"},
      {"time_zone", "SYSTEM"},
      {"transaction_isolation", "REPEATABLE-READ"},
      {"tx_isolation", "REPEATABLE-READ"},
      {"default_storage_engine", "InnoDB"},
      {"hostname", "localhost"},
      {"have_ssl", "DISABLED"},
  };
  static const std::vector<std::pair<std::string_view, int64_t>> kInt = {
      {"autocommit", 1},
      {"auto_increment_increment", 1},
      {"auto_increment_offset", 1},
      {"interactive_timeout", 28800},
      {"wait_timeout", 28800},
      {"lower_case_table_names", 0},
      {"max_allowed_packet", 67108864},
      {"net_buffer_length", 16384},
      {"net_write_timeout", 60},
      {"query_cache_size", 0},
      {"transaction_read_only", 0},
      {"tx_read_only", 0},
      {"performance_schema", 0},
      {"max_execution_time", 0},
      {"cte_max_recursion_depth", 1000},
      {"lock_wait_timeout", 31536000},
      {"innodb_lock_wait_timeout", 50},
      {"group_concat_max_len", 1024},
      {"div_precision_increment", 4},
      {"foreign_key_checks", 1},
      {"unique_checks", 1},
      {"sql_notes", 1},
      {"sql_log_bin", 1},
      {"sql_safe_updates", 0},
      {"port", 3306},
      {"warning_count", 0},
      {"error_count", 0},
  };
  if (name == "last_insert_id" || name == "identity") {
    return Value::UInt(ctx.last_insert_id != nullptr ? *ctx.last_insert_id : 0);
  }
  if (name == "sql_select_limit") return Value::UInt(~uint64_t{0});
  for (const auto& [n, v] : kText) {
    if (EqualsNoCase(n, name)) return Value::String(v);
  }
  for (const auto& [n, v] : kInt) {
    if (EqualsNoCase(n, name)) return Value::Int(v);
  }
  return std::nullopt;
}

}  // namespace

BoundPtr MakeConst(Value v, const Expr* ast) {
  auto b = std::make_shared<BoundExpr>();
  b->kind = BoundKind::kConst;
  b->value = std::move(v);
  b->ast = ast;
  return b;
}

bool IsAggregateName(std::string_view name) { return AggregateKindOf(name).has_value(); }

void SplitConjuncts(const BoundPtr& cond, std::vector<BoundPtr>* out) {
  if (cond->kind == BoundKind::kBinary && cond->binary_op == BinaryOp::kAnd) {
    SplitConjuncts(cond->args[0], out);
    SplitConjuncts(cond->args[1], out);
    return;
  }
  out->push_back(cond);
}

SqlResult<BoundPtr> Planner::Bind(const Expr& e, const Scope& scope, const BindOptions& opt) {
  auto b = std::make_shared<BoundExpr>();
  b->ast = &e;
  b->negated = e.negated;
  auto bind_args = [&](size_t from) -> SqlStatus {
    for (size_t i = from; i < e.args.size(); ++i) {
      TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr a, Bind(*e.args[i], scope, opt));
      b->args.push_back(std::move(a));
    }
    return SqlStatus::Ok();
  };
  switch (e.kind) {
    case ExprKind::kLiteral:
      b->kind = BoundKind::kConst;
      b->value = e.literal;
      return BoundPtr(b);
    case ExprKind::kParam:
      b->kind = BoundKind::kParam;
      b->index = e.param_index;
      b->volatile_value = true;
      return BoundPtr(b);
    case ExprKind::kColumn:
      return BindColumn(e, scope, opt);
    case ExprKind::kStar:
    case ExprKind::kDefault:
      return err::Syntax(ctx_->sql, e.pos);
    case ExprKind::kFunction:
      return BindFunction(e, scope, opt);
    case ExprKind::kUnary:
      b->kind = BoundKind::kUnary;
      b->unary_op = e.unary_op;
      break;
    case ExprKind::kBinary:
      b->kind = BoundKind::kBinary;
      b->binary_op = e.binary_op;
      break;
    case ExprKind::kCase: {
      b->kind = BoundKind::kCase;
      b->has_case_operand = e.has_case_operand;
      if (e.has_case_operand) TETRADB_SQL_RETURN_IF_ERROR(bind_args(0));
      for (const ExprPtr& w : e.when_then) {
        TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr a, Bind(*w, scope, opt));
        b->args.push_back(std::move(a));
      }
      if (e.else_expr) {
        TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr a, Bind(*e.else_expr, scope, opt));
        b->args.push_back(std::move(a));
        b->has_else = true;
      }
      Summarize(b.get());
      return BoundPtr(b);
    }
    case ExprKind::kInList:
      b->kind = BoundKind::kInList;
      break;
    case ExprKind::kInSubquery:
    case ExprKind::kExists:
    case ExprKind::kSubquery:
      b->kind = e.kind == ExprKind::kInSubquery ? BoundKind::kInSubquery
                : e.kind == ExprKind::kExists   ? BoundKind::kExists
                                                : BoundKind::kSubquery;
      if (e.kind == ExprKind::kInSubquery) TETRADB_SQL_RETURN_IF_ERROR(bind_args(0));
      {
        TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr sub, BindSubquery(e, scope));
        b->subquery = sub->subquery;
        b->tables |= sub->tables;
        b->outer_ref |= sub->outer_ref;
        b->volatile_value = true;
      }
      if (b->kind == BoundKind::kInSubquery) {
        b->quantified = e.quantified;
        b->quantify_all = e.quantify_all;
        b->binary_op = e.binary_op;
        if (e.quantified && b->args[0]->kind == BoundKind::kRow) return err::OperandColumns(1);
        size_t width = b->args[0]->kind == BoundKind::kRow ? b->args[0]->args.size() : 1;
        if (b->subquery->plan->column_names.size() != width) {
          return err::OperandColumns(static_cast<int>(width));
        }
      }
      Summarize(b.get());
      return BoundPtr(b);
    case ExprKind::kBetween:
      b->kind = BoundKind::kBetween;
      break;
    case ExprKind::kLike:
      b->kind = BoundKind::kLike;
      break;
    case ExprKind::kIsNull:
      b->kind = BoundKind::kIsNull;
      break;
    case ExprKind::kIsBool:
      b->kind = BoundKind::kIsBool;
      b->bool_value = e.bool_value;
      break;
    case ExprKind::kInterval:
      b->kind = BoundKind::kInterval;
      b->interval_unit = e.interval_unit;
      break;
    case ExprKind::kCast:
      b->kind = BoundKind::kCast;
      b->cast_type = e.cast_type;
      break;
    case ExprKind::kJsonExtract:
      b->kind = BoundKind::kJsonExtract;
      b->unquote = e.unquote;
      break;
    case ExprKind::kRow:
      b->kind = BoundKind::kRow;
      break;
  }
  TETRADB_SQL_RETURN_IF_ERROR(bind_args(0));
  if ((b->kind == BoundKind::kBinary && IsNumericOp(b->binary_op)) ||
      (b->kind == BoundKind::kUnary &&
       (b->unary_op == UnaryOp::kNeg || b->unary_op == UnaryOp::kPlus ||
        b->unary_op == UnaryOp::kBitNot))) {
    for (BoundPtr& a : b->args) a = EnumAsNumber(std::move(a));
  } else if (b->kind == BoundKind::kBinary && IsComparison(b->binary_op)) {
    // Against a number, an ENUM compares by position (`status = 2`).
    if (IsNumberConst(*b->args[1])) b->args[0] = EnumAsNumber(std::move(b->args[0]));
    if (IsNumberConst(*b->args[0])) b->args[1] = EnumAsNumber(std::move(b->args[1]));
  } else if (b->kind == BoundKind::kCast && IsNumericType(b->cast_type.id)) {
    b->args[0] = EnumAsNumber(std::move(b->args[0]));
  }
  Summarize(b.get());
  return BoundPtr(b);
}

SqlResult<BoundPtr> Planner::BindColumn(const Expr& e, const Scope& scope, const BindOptions& opt) {
  const std::string written = e.table.empty() ? e.name : e.table + "." + e.name;
  auto by_alias = [&]() -> SqlResult<BoundPtr> {
    if (!e.table.empty() || opt.items == nullptr) return BoundPtr();
    for (const SelectItemName& item : *opt.items) {
      if (!item.alias.empty() && EqualsNoCase(item.alias, e.name)) {
        if (item.expr->has_window && !opt.allow_windows) {
          return SqlError{3594, "HY000",
                          fmt::format("You cannot use the alias '{}' of an expression containing "
                                      "a window function in this context.'",
                                      item.alias)};
        }
        if (opt.grouping && item.expr->has_aggregate) return CantGroupOn(item.alias);
        return item.expr;
      }
    }
    return BoundPtr();
  };
  if (opt.aliases == AliasMode::kFirst) {
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr found, by_alias());
    if (found) return found;
  }
  int depth = 0;
  for (const Scope* s = &scope; s != nullptr; s = s->outer, ++depth) {
    int slot = -1;
    const TableSource* source = nullptr;
    int source_index = -1;
    if (s->union_columns != nullptr) {
      if (!e.table.empty()) continue;
      const auto& cols = *s->union_columns;
      for (size_t i = 0; i < cols.size(); ++i) {
        if (EqualsNoCase(cols[i], e.name)) {
          slot = static_cast<int>(i);
          break;
        }
      }
    } else if (s->plan != nullptr) {
      const auto& sources = s->plan->sources;
      int visible = s->visible < 0 ? static_cast<int>(sources.size()) : s->visible;
      for (int i = 0; i < visible; ++i) {
        const TableSource& src = sources[i];
        bool qualified = !e.table.empty();
        if (qualified && src.alias != e.table) continue;
        for (size_t c = 0; c < src.columns.size(); ++c) {
          if (!EqualsNoCase(src.columns[c], e.name)) continue;
          if (!qualified && src.hidden[c]) continue;
          if (slot >= 0) return err::AmbiguousColumn(written, opt.clause);
          slot = src.offset + static_cast<int>(c);
          source = &src;
          source_index = i;
        }
      }
    }
    if (slot < 0) continue;
    auto b = std::make_shared<BoundExpr>();
    b->kind = BoundKind::kColumn;
    b->ast = &e;
    b->index = slot;
    b->depth = depth;
    if (source != nullptr && source->def != nullptr) {
      b->column = &source->def->columns[slot - source->offset];
    }
    if (depth == 0) {
      if (source_index >= 0) b->tables = uint64_t{1} << source_index;
    } else {
      b->outer_ref = true;
      // Every block between the reference and its source depends on the
      // outer row; the source's block learns which of its sources are used.
      const Scope* inner = &scope;
      for (int d = 0; d < depth; ++d, inner = inner->outer) {
        if (inner->plan != nullptr) inner->plan->correlated = true;
      }
      if (source_index >= 0) s->referenced_from_inner |= uint64_t{1} << source_index;
    }
    if (s->plan != nullptr && slot < static_cast<int>(s->plan->used_slots.size())) {
      s->plan->used_slots[slot] = true;
    }
    return BoundPtr(b);
  }
  if (opt.aliases == AliasMode::kAfter) {
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr found, by_alias());
    if (found) return found;
  }
  return err::UnknownColumn(written, opt.clause);
}

SqlResult<BoundPtr> Planner::BindFunction(const Expr& e, const Scope& scope,
                                          const BindOptions& opt) {
  if (e.over != nullptr) return BindWindowFunction(e, scope, opt);
  if (IsAggregateName(e.name)) return BindAggregate(e, scope, opt);
  if (!e.name.empty() && e.name[0] == '@') {
    // A variable: resolved once per statement.
    std::optional<Value> v;
    if (ctx_->variables) v = ctx_->variables(e.name);
    bool system = e.name.size() > 1 && e.name[1] == '@';
    if (!v && system) {
      std::string_view bare = std::string_view(e.name).substr(2);
      v = SystemVariableDefault(bare, *ctx_);
      if (!v) {
        return SqlError{1193, "HY000", fmt::format("Unknown system variable '{}'", bare)};
      }
    }
    BoundPtr c = MakeConst(v.value_or(Value::Null()), &e);
    return c;
  }
  auto b = std::make_shared<BoundExpr>();
  b->ast = &e;
  b->kind = BoundKind::kFunction;
  if (e.name == "VALUES") {
    // VALUES(col): the value the row being inserted had for col (ON
    // DUPLICATE KEY UPDATE only; MySQL gives NULL elsewhere).
    if (e.args.size() != 1) return err::ParamCount(e.name);
    const Expr& arg = *e.args[0];
    if (arg.kind != ExprKind::kColumn) return err::Syntax(ctx_->sql, arg.pos);
    if (!opt.allow_values || scope.plan == nullptr || scope.plan->sources.empty() ||
        scope.plan->sources[0].def == nullptr) {
      return MakeConst(Value::Null(), &e);
    }
    int c = scope.plan->sources[0].def->ColumnIndex(arg.name);
    if (c < 0) return err::UnknownColumn(arg.name, opt.clause);
    b->kind = BoundKind::kInsertValue;
    b->index = c;
    b->volatile_value = true;
    return BoundPtr(b);
  }
  const FunctionDef* fn = LookupFunction(e.name);
  if (e.name == "GROUPING") {
    // Only over a block's own GROUP BY ... WITH ROLLUP, where aggregates
    // may stand (select list, HAVING, ORDER BY); MySQL: 1111 elsewhere.
    if (!opt.allow_aggregates || opt.in_aggregate || scope.plan == nullptr ||
        scope.plan->stmt == nullptr || !scope.plan->stmt->with_rollup) {
      return err::InvalidGroupFunction();
    }
    fn = GroupingFunction();
  }
  if (fn == nullptr) return err::NoSuchFunction(e.name);
  int n = static_cast<int>(e.args.size());
  if (n < fn->min_args || (fn->max_args >= 0 && n > fn->max_args)) {
    return err::ParamCount(e.name);
  }
  b->fn = fn;
  b->volatile_value = fn->volatile_value;
  size_t first = 0;
  if (fn->special == SpecialFn::kTimestampDiff || fn->special == SpecialFn::kTimestampAdd ||
      fn->special == SpecialFn::kExtract) {
    // The unit keyword arrives as a bare name or a string.
    const Expr& unit = *e.args[0];
    std::string name;
    if (unit.kind == ExprKind::kColumn && unit.table.empty()) {
      name = unit.name;
    } else if (unit.kind == ExprKind::kLiteral && unit.literal.kind() == ValueKind::kString) {
      name = unit.literal.string_value();
    } else {
      return err::Syntax(ctx_->sql, unit.pos);
    }
    b->args.push_back(MakeConst(Value::String(name), &unit));
    first = 1;
  }
  for (size_t i = first; i < e.args.size(); ++i) {
    if (e.args[i]->kind == ExprKind::kStar) return err::Syntax(ctx_->sql, e.args[i]->pos);
    TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr a, Bind(*e.args[i], scope, opt));
    b->args.push_back(std::move(a));
  }
  Summarize(b.get());
  if (fn == GroupingFunction()) b->has_aggregate = true;  // a value per group
  return BoundPtr(b);
}

SqlResult<BoundPtr> Planner::BindAggregate(const Expr& e, const Scope& scope,
                                           const BindOptions& opt) {
  if (!opt.allow_aggregates || opt.in_aggregate || scope.plan == nullptr) {
    return err::InvalidGroupFunction();
  }
  AggregateSpec spec;
  spec.kind = *AggregateKindOf(e.name);
  spec.distinct = e.distinct;
  spec.separator = e.separator;
  spec.ast = &e;
  size_t n = e.args.size();
  if (spec.kind == AggKind::kCount && n == 1 && e.args[0]->kind == ExprKind::kStar) {
    if (e.distinct) return err::Syntax(ctx_->sql, e.args[0]->pos);
    spec.kind = AggKind::kCountStar;
  } else {
    bool multi_ok =
        spec.kind == AggKind::kGroupConcat || (spec.kind == AggKind::kCount && e.distinct);
    if (n == 0 || (n > 1 && !multi_ok)) return err::ParamCount(e.name);
    BindOptions inner = opt;
    inner.in_aggregate = true;
    for (const ExprPtr& a : e.args) {
      if (a->kind == ExprKind::kStar) return err::Syntax(ctx_->sql, a->pos);
      TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr arg, Bind(*a, scope, inner));
      if (spec.kind == AggKind::kSum || spec.kind == AggKind::kAvg) {
        arg = EnumAsNumber(std::move(arg));  // sums positions, as MySQL
      }
      spec.args.push_back(std::move(arg));
    }
    for (const OrderItem& item : e.order_by) {
      TETRADB_SQL_ASSIGN_OR_RETURN(BoundPtr key, Bind(*item.expr, scope, inner));
      const auto* enum_values = EnumSortValues(*scope.plan, *key);
      spec.order_by.push_back({std::move(key), item.desc, enum_values});
    }
  }
  auto b = std::make_shared<BoundExpr>();
  b->ast = &e;
  b->kind = BoundKind::kAggRef;
  b->has_aggregate = true;
  for (const BoundPtr& a : spec.args) {
    b->outer_ref |= a->outer_ref;
    b->volatile_value |= a->volatile_value;
  }
  b->index = static_cast<int>(scope.plan->aggregates.size());
  scope.plan->aggregates.push_back(std::move(spec));
  return BoundPtr(b);
}

SqlResult<BoundPtr> Planner::BindSubquery(const Expr& e, const Scope& scope) {
  uint64_t saved = scope.referenced_from_inner;
  scope.referenced_from_inner = 0;
  auto planned = PlanQuery(*e.subquery, &scope, false);
  uint64_t used = scope.referenced_from_inner;
  scope.referenced_from_inner = saved | used;
  if (!planned.ok()) return planned.error();
  auto ref = std::make_shared<SubqueryRef>();
  ref->plan = std::move(planned).value();
  ref->correlated = ref->plan->correlated;
  ref->plan->dependent = ref->correlated;
  auto b = std::make_shared<BoundExpr>();
  b->ast = &e;
  b->kind = BoundKind::kSubquery;
  b->subquery = ref;
  b->tables = used;
  b->outer_ref = ref->correlated;
  b->volatile_value = true;
  if (scope.plan != nullptr) scope.plan->subqueries.push_back(ref);
  return BoundPtr(b);
}

}  // namespace tetradb::rel::sql
