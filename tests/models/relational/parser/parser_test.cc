// The statement level: dispatch, SHOW / DESCRIBE / EXPLAIN / SET / USE /
// transactions, 1064 and 1065 errors, SplitStatements and ParseScript.
#include "models/relational/sql/parser/parser.h"

#include <gtest/gtest.h>

#include "parse_test_util.h"

namespace tetradb::rel::sql {
namespace {

using testing::MustParse;
using testing::MustParseAs;
using testing::NearText;
using testing::ParseError;

TEST(ParserTest, EmptyQuery) {
  for (const char* sql : {"", "   ", "\n\t", "-- just a comment", "/* c */", "# c\n", ";", " ; ",
                          "/*!99999 SET NAMES utf8 */"}) {
    SqlError e = ParseError(sql);
    EXPECT_EQ(e.code, 1065) << "[" << sql << "]";
    EXPECT_EQ(e.message, "Query was empty");
    EXPECT_EQ(e.sqlstate, "42000");
  }
}

TEST(ParserTest, SyntaxErrorMessage) {
  SqlError e = ParseError("SELECT * FORM t");
  EXPECT_EQ(e.code, 1064);
  EXPECT_EQ(e.sqlstate, "42000");
  EXPECT_EQ(e.message,
            "You have an error in your SQL syntax; check the manual that corresponds to your "
            "MySQL server version for the right syntax to use near 'FORM t' at line 1");
}

TEST(ParserTest, SyntaxErrorPositions) {
  EXPECT_EQ(NearText("SELEC 1"), "SELEC 1");
  EXPECT_EQ(NearText("SELECT * FROM t WHERE"), "");
  EXPECT_EQ(NearText("SELECT * FROM t WHERE a = 1 b"), "b");
  EXPECT_EQ(NearText("SELECT 1; SELECT 2"), "SELECT 2");
  EXPECT_EQ(NearText("SELECT 1;;"), ";");
  EXPECT_EQ(NearText("1 + 1"), "1 + 1");
  EXPECT_EQ(NearText("(SELECT 1"), "");
  SqlError e = ParseError("SELECT a,\n  b\nFROM t\nWHERE = 1");
  EXPECT_NE(e.message.find("near '= 1' at line 4"), std::string::npos) << e.message;
}

TEST(ParserTest, TrailingSemicolon) {
  EXPECT_TRUE(MustParse("SELECT 1;"));
  EXPECT_TRUE(MustParse("SELECT 1 ;  -- done\n"));
  EXPECT_TRUE(MustParse("COMMIT;"));
}

TEST(ParserTest, UnsupportedStatements) {
  for (const char* sql :
       {"LOCK INSTANCE FOR BACKUP", "UNLOCK INSTANCE", "GRANT ALL ON *.* TO x", "CALL p()",
        "PREPARE s FROM 'x'", "SHOW DATABASES", "SHOW VARIABLES LIKE 'x'", "SHOW COUNT(*) WARNINGS",
        "SHOW CREATE VIEW v", "COMMIT AND CHAIN"}) {
    EXPECT_EQ(ParseError(sql).code, 1235) << sql;
  }
  EXPECT_EQ(NearText("FROBNICATE t"), "FROBNICATE t");
}

TEST(ParserTest, Transactions) {
  EXPECT_EQ(MustParse("BEGIN")->kind, StmtKind::kBegin);
  EXPECT_EQ(MustParse("begin work")->kind, StmtKind::kBegin);
  EXPECT_EQ(MustParse("START TRANSACTION")->kind, StmtKind::kBegin);
  EXPECT_EQ(MustParse("START TRANSACTION READ ONLY")->kind, StmtKind::kBegin);
  EXPECT_EQ(MustParse("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ WRITE")->kind,
            StmtKind::kBegin);
  EXPECT_EQ(MustParse("COMMIT")->kind, StmtKind::kCommit);
  EXPECT_EQ(MustParse("COMMIT WORK")->kind, StmtKind::kCommit);
  EXPECT_EQ(MustParse("COMMIT AND NO CHAIN NO RELEASE")->kind, StmtKind::kCommit);
  EXPECT_EQ(MustParse("ROLLBACK")->kind, StmtKind::kRollback);
  EXPECT_EQ(MustParse("rollback work")->kind, StmtKind::kRollback);
  EXPECT_EQ(NearText("START"), "");
  EXPECT_EQ(NearText("START TRANSACTION READ"), "");
  EXPECT_EQ(NearText("BEGIN TRANSACTION"), "TRANSACTION");
  EXPECT_EQ(MustParse("  COMMIT")->pos, 2u);
}

TEST(ParserTest, Savepoints) {
  auto sp = MustParse("SAVEPOINT s1");
  ASSERT_EQ(sp->kind, StmtKind::kSavepoint);
  EXPECT_EQ(static_cast<SavepointStatement&>(*sp).name, "s1");
  for (const char* sql : {"ROLLBACK TO SAVEPOINT s1", "rollback work to s1", "ROLLBACK TO `s1`"}) {
    auto rb = MustParse(sql);
    ASSERT_EQ(rb->kind, StmtKind::kRollback) << sql;
    EXPECT_EQ(static_cast<RollbackStatement&>(*rb).savepoint, "s1") << sql;
  }
  EXPECT_EQ(static_cast<RollbackStatement&>(*MustParse("ROLLBACK")).savepoint, "");
  auto rel = MustParse("RELEASE SAVEPOINT s1");
  ASSERT_EQ(rel->kind, StmtKind::kReleaseSavepoint);
  EXPECT_EQ(static_cast<ReleaseSavepointStatement&>(*rel).name, "s1");
  EXPECT_EQ(NearText("RELEASE s1"), "s1");
  EXPECT_EQ(NearText("SAVEPOINT"), "");
}

TEST(ParserTest, Use) {
  auto s = MustParseAs<UseStatement>("USE tetradb");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->database, "tetradb");
  EXPECT_EQ(MustParseAs<UseStatement>("USE `shop db`")->database, "shop db");
  EXPECT_EQ(NearText("USE"), "");
}

TEST(ParserTest, Show) {
  auto tables = MustParseAs<ShowTablesStatement>("SHOW TABLES");
  ASSERT_TRUE(tables);
  EXPECT_FALSE(tables->like.has_value());
  auto like = MustParseAs<ShowTablesStatement>("SHOW FULL TABLES FROM tetradb LIKE 'Order%'");
  ASSERT_TRUE(like);
  EXPECT_EQ(like->like, std::optional<std::string>("Order%"));

  EXPECT_EQ(MustParseAs<ShowColumnsStatement>("SHOW COLUMNS FROM `Order`")->table, "Order");
  EXPECT_EQ(MustParseAs<ShowColumnsStatement>("SHOW FULL COLUMNS IN User FROM tetradb")->table,
            "User");
  EXPECT_EQ(MustParseAs<ShowColumnsStatement>("SHOW FIELDS FROM t")->table, "t");
  EXPECT_EQ(MustParseAs<ShowCreateTableStatement>("SHOW CREATE TABLE Item")->table, "Item");
  EXPECT_EQ(MustParseAs<ShowIndexStatement>("SHOW INDEX FROM Item")->table, "Item");
  EXPECT_EQ(MustParseAs<ShowIndexStatement>("SHOW INDEXES IN Item")->table, "Item");
  EXPECT_EQ(MustParseAs<ShowIndexStatement>("SHOW KEYS FROM tetradb.Item")->table, "Item");
  EXPECT_EQ(NearText("SHOW TABLES LIKE"), "");
  EXPECT_EQ(NearText("SHOW COLUMNS t"), "t");
  EXPECT_EQ(NearText("SHOW FULL INDEX FROM t"), "INDEX FROM t");
  EXPECT_EQ(NearText("SHOW"), "");
}

TEST(ParserTest, DescribeAndExplain) {
  EXPECT_EQ(MustParseAs<ShowColumnsStatement>("DESCRIBE User")->table, "User");
  EXPECT_EQ(MustParseAs<ShowColumnsStatement>("DESC `Order`")->table, "Order");
  EXPECT_EQ(MustParseAs<ShowColumnsStatement>("EXPLAIN Item")->table, "Item");

  auto e = MustParseAs<ExplainStatement>("EXPLAIN SELECT * FROM t WHERE a = ?");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, StmtKind::kExplain);
  ASSERT_TRUE(e->statement);
  EXPECT_EQ(e->statement->kind, StmtKind::kSelect);
  EXPECT_EQ(e->statement->pos, 8u);
  auto r = Parse("EXPLAIN SELECT * FROM t WHERE a = ?");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().param_count, 1);

  EXPECT_EQ(MustParseAs<ExplainStatement>("DESCRIBE SELECT 1")->statement->kind, StmtKind::kSelect);
  EXPECT_EQ(
      MustParseAs<ExplainStatement>("EXPLAIN FORMAT=TREE UPDATE t SET a = 1")->statement->kind,
      StmtKind::kUpdate);
  EXPECT_EQ(MustParseAs<ExplainStatement>("EXPLAIN DELETE FROM t")->statement->kind,
            StmtKind::kDelete);
  EXPECT_EQ(MustParseAs<ExplainStatement>("EXPLAIN INSERT INTO t VALUES (1)")->statement->kind,
            StmtKind::kInsert);
  EXPECT_EQ(MustParseAs<ExplainStatement>("EXPLAIN (SELECT 1) UNION (SELECT 2)")->statement->kind,
            StmtKind::kSelect);
  EXPECT_EQ(NearText("EXPLAIN CREATE TABLE t (a INT)"), "CREATE TABLE t (a INT)");
  EXPECT_EQ(NearText("EXPLAIN"), "");
  EXPECT_EQ(ParseError("EXPLAIN ANALYZE SELECT 1").code, 1235);
}

