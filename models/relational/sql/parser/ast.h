// The SQL syntax tree: what the parser produces and the planner consumes.
// It is purely syntactic: names are unresolved strings, and every node
// keeps `pos`, the byte offset in the statement text where it starts (for
// error messages).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "models/relational/storage/catalog.h"
#include "models/relational/types/column_type.h"
#include "models/relational/types/datetime.h"
#include "models/relational/types/value.h"

namespace tetradb::rel::sql {

struct Expr;
struct SelectStmt;
struct WithClause;
struct WindowSpec;
using ExprPtr = std::unique_ptr<Expr>;

struct OrderItem {
  ExprPtr expr;  // may be a kLiteral integer: ORDER BY 2 means the 2nd select item
  bool desc = false;
};

enum class ExprKind : uint8_t {
  kLiteral,     // literal: 1, 1.5 (decimal), 1e3 (double), 'str', NULL, TRUE;
                // a signed number is one literal (-5 is Int(-5)); TRUE/FALSE
                // are Int 1/0; X'41' / 0x41 are strings of bytes; DATE 'x' /
                // TIMESTAMP 'x' are Date / DateTime values
  kParam,       // ?  -> param_index (0-based, in text order)
  kColumn,      // [table.]column  -> table (may be empty), name
  kStar,        // * or t.* in a select list or COUNT(*) -> table (may be empty)
  kUnary,       // unary_op args[0]
  kBinary,      // args[0] binary_op args[1]
  kFunction,    // name(args...), name upper-cased; aggregates too (COUNT, SUM,
                // AVG, MIN, MAX, GROUP_CONCAT) with `distinct`; COUNT(*) has a
                // single kStar argument. The parser normalises: NOW(),
                // LOCALTIME[STAMP] -> CURRENT_TIMESTAMP (args: fsp if given),
                // CURDATE() -> CURRENT_DATE, CURTIME() -> CURRENT_TIME,
                // SUBSTR -> SUBSTRING, a REGEXP b / RLIKE -> REGEXP_LIKE(a, b)
                // (NOT REGEXP: kUnary kNot over it), POSITION(a IN b) ->
                // LOCATE(a, b). Units are upper-cased string literals:
                // EXTRACT(DAY FROM d) -> EXTRACT('DAY', d), TIMESTAMPDIFF /
                // TIMESTAMPADD(DAY, ...) -> first arg 'DAY'. TRIM(LEADING|
                // TRAILING|BOTH [r] FROM s) -> TRIM_LEADING / TRIM_TRAILING /
                // TRIM with args (s[, r]).
                // Variables are functions without arguments whose name keeps
                // its prefix and is lower-cased: @@version_comment,
                // @@session.autocommit -> "@@autocommit"; @x -> "@x".
  kCase,        // CASE [args[0] if has_case_operand] WHEN.. THEN.. ELSE: see below
  kInList,      // args[0] [NOT] IN (args[1..])          negated
  kInSubquery,  // args[0] [NOT] IN (subquery)            negated
  kExists,      // [NOT] EXISTS (subquery)                negated
  kSubquery,    // (subquery) as a scalar
  kBetween,     // args[0] [NOT] BETWEEN args[1] AND args[2]   negated
  kLike,        // args[0] [NOT] LIKE args[1] [ESCAPE args[2]] negated
  kIsNull,      // args[0] IS [NOT] NULL                  negated
  kIsBool,      // args[0] IS [NOT] TRUE/FALSE            negated, bool_value
  kInterval,    // INTERVAL args[0] unit: only as an argument of DATE_ADD /
                // DATE_SUB / + / -
  kCast,        // CAST(args[0] AS cast_type) and CONVERT(args[0], cast_type)
  kJsonExtract, // args[0] -> args[1] (unquote=false) / ->> (unquote=true)
  kDefault,     // DEFAULT in INSERT VALUES / UPDATE SET
  kRow,         // (a, b) row constructor: args (only in IN / comparisons)
};

enum class UnaryOp : uint8_t { kNot, kNeg, kPlus, kBitNot };

enum class BinaryOp : uint8_t {
  kAdd, kSub, kMul, kDiv, kIntDiv, kMod,
  kEq, kNe, kLt, kLe, kGt, kGe, kNullSafeEq,  // <=>
  kAnd, kOr, kXor,
  kBitAnd, kBitOr, kBitXor, kShiftLeft, kShiftRight,
  kConcatOp,  // || is OR in MySQL's default mode; never produced. Reserved.
};

struct Expr {
  ExprKind kind = ExprKind::kLiteral;
  size_t pos = 0;  // byte offset in the statement text

