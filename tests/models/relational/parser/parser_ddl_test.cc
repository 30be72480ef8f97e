// CREATE TABLE / INDEX, DROP, ALTER TABLE, TRUNCATE; column types.
#include <gtest/gtest.h>

#include "parse_test_util.h"

namespace tetradb::rel::sql {
namespace {

using testing::MustParseAs;
using testing::NearText;
using testing::ParseError;

// The type of `c` in CREATE TABLE t (c <decl>).
std::string TypeOf(std::string_view decl) {
  auto s = MustParseAs<CreateTableStatement>("CREATE TABLE t (c " + std::string(decl) + ")");
  if (!s || s->columns.size() != 1) return "<error>";
  return DumpColumnType(s->columns[0].type);
}

TEST(ParserDdlTest, IntegerTypes) {
  EXPECT_EQ(TypeOf("TINYINT"), "tinyint");
  EXPECT_EQ(TypeOf("TINYINT(1)"), "tinyint(1)");
  EXPECT_EQ(TypeOf("TINYINT(4)"), "tinyint");
  EXPECT_EQ(TypeOf("BOOL"), "tinyint(1)");
  EXPECT_EQ(TypeOf("BOOLEAN"), "tinyint(1)");
  EXPECT_EQ(TypeOf("SMALLINT UNSIGNED"), "smallint unsigned");
  EXPECT_EQ(TypeOf("MEDIUMINT"), "mediumint");
  EXPECT_EQ(TypeOf("INT"), "int");
  EXPECT_EQ(TypeOf("INTEGER(11)"), "int");
  EXPECT_EQ(TypeOf("int(10) unsigned"), "int unsigned");
  EXPECT_EQ(TypeOf("INT UNSIGNED ZEROFILL"), "int unsigned");
  EXPECT_EQ(TypeOf("INT ZEROFILL"), "int unsigned");
  EXPECT_EQ(TypeOf("INT SIGNED"), "int");
  EXPECT_EQ(TypeOf("BIGINT"), "bigint");
  EXPECT_EQ(TypeOf("BIGINT(20) UNSIGNED"), "bigint unsigned");
  EXPECT_EQ(TypeOf("INT8"), "bigint");
}

TEST(ParserDdlTest, ExactAndApproximateNumbers) {
  EXPECT_EQ(TypeOf("DECIMAL(10,2)"), "decimal(10,2)");
  EXPECT_EQ(TypeOf("DECIMAL"), "decimal(10,0)");
  EXPECT_EQ(TypeOf("DECIMAL(5)"), "decimal(5,0)");
  EXPECT_EQ(TypeOf("NUMERIC(12, 4)"), "decimal(12,4)");
  EXPECT_EQ(TypeOf("DEC(3,1) UNSIGNED"), "decimal(3,1) unsigned");
  EXPECT_EQ(TypeOf("DECIMAL(300,2)"), "decimal(255,2)");  // clamped; ValidateType refuses it
  EXPECT_EQ(TypeOf("FLOAT"), "float");
  EXPECT_EQ(TypeOf("FLOAT(7,3)"), "float");
  EXPECT_EQ(TypeOf("FLOAT(30)"), "double");
  EXPECT_EQ(TypeOf("DOUBLE"), "double");
  EXPECT_EQ(TypeOf("DOUBLE PRECISION"), "double");
  EXPECT_EQ(TypeOf("DOUBLE(10,2)"), "double");
  EXPECT_EQ(TypeOf("REAL"), "double");
}

TEST(ParserDdlTest, StringTypes) {
  EXPECT_EQ(TypeOf("CHAR"), "char(1)");
  EXPECT_EQ(TypeOf("CHAR(3)"), "char(3)");
  EXPECT_EQ(TypeOf("CHARACTER(2)"), "char(2)");
  EXPECT_EQ(TypeOf("VARCHAR(255)"), "varchar(255)");
  EXPECT_EQ(TypeOf("CHARACTER VARYING(20)"), "varchar(20)");
  EXPECT_EQ(TypeOf("NATIONAL VARCHAR(20)"), "varchar(20)");
  EXPECT_EQ(TypeOf("VARCHAR(50) CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci"), "varchar(50)");
  EXPECT_EQ(TypeOf("VARCHAR(50) BINARY"), "varchar(50)");
  EXPECT_EQ(TypeOf("TINYTEXT"), "text(255)");
  EXPECT_EQ(TypeOf("TEXT"), "text(65535)");
  EXPECT_EQ(TypeOf("TEXT(1000)"), "text(65535)");
  EXPECT_EQ(TypeOf("TEXT(100)"), "text(255)");
  EXPECT_EQ(TypeOf("MEDIUMTEXT"), "text(16777215)");
  EXPECT_EQ(TypeOf("LONGTEXT"), "text(4294967295)");
  EXPECT_EQ(TypeOf("LONG VARCHAR"), "text(16777215)");
  EXPECT_EQ(TypeOf("ENUM('pending', 'shipped', 'it''s')"), "enum('pending','shipped','it''s')");
  EXPECT_EQ(TypeOf("JSON"), "json");
  EXPECT_EQ(NearText("CREATE TABLE t (c VARCHAR)"), ")");  // VARCHAR needs a length
  EXPECT_EQ(NearText("CREATE TABLE t (c ENUM())"), "))");
}

TEST(ParserDdlTest, BinaryAndTemporalTypes) {
  EXPECT_EQ(TypeOf("BINARY(16)"), "blob(16)");
  EXPECT_EQ(TypeOf("BINARY"), "blob(1)");
  EXPECT_EQ(TypeOf("VARBINARY(64)"), "blob(64)");
  EXPECT_EQ(TypeOf("TINYBLOB"), "blob(255)");
  EXPECT_EQ(TypeOf("BLOB"), "blob(65535)");
  EXPECT_EQ(TypeOf("MEDIUMBLOB"), "blob(16777215)");
  EXPECT_EQ(TypeOf("LONGBLOB"), "blob(4294967295)");
  EXPECT_EQ(TypeOf("DATE"), "date");
  EXPECT_EQ(TypeOf("DATETIME"), "datetime(0)");
  EXPECT_EQ(TypeOf("DATETIME(6)"), "datetime(6)");
  EXPECT_EQ(TypeOf("TIMESTAMP"), "timestamp(0)");
  EXPECT_EQ(TypeOf("TIMESTAMP(3)"), "timestamp(3)");
  EXPECT_EQ(ParseError("CREATE TABLE t (c TIME)").code, 1235);
  EXPECT_EQ(ParseError("CREATE TABLE t (c YEAR)").code, 1235);
  EXPECT_EQ(ParseError("CREATE TABLE t (c SET('a'))").code, 1235);
  EXPECT_EQ(NearText("CREATE TABLE t (c WIDGET)"), "WIDGET)");
  EXPECT_EQ(NearText("CREATE TABLE t (c)"), ")");
}

TEST(ParserDdlTest, ColumnAttributes) {
  auto s = MustParseAs<CreateTableStatement>(
      "CREATE TABLE IF NOT EXISTS Item ("
      "  ItemID INT NOT NULL AUTO_INCREMENT PRIMARY KEY COMMENT 'id',"
      "  Sku VARCHAR(32) UNIQUE,"
      "  Code CHAR(4) NULL UNIQUE KEY,"
      "  Price DECIMAL(10,2) NOT NULL DEFAULT 0.00,"
      "  Delta INT DEFAULT -1,"
      "  Name VARCHAR(20) DEFAULT 'n/a' COLLATE utf8mb4_bin,"
      "  IsActive BOOLEAN DEFAULT TRUE,"
      "  Note TEXT DEFAULT NULL,"
      "  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,"
      "  UpdatedAt DATETIME(3) DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),"
      "  SeenAt TIMESTAMP NULL DEFAULT NOW() ON UPDATE NOW(),"
      "  Expr INT DEFAULT (1 + 2),"
      "  OwnerID INT REFERENCES User(UserID) ON DELETE CASCADE,"
      "  Qty INT CHECK (Qty >= 0),"
      "  K INT KEY"
      ") ENGINE=InnoDB AUTO_INCREMENT=100 DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci "
      "COMMENT='items'");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, StmtKind::kCreateTable);
  EXPECT_EQ(s->table, "Item");
  EXPECT_TRUE(s->if_not_exists);
  EXPECT_EQ(s->auto_increment, std::optional<uint64_t>(100));
  ASSERT_EQ(s->columns.size(), 15u);
  EXPECT_TRUE(s->constraints.empty());

