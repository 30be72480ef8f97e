#include "models/relational/sql/parser/ast_dump.h"

#include <fmt/format.h>

namespace tetradb::rel::sql {
namespace {

std::string Quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "''";
    else
      out.push_back(c);
  }
  return out + "'";
}

// Exact text of mantissa / 10^scale, without going through Decimal's .cc.
std::string DecimalText(const Decimal& d) {
  __int128 m = d.mantissa();
  bool negative = m < 0;
  unsigned __int128 u = negative ? -static_cast<unsigned __int128>(m) : m;
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(u % 10)));
    u /= 10;
  } while (u != 0);
  int scale = d.scale();
  if (scale > 0) {
    while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
    digits.insert(digits.end() - scale, '.');
  }
  return (negative ? "-" : "") + digits;
}

std::string LiteralText(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kNull:
      return "NULL";
    case ValueKind::kInt:
      return std::to_string(v.int_value());
    case ValueKind::kUInt:
      return "uint:" + std::to_string(v.uint_value());
    case ValueKind::kDouble:
      return fmt::format("dbl:{}", v.double_value());
    case ValueKind::kDecimal:
      return "dec:" + DecimalText(v.decimal_value());
    case ValueKind::kString:
      return Quote(v.string_value());
    case ValueKind::kDate:
      return fmt::format("date:{}", v.date_value().days);
    case ValueKind::kDateTime:
      return fmt::format("datetime:{}", v.datetime_value().micros);
  }
  return "?";
}

const char* BinaryName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kAdd:
      return "+";
    case BinaryOp::kSub:
      return "-";
    case BinaryOp::kMul:
      return "*";
    case BinaryOp::kDiv:
      return "/";
    case BinaryOp::kIntDiv:
      return "div";
    case BinaryOp::kMod:
      return "%";
    case BinaryOp::kEq:
      return "=";
    case BinaryOp::kNe:
      return "<>";
    case BinaryOp::kLt:
      return "<";
    case BinaryOp::kLe:
      return "<=";
    case BinaryOp::kGt:
      return ">";
    case BinaryOp::kGe:
      return ">=";
    case BinaryOp::kNullSafeEq:
      return "<=>";
    case BinaryOp::kAnd:
      return "and";
    case BinaryOp::kOr:
      return "or";
    case BinaryOp::kXor:
      return "xor";
    case BinaryOp::kBitAnd:
      return "&";
    case BinaryOp::kBitOr:
      return "|";
    case BinaryOp::kBitXor:
      return "^";
    case BinaryOp::kShiftLeft:
      return "<<";
    case BinaryOp::kShiftRight:
      return ">>";
    case BinaryOp::kConcatOp:
      return "||";
  }
  return "?";
}

const char* UnaryName(UnaryOp op) {
  switch (op) {
    case UnaryOp::kNot:
      return "not";
    case UnaryOp::kNeg:
      return "neg";
    case UnaryOp::kPlus:
      return "plus";
    case UnaryOp::kBitNot:
      return "~";
  }
  return "?";
}

const char* UnitName(IntervalUnit u) {
  switch (u) {
    case IntervalUnit::kMicrosecond:
      return "MICROSECOND";
    case IntervalUnit::kSecond:
      return "SECOND";
    case IntervalUnit::kMinute:
      return "MINUTE";
    case IntervalUnit::kHour:
      return "HOUR";
    case IntervalUnit::kDay:
      return "DAY";
    case IntervalUnit::kWeek:
      return "WEEK";
    case IntervalUnit::kMonth:
      return "MONTH";
    case IntervalUnit::kQuarter:
      return "QUARTER";
    case IntervalUnit::kYear:
      return "YEAR";
  }
  return "?";
}

std::string Args(const std::vector<ExprPtr>& args, size_t from = 0) {
  std::string out;
  for (size_t i = from; i < args.size(); ++i) out += " " + DumpExpr(*args[i]);
  return out;
}

std::string Order(const std::vector<OrderItem>& items) {
  std::string out;
  for (const OrderItem& o : items) {
    out += " " + DumpExpr(*o.expr) + (o.desc ? " desc" : "");
  }
  return out;
}

std::string BoundText(const FrameBound& b) {
  switch (b.kind) {
    case FrameBoundKind::kUnboundedPreceding:
      return "unbounded-preceding";
    case FrameBoundKind::kPreceding:
      return DumpExpr(*b.offset) + " preceding";
    case FrameBoundKind::kCurrentRow:
      return "current-row";
    case FrameBoundKind::kFollowing:
      return DumpExpr(*b.offset) + " following";
    case FrameBoundKind::kUnboundedFollowing:
      return "unbounded-following";
  }
  return "?";
}

