// DDL: CREATE TABLE / INDEX, DROP TABLE / INDEX, ALTER TABLE, TRUNCATE.
//
// Accepted and ignored because they have no effect in tetradb: display
// widths, character sets and collations, storage options (ENGINE=,
// ROW_FORMAT=, ...), index types and options, column-level REFERENCES
// (InnoDB ignores those too), and CHECK constraints (MySQL 8.0.16+ enforces
// them; tetradb does not).
#include "models/relational/sql/parser/parser_internal.h"

namespace tetradb::rel::sql {
namespace {

// Table options that are accepted with any value: NAME [=] value.
// clang-format off
constexpr std::string_view kIgnoredTableOptions[] = {
    "ENGINE", "TYPE", "ROW_FORMAT", "KEY_BLOCK_SIZE", "STATS_PERSISTENT", "STATS_AUTO_RECALC",
    "STATS_SAMPLE_PAGES", "AVG_ROW_LENGTH", "CHECKSUM", "COMPRESSION", "ENCRYPTION", "MAX_ROWS",
    "MIN_ROWS", "PACK_KEYS", "DELAY_KEY_WRITE", "INSERT_METHOD", "TABLESPACE"};
// clang-format on

// Statements MySQL has after CREATE / DROP that tetradb does not.
constexpr std::string_view kOtherObjects[] = {
    "DATABASE", "SCHEMA", "VIEW",    "TRIGGER",   "PROCEDURE",  "FUNCTION",
    "EVENT",    "USER",   "ROLE",    "SERVER",    "TABLESPACE", "LOGFILE",
    "SPATIAL",  "OR",     "DEFINER", "ALGORITHM", "SQL",        "RESOURCE"};

bool IsOtherObject(const Token& t) {
  if (t.kind != TokenKind::kIdent) return false;
  for (std::string_view w : kOtherObjects) {
    if (EqualsIgnoreCase(t.text, w)) return true;
  }
  return false;
}

}  // namespace

SqlResult<std::unique_ptr<Statement>> Parser::ParseCreate() {
  const size_t start = Here();
  Next();  // CREATE
  if (PeekKeyword("TEMPORARY")) return err::NotSupported("CREATE TEMPORARY TABLE");
  if (PeekKeyword("TABLE")) return ParseCreateTable(start);
  bool unique = AcceptKeyword("UNIQUE");
  if (!unique) AcceptKeyword("FULLTEXT");  // indexed as a plain index
  if (PeekKeyword("INDEX")) return ParseCreateIndex(start, unique);
  if (!unique && IsOtherObject(Peek())) {
    return err::NotSupported("CREATE " + ToUpperAscii(Peek().text));
  }
  return ErrorHere();
}

// CREATE TABLE [IF NOT EXISTS] t (element, ...) [options]
SqlResult<std::unique_ptr<Statement>> Parser::ParseCreateTable(size_t start) {
  auto stmt = std::make_unique<CreateTableStatement>();
  stmt->pos = start;
  Next();  // TABLE
  if (AcceptKeyword("IF")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeywords({"NOT", "EXISTS"}));
    stmt->if_not_exists = true;
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, ParseTableName());
  if (PeekKeyword("LIKE")) return err::NotSupported("CREATE TABLE ... LIKE");
  if (PeekKeyword("AS") || PeekSelectStart()) return err::NotSupported("CREATE TABLE ... SELECT");
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
  do {
    if (PeekConstraintStart()) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<ConstraintSpec> c, ParseConstraint());
      if (c) stmt->constraints.push_back(std::move(*c));
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(ColumnSpec col, ParseColumnSpec());
      stmt->columns.push_back(std::move(col));
    }
  } while (AcceptOp(","));
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  TETRADB_SQL_RETURN_IF_ERROR(ParseTableOptions(stmt.get()));
  if (PeekKeyword("PARTITION")) return err::NotSupported("PARTITION");
  if (PeekKeyword("AS") || PeekSelectStart()) return err::NotSupported("CREATE TABLE ... SELECT");
  return std::unique_ptr<Statement>(std::move(stmt));
}