  const ColumnSpec& id = s->columns[0];
  EXPECT_EQ(id.name, "ItemID");
  EXPECT_EQ(id.not_null, std::optional<bool>(true));
  EXPECT_TRUE(id.auto_increment);
  EXPECT_TRUE(id.primary_key);
  EXPECT_EQ(id.comment, "id");
  EXPECT_FALSE(id.default_value);

  EXPECT_TRUE(s->columns[1].unique);
  EXPECT_EQ(s->columns[1].not_null, std::nullopt);
  EXPECT_TRUE(s->columns[2].unique);
  EXPECT_EQ(s->columns[2].not_null, std::optional<bool>(false));

  EXPECT_EQ(DumpExpr(*s->columns[3].default_value), "dec:0.00");
  EXPECT_EQ(DumpExpr(*s->columns[4].default_value), "-1");
  EXPECT_EQ(DumpExpr(*s->columns[5].default_value), "'n/a'");
  EXPECT_EQ(DumpExpr(*s->columns[6].default_value), "1");
  EXPECT_EQ(DumpExpr(*s->columns[7].default_value), "NULL");
  EXPECT_EQ(DumpExpr(*s->columns[8].default_value), "(CURRENT_TIMESTAMP)");
  EXPECT_FALSE(s->columns[8].on_update_current_timestamp);
  EXPECT_EQ(DumpExpr(*s->columns[9].default_value), "(CURRENT_TIMESTAMP 3)");
  EXPECT_TRUE(s->columns[9].on_update_current_timestamp);
  EXPECT_EQ(DumpExpr(*s->columns[10].default_value), "(CURRENT_TIMESTAMP)");
  EXPECT_TRUE(s->columns[10].on_update_current_timestamp);
  EXPECT_EQ(DumpExpr(*s->columns[11].default_value), "(+ 1 2)");
  EXPECT_FALSE(s->columns[12].default_value);  // column REFERENCES is ignored
  EXPECT_EQ(s->columns[13].name, "Qty");
  EXPECT_TRUE(s->columns[14].primary_key);
  EXPECT_EQ(s->columns[0].pos, std::string_view("CREATE TABLE IF NOT EXISTS Item (  ").size());
}

TEST(ParserDdlTest, DefaultMustBeALiteral) {
  EXPECT_EQ(NearText("CREATE TABLE t (a INT DEFAULT 1 + 2)"), "+ 2)");
  EXPECT_EQ(NearText("CREATE TABLE t (a INT DEFAULT b)"), "b)");
  EXPECT_EQ(NearText("CREATE TABLE t (a INT DEFAULT)"), ")");
  EXPECT_EQ(NearText("CREATE TABLE t (a DATETIME ON UPDATE 5)"), "5)");
  EXPECT_EQ(NearText("CREATE TABLE t (a INT NOT 5)"), "5)");
}

TEST(ParserDdlTest, TableConstraints) {
  auto s = MustParseAs<CreateTableStatement>(
      "CREATE TABLE OrderItem ("
      "  OrderID INT, ItemID INT, Line INT, Sku VARCHAR(10),"
      "  PRIMARY KEY (OrderID, Line),"
      "  UNIQUE KEY uq_sku (Sku),"
      "  UNIQUE INDEX (ItemID, Sku DESC),"
      "  CONSTRAINT uq_named UNIQUE (Line),"
      "  KEY idx_item (ItemID),"
      "  INDEX (Sku(4)),"
      "  FULLTEXT KEY ft (Sku),"
      "  CONSTRAINT fk_order FOREIGN KEY (OrderID) REFERENCES `Order` (OrderID) "
      "    ON DELETE CASCADE ON UPDATE NO ACTION,"
      "  FOREIGN KEY fk_idx (ItemID) REFERENCES Item(ItemID) ON DELETE SET NULL,"
      "  FOREIGN KEY (Line) REFERENCES L (x) ON UPDATE RESTRICT,"
      "  CONSTRAINT chk CHECK (Line > 0),"
      "  CHECK (ItemID <> 0) NOT ENFORCED"
      ")");
  ASSERT_TRUE(s);
  ASSERT_EQ(s->columns.size(), 4u);
  ASSERT_EQ(s->constraints.size(), 10u);  // the two CHECKs are ignored
  const auto& c = s->constraints;
  EXPECT_EQ(c[0].kind, ConstraintKind::kPrimaryKey);
  ASSERT_EQ(c[0].columns.size(), 2u);
  EXPECT_EQ(c[0].columns[0].name, "OrderID");
  EXPECT_EQ(c[0].columns[1].name, "Line");
  EXPECT_EQ(c[1].kind, ConstraintKind::kUnique);
  EXPECT_EQ(c[1].name, "uq_sku");
  EXPECT_EQ(c[2].kind, ConstraintKind::kUnique);
  EXPECT_EQ(c[2].name, "");
  EXPECT_TRUE(c[2].columns[1].desc);
  EXPECT_EQ(c[3].name, "uq_named");
  EXPECT_EQ(c[4].kind, ConstraintKind::kIndex);
  EXPECT_EQ(c[4].name, "idx_item");
  EXPECT_EQ(c[5].kind, ConstraintKind::kIndex);
  EXPECT_EQ(c[5].columns[0].name, "Sku");  // prefix length accepted, ignored
  EXPECT_EQ(c[6].kind, ConstraintKind::kIndex);
  EXPECT_EQ(c[6].name, "ft");
  EXPECT_EQ(c[7].kind, ConstraintKind::kForeignKey);
  EXPECT_EQ(c[7].name, "fk_order");
  EXPECT_EQ(c[7].ref_table, "Order");
  EXPECT_EQ(c[7].ref_columns, std::vector<std::string>{"OrderID"});
  EXPECT_EQ(c[7].on_delete, FkAction::kCascade);
  EXPECT_EQ(c[7].on_update, FkAction::kNoAction);
  EXPECT_EQ(c[8].name, "fk_idx");
  EXPECT_EQ(c[8].on_delete, FkAction::kSetNull);
  EXPECT_EQ(c[8].on_update, FkAction::kRestrict);
  EXPECT_EQ(c[9].name, "");
  EXPECT_EQ(c[9].on_update, FkAction::kRestrict);
  EXPECT_EQ(c[9].on_delete, FkAction::kRestrict);
}

TEST(ParserDdlTest, CreateTableErrors) {
  EXPECT_EQ(NearText("CREATE TABLE t"), "");
  EXPECT_EQ(NearText("CREATE TABLE t ()"), ")");
  EXPECT_EQ(NearText("CREATE TABLE t (a INT,)"), ")");
  EXPECT_EQ(NearText("CREATE TABLE t (a INT) garbage"), "garbage");
  EXPECT_EQ(NearText("CREATE TABLE order (a INT)"), "order (a INT)");
  EXPECT_EQ(NearText("CREATE TABLE t (key INT)"), "INT)");  // KEY is reserved
  EXPECT_EQ(NearText("CREATE TABLE t (a INT, PRIMARY KEY a)"), "a)");
  EXPECT_EQ(NearText("CREATE TABLE t (a INT, FOREIGN KEY (a) REFERENCES u (a) ON DELETE "
                     "EXPLODE)"),
            "EXPLODE)");
  EXPECT_EQ(ParseError("CREATE TABLE t LIKE u").code, 1235);
  EXPECT_EQ(ParseError("CREATE TABLE t AS SELECT 1").code, 1235);
  EXPECT_EQ(ParseError("CREATE TEMPORARY TABLE t (a INT)").code, 1235);
  EXPECT_EQ(ParseError("CREATE TABLE t (a INT AS (1))").code, 1235);
  EXPECT_EQ(ParseError("CREATE TABLE t (a INT, INDEX ((a + 1)))").code, 1235);
  EXPECT_EQ(ParseError("CREATE DATABASE shop").code, 1235);
  EXPECT_EQ(ParseError("CREATE VIEW v AS SELECT 1").code, 1235);
}

TEST(ParserDdlTest, NonReservedKeywordsAsNames) {
  auto s = MustParseAs<CreateTableStatement>(
      "CREATE TABLE status (status VARCHAR(10), date DATE, text TEXT, comment TEXT COMMENT 'c', "
      "name VARCHAR(5), timestamp TIMESTAMP, year INT, value INT, action INT, `key` INT, "
      "KEY (date))");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->table, "status");
  std::vector<std::string> names;
  for (const ColumnSpec& c : s->columns) names.push_back(c.name);
  EXPECT_EQ(names, (std::vector<std::string>{"status", "date", "text", "comment", "name",
                                             "timestamp", "year", "value", "action", "key"}));
  EXPECT_EQ(DumpColumnType(s->columns[1].type), "date");
  EXPECT_EQ(s->columns[3].comment, "c");
  ASSERT_EQ(s->constraints.size(), 1u);
  EXPECT_EQ(s->constraints[0].columns[0].name, "date");
}

