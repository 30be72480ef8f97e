// Window functions: OVER clauses, window specifications and frames, and the
// WINDOW clause of a SELECT.
//
//   call OVER name | OVER ( [name] [PARTITION BY e, ...] [ORDER BY ...] [frame] )
//   frame: {ROWS | RANGE} {bound | BETWEEN bound AND bound}
//   bound: UNBOUNDED PRECEDING | n PRECEDING | CURRENT ROW | n FOLLOWING |
//          UNBOUNDED FOLLOWING          (n: a number, `?`, INTERVAL n unit)
//
// As in MySQL's grammar, ROW_NUMBER and the other window-only functions
// need OVER, OVER may follow only them and aggregates (GROUP_CONCAT
// excepted), and the ranking functions take no arguments (1064 otherwise).
// What MySQL parses and refuses is 1235: GROUPS frames, EXCLUDE, IGNORE
// NULLS, NTH_VALUE ... FROM LAST. Counts (NTILE's, LAG / LEAD's offset,
// NTH_VALUE's position) are an unsigned integer, `?` or a @variable.
#include "models/relational/sql/parser/parser_internal.h"

namespace tetradb::rel::sql {
namespace {

constexpr std::string_view kRankingFunctions[] = {"ROW_NUMBER", "RANK", "DENSE_RANK",
                                                  "PERCENT_RANK", "CUME_DIST"};
constexpr std::string_view kValueFunctions[] = {"NTILE",       "LAG",        "LEAD",
                                                "FIRST_VALUE", "LAST_VALUE", "NTH_VALUE"};
// Aggregates MySQL computes over a window (GROUP_CONCAT is not one).
constexpr std::string_view kWindowAggregates[] = {
    "COUNT",   "SUM", "AVG",    "MIN",        "MAX",      "BIT_AND", "BIT_OR",
    "BIT_XOR", "STD", "STDDEV", "STDDEV_POP", "VARIANCE", "VAR_POP"};

template <size_t N>
bool InList(const std::string_view (&list)[N], std::string_view word) {
  for (std::string_view w : list) {
    if (w == word) return true;
  }
  return false;
}

// Arguments each window-only function takes: [min, max].
std::pair<size_t, size_t> WindowArity(std::string_view name) {
  if (InList(kRankingFunctions, name)) return {0, 0};
  if (name == "LAG" || name == "LEAD") return {1, 3};
  if (name == "NTH_VALUE") return {2, 2};
  return {1, 1};  // NTILE, FIRST_VALUE, LAST_VALUE
}

// NTILE's count, LAG / LEAD's offset and NTH_VALUE's position are, in
// MySQL's grammar, an unsigned integer, `?` or a variable: anything else is
// 1064 where it starts, a bare name 1327 (a stored routine's variable,
// which outside one is undeclared).
SqlStatus CheckCountArgument(const Expr& e, std::string_view sql) {
  switch (e.kind) {
    case ExprKind::kParam:
      return SqlStatus::Ok();
    case ExprKind::kLiteral:
      if (e.literal.kind() == ValueKind::kUInt ||
          (e.literal.kind() == ValueKind::kInt && e.literal.int_value() >= 0 &&
           e.text.find('-') == std::string::npos)) {
        return SqlStatus::Ok();
      }
      break;
    case ExprKind::kFunction:
      if (!e.name.empty() && e.name[0] == '@' && (e.name.size() < 2 || e.name[1] != '@')) {
        return SqlStatus::Ok();  // @user_variable
      }
      break;
    case ExprKind::kColumn:
      if (e.table.empty()) {
        return SqlError{1327, "42000", "Undeclared variable: " + e.name};
      }
      break;
    default:
      break;
  }
  return err::Syntax(sql, e.pos);
}

}  // namespace

bool IsRankingWindowFunction(std::string_view upper_name) {
  return InList(kRankingFunctions, upper_name);
}

SqlStatus Parser::ParseOverClause(Expr* call, const std::string& name) {
  const bool window_only = InList(kRankingFunctions, name) || InList(kValueFunctions, name);
  if (window_only) {
    auto [min_args, max_args] = WindowArity(name);
    if (call->args.size() < min_args || call->args.size() > max_args) return ErrorHere();
    const size_t count_arg = name == "NTILE" ? 0 : 1;  // LAG, LEAD, NTH_VALUE: the second
    if ((name == "NTILE" || name == "LAG" || name == "LEAD" || name == "NTH_VALUE") &&
        count_arg < call->args.size()) {
      TETRADB_SQL_RETURN_IF_ERROR(CheckCountArgument(*call->args[count_arg], sql_));
    }
    if (name == "NTH_VALUE" && AcceptKeyword("FROM")) {
      if (AcceptKeyword("LAST")) return err::NotSupported("FROM LAST");
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("FIRST"));
    }
    if (name == "LAG" || name == "LEAD" || name == "FIRST_VALUE" || name == "LAST_VALUE" ||
        name == "NTH_VALUE") {
      if (AcceptKeyword("IGNORE")) {
        TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("NULLS"));
        return err::NotSupported("IGNORE NULLS");
      }
      if (AcceptKeyword("RESPECT")) TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("NULLS"));
    }
  }
  if (!PeekKeyword("OVER")) return window_only ? SqlStatus(ErrorHere()) : SqlStatus::Ok();
  if (!window_only && !InList(kWindowAggregates, name)) return ErrorHere();
  auto spec = std::make_unique<WindowSpec>();
  spec->pos = Here();
  Next();  // OVER
  if (PeekName()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(spec->base, ParseName());
    spec->bare = true;
  } else {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
    TETRADB_SQL_RETURN_IF_ERROR(ParseWindowSpecBody(spec.get()));
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  }
  call->over = std::move(spec);
  return SqlStatus::Ok();
}

