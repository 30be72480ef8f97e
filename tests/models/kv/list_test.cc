#include "models/kv/list.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <random>

#include "tests/models/kv/kv_fixture.h"

namespace tetradb::kv {
namespace {

class ListTest : public KvFixture {
 protected:
  uint64_t Push(std::string_view key, bool left, std::vector<std::string_view> elements) {
    uint64_t n = 0;
    Txn([&](KvTxn& t) {
      auto r = ListPush(t, 0, key, left, elements);
      ASSERT_OK(r.status());
      n = *r;
    });
    return n;
  }

  Strings Range(std::string_view key, int64_t start = 0, int64_t stop = -1) {
    Strings out;
    Txn([&](KvTxn& t) {
      auto r = ListRange(t, 0, key, start, stop);
      ASSERT_OK(r.status());
      out = *r;
    });
    return out;
  }

  // Writes a non-list key straight through the model's metadata API.
  void PutString(std::string_view key) {
    Txn([&](KvTxn& t) {
      auto st = t.Load(0, key);
      ASSERT_OK(st.status());
      Metadata m;
      m.type = Type::kString;
      m.value = "v";
      ASSERT_OK(t.Store(0, key, *st, m));
    });
  }
};

TEST_F(ListTest, PushOrderAndLength) {
  EXPECT_EQ(Push("l", false, {"a", "b"}), 2u);
  EXPECT_EQ(Push("l", true, {"x", "y"}), 4u);
  EXPECT_EQ(Range("l"), (Strings{"y", "x", "a", "b"}));
  Txn([&](KvTxn& t) {
    auto n = ListLength(t, 0, "l");
    ASSERT_OK(n.status());
    EXPECT_EQ(*n, 4u);
    auto missing = ListLength(t, 0, "nope");
    ASSERT_OK(missing.status());
    EXPECT_EQ(*missing, 0u);
  });
  EXPECT_EQ(store_->KeyCount(0), 1);
}

TEST_F(ListTest, PushXNeedsAnExistingList) {
  Txn([&](KvTxn& t) {
    auto r = ListPush(t, 0, "l", true, {"a"}, /*only_if_exists=*/true);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, 0u);
  });
  EXPECT_EQ(store_->KeyCount(0), 0);
  Push("l", false, {"a"});
  Txn([&](KvTxn& t) {
    auto r = ListPush(t, 0, "l", false, {"b", "c"}, true);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, 3u);
  });
  EXPECT_EQ(Range("l"), (Strings{"a", "b", "c"}));
}

TEST_F(ListTest, RangeClampsAsRedis) {
  Push("l", false, {"a", "b", "c", "d", "e"});
  EXPECT_EQ(Range("l", 1, 2), (Strings{"b", "c"}));
  EXPECT_EQ(Range("l", -2, -1), (Strings{"d", "e"}));
  EXPECT_EQ(Range("l", -100, 100), (Strings{"a", "b", "c", "d", "e"}));
  EXPECT_EQ(Range("l", 3, 1), Strings{});
  EXPECT_EQ(Range("l", 5, 10), Strings{});
  EXPECT_EQ(Range("l", 0, -6), Strings{});
  EXPECT_EQ(Range("l", INT64_MIN, INT64_MAX).size(), 5u);
  EXPECT_EQ(Range("missing"), Strings{});
}

TEST_F(ListTest, PopBothEndsAndDeleteWhenEmpty) {
  Push("l", false, {"a", "b", "c", "d"});
  Txn([&](KvTxn& t) {
    auto r = ListPop(t, 0, "l", true, 1);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, Strings{"a"});
    r = ListPop(t, 0, "l", false, 2);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, (Strings{"d", "c"}));  // pop order, tail first
  });
  EXPECT_EQ(Range("l"), Strings{"b"});
  Txn([&](KvTxn& t) {
    auto r = ListPop(t, 0, "l", true, 10);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, Strings{"b"});
    r = ListPop(t, 0, "l", true, 1);
    ASSERT_OK(r.status());
    EXPECT_TRUE(r->empty());
  });
  EXPECT_EQ(store_->KeyCount(0), 0);
  // A list made again on the same key starts empty: old members are gone.
  Push("l", true, {"z"});
  EXPECT_EQ(Range("l"), Strings{"z"});
}

