// ALTER TABLE DROP/CHANGE/MODIFY/RENAME COLUMN, RENAME TO and RENAME TABLE
// through Session::Execute: results, SHOW CREATE TABLE text, MySQL's errors,
// and that a refused statement leaves the table as it was.
#include <gtest/gtest.h>

#include "models/relational/sql/parser/lexer.h"
#include "models/relational/sql/parser/parser.h"
#include "models/relational/sql/parser/parser_internal.h"
#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {

// parser_ddl.cc: RENAME TABLE, for the parser hook in parser.cc.
SqlResult<std::unique_ptr<Statement>> ParseRenameTableStatement(Parser* p);

namespace {

class AlterColumnTest : public SessionFixture {
 protected:
  void CreateItems() {
    Ok("CREATE TABLE items (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(20) NOT NULL, "
       "qty INT, price DECIMAL(8,2), note VARCHAR(40), KEY idx_name_qty (name, qty), "
       "UNIQUE KEY uq_note (note))");
    Ok("INSERT INTO items (name, qty, price, note) VALUES ('apple', 5, 1.50, 'red'), "
       "('pear', 12, 2.25, 'green'), ('plum', NULL, 0.99, NULL)");
  }
  std::string Error(std::string_view sql) {
    SqlError e = Fail(sql);
    return std::to_string(e.code) + " " + e.message;
  }
};

TEST_F(AlterColumnTest, DropColumnIsCatalogOnlyAndShrinksIndexes) {
  CreateItems();
  Ok("ALTER TABLE items DROP COLUMN qty");
  EXPECT_EQ(Query("SELECT * FROM items ORDER BY id"), (Rows{{"1", "apple", "1.50", "red"},
                                                            {"2", "pear", "2.25", "green"},
                                                            {"3", "plum", "0.99", "NULL"}}));
  // The index lost the column; the unique index whose only column goes is dropped.
  Ok("ALTER TABLE items DROP note");
  EXPECT_EQ(ShowCreate("items"),
            "CREATE TABLE `items` (\n"
            "  `id` int NOT NULL AUTO_INCREMENT,\n"
            "  `name` varchar(20) NOT NULL,\n"
            "  `price` decimal(8,2) DEFAULT NULL,\n"
            "  PRIMARY KEY (`id`),\n"
            "  KEY `idx_name_qty` (`name`)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
  EXPECT_EQ(Query("SELECT id FROM items WHERE name = 'pear'"), (Rows{{"2"}}));
  // A later ADD COLUMN of the same name reads its default, not the old cells.
  Ok("ALTER TABLE items ADD COLUMN qty INT DEFAULT 7");
  EXPECT_EQ(Query("SELECT qty FROM items ORDER BY id"), (Rows{{"7"}, {"7"}, {"7"}}));
  Ok("INSERT INTO items (name, price) VALUES ('fig', 3)");
  EXPECT_EQ(Scalar("SELECT id FROM items WHERE name = 'fig'"), "4");  // counter kept
}

TEST_F(AlterColumnTest, DropColumnErrors) {
  CreateItems();
  EXPECT_EQ(Error("ALTER TABLE items DROP COLUMN nope"),
            "1091 Can't DROP 'nope'; check that column/key exists");
  EXPECT_EQ(Error("ALTER TABLE nope DROP COLUMN qty"), "1146 Table 'tetradb.nope' doesn't exist");
  Ok("CREATE TABLE one (a INT)");
  EXPECT_EQ(Error("ALTER TABLE one DROP a"),
            "1090 You can't delete all columns with ALTER TABLE; use DROP TABLE instead");
  // All or none: the first drop is not applied when the second fails.
  EXPECT_EQ(Fail("ALTER TABLE items DROP qty, DROP nope").code, 1091);
  EXPECT_EQ(Query("SELECT qty FROM items ORDER BY id"), (Rows{{"5"}, {"12"}, {"NULL"}}));
}

TEST_F(AlterColumnTest, DropPrimaryKeyColumnRekeysRows) {
  Ok("CREATE TABLE t (a INT, b INT, c VARCHAR(5), PRIMARY KEY (a, b), KEY kc (c))");
  Ok("INSERT INTO t VALUES (1, 1, 'x'), (1, 2, 'y'), (2, 1, 'z')");
  // (1, 1) and (1, 2) collide once b is gone.
  SqlError dup = Fail("ALTER TABLE t DROP b");
  EXPECT_EQ(dup.code, 1062);
  EXPECT_EQ(dup.message, "Duplicate entry '1' for key 't.PRIMARY'");
  EXPECT_EQ(Query("SELECT a, b, c FROM t ORDER BY a, b"),
            (Rows{{"1", "1", "x"}, {"1", "2", "y"}, {"2", "1", "z"}}));
  Ok("DELETE FROM t WHERE b = 2");
  Ok("ALTER TABLE t DROP COLUMN b");
  EXPECT_EQ(Query("SELECT * FROM t WHERE a = 2"), (Rows{{"2", "z"}}));
  EXPECT_EQ(Query("SELECT a FROM t WHERE c = 'x'"), (Rows{{"1"}}));
  EXPECT_EQ(Fail("INSERT INTO t VALUES (2, 'w')").code, 1062);
  // Dropping the whole primary key leaves a table keyed by hidden row ids.
  Ok("ALTER TABLE t DROP a");
  Ok("INSERT INTO t VALUES ('x')");
  EXPECT_EQ(Query("SELECT c FROM t ORDER BY c"), (Rows{{"x"}, {"x"}, {"z"}}));
  EXPECT_EQ(Query("SELECT COUNT(*) FROM t WHERE c = 'x'"), (Rows{{"2"}}));
  // Written anew, rows keep their hidden ids (and the ids go on).
  Ok("ALTER TABLE t MODIFY c CHAR(3) NOT NULL");
  Ok("INSERT INTO t VALUES ('y')");
  Ok("DELETE FROM t WHERE c = 'z'");
  EXPECT_EQ(Query("SELECT c FROM t ORDER BY c"), (Rows{{"x"}, {"x"}, {"y"}}));
}

TEST_F(AlterColumnTest, ModifyConvertsValues) {
  CreateItems();
  Ok("ALTER TABLE items MODIFY price INT");
  EXPECT_EQ(Query("SELECT price FROM items ORDER BY id"), (Rows{{"2"}, {"2"}, {"1"}}));
  Ok("ALTER TABLE items MODIFY COLUMN qty VARCHAR(10) DEFAULT '0'");
  // Strings now: '12' sorts before '5'.
  EXPECT_EQ(Query("SELECT qty FROM items ORDER BY qty"), (Rows{{"NULL"}, {"12"}, {"5"}}));
  EXPECT_EQ(Query("SELECT id FROM items WHERE name = 'pear' AND qty = '12'"), (Rows{{"2"}}));
  Ok("INSERT INTO items (name) VALUES ('fig')");
  EXPECT_EQ(Query("SELECT id, qty FROM items WHERE name = 'fig'"), (Rows{{"4", "0"}}));
}

TEST_F(AlterColumnTest, ModifyFailuresLeaveTheTableUnchanged) {
  CreateItems();
  Ok("UPDATE items SET qty = 300 WHERE id = 2");
  const std::string before = ShowCreate("items");
  const Rows rows = Query("SELECT * FROM items ORDER BY id");
  // Strict mode: the first value that does not fit fails the statement.
  EXPECT_EQ(Error("ALTER TABLE items MODIFY qty TINYINT"),
            "1264 Out of range value for column 'qty' at row 2");
  EXPECT_EQ(Error("ALTER TABLE items MODIFY note INT"),
            "1366 Incorrect integer value: 'red' for column 'note' at row 1");
  EXPECT_EQ(Error("ALTER TABLE items MODIFY qty BIGINT, MODIFY name VARCHAR(4)"),
            "1265 Data truncated for column 'name' at row 1");
  // NOT NULL over a NULL: catalog-only change and rewriting change alike.
  EXPECT_EQ(Error("ALTER TABLE items MODIFY qty INT NOT NULL"), "1138 Invalid use of NULL value");
  EXPECT_EQ(Error("ALTER TABLE items MODIFY qty VARCHAR(9) NOT NULL"),
            "1138 Invalid use of NULL value");
  EXPECT_EQ(Error("ALTER TABLE items MODIFY nope INT"), "1054 Unknown column 'nope' in 'items'");
  EXPECT_EQ(Error("ALTER TABLE items CHANGE qty name INT"), "1060 Duplicate column name 'name'");
  EXPECT_EQ(Error("ALTER TABLE items MODIFY qty INT AFTER nope"),
            "1054 Unknown column 'nope' in 'items'");
  EXPECT_EQ(ShowCreate("items"), before);
  EXPECT_EQ(Query("SELECT * FROM items ORDER BY id"), rows);
  EXPECT_EQ(Query("SELECT id FROM items WHERE name = 'pear' AND qty = 300"), (Rows{{"2"}}));
}

TEST_F(AlterColumnTest, ModifyRebuildsIndexesOnConvertedColumns) {
  CreateItems();
  Ok("ALTER TABLE items MODIFY qty DECIMAL(6,1)");
  EXPECT_EQ(Query("SELECT id, qty FROM items WHERE name = 'pear' AND qty = 12"),
            (Rows{{"2", "12.0"}}));
  EXPECT_EQ(Query("SELECT id FROM items WHERE note = 'green'"), (Rows{{"2"}}));
  // A unique index whose values collide after conversion: 1062, unchanged.
  Ok("UPDATE items SET note = 'gr' WHERE id = 2");
  Ok("UPDATE items SET note = 'gr  ' WHERE id = 3");
  SqlError dup = Fail("ALTER TABLE items MODIFY note CHAR(3)");
  EXPECT_EQ(dup.code, 1062);
  EXPECT_EQ(dup.message, "Duplicate entry 'gr' for key 'items.uq_note'");
  EXPECT_EQ(Query("SELECT id FROM items WHERE note = 'gr  '"), (Rows{{"3"}}));
  Ok("UPDATE items SET note = 'Red ' WHERE id = 3");
  Ok("ALTER TABLE items MODIFY note CHAR(3)");
  EXPECT_EQ(Query("SELECT id FROM items WHERE note = 'Red'"), (Rows{{"3"}}));
  EXPECT_EQ(Query("SELECT id FROM items WHERE note = 'gr'"), (Rows{{"2"}}));
  Ok("CREATE TABLE d (k DECIMAL(4,2) PRIMARY KEY, v INT)");
  Ok("INSERT INTO d VALUES (1.2, 1), (1.4, 2), (2.6, 3)");
  SqlError e = Fail("ALTER TABLE d MODIFY k INT");
  EXPECT_EQ(e.code, 1062);
  EXPECT_EQ(e.message, "Duplicate entry '1' for key 'd.PRIMARY'");
  EXPECT_EQ(Query("SELECT k FROM d ORDER BY k"), (Rows{{"1.20"}, {"1.40"}, {"2.60"}}));
  Ok("DELETE FROM d WHERE v = 2");
  Ok("ALTER TABLE d MODIFY k INT");
  EXPECT_EQ(Query("SELECT k, v FROM d WHERE k = 3"), (Rows{{"3", "3"}}));
}

TEST_F(AlterColumnTest, RenameChangeAndMove) {
  CreateItems();
  Ok("ALTER TABLE items RENAME COLUMN qty TO quantity, CHANGE price cost DECIMAL(8,2) NOT NULL "
     "FIRST, MODIFY note VARCHAR(40) AFTER id");
  EXPECT_EQ(ShowCreate("items"),
            "CREATE TABLE `items` (\n"
            "  `cost` decimal(8,2) NOT NULL,\n"
            "  `id` int NOT NULL AUTO_INCREMENT,\n"
            "  `note` varchar(40) DEFAULT NULL,\n"
            "  `name` varchar(20) NOT NULL,\n"
            "  `quantity` int DEFAULT NULL,\n"
            "  PRIMARY KEY (`id`),\n"
            "  UNIQUE KEY `uq_note` (`note`),\n"
            "  KEY `idx_name_qty` (`name`,`quantity`)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
  EXPECT_EQ(Query("SELECT * FROM items WHERE quantity = 12"),
            (Rows{{"2.25", "2", "green", "pear", "12"}}));
  EXPECT_EQ(Fail("SELECT qty FROM items").code, 1054);
  Ok("INSERT INTO items (cost, name) VALUES (1, 'kiwi')");
  EXPECT_EQ(Query("SELECT id, note, quantity FROM items WHERE name = 'kiwi'"),
            (Rows{{"4", "NULL", "NULL"}}));
  EXPECT_EQ(Error("ALTER TABLE items RENAME COLUMN nope TO x"),
            "1054 Unknown column 'nope' in 'items'");
  EXPECT_EQ(Error("ALTER TABLE items RENAME COLUMN cost TO NAME"),
            "1060 Duplicate column name 'NAME'");
}

TEST_F(AlterColumnTest, ModifyKeepsDefaultsOfRowsWrittenBeforeAddColumn) {
  Ok("CREATE TABLE t (id INT PRIMARY KEY)");
  Ok("INSERT INTO t VALUES (1)");
  Ok("ALTER TABLE t ADD COLUMN v INT NOT NULL DEFAULT 5");
  Ok("ALTER TABLE t MODIFY v BIGINT NOT NULL DEFAULT 9");  // no rewrite: row 1 still reads 5
  Ok("INSERT INTO t (id) VALUES (2)");
  EXPECT_EQ(Query("SELECT id, v FROM t ORDER BY id"), (Rows{{"1", "5"}, {"2", "9"}}));
  Ok("ALTER TABLE t MODIFY v VARCHAR(3)");  // rewrite: every row gets its cell
  EXPECT_EQ(Query("SELECT id, v FROM t ORDER BY id"), (Rows{{"1", "5"}, {"2", "9"}}));
  Ok("ALTER TABLE t ADD COLUMN w INT");
  EXPECT_EQ(Error("ALTER TABLE t MODIFY w INT NOT NULL"), "1138 Invalid use of NULL value");
}

TEST_F(AlterColumnTest, ForeignKeysFollowRenamesAndRefuseDrops) {
  Ok("CREATE TABLE p (id INT PRIMARY KEY, code VARCHAR(5))");
  Ok("CREATE TABLE c (id INT PRIMARY KEY, p_id INT, FOREIGN KEY (p_id) REFERENCES p (id))");
  Ok("INSERT INTO p VALUES (1, 'a')");
  Ok("INSERT INTO c VALUES (10, 1)");
  EXPECT_EQ(Error("ALTER TABLE c DROP p_id"),
            "1828 Cannot drop column 'p_id': needed in a foreign key constraint 'c_ibfk_1'");
  EXPECT_EQ(Error("ALTER TABLE p DROP id"),
            "1829 Cannot drop column 'id': needed in a foreign key constraint 'c_ibfk_1' of "
            "table 'c'");
  EXPECT_EQ(Error("ALTER TABLE c MODIFY p_id VARCHAR(5)"),
            "3780 Referencing column 'p_id' and referenced column 'id' in foreign key "
            "constraint 'c_ibfk_1' are incompatible.");
  EXPECT_EQ(Error("ALTER TABLE p MODIFY id BIGINT"),
            "3780 Referencing column 'p_id' and referenced column 'id' in foreign key "
            "constraint 'c_ibfk_1' are incompatible.");
  Ok("CREATE TABLE sn (id INT PRIMARY KEY, p_id INT, "
     "CONSTRAINT fk_sn FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE SET NULL)");
  EXPECT_EQ(Error("ALTER TABLE sn MODIFY p_id INT NOT NULL"),
            "1830 Column 'p_id' cannot be NOT NULL: needed in a foreign key constraint 'fk_sn' "
            "SET NULL");
  Ok("DROP TABLE sn");
  Ok("ALTER TABLE p RENAME COLUMN id TO pid, RENAME TO parent");
  EXPECT_NE(ShowCreate("c").find("REFERENCES `parent` (`pid`)"), std::string::npos)
      << ShowCreate("c");
  EXPECT_EQ(Fail("INSERT INTO c VALUES (11, 2)").code, 1452);
  Ok("INSERT INTO c VALUES (11, 1)");
  EXPECT_EQ(Fail("DELETE FROM parent").code, 1451);
  EXPECT_EQ(Fail("SELECT * FROM p").code, 1146);
  Ok("ALTER TABLE c CHANGE p_id parent_id INT");
  EXPECT_NE(ShowCreate("c").find("FOREIGN KEY (`parent_id`) REFERENCES `parent` (`pid`)"),
            std::string::npos);
}

TEST_F(AlterColumnTest, AlterRenameTable) {
  CreateItems();
  Ok("CREATE TABLE other (a INT)");
  EXPECT_EQ(Error("ALTER TABLE items RENAME TO other"), "1050 Table 'other' already exists");
  Ok("ALTER TABLE items RENAME AS goods");
  EXPECT_EQ(Fail("SELECT * FROM items").code, 1146);
  EXPECT_EQ(Query("SELECT name FROM goods WHERE id = 2"), (Rows{{"pear"}}));
  Ok("UPDATE goods SET qty = 0 WHERE qty IS NULL");
  // Column changes and other actions in one statement.
  Ok("ALTER TABLE goods RENAME stock, MODIFY qty BIGINT NOT NULL DEFAULT 0, ADD INDEX iq (qty)");
  EXPECT_NE(ShowCreate("stock").find("`qty` bigint NOT NULL DEFAULT '0'"), std::string::npos);
  EXPECT_NE(ShowCreate("stock").find("KEY `iq` (`qty`)"), std::string::npos);
  EXPECT_EQ(Query("SELECT name FROM stock WHERE qty = 0"), (Rows{{"plum"}}));
}

TEST_F(AlterColumnTest, RenameTableStatement) {
  Ok("CREATE TABLE a (x INT)");
  Ok("CREATE TABLE b (y INT)");
  Ok("INSERT INTO a VALUES (1)");
  Ok("INSERT INTO b VALUES (2)");
  auto rename = [&](std::string_view sql) -> SqlStatus {
    auto tokens = Tokenize(sql);
    if (!tokens.ok()) return tokens.error();
    Parser parser(sql, std::move(tokens).value());
    auto stmt = ParseRenameTableStatement(&parser);
    if (!stmt.ok()) return stmt.error();
    const auto& r = static_cast<const RenameTableStatement&>(**stmt);
    return db_->RenameTables(r.renames);
  };
  // A swap through a temporary name, in one statement.
  ASSERT_TRUE(rename("RENAME TABLE a TO tmp, b TO a, tmp TO b").ok());
  EXPECT_EQ(Scalar("SELECT y FROM a"), "2");
  EXPECT_EQ(Scalar("SELECT x FROM b"), "1");
  EXPECT_EQ(rename("RENAME TABLE a TO c, nope TO d").code(), 1146);
  EXPECT_EQ(rename("RENAME TABLE a TO b").code(), 1050);
  EXPECT_EQ(Scalar("SELECT y FROM a"), "2");  // all or none
  EXPECT_EQ(Fail("SELECT * FROM c").code, 1146);
  EXPECT_EQ(rename("RENAME a TO b").code(), 1064);
}

TEST_F(AlterColumnTest, SeveralActionsApplyAllOrNone) {
  CreateItems();
  const std::string before = ShowCreate("items");
  // The unique index refuses the new column's value in every row.
  SqlError e = Fail("ALTER TABLE items ADD COLUMN c INT DEFAULT 1, ADD UNIQUE (c)");
  EXPECT_EQ(e.code, 1062);
  EXPECT_EQ(e.message, "Duplicate entry '1' for key 'items.c'");
  EXPECT_EQ(Fail("ALTER TABLE items DROP INDEX uq_note, ADD COLUMN qty INT").code, 1060);
  EXPECT_EQ(Fail("ALTER TABLE items ADD INDEX (nope)").code, 1072);
  EXPECT_EQ(ShowCreate("items"), before);

  // A column added while the table is written anew reads its default.
  Ok("ALTER TABLE items ADD COLUMN extra INT NOT NULL DEFAULT 4 AFTER id, MODIFY price INT, "
     "ADD INDEX ie (extra, price), DROP INDEX idx_name_qty, ADD INDEX idx_name_qty (qty, name)");
  EXPECT_EQ(Query("SELECT * FROM items ORDER BY id"),
            (Rows{{"1", "4", "apple", "5", "2", "red"},
                  {"2", "4", "pear", "12", "2", "green"},
                  {"3", "4", "plum", "NULL", "1", "NULL"}}));
  EXPECT_EQ(Query("SELECT id FROM items WHERE extra = 4 AND price = 1"), (Rows{{"3"}}));
  EXPECT_EQ(Query("SELECT id FROM items WHERE qty = 12 AND name = 'pear'"), (Rows{{"2"}}));
  EXPECT_NE(ShowCreate("items").find("KEY `idx_name_qty` (`qty`,`name`)"), std::string::npos);
  // A column added and changed in the same statement.
  Ok("ALTER TABLE items ADD COLUMN w INT DEFAULT 7, CHANGE w w2 VARCHAR(3) NOT NULL FIRST");
  EXPECT_EQ(Query("SELECT w2, id FROM items ORDER BY id"),
            (Rows{{"7", "1"}, {"7", "2"}, {"7", "3"}}));
  EXPECT_EQ(Error("ALTER TABLE items ADD COLUMN z INT, MODIFY z INT NOT NULL"),
            "1138 Invalid use of NULL value");
}

TEST_F(AlterColumnTest, IndexesForeignKeysNeedStay) {
  Ok("CREATE TABLE p (id INT PRIMARY KEY)");
  Ok("CREATE TABLE c (id INT PRIMARY KEY, p_id INT, FOREIGN KEY (p_id) REFERENCES p (id))");
  EXPECT_EQ(Error("ALTER TABLE c DROP INDEX p_id"),
            "1553 Cannot drop index 'p_id': needed in a foreign key constraint");
  Ok("ALTER TABLE c DROP INDEX p_id, ADD INDEX k2 (p_id, id)");
  EXPECT_NE(ShowCreate("c").find("KEY `k2` (`p_id`,`id`)"), std::string::npos);
  EXPECT_EQ(Error("ALTER TABLE c DROP INDEX nope"),
            "1091 Can't DROP 'nope'; check that column/key exists");
}

TEST(AlterColumnParseTest, ColumnAlterSyntax) {
  auto parsed = Parse(
      "ALTER TABLE t DROP COLUMN a, DROP b, CHANGE COLUMN c d BIGINT NOT NULL FIRST, "
      "CHANGE e e INT AFTER d, MODIFY f VARCHAR(5) DEFAULT 'x', MODIFY COLUMN g INT AFTER h, "
      "RENAME COLUMN i TO j, RENAME TO u, RENAME AS v, RENAME w");
  ASSERT_TRUE(parsed.ok()) << parsed.error().ToString();
  const auto& alter = static_cast<const AlterTableStatement&>(*parsed->statement);
  ASSERT_EQ(alter.actions.size(), 10u);
  const auto& a = alter.actions;
  EXPECT_EQ(a[0].kind, AlterKind::kDropColumn);
  EXPECT_EQ(a[0].column_name, "a");
  EXPECT_EQ(a[1].kind, AlterKind::kDropColumn);
  EXPECT_EQ(a[1].column_name, "b");
  EXPECT_EQ(a[2].kind, AlterKind::kChangeColumn);
  EXPECT_EQ(a[2].column_name, "c");
  EXPECT_EQ(a[2].column.name, "d");
  EXPECT_EQ(a[2].column.type.id, TypeId::kBigInt);
  EXPECT_EQ(a[2].column.not_null, std::optional<bool>(true));
  EXPECT_TRUE(a[2].first);
  EXPECT_EQ(a[3].after, "d");
  EXPECT_EQ(a[4].kind, AlterKind::kChangeColumn);
  EXPECT_EQ(a[4].column_name, "f");
  EXPECT_EQ(a[4].column.name, "f");
  EXPECT_TRUE(a[4].column.default_value != nullptr);
  EXPECT_FALSE(a[4].first);
  EXPECT_EQ(a[4].after, "");
  EXPECT_EQ(a[5].column_name, "g");
  EXPECT_EQ(a[5].after, "h");
  EXPECT_EQ(a[6].kind, AlterKind::kRenameColumn);
  EXPECT_EQ(a[6].column_name, "i");
  EXPECT_EQ(a[6].new_name, "j");
  for (size_t i = 7; i < 10; ++i) EXPECT_EQ(a[i].kind, AlterKind::kRenameTable);
  EXPECT_EQ(a[7].new_name, "u");
  EXPECT_EQ(a[8].new_name, "v");
  EXPECT_EQ(a[9].new_name, "w");

  EXPECT_EQ(Parse("ALTER TABLE t RENAME INDEX a TO b").error().code, 1235);
  EXPECT_EQ(Parse("ALTER TABLE t RENAME COLUMN a b").error().code, 1064);
  EXPECT_EQ(Parse("ALTER TABLE t CHANGE a INT").error().code, 1064);  // new name missing
  EXPECT_EQ(Parse("ALTER TABLE t DROP").error().code, 1064);
  EXPECT_EQ(Parse("ALTER TABLE t MODIFY a").error().code, 1064);
}

}  // namespace
}  // namespace tetradb::rel::sql