SqlStatus Parser::ParseWindowSpecBody(WindowSpec* spec) {
  DepthScope scope(this);
  if (scope.TooDeep()) return ErrorHere();
  if (PeekName()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(spec->base, ParseName());
  }
  if (AcceptKeyword("PARTITION")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
    TETRADB_SQL_ASSIGN_OR_RETURN(spec->partition_by, ParseExprList());
  }
  if (AcceptKeyword("ORDER")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("BY"));
    TETRADB_SQL_ASSIGN_OR_RETURN(spec->order_by, ParseOrderByList());
  }
  if (PeekKeyword("ROWS") || PeekKeyword("RANGE") || PeekKeyword("GROUPS")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(spec->frame, ParseWindowFrame());
  }
  return SqlStatus::Ok();
}

SqlResult<std::unique_ptr<WindowFrame>> Parser::ParseWindowFrame() {
  auto frame = std::make_unique<WindowFrame>();
  frame->pos = Here();
  if (AcceptKeyword("GROUPS")) return err::NotSupported("GROUPS");
  frame->units = IsKeyword(Next(), "ROWS") ? FrameUnits::kRows : FrameUnits::kRange;
  if (AcceptKeyword("BETWEEN")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(frame->start, ParseFrameBound());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("AND"));
    TETRADB_SQL_ASSIGN_OR_RETURN(frame->end, ParseFrameBound());
  } else {
    TETRADB_SQL_ASSIGN_OR_RETURN(frame->start, ParseFrameBound());
    frame->end.kind = FrameBoundKind::kCurrentRow;
  }
  if (PeekKeyword("EXCLUDE")) return err::NotSupported("EXCLUDE");
  return frame;
}

SqlResult<FrameBound> Parser::ParseFrameBound() {
  FrameBound b;
  if (AcceptKeyword("UNBOUNDED")) {
    if (AcceptKeyword("PRECEDING")) {
      b.kind = FrameBoundKind::kUnboundedPreceding;
    } else {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("FOLLOWING"));
      b.kind = FrameBoundKind::kUnboundedFollowing;
    }
    return b;
  }
  if (AcceptKeyword("CURRENT")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("ROW"));
    b.kind = FrameBoundKind::kCurrentRow;
    return b;
  }
  // A number, `?` or INTERVAL n unit (MySQL's grammar allows no more).
  if (PeekKeyword("INTERVAL")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(b.offset, ParsePrimary());
  } else {
    const Token& t = Peek();
    if (t.kind != TokenKind::kNumber && t.kind != TokenKind::kParam) return ErrorHere();
    TETRADB_SQL_ASSIGN_OR_RETURN(b.offset, ParsePrimary());
  }
  if (AcceptKeyword("PRECEDING")) {
    b.kind = FrameBoundKind::kPreceding;
  } else {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("FOLLOWING"));
    b.kind = FrameBoundKind::kFollowing;
  }
  return b;
}

SqlStatus Parser::ParseWindowClause(SelectStmt* s) {
  do {
    WindowSpec spec;
    spec.pos = Here();
    TETRADB_SQL_ASSIGN_OR_RETURN(spec.name, ParseName());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("AS"));
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
    TETRADB_SQL_RETURN_IF_ERROR(ParseWindowSpecBody(&spec));
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
    s->windows.push_back(std::move(spec));
  } while (AcceptOp(","));
  return SqlStatus::Ok();
}

int Parser::WindowSpecHeight(const WindowSpec& spec) const {
  int h = 0;
  for (const ExprPtr& e : spec.partition_by) h = std::max(h, HeightOf(e.get()));
  for (const OrderItem& o : spec.order_by) h = std::max(h, HeightOf(o.expr.get()));
  if (spec.frame != nullptr) {
    h = std::max(h, HeightOf(spec.frame->start.offset.get()));
    h = std::max(h, HeightOf(spec.frame->end.offset.get()));
  }
  return h;
}

}  // namespace tetradb::rel::sql