TEST_F(ListTest, IndexAndSet) {
  Push("l", false, {"a", "b", "c"});
  Txn([&](KvTxn& t) {
    std::string v;
    ASSERT_OK(ListIndex(t, 0, "l", 0, &v));
    EXPECT_EQ(v, "a");
    ASSERT_OK(ListIndex(t, 0, "l", -1, &v));
    EXPECT_EQ(v, "c");
    EXPECT_TRUE(ListIndex(t, 0, "l", 3, &v).IsNotFound());
    EXPECT_TRUE(ListIndex(t, 0, "l", -4, &v).IsNotFound());
    EXPECT_TRUE(ListIndex(t, 0, "l", INT64_MIN, &v).IsNotFound());
    EXPECT_TRUE(ListIndex(t, 0, "missing", 0, &v).IsNotFound());
    ASSERT_OK(ListSet(t, 0, "l", -2, "B"));
    Status s = ListSet(t, 0, "l", 3, "x");
    EXPECT_EQ(s.message(), "ERR index out of range");
    s = ListSet(t, 0, "missing", 0, "x");
    EXPECT_EQ(s.message(), "ERR no such key");
  });
  EXPECT_EQ(Range("l"), (Strings{"a", "B", "c"}));
}

TEST_F(ListTest, InsertShiftsTheShorterSide) {
  Push("l", false, {"a", "b", "c", "d", "e"});
  Txn([&](KvTxn& t) {
    auto n = ListInsert(t, 0, "l", /*after=*/false, "b", "X");  // near the head
    ASSERT_OK(n.status());
    EXPECT_EQ(*n, 6);
    n = ListInsert(t, 0, "l", /*after=*/true, "d", "Y");  // near the tail
    ASSERT_OK(n.status());
    EXPECT_EQ(*n, 7);
    n = ListInsert(t, 0, "l", false, "a", "H");
    ASSERT_OK(n.status());
    n = ListInsert(t, 0, "l", true, "e", "T");
    ASSERT_OK(n.status());
    EXPECT_EQ(*n, 9);
    n = ListInsert(t, 0, "l", true, "nope", "Z");
    ASSERT_OK(n.status());
    EXPECT_EQ(*n, -1);
    n = ListInsert(t, 0, "missing", true, "a", "Z");
    ASSERT_OK(n.status());
    EXPECT_EQ(*n, 0);
  });
  EXPECT_EQ(Range("l"), (Strings{"H", "a", "X", "b", "c", "d", "Y", "e", "T"}));
  EXPECT_EQ(store_->KeyCount(0), 1);
  // Ends still work after the middle was rewritten.
  Push("l", true, {"0"});
  Push("l", false, {"9"});
  EXPECT_EQ(Range("l", 0, 1), (Strings{"0", "H"}));
  EXPECT_EQ(Range("l", -2, -1), (Strings{"T", "9"}));
}

TEST_F(ListTest, RemoveFromHeadTailOrAll) {
  auto remove = [&](int64_t count, std::string_view e) {
    uint64_t n = 0;
    Txn([&](KvTxn& t) {
      auto r = ListRemove(t, 0, "l", count, e);
      ASSERT_OK(r.status());
      n = *r;
    });
    return n;
  };
  Push("l", false, {"x", "a", "x", "b", "x", "c", "x", "d", "e", "f", "g"});
  EXPECT_EQ(remove(2, "x"), 2u);  // head side
  EXPECT_EQ(Range("l"), (Strings{"a", "b", "x", "c", "x", "d", "e", "f", "g"}));
  EXPECT_EQ(remove(-1, "x"), 1u);  // the last x
  EXPECT_EQ(Range("l"), (Strings{"a", "b", "x", "c", "d", "e", "f", "g"}));
  Push("l", false, {"x"});
  EXPECT_EQ(remove(0, "x"), 2u);
  EXPECT_EQ(Range("l"), (Strings{"a", "b", "c", "d", "e", "f", "g"}));
  EXPECT_EQ(remove(0, "nope"), 0u);
  EXPECT_EQ(remove(INT64_MIN, "g"), 1u);
  EXPECT_EQ(remove(1, "a"), 1u);
  EXPECT_EQ(Range("l"), (Strings{"b", "c", "d", "e", "f"}));
  Txn([&](KvTxn& t) {
    auto n = ListLength(t, 0, "l");
    ASSERT_OK(n.status());
    EXPECT_EQ(*n, 5u);
  });
  Push("m", false, {"y", "y"});
  Txn([&](KvTxn& t) {
    auto r = ListRemove(t, 0, "m", 0, "y");
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, 2u);
  });
  EXPECT_EQ(store_->KeyCount(0), 1);
}

