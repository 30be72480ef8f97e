// Expressions, operator precedence: MySQL 8.0's, loosest first:
//
//   OR ||  <  XOR  <  AND &&  <  NOT  <  = <=> <> != < <= > >= IS
//   <  [NOT] IN / BETWEEN / LIKE / REGEXP  <  |  <  &  <  << >>  <  + -
//   <  * / DIV MOD %  <  ^  <  unary - + ~ !  <  -> ->> COLLATE
//
// As in MySQL's grammar, BETWEEN's lower bound and LIKE's pattern are
// bit-level expressions (so `a BETWEEN 1 AND 2 AND b` is
// `(a BETWEEN 1 AND 2) AND b`), and `NOT` binds looser than comparison
// (`NOT a = b` is `NOT (a = b)`).
#include <cctype>

#include "models/relational/sql/parser/parser_internal.h"

namespace tetradb::rel::sql {
namespace {

struct BinaryOpSpec {
  std::string_view spelling;
  bool keyword;  // a word (AND, DIV) rather than a symbol
  BinaryOp op;
  int precedence;  // within its group; higher binds tighter
};

// Two groups of left-associative operators. The logical group's operands
// are NOT-level expressions; the arithmetic group's are unary expressions.
constexpr BinaryOpSpec kLogicalOps[] = {
    {"OR", true, BinaryOp::kOr, 1},   {"||", false, BinaryOp::kOr, 1},
    {"XOR", true, BinaryOp::kXor, 2}, {"AND", true, BinaryOp::kAnd, 3},
    {"&&", false, BinaryOp::kAnd, 3},
};
constexpr BinaryOpSpec kArithmeticOps[] = {
    {"|", false, BinaryOp::kBitOr, 1},      {"&", false, BinaryOp::kBitAnd, 2},
    {"<<", false, BinaryOp::kShiftLeft, 3}, {">>", false, BinaryOp::kShiftRight, 3},
    {"+", false, BinaryOp::kAdd, 4},        {"-", false, BinaryOp::kSub, 4},
    {"*", false, BinaryOp::kMul, 5},        {"/", false, BinaryOp::kDiv, 5},
    {"%", false, BinaryOp::kMod, 5},        {"DIV", true, BinaryOp::kIntDiv, 5},
    {"MOD", true, BinaryOp::kMod, 5},       {"^", false, BinaryOp::kBitXor, 6},
};

template <size_t N>
const BinaryOpSpec* MatchOp(const Token& t, const BinaryOpSpec (&ops)[N]) {
  for (const BinaryOpSpec& spec : ops) {
    bool hit = spec.keyword ? Parser::IsKeyword(t, spec.spelling)
                            : (t.kind == TokenKind::kOp && t.text == spec.spelling);
    if (hit) return &spec;
  }
  return nullptr;
}

struct ComparisonSpec {
  std::string_view op;
  BinaryOp binary;
};
constexpr ComparisonSpec kComparisons[] = {{"=", BinaryOp::kEq},  {"<=>", BinaryOp::kNullSafeEq},
                                           {"<>", BinaryOp::kNe}, {"!=", BinaryOp::kNe},
                                           {"<", BinaryOp::kLt},  {"<=", BinaryOp::kLe},
                                           {">", BinaryOp::kGt},  {">=", BinaryOp::kGe}};

ExprPtr NewExpr(ExprKind kind) {
  auto e = std::make_unique<Expr>();
  e->kind = kind;
  return e;
}

// -literal folded into the literal: -5 is Int(-5), as MySQL reads it.
std::optional<Value> NegateLiteral(const Value& v) {
  switch (v.kind()) {
    case ValueKind::kInt:
      return Value::Int(-v.int_value());  // lexer integers are >= 0
    case ValueKind::kUInt:
      if (v.uint_value() == (uint64_t{1} << 63)) {
        return Value::Int(std::numeric_limits<int64_t>::min());
      }
      return Value::Dec(Decimal(-static_cast<__int128>(v.uint_value()), 0));
    case ValueKind::kDecimal:
      return Value::Dec(v.decimal_value().Negate());
    case ValueKind::kDouble:
      return Value::Double(-v.double_value());
    default:
      return std::nullopt;
  }
}

}  // namespace

int Parser::HeightOf(const Expr* e) const {
  if (e == nullptr) return 0;
  auto it = heights_.find(e);
  return it == heights_.end() ? 1 : it->second;
}

SqlResult<ExprPtr> Parser::Finish(ExprPtr e, size_t start) {
  e->pos = start;
  e->text = std::string(sql_.substr(start, prev_end_ > start ? prev_end_ - start : 0));
  int h = HeightOf(e->else_expr.get());
  for (const ExprPtr& a : e->args) h = std::max(h, HeightOf(a.get()));
  for (const ExprPtr& a : e->when_then) h = std::max(h, HeightOf(a.get()));
  for (const OrderItem& o : e->order_by) h = std::max(h, HeightOf(o.expr.get()));
  if (e->over) h = std::max(h, WindowSpecHeight(*e->over));
  if (e->subquery) {
    auto it = select_heights_.find(e->subquery.get());
    if (it != select_heights_.end()) h = std::max(h, it->second);
  }
  if (h + 1 > kMaxHeight) return ErrorHere();
  if (h > 0) heights_[e.get()] = h + 1;
  select_max_height_ = std::max(select_max_height_, h + 1);
  return e;
}

SqlResult<ExprPtr> Parser::ParseExpr() {
  DepthScope scope(this);
  if (scope.TooDeep()) return ErrorHere();
  return ParseBinary(/*logical=*/true, 1);
}

SqlResult<ExprPtr> Parser::ParseBitExpr() { return ParseBinary(/*logical=*/false, 1); }

SqlResult<std::vector<ExprPtr>> Parser::ParseExprList() {
  std::vector<ExprPtr> out;
  do {
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr e, ParseExpr());
    out.push_back(std::move(e));
  } while (AcceptOp(","));
  return out;
}

