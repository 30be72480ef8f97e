// The relational model against SQLite, side by side, in process, on the
// same data: SQLite in WAL mode with synchronous=NORMAL and prepared
// statements; tetradb with its default durability (WAL written on every
// commit, no fsync) and prepared statements. Neither declares foreign keys
// (SQLite does not enforce them by default).
//
//   build/bench/bench_sql                       1,000,000 OrderItem rows
//   TETRADB_BENCH_ROWS=100000 build/bench/bench_sql
//   bench/sql_compare.sh                        runs it and prints ratios
//
// Data: N OrderItem rows, N/10 orders, N/100 users (10 orders of 10 items
// each per user), ItemID uniform in 1..10000.
#include <sqlite3.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "engine/engine.h"
#include "models/relational/sql/session/session.h"
#include "models/relational/storage/database.h"

namespace tetradb::rel::sql {
namespace {

int64_t Rows() {
  const char* env = std::getenv("TETRADB_BENCH_ROWS");
  return env ? std::atoll(env) : 1'000'000;
}
constexpr int64_t kItems = 10'000;
constexpr int kBatch = 10'000;  // rows per transaction while loading
const char* kStatuses[] = {"pending", "processing", "shipped", "delivered", "cancelled"};

std::string TempDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tetradb-sqlbench-XXXXXX").string();
  return ::mkdtemp(tmpl.data());
}

const char* kSchema[] = {
    "CREATE TABLE `Order` (OrderID INT PRIMARY KEY, UserID INT NOT NULL, Status VARCHAR(20) "
    "NOT NULL, TotalAmount DECIMAL(10,2) NOT NULL, OrderDate DATETIME NOT NULL)",
    "CREATE INDEX idx_order_user ON `Order` (UserID)",
    "CREATE TABLE OrderItem (OrderItemID INT PRIMARY KEY, OrderID INT NOT NULL, ItemID INT NOT "
    "NULL, Quantity INT NOT NULL, UnitPrice DECIMAL(10,2) NOT NULL, LineTotal DECIMAL(10,2) NOT "
    "NULL)",
    "CREATE INDEX idx_item_order ON OrderItem (OrderID)",
    "CREATE INDEX idx_item_item ON OrderItem (ItemID)",
};
const char* kInsertOrder = "INSERT INTO `Order` VALUES (?, ?, ?, ?, ?)";
const char* kInsertItem = "INSERT INTO OrderItem VALUES (?, ?, ?, ?, ?, ?)";
const char* kPointSelect = "SELECT * FROM OrderItem WHERE OrderItemID = ?";
const char* kRangeSelect =
    "SELECT OrderItemID, Quantity FROM OrderItem WHERE ItemID BETWEEN ? AND ?";
// Index-only on both sides: the ItemID index holds all it reads.
const char* kRangeCount = "SELECT COUNT(*) FROM OrderItem WHERE ItemID BETWEEN ? AND ?";
const char* kUserOrders =
    "SELECT o.OrderID, o.OrderDate, oi.ItemID, oi.Quantity, oi.LineTotal FROM `Order` o JOIN "
    "OrderItem oi ON oi.OrderID = o.OrderID WHERE o.UserID = ? ORDER BY o.OrderID, "
    "oi.OrderItemID";
const char* kStatusTotals =
    "SELECT Status, COUNT(*), SUM(TotalAmount) FROM `Order` GROUP BY Status ORDER BY Status";

// One generated row, as plain values both engines bind.
struct Cell {
  bool is_text = false;
  int64_t i = 0;
  std::string s;
};
Cell Int(int64_t i) { return Cell{false, i, {}}; }
Cell Text(std::string s) { return Cell{true, 0, std::move(s)}; }
using Params = std::vector<Cell>;

std::string Money(int64_t cents) {
  return std::to_string(cents / 100) + "." + std::to_string(100 + cents % 100).substr(1);
}

Params OrderRow(int64_t order_id) {
  std::string date = "2026-" + std::to_string(10 + order_id % 3) + "-1" +
                     std::to_string(order_id % 9) + " 10:00:00";
  return {Int(order_id), Int((order_id - 1) / 10 + 1), Text(kStatuses[order_id % 5]),
          Text(Money(1000 + (order_id * 7919) % 90000)), Text(date)};
}

Params ItemRow(int64_t id, std::mt19937_64& rng) {
  int64_t qty = 1 + static_cast<int64_t>(rng() % 5);
  int64_t cents = 100 + static_cast<int64_t>(rng() % 10000);
  return {Int(id),  Int((id - 1) / 10 + 1), Int(1 + static_cast<int64_t>(rng() % kItems)),
          Int(qty), Text(Money(cents)),      Text(Money(cents * qty))};
}

// --- The two engines behind one face ---------------------------------------

class SqlEngine {
 public:
  virtual ~SqlEngine() = default;
  virtual void Exec(const std::string& sql) = 0;
  virtual int Prepare(const char* sql) = 0;  // handle
  // Runs a prepared statement; returns the number of result rows.
  virtual int64_t Run(int handle, const Params& params) = 0;
  // After a load, before the queries: the background work a load leaves is
  // done, so that it neither takes a core from the queries nor leaves them a
  // transient layout. tetradb waits until it has settled by itself (its
  // memtables flushed and level 0 merged, `settle_after_ms` after the last
  // write; engine/settle.h); SQLite checkpoints its WAL into the database.
  virtual void Settle() = 0;

