// GROUP BY ... WITH ROLLUP and GROUPING(): super-aggregate rows with NULL in
// the rolled-up columns, their order, and how HAVING, ORDER BY, LIMIT,
// DISTINCT and window functions treat them (MySQL 8.0's behaviour).
#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

class RollupTest : public ExecFixture {
 protected:
  void SetUp() override {
    ExecFixture::SetUp();
    // The sales table of MySQL's manual on ROLLUP.
    Create(
        "CREATE TABLE sales (id INT PRIMARY KEY AUTO_INCREMENT, year INT, "
        "country VARCHAR(20), product VARCHAR(32), profit INT)");
    Ok("INSERT INTO sales (year, country, product, profit) VALUES "
       "(2000, 'Finland', 'Computer', 1500), (2000, 'Finland', 'Phone', 100), "
       "(2001, 'Finland', 'Phone', 10), (2000, 'India', 'Calculator', 75), "
       "(2000, 'India', 'Calculator', 75), (2000, 'India', 'Computer', 1200), "
       "(2000, 'USA', 'Calculator', 75), (2000, 'USA', 'Computer', 1500), "
       "(2001, 'USA', 'Calculator', 50), (2001, 'USA', 'Computer', 1500), "
       "(2001, 'USA', 'Computer', 1200), (2001, 'USA', 'TV', 150), (2001, 'USA', 'TV', 100)");
    Create("CREATE TABLE empty_t (a INT, b INT)");
  }
};

TEST_F(RollupTest, OneColumnAddsAGrandTotal) {
  ResultSet rs = Ok("SELECT year, SUM(profit) AS profit FROM sales GROUP BY year WITH ROLLUP");
  EXPECT_EQ(Columns(rs), "year,profit");
  EXPECT_EQ(Flat(rs), "2000,4525|2001,3010|NULL,7535");
  // NULL in a super-aggregate row is a real NULL.
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_TRUE(rs.rows[2][0].is_null());
}

TEST_F(RollupTest, SeveralColumnsAddSubtotalsAfterTheirGroups) {
  EXPECT_EQ(Q("SELECT year, country, SUM(profit) FROM sales GROUP BY year, country WITH ROLLUP"),
            "2000,Finland,1600|2000,India,1350|2000,USA,1575|2000,NULL,4525|"
            "2001,Finland,10|2001,USA,3000|2001,NULL,3010|NULL,NULL,7535");
  EXPECT_EQ(Q("SELECT year, country, product, SUM(profit), COUNT(*) FROM sales "
              "WHERE year = 2001 GROUP BY year, country, product WITH ROLLUP"),
            "2001,Finland,Phone,10,1|2001,Finland,NULL,10,1|2001,USA,Calculator,50,1|"
            "2001,USA,Computer,2700,2|2001,USA,TV,250,2|2001,USA,NULL,3000,5|"
            "2001,NULL,NULL,3010,6|NULL,NULL,NULL,3010,6");
}

TEST_F(RollupTest, GroupingTellsRollupNullsApart) {
  EXPECT_EQ(Q("SELECT year, country, GROUPING(year), GROUPING(country), "
              "GROUPING(year, country), GROUPING(country, year) FROM sales "
              "WHERE country <> 'India' GROUP BY year, country WITH ROLLUP"),
            "2000,Finland,0,0,0,0|2000,USA,0,0,0,0|2000,NULL,0,1,1,2|"
            "2001,Finland,0,0,0,0|2001,USA,0,0,0,0|2001,NULL,0,1,1,2|NULL,NULL,1,1,3,3");
  // A stored NULL is not a rollup's.
  Ok("INSERT INTO sales (year, country, profit) VALUES (2002, NULL, 5)");
  EXPECT_EQ(Q("SELECT year, country, GROUPING(country) FROM sales WHERE year = 2002 "
              "GROUP BY year, country WITH ROLLUP"),
            "2002,NULL,0|2002,NULL,1|NULL,NULL,1");
  EXPECT_EQ(Q("SELECT IF(GROUPING(year), 'All years', year) AS y, SUM(profit) FROM sales "
              "GROUP BY year WITH ROLLUP"),
            "2000,4525|2001,3010|2002,5|All years,7540");
}

