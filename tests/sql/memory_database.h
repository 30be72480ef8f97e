// An in-memory engine with the relational model open on it, for the SQL
// tests in this folder.
#pragma once

#include <memory>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "models/relational/storage/database.h"

namespace tetradb::rel::sql {

struct MemoryDatabase {
  std::unique_ptr<Engine> engine;
  std::unique_ptr<Database> db;

  MemoryDatabase() {
    EngineOptions eo;
    eo.in_memory = true;
    auto e = Engine::Open(eo);
    EXPECT_TRUE(e.ok()) << e.status().ToString();
    if (!e.ok()) return;
    engine = std::move(e).value();
    auto d = Database::Open(engine.get());
    EXPECT_TRUE(d.ok()) << d.error().ToString();
    if (d.ok()) db = std::move(d).value();
  }
  ~MemoryDatabase() {
    db.reset();
    if (engine) engine->Close().IgnoreError();
  }
  bool ok() const { return db != nullptr; }
};

}  // namespace tetradb::rel::sql