  Value literal;              // kLiteral
  int param_index = -1;       // kParam
  std::string table;          // kColumn / kStar qualifier ("" if none)
  std::string name;           // kColumn column name; kFunction upper-cased name
  UnaryOp unary_op = UnaryOp::kNot;
  BinaryOp binary_op = BinaryOp::kEq;
  bool distinct = false;      // kFunction: COUNT(DISTINCT x)
  bool negated = false;       // NOT IN / NOT EXISTS / NOT BETWEEN / NOT LIKE / IS NOT
  bool bool_value = false;    // kIsBool: IS TRUE (true) / IS FALSE (false)
  bool unquote = false;       // kJsonExtract: ->> (true) or -> (false)
  // kInSubquery written `args[0] binary_op ANY|SOME|ALL (subquery)` (other
  // than = ANY, which is IN, and <> ALL, which is NOT IN): quantified, and
  // quantify_all for ALL.
  bool quantified = false;
  bool quantify_all = false;
  IntervalUnit interval_unit = IntervalUnit::kDay;  // kInterval
  ColumnType cast_type;       // kCast target (SIGNED -> kBigInt, UNSIGNED ->
                              // kBigInt unsigned, CHAR -> kVarChar, DECIMAL(p,s),
                              // DATE, DATETIME, DOUBLE, FLOAT, JSON; BINARY ->
                              // kBlob). CHAR / BINARY without (n) have length 0:
                              // no limit. CONVERT(x USING cs) is CAST(x AS CHAR).
  // kCase: when_then holds WHEN/THEN pairs flattened [w0, t0, w1, t1, ...];
  // else_expr may be null; args[0] is the operand if has_case_operand.
  bool has_case_operand = false;
  std::vector<ExprPtr> when_then;
  ExprPtr else_expr;
  // kFunction GROUP_CONCAT: ORDER BY inside and SEPARATOR.
  std::vector<OrderItem> order_by;
  std::string separator = ",";
  // kFunction with OVER: a window function (ROW_NUMBER, RANK, LAG, ... or an
  // aggregate over a window). Null for plain calls.
  std::unique_ptr<WindowSpec> over;

  std::vector<ExprPtr> args;
  std::unique_ptr<SelectStmt> subquery;  // kInSubquery, kExists, kSubquery

  // The expression's own text as written (for result column names, as MySQL
  // names an unaliased select item by its text, and for 1690 messages).
  std::string text;

