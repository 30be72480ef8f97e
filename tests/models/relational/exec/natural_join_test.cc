// NATURAL [LEFT | RIGHT] JOIN and the coalesced columns of JOIN ... USING:
// which columns join, what `SELECT *` lists (common columns first, in the
// first table's order; for RIGHT JOIN the right table is the first), which
// copy an unqualified name reads, and MySQL's errors.
#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

class NaturalJoinTest : public ExecFixture {
 protected:
  void SetUp() override {
    ExecFixture::SetUp();
    Create("CREATE TABLE t1 (a INT PRIMARY KEY, b VARCHAR(10))");
    Create("CREATE TABLE t2 (c INT, a INT)");
    Create("CREATE TABLE t3 (b VARCHAR(10), a INT, d INT)");
    Create("CREATE TABLE t4 (x INT)");
    Create("CREATE TABLE t5 (c INT, e INT)");
    Ok("INSERT INTO t1 VALUES (1, 'x'), (2, 'y'), (3, 'z')");
    Ok("INSERT INTO t2 VALUES (10, 1), (20, 2), (40, 4)");
    Ok("INSERT INTO t3 VALUES ('x', 1, 100), ('y', 9, 200), ('z', 3, 300)");
    Ok("INSERT INTO t4 VALUES (7), (8)");
    Ok("INSERT INTO t5 VALUES (10, 5), (40, 6)");
  }
};

TEST_F(NaturalJoinTest, InnerJoinsOnTheCommonColumn) {
  ResultSet rs = Ok("SELECT * FROM t1 NATURAL JOIN t2 ORDER BY a");
  EXPECT_EQ(Columns(rs), "a,b,c");
  EXPECT_EQ(Flat(rs), "1,x,10|2,y,20");
  // The same as USING over the shared name, and NATURAL INNER JOIN.
  EXPECT_EQ(Q("SELECT * FROM t1 JOIN t2 USING (a) ORDER BY a"), "1,x,10|2,y,20");
  EXPECT_EQ(Q("SELECT * FROM t1 NATURAL INNER JOIN t2 ORDER BY a"), "1,x,10|2,y,20");
}

TEST_F(NaturalJoinTest, CommonColumnsComeFirstInTheFirstTablesOrder) {
  // t2 (c, a): the common a first, then c.
  ResultSet rs = Ok("SELECT * FROM t2 NATURAL JOIN t1 ORDER BY a");
  EXPECT_EQ(Columns(rs), "a,c,b");
  EXPECT_EQ(Flat(rs), "1,10,x|2,20,y");
  // Two common columns (a, b), in t1's order, then t3's own d.
  rs = Ok("SELECT * FROM t1 NATURAL JOIN t3 ORDER BY a");
  EXPECT_EQ(Columns(rs), "a,b,d");
  EXPECT_EQ(Flat(rs), "1,x,100|3,z,300");
  // With t3 first: b, a in t3's order.
  rs = Ok("SELECT * FROM t3 NATURAL JOIN t1");
  EXPECT_EQ(Columns(rs), "b,a,d");
  EXPECT_EQ(Flat(rs), "x,1,100|z,3,300");
}

TEST_F(NaturalJoinTest, LeftJoinKeepsTheLeftRows) {
  ResultSet rs = Ok("SELECT * FROM t1 NATURAL LEFT JOIN t2 ORDER BY a");
  EXPECT_EQ(Columns(rs), "a,b,c");
  EXPECT_EQ(Flat(rs), "1,x,10|2,y,20|3,z,NULL");
  EXPECT_EQ(Q("SELECT * FROM t1 NATURAL LEFT OUTER JOIN t2 WHERE c IS NULL"), "3,z,NULL");
  EXPECT_EQ(Q("SELECT a, t2.a FROM t1 NATURAL LEFT JOIN t2 ORDER BY a"), "1,1|2,2|3,NULL");
}

