#include <algorithm>

#include "models/relational/sql/execution/eval.h"
#include "models/relational/sql/execution/functions.h"
#include "models/relational/sql/execution/query_exec.h"
#include "models/relational/sql/planner/access_path.h"
#include "models/relational/sql/planner/plan.h"

namespace tetradb::rel::sql {
namespace {

Value Tri(std::optional<bool> b) { return b ? Value::Bool(*b) : Value::Null(); }

// A window function evaluated where its results do not exist (the binder
// allows them only where they do; this is the safety net).
SqlError InvalidWindowUse(const BoundExpr& e) {
  std::string name = e.ast != nullptr ? e.ast->name : std::string("window");
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return SqlError{3593, "HY000",
                  "You cannot use the window function '" + name + "' in this context.'"};
}

std::optional<bool> Truth(const Value& v) { return ToBool(v); }

bool CompareResult(BinaryOp op, int c) {
  switch (op) {
    case BinaryOp::kEq:
    case BinaryOp::kNullSafeEq:
      return c == 0;
    case BinaryOp::kNe:
      return c != 0;
    case BinaryOp::kLt:
      return c < 0;
    case BinaryOp::kLe:
      return c <= 0;
    case BinaryOp::kGt:
      return c > 0;
    case BinaryOp::kGe:
      return c >= 0;
    default:
      return false;
  }
}

bool IsComparison(BinaryOp op) {
  switch (op) {
    case BinaryOp::kEq:
    case BinaryOp::kNe:
    case BinaryOp::kLt:
    case BinaryOp::kLe:
    case BinaryOp::kGt:
    case BinaryOp::kGe:
    case BinaryOp::kNullSafeEq:
      return true;
    default:
      return false;
  }
}

// Rows of a subquery: cached when uncorrelated, else run for this row.
SqlStatus SubqueryResult(const SubqueryRef& ref, const EvalEnv& env, size_t max_rows,
                         const std::vector<ValueRow>** rows, std::vector<ValueRow>* local) {
  if (!ref.correlated) {
    if (!ref.cached) {
      ref.rows.clear();
      TETRADB_SQL_RETURN_IF_ERROR(RunQuery(*ref.plan, *env.ctx, env.frame, max_rows, &ref.rows));
      ref.cached = true;
      // IN probes by key when every value is of one class that groups as it compares.
      ref.has_null = false;
      ref.hashable = !ref.rows.empty() && ref.rows[0].size() == 1;
      int cls = -1;
      for (const ValueRow& r : ref.rows) {
        if (!ref.hashable) break;
        if (r[0].is_null()) {
          ref.has_null = true;
          continue;
        }
        int c = static_cast<int>(ClassOfKind(r[0].kind()));
        if (cls < 0) cls = c;
        if (c != cls || (c != static_cast<int>(ValueClass::kNumeric) &&
                         c != static_cast<int>(ValueClass::kString))) {
          ref.hashable = false;
        }
      }
      if (ref.hashable) {
        ref.key_class = cls;
        ref.keys.clear();
        for (const ValueRow& r : ref.rows) {
          if (r[0].is_null()) continue;
          std::string k;
          AppendGroupKey(r[0], &k);
          ref.keys.push_back(std::move(k));
        }
        std::sort(ref.keys.begin(), ref.keys.end());
      }
    }
    *rows = &ref.rows;
    return SqlStatus::Ok();
  }
  local->clear();
  TETRADB_SQL_RETURN_IF_ERROR(RunQuery(*ref.plan, *env.ctx, env.frame, max_rows, local));
  *rows = local;
  return SqlStatus::Ok();
}

// The values of an operand that may be a row: (a, b), a row subquery, or
// a single value.
SqlResult<ValueRow> EvalOperand(const BoundExpr& e, const EvalEnv& env) {
  if (e.kind == BoundKind::kRow) {
    ValueRow out;
    for (const BoundPtr& a : e.args) {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*a, env));
      out.push_back(std::move(v));
    }
    return out;
  }
  if (e.kind == BoundKind::kSubquery && e.subquery->plan->column_names.size() > 1) {
    const std::vector<ValueRow>* rows = nullptr;
    std::vector<ValueRow> local;
    TETRADB_SQL_RETURN_IF_ERROR(SubqueryResult(*e.subquery, env, 2, &rows, &local));
    if (rows->size() > 1) return err::SubqueryRows();
    if (rows->empty()) return ValueRow(e.subquery->plan->column_names.size());
    return (*rows)[0];
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(e, env));
  return ValueRow{std::move(v)};
}