SqlStatus Parser::ParseTableOptions(CreateTableStatement* stmt) {
  while (true) {
    if (PeekOp(",") && Peek(1).kind == TokenKind::kIdent) Next();  // options may be comma-separated
    if (AcceptKeyword("AUTO_INCREMENT")) {
      AcceptOp("=");
      const Token& t = Peek();
      if (t.kind != TokenKind::kNumber ||
          (t.number.kind() != ValueKind::kInt && t.number.kind() != ValueKind::kUInt)) {
        return ErrorHere();
      }
      const Value& v = Next().number;
      stmt->auto_increment =
          v.kind() == ValueKind::kInt ? static_cast<uint64_t>(v.int_value()) : v.uint_value();
      continue;
    }
    bool had_default = AcceptKeyword("DEFAULT");
    if (AcceptKeyword("CHARSET") || AcceptKeyword("COLLATE") ||
        (PeekKeyword("CHARACTER") && PeekKeyword("SET", 1))) {
      if (AcceptKeyword("CHARACTER")) Next();
      AcceptOp("=");
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string name, ParseNameOrString());
      (void)name;
      continue;
    }
    if (had_default) return ErrorHere();
    if (AcceptKeyword("COMMENT")) {
      AcceptOp("=");
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string comment, ParseString());
      (void)comment;
      continue;
    }
    bool known = false;
    for (std::string_view option : kIgnoredTableOptions) known = known || PeekKeyword(option);
    if (!known) return SqlStatus::Ok();
    Next();
    AcceptOp("=");
    const Token& v = Peek();
    if (v.kind == TokenKind::kIdent || v.kind == TokenKind::kString ||
        v.kind == TokenKind::kNumber || v.kind == TokenKind::kQuotedIdent) {
      Next();
    } else {
      return ErrorHere();
    }
  }
}

SqlResult<ColumnSpec> Parser::ParseColumnSpec() {
  ColumnSpec col;
  col.pos = Here();
  TETRADB_SQL_ASSIGN_OR_RETURN(col.name, ParseName());
  if (AcceptKeyword("SERIAL")) {  // BIGINT UNSIGNED NOT NULL AUTO_INCREMENT UNIQUE
    col.type.id = TypeId::kBigInt;
    col.type.is_unsigned = true;
    col.not_null = true;
    col.auto_increment = true;
    col.unique = true;
  } else {
    TETRADB_SQL_ASSIGN_OR_RETURN(col.type, ParseColumnType());
  }
  TETRADB_SQL_RETURN_IF_ERROR(ParseColumnAttributes(&col));
  return col;
}

