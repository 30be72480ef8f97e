// Statement dispatch, token helpers, and the small statements: SHOW,
// DESCRIBE, EXPLAIN, SET, USE and transaction control.
#include "models/relational/sql/parser/parser.h"

#include "models/relational/sql/parser/parser_internal.h"

namespace tetradb::rel::sql {

SqlError DerivedTableAlias() {
  return SqlError{1248, "42000", "Every derived table must have its own alias"};
}
SqlError UnionOrderLimit(bool limit) {
  return SqlError{
      1221, "HY000",
      limit ? "Incorrect usage of UNION and LIMIT" : "Incorrect usage of UNION and ORDER BY"};
}
SqlError IncorrectLiteral(std::string_view type, std::string_view value) {
  return SqlError{1525, "HY000",
                  "Incorrect " + std::string(type) + " value: '" + std::string(value) + "'"};
}

// --- tokens ------------------------------------------------------------------

const Token& Parser::Peek(size_t ahead) const {
  size_t i = next_ + ahead;
  return i < tokens_.size() ? tokens_[i] : tokens_.back();
}

const Token& Parser::Next() {
  const Token& t = tokens_[next_];
  if (t.kind != TokenKind::kEnd) {
    ++next_;
    prev_end_ = t.end;
  }
  return t;
}

bool Parser::IsKeyword(const Token& t, std::string_view kw) {
  return t.kind == TokenKind::kIdent && EqualsIgnoreCase(t.text, kw);
}

bool Parser::AcceptKeyword(std::string_view kw) {
  if (!PeekKeyword(kw)) return false;
  Next();
  return true;
}

SqlStatus Parser::ExpectKeyword(std::string_view kw) {
  if (!AcceptKeyword(kw)) return ErrorHere();
  return SqlStatus::Ok();
}

SqlStatus Parser::ExpectKeywords(std::initializer_list<std::string_view> kws) {
  for (std::string_view kw : kws) TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword(kw));
  return SqlStatus::Ok();
}

bool Parser::PeekOp(std::string_view op, size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == TokenKind::kOp && t.text == op;
}

bool Parser::AcceptOp(std::string_view op) {
  if (!PeekOp(op)) return false;
  Next();
  return true;
}

SqlStatus Parser::ExpectOp(std::string_view op) {
  if (!AcceptOp(op)) return ErrorHere();
  return SqlStatus::Ok();
}

bool Parser::PeekName(size_t ahead) const {
  const Token& t = Peek(ahead);
  return t.kind == TokenKind::kQuotedIdent || (t.kind == TokenKind::kIdent && !t.reserved);
}

SqlResult<std::string> Parser::ParseName() {
  if (!PeekName()) return ErrorHere();
  const Token& t = Next();
  return t.kind == TokenKind::kQuotedIdent ? t.value : std::string(t.text);
}

SqlResult<std::string> Parser::ParseNameAfterDot() {
  const Token& t = Peek();
  if (t.kind == TokenKind::kQuotedIdent) return Next().value;
  if (t.kind == TokenKind::kIdent) return std::string(Next().text);
  return ErrorHere();
}

SqlResult<std::string> Parser::ParseTableName() {
  TETRADB_SQL_ASSIGN_OR_RETURN(std::string name, ParseName());
  if (PeekOp(".")) {
    // db.table: tetradb has one database and drops the qualifier, except
    // for MySQL's own schemas, whose tables it does not have (reading a user
    // table called `tables` instead would be wrong).
    for (std::string_view system : {"information_schema", "mysql", "performance_schema", "sys"}) {
      if (EqualsIgnoreCase(name, system)) return err::NotSupported(name + " tables");
    }
    Next();
    TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseNameAfterDot());
  }
  return name;
}

SqlResult<std::string> Parser::ParseString() {
  if (Peek().kind != TokenKind::kString) return ErrorHere();
  std::string out = Next().value;
  while (Peek().kind == TokenKind::kString) out += Next().value;
  return out;
}

SqlResult<std::string> Parser::ParseNameOrString() {
  if (Peek().kind == TokenKind::kString) return ParseString();
  return ParseName();
}