size_t OperandWidth(const BoundExpr& e) {
  if (e.kind == BoundKind::kRow) return e.args.size();
  if (e.kind == BoundKind::kSubquery) return e.subquery->plan->column_names.size();
  return 1;
}

// Row equality: TRUE, FALSE, or NULL when undecided because of NULLs.
Value RowsEqual(const ValueRow& a, const ValueRow& b) {
  bool saw_null = false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].is_null() || b[i].is_null()) {
      saw_null = true;
      continue;
    }
    if (Compare(a[i], b[i]) != 0) return Value::Bool(false);
  }
  return saw_null ? Value::Null() : Value::Bool(true);
}

SqlResult<Value> EvalComparison(const BoundExpr& e, const EvalEnv& env) {
  const BoundExpr& l = *e.args[0];
  const BoundExpr& r = *e.args[1];
  size_t lw = OperandWidth(l), rw = OperandWidth(r);
  if (lw == 1 && rw == 1) {
    TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(l, env));
    TETRADB_SQL_ASSIGN_OR_RETURN(Value b, Eval(r, env));
    return CompareOp(e.binary_op, a, b);
  }
  if (lw != rw) return err::OperandColumns(static_cast<int>(lw));
  TETRADB_SQL_ASSIGN_OR_RETURN(ValueRow a, EvalOperand(l, env));
  TETRADB_SQL_ASSIGN_OR_RETURN(ValueRow b, EvalOperand(r, env));
  switch (e.binary_op) {
    case BinaryOp::kEq:
      return RowsEqual(a, b);
    case BinaryOp::kNe: {
      Value eq = RowsEqual(a, b);
      return eq.is_null() ? eq : Value::Bool(eq.int_value() == 0);
    }
    case BinaryOp::kNullSafeEq:
      for (size_t i = 0; i < a.size(); ++i) {
        Value c = CompareOp(BinaryOp::kNullSafeEq, a[i], b[i]);
        if (c.int_value() == 0) return Value::Bool(false);
      }
      return Value::Bool(true);
    default:
      for (size_t i = 0; i < a.size(); ++i) {
        if (a[i].is_null() || b[i].is_null()) return Value::Null();
        int c = Compare(a[i], b[i]);
        if (c != 0) return Value::Bool(CompareResult(e.binary_op, c));
      }
      return Value::Bool(CompareResult(e.binary_op, 0));
  }
}

SqlResult<uint64_t> AsBits(const Value& v) {
  if (v.kind() == ValueKind::kUInt) return v.uint_value();
  if (v.kind() == ValueKind::kInt) return static_cast<uint64_t>(v.int_value());
  auto i = ToInt64(v);
  if (!i) {
    double d = ToDouble(v);
    if (d >= 18446744073709551615.0) return ~uint64_t{0};
    if (d > 0) return static_cast<uint64_t>(d);
    return uint64_t{0};
  }
  return static_cast<uint64_t>(*i);
}

