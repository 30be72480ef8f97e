// The fixture the kv model tests share: a fresh in-memory engine and an open
// KvStore per test, and a helper that runs a body in one committed
// transaction. Each model's test derives from it and adds its own helpers.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "engine/clock.h"
#include "engine/engine.h"
#include "models/kv/kv_store.h"
#include "tests/engine/test_util.h"

namespace tetradb::kv {

class KvFixture : public ::testing::Test {
 protected:
  // Which time the engine reads. kManual hands it clock_, so a test moves
  // time (TTLs, expiry) by hand; kSystem leaves it on the wall clock.
  enum class ClockKind { kSystem, kManual };

  using Strings = std::vector<std::string>;

  explicit KvFixture(ClockKind clock_kind = ClockKind::kSystem) : clock_kind_(clock_kind) {}

  void SetUp() override {
    EngineOptions options{.in_memory = true};
    if (clock_kind_ == ClockKind::kManual) options.clock = &clock_;
    engine_ = ::tetradb::testing::OpenEngine(options);
    ASSERT_NE(engine_, nullptr);
    store_ = std::make_unique<KvStore>(engine_.get());
    ASSERT_OK(store_->Open());
  }

  // Runs `body` in one committed transaction.
  template <typename F>
  void Txn(F&& body) {
    auto t = store_->Begin();
    body(*t);
    ASSERT_OK(t->Commit());
  }

  // Declared in the order they depend on each other, so they are destroyed
  // store first, then engine, then the clock the engine reads.
  ManualClock clock_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<KvStore> store_;

 private:
  const ClockKind clock_kind_;
};

}  // namespace tetradb::kv