// Precedence climbing: operators of at least `min_precedence`, left
// associative. Recursion is bounded by the number of precedence levels.
SqlResult<ExprPtr> Parser::ParseBinary(bool logical, int min_precedence) {
  const size_t start = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr left, logical ? ParseNot() : ParseUnary());
  while (true) {
    const BinaryOpSpec* spec =
        logical ? MatchOp(Peek(), kLogicalOps) : MatchOp(Peek(), kArithmeticOps);
    if (spec == nullptr || spec->precedence < min_precedence) return left;
    Next();
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr right, ParseBinary(logical, spec->precedence + 1));
    ExprPtr e = NewExpr(ExprKind::kBinary);
    e->binary_op = spec->op;
    e->args.push_back(std::move(left));
    e->args.push_back(std::move(right));
    TETRADB_SQL_ASSIGN_OR_RETURN(left, Finish(std::move(e), start));
  }
}

SqlResult<ExprPtr> Parser::ParseNot() {
  if (!PeekKeyword("NOT")) return ParseComparison();
  DepthScope scope(this);
  if (scope.TooDeep()) return ErrorHere();
  const size_t start = Here();
  Next();
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr operand, ParseNot());
  if (operand->kind == ExprKind::kExists && !operand->negated) {
    operand->negated = true;  // NOT EXISTS (...)
    return Finish(std::move(operand), start);
  }
  ExprPtr e = NewExpr(ExprKind::kUnary);
  e->unary_op = UnaryOp::kNot;
  e->args.push_back(std::move(operand));
  return Finish(std::move(e), start);
}