SqlResult<std::vector<std::string>> Parser::ParseNameList() {
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("("));
  std::vector<std::string> names;
  do {
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string name, ParseName());
    names.push_back(std::move(name));
  } while (AcceptOp(","));
  TETRADB_SQL_RETURN_IF_ERROR(ExpectOp(")"));
  return names;
}

// --- statements --------------------------------------------------------------

SqlResult<std::unique_ptr<Statement>> Parser::ParseStatement() {
  TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, ParseStatementBody());
  AcceptOp(";");
  if (!AtEnd()) return ErrorHere();
  return stmt;
}

namespace {

// First words of MySQL statements tetradb does not implement: 1235 rather
// than a misleading syntax error.
constexpr std::string_view kUnsupportedStatements[] = {
    "ANALYZE", "CALL",    "CHECK",  "CHECKSUM", "DEALLOCATE", "DO",     "EXECUTE",
    "FLUSH",   "GRANT",   "HANDLER", "HELP",    "INSTALL",    "LOAD",
    "OPTIMIZE", "PREPARE", "REPAIR",  "RESET",   "REVOKE",     "SIGNAL",
    "UNINSTALL", "XA"};

}  // namespace

SqlResult<std::unique_ptr<Statement>> Parser::ParseStatementBody() {
  const Token& first = Peek();
  const size_t start = first.pos;
  auto positioned = [start](std::unique_ptr<Statement> s) {
    s->pos = start;
    return s;
  };
  if (PeekKeyword("WITH")) {
    // WITH ... SELECT | UPDATE | DELETE: the clause belongs to what follows.
    TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<WithClause> with, ParseWithClause());
    if (PeekKeyword("UPDATE") || PeekKeyword("DELETE")) {
      const bool update = PeekKeyword("UPDATE");
      TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<Statement> dml,
                                   update ? ParseUpdate() : ParseDelete());
      if (update) {
        static_cast<UpdateStatement&>(*dml).with = std::move(with);
      } else {
        static_cast<DeleteStatement&>(*dml).with = std::move(with);
      }
      return positioned(std::move(dml));
    }
    if (!PeekSelectStart() || PeekKeyword("WITH")) return ErrorHere();
    auto stmt = std::make_unique<SelectStatement>();
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->select, ParseSelect(std::move(with)));
    return positioned(std::move(stmt));
  }
  if (PeekSelectStart()) {
    auto stmt = std::make_unique<SelectStatement>();
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->select, ParseSelect());
    return positioned(std::move(stmt));
  }
  if (first.kind != TokenKind::kIdent) return ErrorAt(first);
  if (PeekKeyword("INSERT") || PeekKeyword("REPLACE")) return ParseInsert();
  if (PeekKeyword("UPDATE")) return ParseUpdate();
  if (PeekKeyword("DELETE")) return ParseDelete();
  if (PeekKeyword("CREATE")) return ParseCreate();
  if (PeekKeyword("DROP")) return ParseDrop();
  if (PeekKeyword("ALTER")) return ParseAlter();
  if (PeekKeyword("TRUNCATE")) return ParseTruncate();
  if (PeekKeyword("RENAME")) return ParseRenameTableStatement(this);
  if (PeekKeyword("LOCK") || PeekKeyword("UNLOCK")) return ParseLockTablesStatement(this);
  if (PeekKeyword("SHOW")) return ParseShow();
  if (PeekKeyword("SET")) return ParseSet();
  if (PeekKeyword("DESCRIBE") || PeekKeyword("DESC") || PeekKeyword("EXPLAIN")) {
    return ParseDescribe();
  }
  if (AcceptKeyword("BEGIN")) {
    AcceptKeyword("WORK");
    return positioned(std::make_unique<BeginStatement>());
  }
  if (AcceptKeyword("START")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("TRANSACTION"));
    // READ ONLY / READ WRITE / WITH CONSISTENT SNAPSHOT, comma-separated:
    // accepted; every tetradb transaction reads one snapshot.
    if (!AtEnd() && !PeekOp(";")) {
      do {
        if (AcceptKeyword("READ")) {
          if (!AcceptKeyword("ONLY")) TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("WRITE"));
        } else {
          TETRADB_SQL_RETURN_IF_ERROR(ExpectKeywords({"WITH", "CONSISTENT", "SNAPSHOT"}));
        }
      } while (AcceptOp(","));
    }
    return positioned(std::make_unique<BeginStatement>());
  }
  if (AcceptKeyword("COMMIT") || AcceptKeyword("ROLLBACK")) {
    bool commit = IsKeyword(first, "COMMIT");
    AcceptKeyword("WORK");
    if (!commit && AcceptKeyword("TO")) {
      AcceptKeyword("SAVEPOINT");
      auto stmt = std::make_unique<RollbackStatement>();
      TETRADB_SQL_ASSIGN_OR_RETURN(stmt->savepoint, ParseName());
      return positioned(std::move(stmt));
    }
    if (AcceptKeyword("AND")) {
      if (!AcceptKeyword("NO")) return err::NotSupported("AND CHAIN");
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("CHAIN"));
    }
    if (AcceptKeyword("NO")) {
      TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("RELEASE"));
    } else if (PeekKeyword("RELEASE")) {
      return err::NotSupported("RELEASE");
    }
    if (commit) return positioned(std::make_unique<CommitStatement>());
    return positioned(std::make_unique<RollbackStatement>());
  }
  if (AcceptKeyword("SAVEPOINT")) {
    auto stmt = std::make_unique<SavepointStatement>();
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->name, ParseName());
    return positioned(std::move(stmt));
  }
  if (AcceptKeyword("RELEASE")) {
    TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SAVEPOINT"));
    auto stmt = std::make_unique<ReleaseSavepointStatement>();
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->name, ParseName());
    return positioned(std::move(stmt));
  }
  if (AcceptKeyword("KILL")) {
    auto stmt = std::make_unique<KillStatement>();
    if (AcceptKeyword("QUERY")) {
      stmt->connection = false;
    } else {
      AcceptKeyword("CONNECTION");
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->id, ParseExpr());
    return positioned(std::move(stmt));
  }
  if (AcceptKeyword("USE")) {
    auto stmt = std::make_unique<UseStatement>();
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->database, ParseName());
    return positioned(std::move(stmt));
  }
  for (std::string_view word : kUnsupportedStatements) {
    if (PeekKeyword(word)) return err::NotSupported(ToUpperAscii(first.text));
  }
  return ErrorAt(first);
}

