// docs/ecommerce-schema.sql, the seeds' 16-table schema, loads through
// ExecuteScript and takes a customer's first order.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "tests/models/relational/session/session_fixture.h"

namespace tetradb::rel::sql {
namespace {

std::string ReadSchema() {
  std::filesystem::path path =
      std::filesystem::path(__FILE__).parent_path() / "../../../../docs/ecommerce-schema.sql";
  std::ifstream in(path);
  EXPECT_TRUE(in.good()) << "cannot read " << path;
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class SchemaTest : public SessionFixture {
 protected:
  void SetUp() override {
    SessionFixture::SetUp();
    auto r = s1_->ExecuteScript(ReadSchema());
    ASSERT_TRUE(r.ok()) << r.error().ToString();
  }

  // A user with an address, a payment method, a shipping option and an
  // item: what an order needs.
  void SeedCustomer() {
    Ok("INSERT INTO Address (AddressLine1, City, StateProvince, PostalCode, Country)"
       " VALUES ('1 Main St', 'Springfield', 'IL', '62701', 'US')");
    Ok("INSERT INTO User (FirstName, LastName, Email, Username, PasswordHash, PrimaryAddressID)"
       " VALUES ('Ada', 'Lovelace', 'ada@example.com', 'ada', 'x', LAST_INSERT_ID())");
    Ok("INSERT INTO PaymentType (TypeName) VALUES ('CreditCard')");
    Ok("INSERT INTO PaymentMethod (UserID, PaymentTypeID, AccountNumberLast4, CardType,"
       " AccountHolderName, BillingAddressID) VALUES (1, 1, '4242', 'Visa', 'Ada Lovelace', 1)");
    Ok("INSERT INTO ShippingOption (Name, EstimatedDays, Rate)"
       " VALUES ('Standard', '3-5 business days', 4.99)");
    Ok("INSERT INTO Category (CategoryName) VALUES ('Books')");
    Ok("INSERT INTO Item (Name, BasePrice, TotalStockQuantity) VALUES ('SICP', 45.00, 10)");
    Ok("INSERT INTO ItemCategory (ItemID, CategoryID, IsPrimaryCategory) VALUES (1, 1, TRUE)");
  }
};

TEST_F(SchemaTest, CreatesAllSixteenTables) {
  Rows expected = {{"Address"},        {"Category"},      {"Item"},        {"ItemAttribute"},
                   {"ItemCategory"},   {"ItemVariation"}, {"Order"},       {"OrderItem"},
                   {"OrderTax"},       {"PaymentMethod"}, {"PaymentType"}, {"ReturnItem"},
                   {"ShippingOption"}, {"TaxRate"},       {"User"},        {"VariationTrait"}};
  EXPECT_EQ(Query("SHOW TABLES"), expected);

  std::string order = ShowCreate("`Order`");
  EXPECT_NE(order.find("  `Status` enum('pending','processing','shipped','delivered',"
                       "'cancelled') NOT NULL DEFAULT 'pending',\n"),
            std::string::npos)
      << order;
  EXPECT_NE(order.find("  UNIQUE KEY `OrderNumber` (`OrderNumber`),\n"), std::string::npos);
  EXPECT_NE(order.find("  CONSTRAINT `fk_order_user` FOREIGN KEY (`UserID`) REFERENCES `User` "
                       "(`UserID`)"),
            std::string::npos);
  // The composite key serves the UserID foreign key: no extra index.
  EXPECT_EQ(order.find("KEY `fk_order_user`"), std::string::npos);
  EXPECT_NE(order.find("  KEY `fk_order_shipping_address` (`ShippingAddressID`),\n"),
            std::string::npos);

  Rows user_keys;
  for (const auto& row : Query("DESCRIBE User")) user_keys.push_back({row[0], row[3]});
  EXPECT_EQ(user_keys, (Rows{{"UserID", "PRI"},
                             {"FirstName", ""},
                             {"LastName", ""},
                             {"Email", "UNI"},
                             {"Username", "UNI"},
                             {"PasswordHash", ""},
                             {"PrimaryAddressID", "MUL"},
                             {"CreatedAt", ""},
                             {"UpdatedAt", ""}}));
}

TEST_F(SchemaTest, PlacesAnOrder) {
  SeedCustomer();
  Ok("BEGIN");
  Ok("INSERT INTO `Order` (UserID, OrderNumber, SubtotalAmount, TaxAmount, ShippingAmount,"
     " TotalAmount, ShippingAddressID, ShippingOptionID, PaymentMethodID, ExpectedShipDate,"
     " ExpectedDeliveryDate) VALUES (1, 'ORD-0001', 90.00, 7.43, 4.99, 102.42, 1, 1, 1,"
     " '2023-11-16 00:00:00', '2023-11-20 00:00:00')");
  uint64_t order_id = s1_->last_insert_id();
  EXPECT_EQ(order_id, 1u);
  Ok("INSERT INTO OrderItem (OrderID, ItemID, Quantity, UnitPrice, LineTotal, ItemNameSnapshot)"
     " VALUES (?, 1, 2, 45.00, 90.00, 'SICP')",
     {Value::Int(static_cast<int64_t>(order_id))});
  Ok("UPDATE Item SET TotalStockQuantity = TotalStockQuantity - 2 WHERE ItemID = 1");
  Ok("COMMIT");

  EXPECT_EQ(Query("SELECT Status, TotalAmount, OrderDate FROM `Order`"),
            (Rows{{"pending", "102.42", "2023-11-14 22:13:20"}}));
  EXPECT_EQ(Scalar(*s2_, "SELECT TotalStockQuantity FROM Item WHERE ItemID = 1"), "8");

  // References are enforced: no order for a missing user, no deleting a
  // user with orders, and deleting the order takes its lines.
  EXPECT_EQ(Fail("INSERT INTO OrderItem (OrderID, ItemID, Quantity, UnitPrice, LineTotal,"
                 " ItemNameSnapshot) VALUES (99, 1, 1, 1.00, 1.00, 'x')")
                .code,
            1452);
  EXPECT_EQ(Fail("DELETE FROM User WHERE UserID = 1").code, 1451);
  EXPECT_EQ(Fail("INSERT INTO `Order` (UserID, OrderNumber, Status, SubtotalAmount, TotalAmount,"
                 " ShippingAddressID, ShippingOptionID, PaymentMethodID, ExpectedShipDate,"
                 " ExpectedDeliveryDate) VALUES (1, 'ORD-0002', 'lost', 1, 1, 1, 1, 1,"
                 " '2023-11-16', '2023-11-20')")
                .code,
            1265);
  Ok("DELETE FROM `Order` WHERE OrderID = 1");
  EXPECT_EQ(Scalar("SELECT COUNT(*) FROM OrderItem"), "0");
  // Unique e-mail.
  EXPECT_EQ(Fail("INSERT INTO User (FirstName, LastName, Email, Username, PasswordHash)"
                 " VALUES ('A', 'B', 'ada@example.com', 'other', 'x')")
                .code,
            1062);
}

}  // namespace
}  // namespace tetradb::rel::sql