SqlResult<ExprPtr> Parser::ParseComparison() {
  const size_t start = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr left, ParsePredicate());
  while (true) {
    const Token& t = Peek();
    if (IsKeyword(t, "IS")) {
      Next();
      ExprPtr e;
      bool negated = AcceptKeyword("NOT");
      if (AcceptKeyword("NULL") || AcceptKeyword("UNKNOWN")) {
        e = NewExpr(ExprKind::kIsNull);
      } else if (PeekKeyword("TRUE") || PeekKeyword("FALSE")) {
        e = NewExpr(ExprKind::kIsBool);
        e->bool_value = IsKeyword(Next(), "TRUE");
      } else {
        return ErrorHere();
      }
      e->negated = negated;
      e->args.push_back(std::move(left));
      TETRADB_SQL_ASSIGN_OR_RETURN(left, Finish(std::move(e), start));
      continue;
    }
    const ComparisonSpec* match = nullptr;
    if (t.kind == TokenKind::kOp) {
      for (const ComparisonSpec& spec : kComparisons) {
        if (t.text == spec.op) match = &spec;
      }
    }
    if (match == nullptr) return left;
    Next();
    if ((PeekKeyword("ANY") || PeekKeyword("SOME") || PeekKeyword("ALL")) && PeekOp("(", 1) &&
        PeekSelectStart(2)) {
      const bool all = IsKeyword(Next(), "ALL");
      Next();  // (
      ExprPtr e = NewExpr(ExprKind::kInSubquery);
      TETRADB_SQL_ASSIGN_OR_RETURN(e->subquery, ParseSelect());
      TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
      e->args.push_back(std::move(left));
      if (match->binary == BinaryOp::kEq && !all) {
        // = ANY is IN
      } else if (match->binary == BinaryOp::kNe && all) {
        e->negated = true;  // <> ALL is NOT IN
      } else {
        e->quantified = true;
        e->quantify_all = all;
        e->binary_op = match->binary;
      }
      TETRADB_SQL_ASSIGN_OR_RETURN(left, Finish(std::move(e), start));
      continue;
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr right, ParsePredicate());
    ExprPtr e = NewExpr(ExprKind::kBinary);
    e->binary_op = match->binary;
    e->args.push_back(std::move(left));
    e->args.push_back(std::move(right));
    TETRADB_SQL_ASSIGN_OR_RETURN(left, Finish(std::move(e), start));
  }
}

SqlResult<ExprPtr> Parser::ParsePredicate() {
  const size_t start = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr left, ParseBitExpr());
  bool negated = false;
  auto is_predicate_word = [this](size_t ahead) {
    return PeekKeyword("IN", ahead) || PeekKeyword("BETWEEN", ahead) ||
           PeekKeyword("LIKE", ahead) || PeekKeyword("REGEXP", ahead) ||
           PeekKeyword("RLIKE", ahead);
  };
  if (PeekKeyword("NOT") && is_predicate_word(1)) {
    Next();
    negated = true;
  }
  if (!is_predicate_word(0)) return left;
  const Token& word = Next();
  ExprPtr e;
  if (IsKeyword(word, "IN")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
    if (PeekKeyword("SELECT") || PeekKeyword("WITH") || (PeekOp("(") && PeekSelectStart(1))) {
      e = NewExpr(ExprKind::kInSubquery);
      TETRADB_SQL_ASSIGN_OR_RETURN(e->subquery, ParseSelect());
      e->args.push_back(std::move(left));
    } else {
      e = NewExpr(ExprKind::kInList);
      e->args.push_back(std::move(left));
      TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<ExprPtr> list, ParseExprList());
      for (ExprPtr& item : list) e->args.push_back(std::move(item));
    }
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  } else if (IsKeyword(word, "BETWEEN")) {
    DepthScope scope(this);  // the upper bound recurses: a BETWEEN b AND c BETWEEN ...
    if (scope.TooDeep()) return ErrorHere();
    e = NewExpr(ExprKind::kBetween);
    e->args.push_back(std::move(left));
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr low, ParseBitExpr());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("AND"));
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr high, ParsePredicate());
    e->args.push_back(std::move(low));
    e->args.push_back(std::move(high));
  } else if (IsKeyword(word, "LIKE")) {
    e = NewExpr(ExprKind::kLike);
    e->args.push_back(std::move(left));
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr pattern, ParseBitExpr());
    e->args.push_back(std::move(pattern));
    if (AcceptKeyword("ESCAPE")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr escape, ParseUnary());
      e->args.push_back(std::move(escape));
    }
  } else {  // REGEXP / RLIKE: the function REGEXP_LIKE(a, pattern)
    e = NewExpr(ExprKind::kFunction);
    e->name = "REGEXP_LIKE";
    e->args.push_back(std::move(left));
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr pattern, ParseBitExpr());
    e->args.push_back(std::move(pattern));
    if (negated) {
      TETRADB_SQL_ASSIGN_OR_RETURN(e, Finish(std::move(e), start));
      ExprPtr n = NewExpr(ExprKind::kUnary);
      n->unary_op = UnaryOp::kNot;
      n->args.push_back(std::move(e));
      return Finish(std::move(n), start);
    }
  }
  e->negated = negated;
  return Finish(std::move(e), start);
}

