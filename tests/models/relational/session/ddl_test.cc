// DDL through Session::Execute: CREATE TABLE round trips through SHOW CREATE
// TABLE / DESCRIBE / SHOW INDEX with MySQL 8's text, ALTER / DROP /
// TRUNCATE / CREATE INDEX, and the MySQL errors for bad definitions.
#include <gtest/gtest.h>

#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

class DdlTest : public SessionFixture {
 protected:
  void CreateParentAndChild() {
    Ok("CREATE TABLE p (id INT AUTO_INCREMENT PRIMARY KEY, code VARCHAR(10) NOT NULL UNIQUE)");
    Ok("CREATE TABLE t (\n"
       "  id INT NOT NULL AUTO_INCREMENT,\n"
       "  name VARCHAR(50),\n"
       "  email VARCHAR(100) NOT NULL,\n"
       "  price DECIMAL(10,2) NOT NULL DEFAULT 0,\n"
       "  qty INT DEFAULT 0,\n"
       "  active BOOLEAN NOT NULL DEFAULT TRUE,\n"
       "  status ENUM('new','done') NOT NULL DEFAULT 'new',\n"
       "  notes TEXT,\n"
       "  created_at DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
       "  updated_at DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
       "  seen TIMESTAMP NULL,\n"
       "  p_id INT,\n"
       "  PRIMARY KEY (id),\n"
       "  UNIQUE KEY (email),\n"
       "  KEY idx_name_qty (name, qty),\n"
       "  FOREIGN KEY (p_id) REFERENCES p (id) ON DELETE CASCADE\n"
       ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4");
  }
};

TEST_F(DdlTest, ShowCreateTablePrintsMysqlText) {
  CreateParentAndChild();
  EXPECT_EQ(ShowCreate("t"),
            "CREATE TABLE `t` (\n"
            "  `id` int NOT NULL AUTO_INCREMENT,\n"
            "  `name` varchar(50) DEFAULT NULL,\n"
            "  `email` varchar(100) NOT NULL,\n"
            "  `price` decimal(10,2) NOT NULL DEFAULT '0.00',\n"
            "  `qty` int DEFAULT '0',\n"
            "  `active` tinyint(1) NOT NULL DEFAULT '1',\n"
            "  `status` enum('new','done') NOT NULL DEFAULT 'new',\n"
            "  `notes` text,\n"
            "  `created_at` datetime NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"
            "  `updated_at` datetime DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,\n"
            "  `seen` timestamp NULL DEFAULT NULL,\n"
            "  `p_id` int DEFAULT NULL,\n"
            "  PRIMARY KEY (`id`),\n"
            "  UNIQUE KEY `email` (`email`),\n"
            "  KEY `idx_name_qty` (`name`,`qty`),\n"
            "  KEY `p_id` (`p_id`),\n"
            "  CONSTRAINT `t_ibfk_1` FOREIGN KEY (`p_id`) REFERENCES `p` (`id`) ON DELETE CASCADE\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
  auto rs = Ok("SHOW CREATE TABLE p");
  EXPECT_TRUE(rs.has_rows);
  EXPECT_EQ(rs.columns, (std::vector<std::string>{"Table", "Create Table"}));
  EXPECT_EQ(Text(rs)[0][0], "p");
}

TEST_F(DdlTest, DescribePrintsFieldTypeNullKeyDefaultExtra) {
  CreateParentAndChild();
  auto rs = Ok("DESCRIBE t");
  EXPECT_EQ(rs.columns,
            (std::vector<std::string>{"Field", "Type", "Null", "Key", "Default", "Extra"}));
  Rows expected = {
      {"id", "int", "NO", "PRI", "NULL", "auto_increment"},
      {"name", "varchar(50)", "YES", "MUL", "NULL", ""},
      {"email", "varchar(100)", "NO", "UNI", "NULL", ""},
      {"price", "decimal(10,2)", "NO", "", "0.00", ""},
      {"qty", "int", "YES", "", "0", ""},
      {"active", "tinyint(1)", "NO", "", "1", ""},
      {"status", "enum('new','done')", "NO", "", "new", ""},
      {"notes", "text", "YES", "", "NULL", ""},
      {"created_at", "datetime", "NO", "", "CURRENT_TIMESTAMP", "DEFAULT_GENERATED"},
      {"updated_at", "datetime", "YES", "", "CURRENT_TIMESTAMP",
       "DEFAULT_GENERATED on update CURRENT_TIMESTAMP"},
      {"seen", "timestamp", "YES", "", "NULL", ""},
      {"p_id", "int", "YES", "MUL", "NULL", ""},
  };
  EXPECT_EQ(Text(rs), expected);
  // SHOW COLUMNS is the same statement.
  EXPECT_EQ(Query("SHOW COLUMNS FROM t"), expected);
  // A default of NULL is a real NULL, not the text.
  EXPECT_TRUE(rs.rows[1][4].is_null());
}

TEST_F(DdlTest, ShowIndexListsEveryKeyColumn) {
  CreateParentAndChild();
  auto rs = Ok("SHOW INDEX FROM t");
  ASSERT_GE(rs.columns.size(), 11u);
  EXPECT_EQ(rs.columns[0], "Table");
  EXPECT_EQ(rs.columns[1], "Non_unique");
  EXPECT_EQ(rs.columns[2], "Key_name");
  EXPECT_EQ(rs.columns[3], "Seq_in_index");
  EXPECT_EQ(rs.columns[4], "Column_name");
  EXPECT_EQ(rs.columns[9], "Null");
  EXPECT_EQ(rs.columns[10], "Index_type");
  Rows got;
  for (const auto& row : Text(rs)) {
    got.push_back({row[0], row[1], row[2], row[3], row[4], row[9], row[10]});
  }
  Rows expected = {
      {"t", "0", "PRIMARY", "1", "id", "", "BTREE"},
      {"t", "0", "email", "1", "email", "", "BTREE"},
      {"t", "1", "idx_name_qty", "1", "name", "YES", "BTREE"},
      {"t", "1", "idx_name_qty", "2", "qty", "YES", "BTREE"},
      {"t", "1", "p_id", "1", "p_id", "YES", "BTREE"},
  };
  EXPECT_EQ(got, expected);
}

TEST_F(DdlTest, ShowTablesSortedWithLike) {
  Ok("CREATE TABLE zeta (a INT)");
  Ok("CREATE TABLE alpha (a INT)");
  Ok("CREATE TABLE alps (a INT)");
  auto rs = Ok("SHOW TABLES");
  EXPECT_EQ(rs.columns, (std::vector<std::string>{"Tables_in_tetradb"}));
  EXPECT_EQ(Text(rs), (Rows{{"alpha"}, {"alps"}, {"zeta"}}));
  rs = Ok("SHOW TABLES LIKE 'al%'");
  EXPECT_EQ(rs.columns, (std::vector<std::string>{"Tables_in_tetradb (al%)"}));
  EXPECT_EQ(Text(rs), (Rows{{"alpha"}, {"alps"}}));
  EXPECT_EQ(Query("SHOW TABLES LIKE 'al_s'"), (Rows{{"alps"}}));
  EXPECT_TRUE(Query("SHOW TABLES LIKE 'nothing%'").empty());
}

TEST_F(DdlTest, GeneratedIndexNamesFollowMysql) {
  Ok("CREATE TABLE k (a INT UNIQUE, b INT, KEY (a), KEY (a, b), UNIQUE KEY (b))");
  EXPECT_EQ(ShowCreate("k"),
            "CREATE TABLE `k` (\n"
            "  `a` int DEFAULT NULL,\n"
            "  `b` int DEFAULT NULL,\n"
            "  UNIQUE KEY `a` (`a`),\n"
            "  UNIQUE KEY `b` (`b`),\n"
            "  KEY `a_2` (`a`),\n"
            "  KEY `a_3` (`a`,`b`)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
  // Unique keys over NOT NULL columns are listed first, as MySQL sorts them.
  Ok("CREATE TABLE k2 (x INT, y INT NOT NULL, KEY kx (x), UNIQUE KEY ux (x), UNIQUE KEY uy (y))");
  std::string text = ShowCreate("k2");
  EXPECT_LT(text.find("UNIQUE KEY `uy`"), text.find("UNIQUE KEY `ux`"));
  EXPECT_LT(text.find("UNIQUE KEY `ux`"), text.find("KEY `kx`"));
}

TEST_F(DdlTest, UniqueNotNullKeyShowsAsPrimaryWithoutPrimaryKey) {
  Ok("CREATE TABLE u (a INT, b INT NOT NULL UNIQUE, c INT NOT NULL UNIQUE)");
  Rows keys;
  for (const auto& row : Query("DESCRIBE u")) keys.push_back({row[0], row[3]});
  EXPECT_EQ(keys, (Rows{{"a", ""}, {"b", "PRI"}, {"c", "UNI"}}));
  // SHOW CREATE TABLE still prints what was declared.
  EXPECT_NE(ShowCreate("u").find("UNIQUE KEY `b` (`b`)"), std::string::npos);
}

TEST_F(DdlTest, CompositeKeysAndNamedForeignKey) {
  Ok("CREATE TABLE parent (a INT, b INT, PRIMARY KEY (a, b))");
  Ok("CREATE TABLE child (id INT PRIMARY KEY, x INT, y INT,"
     " CONSTRAINT fk_xy FOREIGN KEY (x, y) REFERENCES parent (a, b)"
     " ON DELETE SET NULL ON UPDATE CASCADE)");
  EXPECT_EQ(ShowCreate("parent"),
            "CREATE TABLE `parent` (\n"
            "  `a` int NOT NULL,\n"
            "  `b` int NOT NULL,\n"
            "  PRIMARY KEY (`a`,`b`)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
  EXPECT_EQ(ShowCreate("child"),
            "CREATE TABLE `child` (\n"
            "  `id` int NOT NULL,\n"
            "  `x` int DEFAULT NULL,\n"
            "  `y` int DEFAULT NULL,\n"
            "  PRIMARY KEY (`id`),\n"
            "  KEY `fk_xy` (`x`,`y`),\n"
            "  CONSTRAINT `fk_xy` FOREIGN KEY (`x`, `y`) REFERENCES `parent` (`a`, `b`) "
            "ON DELETE SET NULL ON UPDATE CASCADE\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
  // Composite primary key: every part shows PRI and is NOT NULL.
  EXPECT_EQ(Query("DESCRIBE parent"),
            (Rows{{"a", "int", "NO", "PRI", "NULL", ""}, {"b", "int", "NO", "PRI", "NULL", ""}}));
}

TEST_F(DdlTest, AutoIncrementTableOptionAndComments) {
  Ok("CREATE TABLE a (id BIGINT UNSIGNED AUTO_INCREMENT PRIMARY KEY,"
     " note VARCHAR(20) DEFAULT 'it''s' COMMENT 'free text') AUTO_INCREMENT=1000");
  EXPECT_EQ(ShowCreate("a"),
            "CREATE TABLE `a` (\n"
            "  `id` bigint unsigned NOT NULL AUTO_INCREMENT,\n"
            "  `note` varchar(20) DEFAULT 'it\\'s' COMMENT 'free text',\n"
            "  PRIMARY KEY (`id`)\n"
            ") ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4 "
            "COLLATE=utf8mb4_0900_ai_ci");
  auto rs = Ok("INSERT INTO a (note) VALUES ('x')");
  EXPECT_EQ(rs.last_insert_id, 1000u);
}

TEST_F(DdlTest, CreateErrors) {
  Ok("CREATE TABLE t (a INT)");
  SqlError e = Fail("CREATE TABLE t (b INT)");
  EXPECT_EQ(e.code, 1050);
  EXPECT_EQ(e.message, "Table 't' already exists");
  Ok("CREATE TABLE IF NOT EXISTS t (b INT)");
  EXPECT_EQ(Query("DESCRIBE t").size(), 1u);  // unchanged

  e = Fail("CREATE TABLE d (a INT, A INT)");
  EXPECT_EQ(e.code, 1060);
  EXPECT_EQ(e.message, "Duplicate column name 'A'");
  e = Fail("CREATE TABLE d (a INT PRIMARY KEY, b INT PRIMARY KEY)");
  EXPECT_EQ(e.code, 1068);
  EXPECT_EQ(e.message, "Multiple primary key defined");
  EXPECT_EQ(Fail("CREATE TABLE d (a INT PRIMARY KEY, b INT, PRIMARY KEY (b))").code, 1068);
  e = Fail("CREATE TABLE d (a INT, KEY (zz))");
  EXPECT_EQ(e.code, 1072);
  EXPECT_EQ(e.message, "Key column 'zz' doesn't exist in table");
  EXPECT_EQ(Fail("CREATE TABLE d (a INT, PRIMARY KEY (zz))").code, 1072);
  e = Fail("CREATE TABLE d (a INT, KEY k (a), KEY k (a))");
  EXPECT_EQ(e.code, 1061);
  EXPECT_EQ(e.message, "Duplicate key name 'k'");
  EXPECT_EQ(Fail("CREATE TABLE d (a DECIMAL(40,2))").code, 1426);
  // Nothing of the failed statements was created.
  EXPECT_EQ(Query("SHOW TABLES"), (Rows{{"t"}}));
}

TEST_F(DdlTest, InvalidDefaults) {
  for (const char* sql : {
           "CREATE TABLE d (a INT NOT NULL DEFAULT NULL)",
           "CREATE TABLE d (a INT PRIMARY KEY DEFAULT NULL)",
           "CREATE TABLE d (a INT DEFAULT 'abc')",
           "CREATE TABLE d (a INT DEFAULT CURRENT_TIMESTAMP)",
           "CREATE TABLE d (a TINYINT DEFAULT 300)",
           "CREATE TABLE d (a VARCHAR(3) DEFAULT 'abcd')",
           "CREATE TABLE d (a ENUM('x','y') DEFAULT 'z')",
           "CREATE TABLE d (a DATETIME DEFAULT 'not a date')",
           "CREATE TABLE d (a INT AUTO_INCREMENT PRIMARY KEY DEFAULT 1)",
       }) {
    SqlError e = Fail(sql);
    EXPECT_EQ(e.code, 1067) << sql << ": " << e.ToString();
    EXPECT_EQ(e.message, "Invalid default value for 'a'") << sql;
  }
  EXPECT_TRUE(Query("SHOW TABLES").empty());
  // The same defaults where they fit.
  Ok("CREATE TABLE d (a INT DEFAULT '42', b DATETIME DEFAULT '2024-01-02 03:04:05',"
     " c TIMESTAMP DEFAULT NOW(), e VARCHAR(3) DEFAULT NULL)");
  EXPECT_EQ(Query("DESCRIBE d"),
            (Rows{{"a", "int", "YES", "", "42", ""},
                  {"b", "datetime", "YES", "", "2024-01-02 03:04:05", ""},
                  {"c", "timestamp", "YES", "", "CURRENT_TIMESTAMP", "DEFAULT_GENERATED"},
                  {"e", "varchar(3)", "YES", "", "NULL", ""}}));
}

TEST_F(DdlTest, DropTable) {
  SqlError e = Fail("DROP TABLE nosuch");
  EXPECT_EQ(e.code, 1051);
  EXPECT_EQ(e.message, "Unknown table 'tetradb.nosuch'");
  Ok("CREATE TABLE a (x INT)");
  e = Fail("DROP TABLE a, b, c");
  EXPECT_EQ(e.code, 1051);
  EXPECT_EQ(e.message, "Unknown table 'tetradb.b,tetradb.c'");
  EXPECT_EQ(Query("SHOW TABLES"), (Rows{{"a"}}));  // nothing dropped
  e = Fail("DROP TABLE a, a");
  EXPECT_EQ(e.code, 1066);
  EXPECT_EQ(e.message, "Not unique table/alias: 'a'");
  Ok("DROP TABLE IF EXISTS nosuch, a");
  EXPECT_TRUE(Query("SHOW TABLES").empty());
}

TEST_F(DdlTest, DropReferencedTable) {
  CreateParentAndChild();
  SqlError e = Fail("DROP TABLE p");
  EXPECT_EQ(e.code, 3730);
  EXPECT_EQ(e.message,
            "Cannot drop table 'p' referenced by a foreign key constraint 't_ibfk_1' on table "
            "'t'.");
  // Dropping the child along with it is allowed, in either order.
  Ok("DROP TABLE p, t");
  EXPECT_TRUE(Query("SHOW TABLES").empty());
}

TEST_F(DdlTest, UnknownTableErrors) {
  for (const char* sql : {"DESCRIBE nosuch", "SHOW CREATE TABLE nosuch", "SHOW INDEX FROM nosuch",
                          "ALTER TABLE nosuch ADD COLUMN x INT", "TRUNCATE TABLE nosuch",
                          "CREATE INDEX i ON nosuch (x)", "DROP INDEX i ON nosuch"}) {
    SqlError e = Fail(sql);
    EXPECT_EQ(e.code, 1146) << sql;
    EXPECT_EQ(e.message, "Table 'tetradb.nosuch' doesn't exist") << sql;
  }
}

TEST_F(DdlTest, AlterTableAddColumnFirstAndAfter) {
  Ok("CREATE TABLE a (id INT PRIMARY KEY, x INT)");
  Ok("INSERT INTO a VALUES (1, 10)");
  Ok("ALTER TABLE a ADD COLUMN y VARCHAR(5) NOT NULL DEFAULT 'q' AFTER id");
  Ok("ALTER TABLE a ADD COLUMN z INT FIRST");
  Ok("ALTER TABLE a ADD w INT UNIQUE");
  Rows fields;
  for (const auto& row : Query("DESCRIBE a")) fields.push_back({row[0], row[3], row[4]});
  EXPECT_EQ(fields, (Rows{{"z", "", "NULL"},
                          {"id", "PRI", "NULL"},
                          {"y", "", "q"},
                          {"x", "", "NULL"},
                          {"w", "UNI", "NULL"}}));
  EXPECT_EQ(Query("SELECT z, id, y, x, w FROM a"), (Rows{{"NULL", "1", "q", "10", "NULL"}}));
  EXPECT_EQ(Fail("ALTER TABLE a ADD COLUMN x INT").code, 1060);
  EXPECT_EQ(Fail("ALTER TABLE a ADD COLUMN v INT AFTER nosuch").code, 1054);
  EXPECT_EQ(Fail("ALTER TABLE a ADD COLUMN v INT NOT NULL DEFAULT NULL").code, 1067);
}

TEST_F(DdlTest, AlterTableIndexes) {
  Ok("CREATE TABLE a (id INT PRIMARY KEY, x INT, y INT NOT NULL)");
  Ok("ALTER TABLE a ADD INDEX (x), ADD UNIQUE KEY uy (y)");
  Ok("CREATE INDEX ix ON a (x, y)");
  EXPECT_EQ(ShowCreate("a"),
            "CREATE TABLE `a` (\n"
            "  `id` int NOT NULL,\n"
            "  `x` int DEFAULT NULL,\n"
            "  `y` int NOT NULL,\n"
            "  PRIMARY KEY (`id`),\n"
            "  UNIQUE KEY `uy` (`y`),\n"
            "  KEY `x` (`x`),\n"
            "  KEY `ix` (`x`,`y`)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
  SqlError e = Fail("CREATE INDEX ix ON a (y)");
  EXPECT_EQ(e.code, 1061);
  EXPECT_EQ(e.message, "Duplicate key name 'ix'");
  EXPECT_EQ(Fail("ALTER TABLE a ADD INDEX (nosuch)").code, 1072);
  Ok("ALTER TABLE a DROP INDEX uy");
  Ok("DROP INDEX ix ON a");
  e = Fail("ALTER TABLE a DROP INDEX uy");
  EXPECT_EQ(e.code, 1091);
  EXPECT_EQ(e.message, "Can't DROP 'uy'; check that column/key exists");
  EXPECT_EQ(Query("SHOW INDEX FROM a").size(), 2u);  // PRIMARY and x
  // A unique index cannot be built over duplicates.
  Ok("INSERT INTO a VALUES (1, 5, 1), (2, 5, 2)");
  EXPECT_EQ(Fail("CREATE UNIQUE INDEX ux ON a (x)").code, 1062);
  EXPECT_EQ(Query("SHOW INDEX FROM a").size(), 2u);
}

TEST_F(DdlTest, AlterTableForeignKeys) {
  Ok("CREATE TABLE p (id INT PRIMARY KEY)");
  Ok("CREATE TABLE c (id INT PRIMARY KEY, p_id INT)");
  Ok("ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p (id)");
  Ok("ALTER TABLE c ADD CONSTRAINT named_fk FOREIGN KEY (p_id) REFERENCES p (id)");
  Ok("ALTER TABLE c ADD FOREIGN KEY (p_id) REFERENCES p (id)");
  EXPECT_EQ(ShowCreate("c"),
            "CREATE TABLE `c` (\n"
            "  `id` int NOT NULL,\n"
            "  `p_id` int DEFAULT NULL,\n"
            "  PRIMARY KEY (`id`),\n"
            "  KEY `p_id` (`p_id`),\n"
            "  CONSTRAINT `c_ibfk_1` FOREIGN KEY (`p_id`) REFERENCES `p` (`id`),\n"
            "  CONSTRAINT `c_ibfk_2` FOREIGN KEY (`p_id`) REFERENCES `p` (`id`),\n"
            "  CONSTRAINT `named_fk` FOREIGN KEY (`p_id`) REFERENCES `p` (`id`)\n"
            ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci");
  SqlError e = Fail("ALTER TABLE c DROP INDEX p_id");
  EXPECT_EQ(e.code, 1553);
  EXPECT_EQ(e.message, "Cannot drop index 'p_id': needed in a foreign key constraint");
  EXPECT_EQ(Fail("ALTER TABLE c ADD CONSTRAINT named_fk FOREIGN KEY (p_id) REFERENCES p (id)").code,
            1826);
  // The constraint is enforced.
  EXPECT_EQ(Fail("INSERT INTO c VALUES (1, 99)").code, 1452);
}

TEST_F(DdlTest, ForeignKeyChecksAtCreate) {
  Ok("CREATE TABLE p (id INT PRIMARY KEY)");
  EXPECT_EQ(Fail("CREATE TABLE c (x INT, FOREIGN KEY (nosuch) REFERENCES p (id))").code, 1072);
  EXPECT_EQ(Fail("CREATE TABLE c (x INT, FOREIGN KEY (x) REFERENCES nosuch (id))").code, 1824);
  SqlError e = Fail(
      "CREATE TABLE c (x INT NOT NULL, CONSTRAINT f FOREIGN KEY (x)"
      " REFERENCES p (id) ON DELETE SET NULL)");
  EXPECT_EQ(e.code, 1830);
  EXPECT_EQ(e.message,
            "Column 'x' cannot be NOT NULL: needed in a foreign key constraint 'f' SET NULL");
  // Self-reference.
  Ok("CREATE TABLE tree (id INT PRIMARY KEY, parent INT,"
     " FOREIGN KEY (parent) REFERENCES tree (id) ON DELETE CASCADE)");
  Ok("INSERT INTO tree VALUES (1, NULL), (2, 1), (3, 2)");
  Ok("DELETE FROM tree WHERE id = 1");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM tree"), "0");
}

TEST_F(DdlTest, TruncateEmptiesAndResetsAutoIncrement) {
  Ok("CREATE TABLE a (id INT AUTO_INCREMENT PRIMARY KEY, v INT)");
  Ok("INSERT INTO a (v) VALUES (1), (2), (3)");
  Ok("TRUNCATE TABLE a");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM a"), "0");
  auto rs = Ok("INSERT INTO a (v) VALUES (4)");
  EXPECT_EQ(rs.last_insert_id, 1u);
}

}  // namespace
}  // namespace tetradb::rel::sql