SqlStatus Parser::ParseColumnAttributes(ColumnSpec* col) {
  // CURRENT_TIMESTAMP[(n)], NOW([n]), LOCALTIME[STAMP][(n)].
  auto is_now = [this]() {
    return PeekKeyword("CURRENT_TIMESTAMP") || PeekKeyword("LOCALTIME") ||
           PeekKeyword("LOCALTIMESTAMP") || (PeekKeyword("NOW") && PeekOp("(", 1));
  };
  while (true) {
    if (AcceptKeyword("NOT")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("NULL"));
      col->not_null = true;
    } else if (AcceptKeyword("NULL")) {
      col->not_null = false;
    } else if (AcceptKeyword("DEFAULT")) {
      if (PeekOp("(")) {  // DEFAULT (expr)
        TETRADB_SQL_ASSIGN_OR_RETURN(col->default_value, ParsePrimary());
      } else if (is_now()) {
        TETRADB_SQL_ASSIGN_OR_RETURN(col->default_value, ParsePrimary());
      } else {
        TETRADB_SQL_ASSIGN_OR_RETURN(col->default_value, ParseSignedLiteral());
      }
    } else if (AcceptKeyword("AUTO_INCREMENT")) {
      col->auto_increment = true;
    } else if (AcceptKeyword("PRIMARY")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("KEY"));
      col->primary_key = true;
    } else if (AcceptKeyword("KEY")) {  // KEY alone on a column means PRIMARY KEY
      col->primary_key = true;
    } else if (AcceptKeyword("UNIQUE")) {
      AcceptKeyword("KEY");
      col->unique = true;
    } else if (AcceptKeyword("COMMENT")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(col->comment, ParseString());
    } else if (PeekKeyword("ON") && PeekKeyword("UPDATE", 1)) {
      Next();
      Next();
      if (!is_now()) return ErrorHere();
      TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr now, ParsePrimary());
      col->on_update_current_timestamp = true;
    } else if (PeekKeyword("CHARACTER") && PeekKeyword("SET", 1)) {
      Next();
      Next();
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string cs, ParseNameOrString());
    } else if (AcceptKeyword("CHARSET") || AcceptKeyword("COLLATE")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string cs, ParseNameOrString());
    } else if (AcceptKeyword("BINARY") || AcceptKeyword("ASCII") || AcceptKeyword("UNICODE") ||
               AcceptKeyword("VISIBLE") || AcceptKeyword("INVISIBLE")) {
      // charset shorthands and visibility: no effect here
    } else if (AcceptKeyword("COLUMN_FORMAT") || AcceptKeyword("STORAGE")) {
      if (AcceptKeyword("DEFAULT")) continue;
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string v, ParseName());
    } else if (PeekKeyword("REFERENCES")) {
      TETRADB_SQL_RETURN_IF_ERROR(SkipReferences());
    } else if (PeekKeyword("CHECK") || PeekKeyword("CONSTRAINT")) {
      if (AcceptKeyword("CONSTRAINT") && PeekName()) Next();
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("CHECK"));
      TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
      TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr check, ParseExpr());
      TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
      if (AcceptKeyword("NOT")) {
        TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("ENFORCED"));
      } else {
        AcceptKeyword("ENFORCED");
      }
    } else if (PeekKeyword("GENERATED") || PeekKeyword("AS")) {
      return err::NotSupported("generated columns");
    } else {
      return SqlStatus::Ok();
    }
  }
}

// REFERENCES t (cols) [MATCH ...] [ON DELETE action] [ON UPDATE action]:
// on a column definition, parsed and ignored (as InnoDB does).
SqlStatus Parser::SkipReferences() {
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("REFERENCES"));
  TETRADB_SQL_ASSIGN_OR_RETURN(std::string table, ParseTableName());
  TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<IndexColumn> columns, ParseIndexColumns());
  if (AcceptKeyword("MATCH")) {
    if (!AcceptKeyword("FULL") && !AcceptKeyword("PARTIAL")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SIMPLE"));
    }
  }
  while (PeekKeyword("ON") && (PeekKeyword("DELETE", 1) || PeekKeyword("UPDATE", 1))) {
    Next();
    Next();
    TETRADB_SQL_ASSIGN_OR_RETURN(FkAction action, ParseFkAction());
    (void)action;
  }
  return SqlStatus::Ok();
}

SqlResult<FkAction> Parser::ParseFkAction() {
  if (AcceptKeyword("RESTRICT")) return FkAction::kRestrict;
  if (AcceptKeyword("CASCADE")) return FkAction::kCascade;
  if (AcceptKeyword("SET")) {
    if (PeekKeyword("DEFAULT")) return err::NotSupported("SET DEFAULT");
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("NULL"));
    return FkAction::kSetNull;
  }
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeywords({"NO", "ACTION"}));
  return FkAction::kNoAction;
}

bool Parser::PeekConstraintStart() const {
  return PeekKeyword("PRIMARY") || PeekKeyword("UNIQUE") || PeekKeyword("KEY") ||
         PeekKeyword("INDEX") || PeekKeyword("FOREIGN") || PeekKeyword("CONSTRAINT") ||
         PeekKeyword("CHECK") || PeekKeyword("FULLTEXT") || PeekKeyword("SPATIAL");
}