  // A collation written on the expression: `x COLLATE name` (lower-cased
  // name), "binary" for `BINARY x`; "" if none. Comparisons ignore it (they
  // are bytewise); the REGEXP functions take their case rule from it.
  std::string collation;
};

// --- Windows ----------------------------------------------------------------

// A window frame: ROWS or RANGE, BETWEEN start AND end. A frame written with
// a start only (`ROWS 2 PRECEDING`) ends at CURRENT ROW.
enum class FrameUnits : uint8_t { kRows, kRange };
enum class FrameBoundKind : uint8_t {
  kUnboundedPreceding,
  kPreceding,  // offset PRECEDING
  kCurrentRow,
  kFollowing,  // offset FOLLOWING
  kUnboundedFollowing,
};

struct FrameBound {
  FrameBoundKind kind = FrameBoundKind::kCurrentRow;
  ExprPtr offset;  // kPreceding / kFollowing: a number, `?`, or INTERVAL n unit
};

struct WindowFrame {
  FrameUnits units = FrameUnits::kRows;
  FrameBound start;
  FrameBound end;
  size_t pos = 0;
};

// OVER (...) of a window function, or one window of WINDOW name AS (...).
// `base` names a window this one refines (OVER (w ORDER BY x)); an OVER
// written as a bare name (OVER w) has only `base` and `bare` set.
struct WindowSpec {
  std::string name;  // WINDOW name AS (...); "" for an OVER clause
  std::string base;  // "" if none
  bool bare = false;
  std::vector<ExprPtr> partition_by;
  std::vector<OrderItem> order_by;
  std::unique_ptr<WindowFrame> frame;  // null: the default frame
  size_t pos = 0;
};

// --- SELECT ----------------------------------------------------------------

struct SelectItem {
  ExprPtr expr;       // kStar for * and t.*
  std::string alias;  // "" if none
};

enum class JoinType : uint8_t { kNone /* first table */, kInner, kLeft, kRight, kCross };

struct TableRef {
  std::string name;   // table name ("" for a derived table)
  std::string alias;  // "" if none
  std::unique_ptr<SelectStmt> derived;  // FROM (SELECT ...) AS alias
  JoinType join = JoinType::kNone;      // how this table joins the ones before
  ExprPtr on;                           // ON condition (null for CROSS / comma)
  std::vector<std::string> using_columns;  // JOIN ... USING (a, b)
  size_t pos = 0;
  // NATURAL [INNER | LEFT | RIGHT] JOIN: USING over the column names both
  // sides have (`join` says which; no `on`, no `using_columns`).
  bool natural = false;
};

// WITH [RECURSIVE] name [(col, ...)] AS (query) [, ...]: common table
// expressions, visible to the query expression the clause precedes (all its
// UNION members and every subquery inside it) and to the later CTEs of the
// same clause; with RECURSIVE, a CTE's own query may also name it.
struct CommonTableExpr {
  std::string name;
  std::vector<std::string> columns;  // empty: the query's column names
  std::unique_ptr<SelectStmt> query;
  size_t pos = 0;
};

struct WithClause {
  bool recursive = false;
  std::vector<CommonTableExpr> ctes;
  size_t pos = 0;
};

struct SelectStmt {
  size_t pos = 0;
  // WITH written before this query expression: it covers the UNION members
  // in `unions` too (a parenthesized member keeps its own).
  std::unique_ptr<WithClause> with;
  bool distinct = false;
  std::vector<SelectItem> items;
  std::vector<TableRef> from;  // empty: SELECT 1+1
  ExprPtr where;
  std::vector<ExprPtr> group_by;
  bool with_rollup = false;  // GROUP BY ... WITH ROLLUP
  ExprPtr having;
  std::vector<WindowSpec> windows;  // WINDOW w AS (...), ...
  std::vector<OrderItem> order_by;
  ExprPtr limit;   // null: no limit
  ExprPtr offset;  // null: 0
  bool for_update = false;  // FOR UPDATE (FOR SHARE / LOCK IN SHARE MODE: also set)

