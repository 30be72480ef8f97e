// The recursive-descent parser shared by parser*.cc. Not part of the API:
// callers use parser.h.
//
// One Parser parses one statement from a token vector. Every node gets the
// byte offset of its first token (`pos`); every expression gets its exact
// source text (`text`). A failure is 1064 at the token that could not be
// consumed, or 1235 for MySQL syntax tetradb recognises but does not
// implement (window functions, multi-table UPDATE, ...).
//
// Bad input never overflows the stack: nesting (parentheses, function
// arguments, unary operators, subqueries, derived tables) is limited to
// kMaxDepth levels, and every expression tree, subqueries included, to
// kMaxHeight levels (long AND/OR chains), beyond which the statement is
// refused with 1064 at the token where the limit was reached. The deepest
// accepted statement parses in well under 512 KiB of stack (tested), and
// a recursive walk of any tree (destructors, evaluation) is at most
// kMaxHeight expression levels deep.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "models/relational/sql/parser/ast.h"
#include "models/relational/sql/parser/lexer.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel::sql {

class Parser {
 public:
  static constexpr int kMaxDepth = 64;
  static constexpr int kMaxHeight = 1000;

  // `sql` is the text the token positions refer to, cut at the statement's
  // end (so 1064 quotes stop there).
  Parser(std::string_view sql, std::vector<Token> tokens) : sql_(sql), tokens_(std::move(tokens)) {}

  // The whole statement: one statement, an optional `;`, then the end.
  SqlResult<std::unique_ptr<Statement>> ParseStatement();

  // --- tokens (parser.cc) ---------------------------------------------------
  const Token& Peek(size_t ahead = 0) const;
  const Token& Next();
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  // Start of the next token / end of the last consumed one.
  size_t Here() const { return Peek().pos; }
  size_t PrevEnd() const { return prev_end_; }

  static bool IsKeyword(const Token& t, std::string_view kw);
  bool PeekKeyword(std::string_view kw, size_t ahead = 0) const {
    return IsKeyword(Peek(ahead), kw);
  }
  bool AcceptKeyword(std::string_view kw);
  SqlStatus ExpectKeyword(std::string_view kw);
  // ExpectKeyword for each word of "PRIMARY KEY"-like sequences.
  SqlStatus ExpectKeywords(std::initializer_list<std::string_view> kws);
  bool PeekOp(std::string_view op, size_t ahead = 0) const;
  bool AcceptOp(std::string_view op);
  SqlStatus ExpectOp(std::string_view op);

  SqlError ErrorAt(const Token& t) const { return err::Syntax(sql_, t.pos); }
  SqlError ErrorHere() const { return ErrorAt(Peek()); }

  // A name: a non-reserved word or a `quoted` one.
  bool PeekName(size_t ahead = 0) const;
  SqlResult<std::string> ParseName();
  // After a '.', any word is a name, reserved or not.
  SqlResult<std::string> ParseNameAfterDot();
  // [db.]table -> table.
  SqlResult<std::string> ParseTableName();
  // 'text' (adjacent strings joined).
  SqlResult<std::string> ParseString();
  // A name or a string (aliases, charset names, option values).
  SqlResult<std::string> ParseNameOrString();
  // (a, b, c)
  SqlResult<std::vector<std::string>> ParseNameList();

  // --- expressions (parser_expr.cc, parser_expr_primary.cc) -----------------
  SqlResult<ExprPtr> ParseExpr();
  // An operand of | and tighter operators: no comparison, IN, AND, ... (the
  // needle of POSITION(a IN b)).
  SqlResult<ExprPtr> ParseBitExpr();
  SqlResult<std::vector<ExprPtr>> ParseExprList();  // e, e, ... (at least one)
  // -5, 'x', NULL, TRUE, DATE '...': a DEFAULT value.
  SqlResult<ExprPtr> ParseSignedLiteral();

