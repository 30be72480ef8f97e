// NATURAL [LEFT | RIGHT] JOIN and GROUP BY ... WITH ROLLUP in the parser;
// GROUPING(...) as a function call.
#include "tests/models/relational/parser/parse_test_util.h"

namespace tetradb::rel::sql {
namespace {

using testing::MustParseSelect;
using testing::NearText;
using testing::ParseError;

TEST(ParserQueryFeaturesTest, NaturalJoinKinds) {
  auto s = MustParseSelect(
      "SELECT * FROM a NATURAL JOIN b NATURAL INNER JOIN c NATURAL LEFT JOIN d "
      "NATURAL LEFT OUTER JOIN e NATURAL RIGHT JOIN f NATURAL RIGHT OUTER JOIN g");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->from.size(), 7u);
  EXPECT_FALSE(s->from[0].natural);
  const JoinType expected[] = {JoinType::kNone, JoinType::kInner, JoinType::kInner, JoinType::kLeft,
                               JoinType::kLeft, JoinType::kRight, JoinType::kRight};
  for (size_t i = 1; i < s->from.size(); ++i) {
    EXPECT_TRUE(s->from[i].natural) << i;
    EXPECT_EQ(s->from[i].join, expected[i]) << i;
    EXPECT_FALSE(s->from[i].on) << i;
    EXPECT_TRUE(s->from[i].using_columns.empty()) << i;
  }
  EXPECT_EQ(s->from[6].name, "g");
}

TEST(ParserQueryFeaturesTest, NaturalJoinWithAliasesAndDerivedTables) {
  auto s = MustParseSelect("SELECT x.a FROM t1 AS x NATURAL JOIN (SELECT 1 AS a) AS y WHERE a = 1");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->from.size(), 2u);
  EXPECT_EQ(s->from[0].alias, "x");
  EXPECT_TRUE(s->from[1].natural);
  EXPECT_NE(s->from[1].derived, nullptr);
  EXPECT_EQ(s->from[1].alias, "y");
  EXPECT_NE(s->where, nullptr);
}

TEST(ParserQueryFeaturesTest, NaturalJoinTakesNoCondition) {
  EXPECT_EQ(NearText("SELECT * FROM a NATURAL JOIN b ON a.i = b.i"), "ON a.i = b.i");
  EXPECT_EQ(NearText("SELECT * FROM a NATURAL JOIN b USING (i)"), "USING (i)");
  EXPECT_EQ(NearText("SELECT * FROM a NATURAL OUTER JOIN b"), "OUTER JOIN b");
  EXPECT_EQ(NearText("SELECT * FROM a NATURAL CROSS JOIN b"), "CROSS JOIN b");
  EXPECT_EQ(NearText("SELECT * FROM a NATURAL b"), "b");
}

TEST(ParserQueryFeaturesTest, WithRollup) {
  auto s = MustParseSelect(
      "SELECT a, b, SUM(c) FROM t GROUP BY a, b WITH ROLLUP HAVING SUM(c) > 1 ORDER BY a LIMIT 3");
  ASSERT_TRUE(s);
  EXPECT_TRUE(s->with_rollup);
  EXPECT_EQ(s->group_by.size(), 2u);
  EXPECT_NE(s->having, nullptr);
  EXPECT_EQ(s->order_by.size(), 1u);
  EXPECT_NE(s->limit, nullptr);

  auto plain = MustParseSelect("SELECT a FROM t GROUP BY a");
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->with_rollup);
  // Lower case, and inside a union member and a derived table.
  auto u = MustParseSelect(
      "SELECT a FROM t GROUP BY a with rollup UNION ALL "
      "SELECT n FROM (SELECT b AS n FROM t GROUP BY b WITH ROLLUP) AS d");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->with_rollup);
  ASSERT_EQ(u->unions.size(), 1u);
  EXPECT_TRUE(u->unions[0].second->from[0].derived->with_rollup);
}

TEST(ParserQueryFeaturesTest, WithRollupErrors) {
  EXPECT_EQ(ParseError("SELECT a FROM t GROUP BY a WITH CUBE").code, 1235);
  EXPECT_EQ(NearText("SELECT a FROM t GROUP BY a WITH"), "");
  EXPECT_EQ(NearText("SELECT a FROM t GROUP BY a WITH x"), "x");
  EXPECT_EQ(NearText("SELECT a FROM t WITH ROLLUP"), "WITH ROLLUP");
}

TEST(ParserQueryFeaturesTest, GroupingIsAFunction) {
  auto s = MustParseSelect("SELECT GROUPING(a, b) FROM t GROUP BY a, b WITH ROLLUP");
  ASSERT_TRUE(s);
  const Expr& e = *s->items[0].expr;
  EXPECT_EQ(e.kind, ExprKind::kFunction);
  EXPECT_EQ(e.name, "GROUPING");
  EXPECT_EQ(e.args.size(), 2u);
}

}  // namespace
}  // namespace tetradb::rel::sql
