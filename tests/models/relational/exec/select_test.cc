// Single-table queries: projection, WHERE with NULL semantics, ORDER BY,
// LIMIT, DISTINCT, column naming and name errors.
#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

class SelectTest : public ExecFixture {
 protected:
  void SetUp() override {
    ExecFixture::SetUp();
    Create(
        "CREATE TABLE products (id INT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(50) NOT NULL, "
        "category VARCHAR(20), price DECIMAL(10,2), stock INT, created DATETIME, "
        "INDEX idx_category (category), UNIQUE KEY uk_name (name))");
    Ok("INSERT INTO products (name, category, price, stock, created) VALUES "
       "('apple', 'fruit', 1.20, 10, '2026-01-05 08:00:00'), "
       "('banana', 'fruit', 0.50, NULL, '2026-02-10 09:30:00'), "
       "('carrot', 'veg', 0.80, 0, '2026-03-15 12:00:00'), "
       "('donut', NULL, 2.10, 5, NULL), "
       "('eggplant', 'veg', 1.75, 3, '2026-01-20 18:45:00')");
  }
};

TEST_F(SelectTest, ProjectionAndExpressions) {
  EXPECT_EQ(Q("SELECT id, name FROM products WHERE id <= 2"), "1,apple|2,banana");
  EXPECT_EQ(Q("SELECT price * 2, stock + 1 FROM products WHERE id = 1"), "2.40,11");
  EXPECT_EQ(Q("SELECT 1 + 1, 'x', NULL"), "2,x,NULL");
  EXPECT_EQ(Q("SELECT 0.1 + 0.2"), "0.3");
  EXPECT_EQ(Q("SELECT 7 / 2, 7 DIV 2, 7 % 3, -7 MOD 3"), "3.5000,3,1,-1");
  EXPECT_EQ(Q("SELECT 1 / 0"), "NULL");
}

TEST_F(SelectTest, ColumnNames) {
  // A bare column is named as written (MySQL), without its qualifier.
  auto rs = Ok("SELECT ID, p.NAME, price AS cost, price * 2, COUNT(*) FROM products p GROUP BY ID");
  EXPECT_EQ(Columns(rs), "ID,NAME,cost,price * 2,COUNT(*)");
  rs = Ok("SELECT * FROM products WHERE id = 1");
  EXPECT_EQ(Columns(rs), "id,name,category,price,stock,created");
  EXPECT_EQ(Flat(rs), "1,apple,fruit,1.20,10,2026-01-05 08:00:00");
}

TEST_F(SelectTest, WhereAndNullLogic) {
  EXPECT_EQ(Q("SELECT name FROM products WHERE category = 'veg'"), "carrot|eggplant");
  // NULL compares as unknown: neither = nor <> matches it.
  EXPECT_EQ(Q("SELECT name FROM products WHERE category <> 'fruit'"), "carrot|eggplant");
  EXPECT_EQ(Q("SELECT name FROM products WHERE category IS NULL"), "donut");
  EXPECT_EQ(Q("SELECT name FROM products WHERE category <=> NULL"), "donut");
  EXPECT_EQ(Q("SELECT name FROM products WHERE NOT (stock > 2)"), "carrot");
  EXPECT_EQ(Q("SELECT NULL AND 0, NULL AND 1, NULL OR 1, NULL OR 0, NOT NULL, 1 XOR NULL"),
            "0,NULL,1,NULL,NULL,NULL");
  EXPECT_EQ(Q("SELECT name FROM products WHERE stock BETWEEN 1 AND 5"), "donut|eggplant");
  EXPECT_EQ(Q("SELECT name FROM products WHERE stock NOT BETWEEN 1 AND 5"), "apple|carrot");
  EXPECT_EQ(Q("SELECT name FROM products WHERE id IN (1, 3, 99)"), "apple|carrot");
  EXPECT_EQ(Q("SELECT 1 IN (2, NULL), 1 NOT IN (2, NULL), 2 IN (2, NULL), NULL IN (1)"),
            "NULL,NULL,1,NULL");
  EXPECT_EQ(Q("SELECT name FROM products WHERE name LIKE '%an%'"), "banana|eggplant");
  EXPECT_EQ(Q("SELECT name FROM products WHERE name LIKE '_a%'"), "banana|carrot");
  EXPECT_EQ(Q("SELECT 'a%b' LIKE 'a\\%b', 'axb' LIKE 'a\\%b', 'a_b' LIKE 'a|_b' ESCAPE '|'"),
            "1,0,1");
  EXPECT_EQ(Q("SELECT 'Apple' LIKE 'apple'"), "0");
  EXPECT_EQ(Q("SELECT stock IS TRUE, stock IS NOT FALSE FROM products WHERE id IN (2, 3)"),
            "0,1|0,0");
  EXPECT_EQ(Q("SELECT name FROM products WHERE id = '2'"), "banana");
  EXPECT_EQ(Q("SELECT name FROM products WHERE id = 'abc'"), "");
}