// SHOW TABLES / COLUMNS / CREATE TABLE / INDEX.
SqlResult<std::unique_ptr<Statement>> Parser::ParseShow() {
  const size_t start = Here();
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SHOW"));
  bool full = AcceptKeyword("FULL");
  if (!full && (PeekKeyword("WARNINGS") || PeekKeyword("ERRORS"))) {
    auto stmt = std::make_unique<ShowWarningsStatement>();
    stmt->pos = start;
    stmt->errors_only = PeekKeyword("ERRORS");
    Next();
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  auto from_table = [this]() -> SqlResult<std::string> {
    if (!AcceptKeyword("FROM")) TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("IN"));
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string table, ParseTableName());
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {  // FROM db: one database
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string db, ParseName());
      (void)db;
    }
    return table;
  };
  if (AcceptKeyword("TABLES")) {
    auto stmt = std::make_unique<ShowTablesStatement>();
    stmt->pos = start;
    if (AcceptKeyword("FROM") || AcceptKeyword("IN")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string db, ParseName());
      (void)db;
    }
    if (AcceptKeyword("LIKE")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string pattern, ParseString());
      stmt->like = std::move(pattern);
    } else if (PeekKeyword("WHERE")) {
      return err::NotSupported("SHOW TABLES WHERE");
    }
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  if (AcceptKeyword("COLUMNS") || AcceptKeyword("FIELDS")) {
    auto stmt = std::make_unique<ShowColumnsStatement>();
    stmt->pos = start;
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, from_table());
    if (PeekKeyword("LIKE") || PeekKeyword("WHERE")) {
      return err::NotSupported("SHOW COLUMNS LIKE/WHERE");
    }
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  if (full) return ErrorHere();
  if (AcceptKeyword("CREATE")) {
    if (!PeekKeyword("TABLE")) {
      if (Peek().kind == TokenKind::kIdent) {
        return err::NotSupported("SHOW CREATE " + ToUpperAscii(Peek().text));
      }
      return ErrorHere();
    }
    Next();
    auto stmt = std::make_unique<ShowCreateTableStatement>();
    stmt->pos = start;
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, ParseTableName());
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  if (AcceptKeyword("INDEX") || AcceptKeyword("INDEXES") || AcceptKeyword("KEYS")) {
    auto stmt = std::make_unique<ShowIndexStatement>();
    stmt->pos = start;
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, from_table());
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  if (Peek().kind == TokenKind::kIdent) {
    return err::NotSupported("SHOW " + ToUpperAscii(Peek().text));
  }
  return ErrorHere();
}

