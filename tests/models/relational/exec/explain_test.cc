// EXPLAIN: the access path chosen for each table.
#include "tests/models/relational/exec/shop_fixture.h"

namespace tetradb::rel::sql {
namespace {

class ExplainTest : public ShopFixture {
 protected:
  // "table:type:key" per row, joined by '|'.
  std::string Plan(std::string_view sql) {
    ResultSet rs = Ok(sql);
    std::string out;
    for (const auto& r : rs.rows) {
      if (!out.empty()) out += '|';
      out += ToText(r[2]) + ":" + ToText(r[3]) + ":" + ToText(r[5]);
    }
    return out;
  }
  std::string Extra(std::string_view sql, size_t row = 0) {
    ResultSet rs = Ok(sql);
    return row < rs.rows.size() ? ToText(rs.rows[row][10]) : "";
  }
};

TEST_F(ExplainTest, Columns) {
  auto rs = Ok("EXPLAIN SELECT * FROM users WHERE id = 1");
  EXPECT_EQ(Columns(rs),
            "id,select_type,table,type,possible_keys,key,key_len,ref,rows,filtered,Extra");
  EXPECT_EQ(Flat(rs), "1,SIMPLE,users,const,PRIMARY,PRIMARY,4,const,1,100.00,NULL");
}

TEST_F(ExplainTest, ChoosesKeys) {
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM users WHERE id = 1"), "users:const:PRIMARY");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM users WHERE email = 'ann@x.io'"), "users:const:uk_email");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM users WHERE name = 'Ann'"), "users:ALL:NULL");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM orders WHERE user_id = 2"), "orders:ref:idx_user");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM orders WHERE id > 3"), "orders:range:PRIMARY");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM orders WHERE id IN (1, 2)"), "orders:range:PRIMARY");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM orders WHERE status = 'paid' AND created >= "
                 "'2026-02-01'"),
            "orders:range:idx_status_created");
  // A value the key cannot hold exactly is only a filter.
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM users WHERE id = 'abc'"), "users:ALL:NULL");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM products WHERE category = 5"), "products:ALL:NULL");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM users WHERE id = 1 OR id = 3"), "users:range:PRIMARY");
  EXPECT_EQ(Q("SELECT name FROM users WHERE id = 3 OR id = 1 OR id = 1"), "Ann|Cid");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM users WHERE id = 1 OR name = 'x'"), "users:ALL:NULL");
  // IN (uncorrelated subquery): point lookups for its values.
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM products WHERE id IN (SELECT product_id FROM "
                 "order_items WHERE order_id = 1)"),
            "products:range:PRIMARY|order_items:ref:PRIMARY");
  EXPECT_EQ(Q("SELECT title FROM products WHERE id IN (SELECT product_id FROM order_items "
              "WHERE order_id = 1)"),
            "pen|book");
  EXPECT_EQ(Q("SELECT title FROM products WHERE id IN (SELECT NULL)"), "");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM order_items WHERE order_id = 1"),
            "order_items:ref:PRIMARY");
}

TEST_F(ExplainTest, JoinsUseKeysOfInnerTables) {
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM orders o JOIN users u ON u.id = o.user_id"),
            "o:ALL:NULL|u:eq_ref:PRIMARY");
  // The constant lookup goes first, then the index on orders.user_id.
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM orders o JOIN users u ON u.id = o.user_id "
                 "WHERE u.email = 'bob@x.io'"),
            "u:const:uk_email|o:ref:idx_user");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM users u LEFT JOIN orders o ON o.user_id = u.id"),
            "u:ALL:NULL|o:ref:idx_user");
  ResultSet rs = Ok("EXPLAIN SELECT * FROM orders o JOIN users u ON u.id = o.user_id");
  EXPECT_EQ(ToText(rs.rows[1][7]), "tetradb.o.user_id");
  EXPECT_EQ(Extra("EXPLAIN SELECT * FROM users a JOIN users b ON a.city = b.city", 1),
            "Using where; Using join buffer (hash join)");
}

TEST_F(ExplainTest, ExtraAndOrder) {
  EXPECT_EQ(Extra("EXPLAIN SELECT * FROM users WHERE name = 'x'"), "Using where");
  EXPECT_EQ(Extra("EXPLAIN SELECT * FROM users ORDER BY name"), "Using filesort");
  EXPECT_EQ(Extra("EXPLAIN SELECT city, COUNT(*) FROM users GROUP BY city"), "Using temporary");
  // ORDER BY the key: no sort, read in key order (both directions).
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM orders ORDER BY id DESC LIMIT 2"), "orders:index:PRIMARY");
  EXPECT_EQ(Extra("EXPLAIN SELECT * FROM orders ORDER BY id DESC LIMIT 2"), "Backward index scan");
  EXPECT_EQ(Plan("EXPLAIN SELECT * FROM orders ORDER BY user_id LIMIT 2"), "orders:index:idx_user");
  EXPECT_EQ(Extra("EXPLAIN SELECT * FROM orders WHERE status = 'paid' ORDER BY created DESC"),
            "Backward index scan");
  EXPECT_EQ(Extra("EXPLAIN SELECT * FROM orders WHERE status = 'paid' ORDER BY created"), "NULL");
  EXPECT_EQ(Q("SELECT id FROM orders WHERE status = 'paid' ORDER BY created DESC"), "5|3|1");
  EXPECT_EQ(Q("SELECT id FROM orders ORDER BY user_id DESC, id DESC LIMIT 3"), "4|5|3");
  EXPECT_EQ(Q("SELECT id FROM orders ORDER BY user_id DESC LIMIT 3"), "4|5|3");
  EXPECT_EQ(Extra("EXPLAIN SELECT id FROM orders WHERE user_id = 1"), "Using index");
}

TEST_F(ExplainTest, SubqueriesAndOtherStatements) {
  ResultSet rs =
      Ok("EXPLAIN SELECT name FROM users u WHERE EXISTS (SELECT 1 FROM orders o "
         "WHERE o.user_id = u.id)");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(ToText(rs.rows[0][1]), "PRIMARY");
  EXPECT_EQ(ToText(rs.rows[1][0]), "2");
  EXPECT_EQ(ToText(rs.rows[1][1]), "DEPENDENT SUBQUERY");
  EXPECT_EQ(ToText(rs.rows[1][3]), "ref");
  rs = Ok("EXPLAIN SELECT * FROM (SELECT user_id FROM orders) t");
  ASSERT_EQ(rs.rows.size(), 2u);
  EXPECT_EQ(ToText(rs.rows[0][2]), "<derived2>");
  EXPECT_EQ(ToText(rs.rows[1][1]), "DERIVED");
  rs = Ok("EXPLAIN SELECT 1 UNION SELECT 2");
  ASSERT_EQ(rs.rows.size(), 3u);
  EXPECT_EQ(ToText(rs.rows[2][2]), "<union1,2>");
  EXPECT_EQ(Plan("EXPLAIN UPDATE orders SET total = 0 WHERE id = 2"), "orders:const:PRIMARY");
  EXPECT_EQ(ToText(Ok("EXPLAIN DELETE FROM orders WHERE user_id = 2").rows[0][1]), "DELETE");
  EXPECT_EQ(ToText(Ok("EXPLAIN INSERT INTO users (email) VALUES ('q')").rows[0][1]), "INSERT");
}

}  // namespace
}  // namespace tetradb::rel::sql