// [CONSTRAINT [name]] PRIMARY KEY (cols) | UNIQUE [KEY|INDEX] [name] (cols)
// | {KEY|INDEX} [name] (cols) | FOREIGN KEY [name] (cols) REFERENCES t (cols)
// [ON DELETE a] [ON UPDATE a] | CHECK (expr). CHECK gives nullopt.
SqlResult<std::optional<ConstraintSpec>> Parser::ParseConstraint() {
  ConstraintSpec spec;
  spec.pos = Here();
  std::string constraint_name;
  if (AcceptKeyword("CONSTRAINT") && PeekName()) {
    TETRADB_SQL_ASSIGN_OR_RETURN(constraint_name, ParseName());
  }
  auto index_type = [this]() -> SqlStatus {  // USING BTREE | HASH
    if (AcceptKeyword("USING")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string type, ParseName());
      (void)type;
    }
    return SqlStatus::Ok();
  };
  auto optional_name = [this](std::string* name) -> SqlStatus {
    if (PeekName() && !PeekKeyword("USING")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(*name, ParseName());
    }
    return SqlStatus::Ok();
  };
  if (AcceptKeyword("CHECK")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
    TETRADB_SQL_ASSIGN_OR_RETURN(ExprPtr check, ParseExpr());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
    if (AcceptKeyword("NOT")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("ENFORCED"));
    } else {
      AcceptKeyword("ENFORCED");
    }
    return std::optional<ConstraintSpec>();
  }
  if (AcceptKeyword("PRIMARY")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("KEY"));
    spec.kind = ConstraintKind::kPrimaryKey;  // MySQL names it PRIMARY whatever is written
  } else if (AcceptKeyword("UNIQUE")) {
    if (!AcceptKeyword("INDEX")) AcceptKeyword("KEY");
    spec.kind = ConstraintKind::kUnique;
    spec.name = constraint_name;
    TETRADB_SQL_RETURN_IF_ERROR(optional_name(&spec.name));
  } else if (AcceptKeyword("FOREIGN")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("KEY"));
    spec.kind = ConstraintKind::kForeignKey;
    std::string index_name;
    TETRADB_SQL_RETURN_IF_ERROR(optional_name(&index_name));
    spec.name = constraint_name.empty() ? index_name : constraint_name;
    TETRADB_SQL_ASSIGN_OR_RETURN(spec.columns, ParseIndexColumns());
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("REFERENCES"));
    TETRADB_SQL_ASSIGN_OR_RETURN(spec.ref_table, ParseTableName());
    TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<IndexColumn> refs, ParseIndexColumns());
    for (IndexColumn& r : refs) spec.ref_columns.push_back(std::move(r.name));
    if (AcceptKeyword("MATCH")) {
      if (!AcceptKeyword("FULL") && !AcceptKeyword("PARTIAL")) {
        TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SIMPLE"));
      }
    }
    while (PeekKeyword("ON") && (PeekKeyword("DELETE", 1) || PeekKeyword("UPDATE", 1))) {
      Next();
      bool on_delete = IsKeyword(Next(), "DELETE");
      TETRADB_SQL_ASSIGN_OR_RETURN(FkAction action, ParseFkAction());
      (on_delete ? spec.on_delete : spec.on_update) = action;
    }
    return std::optional<ConstraintSpec>(std::move(spec));
  } else if (constraint_name.empty() && (AcceptKeyword("KEY") || AcceptKeyword("INDEX") ||
                                         AcceptKeyword("FULLTEXT") || AcceptKeyword("SPATIAL"))) {
    if (!AcceptKeyword("INDEX")) AcceptKeyword("KEY");  // FULLTEXT [INDEX|KEY]
    spec.kind = ConstraintKind::kIndex;
    TETRADB_SQL_RETURN_IF_ERROR(optional_name(&spec.name));
  } else {
    return ErrorHere();
  }
  TETRADB_SQL_RETURN_IF_ERROR(index_type());
  TETRADB_SQL_ASSIGN_OR_RETURN(spec.columns, ParseIndexColumns());
  TETRADB_SQL_RETURN_IF_ERROR(SkipIndexOptions());
  return std::optional<ConstraintSpec>(std::move(spec));
}

// (name [(prefix length)] [ASC|DESC], ...)
SqlResult<std::vector<IndexColumn>> Parser::ParseIndexColumns() {
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
  std::vector<IndexColumn> columns;
  do {
    if (PeekOp("(")) return err::NotSupported("functional key parts");
    IndexColumn column;
    TETRADB_SQL_ASSIGN_OR_RETURN(column.name, ParseName());
    if (AcceptOp("(")) {  // prefix length: whole values are indexed
      if (Peek().kind != TokenKind::kNumber) return ErrorHere();
      Next();
      TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
    }
    if (AcceptKeyword("DESC")) {
      column.desc = true;
    } else {
      AcceptKeyword("ASC");
    }
    columns.push_back(std::move(column));
  } while (AcceptOp(","));
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  return columns;
}

