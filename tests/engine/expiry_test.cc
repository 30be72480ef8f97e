#include "engine/expiry.h"

#include <thread>

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "tests/engine/test_util.h"

namespace tetradb {
namespace {

using testing::OpenEngine;

// A toy model: objects in the rows family under their key, whose value is
// their deadline. Like a real model, it deletes only objects that still
// carry the deadline the entry names.
class ToyModel : public ExpiryHandler {
 public:
  explicit ToyModel(Engine* e) : engine_(e) {}

  Status Write(std::string_view key, int64_t expire_at) {
    auto txn = engine_->BeginTransaction();
    std::string old;
    if (txn->Get(Cf::kRows, key, &old).ok()) {
      TETRADB_RETURN_IF_ERROR(
          engine_->expiry().RemoveEntry(*txn, ExpiryOwner::kTest, key, std::stoll(old)));
    }
    TETRADB_RETURN_IF_ERROR(txn->Put(Cf::kRows, key, std::to_string(expire_at)));
    TETRADB_RETURN_IF_ERROR(engine_->expiry().AddEntry(*txn, ExpiryOwner::kTest, key, expire_at));
    return txn->Commit();
  }

  Result<bool> Expire(Transaction& txn, std::string_view key, int64_t expire_at_ms) override {
    std::string v;
    Status s = txn.GetForUpdate(Cf::kRows, key, &v);
    if (s.IsNotFound()) return false;
    TETRADB_RETURN_IF_ERROR(s);
    if (std::stoll(v) != expire_at_ms) return false;  // rewritten since
    TETRADB_RETURN_IF_ERROR(txn.Delete(Cf::kRows, key));
    return true;
  }

  void OnExpired(std::string_view) override { ++expired; }

  bool Exists(std::string_view key) {
    std::string v;
    return engine_->Get(Cf::kRows, key, &v).ok();
  }

  int expired = 0;

 private:
  Engine* engine_;
};

class ExpiryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_ = OpenEngine({.in_memory = true, .clock = &clock_});
    model_ = std::make_unique<ToyModel>(engine_.get());
    engine_->expiry().RegisterHandler(ExpiryOwner::kTest, model_.get());
  }

  ManualClock clock_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<ToyModel> model_;
};

TEST_F(ExpiryTest, EntryRoundTrips) {
  std::string e = ExpiryIndex::EncodeEntry(-5, ExpiryOwner::kKv, std::string("k\0y", 3));
  int64_t at;
  ExpiryOwner owner;
  std::string_view key;
  ASSERT_OK(ExpiryIndex::DecodeEntry(e, &at, &owner, &key));
  EXPECT_EQ(at, -5);
  EXPECT_EQ(owner, ExpiryOwner::kKv);
  EXPECT_EQ(key, std::string_view("k\0y", 3));
  EXPECT_TRUE(ExpiryIndex::DecodeEntry("\x01", &at, &owner, &key).IsCorruption());
}

TEST_F(ExpiryTest, NothingExpiresBeforeItsTime) {
  int64_t now = clock_.NowMs();
  ASSERT_OK(model_->Write("a", now + 1000));
  EXPECT_EQ(*engine_->expiry().RunOnce(100), 0);
  clock_.Advance(999);
  EXPECT_EQ(*engine_->expiry().RunOnce(100), 0);
  EXPECT_TRUE(model_->Exists("a"));
  clock_.Advance(1);
  EXPECT_EQ(*engine_->expiry().RunOnce(100), 1);
  EXPECT_FALSE(model_->Exists("a"));
}

TEST_F(ExpiryTest, WorkPerTickIsBoundedAndInDeadlineOrder) {
  int64_t now = clock_.NowMs();
  for (int i = 0; i < 25; ++i) ASSERT_OK(model_->Write("k" + std::to_string(i), now + 25 - i));
  clock_.Advance(100);
  EXPECT_EQ(*engine_->expiry().RunOnce(10), 10);
  // The earliest deadlines went first: k24 (now+1) ... k15 (now+10).
  EXPECT_FALSE(model_->Exists("k24"));
  EXPECT_FALSE(model_->Exists("k15"));
  EXPECT_TRUE(model_->Exists("k14"));
  EXPECT_EQ(*engine_->expiry().RunOnce(10), 10);
  EXPECT_EQ(*engine_->expiry().RunOnce(10), 5);
  EXPECT_EQ(*engine_->expiry().RunOnce(10), 0);
  EXPECT_EQ(model_->expired, 25);
}

TEST_F(ExpiryTest, StaleEntryDoesNotDeleteARewrittenObject) {
  int64_t now = clock_.NowMs();
  ASSERT_OK(model_->Write("a", now + 10));
  // Rewritten with a later deadline; the old entry is removed with it, but
  // even a leftover stale entry must not delete the object.
  ASSERT_OK(model_->Write("a", now + 10'000));
  {
    auto txn = engine_->BeginTransaction();
    ASSERT_OK(engine_->expiry().AddEntry(*txn, ExpiryOwner::kTest, "a", now + 10));
    ASSERT_OK(txn->Commit());
  }
  clock_.Advance(100);
  EXPECT_EQ(*engine_->expiry().RunOnce(100), 0);  // handed over, ignored by the model
  EXPECT_TRUE(model_->Exists("a"));
  EXPECT_EQ(model_->expired, 0);
  clock_.Advance(10'000);
  ASSERT_TRUE(engine_->expiry().RunOnce(100).ok());
  EXPECT_FALSE(model_->Exists("a"));
}

TEST_F(ExpiryTest, BackgroundCycleRemovesDueObjects) {
  ASSERT_OK(model_->Write("soon", clock_.NowMs() + 5));
  engine_->expiry().Start(/*interval_ms=*/5, /*max_per_tick=*/100);
  clock_.Advance(10);
  for (int i = 0; i < 400 && model_->Exists("soon"); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  engine_->expiry().Stop();
  EXPECT_FALSE(model_->Exists("soon"));
  EXPECT_GE(engine_->expiry().processed(), 1u);
}

}  // namespace
}  // namespace tetradb