std::string SetDump(std::string_view sql) {
  auto s = MustParseAs<SetStatement>(sql);
  if (!s) return "<error>";
  std::string out;
  for (const auto& [name, value] : s->variables) {
    if (!out.empty()) out += ", ";
    out += name + "=" + DumpExpr(*value);
  }
  return out;
}

TEST(ParserTest, Set) {
  EXPECT_EQ(SetDump("SET autocommit = 0"), "autocommit=0");
  EXPECT_EQ(SetDump("SET autocommit=ON"), "autocommit='ON'");
  EXPECT_EQ(SetDump("SET SESSION sql_mode = 'STRICT_TRANS_TABLES', @@time_zone = '+00:00'"),
            "sql_mode='STRICT_TRANS_TABLES', time_zone='+00:00'");
  EXPECT_EQ(SetDump("SET @@SESSION.Autocommit = 1"), "autocommit=1");
  EXPECT_EQ(SetDump("SET GLOBAL max_connections = 10 * 10"), "max_connections=(* 10 10)");
  EXPECT_EQ(SetDump("SET @cart := (SELECT 1)"), "@cart=(select (items 1))");
  EXPECT_EQ(SetDump("SET @x = a"), "@x=a");  // user variables take expressions
  EXPECT_EQ(SetDump("SET sql_mode = DEFAULT"), "sql_mode=default");
  EXPECT_EQ(SetDump("SET NAMES utf8mb4"), "names='utf8mb4'");
  EXPECT_EQ(SetDump("SET NAMES 'UTF8MB4' COLLATE 'utf8mb4_unicode_ci'"), "names='utf8mb4'");
  EXPECT_EQ(SetDump("SET CHARACTER SET utf8"), "names='utf8'");
  EXPECT_EQ(SetDump("SET TRANSACTION ISOLATION LEVEL READ COMMITTED"),
            "transaction_isolation='READ-COMMITTED'");
  EXPECT_EQ(SetDump("SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ"),
            "transaction_isolation='REPEATABLE-READ'");
  EXPECT_EQ(SetDump("SET TRANSACTION READ ONLY"), "transaction_read_only='ON'");
  EXPECT_EQ(NearText("SET"), "");
  EXPECT_EQ(NearText("SET x"), "");
  EXPECT_EQ(NearText("SET x = "), "");
  EXPECT_EQ(NearText("SET TRANSACTION ISOLATION LEVEL READ SOMETIMES"), "SOMETIMES");
}

