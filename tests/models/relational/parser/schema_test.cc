// The seeds' e-commerce schema (16 tables), written as a MySQL developer
// would, must parse as one script; spot checks on what came out.
#include <gtest/gtest.h>

#include <map>

#include "parse_test_util.h"

namespace tetradb::rel::sql {
namespace {

constexpr std::string_view kSchema = R"sql(
-- E-commerce relational core.
CREATE TABLE IF NOT EXISTS Address (
  AddressID INT AUTO_INCREMENT PRIMARY KEY,
  AddressLine1 VARCHAR(255) NOT NULL,
  AddressLine2 VARCHAR(255) NULL,
  City VARCHAR(100) NOT NULL,
  StateProvince VARCHAR(100),
  PostalCode VARCHAR(20) NOT NULL,
  Country VARCHAR(100) NOT NULL DEFAULT 'US',
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;

CREATE TABLE IF NOT EXISTS User (
  UserID INT AUTO_INCREMENT PRIMARY KEY,
  FirstName VARCHAR(100) NOT NULL,
  LastName VARCHAR(100) NOT NULL,
  Email VARCHAR(255) NOT NULL UNIQUE,
  Username VARCHAR(50) NOT NULL,
  PasswordHash CHAR(60) NOT NULL,
  PrimaryAddressID INT NULL,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  UNIQUE KEY uq_user_username (Username),
  CONSTRAINT fk_user_address FOREIGN KEY (PrimaryAddressID)
    REFERENCES Address (AddressID) ON DELETE SET NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_0900_ai_ci;

CREATE TABLE Item (
  ItemID INT AUTO_INCREMENT PRIMARY KEY,
  Name VARCHAR(200) NOT NULL,
  Description TEXT,
  BasePrice DECIMAL(10,2) NOT NULL,
  TotalStockQuantity INT NOT NULL DEFAULT 0,
  ImageURL VARCHAR(500),
  IsActive BOOLEAN DEFAULT TRUE,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  INDEX idx_item_name (Name)
);

CREATE TABLE Category (
  CategoryID INT AUTO_INCREMENT PRIMARY KEY,
  CategoryName VARCHAR(100) NOT NULL UNIQUE,
  Description TEXT,
  ParentCategoryID INT NULL COMMENT 'nullable for hierarchy',
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (ParentCategoryID) REFERENCES Category(CategoryID) ON DELETE SET NULL
);

CREATE TABLE ItemCategory (
  ItemCategoryID INT AUTO_INCREMENT PRIMARY KEY,
  ItemID INT NOT NULL,
  CategoryID INT NOT NULL,
  IsPrimaryCategory BOOLEAN DEFAULT FALSE,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  UNIQUE KEY uq_item_category (ItemID, CategoryID),
  FOREIGN KEY (ItemID) REFERENCES Item(ItemID) ON DELETE CASCADE,
  FOREIGN KEY (CategoryID) REFERENCES Category(CategoryID) ON DELETE CASCADE
);

CREATE TABLE ItemAttribute (
  AttributeID INT AUTO_INCREMENT PRIMARY KEY,
  ItemID INT NOT NULL,
  AttributeName VARCHAR(100) NOT NULL,
  AttributeValue VARCHAR(255) NOT NULL,
  AttributeUnit VARCHAR(50) NULL COMMENT 'e.g., hours, grams',
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  KEY idx_attr_item (ItemID),
  FOREIGN KEY (ItemID) REFERENCES Item(ItemID) ON DELETE CASCADE
);

CREATE TABLE ItemVariation (
  ItemVariationID INT AUTO_INCREMENT PRIMARY KEY,
  ItemID INT NOT NULL,
  VariationSKU VARCHAR(64) NOT NULL UNIQUE,
  StockQuantity INT NOT NULL DEFAULT 0,
  PriceAdjustment DECIMAL(10,2) NULL COMMENT '+/- from base price',
  IsAvailable BOOLEAN DEFAULT TRUE,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  FOREIGN KEY (ItemID) REFERENCES Item(ItemID) ON DELETE CASCADE
);

CREATE TABLE VariationTrait (
  VariationTraitID INT AUTO_INCREMENT PRIMARY KEY,
  ItemVariationID INT NOT NULL,
  TraitType VARCHAR(50) NOT NULL,   -- Size, Color, Material
  TraitValue VARCHAR(100) NOT NULL, -- Large, Blue, Cotton
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (ItemVariationID) REFERENCES ItemVariation(ItemVariationID) ON DELETE CASCADE
);

CREATE TABLE ShippingOption (
  ShippingOptionID INT AUTO_INCREMENT PRIMARY KEY,
  Name VARCHAR(100) NOT NULL,
  Description VARCHAR(255),
  EstimatedDays VARCHAR(50),
  Rate DECIMAL(10,2) NOT NULL,
  IsActive BOOLEAN DEFAULT TRUE,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP
);

CREATE TABLE PaymentType (
  PaymentTypeID INT AUTO_INCREMENT PRIMARY KEY,
  TypeName VARCHAR(50) NOT NULL UNIQUE,
  Description VARCHAR(255),
  IsActive BOOLEAN DEFAULT TRUE,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE PaymentMethod (
  PaymentMethodID INT AUTO_INCREMENT PRIMARY KEY,
  UserID INT NOT NULL,
  PaymentTypeID INT NOT NULL,
  AccountNumberLast4 CHAR(4) NOT NULL,
  CardType VARCHAR(20) NULL,
  ExpirationMonth VARCHAR(2) NULL,
  ExpirationYear VARCHAR(4) NULL,
  AccountHolderName VARCHAR(200) NOT NULL,
  BillingAddressID INT NULL,
  IsDefault BOOLEAN DEFAULT FALSE,
  IsActive BOOLEAN DEFAULT TRUE,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  FOREIGN KEY (UserID) REFERENCES User(UserID) ON DELETE CASCADE,
  FOREIGN KEY (PaymentTypeID) REFERENCES PaymentType(PaymentTypeID),
  FOREIGN KEY (BillingAddressID) REFERENCES Address(AddressID) ON DELETE SET NULL
);

CREATE TABLE `Order` (
  OrderID INT AUTO_INCREMENT PRIMARY KEY,
  UserID INT NOT NULL,
  OrderNumber VARCHAR(50) NOT NULL UNIQUE,
  Status ENUM('pending','processing','shipped','delivered','cancelled') NOT NULL DEFAULT 'pending',
  SubtotalAmount DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  TaxAmount DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  ShippingAmount DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  TotalAmount DECIMAL(10,2) NOT NULL,
  ShippingAddressID INT,
  ShippingOptionID INT,
  PaymentMethodID INT,
  OrderDate DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ExpectedShipDate DATETIME,
  ActualShipDate DATETIME NULL,
  ExpectedDeliveryDate DATETIME,
  ActualDeliveryDate DATETIME NULL,
  OrderNotes TEXT NULL,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  INDEX idx_order_user_date (UserID, OrderDate),
  CONSTRAINT fk_order_user FOREIGN KEY (UserID) REFERENCES User(UserID) ON DELETE CASCADE,
  CONSTRAINT fk_order_address FOREIGN KEY (ShippingAddressID)
    REFERENCES Address(AddressID) ON DELETE SET NULL,
  CONSTRAINT fk_order_shipping FOREIGN KEY (ShippingOptionID)
    REFERENCES ShippingOption(ShippingOptionID) ON DELETE SET NULL,
  CONSTRAINT fk_order_payment FOREIGN KEY (PaymentMethodID)
    REFERENCES PaymentMethod(PaymentMethodID) ON DELETE SET NULL
) ENGINE=InnoDB AUTO_INCREMENT=1000 DEFAULT CHARSET=utf8mb4;

CREATE TABLE OrderItem (
  OrderItemID INT AUTO_INCREMENT PRIMARY KEY,
  OrderID INT NOT NULL,
  ItemID INT NOT NULL,
  ItemVariationID INT NULL,
  Quantity INT NOT NULL DEFAULT 1,
  UnitPrice DECIMAL(10,2) NOT NULL COMMENT 'price at purchase',
  LineTotal DECIMAL(10,2) NOT NULL,
  ItemNameSnapshot VARCHAR(200) NOT NULL,
  VariationDescription VARCHAR(255) NULL,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (OrderID) REFERENCES `Order`(OrderID) ON DELETE CASCADE,
  FOREIGN KEY (ItemID) REFERENCES Item(ItemID),
  FOREIGN KEY (ItemVariationID) REFERENCES ItemVariation(ItemVariationID) ON DELETE SET NULL
);

CREATE TABLE TaxRate (
  TaxRateID INT AUTO_INCREMENT PRIMARY KEY,
  TaxName VARCHAR(100) NOT NULL,
  Rate DECIMAL(6,4) NOT NULL COMMENT 'percentage',
  ApplicableRegion VARCHAR(100) NOT NULL,
  IsActive BOOLEAN DEFAULT TRUE,
  EffectiveFrom DATETIME NOT NULL,
  EffectiveTo DATETIME NULL,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE OrderTax (
  OrderTaxID INT AUTO_INCREMENT PRIMARY KEY,
  OrderID INT NOT NULL,
  TaxRateID INT NOT NULL,
  TaxableAmount DECIMAL(10,2) NOT NULL,
  TaxAmount DECIMAL(10,2) NOT NULL,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  FOREIGN KEY (OrderID) REFERENCES `Order`(OrderID) ON DELETE CASCADE,
  FOREIGN KEY (TaxRateID) REFERENCES TaxRate(TaxRateID)
);

CREATE TABLE ReturnItem (
  ReturnID INT AUTO_INCREMENT PRIMARY KEY,
  OrderID INT NOT NULL,
  OrderItemID INT NOT NULL,
  ItemID INT NOT NULL,
  ReturnReason VARCHAR(255) NOT NULL,
  ReturnNotes TEXT NULL,
  Status VARCHAR(20) NOT NULL DEFAULT 'requested',
  Quantity INT NOT NULL DEFAULT 1,
  RefundAmount DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  RestockingFee DECIMAL(10,2) NOT NULL DEFAULT 0.00,
  RefundStatus VARCHAR(20) NOT NULL DEFAULT 'pending',
  ReturnShippingOptionID INT NULL,
  RequestedAt DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
  ApprovedAt DATETIME NULL,
  ReceivedAt DATETIME NULL,
  RefundedAt DATETIME NULL,
  CreatedAt DATETIME DEFAULT CURRENT_TIMESTAMP,
  UpdatedAt DATETIME DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
  CONSTRAINT fk_return_order FOREIGN KEY (OrderID) REFERENCES `Order`(OrderID) ON DELETE CASCADE,
  CONSTRAINT fk_return_order_item FOREIGN KEY (OrderItemID)
    REFERENCES OrderItem(OrderItemID) ON DELETE CASCADE,
  CONSTRAINT fk_return_item FOREIGN KEY (ItemID) REFERENCES Item(ItemID),
  CONSTRAINT fk_return_shipping FOREIGN KEY (ReturnShippingOptionID)
    REFERENCES ShippingOption(ShippingOptionID) ON DELETE SET NULL
);
)sql";

class SchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto r = ParseScript(kSchema);
    ASSERT_TRUE(r.ok()) << r.error().message;
    for (ParsedStatement& p : r.value()) {
      ASSERT_EQ(p.statement->kind, StmtKind::kCreateTable);
      EXPECT_EQ(p.param_count, 0);
      auto* create = static_cast<CreateTableStatement*>(p.statement.release());
      order_.push_back(create->table);
      tables_[create->table].reset(create);
    }
  }

  const ColumnSpec* Column(const std::string& table, const std::string& column) {
    auto it = tables_.find(table);
    if (it == tables_.end()) return nullptr;
    for (const ColumnSpec& c : it->second->columns) {
      if (c.name == column) return &c;
    }
    return nullptr;
  }

  std::vector<std::string> order_;
  std::map<std::string, std::unique_ptr<CreateTableStatement>> tables_;
};

TEST_F(SchemaTest, AllSixteenTablesParse) {
  EXPECT_EQ(order_,
            (std::vector<std::string>{"Address", "User", "Item", "Category", "ItemCategory",
                                      "ItemAttribute", "ItemVariation", "VariationTrait",
                                      "ShippingOption", "PaymentType", "PaymentMethod", "Order",
                                      "OrderItem", "TaxRate", "OrderTax", "ReturnItem"}));
}

TEST_F(SchemaTest, ColumnsCarryTheirDeclarations) {
  const ColumnSpec* id = Column("Order", "OrderID");
  ASSERT_NE(id, nullptr);
  EXPECT_TRUE(id->auto_increment);
  EXPECT_TRUE(id->primary_key);
  EXPECT_EQ(DumpColumnType(id->type), "int");

  const ColumnSpec* status = Column("Order", "Status");
  ASSERT_NE(status, nullptr);
  EXPECT_EQ(status->type.enum_values.size(), 5u);
  EXPECT_EQ(DumpExpr(*status->default_value), "'pending'");
  EXPECT_EQ(status->not_null, std::optional<bool>(true));

  const ColumnSpec* total = Column("Order", "SubtotalAmount");
  ASSERT_NE(total, nullptr);
  EXPECT_EQ(DumpColumnType(total->type), "decimal(10,2)");
  EXPECT_EQ(DumpExpr(*total->default_value), "dec:0.00");

  const ColumnSpec* updated = Column("User", "UpdatedAt");
  ASSERT_NE(updated, nullptr);
  EXPECT_EQ(DumpColumnType(updated->type), "datetime(0)");
  EXPECT_EQ(DumpExpr(*updated->default_value), "(CURRENT_TIMESTAMP)");
  EXPECT_TRUE(updated->on_update_current_timestamp);

  const ColumnSpec* active = Column("Item", "IsActive");
  ASSERT_NE(active, nullptr);
  EXPECT_EQ(DumpColumnType(active->type), "tinyint(1)");
  EXPECT_EQ(DumpExpr(*active->default_value), "1");

  const ColumnSpec* email = Column("User", "Email");
  ASSERT_NE(email, nullptr);
  EXPECT_TRUE(email->unique);

  const ColumnSpec* rate = Column("TaxRate", "Rate");
  ASSERT_NE(rate, nullptr);
  EXPECT_EQ(rate->comment, "percentage");
  EXPECT_EQ(DumpColumnType(rate->type), "decimal(6,4)");

  const ColumnSpec* text = Column("Item", "Description");
  ASSERT_NE(text, nullptr);
  EXPECT_EQ(DumpColumnType(text->type), "text(65535)");
}

TEST_F(SchemaTest, ConstraintsAndTableOptions) {
  const CreateTableStatement& order = *tables_.at("Order");
  EXPECT_EQ(order.auto_increment, std::optional<uint64_t>(1000));
  ASSERT_EQ(order.constraints.size(), 5u);
  EXPECT_EQ(order.constraints[0].kind, ConstraintKind::kIndex);
  EXPECT_EQ(order.constraints[0].columns.size(), 2u);
  const ConstraintSpec& fk = order.constraints[1];
  EXPECT_EQ(fk.kind, ConstraintKind::kForeignKey);
  EXPECT_EQ(fk.name, "fk_order_user");
  EXPECT_EQ(fk.ref_table, "User");
  EXPECT_EQ(fk.on_delete, FkAction::kCascade);
  EXPECT_EQ(order.constraints[4].ref_table, "PaymentMethod");
  EXPECT_EQ(order.constraints[4].on_delete, FkAction::kSetNull);

  const CreateTableStatement& item_cat = *tables_.at("ItemCategory");
  ASSERT_EQ(item_cat.constraints.size(), 3u);
  EXPECT_EQ(item_cat.constraints[0].kind, ConstraintKind::kUnique);
  EXPECT_EQ(item_cat.constraints[0].name, "uq_item_category");

  const CreateTableStatement& order_item = *tables_.at("OrderItem");
  EXPECT_EQ(order_item.constraints[0].ref_table, "Order");
  EXPECT_EQ(order_item.constraints[1].on_delete, FkAction::kRestrict);

  const CreateTableStatement& category = *tables_.at("Category");
  ASSERT_EQ(category.constraints.size(), 1u);
  EXPECT_EQ(category.constraints[0].ref_table, "Category");  // self reference
  EXPECT_TRUE(tables_.at("User")->if_not_exists);
  EXPECT_FALSE(tables_.at("Item")->if_not_exists);
}

}  // namespace
}  // namespace tetradb::rel::sql
