#include "models/relational/sql/execution/aggregate.h"

#include <cmath>

#include "models/relational/sql/execution/query_exec.h"

namespace tetradb::rel::sql {
namespace {

std::string AggText(const AggregateSpec& spec) {
  return spec.ast != nullptr ? spec.ast->text : std::string("aggregate");
}

}  // namespace

SqlStatus AggState::AddNumber(const Value& v) {
  if (!use_double_) {
    std::optional<Decimal> d;
    switch (v.kind()) {
      case ValueKind::kInt:
        d = Decimal::FromInt(v.int_value());
        break;
      case ValueKind::kUInt:
        d = Decimal::FromUInt(v.uint_value());
        break;
      case ValueKind::kDecimal:
        d = v.decimal_value();
        break;
      default:
        break;
    }
    if (d) {
      auto sum = count_ == 0 ? std::optional<Decimal>(*d) : exact_sum_.Add(*d);
      if (!sum) return err::ValueOutOfRange("DECIMAL", AggText(*spec_));
      exact_sum_ = *sum;
      return SqlStatus::Ok();
    }
    use_double_ = true;
    double_sum_ = count_ == 0 ? 0 : exact_sum_.ToDouble();
  }
  double x = v.kind() == ValueKind::kString ? StringToDouble(v.string_value()) : ToDouble(v);
  double_sum_ += x;
  return SqlStatus::Ok();
}

SqlStatus AggState::Add(const EvalEnv& env) {
  const AggregateSpec& s = *spec_;
  if (s.kind == AggKind::kCountStar) {
    ++count_;
    return SqlStatus::Ok();
  }
  std::vector<Value>& args = args_;
  args.clear();
  for (const BoundPtr& a : s.args) {
    TETRADB_SQL_ASSIGN_OR_RETURN(Value v, Eval(*a, env));
    if (v.is_null()) return SqlStatus::Ok();  // every aggregate skips NULL inputs
    args.push_back(std::move(v));
  }
  if (s.distinct) {
    std::string key;
    for (const Value& v : args) AppendGroupKey(v, &key);
    if (!seen_.insert(std::move(key)).second) return SqlStatus::Ok();
  }
  const Value& v = args[0];
  switch (s.kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
      break;
    case AggKind::kSum:
    case AggKind::kAvg:
      TETRADB_SQL_RETURN_IF_ERROR(AddNumber(v));
      break;
    case AggKind::kMin:
    case AggKind::kMax: {
      if (count_ == 0) {
        best_ = v;
      } else {
        int c = Compare(v, best_);
        if (s.kind == AggKind::kMin ? c < 0 : c > 0) best_ = v;
      }
      break;
    }
    case AggKind::kBitAnd:
    case AggKind::kBitOr:
    case AggKind::kBitXor: {
      uint64_t x = v.kind() == ValueKind::kUInt ? v.uint_value()
                                                : static_cast<uint64_t>(ToInt64(v).value_or(0));
      if (s.kind == AggKind::kBitAnd)
        bits_ = count_ == 0 ? x : (bits_ & x);
      else if (s.kind == AggKind::kBitOr)
        bits_ |= x;
      else
        bits_ ^= x;
      break;
    }
    case AggKind::kStd:
    case AggKind::kVariance: {
      double x = v.kind() == ValueKind::kString ? StringToDouble(v.string_value()) : ToDouble(v);
      double delta = x - mean_;
      mean_ += delta / static_cast<double>(count_ + 1);
      m2_ += delta * (x - mean_);
      break;
    }
    case AggKind::kGroupConcat: {
      std::string text;
      for (const Value& a : args) text += ToText(a);
      std::vector<Value> keys;
      for (const SortKey& key : s.order_by) {
        TETRADB_SQL_ASSIGN_OR_RETURN(Value k, EvalSortKey(key, env));
        keys.push_back(std::move(k));
      }
      items_.emplace_back(std::move(keys), std::move(text));
      break;
    }
  }
  ++count_;
  return SqlStatus::Ok();
}

SqlResult<Value> AggState::Result(const EvalEnv& env) const {
  const AggregateSpec& s = *spec_;
  switch (s.kind) {
    case AggKind::kCountStar:
    case AggKind::kCount:
      return Value::Int(count_);
    case AggKind::kSum:
      if (count_ == 0) return Value::Null();
      if (use_double_) return Value::Double(double_sum_);
      return Value::Dec(exact_sum_);
    case AggKind::kAvg: {
      if (count_ == 0) return Value::Null();
      if (use_double_) return Value::Double(double_sum_ / static_cast<double>(count_));
      auto avg = exact_sum_.Div(Decimal::FromInt(count_));
      if (!avg) return err::ValueOutOfRange("DECIMAL", AggText(s));
      return Value::Dec(*avg);
    }
    case AggKind::kMin:
    case AggKind::kMax:
      return count_ == 0 ? Value::Null() : best_;
    case AggKind::kBitAnd:
      return Value::UInt(count_ == 0 ? ~uint64_t{0} : bits_);
    case AggKind::kBitOr:
    case AggKind::kBitXor:
      return Value::UInt(bits_);
    case AggKind::kStd:
    case AggKind::kVariance: {
      if (count_ == 0) return Value::Null();
      double var = m2_ / static_cast<double>(count_);
      return Value::Double(s.kind == AggKind::kStd ? std::sqrt(var) : var);
    }
    case AggKind::kGroupConcat: {
      if (items_.empty()) return Value::Null();
      std::vector<size_t> order(items_.size());
      for (size_t i = 0; i < order.size(); ++i) order[i] = i;
      if (!s.order_by.empty()) {
        std::vector<ValueRow> rows, keys;
        std::vector<bool> desc;
        for (const SortKey& key : s.order_by) desc.push_back(key.desc);
        for (size_t i = 0; i < items_.size(); ++i) {
          rows.push_back({Value::Int(static_cast<int64_t>(i))});
          keys.push_back(items_[i].first);
        }
        TETRADB_SQL_RETURN_IF_ERROR(SortRows(&rows, &keys, desc, *env.ctx));
        for (size_t i = 0; i < rows.size(); ++i) order[i] = rows[i][0].int_value();
      }
      std::string out;
      for (size_t i = 0; i < order.size(); ++i) {
        if (i > 0) out += s.separator;
        out += items_[order[i]].second;
        if (out.size() >= kGroupConcatMaxLen) {
          out.resize(kGroupConcatMaxLen);
          break;
        }
      }
      return Value::String(std::move(out));
    }
  }
  (void)env;
  return Value::Null();
}

}  // namespace tetradb::rel::sql