TEST(ParserTest, SplitStatements) {
  std::string_view script =
      "CREATE TABLE a (x INT); -- first\n"
      "INSERT INTO a VALUES (';'), (\"a;b\");\n"
      "/* ; */ SELECT `we;ird` FROM a # ; comment\n"
      ";;  ; \n"
      "SELECT 'it''s;' ; -- trailing comment only\n";
  std::vector<std::string_view> parts = SplitStatements(script);
  ASSERT_EQ(parts.size(), 4u);
  EXPECT_EQ(parts[0], "CREATE TABLE a (x INT)");
  EXPECT_EQ(parts[1], "-- first\nINSERT INTO a VALUES (';'), (\"a;b\")");
  EXPECT_EQ(parts[2], "/* ; */ SELECT `we;ird` FROM a # ; comment");
  EXPECT_EQ(parts[3], "SELECT 'it''s;'");
  EXPECT_TRUE(SplitStatements("").empty());
  EXPECT_TRUE(SplitStatements(" ; -- x\n ; /* y */").empty());
  EXPECT_EQ(SplitStatements("SELECT 1").size(), 1u);
  EXPECT_EQ(SplitStatements("SELECT 'a\\';b'; SELECT 2").size(), 2u);  // \' does not end it
  // An unterminated string runs to the end: one piece, which the parser rejects.
  EXPECT_EQ(SplitStatements("SELECT 'a; SELECT 2").size(), 1u);
}

