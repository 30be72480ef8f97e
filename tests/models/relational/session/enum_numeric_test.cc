// An ENUM in numeric context reads as its member's position (1-based), as
// in MySQL: arithmetic, unary minus, bit operators, comparisons with a
// number, numeric CASTs, SUM and AVG; elsewhere it stays its text.
#include <gtest/gtest.h>

#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

class EnumNumericTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    Ok("CREATE TABLE o (id INT PRIMARY KEY, status ENUM('new','paid','shipped') NULL)");
    Ok("INSERT INTO o VALUES (1, 'new'), (2, 'shipped'), (3, NULL), (4, 'paid')");
  }
};

TEST_F(EnumNumericTest, ArithmeticReadsThePosition) {
  EXPECT_EQ(Query("SELECT id, status + 0, status * 10, -status, status FROM o ORDER BY id"),
            (Rows{{"1", "1", "10", "-1", "new"},
                  {"2", "3", "30", "-3", "shipped"},
                  {"3", "NULL", "NULL", "NULL", "NULL"},
                  {"4", "2", "20", "-2", "paid"}}));
  EXPECT_EQ(Query("SELECT id FROM o WHERE status + 0 >= 2 ORDER BY id"), (Rows{{"2"}, {"4"}}));
  EXPECT_EQ(Query("SELECT status | 0, status & 1 FROM o WHERE id = 2"), (Rows{{"3", "1"}}));
  // Text elsewhere: comparisons with strings, CONCAT, plain selection.
  EXPECT_EQ(Query("SELECT CONCAT(status, '!') FROM o WHERE status = 'paid'"), (Rows{{"paid!"}}));
}

TEST_F(EnumNumericTest, NumbersComparePositionsAndAggregatesSumThem) {
  EXPECT_EQ(Query("SELECT id FROM o WHERE status = 3"), (Rows{{"2"}}));
  EXPECT_EQ(Query("SELECT id FROM o WHERE 2 <= status ORDER BY id"), (Rows{{"2"}, {"4"}}));
  EXPECT_EQ(Query("SELECT id FROM o WHERE status <> 1 ORDER BY id"), (Rows{{"2"}, {"4"}}));
  EXPECT_EQ(Query("SELECT SUM(status), AVG(status), MAX(status) FROM o"),
            (Rows{{"6", "2.0000", "shipped"}}));
  EXPECT_EQ(Query("SELECT CAST(status AS SIGNED), CAST(status AS CHAR) FROM o WHERE id = 4"),
            (Rows{{"2", "paid"}}));
}

TEST_F(EnumNumericTest, GroupByTheColumnAllowsItsPosition) {
  EXPECT_EQ(Query("SELECT status + 0, COUNT(*) FROM o WHERE status IS NOT NULL "
                  "GROUP BY status ORDER BY status"),
            (Rows{{"1", "1"}, {"2", "1"}, {"3", "1"}}));
}

}  // namespace
}  // namespace tetradb::rel::sql
