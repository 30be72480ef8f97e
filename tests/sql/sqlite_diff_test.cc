// Differential test against SQLite on the portable subset of SQL: the same
// generated tables and rows go into both, then a few hundred generated
// queries must return identical results.
//
// The subset avoids what the two dialects define differently: `/` (MySQL
// gives a decimal, SQLite an integer), AVG, string concatenation, and
// comparisons between strings and numbers. LIKE is made case-sensitive in
// SQLite, as tetradb's binary collation is. Every ORDER BY ends in a unique
// key so both orders are fully determined.
#include <sqlite3.h>

#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "models/relational/sql/session/session.h"
#include "models/relational/storage/database.h"
#include "tests/sql/memory_database.h"

namespace tetradb::rel::sql {
namespace {

class Sqlite {
 public:
  Sqlite() {
    EXPECT_EQ(sqlite3_open(":memory:", &db_), SQLITE_OK);
    Exec("PRAGMA case_sensitive_like = ON");
  }
  ~Sqlite() { sqlite3_close(db_); }

  void Exec(const std::string& sql) {
    char* err = nullptr;
    EXPECT_EQ(sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, &err), SQLITE_OK)
        << sql << ": " << (err ? err : "");
    sqlite3_free(err);
  }

  std::vector<std::string> Query(const std::string& sql) {
    std::vector<std::string> rows;
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      ADD_FAILURE() << "sqlite: " << sql << ": " << sqlite3_errmsg(db_);
      return rows;
    }
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      std::string row;
      for (int c = 0; c < sqlite3_column_count(stmt); ++c) {
        if (c) row += '|';
        if (sqlite3_column_type(stmt, c) == SQLITE_NULL) {
          row += "NULL";
        } else {
          row += reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
        }
      }
      rows.push_back(std::move(row));
    }
    sqlite3_finalize(stmt);
    return rows;
  }

 private:
  sqlite3* db_ = nullptr;
};

class Generator {
 public:
  explicit Generator(uint32_t seed) : rng_(seed) {}

  int Int(int lo, int hi) { return std::uniform_int_distribution<int>(lo, hi)(rng_); }
  bool Chance(int percent) { return Int(1, 100) <= percent; }
  template <typename T>
  const T& Pick(const std::vector<T>& v) { return v[Int(0, static_cast<int>(v.size()) - 1)]; }

  std::string MaybeNull(std::string v) { return Chance(10) ? "NULL" : v; }
  std::string Word() {
    static const std::vector<std::string> kWords = {"apple", "berry", "cherry", "date", "elder",
                                                    "fig", "grape", "Apple", "kiwi", "lime"};
    return "'" + Pick(kWords) + "'";
  }

  // A predicate over t1 columns (alias-qualified with `q`).
  std::string Predicate(const std::string& q, int depth = 0) {
    std::string a = q + ".a", b = q + ".b", c = q + ".c";
    switch (depth < 2 ? Int(0, 9) : Int(0, 6)) {
      case 0: return a + " " + Pick(ops_) + " " + std::to_string(Int(-5, 60));
      case 1: return b + " " + Pick(ops_) + " " + a;
      case 2: return a + " BETWEEN " + std::to_string(Int(0, 30)) + " AND " + std::to_string(Int(20, 60));
      case 3: return b + (Chance(50) ? " IN (" : " NOT IN (") + std::to_string(Int(0, 9)) + ", " +
                     std::to_string(Int(0, 9)) + (Chance(30) ? ", NULL)" : ")");
      case 4: return c + (Chance(50) ? " IS NULL" : " IS NOT NULL");
      case 5: return c + (Chance(70) ? " LIKE '" : " NOT LIKE '") + Pick(likes_) + "'";
      case 6: return c + " " + Pick(ops_) + " " + Word();
      case 7: return "(" + Predicate(q, depth + 1) + " AND " + Predicate(q, depth + 1) + ")";
      case 8: return "(" + Predicate(q, depth + 1) + " OR " + Predicate(q, depth + 1) + ")";
      default: return "NOT (" + Predicate(q, depth + 1) + ")";
    }
  }

