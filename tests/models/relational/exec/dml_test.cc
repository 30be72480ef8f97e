// INSERT (all forms), UPDATE and DELETE: defaults, conversions, NOT NULL,
// AUTO_INCREMENT and LAST_INSERT_ID, IGNORE, REPLACE, ON DUPLICATE KEY
// UPDATE, ORDER BY / LIMIT, and the errors MySQL gives.
#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

class DmlTest : public ExecFixture {
 protected:
  void SetUp() override {
    ExecFixture::SetUp();
    Create(
        "CREATE TABLE items (id INT PRIMARY KEY AUTO_INCREMENT, sku VARCHAR(10) NOT NULL, "
        "qty INT NOT NULL DEFAULT 0, price DECIMAL(8,2), note VARCHAR(20) DEFAULT 'none', "
        "created DATETIME DEFAULT CURRENT_TIMESTAMP, "
        "updated DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP, "
        "UNIQUE KEY uk_sku (sku))");
  }
};

TEST_F(DmlTest, InsertDefaultsAndAutoIncrement) {
  auto rs = Ok("INSERT INTO items (sku) VALUES ('a')");
  EXPECT_EQ(rs.rows_affected, 1u);
  EXPECT_EQ(rs.last_insert_id, 1u);
  EXPECT_EQ(Q("SELECT id, sku, qty, price, note, created FROM items"),
            "1,a,0,NULL,none,2026-11-21 10:30:00");
  rs = Ok("INSERT INTO items (sku, qty) VALUES ('b', 2), ('c', 3)");
  EXPECT_EQ(rs.rows_affected, 2u);
  EXPECT_EQ(rs.last_insert_id, 2u);  // the first id the statement generated
  EXPECT_EQ(Q("SELECT LAST_INSERT_ID()"), "2");
  rs = Ok("INSERT INTO items (id, sku) VALUES (10, 'd')");
  EXPECT_EQ(last_insert_id_, 2u);  // explicit ids do not change it
  Ok("INSERT INTO items (sku) VALUES ('e')");
  EXPECT_EQ(last_insert_id_, 11u);
  Ok("INSERT INTO items VALUES (NULL, 'f', 1, 9.99, DEFAULT, DEFAULT, DEFAULT)");
  EXPECT_EQ(Q("SELECT id, note FROM items WHERE sku = 'f'"), "12,none");
}

TEST_F(DmlTest, InsertConversionsAndErrors) {
  Ok("INSERT INTO items (sku, qty, price) VALUES ('a', '7', 1.005)");
  EXPECT_EQ(Q("SELECT qty, price FROM items"), "7,1.01");
  EXPECT_EQ(Fail("INSERT INTO items (sku, qty) VALUES ('b', NULL)").code, 1048);
  EXPECT_EQ(Fail("INSERT INTO items (qty) VALUES (1)").code, 1364);
  EXPECT_EQ(Fail("INSERT INTO items (sku) VALUES ('a')").code, 1062);
  EXPECT_EQ(Fail("INSERT INTO items (sku, qty) VALUES ('b')").code, 1136);
  EXPECT_EQ(Fail("INSERT INTO items (sku, nope) VALUES ('b', 1)").code, 1054);
  EXPECT_EQ(Fail("INSERT INTO items (sku) VALUES ('waytoolongsku')").code, 1406);
  EXPECT_EQ(Fail("INSERT INTO items (sku, qty) VALUES ('b', 'abc')").code, 1366);
  EXPECT_EQ(Fail("INSERT INTO items (sku, price) VALUES ('b', 12345678.9)").code, 1264);
  EXPECT_EQ(Fail("INSERT INTO nothing VALUES (1)").code, 1146);
  SqlError e = Fail("INSERT INTO items (sku, qty) VALUES ('x', 1), ('y', 'bad')");
  EXPECT_EQ(e.message, "Incorrect integer value: 'bad' for column 'qty' at row 2");
  EXPECT_EQ(Q("SELECT COUNT(*) FROM items"), "1");  // the failed statement left nothing
}

TEST_F(DmlTest, InsertIgnoreReplaceOnDuplicate) {
  Ok("INSERT INTO items (sku, qty) VALUES ('a', 1), ('b', 2)");
  auto rs = Ok("INSERT IGNORE INTO items (sku, qty) VALUES ('a', 5), ('c', 3)");
  EXPECT_EQ(rs.rows_affected, 1u);
  EXPECT_EQ(Q("SELECT sku, qty FROM items ORDER BY sku"), "a,1|b,2|c,3");

  rs = Ok("REPLACE INTO items (id, sku, qty) VALUES (1, 'a', 9)");
  EXPECT_EQ(rs.rows_affected, 2u);
  EXPECT_EQ(Q("SELECT id, qty FROM items WHERE sku = 'a'"), "1,9");
  // Conflicts on the primary key and on a unique key: both rows go.
  rs = Ok("REPLACE INTO items (id, sku, qty) VALUES (2, 'c', 0)");
  EXPECT_EQ(rs.rows_affected, 3u);
  EXPECT_EQ(Q("SELECT id, sku FROM items ORDER BY id"), "1,a|2,c");

  rs =
      Ok("INSERT INTO items (sku, qty) VALUES ('a', 4) ON DUPLICATE KEY UPDATE "
         "qty = qty + VALUES(qty)");
  EXPECT_EQ(rs.rows_affected, 2u);
  EXPECT_EQ(Q("SELECT qty FROM items WHERE sku = 'a'"), "13");
  rs = Ok("INSERT INTO items (sku, qty) VALUES ('a', 4) ON DUPLICATE KEY UPDATE qty = 13");
  EXPECT_EQ(rs.rows_affected, 0u);
  rs = Ok("INSERT INTO items (sku, qty) VALUES ('z', 4) ON DUPLICATE KEY UPDATE qty = 0");
  EXPECT_EQ(rs.rows_affected, 1u);
  EXPECT_EQ(Q("SELECT qty FROM items WHERE sku = 'z'"), "4");
}