TEST(ParserDdlTest, Serial) {
  auto s = MustParseAs<CreateTableStatement>("CREATE TABLE t (id SERIAL)");
  ASSERT_TRUE(s);
  const ColumnSpec& c = s->columns[0];
  EXPECT_EQ(DumpColumnType(c.type), "bigint unsigned");
  EXPECT_TRUE(c.auto_increment);
  EXPECT_TRUE(c.unique);
  EXPECT_EQ(c.not_null, std::optional<bool>(true));
}

TEST(ParserDdlTest, CreateIndex) {
  auto s = MustParseAs<CreateIndexStatement>("CREATE INDEX idx_email ON User (Email)");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, StmtKind::kCreateIndex);
  EXPECT_EQ(s->name, "idx_email");
  EXPECT_EQ(s->table, "User");
  EXPECT_FALSE(s->unique);
  ASSERT_EQ(s->columns.size(), 1u);
  auto u = MustParseAs<CreateIndexStatement>(
      "CREATE UNIQUE INDEX IF NOT EXISTS uq ON `Order` (UserID, OrderNumber DESC) USING BTREE "
      "ALGORITHM = INPLACE LOCK = NONE");
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->unique);
  EXPECT_TRUE(u->if_not_exists);
  EXPECT_EQ(u->table, "Order");
  ASSERT_EQ(u->columns.size(), 2u);
  EXPECT_TRUE(u->columns[1].desc);
  EXPECT_EQ(NearText("CREATE INDEX ON t (a)"), "ON t (a)");
  EXPECT_EQ(NearText("CREATE INDEX i ON t"), "");
  EXPECT_EQ(NearText("CREATE UNIQUE TABLE t (a INT)"), "TABLE t (a INT)");
}

