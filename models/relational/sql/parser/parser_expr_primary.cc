// Primary expressions: literals, names, function calls and the special
// forms (CASE, CAST, CONVERT, INTERVAL, EXISTS, subqueries, variables).
#include <array>

#include "models/relational/sql/parser/parser_internal.h"
#include "models/relational/types/datetime.h"

namespace tetradb::rel::sql {
namespace {

ExprPtr NewExpr(ExprKind kind) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  return e;
}

// Reserved words that are also function names: `IF(`, `LEFT(`, ...
// clang-format off
constexpr std::string_view kCallableReserved[] = {
    "IF", "LEFT", "RIGHT", "REPLACE", "INSERT", "MOD", "CHAR", "DATABASE", "SCHEMA", "VALUES",
    "REPEAT", "CURRENT_DATE", "CURRENT_TIME", "CURRENT_TIMESTAMP", "LOCALTIME", "LOCALTIMESTAMP",
    "UTC_DATE", "UTC_TIME", "UTC_TIMESTAMP", "CURRENT_USER", "ROW_NUMBER", "RANK", "DENSE_RANK",
    "PERCENT_RANK", "CUME_DIST", "NTILE", "LAG", "LEAD", "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE",
    "GROUPING"};
// clang-format on

// Functions that may be written without parentheses.
constexpr std::string_view kNiladic[] = {"CURRENT_DATE", "CURRENT_TIME",   "CURRENT_TIMESTAMP",
                                         "LOCALTIME",    "LOCALTIMESTAMP", "UTC_DATE",
                                         "UTC_TIME",     "UTC_TIMESTAMP",  "CURRENT_USER"};

// Aggregates that take DISTINCT.
constexpr std::string_view kDistinctAggregates[] = {"COUNT", "SUM", "AVG",
                                                    "MIN",   "MAX", "GROUP_CONCAT"};

// Compound INTERVAL units MySQL has and tetradb does not.
constexpr std::string_view kCompoundUnits[] = {
    "SECOND_MICROSECOND", "MINUTE_MICROSECOND", "MINUTE_SECOND",   "HOUR_MICROSECOND",
    "HOUR_SECOND",        "HOUR_MINUTE",        "DAY_MICROSECOND", "DAY_SECOND",
    "DAY_MINUTE",         "DAY_HOUR",           "YEAR_MONTH"};

template <size_t N>
bool InList(const std::string_view (&list)[N], std::string_view word) {
  for (std::string_view w : list) {
    if (EqualsIgnoreCase(w, word)) return true;
  }
  return false;
}

// One spelling per function: NOW() is CURRENT_TIMESTAMP, and so on.
std::string CanonicalFunctionName(std::string upper) {
  if (upper == "NOW" || upper == "LOCALTIME" || upper == "LOCALTIMESTAMP") {
    return "CURRENT_TIMESTAMP";
  }
  if (upper == "CURDATE") return "CURRENT_DATE";
  if (upper == "CURTIME") return "CURRENT_TIME";
  if (upper == "SUBSTR" || upper == "MID") return "SUBSTRING";
  if (upper == "SCHEMA") return "DATABASE";
  return upper;
}

}  // namespace

SqlResult<ExprPtr> Parser::ParsePrimary() {
  const Token& t = Peek();
  const size_t start = t.pos;
  switch (t.kind) {
    case TokenKind::kNumber: {
      ExprPtr e = NewExpr(ExprKind::kLiteral);
      e->literal = Next().number;
      return Finish(std::move(e), start);
    }
    case TokenKind::kString: {
      ExprPtr e = NewExpr(ExprKind::kLiteral);
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string s, ParseString());
      e->literal = Value::String(std::move(s));
      return Finish(std::move(e), start);
    }
    case TokenKind::kHexString: {
      ExprPtr e = NewExpr(ExprKind::kLiteral);
      e->literal = Value::String(Next().value);
      return Finish(std::move(e), start);
    }
    case TokenKind::kParam: {
      ExprPtr e = NewExpr(ExprKind::kParam);
      e->param_index = Next().param_index;
      return Finish(std::move(e), start);
    }
    case TokenKind::kOp:
      if (t.text == "(") return ParseParenthesized();
      if (t.text == "@" || t.text == "@@") return ParseVariable();
      return ErrorAt(t);
    case TokenKind::kIdent:
    case TokenKind::kQuotedIdent:
      return ParseWordPrimary();
    case TokenKind::kEnd:
      break;
  }
  return ErrorAt(t);
}