TEST_F(ListTest, Trim) {
  Push("l", false, {"a", "b", "c", "d", "e"});
  Txn([&](KvTxn& t) { ASSERT_OK(ListTrim(t, 0, "l", 1, -2)); });
  EXPECT_EQ(Range("l"), (Strings{"b", "c", "d"}));
  Txn([&](KvTxn& t) { ASSERT_OK(ListTrim(t, 0, "l", 0, 100)); });
  EXPECT_EQ(Range("l"), (Strings{"b", "c", "d"}));
  Txn([&](KvTxn& t) { ASSERT_OK(ListTrim(t, 0, "l", 2, 1)); });
  EXPECT_EQ(store_->KeyCount(0), 0);
  Txn([&](KvTxn& t) { ASSERT_OK(ListTrim(t, 0, "missing", 0, 1)); });
}

TEST_F(ListTest, Pos) {
  Push("l", false, {"a", "b", "c", "1", "2", "3", "c", "c"});
  auto pos = [&](int64_t rank, uint64_t count, uint64_t maxlen) {
    std::vector<int64_t> out;
    Txn([&](KvTxn& t) {
      auto r = ListPos(t, 0, "l", "c", rank, count, maxlen);
      ASSERT_OK(r.status());
      out = *r;
    });
    return out;
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(pos(1, 1, 0), V{2});
  EXPECT_EQ(pos(1, 0, 0), (V{2, 6, 7}));
  EXPECT_EQ(pos(2, 0, 0), (V{6, 7}));
  EXPECT_EQ(pos(-1, 2, 0), (V{7, 6}));
  EXPECT_EQ(pos(-1, 0, 2), (V{7, 6}));
  EXPECT_EQ(pos(1, 0, 3), V{2});
  EXPECT_EQ(pos(4, 0, 0), V{});
  EXPECT_EQ(pos(INT64_MIN + 1, 0, 0), V{});
}

TEST_F(ListTest, MoveBetweenListsAndRotate) {
  Push("src", false, {"a", "b", "c"});
  auto move = [&](std::string_view s, std::string_view d, bool from_left, bool to_left) {
    std::optional<std::string> out;
    Txn([&](KvTxn& t) {
      auto r = ListMove(t, 0, s, d, from_left, to_left);
      ASSERT_OK(r.status());
      out = *r;
    });
    return out;
  };
  EXPECT_EQ(move("src", "dst", false, true), "c");  // RPOPLPUSH
  EXPECT_EQ(move("src", "dst", true, false), "a");
  EXPECT_EQ(Range("src"), Strings{"b"});
  EXPECT_EQ(Range("dst"), (Strings{"c", "a"}));
  EXPECT_EQ(move("src", "src", true, false), "b");  // one element: unchanged
  EXPECT_EQ(Range("src"), Strings{"b"});
  EXPECT_EQ(move("src", "dst", true, true), "b");
  EXPECT_EQ(store_->KeyCount(0), 1);  // src emptied and deleted
  EXPECT_EQ(move("src", "dst", true, true), std::nullopt);
  Push("dst", false, {"z"});  // b c a z
  EXPECT_EQ(move("dst", "dst", false, true), "z");
  EXPECT_EQ(Range("dst"), (Strings{"z", "b", "c", "a"}));
  EXPECT_EQ(move("dst", "dst", true, false), "z");
  EXPECT_EQ(Range("dst"), (Strings{"b", "c", "a", "z"}));
}

TEST_F(ListTest, MultiPopTakesTheFirstNonEmptyList) {
  Push("b", false, {"1", "2", "3"});
  Txn([&](KvTxn& t) {
    auto r = ListMultiPop(t, 0, {"a", "b", "c"}, false, 2);
    ASSERT_OK(r.status());
    ASSERT_TRUE(r->has_value());
    EXPECT_EQ((*r)->key, "b");
    EXPECT_EQ((*r)->elements, (Strings{"3", "2"}));
    auto none = ListMultiPop(t, 0, {"a", "c"}, true, 1);
    ASSERT_OK(none.status());
    EXPECT_FALSE(none->has_value());
  });
}

TEST_F(ListTest, WrongType) {
  PutString("s");
  Push("l", false, {"a"});
  Txn([&](KvTxn& t) {
    EXPECT_TRUE(ListPush(t, 0, "s", true, {"a"}).status().IsWrongType());
    EXPECT_TRUE(ListPop(t, 0, "s", true, 1).status().IsWrongType());
    EXPECT_TRUE(ListLength(t, 0, "s").status().IsWrongType());
    EXPECT_TRUE(ListRange(t, 0, "s", 0, -1).status().IsWrongType());
    std::string v;
    EXPECT_TRUE(ListIndex(t, 0, "s", 0, &v).IsWrongType());
    EXPECT_TRUE(ListSet(t, 0, "s", 0, "x").IsWrongType());
    EXPECT_TRUE(ListInsert(t, 0, "s", true, "a", "b").status().IsWrongType());
    EXPECT_TRUE(ListRemove(t, 0, "s", 0, "a").status().IsWrongType());
    EXPECT_TRUE(ListTrim(t, 0, "s", 0, 1).IsWrongType());
    EXPECT_TRUE(ListPos(t, 0, "s", "a", 1, 1, 0).status().IsWrongType());
    EXPECT_TRUE(ListMultiPop(t, 0, {"missing", "s", "l"}, true, 1).status().IsWrongType());
    // A missing source wins over a wrong-type destination, as in Redis.
    auto r = ListMove(t, 0, "missing", "s", true, true);
    ASSERT_OK(r.status());
    EXPECT_FALSE(r->has_value());
    EXPECT_TRUE(ListMove(t, 0, "l", "s", true, true).status().IsWrongType());
  });
  EXPECT_EQ(Range("l"), Strings{"a"});  // the failed move changed nothing
}

TEST_F(ListTest, OverwrittenKeyHidesOldMembers) {
  Push("l", false, {"a", "b", "c"});
  PutString("l");  // overwrite with a string: the list members become garbage
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "l");
    ASSERT_OK(st.status());
    ASSERT_OK(t.Remove(0, "l", *st));
  });
  EXPECT_EQ(store_->KeyCount(0), 0);
  EXPECT_EQ(Push("l", false, {"z"}), 1u);
  EXPECT_EQ(Range("l"), Strings{"z"});
}