SqlResult<ExprPtr> Parser::ParseUnary() {
  const Token& t = Peek();
  const bool binary = IsKeyword(t, "BINARY") && !PeekOp("(", 1);
  if (!binary && (t.kind != TokenKind::kOp ||
                  (t.text != "-" && t.text != "+" && t.text != "~" && t.text != "!"))) {
    return ParsePostfix();
  }
  DepthScope scope(this);
  if (scope.TooDeep()) return ErrorHere();
  if (binary) {
    Next();  // BINARY x: comparisons are already bytewise
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr operand, ParseUnary());
    if (operand->collation.empty()) operand->collation = "binary";
    return operand;
  }
  const size_t start = t.pos;
  const std::string_view op = Next().text;
  if ((op == "-" || op == "+") && Peek().kind == TokenKind::kNumber) {
    // A signed number literal (MySQL folds it too): DEFAULT -1, LIMIT math.
    Value v = Next().number;
    if (op == "-") v = *NegateLiteral(v);
    ExprPtr e = NewExpr(ExprKind::kLiteral);
    e->literal = std::move(v);
    return Finish(std::move(e), start);
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr operand, ParseUnary());
  ExprPtr e = NewExpr(ExprKind::kUnary);
  e->unary_op = op == "-"   ? UnaryOp::kNeg
                : op == "+" ? UnaryOp::kPlus
                : op == "~" ? UnaryOp::kBitNot
                            : UnaryOp::kNot;
  e->args.push_back(std::move(operand));
  return Finish(std::move(e), start);
}

SqlResult<ExprPtr> Parser::ParsePostfix() {
  const size_t start = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr e, ParsePrimary());
  while (true) {
    if (PeekOp("->") || PeekOp("->>")) {
      bool unquote = Next().text == "->>";
      size_t path_pos = Here();
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string path, ParseString());
      ExprPtr path_expr = NewExpr(ExprKind::kLiteral);
      path_expr->literal = Value::String(std::move(path));
      TETRADB_SQL_ASSIGN_OR_RETURN(path_expr, Finish(std::move(path_expr), path_pos));
      ExprPtr j = NewExpr(ExprKind::kJsonExtract);
      j->unquote = unquote;
      j->args.push_back(std::move(e));
      j->args.push_back(std::move(path_expr));
      TETRADB_SQL_ASSIGN_OR_RETURN(e, Finish(std::move(j), start));
    } else if (AcceptKeyword("COLLATE")) {
      // Collations are not modelled: strings compare as utf8mb4_bin.
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string collation, ParseNameOrString());
      for (char& c : collation) {
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      e->collation = std::move(collation);
    } else {
      return e;
    }
  }
}

SqlResult<ExprPtr> Parser::ParseSignedLiteral() {
  const Token& first = Peek();
  TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr e, ParseUnary());
  if (e->kind != ExprKind::kLiteral) return ErrorAt(first);
  return e;
}

}  // namespace tetradb::rel::sql