SqlResult<Value> EvalBinary(const BoundExpr& e, const EvalEnv& env) {
  BinaryOp op = e.binary_op;
  if (IsComparison(op)) return EvalComparison(e, env);
  if (op == BinaryOp::kAnd || op == BinaryOp::kOr) {
    TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
    std::optional<bool> ta = Truth(a);
    bool decisive = op == BinaryOp::kOr;  // OR: TRUE decides; AND: FALSE decides
    if (ta && *ta == decisive) return Value::Bool(decisive);
    TETRADB_SQL_ASSIGN_OR_RETURN(Value b, Eval(*e.args[1], env));
    std::optional<bool> tb = Truth(b);
    if (tb && *tb == decisive) return Value::Bool(decisive);
    if (!ta || !tb) return Value::Null();
    return Value::Bool(!decisive);
  }
  if ((op == BinaryOp::kAdd || op == BinaryOp::kSub) &&
      (e.args[1]->kind == BoundKind::kInterval ||
       (op == BinaryOp::kAdd && e.args[0]->kind == BoundKind::kInterval))) {
    const BoundExpr& iv = e.args[1]->kind == BoundKind::kInterval ? *e.args[1] : *e.args[0];
    const BoundExpr& base = e.args[1]->kind == BoundKind::kInterval ? *e.args[0] : *e.args[1];
    TETRADB_SQL_ASSIGN_OR_RETURN(Value b, Eval(base, env));
    TETRADB_SQL_ASSIGN_OR_RETURN(Value n, Eval(*iv.args[0], env));
    return AddIntervalValue(b, n, iv.interval_unit, op == BinaryOp::kSub);
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
  TETRADB_SQL_ASSIGN_OR_RETURN(Value b, Eval(*e.args[1], env));
  if ((op == BinaryOp::kDiv || op == BinaryOp::kIntDiv || op == BinaryOp::kMod) &&
      env.ctx != nullptr && env.ctx->division_by_zero_fails && !a.is_null() && !b.is_null() &&
      ToDouble(b) == 0) {
    return err::DivisionByZero();
  }
  switch (op) {
    case BinaryOp::kAdd:
      return Arithmetic(ArithOp::kAdd, a, b, e.Text());
    case BinaryOp::kSub:
      return Arithmetic(ArithOp::kSub, a, b, e.Text());
    case BinaryOp::kMul:
      return Arithmetic(ArithOp::kMul, a, b, e.Text());
    case BinaryOp::kDiv:
      return Arithmetic(ArithOp::kDiv, a, b, e.Text());
    case BinaryOp::kIntDiv:
      return Arithmetic(ArithOp::kIntDiv, a, b, e.Text());
    case BinaryOp::kMod:
      return Arithmetic(ArithOp::kMod, a, b, e.Text());
    case BinaryOp::kXor: {
      auto ta = Truth(a), tb = Truth(b);
      if (!ta || !tb) return Value::Null();
      return Value::Bool(*ta != *tb);
    }
    default:
      break;
  }
  if (a.is_null() || b.is_null()) return Value::Null();
  TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t x, AsBits(a));
  TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t y, AsBits(b));
  switch (op) {
    case BinaryOp::kBitAnd:
      return Value::UInt(x & y);
    case BinaryOp::kBitOr:
      return Value::UInt(x | y);
    case BinaryOp::kBitXor:
      return Value::UInt(x ^ y);
    case BinaryOp::kShiftLeft:
      return Value::UInt(y >= 64 ? 0 : x << y);
    case BinaryOp::kShiftRight:
      return Value::UInt(y >= 64 ? 0 : x >> y);
    default:
      return err::NotSupported("this operator");
  }
}

SqlResult<Value> EvalInList(const BoundExpr& e, const EvalEnv& env) {
  size_t width = OperandWidth(*e.args[0]);
  TETRADB_SQL_ASSIGN_OR_RETURN(ValueRow lhs, EvalOperand(*e.args[0], env));
  bool saw_null = false;
  bool found = false;
  for (size_t i = 1; i < e.args.size() && !found; ++i) {
    if (OperandWidth(*e.args[i]) != width) return err::OperandColumns(static_cast<int>(width));
    TETRADB_SQL_ASSIGN_OR_RETURN(ValueRow rhs, EvalOperand(*e.args[i], env));
    Value eq = RowsEqual(lhs, rhs);
    if (eq.is_null())
      saw_null = true;
    else if (eq.int_value() != 0)
      found = true;
  }
  if (found) return Value::Bool(!e.negated);
  if (saw_null) return Value::Null();
  return Value::Bool(e.negated);
}

// x op ANY (subquery): TRUE if some row compares TRUE, else NULL if some
// comparison is NULL, else FALSE (so FALSE over no rows). ALL: FALSE if some
// row compares FALSE, else NULL if some is NULL, else TRUE (TRUE over none).
SqlResult<Value> EvalQuantified(const BoundExpr& e, const Value& lhs,
                                const std::vector<ValueRow>& rows) {
  const bool decisive = !e.quantify_all;  // ANY: a TRUE decides; ALL: a FALSE
  bool saw_null = false;
  for (const ValueRow& r : rows) {
    if (r.size() != 1) return err::OperandColumns(1);
    std::optional<bool> t = Truth(CompareOp(e.binary_op, lhs, r[0]));
    if (!t) {
      saw_null = true;
    } else if (*t == decisive) {
      return Value::Bool(decisive);
    }
  }
  if (saw_null) return Value::Null();
  return Value::Bool(!decisive);
}

SqlResult<Value> EvalInSubquery(const BoundExpr& e, const EvalEnv& env) {
  TETRADB_SQL_ASSIGN_OR_RETURN(ValueRow lhs, EvalOperand(*e.args[0], env));
  const std::vector<ValueRow>* rows = nullptr;
  std::vector<ValueRow> local;
  TETRADB_SQL_RETURN_IF_ERROR(SubqueryResult(*e.subquery, env, 0, &rows, &local));
  if (e.quantified) return EvalQuantified(e, lhs[0], *rows);
  if (rows->empty()) return Value::Bool(e.negated);
  const SubqueryRef& ref = *e.subquery;
  bool found = false, saw_null = false;
  if (!ref.correlated && ref.hashable && lhs.size() == 1 && !lhs[0].is_null() &&
      static_cast<int>(ClassOfKind(lhs[0].kind())) == ref.key_class) {
    std::string k;
    AppendGroupKey(lhs[0], &k);
    found = std::binary_search(ref.keys.begin(), ref.keys.end(), k);
    saw_null = ref.has_null;
  } else {
    for (const ValueRow& r : *rows) {
      Value eq = RowsEqual(lhs, r);
      if (eq.is_null())
        saw_null = true;
      else if (eq.int_value() != 0) {
        found = true;
        break;
      }
    }
  }
  if (found) return Value::Bool(!e.negated);
  if (saw_null) return Value::Null();
  return Value::Bool(e.negated);
}