TEST_F(NaturalJoinTest, RightJoinListsTheRightTableFirst) {
  ResultSet rs = Ok("SELECT * FROM t1 NATURAL RIGHT JOIN t2 ORDER BY a");
  EXPECT_EQ(Columns(rs), "a,c,b");
  EXPECT_EQ(Flat(rs), "1,10,x|2,20,y|4,40,NULL");
  // The unqualified column is the preserved (right) side's: 4 has no t1 row.
  EXPECT_EQ(Q("SELECT a, t1.a, t2.a FROM t1 NATURAL RIGHT OUTER JOIN t2 ORDER BY a"),
            "1,1,1|2,2,2|4,NULL,4");
  // USING follows the same rule.
  rs = Ok("SELECT * FROM t1 RIGHT JOIN t2 USING (a) ORDER BY a");
  EXPECT_EQ(Columns(rs), "a,c,b");
  EXPECT_EQ(Flat(rs), "1,10,x|2,20,y|4,40,NULL");
}

TEST_F(NaturalJoinTest, QualifiedStarKeepsEveryColumn) {
  ResultSet rs = Ok("SELECT t1.*, t2.* FROM t1 NATURAL JOIN t2 ORDER BY t1.a");
  EXPECT_EQ(Columns(rs), "a,b,c,a");
  EXPECT_EQ(Flat(rs), "1,x,10,1|2,y,20,2");
  rs = Ok("SELECT t2.*, b FROM t1 NATURAL LEFT JOIN t2 ORDER BY a");
  EXPECT_EQ(Flat(rs), "10,1,x|20,2,y|NULL,NULL,z");
}

TEST_F(NaturalJoinTest, NoCommonColumnIsACrossJoin) {
  EXPECT_EQ(Q("SELECT COUNT(*) FROM t1 NATURAL JOIN t4"), "6");
  ResultSet rs = Ok("SELECT * FROM t4 NATURAL JOIN t4 AS u ORDER BY 1");
  // t4 with itself shares x: an equi-join.
  EXPECT_EQ(Columns(rs), "x");
  EXPECT_EQ(Flat(rs), "7|8");
  EXPECT_EQ(Q("SELECT COUNT(*) FROM t1 NATURAL LEFT JOIN t4"), "6");
}

TEST_F(NaturalJoinTest, ChainsJoinOnTheColumnsSoFar) {
  // (t1 NATURAL JOIN t2) has a, b, c; t5 shares c with it.
  ResultSet rs = Ok("SELECT * FROM t1 NATURAL JOIN t2 NATURAL JOIN t5");
  EXPECT_EQ(Columns(rs), "c,a,b,e");
  EXPECT_EQ(Flat(rs), "10,1,x,5");
  // USING after NATURAL reads the coalesced column.
  rs = Ok("SELECT * FROM t1 NATURAL LEFT JOIN t2 JOIN t3 USING (a) ORDER BY a");
  EXPECT_EQ(Columns(rs), "a,b,c,b,d");
  EXPECT_EQ(Flat(rs), "1,x,10,x,100|3,z,NULL,z,300");
}

TEST_F(NaturalJoinTest, WorksWithDerivedTablesAndAggregates) {
  EXPECT_EQ(Q("SELECT a, n FROM t1 NATURAL JOIN (SELECT a, COUNT(*) AS n FROM t2 GROUP BY a) AS g "
              "ORDER BY a"),
            "1,1|2,1");
  EXPECT_EQ(Q("SELECT b, SUM(c) FROM t1 NATURAL LEFT JOIN t2 GROUP BY b ORDER BY b"),
            "x,10|y,20|z,NULL");
}

TEST_F(NaturalJoinTest, Errors) {
  // Two columns named a on the left: MySQL's 1052.
  SqlError e = Fail("SELECT * FROM t1 JOIN t2 ON t1.a = t2.a NATURAL JOIN t3");
  EXPECT_EQ(e.code, 1052);
  EXPECT_EQ(e.message, "Column 'a' in from clause is ambiguous");
  e = Fail("SELECT * FROM t1 JOIN t2 USING (zz)");
  EXPECT_EQ(e.code, 1054);
  EXPECT_EQ(e.message, "Unknown column 'zz' in 'from clause'");
  // The hidden copy of a common column is still reachable qualified.
  EXPECT_EQ(Q("SELECT t2.a FROM t1 NATURAL JOIN t2 WHERE a = 2"), "2");
  EXPECT_EQ(Fail("SELECT * FROM t1 NATURAL JOIN nosuch").code, 1146);
}

}  // namespace
}  // namespace tetradb::rel::sql
