#include "models/kv/set.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "models/kv/hash.h"
#include "tests/models/kv/kv_fixture.h"

namespace tetradb::kv {
namespace {

class SetTest : public KvFixture {
 protected:
  SetTest() : KvFixture(ClockKind::kManual) {}

  void Add(std::string_view key, Strings members) {
    Txn([&](KvTxn& t) { ASSERT_TRUE(SetAdd(t, 0, key, members).ok()); });
  }

  Strings Members(std::string_view key) {
    Strings out;
    Txn([&](KvTxn& t) {
      auto m = SetMembers(t, 0, key);
      ASSERT_TRUE(m.ok()) << m.status().ToString();
      out = *m;
    });
    return out;
  }
};

TEST_F(SetTest, AddRemoveCard) {
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetAdd(t, 0, "s", Strings{"b", "a", "b", "c"}), 3);
    EXPECT_EQ(*SetAdd(t, 0, "s", Strings{"a", "d"}), 1);
    EXPECT_EQ(*SetCard(t, 0, "s"), 4);
    EXPECT_EQ(*SetCard(t, 0, "nokey"), 0);
    EXPECT_TRUE(*SetIsMember(t, 0, "s", "a"));
    EXPECT_FALSE(*SetIsMember(t, 0, "s", "z"));
    EXPECT_FALSE(*SetIsMember(t, 0, "nokey", "a"));
    EXPECT_EQ(*SetMIsMember(t, 0, "s", Strings{"a", "z", "d"}),
              (std::vector<bool>{true, false, true}));
  });
  EXPECT_EQ(Members("s"), (Strings{"a", "b", "c", "d"}));
  EXPECT_EQ(store_->KeyCount(0), 1);
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetRemove(t, 0, "s", Strings{"a", "zz", "a"}), 1);
    EXPECT_EQ(*SetRemove(t, 0, "nokey", Strings{"a"}), 0);
    EXPECT_EQ(*SetCard(t, 0, "s"), 3);
  });
  Txn([&](KvTxn& t) { EXPECT_EQ(*SetRemove(t, 0, "s", Strings{"b", "c", "d"}), 3); });
  EXPECT_EQ(store_->KeyCount(0), 0);
  EXPECT_TRUE(Members("s").empty());
}

TEST_F(SetTest, WrongType) {
  Txn([&](KvTxn& t) { ASSERT_TRUE(HashSet(t, 0, "h", Strings{"f", "v"}).ok()); });
  Add("s", {"a"});
  Txn([&](KvTxn& t) {
    EXPECT_TRUE(SetAdd(t, 0, "h", Strings{"a"}).status().IsWrongType());
    EXPECT_TRUE(SetMembers(t, 0, "h").status().IsWrongType());
    EXPECT_TRUE(SetPop(t, 0, "h", 1).status().IsWrongType());
    EXPECT_TRUE(SetPop(t, 0, "h", 0).status().IsWrongType());
    // Every key is checked, even after a missing one.
    EXPECT_TRUE(SetCombine(t, 0, SetOp::kInter, Strings{"nokey", "h"}).status().IsWrongType());
    EXPECT_TRUE(SetCombine(t, 0, SetOp::kDiff, Strings{"nokey", "h"}).status().IsWrongType());
    EXPECT_TRUE(SetMove(t, 0, "s", "h", "a").status().IsWrongType());
    // A missing source wins over a wrong-typed destination, as in Redis.
    auto moved = SetMove(t, 0, "nokey", "h", "a");
    ASSERT_TRUE(moved.ok());
    EXPECT_FALSE(*moved);
  });
}

TEST_F(SetTest, ExpiredKeyIsEmptyAndOldMembersStayHidden) {
  Add("s", {"old1", "old2"});
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "s");
    ASSERT_TRUE(st.ok());
    Metadata m = st->meta;
    m.expire_at_ms = clock_.NowMs() + 1000;
    ASSERT_OK(t.Store(0, "s", *st, m));
  });
  clock_.Advance(2000);
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetCard(t, 0, "s"), 0);
    EXPECT_EQ(*SetAdd(t, 0, "s", Strings{"new"}), 1);
  });
  EXPECT_EQ(Members("s"), (Strings{"new"}));
  EXPECT_EQ(store_->KeyCount(0), 1);
  EXPECT_EQ(store_->ExpiresCount(0), 0);
}