// (expr), (a, b) row, or (SELECT ...) scalar subquery.
SqlResult<ExprPtr> Parser::ParseParenthesized() {
  const size_t start = Here();
  if (PeekKeyword("SELECT", 1) || PeekKeyword("WITH", 1)) {
    return ParseSubqueryExpr(ExprKind::kSubquery, start);
  }
  Next();  // (
  TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<ExprPtr> list, ParseExprList());
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  if (list.size() == 1) {
    // The parentheses belong to the expression's text: SELECT (1+2) names
    // its column "(1+2)".
    ExprPtr e = std::move(list[0]);
    e->pos = start;
    e->text = std::string(sql_.substr(start, prev_end_ - start));
    return e;
  }
  ExprPtr row = NewExpr(ExprKind::kRow);
  row->args = std::move(list);
  return Finish(std::move(row), start);
}

// `(SELECT ...)` as kSubquery, or after EXISTS.
SqlResult<ExprPtr> Parser::ParseSubqueryExpr(ExprKind kind, size_t start) {
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
  ExprPtr e = NewExpr(kind);
  TETRADB_SQL_ASSIGN_OR_RETURN(e->subquery, ParseSelect());
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  return Finish(std::move(e), start);
}

SqlResult<ExprPtr> Parser::ParseVariable() {
  const size_t start = Here();
  bool system = Next().text == "@@";
  std::string name;
  if (system) {
    TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseNameAfterDot());
    std::string scope = ToUpperAscii(name);
    if (PeekOp(".") && (scope == "SESSION" || scope == "GLOBAL" || scope == "LOCAL")) {
      Next();
      TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseNameAfterDot());
    }
  } else if (Peek().kind == TokenKind::kString) {
    TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseString());
  } else {
    TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseNameAfterDot());
  }
  ExprPtr e = NewExpr(ExprKind::kFunction);
  e->name = (system ? "@@" : "@") + ToLowerAscii(name);
  return Finish(std::move(e), start);
}

SqlResult<ExprPtr> Parser::ParseWordPrimary() {
  const Token& t = Peek();
  const size_t start = t.pos;
  if (t.kind == TokenKind::kQuotedIdent) {
    if (PeekOp("(", 1)) return ParseFunctionCall();
    return ParseColumnRef();
  }
  const bool call = PeekOp("(", 1);
  if (IsKeyword(t, "NULL") || IsKeyword(t, "TRUE") || IsKeyword(t, "FALSE")) {
    ExprPtr e = NewExpr(ExprKind::kLiteral);
    if (!IsKeyword(t, "NULL")) e->literal = Value::Bool(IsKeyword(t, "TRUE"));
    Next();
    return Finish(std::move(e), start);
  }
  if (IsKeyword(t, "DEFAULT") && !call) {
    Next();
    return Finish(NewExpr(ExprKind::kDefault), start);
  }
  if ((IsKeyword(t, "DATE") || IsKeyword(t, "TIMESTAMP") || IsKeyword(t, "TIME")) &&
      Peek(1).kind == TokenKind::kString) {
    const bool date = IsKeyword(t, "DATE");
    if (IsKeyword(t, "TIME")) return err::NotSupported("TIME values");
    Next();
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string text, ParseString());
    ExprPtr e = NewExpr(ExprKind::kLiteral);
    if (date) {
      std::optional<Date> d = ParseDate(text);
      if (!d) return IncorrectLiteral("DATE", text);
      e->literal = Value::DateV(*d);
    } else {
      std::optional<DateTime> dt = ParseDateTime(text);
      if (!dt) return IncorrectLiteral("DATETIME", text);
      e->literal = Value::DateTimeV(*dt);
    }
    return Finish(std::move(e), start);
  }
  if (IsKeyword(t, "INTERVAL")) return ParseInterval();
  if (IsKeyword(t, "CASE")) return ParseCase();
  if (IsKeyword(t, "CAST") && call) return ParseCast(false);
  if (IsKeyword(t, "CONVERT") && call) return ParseCast(true);
  if (IsKeyword(t, "EXISTS") && call) {
    Next();
    return ParseSubqueryExpr(ExprKind::kExists, start);
  }
  if (IsKeyword(t, "ROW") && call) {
    Next();
    Next();  // (
    ExprPtr row = NewExpr(ExprKind::kRow);
    TETRADB_SQL_ASSIGN_OR_RETURN(row->args, ParseExprList());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
    return Finish(std::move(row), start);
  }
  if (!call && InList(kNiladic, t.text)) {
    ExprPtr e = NewExpr(ExprKind::kFunction);
    e->name = CanonicalFunctionName(ToUpperAscii(Next().text));
    return Finish(std::move(e), start);
  }
  if (call && (!t.reserved || InList(kCallableReserved, t.text))) return ParseFunctionCall();
  if (t.reserved) return ErrorAt(t);
  return ParseColumnRef();
}