  // --- SELECT (parser_select.cc) ------------------------------------------------
  // A query expression: [WITH ...] SELECT ... [UNION ...] [ORDER BY]
  // [LIMIT], possibly parenthesized. `with`: a WITH clause the caller has
  // already parsed (a statement starting with WITH), for this expression.
  SqlResult<std::unique_ptr<SelectStmt>> ParseSelect(std::unique_ptr<WithClause> with = nullptr);
  bool PeekSelectStart(size_t ahead = 0) const;  // SELECT, WITH, (SELECT or (WITH
  // WITH [RECURSIVE] name [(cols)] AS (query), ...
  SqlResult<std::unique_ptr<WithClause>> ParseWithClause();
  SqlResult<std::vector<OrderItem>> ParseOrderByList();  // after ORDER BY
  // LIMIT's argument: an integer literal or `?`.
  SqlResult<ExprPtr> ParseLimitValue();

  // --- statements -----------------------------------------------------------
  SqlResult<std::unique_ptr<Statement>> ParseInsert();  // parser_dml.cc
  SqlResult<std::unique_ptr<Statement>> ParseUpdate();
  SqlResult<std::unique_ptr<Statement>> ParseDelete();
  SqlResult<Assignment> ParseAssignment();
  SqlResult<std::unique_ptr<Statement>> ParseCreate();  // parser_ddl.cc
  SqlResult<std::unique_ptr<Statement>> ParseDrop();
  SqlResult<std::unique_ptr<Statement>> ParseAlter();
  SqlResult<std::unique_ptr<Statement>> ParseTruncate();
  SqlResult<ColumnSpec> ParseColumnSpec();
  // PRIMARY KEY / UNIQUE / INDEX / FOREIGN KEY, CONSTRAINT name prefix
  // included; `pos` is where the element started. CHECK (...) is parsed and
  // ignored: nullopt.
  SqlResult<std::optional<ConstraintSpec>> ParseConstraint();
  bool PeekConstraintStart() const;
  // A column's type / CAST's target type (parser_types.cc).
  SqlResult<ColumnType> ParseColumnType();
  SqlResult<ColumnType> ParseCastType();
  SqlResult<std::unique_ptr<Statement>> ParseShow();  // parser.cc
  SqlResult<std::unique_ptr<Statement>> ParseSet();
  SqlResult<std::unique_ptr<Statement>> ParseDescribe();

  // Sets pos/text of `e` to the source from `start` to the last consumed
  // token and checks the tree height.
  SqlResult<ExprPtr> Finish(ExprPtr e, size_t start);
  // Nesting guard: ++depth now, --depth when the scope ends.
  class DepthScope {
   public:
    explicit DepthScope(Parser* p) : p_(p) { ++p_->depth_; }
    ~DepthScope() { --p_->depth_; }
    bool TooDeep() const { return p_->depth_ > kMaxDepth; }

   private:
    Parser* p_;
  };

 private:
  SqlResult<std::unique_ptr<Statement>> ParseStatementBody();

  // parser_expr.cc: precedence levels, loosest first.
  SqlResult<ExprPtr> ParseBinary(bool logical, int min_precedence);
  SqlResult<ExprPtr> ParseNot();
  SqlResult<ExprPtr> ParseComparison();
  SqlResult<ExprPtr> ParsePredicate();
  SqlResult<ExprPtr> ParseUnary();
  SqlResult<ExprPtr> ParsePostfix();
  // parser_expr_primary.cc
 public:
  SqlResult<ExprPtr> ParsePrimary();

 private:
  SqlResult<ExprPtr> ParseParenthesized();
  SqlResult<ExprPtr> ParseWordPrimary();
  SqlResult<ExprPtr> ParseColumnRef();
  SqlResult<ExprPtr> ParseFunctionCall();
  SqlResult<ExprPtr> ParseFunctionArgs(ExprPtr call, const std::string& name);
  SqlResult<ExprPtr> ParseCase();
  SqlResult<ExprPtr> ParseCast(bool convert);
  SqlResult<ExprPtr> ParseInterval();
  SqlResult<ExprPtr> ParseVariable();
  SqlResult<ExprPtr> ParseSubqueryExpr(ExprKind kind, size_t start);
  int HeightOf(const Expr* e) const;