TEST_F(SetTest, Pop) {
  Add("s", {"a", "b", "c", "d", "e"});
  Strings popped;
  Txn([&](KvTxn& t) {
    auto p = SetPop(t, 0, "s", 2);
    ASSERT_TRUE(p.ok());
    popped = *p;
  });
  ASSERT_EQ(popped.size(), 2u);
  EXPECT_NE(popped[0], popped[1]);
  Strings rest = Members("s");
  EXPECT_EQ(rest.size(), 3u);
  for (const auto& p : popped) EXPECT_EQ(std::count(rest.begin(), rest.end(), p), 0);
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetCard(t, 0, "s"), 3);
    EXPECT_TRUE(SetPop(t, 0, "s", 0)->empty());
    EXPECT_TRUE(SetPop(t, 0, "nokey", 3)->empty());
    EXPECT_EQ(SetPop(t, 0, "s", 10)->size(), 3u);
  });
  EXPECT_EQ(store_->KeyCount(0), 0);
}

TEST_F(SetTest, RandMember) {
  Add("s", {"a", "b", "c"});
  Txn([&](KvTxn& t) {
    auto r = SetRandMember(t, 0, "s", 2, true);
    ASSERT_EQ(r->size(), 2u);
    EXPECT_NE((*r)[0], (*r)[1]);
    EXPECT_EQ(SetRandMember(t, 0, "s", 5, true)->size(), 3u);
    EXPECT_EQ(SetRandMember(t, 0, "s", 7, false)->size(), 7u);
    EXPECT_TRUE(SetRandMember(t, 0, "nokey", 7, false)->empty());
    EXPECT_EQ(*SetCard(t, 0, "s"), 3);
  });
  // Every member comes up.
  std::set<std::string> seen;
  Txn([&](KvTxn& t) {
    auto picks = SetRandMember(t, 0, "s", 300, false);
    ASSERT_TRUE(picks.ok());
    seen.insert(picks->begin(), picks->end());
  });
  EXPECT_EQ(seen.size(), 3u);
}

TEST_F(SetTest, BigSetSamplingIsApproximateButValid) {
  Strings all;
  for (int i = 0; i < 12000; ++i) all.push_back("m" + std::to_string(i));
  Add("big", all);
  std::set<std::string> seen;
  Txn([&](KvTxn& t) {
    auto r = SetRandMember(t, 0, "big", 500, true);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->size(), 500u);
    seen.insert(r->begin(), r->end());
    EXPECT_EQ(seen.size(), 500u);
    auto dup = SetRandMember(t, 0, "big", 50, false);
    EXPECT_EQ(dup->size(), 50u);
    auto popped = SetPop(t, 0, "big", 100);
    ASSERT_TRUE(popped.ok());
    EXPECT_EQ(std::set<std::string>(popped->begin(), popped->end()).size(), 100u);
    EXPECT_EQ(*SetCard(t, 0, "big"), 11900);
    for (const auto& p : *popped) EXPECT_FALSE(*SetIsMember(t, 0, "big", p));
  });
  EXPECT_EQ(Members("big").size(), 11900u);
}

TEST_F(SetTest, Move) {
  Add("src", {"a", "b"});
  Add("dst", {"b"});
  Txn([&](KvTxn& t) {
    EXPECT_TRUE(*SetMove(t, 0, "src", "dst", "a"));
    EXPECT_FALSE(*SetMove(t, 0, "src", "dst", "zz"));
    EXPECT_TRUE(*SetMove(t, 0, "src", "src", "b"));  // same key: a no-op
    EXPECT_FALSE(*SetMove(t, 0, "src", "src", "zz"));
  });
  EXPECT_EQ(Members("src"), (Strings{"b"}));
  EXPECT_EQ(Members("dst"), (Strings{"a", "b"}));
  // Moving the last member removes the source; the member was already in dst.
  Txn([&](KvTxn& t) { EXPECT_TRUE(*SetMove(t, 0, "src", "dst", "b")); });
  EXPECT_EQ(store_->KeyCount(0), 1);
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetCard(t, 0, "dst"), 2);
    EXPECT_TRUE(*SetMove(t, 0, "dst", "fresh", "a"));
    EXPECT_EQ(*SetCard(t, 0, "fresh"), 1);
  });
  EXPECT_EQ(store_->KeyCount(0), 2);
}