// [[db.]table.]column, table.*
SqlResult<ExprPtr> Parser::ParseColumnRef() {
  const size_t start = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(std::string first, ParseName());
  std::vector<std::string> parts{std::move(first)};
  while (PeekOp(".")) {
    if (parts.size() == 3) return ErrorHere();  // db.t.c is the longest name
    Next();
    if (AcceptOp("*")) {
      ExprPtr star = NewExpr(ExprKind::kStar);
      star->table = parts.back();
      return Finish(std::move(star), start);
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string part, ParseNameAfterDot());
    parts.push_back(std::move(part));
  }
  ExprPtr e = NewExpr(ExprKind::kColumn);
  e->name = std::move(parts.back());
  if (parts.size() >= 2) e->table = std::move(parts[parts.size() - 2]);
  return Finish(std::move(e), start);
}

SqlResult<ExprPtr> Parser::ParseFunctionCall() {
  const Token& t = Next();
  const size_t start = t.pos;
  std::string upper =
      ToUpperAscii(t.kind == TokenKind::kQuotedIdent ? std::string_view(t.value) : t.text);
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
  ExprPtr call = NewExpr(ExprKind::kFunction);
  call->name = CanonicalFunctionName(upper);
  TETRADB_SQL_ASSIGN_OR_RETURN(call, ParseFunctionArgs(std::move(call), upper));
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  TETRADB_SQL_RETURN_IF_ERROR(ParseOverClause(call.get(), call->name));
  return Finish(std::move(call), start);
}

