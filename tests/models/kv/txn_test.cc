// KvTxn's own bookkeeping: metadata of locked keys is kept in the
// transaction and written once at commit, and savepoints undo it exactly as
// they undo engine writes (pipelined batches and EXEC rely on both).
#include <gtest/gtest.h>

#include "models/kv/keys.h"
#include "models/kv/list.h"
#include "models/kv/set.h"
#include "models/kv/string.h"
#include "tests/models/kv/kv_fixture.h"

namespace tetradb::kv {
namespace {

class KvTxnTest : public KvFixture {
 protected:
  static void Set(KvTxn& t, std::string_view key, std::string_view value) {
    ASSERT_OK(StringSet(t, 0, key, value, SetOptions{}).status());
  }
  static std::string Get(KvTxn& t, std::string_view key) {
    std::string v;
    Status s = StringGet(t, 0, key, &v);
    if (s.IsNotFound()) return "(nil)";
    EXPECT_OK(s);
    return v;
  }
  std::string Committed(std::string_view key) {
    std::string v;
    Txn([&](KvTxn& t) { v = Get(t, key); });
    return v;
  }
  static std::vector<std::string> Keys(KvTxn& t) {
    auto page = KeyScan(t, 0, "", 100, "", std::nullopt);
    EXPECT_OK(page.status());
    return page.ok() ? page->keys : std::vector<std::string>{};
  }
};

TEST_F(KvTxnTest, RepeatedWritesOfOneKeyCommitTheLast) {
  Txn([&](KvTxn& t) {
    for (int i = 0; i < 50; ++i) Set(t, "k", std::to_string(i));
    EXPECT_EQ(Get(t, "k"), "49");
  });
  EXPECT_EQ(Committed("k"), "49");
  EXPECT_EQ(store_->KeyCount(0), 1);
}

TEST_F(KvTxnTest, RollbackUndoesPendingMetadata) {
  Txn([&](KvTxn& t) {
    Set(t, "a", "1");
    ASSERT_OK(t.SetSavePoint());
    Set(t, "a", "2");
    Set(t, "b", "new");  // first locked after the savepoint
    EXPECT_EQ(Get(t, "a"), "2");
    ASSERT_OK(t.RollbackToSavePoint());
    EXPECT_EQ(Get(t, "a"), "1");
    EXPECT_EQ(Get(t, "b"), "(nil)");
    ASSERT_OK(t.SetSavePoint());
    Set(t, "c", "kept");
    ASSERT_OK(t.PopSavePoint());
  });
  EXPECT_EQ(Committed("a"), "1");
  EXPECT_EQ(Committed("b"), "(nil)");
  EXPECT_EQ(Committed("c"), "kept");
  EXPECT_EQ(store_->KeyCount(0), 2);
}

TEST_F(KvTxnTest, NestedSavepointsAndDeletes) {
  Txn([&](KvTxn& t) { Set(t, "a", "0"); });
  Txn([&](KvTxn& t) {
    ASSERT_OK(t.SetSavePoint());
    Set(t, "a", "1");
    ASSERT_OK(t.SetSavePoint());
    auto st = t.Load(0, "a");
    ASSERT_OK(st.status());
    ASSERT_OK(t.Remove(0, "a", *st));
    EXPECT_EQ(Get(t, "a"), "(nil)");
    ASSERT_OK(t.RollbackToSavePoint());  // the delete is undone
    EXPECT_EQ(Get(t, "a"), "1");
    ASSERT_OK(t.PopSavePoint());
  });
  EXPECT_EQ(Committed("a"), "1");
  EXPECT_EQ(store_->KeyCount(0), 1);
}

TEST_F(KvTxnTest, ScansSeePendingMetadataAndRollbackAfterThem) {
  Txn([&](KvTxn& t) {
    Set(t, "a", "1");
    ASSERT_OK(t.SetSavePoint());
    Set(t, "a", "2");
    Set(t, "b", "2");
    EXPECT_EQ(Keys(t), (std::vector<std::string>{"a", "b"}));  // writes them through
    ASSERT_OK(t.RollbackToSavePoint());
    EXPECT_EQ(Keys(t), (std::vector<std::string>{"a"}));
    EXPECT_EQ(Get(t, "a"), "1");
  });
  EXPECT_EQ(Committed("a"), "1");
  EXPECT_EQ(Committed("b"), "(nil)");
  EXPECT_EQ(store_->KeyCount(0), 1);
}

TEST_F(KvTxnTest, PendingKeyStaysLocked) {
  auto t1 = store_->Begin();
  Set(*t1, "k", "mine");
  auto t2 = store_->Begin();
  EXPECT_FALSE(StringSet(*t2, 0, "k", "theirs", SetOptions{}).ok());
  t2.reset();
  ASSERT_OK(t1->Commit());
  EXPECT_EQ(Committed("k"), "mine");
}

TEST_F(KvTxnTest, RollbackUndoesMemberWrites) {
  Txn([&](KvTxn& t) {
    ASSERT_OK(ListPush(t, 0, "l", /*left=*/false, {"a"}).status());
    ASSERT_OK(t.SetSavePoint());
    ASSERT_OK(ListPush(t, 0, "l", /*left=*/false, {"b", "c"}).status());
    ASSERT_OK(t.RollbackToSavePoint());
    ASSERT_OK(t.SetSavePoint());
    // Reuses the index "b" had: the rolled-back element must be gone.
    ASSERT_OK(ListPush(t, 0, "l", /*left=*/false, {"d"}).status());
    ASSERT_OK(t.PopSavePoint());
    auto in_txn = ListRange(t, 0, "l", 0, -1);
    ASSERT_OK(in_txn.status());
    EXPECT_EQ(*in_txn, (std::vector<std::string>{"a", "d"}));
  });
  Txn([&](KvTxn& t) {
    auto r = ListRange(t, 0, "l", 0, -1);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, (std::vector<std::string>{"a", "d"}));
    auto popped = ListPop(t, 0, "l", /*left=*/false, 5);
    ASSERT_OK(popped.status());
    EXPECT_EQ(*popped, (std::vector<std::string>{"d", "a"}));
  });
}

// A push changes the end chunk in place (KvTxn::FindMember): a rollback
// restores the chunk as it was, whether it came from the engine or from an
// earlier write of the transaction.
TEST_F(KvTxnTest, RollbackUndoesInPlaceChunkEdits) {
  Txn([&](KvTxn& t) { ASSERT_OK(ListPush(t, 0, "l", /*left=*/true, {"x"}).status()); });
  Txn([&](KvTxn& t) {
    ASSERT_OK(t.SetSavePoint());
    ASSERT_OK(ListPush(t, 0, "l", /*left=*/true, {"y"}).status());  // the committed chunk
    ASSERT_OK(t.SetSavePoint());
    ASSERT_OK(ListPush(t, 0, "l", /*left=*/true, {"w"}).status());  // the pending one
    ASSERT_OK(ListPush(t, 0, "l", /*left=*/false, {"v"}).status());
    ASSERT_OK(t.RollbackToSavePoint());
    ASSERT_OK(ListPush(t, 0, "l", /*left=*/true, {"u"}).status());
    auto inner = ListRange(t, 0, "l", 0, -1);
    ASSERT_OK(inner.status());
    EXPECT_EQ(*inner, (std::vector<std::string>{"u", "y", "x"}));
    ASSERT_OK(t.RollbackToSavePoint());
    ASSERT_OK(ListPush(t, 0, "l", /*left=*/true, {"z"}).status());
  });
  Txn([&](KvTxn& t) {
    auto r = ListRange(t, 0, "l", 0, -1);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, (std::vector<std::string>{"z", "x"}));
  });
}

