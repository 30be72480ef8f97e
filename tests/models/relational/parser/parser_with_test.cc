// WITH clauses (common table expressions): where they may stand, what they
// hold, and the syntax MySQL refuses.
#include "tests/models/relational/parser/parse_test_util.h"

namespace tetradb::rel::sql::testing {
namespace {

TEST(ParserWithTest, CtesBeforeASelect) {
  EXPECT_EQ(SelectDump("WITH c AS (SELECT a FROM t) SELECT * FROM c"),
            "(select (with (c (select (items a) (from t)))) (items *) (from c))");
  EXPECT_EQ(SelectDump("WITH c (x, y) AS (SELECT 1, 2), d AS (SELECT x FROM c) SELECT * FROM d"),
            "(select (with (c (x y) (select (items 1 2))) (d (select (items x) (from c)))) "
            "(items *) (from d))");
  auto s = MustParseSelect(
      "WITH RECURSIVE r (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r WHERE n < 3) "
      "SELECT n FROM r");
  ASSERT_NE(s, nullptr);
  ASSERT_NE(s->with, nullptr);
  EXPECT_TRUE(s->with->recursive);
  ASSERT_EQ(s->with->ctes.size(), 1u);
  EXPECT_EQ(s->with->ctes[0].name, "r");
  EXPECT_EQ(s->with->ctes[0].columns, std::vector<std::string>{"n"});
  EXPECT_EQ(s->with->ctes[0].query->unions.size(), 1u);
}

TEST(ParserWithTest, CoversTheWholeUnion) {
  auto s = MustParseSelect("WITH c AS (SELECT 1 AS v) SELECT v FROM c UNION SELECT v + 1 FROM c");
  ASSERT_NE(s, nullptr);
  ASSERT_NE(s->with, nullptr);
  ASSERT_EQ(s->unions.size(), 1u);
  EXPECT_EQ(s->unions[0].second->with, nullptr);
  // A parenthesized member keeps its own.
  s = MustParseSelect("SELECT 1 UNION (WITH c AS (SELECT 2) SELECT * FROM c)");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->with, nullptr);
  EXPECT_NE(s->unions[0].second->with, nullptr);
}

TEST(ParserWithTest, InsideSubqueriesAndDerivedTables) {
  EXPECT_EQ(SelectDump("SELECT * FROM (WITH c AS (SELECT 1 AS v) SELECT v FROM c) d"),
            "(select (items *) (from (select (with (c (select (items 1 as v)))) (items v) "
            "(from c)) as d))");
  EXPECT_TRUE(MustParse("SELECT a FROM t WHERE a IN (WITH c AS (SELECT 1) SELECT * FROM c)"));
  EXPECT_TRUE(MustParse("SELECT (WITH c AS (SELECT 1) SELECT * FROM c)"));
  EXPECT_TRUE(MustParse("SELECT EXISTS (WITH c AS (SELECT 1) SELECT * FROM c)"));
  EXPECT_TRUE(MustParse("INSERT INTO t (a) WITH c AS (SELECT 1) SELECT * FROM c"));
  EXPECT_TRUE(MustParse("EXPLAIN WITH c AS (SELECT 1) SELECT * FROM c"));
  EXPECT_TRUE(MustParse("(WITH c AS (SELECT 1) SELECT * FROM c) ORDER BY 1"));
}

TEST(ParserWithTest, BeforeUpdateAndDelete) {
  auto u = MustParseAs<UpdateStatement>(
      "WITH c AS (SELECT id FROM t WHERE x > 1) UPDATE t SET x = 0 WHERE id IN (SELECT id FROM c)");
  ASSERT_NE(u, nullptr);
  ASSERT_NE(u->with, nullptr);
  EXPECT_EQ(u->with->ctes[0].name, "c");
  EXPECT_EQ(u->pos, 0u);
  auto d = MustParseAs<DeleteStatement>(
      "WITH RECURSIVE c AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM c)");
  ASSERT_NE(d, nullptr);
  ASSERT_NE(d->with, nullptr);
  EXPECT_TRUE(d->with->recursive);
  EXPECT_TRUE(
      MustParse("EXPLAIN WITH c AS (SELECT 1) DELETE FROM t WHERE id IN (SELECT * FROM c)"));
}

TEST(ParserWithTest, SyntaxErrors) {
  EXPECT_EQ(NearText("WITH c AS (SELECT 1) INSERT INTO t VALUES (1)"), "INSERT INTO t VALUES (1)");
  EXPECT_EQ(NearText("WITH c AS SELECT 1 SELECT 1"), "SELECT 1 SELECT 1");
  EXPECT_EQ(NearText("WITH c (SELECT 1) SELECT 1"), "SELECT 1) SELECT 1");
  EXPECT_EQ(NearText("WITH AS (SELECT 1) SELECT 1"), "AS (SELECT 1) SELECT 1");
  EXPECT_EQ(NearText("WITH c AS (SELECT 1)"), "");
  EXPECT_EQ(NearText("WITH c AS (SELECT 1) WITH d AS (SELECT 2) SELECT 1"),
            "WITH d AS (SELECT 2) SELECT 1");
  // WITH starts a query expression, not a UNION member.
  EXPECT_EQ(NearText("SELECT 1 UNION WITH c AS (SELECT 2) SELECT * FROM c"),
            "WITH c AS (SELECT 2) SELECT * FROM c");
  // A parenthesized WITH that the flattened tree cannot scope: 1235.
  EXPECT_EQ(ParseError("(WITH c AS (SELECT 1) SELECT * FROM c) UNION SELECT 2").code, 1235);
}

}  // namespace
}  // namespace tetradb::rel::sql::testing