// DESCRIBE t / DESC t / EXPLAIN t, or EXPLAIN [FORMAT=x] statement.
SqlResult<std::unique_ptr<Statement>> Parser::ParseDescribe() {
  const size_t start = Here();
  Next();
  if (PeekName() && !PeekKeyword("FORMAT") && !PeekKeyword("ANALYZE")) {
    auto stmt = std::make_unique<ShowColumnsStatement>();
    stmt->pos = start;
    TETRADB_SQL_ASSIGN_OR_RETURN(stmt->table, ParseTableName());
    if (PeekName() || Peek().kind == TokenKind::kString) {  // DESCRIBE t col: one column
      return err::NotSupported("DESCRIBE table column");
    }
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  if (PeekKeyword("ANALYZE")) return err::NotSupported("EXPLAIN ANALYZE");
  if (AcceptKeyword("FORMAT")) {  // FORMAT=TRADITIONAL|TREE|JSON: one format
    TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("="));
    TETRADB_SQL_ASSIGN_OR_RETURN(std::string format, ParseNameOrString());
    (void)format;
  }
  if (!PeekSelectStart() && !PeekKeyword("INSERT") && !PeekKeyword("REPLACE") &&
      !PeekKeyword("UPDATE") && !PeekKeyword("DELETE")) {
    return ErrorHere();
  }
  auto stmt = std::make_unique<ExplainStatement>();
  stmt->pos = start;
  TETRADB_SQL_ASSIGN_OR_RETURN(stmt->statement, ParseStatementBody());
  return std::unique_ptr<Statement>(std::move(stmt));
}