TEST_F(KvTxnTest, RollbackUndoesSetMembers) {
  Txn([&](KvTxn& t) {
    const Strings keep{"keep"}, added{"gone1", "gone2"};
    ASSERT_OK(SetAdd(t, 0, "s", keep).status());
    ASSERT_OK(t.SetSavePoint());
    ASSERT_OK(SetAdd(t, 0, "s", added).status());
    ASSERT_OK(t.RollbackToSavePoint());
    auto gone = SetIsMember(t, 0, "s", "gone1");  // a point read of a locked set
    ASSERT_OK(gone.status());
    EXPECT_FALSE(*gone);
    auto in_txn = SetMembers(t, 0, "s");  // iterates the member records
    ASSERT_OK(in_txn.status());
    EXPECT_EQ(*in_txn, (std::vector<std::string>{"keep"}));
  });
  Txn([&](KvTxn& t) {
    auto r = SetMembers(t, 0, "s");
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, (std::vector<std::string>{"keep"}));
    auto is = SetIsMember(t, 0, "s", "gone1");
    ASSERT_OK(is.status());
    EXPECT_FALSE(*is);
  });
}

TEST_F(KvTxnTest, QueuePopsInOrder) {
  std::vector<std::string> values;
  for (int i = 0; i < 60; ++i) values.push_back("v" + std::to_string(i));
  Txn([&](KvTxn& t) {
    std::vector<std::string_view> views(values.begin(), values.end());
    ASSERT_OK(ListPush(t, 0, "q", /*left=*/false, views).status());
  });
  std::vector<std::string> popped;
  for (size_t count : {1, 3, 1, 20, 5}) {  // point reads and one range scan
    Txn([&](KvTxn& t) {
      auto r = ListPop(t, 0, "q", /*left=*/true, count);
      ASSERT_OK(r.status());
      ASSERT_EQ(r->size(), count);
      popped.insert(popped.end(), r->begin(), r->end());
    });
  }
  EXPECT_EQ(popped, std::vector<std::string>(values.begin(), values.begin() + 30));
  Txn([&](KvTxn& t) {
    auto r = ListPop(t, 0, "q", /*left=*/false, 2);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, (std::vector<std::string>{"v59", "v58"}));
  });
}

}  // namespace
}  // namespace tetradb::kv