TEST(ParserTest, ParseScriptKeepsOffsets) {
  std::string_view script = "SELECT 1;\n\nUPDATE t SET a = ? WHERE b = ?;\nSELECT ?";
  auto r = ParseScript(script);
  ASSERT_TRUE(r.ok()) << r.error().message;
  ASSERT_EQ(r.value().size(), 3u);
  EXPECT_EQ(r.value()[0].statement->kind, StmtKind::kSelect);
  EXPECT_EQ(r.value()[1].statement->kind, StmtKind::kUpdate);
  EXPECT_EQ(r.value()[1].statement->pos, script.find("UPDATE"));
  EXPECT_EQ(r.value()[1].param_count, 2);
  EXPECT_EQ(r.value()[2].param_count, 1);
  auto* update = static_cast<UpdateStatement*>(r.value()[1].statement.get());
  EXPECT_EQ(update->where->pos, script.find("b = ?"));
  EXPECT_EQ(update->where->text, "b = ?");
  EXPECT_EQ(update->where->args[1]->param_index, 1);
  auto* last = static_cast<SelectStatement*>(r.value()[2].statement.get());
  EXPECT_EQ(last->select->items[0].expr->param_index, 0);  // numbered per statement
}

TEST(ParserTest, ParseScriptErrors) {
  auto r = ParseScript("SELECT 1;\nSELECT * FORM t;\nSELECT 3");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, 1064);
  // The quote stops at the failing statement's end; the line counts the script.
  EXPECT_NE(r.error().message.find("near 'FORM t' at line 2"), std::string::npos)
      << r.error().message;
  auto empty = ParseScript("-- nothing\n;");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty.value().empty());
}

TEST(ParserTest, GarbageNeverCrashes) {
  // A crude fuzz: every prefix of statements, and some byte noise.
  const char* statements[] = {
      "SELECT a.b, COUNT(DISTINCT c) FROM t AS a LEFT JOIN u ON a.i = u.i WHERE x IN (1, 2) "
      "GROUP BY 1 HAVING COUNT(*) > 1 ORDER BY 2 DESC LIMIT 3, 4 FOR UPDATE",
      "INSERT INTO t (a, b) VALUES (1, 'x'), (2, DEFAULT) ON DUPLICATE KEY UPDATE b = VALUES(b)",
      "CREATE TABLE t (id INT AUTO_INCREMENT PRIMARY KEY, d DECIMAL(10,2) DEFAULT 0.00, "
      "FOREIGN KEY (id) REFERENCES u (id) ON DELETE CASCADE) ENGINE=InnoDB",
      "SELECT CASE WHEN a THEN CAST(b AS DECIMAL(5,2)) ELSE DATE_ADD(c, INTERVAL 1 DAY) END",
  };
  for (const char* sql : statements) {
    std::string_view full(sql);
    for (size_t n = 0; n <= full.size(); ++n) {
      auto r = Parse(full.substr(0, n));
      if (!r.ok()) {
        EXPECT_TRUE(r.error().code == 1064 || r.error().code == 1065 || r.error().code == 1235 ||
                    r.error().code == 1248)
            << full.substr(0, n) << ": " << r.error().message;
      }
    }
  }
  const std::string_view alphabet = "()'\"`;,.-+*/ aSELCTFROMWHEN01?@#\\\n";
  std::string noise;
  uint32_t seed = 12345;
  for (int i = 0; i < 2000; ++i) {
    seed = seed * 1103515245 + 12345;
    noise.push_back(alphabet[(seed >> 16) % alphabet.size()]);
    auto r = Parse(noise);
    if (!r.ok()) {
      EXPECT_NE(r.error().code, 0);
    }
  }
}

}  // namespace
}  // namespace tetradb::rel::sql