  bool loaded = false;
  bool settled = false;  // loaded, and its background work done since
};

class TetraEngine final : public SqlEngine {
 public:
  TetraEngine() : dir_(TempDir()) {
    auto engine = Engine::Open({.dir = dir_ + "/db"});
    if (!engine.ok()) std::abort();
    engine_ = std::move(engine).value();
    auto db = Database::Open(engine_.get());
    if (!db.ok()) std::abort();
    db_ = std::move(db).value();
    session_ = std::make_unique<Session>(db_.get());
  }
  ~TetraEngine() override {
    prepared_.clear();
    session_.reset();
    db_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  void Exec(const std::string& sql) override {
    auto r = session_->Execute(sql);
    if (!r.ok()) Die(sql, r.error().ToString());
  }
  void Settle() override {
    if (!engine_->WaitUntilSettled(std::chrono::minutes(5))) Die("settle", "timed out");
  }
  int Prepare(const char* sql) override {
    auto p = session_->Prepare(sql);
    if (!p.ok()) Die(sql, p.error().ToString());
    prepared_.push_back(std::move(p).value());
    return static_cast<int>(prepared_.size()) - 1;
  }
  int64_t Run(int handle, const Params& params) override {
    values_.clear();
    for (const auto& c : params) {
      values_.push_back(c.is_text ? Value::String(c.s) : Value::Int(c.i));
    }
    auto r = session_->ExecutePrepared(*prepared_[handle], values_);
    if (!r.ok()) Die("prepared statement", r.error().ToString());
    return static_cast<int64_t>(r->rows.size());
  }

 private:
  static void Die(const std::string& what, const std::string& why) {
    fprintf(stderr, "tetradb: %s: %s\n", what.c_str(), why.c_str());
    std::abort();
  }
  std::string dir_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Session> session_;
  std::vector<std::shared_ptr<PreparedStatement>> prepared_;
  std::vector<Value> values_;
};

class SqliteEngine final : public SqlEngine {
 public:
  SqliteEngine() : dir_(TempDir()) {
    if (sqlite3_open((dir_ + "/bench.db").c_str(), &db_) != SQLITE_OK) std::abort();
    Exec("PRAGMA journal_mode = WAL");
    Exec("PRAGMA synchronous = NORMAL");
  }
  ~SqliteEngine() override {
    for (auto* s : stmts_) sqlite3_finalize(s);
    sqlite3_close(db_);
    std::filesystem::remove_all(dir_);
  }
  void Exec(const std::string& sql) override {
    char* err = nullptr;
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err) != SQLITE_OK) {
      fprintf(stderr, "sqlite: %s: %s\n", sql.c_str(), err ? err : "");
      std::abort();
    }
  }
  void Settle() override { Exec("PRAGMA wal_checkpoint(TRUNCATE)"); }
  int Prepare(const char* sql) override {
    sqlite3_stmt* s = nullptr;
    if (sqlite3_prepare_v2(db_, sql, -1, &s, nullptr) != SQLITE_OK) std::abort();
    stmts_.push_back(s);
    return static_cast<int>(stmts_.size()) - 1;
  }
  int64_t Run(int handle, const Params& params) override {
    sqlite3_stmt* s = stmts_[handle];
    for (size_t i = 0; i < params.size(); ++i) {
      if (params[i].is_text) {
        sqlite3_bind_text(s, static_cast<int>(i + 1), params[i].s.data(),
                          static_cast<int>(params[i].s.size()), SQLITE_TRANSIENT);
      } else {
        sqlite3_bind_int64(s, static_cast<int>(i + 1), params[i].i);
      }
    }
    int64_t rows = 0;
    int rc;
    while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
      // Read every column, as a client would.
      for (int c = 0; c < sqlite3_column_count(s); ++c) {
        benchmark::DoNotOptimize(sqlite3_column_text(s, c));
      }
      ++rows;
    }
    if (rc != SQLITE_DONE) std::abort();
    sqlite3_reset(s);
    return rows;
  }

 private:
  std::string dir_;
  sqlite3* db_ = nullptr;
  std::vector<sqlite3_stmt*> stmts_;
};