SqlResult<Value> EvalCase(const BoundExpr& e, const EvalEnv& env) {
  size_t i = 0;
  Value operand;
  if (e.has_case_operand) {
    TETRADB_SQL_ASSIGN_OR_RETURN(operand, Eval(*e.args[0], env));
    i = 1;
  }
  size_t end = e.args.size() - (e.has_else ? 1 : 0);
  for (; i + 1 < end; i += 2) {
    TETRADB_SQL_ASSIGN_OR_RETURN(Value w, Eval(*e.args[i], env));
    bool hit;
    if (e.has_case_operand) {
      hit = !operand.is_null() && !w.is_null() && Compare(operand, w) == 0;
    } else {
      auto t = Truth(w);
      hit = t && *t;
    }
    if (hit) return Eval(*e.args[i + 1], env);
  }
  if (e.has_else) return Eval(*e.args.back(), env);
  return Value::Null();
}

SqlResult<Value> EvalFunction(const BoundExpr& e, const EvalEnv& env);

}  // namespace

Value CompareOp(BinaryOp op, const Value& a, const Value& b) {
  if (op == BinaryOp::kNullSafeEq) {
    if (a.is_null() || b.is_null()) return Value::Bool(a.is_null() && b.is_null());
    return Value::Bool(Compare(a, b) == 0);
  }
  if (a.is_null() || b.is_null()) return Value::Null();
  return Value::Bool(CompareResult(op, Compare(a, b)));
}

SqlStatus SubqueryColumnValues(const SubqueryRef& ref, const EvalEnv& env,
                               std::vector<Value>* out) {
  const std::vector<ValueRow>* rows = nullptr;
  std::vector<ValueRow> local;
  TETRADB_SQL_RETURN_IF_ERROR(SubqueryResult(ref, env, 0, &rows, &local));
  for (const ValueRow& r : *rows) out->push_back(r[0]);
  return SqlStatus::Ok();
}

