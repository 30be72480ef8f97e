// The fixture the session tests share: a fresh in-memory engine, a Database
// over it, and two sessions (two client connections) on a manual clock.
#pragma once

#include <fmt/format.h>
#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/clock.h"
#include "engine/engine.h"
#include "models/relational/sql/session/session.h"
#include "models/relational/storage/database.h"
#include "tests/engine/test_util.h"

namespace tetradb::rel::sql {

class SessionFixture : public ::testing::Test {
 protected:
  using Rows = std::vector<std::vector<std::string>>;

  void SetUp() override {
    EngineOptions options{.in_memory = true};
    options.clock = &clock_;
    engine_ = ::tetradb::testing::OpenEngine(options);
    ASSERT_NE(engine_, nullptr);
    auto db = Database::Open(engine_.get());
    ASSERT_TRUE(db.ok()) << db.error().ToString();
    db_ = std::move(db).value();
    s1_ = std::make_unique<Session>(db_.get(), &clock_);
    s2_ = std::make_unique<Session>(db_.get(), &clock_);
  }

  void TearDown() override {
    s1_.reset();
    s2_.reset();
    db_.reset();
    engine_.reset();
  }

  // Runs `sql` on `s` and expects success.
  ResultSet Ok(Session& s, std::string_view sql, const std::vector<Value>& params = {}) {
    auto r = s.Execute(sql, params);
    EXPECT_TRUE(r.ok()) << sql << "\n  -> " << (r.ok() ? "" : r.error().ToString());
    return r.ok() ? std::move(r).value() : ResultSet{};
  }
  ResultSet Ok(std::string_view sql, const std::vector<Value>& params = {}) {
    return Ok(*s1_, sql, params);
  }

  // Runs `sql` and expects it to fail; returns the error (code 0 if it
  // succeeded).
  SqlError Fail(Session& s, std::string_view sql, const std::vector<Value>& params = {}) {
    auto r = s.Execute(sql, params);
    EXPECT_FALSE(r.ok()) << sql << " unexpectedly succeeded";
    return r.ok() ? SqlError{} : r.error();
  }
  SqlError Fail(std::string_view sql) { return Fail(*s1_, sql); }

  // The rows of a query as text (NULL as "NULL").
  static Rows Text(const ResultSet& rs) {
    Rows rows;
    for (const auto& row : rs.rows) {
      std::vector<std::string> cells;
      for (const Value& v : row) cells.push_back(ToText(v));
      rows.push_back(std::move(cells));
    }
    return rows;
  }
  Rows Query(Session& s, std::string_view sql) { return Text(Ok(s, sql)); }
  Rows Query(std::string_view sql) { return Text(Ok(*s1_, sql)); }

  // The single value a query returns.
  std::string Scalar(Session& s, std::string_view sql) {
    Rows rows = Query(s, sql);
    if (rows.size() != 1 || rows[0].size() != 1) {
      ADD_FAILURE() << sql << " did not return one value";
      return "";
    }
    return rows[0][0];
  }
  std::string Scalar(std::string_view sql) { return Scalar(*s1_, sql); }

  std::string ShowCreate(std::string_view table) {
    Rows rows = Query(fmt::format("SHOW CREATE TABLE {}", table));
    if (rows.size() != 1 || rows[0].size() != 2) return "";
    return rows[0][1];
  }

  ManualClock clock_{1'700'000'000'000};  // 2023-11-14 22:13:20 UTC
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<Database> db_;
  std::unique_ptr<Session> s1_;
  std::unique_ptr<Session> s2_;
};

}  // namespace tetradb::rel::sql