TEST_F(RollupTest, ExpressionsOverGroupedColumnsSeeTheNull) {
  EXPECT_EQ(Q("SELECT IFNULL(year, 'Total'), year + 1, SUM(profit) FROM sales "
              "GROUP BY year WITH ROLLUP"),
            "2000,2001,4525|2001,2002,3010|Total,NULL,7535");
  // A GROUP BY expression, and the same expression in the select list.
  EXPECT_EQ(Q("SELECT year % 2 AS odd, SUM(profit) FROM sales GROUP BY year % 2 WITH ROLLUP"),
            "0,4525|1,3010|NULL,7535");
  // Grouping by an alias and by a position.
  EXPECT_EQ(Q("SELECT LEFT(country, 1) AS c, COUNT(*) FROM sales GROUP BY c WITH ROLLUP"),
            "F,3|I,3|U,7|NULL,13");
  EXPECT_EQ(Q("SELECT country, MAX(profit) FROM sales GROUP BY 1 WITH ROLLUP"),
            "Finland,1500|India,1200|USA,1500|NULL,1500");
}

TEST_F(RollupTest, AggregatesSumTheWholeSuperGroup) {
  EXPECT_EQ(Q("SELECT year, COUNT(DISTINCT country), COUNT(DISTINCT product), MIN(profit), "
              "AVG(profit) FROM sales GROUP BY year WITH ROLLUP"),
            "2000,3,3,75,646.4286|2001,2,4,10,501.6667|NULL,3,4,10,579.6154");
  EXPECT_EQ(Q("SELECT country, GROUP_CONCAT(DISTINCT product ORDER BY product) FROM sales "
              "WHERE year = 2000 GROUP BY country WITH ROLLUP"),
            "Finland,Computer,Phone|India,Calculator,Computer|USA,Calculator,Computer|"
            "NULL,Calculator,Computer,Phone");
}

TEST_F(RollupTest, HavingFiltersSuperAggregateRowsToo) {
  EXPECT_EQ(Q("SELECT year, country, SUM(profit) AS p FROM sales GROUP BY year, country "
              "WITH ROLLUP HAVING GROUPING(country) = 1"),
            "2000,NULL,4525|2001,NULL,3010|NULL,NULL,7535");
  EXPECT_EQ(Q("SELECT year, SUM(profit) AS p FROM sales GROUP BY year WITH ROLLUP "
              "HAVING p > 4000"),
            "2000,4525|NULL,7535");
  EXPECT_EQ(Q("SELECT year, SUM(profit) FROM sales GROUP BY year WITH ROLLUP "
              "HAVING year IS NULL"),
            "NULL,7535");
}

TEST_F(RollupTest, OrderByAndLimitApplyAfterTheRollup) {
  // ORDER BY sorts the super-aggregate rows with the others (NULL first
  // ascending, last descending).
  EXPECT_EQ(Q("SELECT year, SUM(profit) FROM sales GROUP BY year WITH ROLLUP ORDER BY year DESC"),
            "2001,3010|2000,4525|NULL,7535");
  EXPECT_EQ(Q("SELECT year, SUM(profit) AS p FROM sales GROUP BY year WITH ROLLUP ORDER BY p"),
            "2001,3010|2000,4525|NULL,7535");
  EXPECT_EQ(Q("SELECT year, country, SUM(profit) FROM sales GROUP BY year, country WITH ROLLUP "
              "ORDER BY GROUPING(year, country) DESC, year, country LIMIT 4"),
            "NULL,NULL,7535|2000,NULL,4525|2001,NULL,3010|2000,Finland,1600");
  EXPECT_EQ(Q("SELECT year, SUM(profit) FROM sales GROUP BY year WITH ROLLUP LIMIT 2"),
            "2000,4525|2001,3010");
  EXPECT_EQ(Q("SELECT year, SUM(profit) FROM sales GROUP BY year WITH ROLLUP LIMIT 1 OFFSET 2"),
            "NULL,7535");
}