SqlResult<Value> Eval(const BoundExpr& e, const EvalEnv& env) {
  switch (e.kind) {
    case BoundKind::kConst:
      return e.value;
    case BoundKind::kParam: {
      const auto* params = env.ctx->params;
      if (params == nullptr || e.index < 0 || static_cast<size_t>(e.index) >= params->size()) {
        return err::IncorrectArguments("EXECUTE");
      }
      return (*params)[e.index];
    }
    case BoundKind::kColumn: {
      const Frame* f = env.frame;
      for (int d = 0; d < e.depth && f != nullptr; ++d) f = f->outer;
      if (f == nullptr || f->row == nullptr) return Value::Null();
      return f->row[e.index];
    }
    case BoundKind::kAggRef: {
      const Frame* f = env.frame;
      if (f == nullptr || f->aggs == nullptr) return err::InvalidGroupFunction();
      return (*f->aggs)[e.index];
    }
    case BoundKind::kWindowRef: {
      const Frame* f = env.frame;
      if (f == nullptr || f->wins == nullptr) return InvalidWindowUse(e);
      return (*f->wins)[e.index];
    }
    case BoundKind::kUnary: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*e.args[0], env));
      switch (e.unary_op) {
        case UnaryOp::kNot: {
          auto t = Truth(v);
          return t ? Value::Bool(!*t) : Value::Null();
        }
        case UnaryOp::kNeg:
          return Negate(v);
        case UnaryOp::kPlus:
          return v;
        case UnaryOp::kBitNot: {
          if (v.is_null()) return v;
          TETRADB_SQL_ASSIGN_OR_RETURN(uint64_t x, AsBits(v));
          return Value::UInt(~x);
        }
      }
      return v;
    }
    case BoundKind::kBinary:
      return EvalBinary(e, env);
    case BoundKind::kFunction:
      return EvalFunction(e, env);
    case BoundKind::kCase:
      return EvalCase(e, env);
    case BoundKind::kInList:
      return EvalInList(e, env);
    case BoundKind::kInSubquery:
      return EvalInSubquery(e, env);
    case BoundKind::kExists: {
      const std::vector<ValueRow>* rows = nullptr;
      std::vector<ValueRow> local;
      TETRADB_SQL_RETURN_IF_ERROR(SubqueryResult(*e.subquery, env, 1, &rows, &local));
      return Value::Bool(rows->empty() == e.negated);
    }
    case BoundKind::kSubquery: {
      if (e.subquery->plan->column_names.size() != 1) return err::OperandColumns(1);
      const std::vector<ValueRow>* rows = nullptr;
      std::vector<ValueRow> local;
      TETRADB_SQL_RETURN_IF_ERROR(SubqueryResult(*e.subquery, env, 2, &rows, &local));
      if (rows->size() > 1) return err::SubqueryRows();
      if (rows->empty()) return Value::Null();
      return (*rows)[0][0];
    }
    case BoundKind::kBetween: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
      TETRADB_SQL_ASSIGN_OR_RETURN(Value lo, Eval(*e.args[1], env));
      TETRADB_SQL_ASSIGN_OR_RETURN(Value hi, Eval(*e.args[2], env));
      auto ge = Truth(CompareOp(BinaryOp::kGe, a, lo));
      auto le = Truth(CompareOp(BinaryOp::kLe, a, hi));
      std::optional<bool> r;
      if ((ge && !*ge) || (le && !*le))
        r = false;
      else if (ge && le)
        r = true;
      if (r && e.negated) r = !*r;
      return Tri(r);
    }
    case BoundKind::kLike: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
      TETRADB_SQL_ASSIGN_OR_RETURN(Value p, Eval(*e.args[1], env));
      char escape = '\\';
      if (e.args.size() > 2) {
        TETRADB_SQL_ASSIGN_OR_RETURN(Value esc, Eval(*e.args[2], env));
        std::string s = esc.is_null() ? std::string() : ToText(esc);
        if (s.size() > 1) return err::IncorrectArguments("ESCAPE");
        escape = s.empty() ? '\0' : s[0];
      }
      if (a.is_null() || p.is_null()) return Value::Null();
      bool m = LikeMatch(ToText(a), ToText(p), escape);
      return Value::Bool(m != e.negated);
    }
    case BoundKind::kIsNull: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
      return Value::Bool(a.is_null() != e.negated);
    }
    case BoundKind::kIsBool: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
      auto t = Truth(a);
      bool r = t.has_value() && *t == e.bool_value;
      return Value::Bool(r != e.negated);
    }
    case BoundKind::kInterval:
      return err::Syntax(env.ctx->sql, e.ast != nullptr ? e.ast->pos : 0);
    case BoundKind::kCast: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
      return CastValue(a, e.cast_type, e.Text());
    }
    case BoundKind::kEnumIndex: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
      if (a.kind() != ValueKind::kString) return a;
      const auto& members = *e.enum_values;
      for (size_t i = 0; i < members.size(); ++i) {
        if (members[i] == a.string_value()) return Value::Int(static_cast<int64_t>(i) + 1);
      }
      return Value::Int(0);  // '' (an invalid value stored without strict mode)
    }
    case BoundKind::kJsonExtract: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*e.args[0], env));
      TETRADB_SQL_ASSIGN_OR_RETURN(Value p, Eval(*e.args[1], env));
      return JsonExtractValue(a, p, e.unquote);
    }
    case BoundKind::kRow:
      return err::OperandColumns(1);
    case BoundKind::kInsertValue:
      if (env.insert_row == nullptr) return Value::Null();
      return (*env.insert_row)[e.index];
  }
  return Value::Null();
}

SqlResult<bool> EvalTrue(const BoundExpr& e, const EvalEnv& env) {
  TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(e, env));
  auto t = Truth(v);
  return t.has_value() && *t;
}

SqlResult<bool> AllTrue(const std::vector<BoundPtr>& conds, const EvalEnv& env) {
  for (const BoundPtr& c : conds) {
    TETRADB_SQL_ASSIGN_OR_RETURN(bool ok, EvalTrue(*c, env));
    if (!ok) return false;
  }
  return true;
}

namespace {

SqlResult<Value> EvalFunction(const BoundExpr& e, const EvalEnv& env) {
  if (e.fn->special != SpecialFn::kNone) return EvalSpecialFunction(e, env);
  std::vector<Value> args;
  args.reserve(e.args.size());
  for (const BoundPtr& a : e.args) {
    TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*a, env));
    args.push_back(std::move(v));
  }
  FnEnv fenv{env.ctx, &e};
  return e.fn->impl(args, fenv);
}

}  // namespace
}  // namespace tetradb::rel::sql
