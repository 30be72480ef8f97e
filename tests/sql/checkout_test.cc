// No overselling under concurrency, in process: 20 sessions on 20 threads
// run checkout transactions against shared stock levels. Each reads the
// stock with SELECT ... FOR UPDATE, decides in the client, and writes back
// the ABSOLUTE new value (not stock - n): a lost update or a stale read would
// show as stock that does not match the units sold.
#include <atomic>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "models/relational/sql/session/session.h"
#include "models/relational/storage/database.h"
#include "tests/sql/memory_database.h"

namespace tetradb::rel::sql {
namespace {

int64_t IntOf(const Value& v) {
  auto i = ToInt64(v);
  return i.value_or(-1);
}

TEST(CheckoutTest, TwentySessionsNeverOversell) {
  MemoryDatabase mem;
  ASSERT_TRUE(mem.ok());
  Database* db = mem.db.get();
  {
    Session setup(db);
    for (const char* sql : {
             "CREATE TABLE ItemVariation (ItemVariationID INT PRIMARY KEY, "
             "StockQuantity INT NOT NULL)",
             "CREATE TABLE OrderItem (OrderItemID INT AUTO_INCREMENT PRIMARY KEY, "
             "ItemVariationID INT NOT NULL, Quantity INT NOT NULL, "
             "FOREIGN KEY (ItemVariationID) REFERENCES ItemVariation (ItemVariationID))",
             "INSERT INTO ItemVariation VALUES (1, 300), (2, 300), (3, 300)",
         }) {
      auto r = setup.Execute(sql);
      ASSERT_TRUE(r.ok()) << sql << ": " << r.error().ToString();
    }
  }

  constexpr int kSessions = 20;
  constexpr int kAttempts = 60;  // 20 * 60 attempts of 1-3 units for 900 units
  std::atomic<int> unexpected{0};
  std::atomic<int> committed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kSessions; ++t) {
    threads.emplace_back([&, t] {
      Session s(db);
      std::mt19937 rng(t);
      for (int i = 0; i < kAttempts; ++i) {
        int variation = 1 + static_cast<int>(rng() % 3);
        int qty = 1 + static_cast<int>(rng() % 3);
        for (int retry = 0; retry < 50; ++retry) {
          auto fail = [&](const SqlError& e) {
            if (e.code != 1213 && e.code != 1205) {
              ADD_FAILURE() << e.ToString();
              ++unexpected;
            }
            s.Execute("ROLLBACK").status().ok();
          };
          if (auto r = s.Execute("BEGIN"); !r.ok()) return fail(r.error());
          auto stock = s.Execute(
              "SELECT StockQuantity FROM ItemVariation WHERE ItemVariationID = ? FOR UPDATE",
              {Value::Int(variation)});
          if (!stock.ok()) {
            fail(stock.error());
            continue;
          }
          int64_t have = IntOf(stock->rows.at(0).at(0));
          if (have < qty) {
            s.Execute("ROLLBACK").status().ok();
            break;
          }
          auto upd = s.Execute(
              "UPDATE ItemVariation SET StockQuantity = ? WHERE ItemVariationID = ?",
              {Value::Int(have - qty), Value::Int(variation)});
          if (!upd.ok()) {
            fail(upd.error());
            continue;
          }
          auto ins = s.Execute("INSERT INTO OrderItem (ItemVariationID, Quantity) VALUES (?, ?)",
                               {Value::Int(variation), Value::Int(qty)});
          if (!ins.ok()) {
            fail(ins.error());
            continue;
          }
          auto c = s.Execute("COMMIT");
          if (!c.ok()) {
            fail(c.error());
            continue;
          }
          ++committed;
          break;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(unexpected.load(), 0);
  EXPECT_GT(committed.load(), 0);

  Session check(db);
  for (int v = 1; v <= 3; ++v) {
    auto stock = check.Execute(
        "SELECT StockQuantity FROM ItemVariation WHERE ItemVariationID = ?", {Value::Int(v)});
    ASSERT_TRUE(stock.ok());
    auto sold = check.Execute(
        "SELECT COALESCE(SUM(Quantity), 0) FROM OrderItem WHERE ItemVariationID = ?",
        {Value::Int(v)});
    ASSERT_TRUE(sold.ok());
    int64_t left = IntOf(stock->rows.at(0).at(0));
    int64_t out = IntOf(sold->rows.at(0).at(0));
    EXPECT_GE(left, 0) << "variation " << v;
    EXPECT_EQ(left + out, 300) << "variation " << v << ": stock removed must equal units sold";
  }
}

}  // namespace
}  // namespace tetradb::rel::sql