TEST(ParserDdlTest, Drop) {
  auto s = MustParseAs<DropTableStatement>("DROP TABLE IF EXISTS OrderItem, `Order`, db.User");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, StmtKind::kDropTable);
  EXPECT_TRUE(s->if_exists);
  EXPECT_EQ(s->tables, (std::vector<std::string>{"OrderItem", "Order", "User"}));
  EXPECT_FALSE(MustParseAs<DropTableStatement>("DROP TABLE t CASCADE")->if_exists);
  auto i = MustParseAs<DropIndexStatement>("DROP INDEX idx_email ON User");
  ASSERT_TRUE(i);
  EXPECT_EQ(i->name, "idx_email");
  EXPECT_EQ(i->table, "User");
  EXPECT_EQ(MustParseAs<DropIndexStatement>("DROP INDEX `PRIMARY` ON t")->name, "PRIMARY");
  EXPECT_EQ(NearText("DROP TABLE"), "");
  EXPECT_EQ(NearText("DROP TABLE IF t"), "t");
  EXPECT_EQ(NearText("DROP INDEX i"), "");
  EXPECT_EQ(ParseError("DROP DATABASE shop").code, 1235);
}

TEST(ParserDdlTest, AlterTable) {
  auto s = MustParseAs<AlterTableStatement>(
      "ALTER TABLE Item ADD COLUMN Weight DECIMAL(8,3) NOT NULL DEFAULT 0 AFTER Name, "
      "ADD Color VARCHAR(20) FIRST, ADD INDEX idx_color (Color), ADD UNIQUE KEY uq (Sku), "
      "ADD CONSTRAINT fk_cat FOREIGN KEY (CategoryID) REFERENCES Category (CategoryID) "
      "ON DELETE SET NULL, ADD PRIMARY KEY (ItemID), DROP INDEX idx_old, DROP KEY k2, "
      "DROP PRIMARY KEY");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, StmtKind::kAlterTable);
  EXPECT_EQ(s->table, "Item");
  ASSERT_EQ(s->actions.size(), 9u);
  const auto& a = s->actions;
  EXPECT_EQ(a[0].kind, AlterKind::kAddColumn);
  EXPECT_EQ(a[0].column.name, "Weight");
  EXPECT_EQ(DumpColumnType(a[0].column.type), "decimal(8,3)");
  EXPECT_EQ(a[0].after, "Name");
  EXPECT_FALSE(a[0].first);
  EXPECT_EQ(a[1].column.name, "Color");
  EXPECT_TRUE(a[1].first);
  EXPECT_EQ(a[2].kind, AlterKind::kAddConstraint);
  EXPECT_EQ(a[2].constraint.kind, ConstraintKind::kIndex);
  EXPECT_EQ(a[2].constraint.name, "idx_color");
  EXPECT_EQ(a[3].constraint.kind, ConstraintKind::kUnique);
  EXPECT_EQ(a[4].constraint.kind, ConstraintKind::kForeignKey);
  EXPECT_EQ(a[4].constraint.name, "fk_cat");
  EXPECT_EQ(a[4].constraint.on_delete, FkAction::kSetNull);
  EXPECT_EQ(a[5].constraint.kind, ConstraintKind::kPrimaryKey);
  EXPECT_EQ(a[6].kind, AlterKind::kDropIndex);
  EXPECT_EQ(a[6].index_name, "idx_old");
  EXPECT_EQ(a[7].index_name, "k2");
  EXPECT_EQ(a[8].index_name, "PRIMARY");
  EXPECT_EQ(a[1].pos, std::string_view("ALTER TABLE Item ADD COLUMN Weight DECIMAL(8,3) NOT "
                                       "NULL DEFAULT 0 AFTER Name, ")
                          .size());
}