// USING BTREE, COMMENT 'x', KEY_BLOCK_SIZE [=] n, VISIBLE, INVISIBLE,
// WITH PARSER p after an index's columns.
SqlStatus Parser::SkipIndexOptions() {
  while (true) {
    if (AcceptKeyword("USING") || AcceptKeyword("COMMENT") ||
        (PeekKeyword("WITH") && PeekKeyword("PARSER", 1))) {
      if (AcceptKeyword("WITH")) Next();
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string value, ParseNameOrString());
      (void)value;
    } else if (AcceptKeyword("KEY_BLOCK_SIZE")) {
      AcceptOp("=");
      if (Peek().kind != TokenKind::kNumber) return ErrorHere();
      Next();
    } else if (!AcceptKeyword("VISIBLE") && !AcceptKeyword("INVISIBLE")) {
      return SqlStatus::Ok();
    }
  }
}

// CREATE [UNIQUE] INDEX [IF NOT EXISTS] name [USING t] ON table (cols) [options]
SqlResult<std::unique_ptr<Statement>> Parser::ParseCreateIndex(size_t start, bool unique) {
  auto stmt = std::make_unique<CreateIndexStatement>();
  stmt->pos = start;
  stmt->unique = unique;
  Next();  // INDEX
  if (AcceptKeyword("IF")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeywords({"NOT", "EXISTS"}));
    stmt->if_not_exists = true;
  }
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->name, ParseName());
  if (AcceptKeyword("USING")) {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string type, ParseName());
  }
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("ON"));
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, ParseTableName());
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->columns, ParseIndexColumns());
  TETRADB_SQL_RETURN_IF_ERROR(SkipIndexOptions());
  while (AcceptKeyword("ALGORITHM") || AcceptKeyword("LOCK")) {  // online DDL hints
    AcceptOp("=");
    if (!AcceptKeyword("DEFAULT")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string v, ParseName());
    }
  }
  return std::unique_ptr<Statement>(std::move(stmt));
}

// DROP TABLE [IF EXISTS] a, b [RESTRICT|CASCADE] | DROP INDEX name ON t
SqlResult<std::unique_ptr<Statement>> Parser::ParseDrop() {
  const size_t start = Here();
  Next();  // DROP
  if (PeekKeyword("TEMPORARY")) return err::NotSupported("DROP TEMPORARY TABLE");
  if (AcceptKeyword("TABLE") || AcceptKeyword("TABLES")) {
    auto stmt = std::make_unique<DropTableStatement>();
    stmt->pos = start;
    if (AcceptKeyword("IF")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("EXISTS"));
      stmt->if_exists = true;
    }
    do {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string table, ParseTableName());
      stmt->tables.push_back(std::move(table));
    } while (AcceptOp(","));
    if (!AcceptKeyword("RESTRICT")) AcceptKeyword("CASCADE");  // no effect in MySQL either
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  if (AcceptKeyword("INDEX")) {
    auto stmt = std::make_unique<DropIndexStatement>();
    stmt->pos = start;
    if (AcceptKeyword("PRIMARY")) {
      stmt->name = "PRIMARY";
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(stmt->name, ParseName());
    }
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("ON"));
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, ParseTableName());
    while (AcceptKeyword("ALGORITHM") || AcceptKeyword("LOCK")) {
      AcceptOp("=");
      if (!AcceptKeyword("DEFAULT")) {
        TETRADB_SQL_ASSIGN_OR_RETURN(std::string v, ParseName());
      }
    }
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  if (IsOtherObject(Peek())) return err::NotSupported("DROP " + ToUpperAscii(Peek().text));
  return ErrorHere();
}

