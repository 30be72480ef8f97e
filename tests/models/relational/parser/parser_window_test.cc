// Window functions: OVER clauses, frames and the WINDOW clause, and the
// syntax MySQL refuses (1064) or parses but does not implement (1235).
#include "tests/models/relational/parser/parse_test_util.h"

namespace tetradb::rel::sql::testing {
namespace {

TEST(ParserWindowTest, OverClauses) {
  EXPECT_EQ(ExprDump("ROW_NUMBER() OVER ()"), "(ROW_NUMBER (over))");
  EXPECT_EQ(ExprDump("RANK() OVER (PARTITION BY a, b ORDER BY c DESC)"),
            "(RANK (over (partition a b) (order c desc)))");
  EXPECT_EQ(ExprDump("SUM(x) OVER w"), "(SUM x (over w))");
  EXPECT_EQ(ExprDump("SUM(x) OVER (w ORDER BY y)"), "(SUM x (over w (order y)))");
  EXPECT_EQ(ExprDump("COUNT(*) OVER ()"), "(COUNT * (over))");
  EXPECT_EQ(ExprDump("LAG(x, 2, 0) OVER (ORDER BY d)"), "(LAG x 2 0 (over (order d)))");
  EXPECT_EQ(ExprDump("LEAD(x) RESPECT NULLS OVER (ORDER BY d)"), "(LEAD x (over (order d)))");
  EXPECT_EQ(ExprDump("NTH_VALUE(x, 2) FROM FIRST OVER ()"), "(NTH_VALUE x 2 (over))");
  // A window function is an operand like any other.
  EXPECT_EQ(ExprDump("100 * x / SUM(x) OVER (PARTITION BY g)"),
            "(/ (* 100 x) (SUM x (over (partition g))))");
  // The item's name is its whole text, OVER included.
  auto s = MustParseSelect("SELECT ROW_NUMBER() OVER (ORDER BY a) FROM t");
  ASSERT_NE(s, nullptr);
  EXPECT_EQ(s->items[0].expr->text, "ROW_NUMBER() OVER (ORDER BY a)");
}

TEST(ParserWindowTest, Frames) {
  EXPECT_EQ(ExprDump("SUM(x) OVER (ORDER BY d ROWS 2 PRECEDING)"),
            "(SUM x (over (order d) (rows 2 preceding current-row)))");
  EXPECT_EQ(ExprDump("SUM(x) OVER (ORDER BY d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"),
            "(SUM x (over (order d) (rows unbounded-preceding current-row)))");
  EXPECT_EQ(ExprDump("AVG(x) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND 1 FOLLOWING)"),
            "(AVG x (over (order d) (rows 1 preceding 1 following)))");
  EXPECT_EQ(ExprDump("SUM(x) OVER (ORDER BY d RANGE BETWEEN CURRENT ROW AND UNBOUNDED FOLLOWING)"),
            "(SUM x (over (order d) (range current-row unbounded-following)))");
  EXPECT_EQ(ExprDump("COUNT(*) OVER (ORDER BY d RANGE INTERVAL 7 DAY PRECEDING)"),
            "(COUNT * (over (order d) (range (interval 7 DAY) preceding current-row)))");
  EXPECT_EQ(ExprDump("SUM(x) OVER (ORDER BY d ROWS ? PRECEDING)"),
            "(SUM x (over (order d) (rows ?0 preceding current-row)))");
}

TEST(ParserWindowTest, WindowClause) {
  EXPECT_EQ(SelectDump("SELECT SUM(x) OVER w FROM t WINDOW w AS (PARTITION BY g), "
                       "v AS (w ORDER BY d) ORDER BY 1"),
            "(select (items (SUM x (over w))) (from t) (window w (over (partition g))) "
            "(window v (over w (order d))) (order 1))");
  auto s = MustParseSelect("SELECT 1 FROM t GROUP BY a HAVING COUNT(*) > 1 WINDOW w AS () LIMIT 1");
  ASSERT_NE(s, nullptr);
  ASSERT_EQ(s->windows.size(), 1u);
  EXPECT_EQ(s->windows[0].name, "w");
}

TEST(ParserWindowTest, WindowFunctionNamesAreReservedButCallable) {
  EXPECT_EQ(NearText("SELECT rank FROM t"), "rank FROM t");
  EXPECT_TRUE(MustParse("SELECT `rank` FROM t"));
  EXPECT_TRUE(MustParse("SELECT row_number() over () AS `rank` FROM t"));
}

TEST(ParserWindowTest, SyntaxErrors) {
  // Window-only functions need OVER; ranking functions take no arguments.
  EXPECT_EQ(NearText("SELECT RANK() FROM t"), "FROM t");
  EXPECT_EQ(NearText("SELECT ROW_NUMBER(a) OVER () FROM t"), "a) OVER () FROM t");
  EXPECT_EQ(NearText("SELECT LAG() OVER () FROM t"), "OVER () FROM t");
  EXPECT_EQ(NearText("SELECT NTH_VALUE(a) OVER () FROM t"), "OVER () FROM t");
  // OVER follows window functions and aggregates only (not GROUP_CONCAT).
  EXPECT_EQ(NearText("SELECT UPPER(a) OVER () FROM t"), "OVER () FROM t");
  EXPECT_EQ(NearText("SELECT GROUP_CONCAT(a) OVER () FROM t"), "OVER () FROM t");
  EXPECT_EQ(NearText("SELECT SUM(a) OVER FROM t"), "FROM t");
  EXPECT_EQ(NearText("SELECT SUM(a) OVER (ROWS BETWEEN 1 PRECEDING) FROM t"), ") FROM t");
  EXPECT_EQ(NearText("SELECT SUM(a) OVER (ROWS -1 PRECEDING) FROM t"), "-1 PRECEDING) FROM t");
  EXPECT_EQ(NearText("SELECT SUM(a) OVER (ROWS a PRECEDING) FROM t"), "a PRECEDING) FROM t");
  EXPECT_EQ(NearText("SELECT 1 FROM t WINDOW w (ORDER BY a)"), "(ORDER BY a)");
  // Counts: an unsigned integer, `?` or a variable.
  EXPECT_TRUE(MustParse("SELECT NTILE(?) OVER (), LAG(a, @n) OVER (), NTH_VALUE(a, 2) OVER () "
                        "FROM t"));
  EXPECT_EQ(NearText("SELECT LAG(a, -1) OVER () FROM t"), "-1) OVER () FROM t");
  EXPECT_EQ(NearText("SELECT NTILE(1.5) OVER () FROM t"), "1.5) OVER () FROM t");
  EXPECT_EQ(NearText("SELECT NTILE(NULL) OVER () FROM t"), "NULL) OVER () FROM t");
  EXPECT_EQ(NearText("SELECT NTH_VALUE(a, 1 + 1) OVER () FROM t"), "1 + 1) OVER () FROM t");
  SqlError e = ParseError("SELECT NTILE(a) OVER () FROM t");
  EXPECT_EQ(e.code, 1327);
  EXPECT_EQ(e.message, "Undeclared variable: a");
}

TEST(ParserWindowTest, Unsupported) {
  EXPECT_EQ(ParseError("SELECT SUM(a) OVER (ORDER BY a GROUPS 1 PRECEDING) FROM t").code, 1235);
  EXPECT_EQ(ParseError("SELECT SUM(a) OVER (ORDER BY a ROWS 1 PRECEDING EXCLUDE TIES) FROM t").code,
            1235);
  EXPECT_EQ(ParseError("SELECT LAG(a) IGNORE NULLS OVER () FROM t").code, 1235);
  EXPECT_EQ(ParseError("SELECT NTH_VALUE(a, 1) FROM LAST OVER () FROM t").code, 1235);
}

}  // namespace
}  // namespace tetradb::rel::sql::testing