// Closed explicitly at the end of main(): RocksDB must not outlive exit's
// static destructors.
std::unique_ptr<SqlEngine> engines[2];

SqlEngine& Get(int which) {
  if (!engines[which]) {
    if (which == 0) {
      engines[which] = std::make_unique<TetraEngine>();
    } else {
      engines[which] = std::make_unique<SqliteEngine>();
    }
    for (const char* ddl : kSchema) engines[which]->Exec(ddl);
  }
  return *engines[which];
}

// Loads the data set into empty tables (recreated when a repetition loads
// again); returns the OrderItem rows inserted.
int64_t Load(SqlEngine& e) {
  if (e.loaded) {
    e.Exec("DROP TABLE OrderItem");
    e.Exec("DROP TABLE `Order`");
    for (const char* ddl : kSchema) e.Exec(ddl);
  }
  int order = e.Prepare(kInsertOrder);
  int item = e.Prepare(kInsertItem);
  std::mt19937_64 rng(42);
  int64_t n = Rows();
  for (int64_t first = 1; first <= n; first += kBatch) {
    e.Exec("BEGIN");
    for (int64_t id = first; id < first + kBatch && id <= n; ++id) {
      if (id % 10 == 1) e.Run(order, OrderRow((id - 1) / 10 + 1));
      e.Run(item, ItemRow(id, rng));
    }
    e.Exec("COMMIT");
  }
  e.loaded = true;
  e.settled = false;
  return n;
}

SqlEngine& Loaded(int which) {
  SqlEngine& e = Get(which);
  // Queries start on a settled database, also after the bulk-insert
  // benchmark loaded it.
  if (!e.loaded) Load(e);
  if (!e.settled) {
    e.Settle();
    e.settled = true;
  }
  return e;
}

// --- Benchmarks (arg 0: tetradb, 1: SQLite) ---------------------------------

void BM_BulkInsertOrderItems(benchmark::State& state) {
  SqlEngine& e = Get(static_cast<int>(state.range(0)));
  int64_t rows = 0;
  for (auto _ : state) rows += Load(e);
  state.SetItemsProcessed(rows);
  state.SetLabel(state.range(0) == 0 ? "tetradb" : "sqlite");
}
BENCHMARK(BM_BulkInsertOrderItems)->Arg(0)->Arg(1)->Iterations(1)->Unit(benchmark::kMillisecond);