  // Every query is valid under ONLY_FULL_GROUP_BY (the session runs with
  // MySQL 8's default sql_mode): grouped queries select only the GROUP BY
  // column and aggregates.
  std::string Query() {
    switch (Int(0, 7)) {
      case 0:
        return "SELECT id, a, b, c FROM t1 WHERE " + Predicate("t1") + " ORDER BY id";
      case 1:
        return "SELECT id, a + b, a - b * 2, a % 7, -a FROM t1 WHERE " + Predicate("t1") +
               " ORDER BY " + Pick(orders_) + ", id LIMIT " + std::to_string(Int(1, 20));
      case 2:
        return "SELECT b, COUNT(*), COUNT(c), SUM(a), MIN(a), MAX(c) FROM t1 WHERE " +
               Predicate("t1") + " GROUP BY b ORDER BY b";
      case 3:
        return "SELECT t1.id, t2.id, t2.x FROM t1 JOIN t2 ON t2.t1_id = t1.id WHERE " +
               Predicate("t1") + " ORDER BY t1.id, t2.id";
      case 4:
        return "SELECT t1.id, t2.x FROM t1 LEFT JOIN t2 ON t2.t1_id = t1.id AND t2.x > " +
               std::to_string(Int(0, 90)) + " WHERE " + Predicate("t1") +
               " ORDER BY t1.id, t2.id";
      case 5:
        return "SELECT DISTINCT b FROM t1 WHERE " + Predicate("t1") + " ORDER BY b";
      case 6:
        return "SELECT id FROM t1 WHERE " + std::string(Chance(50) ? "" : "NOT ") +
               "EXISTS (SELECT 1 FROM t2 WHERE t2.t1_id = t1.id AND t2.x < " +
               std::to_string(Int(0, 100)) + ") AND " + Predicate("t1") + " ORDER BY id";
      default:
        return "SELECT t1.b, COUNT(t2.id), SUM(t2.x) FROM t1 JOIN t2 ON t2.t1_id = t1.id WHERE " +
               Predicate("t1") + " GROUP BY t1.b HAVING COUNT(*) > " + std::to_string(Int(0, 5)) +
               " ORDER BY t1.b";
    }
  }

 private:
  std::mt19937 rng_;
  std::vector<std::string> ops_ = {"=", "<>", "<", "<=", ">", ">="};
  std::vector<std::string> likes_ = {"a%", "%e%", "_i%", "%y", "Apple", "%", "c_erry"};
  std::vector<std::string> orders_ = {"a", "b DESC", "c", "a + b DESC", "c DESC"};
};

TEST(SqliteDiffTest, GeneratedQueriesAgree) {
  MemoryDatabase mem;
  ASSERT_TRUE(mem.ok());
  Database* db = mem.db.get();
  Session tetra(db);
  Sqlite lite;

  auto both = [&](const std::string& sql) {
    auto r = tetra.Execute(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.error().ToString();
    lite.Exec(sql);
  };
  both("CREATE TABLE t1 (id INT PRIMARY KEY, a INT, b INT, c VARCHAR(20))");
  both("CREATE TABLE t2 (id INT PRIMARY KEY, t1_id INT, x INT)");
  both("CREATE INDEX t2_t1 ON t2 (t1_id)");
  both("CREATE INDEX t1_b ON t1 (b)");

  Generator gen(20261121);
  for (int id = 1; id <= 200; ++id) {
    both("INSERT INTO t1 VALUES (" + std::to_string(id) + ", " +
         gen.MaybeNull(std::to_string(gen.Int(0, 50))) + ", " +
         gen.MaybeNull(std::to_string(gen.Int(0, 9))) + ", " + gen.MaybeNull(gen.Word()) + ")");
  }
  for (int id = 1; id <= 500; ++id) {
    both("INSERT INTO t2 VALUES (" + std::to_string(id) + ", " +
         gen.MaybeNull(std::to_string(gen.Int(1, 220))) + ", " + std::to_string(gen.Int(0, 100)) +
         ")");
  }

  int compared = 0, nonempty = 0;
  for (int i = 0; i < 400; ++i) {
    std::string sql = gen.Query();
    auto r = tetra.Execute(sql);
    ASSERT_TRUE(r.ok()) << sql << ": " << r.error().ToString();
    std::vector<std::string> got;
    for (const auto& row : r->rows) {
      std::string line;
      for (size_t c = 0; c < row.size(); ++c) {
        if (c) line += '|';
        line += row[c].is_null() ? "NULL" : ToText(row[c]);
      }
      got.push_back(std::move(line));
    }
    std::vector<std::string> want = lite.Query(sql);
    ASSERT_EQ(got, want) << "query " << i << ": " << sql;
    ++compared;
    if (!want.empty()) ++nonempty;
  }
  EXPECT_EQ(compared, 400);
  EXPECT_GT(nonempty, 200) << "the generator should mostly produce queries with results";
}

}  // namespace
}  // namespace tetradb::rel::sql