TEST_F(ListTest, ExpiredListReadsAsEmpty) {
  Push("l", false, {"a", "b"});
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "l");
    ASSERT_OK(st.status());
    Metadata m = st->meta;
    m.expire_at_ms = 1;  // long past
    ASSERT_OK(t.Store(0, "l", *st, m));
  });
  EXPECT_EQ(Range("l"), Strings{});
  EXPECT_EQ(Push("l", true, {"x"}), 1u);  // a fresh list, no TTL
  EXPECT_EQ(Range("l"), Strings{"x"});
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "l");
    ASSERT_OK(st.status());
    EXPECT_EQ(st->meta.expire_at_ms, 0);
  });
}

TEST_F(ListTest, DatabasesAreSeparate) {
  Push("l", false, {"a"});
  Txn([&](KvTxn& t) {
    auto r = ListPush(t, 3, "l", false, {"b", "c"});
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, 2u);
  });
  EXPECT_EQ(Range("l"), Strings{"a"});
  EXPECT_EQ(store_->KeyCount(3), 1);
}

// Random operations against a std::deque: the index bookkeeping of inserts,
// removals and trims in the middle must always give the same list.
TEST_F(ListTest, MatchesAReferenceDeque) {
  std::mt19937 rng(7);
  std::deque<std::string> ref;
  size_t max_size = 0;
  auto pick = [&](int n) { return static_cast<int>(rng() % n); };
  for (int step = 0; step < 600; ++step) {
    std::string e(1, static_cast<char>('a' + pick(4)));
    int op = pick(10);  // 7..9 push too, so the list grows
    Txn([&](KvTxn& t) {
      if (op == 0 || op >= 7 || ref.empty()) {
        bool left = pick(2) == 0;
        ASSERT_OK(ListPush(t, 0, "r", left, {e}).status());
        left ? ref.push_front(e) : ref.push_back(e);
      } else if (op == 1) {
        bool left = pick(2) == 0;
        size_t n = 1 + pick(3);
        auto r = ListPop(t, 0, "r", left, n);
        ASSERT_OK(r.status());
        for (const std::string& got : *r) {
          EXPECT_EQ(got, left ? ref.front() : ref.back());
          left ? ref.pop_front() : ref.pop_back();
        }
      } else if (op == 2) {
        bool after = pick(2) == 0;
        std::string pivot(1, static_cast<char>('a' + pick(4)));
        auto r = ListInsert(t, 0, "r", after, pivot, e);
        ASSERT_OK(r.status());
        auto it = std::find(ref.begin(), ref.end(), pivot);
        if (it == ref.end()) {
          EXPECT_EQ(*r, -1);
        } else {
          ref.insert(after ? it + 1 : it, e);
          EXPECT_EQ(*r, static_cast<int64_t>(ref.size()));
        }
      } else if (op == 3) {
        int64_t count = pick(5) - 2;
        auto r = ListRemove(t, 0, "r", count, e);
        ASSERT_OK(r.status());
        uint64_t removed = 0;
        if (count >= 0) {
          for (auto it = ref.begin(); it != ref.end();) {
            if (*it == e && (count == 0 || removed < static_cast<uint64_t>(count))) {
              it = ref.erase(it);
              ++removed;
            } else {
              ++it;
            }
          }
        } else {
          for (int64_t i = static_cast<int64_t>(ref.size()) - 1; i >= 0; --i) {
            if (ref[i] == e && removed < static_cast<uint64_t>(-count)) {
              ref.erase(ref.begin() + i);
              ++removed;
            }
          }
        }
        EXPECT_EQ(*r, removed);
      } else if (op == 4 && pick(4) == 0) {
        int64_t n = static_cast<int64_t>(ref.size());
        int64_t start = pick(3), stop = std::max<int64_t>(0, n - 1 - pick(3));
        ASSERT_OK(ListTrim(t, 0, "r", start, stop));
        if (start > stop) {
          ref.clear();
        } else {
          ref.erase(ref.begin() + stop + 1, ref.end());
          ref.erase(ref.begin(), ref.begin() + start);
        }
      } else if (op == 5) {
        bool from_left = pick(2) == 0, to_left = pick(2) == 0;
        auto r = ListMove(t, 0, "r", "r", from_left, to_left);
        ASSERT_OK(r.status());
        std::string v = from_left ? ref.front() : ref.back();
        EXPECT_EQ(**r, v);
        from_left ? ref.pop_front() : ref.pop_back();
        to_left ? ref.push_front(v) : ref.push_back(v);
      } else {
        int64_t i = pick(static_cast<int>(ref.size()));
        ASSERT_OK(ListSet(t, 0, "r", i, e));
        ref[i] = e;
      }
    });
    ASSERT_EQ(Range("r"), Strings(ref.begin(), ref.end())) << "step " << step;
    max_size = std::max(max_size, ref.size());
    ASSERT_EQ(store_->KeyCount(0), ref.empty() ? 0 : 1);
    if (!ref.empty()) {
      Txn([&](KvTxn& t) {
        auto st = t.Load(0, "r");
        ASSERT_OK(st.status());
        EXPECT_EQ(st->meta.size, ref.size());
        EXPECT_EQ(st->meta.list_tail - st->meta.list_head, ref.size());
      });
    }
  }
  EXPECT_GE(max_size, 20u);  // the middle-of-list paths saw real lists
}

}  // namespace
}  // namespace tetradb::kv