TEST_F(RollupTest, DistinctWindowsDerivedTablesAndUnions) {
  EXPECT_EQ(Q("SELECT DISTINCT COUNT(*) > 0 FROM sales GROUP BY year WITH ROLLUP"), "1");
  EXPECT_EQ(Q("SELECT year, SUM(profit), RANK() OVER (ORDER BY SUM(profit) DESC) FROM sales "
              "GROUP BY year WITH ROLLUP"),
            "NULL,7535,1|2000,4525,2|2001,3010,3");
  EXPECT_EQ(Q("SELECT COUNT(*), SUM(p) FROM (SELECT year, SUM(profit) AS p FROM sales "
              "GROUP BY year WITH ROLLUP) AS d WHERE year IS NOT NULL"),
            "2,7535");
  EXPECT_EQ(Q("SELECT year FROM sales GROUP BY year WITH ROLLUP UNION ALL SELECT 1"),
            "2000|2001|NULL|1");
  // A correlated subquery sees the rolled-up column as NULL too.
  EXPECT_EQ(Q("SELECT year, (SELECT COUNT(*) FROM sales s2 WHERE s2.year = sales.year) "
              "FROM sales GROUP BY year WITH ROLLUP"),
            "2000,7|2001,6|NULL,0");
}

TEST_F(RollupTest, EnumKeysSortByPosition) {
  Create("CREATE TABLE tickets (id INT PRIMARY KEY, prio ENUM('low', 'medium', 'high'), n INT)");
  Ok("INSERT INTO tickets VALUES (1, 'low', 1), (2, 'high', 2), (3, 'medium', 4), (4, 'low', 8)");
  EXPECT_EQ(Q("SELECT prio, SUM(n) FROM tickets GROUP BY prio WITH ROLLUP"),
            "low,9|medium,4|high,2|NULL,15");
}

TEST_F(RollupTest, ExplainShowsASort) {
  ResultSet rs = Ok("EXPLAIN SELECT year, SUM(profit) FROM sales GROUP BY year WITH ROLLUP");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(ToText(rs.rows[0].back()), "Using filesort");
  rs = Ok("EXPLAIN SELECT year, SUM(profit) FROM sales GROUP BY year");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(ToText(rs.rows[0].back()), "Using temporary");
}

TEST_F(RollupTest, EmptyInputGivesNoRows) {
  ResultSet rs = Ok("SELECT a, SUM(b) FROM empty_t GROUP BY a WITH ROLLUP");
  EXPECT_TRUE(rs.has_rows);
  EXPECT_TRUE(rs.rows.empty());
}

TEST_F(RollupTest, GroupingErrors) {
  SqlError e = Fail("SELECT year, GROUPING(country) FROM sales GROUP BY year WITH ROLLUP");
  EXPECT_EQ(e.code, 3602);
  EXPECT_EQ(e.message, "Argument #1 of GROUPING function is not in GROUP BY");
  e = Fail("SELECT year, GROUPING(year, product) FROM sales GROUP BY year WITH ROLLUP");
  EXPECT_EQ(e.code, 3602);
  EXPECT_EQ(e.message, "Argument #2 of GROUPING function is not in GROUP BY");
  // Without ROLLUP, and where aggregates may not stand: 1111.
  EXPECT_EQ(Fail("SELECT year, GROUPING(year) FROM sales GROUP BY year").code, 1111);
  EXPECT_EQ(Fail("SELECT year FROM sales WHERE GROUPING(year) = 0 GROUP BY year WITH ROLLUP").code,
            1111);
  EXPECT_EQ(Fail("SELECT SUM(GROUPING(year)) FROM sales GROUP BY year WITH ROLLUP").code, 1111);
  // ONLY_FULL_GROUP_BY still applies.
  EXPECT_EQ(Fail("SELECT year, country FROM sales GROUP BY year WITH ROLLUP").code, 1055);
}

}  // namespace
}  // namespace tetradb::rel::sql