TEST_F(SelectTest, OrderByLimit) {
  EXPECT_EQ(Q("SELECT name FROM products ORDER BY price DESC LIMIT 2"), "donut|eggplant");
  // NULLs sort first ascending, last descending.
  EXPECT_EQ(Q("SELECT name FROM products ORDER BY stock, name"),
            "banana|carrot|eggplant|donut|apple");
  EXPECT_EQ(Q("SELECT name FROM products ORDER BY stock DESC"),
            "apple|donut|eggplant|carrot|banana");
  EXPECT_EQ(Q("SELECT name, category FROM products ORDER BY category DESC, name DESC"),
            "eggplant,veg|carrot,veg|banana,fruit|apple,fruit|donut,NULL");
  EXPECT_EQ(Q("SELECT name FROM products ORDER BY 1 DESC LIMIT 1"), "eggplant");
  EXPECT_EQ(Q("SELECT name AS n FROM products ORDER BY n LIMIT 1 OFFSET 1"), "banana");
  EXPECT_EQ(Q("SELECT name FROM products ORDER BY id LIMIT 2, 2"), "carrot|donut");
  EXPECT_EQ(Q("SELECT name FROM products ORDER BY id DESC LIMIT 2"), "eggplant|donut");
  EXPECT_EQ(Q("SELECT name FROM products ORDER BY name LIMIT ?", {Value::Int(1)}), "apple");
  EXPECT_EQ(Q("SELECT name FROM products LIMIT 0"), "");
}

TEST_F(SelectTest, Distinct) {
  EXPECT_EQ(Q("SELECT DISTINCT category FROM products ORDER BY category"), "NULL|fruit|veg");
  EXPECT_EQ(Q("SELECT DISTINCT category FROM products LIMIT 2"), "fruit|veg");
}

TEST_F(SelectTest, Params) {
  EXPECT_EQ(Q("SELECT name FROM products WHERE id = ? OR name = ?",
              {Value::Int(1), Value::String("carrot")}),
            "apple|carrot");
  EXPECT_EQ(Fail("SELECT ? + ?", {Value::Int(1)}).code, 1210);
}

TEST_F(SelectTest, NameErrors) {
  SqlError e = Fail("SELECT nope FROM products");
  EXPECT_EQ(e.code, 1054);
  EXPECT_EQ(e.message, "Unknown column 'nope' in 'field list'");
  EXPECT_EQ(Fail("SELECT id FROM products WHERE p.id = 1").message,
            "Unknown column 'p.id' in 'where clause'");
  EXPECT_EQ(Fail("SELECT id FROM products ORDER BY zzz").message,
            "Unknown column 'zzz' in 'order clause'");
  EXPECT_EQ(Fail("SELECT id FROM products GROUP BY zzz").message,
            "Unknown column 'zzz' in 'group statement'");
  EXPECT_EQ(Fail("SELECT * FROM nothing").code, 1146);
  EXPECT_EQ(Fail("SELECT * FROM products WHERE COUNT(*) > 1").code, 1111);
  EXPECT_EQ(Fail("SELECT NO_SUCH_FN(1)").code, 1305);
  EXPECT_EQ(Fail("SELECT CONCAT_WS('x')").code, 1582);
  EXPECT_EQ(Fail("SELECT id FROM products ORDER BY 9").code, 1054);
  EXPECT_EQ(Fail("SELECT * FROM products a, products a").code, 1066);
}

TEST_F(SelectTest, ForUpdateReads) {
  EXPECT_EQ(Q("SELECT stock FROM products WHERE id = 1 FOR UPDATE"), "10");
}

}  // namespace
}  // namespace tetradb::rel::sql