TEST_F(DmlTest, InsertSelect) {
  Ok("INSERT INTO items (sku, qty) VALUES ('a', 1), ('b', 2)");
  Create("CREATE TABLE archive (sku VARCHAR(10) PRIMARY KEY, qty INT)");
  auto rs = Ok("INSERT INTO archive SELECT sku, qty * 10 FROM items WHERE qty > 0");
  EXPECT_EQ(rs.rows_affected, 2u);
  EXPECT_EQ(Q("SELECT * FROM archive"), "a,10|b,20");
  EXPECT_EQ(Fail("INSERT INTO archive SELECT sku FROM items").code, 1136);
}

TEST_F(DmlTest, Update) {
  Ok("INSERT INTO items (sku, qty, price) VALUES ('a', 1, 1.00), ('b', 2, 2.00), "
     "('c', 3, 3.00)");
  now_ = *ParseDateTime("2026-11-22 08:00:00");
  auto rs = Ok("UPDATE items SET qty = qty + 1 WHERE sku IN ('a', 'b')");
  EXPECT_EQ(rs.rows_affected, 2u);
  EXPECT_EQ(Q("SELECT sku, qty, updated, created FROM items ORDER BY id"),
            "a,2,2026-11-22 08:00:00,2026-11-21 10:30:00|"
            "b,3,2026-11-22 08:00:00,2026-11-21 10:30:00|"
            "c,3,2026-11-21 10:30:00,2026-11-21 10:30:00");
  // Unchanged rows are matched but not counted.
  rs = Ok("UPDATE items SET qty = 3 WHERE sku IN ('b', 'c')");
  EXPECT_EQ(rs.rows_affected, 0u);
  // Assignments run left to right and see earlier ones.
  Ok("UPDATE items SET qty = qty * 10, price = qty / 4 WHERE sku = 'a'");
  EXPECT_EQ(Q("SELECT qty, price FROM items WHERE sku = 'a'"), "20,5.00");
  // ORDER BY ... LIMIT picks the rows.
  rs = Ok("UPDATE items SET note = 'top' ORDER BY price DESC LIMIT 1");
  EXPECT_EQ(rs.rows_affected, 1u);
  EXPECT_EQ(Q("SELECT sku FROM items WHERE note = 'top'"), "a");
  EXPECT_EQ(Fail("UPDATE items SET qty = NULL").code, 1048);
  EXPECT_EQ(Fail("UPDATE items SET sku = 'a' WHERE sku = 'b'").code, 1062);
  EXPECT_EQ(Fail("UPDATE items SET nope = 1").code, 1054);
  EXPECT_EQ(Fail("UPDATE items SET qty = 1 WHERE nope = 1").message,
            "Unknown column 'nope' in 'where clause'");
  // Changing the key the scan uses still updates each row once.
  rs = Ok("UPDATE items SET id = id + 100");
  EXPECT_EQ(rs.rows_affected, 3u);
  EXPECT_EQ(Q("SELECT id FROM items ORDER BY id"), "101|102|103");
}

TEST_F(DmlTest, Delete) {
  Ok("INSERT INTO items (sku, qty) VALUES ('a', 1), ('b', 2), ('c', 3), ('d', 4)");
  auto rs = Ok("DELETE FROM items WHERE qty >= 3");
  EXPECT_EQ(rs.rows_affected, 2u);
  rs = Ok("DELETE FROM items ORDER BY qty DESC LIMIT 1");
  EXPECT_EQ(rs.rows_affected, 1u);
  EXPECT_EQ(Q("SELECT sku FROM items"), "a");
  rs = Ok("DELETE FROM items WHERE sku = 'zzz'");
  EXPECT_EQ(rs.rows_affected, 0u);
  rs = Ok("DELETE FROM items");
  EXPECT_EQ(rs.rows_affected, 1u);
  EXPECT_EQ(Q("SELECT COUNT(*) FROM items"), "0");
}

TEST_F(DmlTest, ForeignKeys) {
  Create("CREATE TABLE parent (id INT PRIMARY KEY)");
  Create(
      "CREATE TABLE child (id INT PRIMARY KEY, pid INT, "
      "FOREIGN KEY (pid) REFERENCES parent (id))");
  Ok("INSERT INTO parent VALUES (1)");
  Ok("INSERT INTO child VALUES (1, 1)");
  EXPECT_EQ(Fail("INSERT INTO child VALUES (2, 2)").code, 1452);
  auto rs = Ok("INSERT IGNORE INTO child VALUES (2, 2), (3, 1)");
  EXPECT_EQ(rs.rows_affected, 1u);
  EXPECT_EQ(Fail("DELETE FROM parent").code, 1451);
}

}  // namespace
}  // namespace tetradb::rel::sql