  // UNION [ALL] chain: this SELECT followed by each (all?, select). ORDER BY
  // and LIMIT written after the last one apply to the whole union and are
  // stored in union_order_by / union_limit / union_offset.
  std::vector<std::pair<bool, std::unique_ptr<SelectStmt>>> unions;
  std::vector<OrderItem> union_order_by;
  ExprPtr union_limit;
  ExprPtr union_offset;
};

// --- Statements -----------------------------------------------------------

enum class StmtKind : uint8_t {
  kSelect, kInsert, kUpdate, kDelete,
  kCreateTable, kCreateIndex, kDropTable, kDropIndex, kAlterTable, kTruncate,
  kShowTables, kShowColumns, kShowCreateTable, kShowIndex,
  kBegin, kCommit, kRollback, kSet, kUse, kExplain, kKill,
  kShowWarnings, kSavepoint, kReleaseSavepoint,
  kRenameTable,
  kLockTables,  // LOCK TABLES ... / UNLOCK TABLES
};

struct Statement {
  explicit Statement(StmtKind k) : kind(k) {}
  virtual ~Statement() = default;
  StmtKind kind;
  size_t pos = 0;
};

struct SelectStatement : Statement {
  SelectStatement() : Statement(StmtKind::kSelect) {}
  std::unique_ptr<SelectStmt> select;
};

struct Assignment {
  std::string table;   // optional qualifier
  std::string column;
  ExprPtr value;       // may be kDefault; VALUES(col) is kFunction "VALUES"
  size_t pos = 0;
};

struct InsertStatement : Statement {
  InsertStatement() : Statement(StmtKind::kInsert) {}
  std::string table;
  std::vector<std::string> columns;             // empty: all, in table order
  std::vector<std::vector<ExprPtr>> rows;       // VALUES (...), (...)
  std::unique_ptr<SelectStmt> select;           // INSERT ... SELECT
  std::vector<Assignment> on_duplicate;         // ON DUPLICATE KEY UPDATE
  bool ignore = false;                          // INSERT IGNORE
  bool replace = false;                         // REPLACE INTO
};

struct UpdateStatement : Statement {
  UpdateStatement() : Statement(StmtKind::kUpdate) {}
  std::unique_ptr<WithClause> with;  // WITH ... UPDATE: CTEs for its subqueries
  bool ignore = false;  // UPDATE IGNORE
  TableRef table;  // single table (name, alias)
  std::vector<Assignment> assignments;
  ExprPtr where;
  std::vector<OrderItem> order_by;
  ExprPtr limit;
};

struct DeleteStatement : Statement {
  DeleteStatement() : Statement(StmtKind::kDelete) {}
  std::unique_ptr<WithClause> with;  // WITH ... DELETE: CTEs for its subqueries
  TableRef table;
  ExprPtr where;
  std::vector<OrderItem> order_by;
  ExprPtr limit;
};

// A column as declared in CREATE TABLE / ALTER TABLE ADD COLUMN.
struct ColumnSpec {
  std::string name;
  ColumnType type;
  std::optional<bool> not_null;  // NOT NULL (true) / NULL (false) / unsaid
  ExprPtr default_value;         // DEFAULT expr (CURRENT_TIMESTAMP / NOW() are
                                 // kFunction "CURRENT_TIMESTAMP")
  bool auto_increment = false;
  bool primary_key = false;      // column-level PRIMARY KEY
  bool unique = false;           // column-level UNIQUE [KEY]
  bool on_update_current_timestamp = false;
  std::string comment;
  size_t pos = 0;
};

// Index column: name and optional prefix length / direction (accepted,
// prefix lengths are ignored: whole values are indexed).
struct IndexColumn {
  std::string name;
  bool desc = false;
};

enum class ConstraintKind : uint8_t { kPrimaryKey, kUnique, kIndex, kForeignKey };

struct ConstraintSpec {
  ConstraintKind kind = ConstraintKind::kIndex;
  std::string name;  // CONSTRAINT name / index name ("" if none)
  std::vector<IndexColumn> columns;
  // kForeignKey
  std::string ref_table;
  std::vector<std::string> ref_columns;
  FkAction on_delete = FkAction::kRestrict;
  FkAction on_update = FkAction::kRestrict;
  size_t pos = 0;
};

struct CreateTableStatement : Statement {
  CreateTableStatement() : Statement(StmtKind::kCreateTable) {}
  std::string table;
  bool if_not_exists = false;
  std::vector<ColumnSpec> columns;
  std::vector<ConstraintSpec> constraints;
  std::optional<uint64_t> auto_increment;  // table option AUTO_INCREMENT=n
  // ENGINE=, DEFAULT CHARSET=, COLLATE=, COMMENT= are accepted and ignored.
};

struct CreateIndexStatement : Statement {
  CreateIndexStatement() : Statement(StmtKind::kCreateIndex) {}
  std::string name;
  std::string table;
  bool unique = false;
  bool if_not_exists = false;
  std::vector<IndexColumn> columns;
};

struct DropTableStatement : Statement {
  DropTableStatement() : Statement(StmtKind::kDropTable) {}
  std::vector<std::string> tables;
  bool if_exists = false;
};

struct DropIndexStatement : Statement {
  DropIndexStatement() : Statement(StmtKind::kDropIndex) {}
  std::string name;
  std::string table;
};

enum class AlterKind : uint8_t {
  kAddColumn, kAddConstraint, kDropIndex,
  kDropColumn,    // DROP [COLUMN] column_name
  kChangeColumn,  // CHANGE [COLUMN] column_name column [FIRST|AFTER c] /
                  // MODIFY [COLUMN] column [FIRST|AFTER c] (column_name = column.name)
  kRenameColumn,  // RENAME COLUMN column_name TO new_name
  kRenameTable,   // RENAME [TO|AS] new_name
};

struct AlterAction {
  AlterKind kind = AlterKind::kAddColumn;
  ColumnSpec column;          // kAddColumn
  std::string after;          // kAddColumn: AFTER col ("" = last)
  bool first = false;         // kAddColumn: FIRST
  ConstraintSpec constraint;  // kAddConstraint (INDEX/UNIQUE/FOREIGN KEY/PRIMARY KEY)
  std::string index_name;     // kDropIndex (DROP INDEX name / DROP KEY name)
  size_t pos = 0;
  std::string column_name;    // kDropColumn, kChangeColumn, kRenameColumn: the column as it is
  std::string new_name;       // kRenameColumn: its new name; kRenameTable: the table's
  // kChangeColumn: `column` is the new definition; `after` / `first` move it
  // (neither: it keeps its place).
};

struct AlterTableStatement : Statement {
  AlterTableStatement() : Statement(StmtKind::kAlterTable) {}
  std::string table;
  std::vector<AlterAction> actions;
};

// RENAME TABLE a TO b [, c TO d ...]: applied in order, all or none.
struct RenameTableStatement : Statement {
  RenameTableStatement() : Statement(StmtKind::kRenameTable) {}
  std::vector<std::pair<std::string, std::string>> renames;  // (from, to)
};

// LOCK TABLES t [[AS] alias] {READ [LOCAL] | [LOW_PRIORITY] WRITE} [, ...],
// or UNLOCK TABLES (unlock, no tables).
struct LockTablesStatement : Statement {
  LockTablesStatement() : Statement(StmtKind::kLockTables) {}
  bool unlock = false;
  std::vector<std::string> tables;
};

struct TruncateStatement : Statement {
  TruncateStatement() : Statement(StmtKind::kTruncate) {}
  std::string table;
};

struct ShowTablesStatement : Statement {
  ShowTablesStatement() : Statement(StmtKind::kShowTables) {}
  std::optional<std::string> like;  // SHOW TABLES LIKE 'pattern'
};

// DESCRIBE t / DESC t / SHOW COLUMNS FROM t / SHOW FULL COLUMNS FROM t
struct ShowColumnsStatement : Statement {
  ShowColumnsStatement() : Statement(StmtKind::kShowColumns) {}
  std::string table;
};

struct ShowCreateTableStatement : Statement {
  ShowCreateTableStatement() : Statement(StmtKind::kShowCreateTable) {}
  std::string table;
};

// SHOW INDEX / INDEXES / KEYS FROM t
struct ShowIndexStatement : Statement {
  ShowIndexStatement() : Statement(StmtKind::kShowIndex) {}
  std::string table;
};

// SHOW WARNINGS / SHOW ERRORS: the previous statement's diagnostics (the
// session answers it).
struct ShowWarningsStatement : Statement {
  ShowWarningsStatement() : Statement(StmtKind::kShowWarnings) {}
  bool errors_only = false;  // SHOW ERRORS
};

// BEGIN / START TRANSACTION [READ ONLY|READ WRITE|WITH CONSISTENT SNAPSHOT]
struct BeginStatement : Statement {
  BeginStatement() : Statement(StmtKind::kBegin) {}
};
struct CommitStatement : Statement {
  CommitStatement() : Statement(StmtKind::kCommit) {}
};
// ROLLBACK [WORK] TO [SAVEPOINT] name sets `savepoint`; empty: the whole
// transaction.
struct RollbackStatement : Statement {
  RollbackStatement() : Statement(StmtKind::kRollback) {}
  std::string savepoint;
};
// SAVEPOINT name
struct SavepointStatement : Statement {
  SavepointStatement() : Statement(StmtKind::kSavepoint) {}
  std::string name;
};
// RELEASE SAVEPOINT name
struct ReleaseSavepointStatement : Statement {
  ReleaseSavepointStatement() : Statement(StmtKind::kReleaseSavepoint) {}
  std::string name;
};

// SET [SESSION|GLOBAL|@@] name = expr [, ...]; SET NAMES x [COLLATE y] is a
// SetStatement with the single variable "names".
struct SetStatement : Statement {
  SetStatement() : Statement(StmtKind::kSet) {}
  std::vector<std::pair<std::string, ExprPtr>> variables;  // lower-cased names
};

struct UseStatement : Statement {
  UseStatement() : Statement(StmtKind::kUse) {}
  std::string database;
};

// KILL [QUERY | CONNECTION] id: interrupts the statement the client with
// that id is running (QUERY), or that and the client's connection
// (CONNECTION, the default).
struct KillStatement : Statement {
  KillStatement() : Statement(StmtKind::kKill) {}
  bool connection = true;
  ExprPtr id;
};

// EXPLAIN <select|insert|update|delete>
struct ExplainStatement : Statement {
  ExplainStatement() : Statement(StmtKind::kExplain) {}
  std::unique_ptr<Statement> statement;
};

}  // namespace tetradb::rel::sql