TEST_F(SetTest, Combine) {
  Add("a", {"1", "2", "3", "4"});
  Add("b", {"3", "4", "5"});
  Add("c", {"4", "6"});
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetCombine(t, 0, SetOp::kInter, Strings{"a", "b"}), (Strings{"3", "4"}));
    EXPECT_EQ(*SetCombine(t, 0, SetOp::kInter, Strings{"a", "b", "c"}), (Strings{"4"}));
    EXPECT_TRUE(SetCombine(t, 0, SetOp::kInter, Strings{"a", "nokey"})->empty());
    EXPECT_EQ(*SetCombine(t, 0, SetOp::kInter, Strings{"a", "a"}), (Strings{"1", "2", "3", "4"}));
    EXPECT_EQ(*SetCombine(t, 0, SetOp::kUnion, Strings{"b", "nokey", "c"}),
              (Strings{"3", "4", "5", "6"}));
    EXPECT_EQ(*SetCombine(t, 0, SetOp::kDiff, Strings{"a", "b", "nokey"}), (Strings{"1", "2"}));
    EXPECT_TRUE(SetCombine(t, 0, SetOp::kDiff, Strings{"a", "a"})->empty());
    EXPECT_TRUE(SetCombine(t, 0, SetOp::kDiff, Strings{"nokey", "a"})->empty());
    EXPECT_EQ(*SetInterCard(t, 0, Strings{"a", "b"}, 0), 2);
    EXPECT_EQ(*SetInterCard(t, 0, Strings{"a", "b"}, 1), 1);
    EXPECT_EQ(*SetInterCard(t, 0, Strings{"a", "b"}, 9), 2);
  });
}

TEST_F(SetTest, StoreOverwritesAnyTypeAndDeletesOnEmpty) {
  Add("a", {"1", "2"});
  Add("b", {"2", "3"});
  Txn([&](KvTxn& t) { ASSERT_TRUE(HashSet(t, 0, "dest", Strings{"f", "v"}).ok()); });
  EXPECT_EQ(store_->KeyCount(0), 3);
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetCombineStore(t, 0, SetOp::kUnion, "dest", Strings{"a", "b"}), 3);
  });
  EXPECT_EQ(Members("dest"), (Strings{"1", "2", "3"}));
  EXPECT_EQ(store_->KeyCount(0), 3);
  // Storing into one of the sources reads it before overwriting.
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetCombineStore(t, 0, SetOp::kDiff, "a", Strings{"a", "b"}), 1);
  });
  EXPECT_EQ(Members("a"), (Strings{"1"}));
  // An empty result deletes the destination.
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*SetCombineStore(t, 0, SetOp::kInter, "dest", Strings{"a", "b"}), 0);
  });
  EXPECT_EQ(store_->KeyCount(0), 2);
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "dest");
    EXPECT_FALSE(st->physical);
    EXPECT_EQ(*SetCombineStore(t, 0, SetOp::kInter, "nothing", Strings{"a", "b"}), 0);
  });
  EXPECT_EQ(store_->KeyCount(0), 2);
}

TEST_F(SetTest, ScanIntsetInOnePageAndBigSetByCursor) {
  Strings ints, strs;
  for (int i = 0; i < 100; ++i) ints.push_back(std::to_string(i));
  for (int i = 0; i < 100; ++i) strs.push_back("m" + std::to_string(i));
  Add("ints", ints);
  Add("strs", strs);
  Txn([&](KvTxn& t) {
    auto page = SetScan(t, 0, "ints", 0, 10, std::nullopt);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->cursor, 0u);
    EXPECT_EQ(page->members.size(), 100u);
    EXPECT_TRUE(SetScan(t, 0, "nokey", 0, 10, std::nullopt)->members.empty());
  });
  std::set<std::string> seen;
  uint64_t cursor = 0;
  int pages = 0;
  do {
    Txn([&](KvTxn& t) {
      auto page = SetScan(t, 0, "strs", cursor, 7, std::string("m1*"));
      ASSERT_TRUE(page.ok());
      for (auto& m : page->members) EXPECT_TRUE(seen.insert(m).second);
      cursor = page->cursor;
    });
    ASSERT_LT(++pages, 100);
  } while (cursor != 0);
  EXPECT_EQ(seen.size(), 11u);  // m1, m10..m19
  EXPECT_EQ(pages, 15);         // ceil(100 / 7)
}

TEST(ParseStrictInt64Test, RedisRules) {
  int64_t v;
  EXPECT_TRUE(ParseStrictInt64("0", &v));
  EXPECT_TRUE(ParseStrictInt64("-12", &v));
  EXPECT_EQ(v, -12);
  EXPECT_TRUE(ParseStrictInt64("-9223372036854775808", &v));
  EXPECT_FALSE(ParseStrictInt64("9223372036854775808", &v));
  EXPECT_FALSE(ParseStrictInt64("-0", &v));
  EXPECT_FALSE(ParseStrictInt64("007", &v));
  EXPECT_FALSE(ParseStrictInt64("+1", &v));
  EXPECT_FALSE(ParseStrictInt64(" 1", &v));
  EXPECT_FALSE(ParseStrictInt64("", &v));
  EXPECT_FALSE(ParseStrictInt64("-", &v));
}

}  // namespace
}  // namespace tetradb::kv