// SET [SESSION|GLOBAL|LOCAL|PERSIST] name = expr, @@[scope.]name = expr,
// @user = expr; SET NAMES x [COLLATE y]; SET CHARACTER SET x;
// SET [SESSION] TRANSACTION ISOLATION LEVEL ... / READ ONLY|WRITE.
SqlResult<std::unique_ptr<Statement>> Parser::ParseSet() {
  auto stmt = std::make_unique<SetStatement>();
  stmt->pos = Here();
  TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("SET"));
  auto literal = [this](std::string text, size_t pos) {
    auto e = std::make_unique<Expr>();
    e->kind = ExprKind::kLiteral;
    e->literal = Value::String(std::move(text));
    e->pos = pos;
    e->text = std::string(sql_.substr(pos, prev_end_ - pos));
    return e;
  };
  if (AcceptKeyword("NAMES") || (PeekKeyword("CHARACTER") && PeekKeyword("SET", 1)) ||
      PeekKeyword("CHARSET")) {
    if (AcceptKeyword("CHARACTER"))
      Next();
    else
      AcceptKeyword("CHARSET");
    size_t pos = Here();
    std::string charset;
    if (AcceptKeyword("DEFAULT")) {
      charset = "default";
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(charset, ParseNameOrString());
    }
    auto value = literal(ToLowerAscii(charset), pos);
    if (AcceptKeyword("COLLATE")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(std::string collation, ParseNameOrString());
      (void)collation;
    }
    stmt->variables.emplace_back("names", std::move(value));
    return std::unique_ptr<Statement>(std::move(stmt));
  }
  do {
    std::string name;
    bool system = true;
    if (AcceptKeyword("SESSION") || AcceptKeyword("LOCAL") || AcceptKeyword("GLOBAL") ||
        AcceptKeyword("PERSIST") || AcceptKeyword("PERSIST_ONLY")) {
      // scope words: tetradb keeps one set of variables per session
    }
    if (AcceptKeyword("TRANSACTION")) {
      size_t pos = Here();
      if (AcceptKeyword("ISOLATION")) {
        TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("LEVEL"));
        std::string level;
        if (AcceptKeyword("REPEATABLE")) {
          TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("READ"));
          level = "REPEATABLE-READ";
        } else if (AcceptKeyword("SERIALIZABLE")) {
          level = "SERIALIZABLE";
        } else {
          TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("READ"));
          if (AcceptKeyword("COMMITTED"))
            level = "READ-COMMITTED";
          else if (AcceptKeyword("UNCOMMITTED"))
            level = "READ-UNCOMMITTED";
          else
            return ErrorHere();
        }
        stmt->variables.emplace_back("transaction_isolation", literal(level, pos));
      } else {
        TETRADB_SQL_RETURN_IF_ERROR(ExpectKeyword("READ"));
        std::string mode;
        if (AcceptKeyword("ONLY"))
          mode = "ON";
        else if (AcceptKeyword("WRITE"))
          mode = "OFF";
        else
          return ErrorHere();
        stmt->variables.emplace_back("transaction_read_only", literal(mode, pos));
      }
      continue;
    }
    if (AcceptOp("@@")) {
      TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseNameAfterDot());
      if (AcceptOp(".")) {  // @@session.x / @@global.x
        TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseNameAfterDot());
      }
    } else if (AcceptOp("@")) {
      system = false;
      TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseNameOrString());
      name = "@" + name;
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(name, ParseName());
    }
    if (!AcceptOp(":=")) TETRADB_SQL_RETURN_IF_ERROR(ExpectOp("="));
    ExprPtr value;
    const Token& v = Peek();
    bool single_word = v.kind == TokenKind::kIdent &&
                       (PeekOp(",", 1) || PeekOp(";", 1) || Peek(1).kind == TokenKind::kEnd);
    if (system && single_word && !IsKeyword(v, "DEFAULT") && !IsKeyword(v, "NULL") &&
        !IsKeyword(v, "TRUE") && !IsKeyword(v, "FALSE")) {
      // SET autocommit = ON, sql_mode = TRADITIONAL: a bare word is its name.
      size_t pos = v.pos;
      std::string word(Next().text);
      value = literal(ToUpperAscii(word), pos);
    } else {
      TETRADB_SQL_ASSIGN_OR_RETURN(value, ParseExpr());
    }
    stmt->variables.emplace_back(ToLowerAscii(name), std::move(value));
  } while (AcceptOp(","));
  return std::unique_ptr<Statement>(std::move(stmt));
}

// --- API ---------------------------------------------------------------------

namespace {

SqlResult<ParsedStatement> ParseRange(std::string_view sql, size_t begin, size_t end) {
  TETRADB_SQL_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(sql, begin, end));
  bool empty = true;
  int params = 0;
  for (const Token& t : tokens) {
    if (t.kind == TokenKind::kParam) ++params;
    if (t.kind != TokenKind::kEnd && !(t.kind == TokenKind::kOp && t.text == ";")) {
      empty = false;
    }
  }
  if (empty) return err::EmptyQuery();
  Parser parser(sql.substr(0, std::min(end, sql.size())), std::move(tokens));
  TETRADB_SQL_ASSIGN_OR_RETURN(std::unique_ptr<Statement> stmt, parser.ParseStatement());
  ParsedStatement out;
  out.statement = std::move(stmt);
  out.param_count = params;
  return out;
}

}  // namespace

SqlResult<ParsedStatement> Parse(std::string_view sql) { return ParseRange(sql, 0, sql.size()); }

SqlResult<std::vector<ParsedStatement>> ParseScript(std::string_view sql) {
  std::vector<ParsedStatement> out;
  for (std::string_view piece : SplitStatements(sql)) {
    size_t begin = static_cast<size_t>(piece.data() - sql.data());
    TETRADB_SQL_ASSIGN_OR_RETURN(ParsedStatement stmt,
                                 ParseRange(sql, begin, begin + piece.size()));
    out.push_back(std::move(stmt));
  }
  return out;
}

}  // namespace tetradb::rel::sql