// ALTER TABLE t action [, action ...]
SqlResult<std::unique_ptr<Statement>> Parser::ParseAlter() {
  auto stmt = std::make_unique<AlterTableStatement>();
  stmt->pos = Here();
  Next();  // ALTER
  if (!PeekKeyword("TABLE")) {
    if (IsOtherObject(Peek())) return err::NotSupported("ALTER " + ToUpperAscii(Peek().text));
    return ErrorHere();
  }
  Next();
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, ParseTableName());
  do {
    const Token& t = Peek();
    if (IsKeyword(t, "ADD") && PeekKeyword("CHECK", 1)) {  // ADD CHECK (...): ignored
      Next();
      TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<ConstraintSpec> check, ParseConstraint());
      continue;
    }
    // DISABLE KEYS / ENABLE KEYS (mysqldump writes them around its INSERTs):
    // nothing to do, as for InnoDB, which keeps its indexes up to date.
    if ((IsKeyword(t, "DISABLE") || IsKeyword(t, "ENABLE")) && PeekKeyword("KEYS", 1)) {
      Next();
      Next();
      continue;
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(AlterAction action, ParseAlterAction());
    stmt->actions.push_back(std::move(action));
  } while (AcceptOp(","));
  return std::unique_ptr<Statement>(std::move(stmt));
}

SqlResult<AlterAction> Parser::ParseAlterAction() {
  AlterAction action;
  action.pos = Here();
  const Token& t = Peek();
  if (AcceptKeyword("ADD")) {
    if (AcceptKeyword("COLUMN") || !PeekConstraintStart()) {
      if (PeekOp("(")) return err::NotSupported("ADD COLUMN (...)");
      action.kind = AlterKind::kAddColumn;
      TETRADB_SQL_ASSIGN_OR_RETURN(action.column, ParseColumnSpec());
      if (AcceptKeyword("FIRST")) {
        action.first = true;
      } else if (AcceptKeyword("AFTER")) {
        TETRADB_SQL_ASSIGN_OR_RETURN(action.after, ParseName());
      }
      return action;
    }
    action.kind = AlterKind::kAddConstraint;
    TETRADB_SQL_ASSIGN_OR_RETURN(std::optional<ConstraintSpec> c, ParseConstraint());
    if (!c) return err::NotSupported("ADD CONSTRAINT ... CHECK");
    action.constraint = std::move(*c);
    return action;
  }
  if (AcceptKeyword("DROP")) {
    if (AcceptKeyword("INDEX") || AcceptKeyword("KEY")) {
      action.kind = AlterKind::kDropIndex;
      TETRADB_SQL_ASSIGN_OR_RETURN(action.index_name, ParseName());
      return action;
    }
    if (AcceptKeyword("PRIMARY")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("KEY"));
      action.kind = AlterKind::kDropIndex;
      action.index_name = "PRIMARY";
      return action;
    }
    if (PeekKeyword("FOREIGN")) return err::NotSupported("ALTER TABLE DROP FOREIGN KEY");
    if (PeekKeyword("CHECK") || PeekKeyword("CONSTRAINT")) {
      return err::NotSupported("ALTER TABLE DROP CONSTRAINT");
    }
    AcceptKeyword("COLUMN");
    action.kind = AlterKind::kDropColumn;
    TETRADB_SQL_ASSIGN_OR_RETURN(action.column_name, ParseName());
    return action;
  }
  if (AcceptKeyword("CHANGE") || AcceptKeyword("MODIFY")) {
    const bool change = IsKeyword(t, "CHANGE");
    AcceptKeyword("COLUMN");
    action.kind = AlterKind::kChangeColumn;
    if (change) {
      TETRADB_SQL_ASSIGN_OR_RETURN(action.column_name, ParseName());
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(action.column, ParseColumnSpec());
    if (!change) action.column_name = action.column.name;
    if (AcceptKeyword("FIRST")) {
      action.first = true;
    } else if (AcceptKeyword("AFTER")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(action.after, ParseName());
    }
    return action;
  }
  if (AcceptKeyword("RENAME")) {
    if (AcceptKeyword("COLUMN")) {
      action.kind = AlterKind::kRenameColumn;
      TETRADB_SQL_ASSIGN_OR_RETURN(action.column_name, ParseName());
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("TO"));
      TETRADB_SQL_ASSIGN_OR_RETURN(action.new_name, ParseName());
      return action;
    }
    if (PeekKeyword("INDEX") || PeekKeyword("KEY")) {
      return err::NotSupported("ALTER TABLE RENAME INDEX");
    }
    if (!AcceptKeyword("TO")) AcceptKeyword("AS");
    action.kind = AlterKind::kRenameTable;
    TETRADB_SQL_ASSIGN_OR_RETURN(action.new_name, ParseTableName());
    return action;
  }
  if (t.kind == TokenKind::kIdent) {
    for (std::string_view word :
         {"ALTER", "ENGINE", "CONVERT", "AUTO_INCREMENT", "ALGORITHM",
          "LOCK", "ORDER", "FORCE", "DISABLE", "ENABLE", "DEFAULT", "CHARACTER", "COMMENT"}) {
      if (IsKeyword(t, word)) return err::NotSupported("ALTER TABLE " + ToUpperAscii(t.text));
    }
  }
  return ErrorHere();
}

