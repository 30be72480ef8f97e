// Functions the registry marks special: they choose which arguments to
// evaluate (IF, IFNULL, COALESCE, NULLIF) or take an INTERVAL or a unit
// keyword (DATE_ADD, TIMESTAMPDIFF, TIMESTAMPADD, EXTRACT).
#include "models/relational/sql/execution/eval.h"
#include "models/relational/sql/execution/functions.h"

namespace tetradb::rel::sql {
namespace {

std::optional<IntervalUnit> UnitOf(const BoundExpr& e) {
  if (e.kind != BoundKind::kConst || e.value.kind() != ValueKind::kString) return std::nullopt;
  std::string_view name = e.value.string_value();
  if (name.size() > 8 && (name.substr(0, 8) == "SQL_TSI_" || name.substr(0, 8) == "sql_tsi_")) {
    name.remove_prefix(8);
  }
  return ParseIntervalUnit(name);
}

int64_t UnitMicros(IntervalUnit u) {
  switch (u) {
    case IntervalUnit::kMicrosecond:
      return 1;
    case IntervalUnit::kSecond:
      return 1'000'000;
    case IntervalUnit::kMinute:
      return 60'000'000;
    case IntervalUnit::kHour:
      return 3'600'000'000LL;
    case IntervalUnit::kDay:
      return 86'400'000'000LL;
    case IntervalUnit::kWeek:
      return 7 * 86'400'000'000LL;
    default:
      return 0;
  }
}

SqlResult<Value> TimestampDiff(IntervalUnit unit, const Value& a, const Value& b) {
  if (a.is_null() || b.is_null()) return Value::Null();
  auto x = ToDateTime(a);
  auto y = ToDateTime(b);
  if (!x || !y) return Value::Null();
  int64_t per = UnitMicros(unit);
  if (per > 0) return Value::Int((y->micros - x->micros) / per);
  // Months: whole months elapsed, comparing day and time of day.
  auto split = [](DateTime dt, CivilDate* d, int64_t* tod) {
    int64_t day = dt.micros >= 0 ? dt.micros / 86'400'000'000LL
                                 : -((-dt.micros + 86'400'000'000LL - 1) / 86'400'000'000LL);
    *d = CivilFromDays(static_cast<int32_t>(day));
    *tod = dt.micros - day * 86'400'000'000LL;
  };
  CivilDate dx, dy;
  int64_t tx, ty;
  split(*x, &dx, &tx);
  split(*y, &dy, &ty);
  int64_t months = (int64_t{dy.year} * 12 + dy.month) - (int64_t{dx.year} * 12 + dx.month);
  auto later = [](const CivilDate& d1, int64_t t1, const CivilDate& d2, int64_t t2) {
    return d1.day != d2.day ? d1.day > d2.day : t1 > t2;
  };
  if (months > 0 && later(dx, tx, dy, ty)) --months;
  if (months < 0 && later(dy, ty, dx, tx)) ++months;
  if (unit == IntervalUnit::kQuarter) months /= 3;
  if (unit == IntervalUnit::kYear) months /= 12;
  return Value::Int(months);
}

}  // namespace

SqlResult<Value> EvalSpecialFunction(const BoundExpr& e, const EvalEnv& env) {
  const auto& args = e.args;
  switch (e.fn->special) {
    case SpecialFn::kIf: {
      TETRADB_SQL_ASSIGN_OR_RETURN(bool c, EvalTrue(*args[0], env));
      return Eval(*args[c ? 1 : 2], env);
    }
    case SpecialFn::kIfNull: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*args[0], env));
      if (!a.is_null()) return a;
      return Eval(*args[1], env);
    }
    case SpecialFn::kCoalesce:
      for (const BoundPtr& a : args) {
        TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*a, env));
        if (!v.is_null()) return v;
      }
      return Value::Null();
    case SpecialFn::kNullIf: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*args[0], env));
      TETRADB_SQL_ASSIGN_OR_RETURN(Value b, Eval(*args[1], env));
      if (!a.is_null() && !b.is_null() && Compare(a, b) == 0) return Value::Null();
      return a;
    }
    case SpecialFn::kDateAdd:
    case SpecialFn::kDateSub: {
      TETRADB_SQL_ASSIGN_OR_RETURN(Value base, Eval(*args[0], env));
      IntervalUnit unit = IntervalUnit::kDay;
      const BoundExpr* amount = args[1].get();
      if (amount->kind == BoundKind::kInterval) {
        unit = amount->interval_unit;
        amount = amount->args[0].get();
      }
      TETRADB_SQL_ASSIGN_OR_RETURN(Value n, Eval(*amount, env));
      return AddIntervalValue(base, n, unit, e.fn->special == SpecialFn::kDateSub);
    }
    case SpecialFn::kTimestampDiff: {
      auto unit = UnitOf(*args[0]);
      if (!unit) return err::Syntax(env.ctx->sql, args[0]->ast ? args[0]->ast->pos : 0);
      TETRADB_SQL_ASSIGN_OR_RETURN(Value a, Eval(*args[1], env));
      TETRADB_SQL_ASSIGN_OR_RETURN(Value b, Eval(*args[2], env));
      return TimestampDiff(*unit, a, b);
    }
    case SpecialFn::kTimestampAdd: {
      auto unit = UnitOf(*args[0]);
      if (!unit) return err::Syntax(env.ctx->sql, args[0]->ast ? args[0]->ast->pos : 0);
      TETRADB_SQL_ASSIGN_OR_RETURN(Value n, Eval(*args[1], env));
      TETRADB_SQL_ASSIGN_OR_RETURN(Value d, Eval(*args[2], env));
      return AddIntervalValue(d, n, *unit, false);
    }
    case SpecialFn::kExtract: {
      auto unit = UnitOf(*args[0]);
      if (!unit) return err::Syntax(env.ctx->sql, args[0]->ast ? args[0]->ast->pos : 0);
      TETRADB_SQL_ASSIGN_OR_RETURN(Value d, Eval(*args[1], env));
      if (d.is_null()) return d;
      auto dt = ToDateTime(d);
      if (!dt) return Value::Null();
      int64_t day = dt->micros >= 0 ? dt->micros / 86'400'000'000LL
                                    : -((-dt->micros + 86'400'000'000LL - 1) / 86'400'000'000LL);
      int64_t tod = dt->micros - day * 86'400'000'000LL;
      CivilDate c = CivilFromDays(static_cast<int32_t>(day));
      switch (*unit) {
        case IntervalUnit::kYear:
          return Value::Int(c.year);
        case IntervalUnit::kQuarter:
          return Value::Int((c.month + 2) / 3);
        case IntervalUnit::kMonth:
          return Value::Int(c.month);
        case IntervalUnit::kWeek: {
          int32_t jan1 = DaysFromCivil({c.year, 1, 1});
          int wd = static_cast<int>(((jan1 % 7) + 7 + 4) % 7);  // 0 = Sunday
          int first_sunday = (7 - wd) % 7;
          int doy = static_cast<int>(day) - jan1;
          return Value::Int(doy < first_sunday ? 0 : (doy - first_sunday) / 7 + 1);
        }
        case IntervalUnit::kDay:
          return Value::Int(c.day);
        case IntervalUnit::kHour:
          return Value::Int(tod / 3'600'000'000LL);
        case IntervalUnit::kMinute:
          return Value::Int(tod / 60'000'000 % 60);
        case IntervalUnit::kSecond:
          return Value::Int(tod / 1'000'000 % 60);
        case IntervalUnit::kMicrosecond:
          return Value::Int(tod % 1'000'000);
      }
      return Value::Null();
    }
    case SpecialFn::kNone:
      break;
  }
  return Value::Null();
}

}  // namespace tetradb::rel::sql
