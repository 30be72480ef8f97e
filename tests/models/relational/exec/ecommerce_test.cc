// The e-commerce schema of docs/ecommerce-schema.sql and the queries an
// application runs against it: catalog listing, checkout (stock decrement,
// order and lines, LAST_INSERT_ID), order history, reports.
#include <fstream>
#include <sstream>

#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

std::string ReadSchema() {
  std::string here = __FILE__;
  std::string root = here.substr(0, here.rfind("tests/models/relational/exec/"));
  std::ifstream in(root + "docs/ecommerce-schema.sql");
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

class EcommerceTest : public ExecFixture {
 protected:
  void SetUp() override {
    ExecFixture::SetUp();
    std::string schema = ReadSchema();
    ASSERT_FALSE(schema.empty());
    CreateScript(schema);
    Ok("INSERT INTO Address (AddressLine1, City, PostalCode, Country) VALUES "
       "('1 Main St', 'Oslo', '0150', 'NO'), ('2 Via Roma', 'Rome', '00100', 'IT')");
    Ok("INSERT INTO User (FirstName, LastName, Email, Username, PasswordHash, "
       "PrimaryAddressID) VALUES ('Ann', 'Lee', 'ann@x.io', 'ann', 'h', 1), "
       "('Bob', 'Rossi', 'bob@x.io', 'bob', 'h', 2)");
    Ok("INSERT INTO Category (CategoryName) VALUES ('Lighting'), ('Office')");
    Ok("INSERT INTO Item (Name, BasePrice, TotalStockQuantity) VALUES "
       "('Desk lamp', 24.90, 10), ('Stapler', 7.50, 100), ('Floor lamp', 89.00, 2)");
    Ok("INSERT INTO ItemCategory (ItemID, CategoryID, IsPrimaryCategory) VALUES "
       "(1, 1, TRUE), (1, 2, FALSE), (2, 2, TRUE), (3, 1, TRUE)");
    Ok("INSERT INTO ItemVariation (ItemID, VariationSKU, StockQuantity, PriceAdjustment) "
       "VALUES (1, 'LAMP-BLK', 5, 0.00), (1, 'LAMP-WHT', 5, 2.00), (3, 'FLOOR-1', 2, NULL)");
    Ok("INSERT INTO ShippingOption (Name, Rate) VALUES ('Standard', 4.99), ('Express', 14.99)");
    Ok("INSERT INTO PaymentType (TypeName) VALUES ('CreditCard')");
    Ok("INSERT INTO PaymentMethod (UserID, PaymentTypeID, AccountNumberLast4, "
       "AccountHolderName, BillingAddressID) VALUES (1, 1, '4242', 'Ann Lee', 1), "
       "(2, 1, '1111', 'Bob Rossi', 2)");
  }

  // The checkout transaction's statements, as an application issues them.
  void Checkout(int user, int variation, int qty, const std::string& number) {
    auto rs =
        Ok("UPDATE ItemVariation SET StockQuantity = StockQuantity - ? "
           "WHERE ItemVariationID = ? AND StockQuantity >= ?",
           {Value::Int(qty), Value::Int(variation), Value::Int(qty)});
    ASSERT_EQ(rs.rows_affected, 1u) << "out of stock";
    std::string price =
        Q("SELECT i.BasePrice + COALESCE(v.PriceAdjustment, 0) FROM "
          "ItemVariation v JOIN Item i ON i.ItemID = v.ItemID "
          "WHERE v.ItemVariationID = ?",
          {Value::Int(variation)});
    Ok("INSERT INTO `Order` (UserID, OrderNumber, SubtotalAmount, TotalAmount, "
       "ShippingAddressID, ShippingOptionID, PaymentMethodID, ExpectedShipDate, "
       "ExpectedDeliveryDate) SELECT u.UserID, ?, ? * ?, ? * ? + s.Rate, u.PrimaryAddressID, "
       "s.ShippingOptionID, pm.PaymentMethodID, NOW() + INTERVAL 1 DAY, "
       "DATE_ADD(NOW(), INTERVAL 5 DAY) FROM User u JOIN PaymentMethod pm ON pm.UserID = "
       "u.UserID JOIN ShippingOption s ON s.Name = 'Standard' WHERE u.UserID = ?",
       {Value::String(number), Value::String(price), Value::Int(qty), Value::String(price),
        Value::Int(qty), Value::Int(user)});
    Ok("INSERT INTO OrderItem (OrderID, ItemID, ItemVariationID, Quantity, UnitPrice, "
       "LineTotal, ItemNameSnapshot) SELECT LAST_INSERT_ID(), i.ItemID, v.ItemVariationID, ?, "
       "?, ? * ?, i.Name FROM ItemVariation v JOIN Item i USING (ItemID) "
       "WHERE v.ItemVariationID = ?",
       {Value::Int(qty), Value::String(price), Value::String(price), Value::Int(qty),
        Value::Int(variation)});
  }
};

TEST_F(EcommerceTest, CatalogListing) {
  EXPECT_EQ(Q("SELECT i.ItemID, i.Name, i.BasePrice, c.CategoryName FROM Item i "
              "JOIN ItemCategory ic ON ic.ItemID = i.ItemID AND ic.IsPrimaryCategory = TRUE "
              "JOIN Category c ON c.CategoryID = ic.CategoryID WHERE i.IsActive = 1 "
              "ORDER BY i.BasePrice DESC LIMIT 10"),
            "3,Floor lamp,89.00,Lighting|1,Desk lamp,24.90,Lighting|2,Stapler,7.50,Office");
  EXPECT_EQ(Q("SELECT c.CategoryName, COUNT(*) AS items, MIN(i.BasePrice) FROM Category c "
              "JOIN ItemCategory ic ON ic.CategoryID = c.CategoryID JOIN Item i ON "
              "i.ItemID = ic.ItemID GROUP BY c.CategoryID, c.CategoryName ORDER BY items DESC, "
              "c.CategoryName"),
            "Lighting,2,24.90|Office,2,7.50");
  EXPECT_EQ(Q("SELECT Name FROM Item WHERE Name LIKE '%lamp%' ORDER BY Name"),
            "Desk lamp|Floor lamp");
  EXPECT_EQ(Q("SELECT v.VariationSKU, i.BasePrice + IFNULL(v.PriceAdjustment, 0) AS price "
              "FROM ItemVariation v JOIN Item i ON i.ItemID = v.ItemID WHERE v.ItemID = 1 "
              "ORDER BY price"),
            "LAMP-BLK,24.90|LAMP-WHT,26.90");
}

TEST_F(EcommerceTest, CheckoutAndHistory) {
  Checkout(1, 2, 2, "ORD-1");
  EXPECT_EQ(last_insert_id_, 1u);  // OrderItem's id: the last INSERT generated it
  Checkout(2, 1, 1, "ORD-2");
  Checkout(1, 3, 1, "ORD-3");
  EXPECT_EQ(Q("SELECT VariationSKU, StockQuantity FROM ItemVariation ORDER BY 1"),
            "FLOOR-1,1|LAMP-BLK,4|LAMP-WHT,3");
  EXPECT_EQ(Q("SELECT OrderNumber, Status, SubtotalAmount, TotalAmount, OrderDate, "
              "ExpectedDeliveryDate FROM `Order` WHERE UserID = 1 ORDER BY OrderDate DESC, "
              "OrderID DESC"),
            "ORD-3,pending,89.00,93.99,2026-11-21 10:30:00,2026-11-26 10:30:00|"
            "ORD-1,pending,53.80,58.79,2026-11-21 10:30:00,2026-11-26 10:30:00");
  EXPECT_EQ(Q("SELECT o.OrderNumber, oi.ItemNameSnapshot, oi.Quantity, oi.LineTotal FROM "
              "`Order` o JOIN OrderItem oi ON oi.OrderID = o.OrderID ORDER BY o.OrderID"),
            "ORD-1,Desk lamp,2,53.80|ORD-2,Desk lamp,1,24.90|ORD-3,Floor lamp,1,89.00");
  // Per-user spend, users without orders included.
  Ok("INSERT INTO User (FirstName, LastName, Email, Username, PasswordHash) VALUES "
     "('Cid', 'X', 'cid@x.io', 'cid', 'h')");
  EXPECT_EQ(Q("SELECT u.Username, COUNT(o.OrderID), COALESCE(SUM(o.TotalAmount), 0) FROM User u "
              "LEFT JOIN `Order` o ON o.UserID = u.UserID GROUP BY u.UserID, u.Username "
              "ORDER BY u.UserID"),
            "ann,2,152.78|bob,1,29.89|cid,0,0");
  // Out of stock: the guarded UPDATE changes nothing.
  auto rs =
      Ok("UPDATE ItemVariation SET StockQuantity = StockQuantity - 5 WHERE "
         "ItemVariationID = 3 AND StockQuantity >= 5");
  EXPECT_EQ(rs.rows_affected, 0u);
  // Status changes; ENUM refuses unknown values.
  Ok("UPDATE `Order` SET Status = 'shipped', ActualShipDate = NOW() WHERE OrderNumber = 'ORD-1'");
  EXPECT_EQ(Q("SELECT Status, COUNT(*) FROM `Order` GROUP BY Status ORDER BY Status"),
            "pending,2|shipped,1");
  EXPECT_EQ(Fail("UPDATE `Order` SET Status = 'lost' WHERE OrderID = 1").code, 1265);
  // Orders are protected while they exist; deleting an order takes its lines.
  EXPECT_EQ(Fail("DELETE FROM User WHERE UserID = 1").code, 1451);
  Ok("DELETE FROM `Order` WHERE OrderNumber = 'ORD-3'");
  EXPECT_EQ(Q("SELECT COUNT(*) FROM OrderItem"), "2");
}

TEST_F(EcommerceTest, Reports) {
  Checkout(1, 1, 3, "ORD-1");
  Checkout(2, 1, 1, "ORD-2");
  Checkout(2, 3, 1, "ORD-3");
  EXPECT_EQ(Q("SELECT oi.ItemID, SUM(oi.Quantity) AS sold, SUM(oi.LineTotal) AS revenue FROM "
              "OrderItem oi GROUP BY oi.ItemID ORDER BY revenue DESC"),
            "1,4,99.60|3,1,89.00");
  EXPECT_EQ(Q("SELECT DATE(OrderDate) AS d, COUNT(*), ROUND(AVG(TotalAmount), 2) FROM `Order` "
              "GROUP BY d"),
            "2026-11-21,3,67.86");
  EXPECT_EQ(Q("SELECT Name FROM Item i WHERE NOT EXISTS (SELECT 1 FROM OrderItem oi WHERE "
              "oi.ItemID = i.ItemID)"),
            "Stapler");
  EXPECT_EQ(Q("SELECT u.Email FROM User u WHERE u.UserID IN (SELECT UserID FROM `Order` "
              "GROUP BY UserID HAVING SUM(TotalAmount) > 100)"),
            "bob@x.io");
  auto rs = Ok("EXPLAIN SELECT * FROM `Order` WHERE UserID = 2 ORDER BY OrderDate DESC");
  // ORDER BY the index's next column: no sort, the index read backwards.
  EXPECT_EQ(Flat(rs),
            "1,SIMPLE,Order,ref,idx_order_user_date,idx_order_user_date,4,const,10,100.00,"
            "Backward index scan");
}

}  // namespace
}  // namespace tetradb::rel::sql