  // parser_window.cc
  // After a call's ')': [RESPECT NULLS] [OVER ...]; `call` gets `over`.
  // Window-only functions (ROW_NUMBER, LAG, ...) must have OVER; other
  // calls than aggregates may not.
  SqlStatus ParseOverClause(Expr* call, const std::string& name);
  // The inside of OVER (...) / WINDOW w AS (...), up to ')'.
  SqlStatus ParseWindowSpecBody(WindowSpec* spec);
  SqlResult<std::unique_ptr<WindowFrame>> ParseWindowFrame();
  SqlResult<FrameBound> ParseFrameBound();
  // WINDOW w AS (...), ... (the keyword consumed)
  SqlStatus ParseWindowClause(SelectStmt* s);
  int WindowSpecHeight(const WindowSpec& spec) const;

  // parser_select.cc
  SqlResult<std::unique_ptr<SelectStmt>> ParseQueryExpression(std::unique_ptr<WithClause> with);
  SqlResult<std::unique_ptr<SelectStmt>> ParseSelectTerm(bool* parenthesized);
  SqlResult<std::unique_ptr<SelectStmt>> ParseSelectBody();
  SqlStatus ParseSelectItems(SelectStmt* s);
  SqlStatus ParseTableRefs(std::vector<TableRef>* from);
  SqlStatus ParseTableFactor(std::vector<TableRef>* from, JoinType join);
  SqlStatus ParseJoinCondition(TableRef* ref, bool required);
  SqlStatus ParseLimit(ExprPtr* limit, ExprPtr* offset);
  SqlStatus ParseLockingClause(SelectStmt* s);
  SqlResult<std::string> ParseOptionalAlias();

  // parser_ddl.cc
  SqlResult<std::unique_ptr<Statement>> ParseCreateTable(size_t start);
  SqlResult<std::unique_ptr<Statement>> ParseCreateIndex(size_t start, bool unique);
  SqlStatus ParseColumnAttributes(ColumnSpec* col);
  SqlStatus ParseTableOptions(CreateTableStatement* stmt);
  SqlResult<std::vector<IndexColumn>> ParseIndexColumns();
  SqlResult<FkAction> ParseFkAction();
  SqlStatus SkipReferences();
  SqlStatus SkipIndexOptions();
  SqlResult<AlterAction> ParseAlterAction();

  std::string_view sql_;
  std::vector<Token> tokens_;
  size_t next_ = 0;
  size_t prev_end_ = 0;
  int depth_ = 0;
  // Heights of expression nodes above the leaves (absent: 1). A node with a
  // subquery counts the subquery's height, so that no path through the
  // whole tree (as destructors and evaluators walk it) exceeds kMaxHeight.
  std::unordered_map<const Expr*, int> heights_;
  std::unordered_map<const SelectStmt*, int> select_heights_;
  int select_max_height_ = 0;  // tallest expression in the SELECT being parsed
};

// RENAME TABLE a TO b [, c TO d] (parser_ddl.cc).
SqlResult<std::unique_ptr<Statement>> ParseRenameTableStatement(Parser* p);
// LOCK TABLES ... / UNLOCK TABLES (parser_ddl.cc).
SqlResult<std::unique_ptr<Statement>> ParseLockTablesStatement(Parser* p);

// ROW_NUMBER, RANK, DENSE_RANK, PERCENT_RANK, CUME_DIST: no arguments.
bool IsRankingWindowFunction(std::string_view upper_name);

// MySQL errors the parser raises besides 1064.
SqlError DerivedTableAlias();                                              // 1248
SqlError UnionOrderLimit(bool limit);                                      // 1221
SqlError IncorrectLiteral(std::string_view type, std::string_view value);  // 1525

}  // namespace tetradb::rel::sql