TEST(ParserDdlTest, AlterTableUnsupportedAndErrors) {
  EXPECT_EQ(ParseError("ALTER TABLE t RENAME INDEX a TO b").code, 1235);
  EXPECT_EQ(ParseError("ALTER TABLE t DROP FOREIGN KEY fk").code, 1235);
  EXPECT_EQ(ParseError("ALTER TABLE t AUTO_INCREMENT = 5").code, 1235);
  EXPECT_TRUE(MustParseAs<AlterTableStatement>("ALTER TABLE t ADD CHECK (a > 0)"));
  EXPECT_EQ(NearText("ALTER TABLE t"), "");
  EXPECT_EQ(NearText("ALTER TABLE t ADD"), "");
  EXPECT_EQ(NearText("ALTER TABLE t ADD COLUMN a INT AFTER"), "");
  EXPECT_EQ(NearText("ALTER TABLE t ADD a INT,"), "");
  EXPECT_EQ(NearText("ALTER t ADD a INT"), "t ADD a INT");
}

TEST(ParserDdlTest, Truncate) {
  auto s = MustParseAs<TruncateStatement>("TRUNCATE TABLE `Order`");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, StmtKind::kTruncate);
  EXPECT_EQ(s->table, "Order");
  EXPECT_EQ(MustParseAs<TruncateStatement>("truncate OrderItem")->table, "OrderItem");
  EXPECT_EQ(NearText("TRUNCATE TABLE"), "");
}

}  // namespace
}  // namespace tetradb::rel::sql