// LOCK TABLES t [[AS] a] {READ [LOCAL] | [LOW_PRIORITY] WRITE} [, ...] and
// UNLOCK TABLES (the first keyword not yet consumed). TABLE is accepted for
// TABLES, as MySQL does.
SqlResult<std::unique_ptr<Statement>> ParseLockTablesStatement(Parser* p) {
  auto stmt = std::make_unique<LockTablesStatement>();
  stmt->pos = p->Here();
  stmt->unlock = p->PeekKeyword("UNLOCK");
  p->Next();  // LOCK / UNLOCK
  if (!p->AcceptKeyword("TABLES") && !p->AcceptKeyword("TABLE")) {
    if (!stmt->unlock && p->PeekKeyword("INSTANCE")) return err::NotSupported("LOCK INSTANCE");
    if (stmt->unlock && p->PeekKeyword("INSTANCE")) return err::NotSupported("UNLOCK INSTANCE");
    return p->ErrorHere();
  }
  if (stmt->unlock) return std::unique_ptr<Statement>(std::move(stmt));
  do {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string table, p->ParseTableName());
    stmt->tables.push_back(std::move(table));
    if (p->AcceptKeyword("AS")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string alias, p->ParseName());
    } else if (!p->PeekKeyword("READ") && !p->PeekKeyword("WRITE") &&
               !p->PeekKeyword("LOW_PRIORITY") && p->Peek().kind == TokenKind::kIdent) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string alias, p->ParseName());
    }
    if (p->AcceptKeyword("READ")) {
      p->AcceptKeyword("LOCAL");
    } else {
      p->AcceptKeyword("LOW_PRIORITY");
      if (!p->AcceptKeyword("WRITE")) return p->ErrorHere();
    }
  } while (p->AcceptOp(","));
  return std::unique_ptr<Statement>(std::move(stmt));
}

// RENAME TABLE a TO b [, c TO d ...] (the RENAME keyword not yet consumed).
// A free function over Parser's public interface: parser.cc calls it for a
// statement starting with RENAME.
SqlResult<std::unique_ptr<Statement>> ParseRenameTableStatement(Parser* p) {
  auto stmt = std::make_unique<RenameTableStatement>();
  stmt->pos = p->Here();
  p->Next();  // RENAME
  if (!p->PeekKeyword("TABLE")) {
    if (p->PeekKeyword("USER")) return err::NotSupported("RENAME USER");
    return p->ErrorHere();
  }
  p->Next();
  do {
    std::pair<std::string, std::string> rename;
    TETRADB_SQL_ASSIGN_OR_RETURN(rename.first, p->ParseTableName());
    TETRADB_SQL_RETURN_IF_ERROR(p->ExpectKeyword("TO"));
    TETRADB_SQL_ASSIGN_OR_RETURN(rename.second, p->ParseTableName());
    stmt->renames.push_back(std::move(rename));
  } while (p->AcceptOp(","));
  return std::unique_ptr<Statement>(std::move(stmt));
}

// TRUNCATE [TABLE] t
SqlResult<std::unique_ptr<Statement>> Parser::ParseTruncate() {
  auto stmt = std::make_unique<TruncateStatement>();
  stmt->pos = Here();
  Next();  // TRUNCATE
  AcceptKeyword("TABLE");
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, ParseTableName());
  return std::unique_ptr<Statement>(std::move(stmt));
}

}  // namespace tetradb::rel::sql