// (over [base] (partition ...) (order ...) (rows|range start end))
std::string Window(const WindowSpec& w) {
  std::string out = "(over";
  if (!w.base.empty()) out += " " + w.base;
  if (!w.partition_by.empty()) out += " (partition" + Args(w.partition_by) + ")";
  if (!w.order_by.empty()) out += " (order" + Order(w.order_by) + ")";
  if (w.frame) {
    out += w.frame->units == FrameUnits::kRows ? " (rows " : " (range ";
    out += BoundText(w.frame->start) + " " + BoundText(w.frame->end) + ")";
  }
  return out + ")";
}

std::string Neg(bool negated, const char* name) {
  return negated ? std::string("not-") + name : std::string(name);
}

std::string JoinName(JoinType j) {
  switch (j) {
    case JoinType::kNone:
      return "";
    case JoinType::kInner:
      return "inner ";
    case JoinType::kLeft:
      return "left ";
    case JoinType::kRight:
      return "right ";
    case JoinType::kCross:
      return "cross ";
  }
  return "";
}

}  // namespace

std::string DumpColumnType(const ColumnType& t) {
  std::string base;
  switch (t.id) {
    case TypeId::kTinyInt:
      base = t.display_width_one ? "tinyint(1)" : "tinyint";
      break;
    case TypeId::kSmallInt:
      base = "smallint";
      break;
    case TypeId::kMediumInt:
      base = "mediumint";
      break;
    case TypeId::kInt:
      base = "int";
      break;
    case TypeId::kBigInt:
      base = "bigint";
      break;
    case TypeId::kDecimal:
      base = fmt::format("decimal({},{})", t.precision, t.scale);
      break;
    case TypeId::kFloat:
      base = "float";
      break;
    case TypeId::kDouble:
      base = "double";
      break;
    case TypeId::kChar:
      base = fmt::format("char({})", t.length);
      break;
    case TypeId::kVarChar:
      base = fmt::format("varchar({})", t.length);
      break;
    case TypeId::kText:
      base = fmt::format("text({})", t.length);
      break;
    case TypeId::kDate:
      base = "date";
      break;
    case TypeId::kDateTime:
      base = fmt::format("datetime({})", t.fsp);
      break;
    case TypeId::kTimestamp:
      base = fmt::format("timestamp({})", t.fsp);
      break;
    case TypeId::kEnum: {
      base = "enum(";
      for (size_t i = 0; i < t.enum_values.size(); ++i) {
        base += (i ? "," : "") + Quote(t.enum_values[i]);
      }
      base += ")";
      break;
    }
    case TypeId::kJson:
      base = "json";
      break;
    case TypeId::kBlob:
      base = fmt::format("blob({})", t.length);
      break;
  }
  return t.is_unsigned ? base + " unsigned" : base;
}