void BM_PointSelect(benchmark::State& state) {
  SqlEngine& e = Loaded(static_cast<int>(state.range(0)));
  int stmt = e.Prepare(kPointSelect);
  std::mt19937_64 rng(7);
  int64_t n = Rows();
  Params p(1);
  for (auto _ : state) {
    p[0].i = 1 + static_cast<int64_t>(rng() % n);
    if (e.Run(stmt, p) != 1) state.SkipWithError("row missing");
  }
  state.SetItemsProcessed(state.iterations());
  state.SetLabel(state.range(0) == 0 ? "tetradb" : "sqlite");
}
BENCHMARK(BM_PointSelect)->Arg(0)->Arg(1);

void BM_IndexRangeSelect(benchmark::State& state) {
  SqlEngine& e = Loaded(static_cast<int>(state.range(0)));
  int stmt = e.Prepare(kRangeSelect);
  std::mt19937_64 rng(8);
  Params p(2);
  int64_t rows = 0;
  for (auto _ : state) {
    p[0].i = 1 + static_cast<int64_t>(rng() % (kItems - 1));
    p[1].i = p[0].i + 1;
    rows += e.Run(stmt, p);
  }
  state.SetItemsProcessed(rows);
  state.SetLabel(state.range(0) == 0 ? "tetradb" : "sqlite");
}
BENCHMARK(BM_IndexRangeSelect)->Arg(0)->Arg(1);

void BM_IndexOnlyRangeCount(benchmark::State& state) {
  SqlEngine& e = Loaded(static_cast<int>(state.range(0)));
  int stmt = e.Prepare(kRangeCount);
  std::mt19937_64 rng(8);
  Params p(2);
  for (auto _ : state) {
    p[0].i = 1 + static_cast<int64_t>(rng() % (kItems - 1));
    p[1].i = p[0].i + 1;
    if (e.Run(stmt, p) != 1) state.SkipWithError("expected one row");
  }
  state.SetLabel(state.range(0) == 0 ? "tetradb" : "sqlite");
}
BENCHMARK(BM_IndexOnlyRangeCount)->Arg(0)->Arg(1);

void BM_UserOrdersJoin(benchmark::State& state) {
  SqlEngine& e = Loaded(static_cast<int>(state.range(0)));
  int stmt = e.Prepare(kUserOrders);
  std::mt19937_64 rng(9);
  int64_t users = Rows() / 100;
  Params p(1);
  int64_t rows = 0;
  for (auto _ : state) {
    p[0].i = 1 + static_cast<int64_t>(rng() % users);
    rows += e.Run(stmt, p);
  }
  state.SetItemsProcessed(rows);
  state.SetLabel(state.range(0) == 0 ? "tetradb" : "sqlite");
}
BENCHMARK(BM_UserOrdersJoin)->Arg(0)->Arg(1);

void BM_OrderStatusGroupBy(benchmark::State& state) {
  SqlEngine& e = Loaded(static_cast<int>(state.range(0)));
  int stmt = e.Prepare(kStatusTotals);
  for (auto _ : state) {
    if (e.Run(stmt, {}) != 5) state.SkipWithError("expected 5 groups");
  }
  state.SetLabel(state.range(0) == 0 ? "tetradb" : "sqlite");
}
BENCHMARK(BM_OrderStatusGroupBy)->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

}  // namespace

void CloseEngines() {
  engines[0].reset();
  engines[1].reset();
}

}  // namespace tetradb::rel::sql

int main(int argc, char** argv) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  benchmark::RunSpecifiedBenchmarks();
  benchmark::Shutdown();
  tetradb::rel::sql::CloseEngines();
  return 0;
}