// Arguments after '(' up to (not including) ')'. `name` is as written,
// upper-cased.
SqlResult<ExprPtr> Parser::ParseFunctionArgs(ExprPtr call, const std::string& name) {
  auto unit_literal = [this]() -> SqlResult<ExprPtr> {
    const Token& u = Peek();
    if (u.kind != TokenKind::kIdent) return ErrorHere();
    std::string unit = ToUpperAscii(Next().text);
    if (unit.rfind("SQL_TSI_", 0) == 0) unit = unit.substr(8);
    ExprPtr e = NewExpr(ExprKind::kLiteral);
    e->literal = Value::String(std::move(unit));
    return Finish(std::move(e), u.pos);
  };
  auto push = [&call](ExprPtr e) { call->args.push_back(std::move(e)); };

  if (PeekOp(")")) return call;  // f()
  if (IsRankingWindowFunction(name)) return ErrorHere();  // ROW_NUMBER() takes none
  if (name == "COUNT" && PeekOp("*")) {
    size_t pos = Here();
    Next();
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr star, Finish(NewExpr(ExprKind::kStar), pos));
    push(std::move(star));
    return call;
  }
  if (InList(kDistinctAggregates, name)) {
    if (AcceptKeyword("DISTINCT"))
      call->distinct = true;
    else
      AcceptKeyword("ALL");
  }
  if (name == "EXTRACT") {
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr unit, unit_literal());
    push(std::move(unit));
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("FROM"));
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr from, ParseExpr());
    push(std::move(from));
    return call;
  }
  if (name == "TIMESTAMPDIFF" || name == "TIMESTAMPADD") {
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr unit, unit_literal());
    push(std::move(unit));
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(","));
  }
  if (name == "POSITION") {
    call->name = "LOCATE";
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr needle, ParseBitExpr());
    push(std::move(needle));
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("IN"));
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr hay, ParseExpr());
    push(std::move(hay));
    return call;
  }
  if (name == "TRIM") {
    std::string mode;
    if (AcceptKeyword("LEADING"))
      mode = "TRIM_LEADING";
    else if (AcceptKeyword("TRAILING"))
      mode = "TRIM_TRAILING";
    else if (AcceptKeyword("BOTH"))
      mode = "TRIM";
    if (!mode.empty()) call->name = mode;
    ExprPtr remove;
    if (!mode.empty() && AcceptKeyword("FROM")) {  // TRIM(LEADING FROM s)
      TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr s, ParseExpr());
      push(std::move(s));
      return call;
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr first, ParseExpr());
    if (AcceptKeyword("FROM")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr s, ParseExpr());
      push(std::move(s));
      push(std::move(first));
    } else {
      if (!mode.empty()) return ErrorHere();
      push(std::move(first));
    }
    return call;
  }
  if (name == "GROUP_CONCAT") {
    TETRADB_SQL_ASSIGN_OR_RETURN(call->args, ParseExprList());
    if (AcceptKeyword("ORDER")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
      TETRADB_SQL_ASSIGN_OR_RETURN(call->order_by, ParseOrderByList());
    }
    if (AcceptKeyword("SEPARATOR")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(call->separator, ParseString());
    }
    return call;
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr first, ParseExpr());
  push(std::move(first));
  if (call->name == "SUBSTRING" && AcceptKeyword("FROM")) {  // SUBSTRING(s FROM p FOR n)
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr from, ParseExpr());
    push(std::move(from));
    if (AcceptKeyword("FOR")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr len, ParseExpr());
      push(std::move(len));
    }
    return call;
  }
  if (name == "CHAR" && AcceptKeyword("USING")) {  // CHAR(n USING cs)
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string cs, ParseNameOrString());
    (void)cs;
    return call;
  }
  while (AcceptOp(",")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr arg, ParseExpr());
    push(std::move(arg));
  }
  return call;
}

SqlResult<ExprPtr> Parser::ParseCase() {
  const size_t start = Here();
  Next();  // CASE
  ExprPtr e = NewExpr(ExprKind::kCase);
  if (!PeekKeyword("WHEN")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr operand, ParseExpr());
    e->args.push_back(std::move(operand));
    e->has_case_operand = true;
  }
  if (!PeekKeyword("WHEN")) return ErrorHere();
  while (AcceptKeyword("WHEN")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr when, ParseExpr());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("THEN"));
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr then, ParseExpr());
    e->when_then.push_back(std::move(when));
    e->when_then.push_back(std::move(then));
  }
  if (AcceptKeyword("ELSE")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(e->else_expr, ParseExpr());
  }
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("END"));
  return Finish(std::move(e), start);
}

// CAST(x AS type) / CONVERT(x, type) / CONVERT(x USING charset).
SqlResult<ExprPtr> Parser::ParseCast(bool convert) {
  const size_t start = Here();
  Next();
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
  ExprPtr e = NewExpr(ExprKind::kCast);
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr operand, ParseExpr());
  e->args.push_back(std::move(operand));
  if (convert && AcceptKeyword("USING")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string charset, ParseNameOrString());
    (void)charset;
    e->cast_type.id = TypeId::kVarChar;
    e->cast_type.length = 0;
  } else {
    if (convert) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(","));
    } else {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("AS"));
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(e->cast_type, ParseCastType());
  }
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  return Finish(std::move(e), start);
}

// INTERVAL expr unit
SqlResult<ExprPtr> Parser::ParseInterval() {
  const size_t start = Here();
  Next();  // INTERVAL
  ExprPtr e = NewExpr(ExprKind::kInterval);
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr amount, ParseExpr());
  e->args.push_back(std::move(amount));
  const Token& unit = Peek();
  if (unit.kind != TokenKind::kIdent) return ErrorHere();
  if (InList(kCompoundUnits, unit.text)) {
    return err::NotSupported("INTERVAL unit " + ToUpperAscii(unit.text));
  }
  std::optional<IntervalUnit> parsed = ParseIntervalUnit(unit.text);
  if (!parsed) return ErrorHere();
  e->interval_unit = *parsed;
  Next();
  return Finish(std::move(e), start);
}

}  // namespace tetradb::rel::sql