std::string DumpExpr(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kLiteral:
      return LiteralText(e.literal);
    case ExprKind::kParam:
      return fmt::format("?{}", e.param_index);
    case ExprKind::kColumn:
      return e.table.empty() ? e.name : e.table + "." + e.name;
    case ExprKind::kStar:
      return e.table.empty() ? "*" : e.table + ".*";
    case ExprKind::kUnary:
      return fmt::format("({}{})", UnaryName(e.unary_op), Args(e.args));
    case ExprKind::kBinary:
      return fmt::format("({}{})", BinaryName(e.binary_op), Args(e.args));
    case ExprKind::kFunction: {
      std::string out = "(" + e.name + (e.distinct ? " distinct" : "") + Args(e.args);
      if (!e.order_by.empty()) out += " (order" + Order(e.order_by) + ")";
      if (e.separator != ",") out += " (separator " + Quote(e.separator) + ")";
      if (e.over) out += " " + Window(*e.over);
      return out + ")";
    }
    case ExprKind::kCase: {
      std::string out = "(case";
      if (e.has_case_operand) out += " " + DumpExpr(*e.args[0]);
      for (size_t i = 0; i + 1 < e.when_then.size(); i += 2) {
        out += " (when " + DumpExpr(*e.when_then[i]) + " " + DumpExpr(*e.when_then[i + 1]) + ")";
      }
      if (e.else_expr) out += " (else " + DumpExpr(*e.else_expr) + ")";
      return out + ")";
    }
    case ExprKind::kInList:
      return "(" + Neg(e.negated, "in") + Args(e.args) + ")";
    case ExprKind::kInSubquery:
      if (e.quantified) {
        return std::string("(") + (e.quantify_all ? "all " : "any ") + e.text + ")";
      }
      return "(" + Neg(e.negated, "in") + Args(e.args) + " " + DumpSelect(*e.subquery) + ")";
    case ExprKind::kExists:
      return "(" + Neg(e.negated, "exists") + " " + DumpSelect(*e.subquery) + ")";
    case ExprKind::kSubquery:
      return DumpSelect(*e.subquery);
    case ExprKind::kBetween:
      return "(" + Neg(e.negated, "between") + Args(e.args) + ")";
    case ExprKind::kLike:
      return "(" + Neg(e.negated, "like") + Args(e.args) + ")";
    case ExprKind::kIsNull:
      return std::string(e.negated ? "(is-not-null" : "(is-null") + Args(e.args) + ")";
    case ExprKind::kIsBool:
      return fmt::format("(is-{}{}{})", e.negated ? "not-" : "", e.bool_value ? "true" : "false",
                         Args(e.args));
    case ExprKind::kInterval:
      return fmt::format("(interval{} {})", Args(e.args), UnitName(e.interval_unit));
    case ExprKind::kCast:
      return "(cast" + Args(e.args) + " " + DumpColumnType(e.cast_type) + ")";
    case ExprKind::kJsonExtract:
      return std::string(e.unquote ? "(->>" : "(->") + Args(e.args) + ")";
    case ExprKind::kDefault:
      return "default";
    case ExprKind::kRow:
      return "(row" + Args(e.args) + ")";
  }
  return "?";
}

std::string DumpSelect(const SelectStmt& s) {
  std::string out = "(select";
  if (s.with) {
    out += s.with->recursive ? " (with-recursive" : " (with";
    for (const CommonTableExpr& cte : s.with->ctes) {
      out += " (" + cte.name;
      if (!cte.columns.empty()) {
        out += " (";
        for (size_t i = 0; i < cte.columns.size(); ++i) out += (i ? " " : "") + cte.columns[i];
        out += ")";
      }
      out += " " + DumpSelect(*cte.query) + ")";
    }
    out += ")";
  }
  if (s.distinct) out += " distinct";
  out += " (items";
  for (const SelectItem& item : s.items) {
    out += " " + DumpExpr(*item.expr);
    if (!item.alias.empty()) out += " as " + item.alias;
  }
  out += ")";
  if (!s.from.empty()) {
    out += " (from";
    for (const TableRef& t : s.from) {
      out += " " + JoinName(t.join);
      out += t.derived ? DumpSelect(*t.derived) : t.name;
      if (!t.alias.empty()) out += " as " + t.alias;
      if (t.on) out += " on " + DumpExpr(*t.on);
      if (!t.using_columns.empty()) {
        out += " using(";
        for (size_t i = 0; i < t.using_columns.size(); ++i) {
          out += (i ? " " : "") + t.using_columns[i];
        }
        out += ")";
      }
    }
    out += ")";
  }
  if (s.where) out += " (where " + DumpExpr(*s.where) + ")";
  if (!s.group_by.empty()) out += " (group" + Args(s.group_by) + ")";
  if (s.having) out += " (having " + DumpExpr(*s.having) + ")";
  for (const WindowSpec& w : s.windows) out += " (window " + w.name + " " + Window(w) + ")";
  if (!s.order_by.empty()) out += " (order" + Order(s.order_by) + ")";
  if (s.limit) out += " (limit " + DumpExpr(*s.limit) + ")";
  if (s.offset) out += " (offset " + DumpExpr(*s.offset) + ")";
  if (s.for_update) out += " for-update";
  for (const auto& [all, member] : s.unions) {
    out += std::string(all ? " (union-all " : " (union ") + DumpSelect(*member) + ")";
  }
  if (!s.union_order_by.empty()) out += " (union-order" + Order(s.union_order_by) + ")";
  if (s.union_limit) out += " (union-limit " + DumpExpr(*s.union_limit) + ")";
  if (s.union_offset) out += " (union-offset " + DumpExpr(*s.union_offset) + ")";
  return out + ")";
}

}  // namespace tetradb::rel::sql
