#include "models/kv/list.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <deque>
#include <random>

#include "engine/rocks_internal.h"
#include "models/kv/list_chunk.h"
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

  Metadata Meta(std::string_view key) {
    Metadata m;
    Txn([&](KvTxn& t) {
      auto st = t.Load(0, key, false);
      ASSERT_OK(st.status());
      m = st->meta;
    });
    return m;
  }

  // Member records (committed) under the list's current version.
  size_t MemberRecords(std::string_view key, uint64_t version) {
    auto it = engine_->NewIterator(Cf::kKvMembers, KeyRange::Prefix(MemberPrefix(0, key, version)));
    size_t n = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    EXPECT_OK(it->status());
    return n;
  }

  // A property of the kv_members family's active memtable (entries counts
  // every put and delete, bytes its size).
  uint64_t Memtable(const char* property) {
    uint64_t v = 0;
    EngineInternals& in = engine_->internals();
    EXPECT_TRUE(in.db->GetIntProperty(in.cf(Cf::kKvMembers), property, &v));
    return v;
  }
  uint64_t MemtableEntries() { return Memtable("rocksdb.num-entries-active-mem-table"); }
  uint64_t MemtableBytes() { return Memtable("rocksdb.cur-size-active-mem-table"); }

  // Checks the chunked layout of a committed list against its metadata:
  // chunks tile [head, tail) in key order, every chunk but the head one is
  // keyed at its first index, the metadata names the end chunks, and the
  // size rule holds. Returns the chunks' element counts.
  std::vector<uint64_t> CheckLayout(std::string_view key) {
    std::vector<uint64_t> counts;
    Metadata m = Meta(key);
    EXPECT_TRUE(m.list_chunked());
    EXPECT_EQ(m.size, m.list_tail - m.list_head);
    auto it =
        engine_->NewIterator(Cf::kKvMembers, KeyRange::Prefix(MemberPrefix(0, key, m.version)));
    uint64_t expect = m.list_head, last_key = 0;
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      uint64_t ck = GetBE64(it->key().data() + it->key().size() - 8);
      ChunkHeader h;
      std::vector<std::string_view> elements;
      EXPECT_OK(DecodeChunk(it->value(), &h, &elements));
      uint64_t first = ck + h.delta;
      EXPECT_EQ(first, expect) << "chunk " << counts.size();
      if (counts.empty()) {
        EXPECT_EQ(ck, m.list_head_chunk);
      } else {
        EXPECT_EQ(ck, first) << "chunk " << counts.size();
      }
      EXPECT_LE(h.count, kListChunkMaxElements);
      if (h.count > 1) {
        EXPECT_LE(it->value().size() - h.body, kListChunkMaxBytes);
      }
      counts.push_back(h.count);
      expect = first + h.count;
      last_key = ck;
    }
    EXPECT_OK(it->status());
    EXPECT_EQ(expect, m.list_tail);
    if (!counts.empty()) {
      EXPECT_EQ(last_key, m.list_tail_chunk);
    }
    return counts;
  }

  // The list equals `ref`, element by element, through LRANGE and LINDEX,
  // and its layout is sound.
  void ExpectList(std::string_view key, const std::deque<std::string>& ref) {
    ASSERT_EQ(Range(key), Strings(ref.begin(), ref.end()));
    Txn([&](KvTxn& t) {
      auto n = ListLength(t, 0, key);
      ASSERT_OK(n.status());
      EXPECT_EQ(*n, ref.size());
      for (size_t i = 0; i < ref.size(); ++i) {
        std::string v;
        ASSERT_OK(ListIndex(t, 0, key, static_cast<int64_t>(i), &v));
        ASSERT_EQ(v, ref[i]) << "index " << i;
        ASSERT_OK(ListIndex(t, 0, key, -static_cast<int64_t>(ref.size() - i), &v));
        ASSERT_EQ(v, ref[i]) << "index -" << ref.size() - i;
      }
    });
    if (!ref.empty()) CheckLayout(key);
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
// The reference model of the randomized tests: what LREM, LTRIM (with
// non-negative indexes) and LMOVE of a list onto itself do to a deque.
uint64_t RefRemove(std::deque<std::string>* ref, int64_t count, const std::string& e) {
  uint64_t removed = 0;
  const uint64_t limit =
      count == 0 ? UINT64_MAX : static_cast<uint64_t>(count < 0 ? -count : count);
  if (count >= 0) {
    for (auto it = ref->begin(); it != ref->end() && removed < limit;) {
      if (*it == e) {
        it = ref->erase(it);
        ++removed;
      } else {
        ++it;
      }
    }
  } else {
    for (int64_t i = static_cast<int64_t>(ref->size()) - 1; i >= 0 && removed < limit; --i) {
      if ((*ref)[i] == e) {
        ref->erase(ref->begin() + i);
        ++removed;
      }
    }
  }
  return removed;
}

void RefTrim(std::deque<std::string>* ref, int64_t start, int64_t stop) {
  const int64_t n = static_cast<int64_t>(ref->size());
  if (start > stop || start >= n) {
    ref->clear();
    return;
  }
  ref->erase(ref->begin() + std::min(stop, n - 1) + 1, ref->end());
  ref->erase(ref->begin(), ref->begin() + start);
}

std::string RefRotate(std::deque<std::string>* ref, bool from_left, bool to_left) {
  std::string v = from_left ? ref->front() : ref->back();
  from_left ? ref->pop_front() : ref->pop_back();
  to_left ? ref->push_front(v) : ref->push_back(v);
  return v;
}

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
        EXPECT_EQ(*r, RefRemove(&ref, count, e));
      } else if (op == 4 && pick(4) == 0) {
        int64_t n = static_cast<int64_t>(ref.size());
        int64_t start = pick(3), stop = std::max<int64_t>(0, n - 1 - pick(3));
        ASSERT_OK(ListTrim(t, 0, "r", start, stop));
        RefTrim(&ref, start, stop);
      } else if (op == 5) {
        bool from_left = pick(2) == 0, to_left = pick(2) == 0;
        auto r = ListMove(t, 0, "r", "r", from_left, to_left);
        ASSERT_OK(r.status());
        EXPECT_EQ(**r, RefRotate(&ref, from_left, to_left));
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

// ---- Chunked layout ------------------------------------------------------

constexpr uint64_t K = kListChunkMaxElements;

std::string Elem(char tag, size_t i) { return std::string(1, tag) + std::to_string(i); }

TEST_F(ListTest, PushesCrossChunkBoundariesBothWays) {
  std::deque<std::string> ref;
  const size_t n = 3 * K + 5;
  // One element per command on the left, many per command on the right.
  for (size_t i = 0; i < n; ++i) {
    std::string e = Elem('l', i);
    Push("l", true, {e});
    ref.push_front(e);
  }
  std::vector<std::string> right;
  for (size_t i = 0; i < n; ++i) right.push_back(Elem('r', i));
  EXPECT_EQ(Push("l", false, std::vector<std::string_view>(right.begin(), right.end())), 2 * n);
  ref.insert(ref.end(), right.begin(), right.end());
  ExpectList("l", ref);
  std::vector<uint64_t> counts = CheckLayout("l");
  // Full chunks except at the two ends: far fewer records than elements.
  EXPECT_LE(counts.size(), (2 * n + K - 1) / K + 2);
  EXPECT_EQ(MemberRecords("l", Meta("l").version), counts.size());
  // Windows that start and end on both sides of chunk edges.
  for (int64_t start : {int64_t{0}, int64_t{K - 1}, int64_t{K}, int64_t{K + 1}, int64_t{3 * K + 4},
                        int64_t{3 * K + 5}, int64_t{5 * K}}) {
    for (int64_t len : {1, 2, static_cast<int>(K), static_cast<int>(K + 2), 300}) {
      Strings want;
      for (int64_t i = start; i < start + len && i < static_cast<int64_t>(ref.size()); ++i) {
        want.push_back(ref[i]);
      }
      EXPECT_EQ(Range("l", start, start + len - 1), want) << start << " " << len;
    }
  }
  EXPECT_EQ(Range("l", -static_cast<int64_t>(K) - 1, -static_cast<int64_t>(K) + 1),
            (Strings{ref[ref.size() - K - 1], ref[ref.size() - K], ref[ref.size() - K + 1]}));
}

TEST_F(ListTest, PopsAcrossChunkEdges) {
  std::deque<std::string> ref;
  for (size_t i = 0; i < 3 * K + 5; ++i) {
    std::string l = Elem('l', i), r = Elem('r', i);
    Push("l", true, {l});
    Push("l", false, {r});
    ref.push_front(l);
    ref.push_back(r);
  }
  auto pop = [&](bool left, size_t count) {
    Strings got;
    Txn([&](KvTxn& t) {
      auto r = ListPop(t, 0, "l", left, count);
      ASSERT_OK(r.status());
      got = *r;
    });
    Strings want;
    for (size_t i = 0; i < count && !ref.empty(); ++i) {
      want.push_back(left ? ref.front() : ref.back());
      left ? ref.pop_front() : ref.pop_back();
    }
    EXPECT_EQ(got, want) << (left ? "left " : "right ") << count;
    ExpectList("l", ref);
  };
  // Single pops up to and past the end chunks' edges, then pops of several
  // chunks at once, from both ends.
  for (size_t i = 0; i < 7; ++i) pop(true, 1);
  for (size_t i = 0; i < 7; ++i) pop(false, 1);
  pop(true, K - 1);
  pop(false, K + 3);
  pop(true, 2 * K + 1);
  pop(false, 1);
  pop(true, K);
  pop(false, 3);
  pop(true, ref.size() - 1);
  EXPECT_EQ(store_->KeyCount(0), 1);
  pop(false, 5);  // more than there is
  EXPECT_EQ(store_->KeyCount(0), 0);
}

TEST_F(ListTest, IndexAndSetAtChunkBoundaries) {
  std::deque<std::string> ref;
  for (size_t i = 0; i < 2 * K + 3; ++i) {
    ref.push_front(Elem('l', i));
    Push("l", true, {ref.front()});
  }
  for (size_t i = 0; i < 2 * K + 3; ++i) {
    ref.push_back(Elem('r', i));
    Push("l", false, {ref.back()});
  }
  std::vector<uint64_t> counts = CheckLayout("l");
  // Every chunk's first and last element, and their neighbours.
  std::vector<int64_t> edges;
  uint64_t at = 0;
  for (uint64_t c : counts) {
    for (int64_t d : {-1, 0, 1}) edges.push_back(static_cast<int64_t>(at) + d);
    at += c;
    edges.push_back(static_cast<int64_t>(at) - 1);
  }
  Txn([&](KvTxn& t) {
    for (int64_t i : edges) {
      if (i < 0 || i >= static_cast<int64_t>(ref.size())) continue;
      std::string v = "set" + std::to_string(i);
      ASSERT_OK(ListSet(t, 0, "l", i, v));
      ref[i] = v;
      std::string got;
      ASSERT_OK(ListIndex(t, 0, "l", i, &got));
      EXPECT_EQ(got, v);
    }
    EXPECT_EQ(ListSet(t, 0, "l", static_cast<int64_t>(ref.size()), "x").message(),
              "ERR index out of range");
  });
  ExpectList("l", ref);
}

TEST_F(ListTest, InsertRemoveAndTrimAcrossChunks) {
  std::deque<std::string> ref;
  const size_t n = 3 * K + 5;
  for (size_t i = 0; i < n; ++i) ref.push_back(Elem('e', i));
  Push("l", false, std::vector<std::string_view>(ref.begin(), ref.end()));
  auto insert = [&](bool after, const std::string& pivot, const std::string& e) {
    Txn([&](KvTxn& t) {
      auto r = ListInsert(t, 0, "l", after, pivot, e);
      ASSERT_OK(r.status());
      auto it = std::find(ref.begin(), ref.end(), pivot);
      ASSERT_NE(it, ref.end());
      ref.insert(after ? it + 1 : it, e);
      EXPECT_EQ(*r, static_cast<int64_t>(ref.size()));
    });
    ExpectList("l", ref);
  };
  // Head side, tail side, at both ends, and on chunk edges.
  insert(false, Elem('e', 5), "A");
  insert(true, Elem('e', n - 3), "B");
  insert(false, Elem('e', 0), "C");
  insert(true, Elem('e', n - 1), "D");
  insert(true, Elem('e', K - 1), "E");
  insert(false, Elem('e', K), "F");
  insert(false, Elem('e', 2 * K), "G");
  insert(true, Elem('e', n / 2), "H");
  auto remove = [&](int64_t count, const std::string& e) {
    Txn([&](KvTxn& t) {
      auto r = ListRemove(t, 0, "l", count, e);
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
    });
    ExpectList("l", ref);
  };
  remove(0, "C");  // the head
  remove(0, "D");  // the tail
  remove(1, Elem('e', K));
  remove(-1, Elem('e', 2 * K - 1));
  remove(0, Elem('e', n / 2));
  // Many hits spread over chunks, from either end.
  Txn([&](KvTxn& t) {
    for (size_t i = 0; i < ref.size(); i += 7) {
      ASSERT_OK(ListSet(t, 0, "l", static_cast<int64_t>(i), "x"));
      ref[i] = "x";
    }
  });
  remove(3, "x");
  remove(-4, "x");
  remove(0, "x");
  // A whole chunk's worth removed from the middle.
  Txn([&](KvTxn& t) {
    for (size_t i = K / 2; i < K / 2 + K + 10; ++i) {
      ASSERT_OK(ListSet(t, 0, "l", static_cast<int64_t>(i), "y"));
      ref[i] = "y";
    }
  });
  remove(0, "y");
  auto trim = [&](int64_t start, int64_t stop) {
    Txn([&](KvTxn& t) { ASSERT_OK(ListTrim(t, 0, "l", start, stop)); });
    int64_t size = static_cast<int64_t>(ref.size());
    if (start < 0) start += size;
    if (stop < 0) stop += size;
    start = std::max<int64_t>(start, 0);
    stop = std::min<int64_t>(stop, size - 1);
    ASSERT_LE(start, stop);
    ref.erase(ref.begin() + stop + 1, ref.end());
    ref.erase(ref.begin(), ref.begin() + start);
    ExpectList("l", ref);
  };
  std::vector<std::string> more;
  for (size_t i = 0; i < 3 * K; ++i) more.push_back(Elem('m', i));
  Push("l", false, std::vector<std::string_view>(more.begin(), more.end()));
  ref.insert(ref.end(), more.begin(), more.end());
  trim(1, -2);                                        // one off each end
  trim(static_cast<int64_t>(K) - 3, -static_cast<int64_t>(K) + 2);  // whole chunks off each end
  trim(0, static_cast<int64_t>(ref.size()));          // nothing
  trim(2, 4);                                         // a few survivors: copied
  EXPECT_EQ(ref.size(), 3u);
  Push("l", true, {"h"});
  Push("l", false, {"t"});
  ref.push_front("h");
  ref.push_back("t");
  ExpectList("l", ref);
}

TEST_F(ListTest, PosWithRankAndMaxlenAcrossChunks) {
  std::vector<std::string> elements;
  for (size_t i = 0; i < 3 * K + 5; ++i) elements.push_back(i % K == K - 1 || i % K == 0 ? "m" : "o");
  Push("l", false, std::vector<std::string_view>(elements.begin(), elements.end()));
  std::vector<int64_t> all;
  for (size_t i = 0; i < elements.size(); ++i) {
    if (elements[i] == "m") all.push_back(static_cast<int64_t>(i));
  }
  auto pos = [&](int64_t rank, uint64_t count, uint64_t maxlen) {
    std::vector<int64_t> out;
    Txn([&](KvTxn& t) {
      auto r = ListPos(t, 0, "l", "m", rank, count, maxlen);
      ASSERT_OK(r.status());
      out = *r;
    });
    return out;
  };
  using V = std::vector<int64_t>;
  int64_t n = static_cast<int64_t>(elements.size());
  EXPECT_EQ(pos(1, 0, 0), all);
  EXPECT_EQ(pos(3, 1, 0), V{all[2]});
  EXPECT_EQ(pos(2, 2, 0), (V{all[1], all[2]}));
  EXPECT_EQ(pos(-1, 0, 0), V(all.rbegin(), all.rend()));
  EXPECT_EQ(pos(-2, 2, 0), (V{all[all.size() - 2], all[all.size() - 3]}));
  // MAXLEN stops on either side of a chunk edge.
  EXPECT_EQ(pos(1, 0, K), (V{0, static_cast<int64_t>(K - 1)}));
  EXPECT_EQ(pos(1, 0, K - 1), V{0});
  EXPECT_EQ(pos(1, 0, K + 1), (V{0, static_cast<int64_t>(K - 1), static_cast<int64_t>(K)}));
  // From the tail: the last "m" sits at 3K; MAXLEN counts from the tail.
  EXPECT_EQ(pos(-1, 0, static_cast<uint64_t>(n - static_cast<int64_t>(3 * K))),
            V{static_cast<int64_t>(3 * K)});
  EXPECT_EQ(pos(-1, 0, static_cast<uint64_t>(n - static_cast<int64_t>(3 * K)) - 1), V{});
  EXPECT_EQ(pos(static_cast<int64_t>(all.size()) + 1, 0, 0), V{});
}

TEST_F(ListTest, ElementsOfVeryDifferentSizes) {
  const std::string mb(1 << 20, 'M');
  std::deque<std::string> ref;
  auto push = [&](bool left, std::string e) {
    Push("l", left, {e});
    left ? ref.push_front(std::move(e)) : ref.push_back(std::move(e));
  };
  for (size_t i = 0; i < 2 * K; ++i) {
    size_t size = i % 5 == 0 ? 3000 : i % 3 == 0 ? 100 : 1;
    push(i % 2 == 0, std::string(size, static_cast<char>('a' + i % 26)));
  }
  push(true, mb);
  push(false, mb + "r");
  ExpectList("l", ref);
  // A push next to the large elements does not rewrite them: each
  // commit's memtable growth stays far below their size.
  for (int i = 0; i < 10; ++i) {
    uint64_t before = MemtableBytes();
    push(i % 2 == 0, "small" + std::to_string(i));
    EXPECT_LT(MemtableBytes() - before, 64u << 10) << i;
  }
  // Setting a small element in a full chunk to 1 MB splits the chunk: the
  // big element stands alone, so pops and pushes beside it stay small.
  Txn([&](KvTxn& t) {
    ASSERT_OK(ListSet(t, 0, "l", 20, mb + "s"));
    ref[20] = mb + "s";
  });
  ExpectList("l", ref);
  size_t alone = 0;
  for (uint64_t c : CheckLayout("l")) alone += c == 1 ? 1 : 0;
  EXPECT_GE(alone, 3u);
  Txn([&](KvTxn& t) {
    std::string v;
    ASSERT_OK(ListIndex(t, 0, "l", 20, &v));
    EXPECT_EQ(v, mb + "s");
  });
  // Remove, insert and trim around the big ones.
  Txn([&](KvTxn& t) {
    auto r = ListRemove(t, 0, "l", 0, mb);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, 1u);
    ref.erase(std::find(ref.begin(), ref.end(), mb));
    auto n = ListInsert(t, 0, "l", true, mb + "s", mb);
    ASSERT_OK(n.status());
    ref.insert(std::find(ref.begin(), ref.end(), mb + "s") + 1, mb);
    ASSERT_OK(ListTrim(t, 0, "l", 1, -2));
    ref.pop_front();
    ref.pop_back();
  });
  ExpectList("l", ref);
}

// Random operations on long lists of mixed element sizes against a deque,
// checking the chunk layout after each: every path through chunk edges,
// splits, re-keying and rewrites of either side.
TEST_F(ListTest, LongListsMatchAReferenceDeque) {
  std::mt19937 rng(11);
  std::deque<std::string> ref;
  auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
  auto element = [&]() {
    size_t r = pick(40);
    size_t size = r == 0 ? 9000 : r < 4 ? 700 : 1 + pick(3);
    return std::string(size, static_cast<char>('a' + pick(5)));
  };
  size_t max_size = 0;
  for (int step = 0; step < 400; ++step) {
    int op = static_cast<int>(pick(12));
    Txn([&](KvTxn& t) {
      if (op <= 3 || ref.size() < 2) {
        bool left = pick(2) == 0;
        size_t n = 1 + pick(op == 0 ? 300 : 20);
        std::vector<std::string> es;
        for (size_t i = 0; i < n; ++i) es.push_back(element());
        ASSERT_OK(ListPush(t, 0, "r", left, std::vector<std::string_view>(es.begin(), es.end()))
                      .status());
        for (auto& e : es) left ? ref.push_front(e) : ref.push_back(e);
      } else if (op == 4) {
        bool left = pick(2) == 0;
        size_t n = 1 + pick(pick(3) == 0 ? 2 * K : 5);
        auto r = ListPop(t, 0, "r", left, n);
        ASSERT_OK(r.status());
        for (const std::string& got : *r) {
          ASSERT_EQ(got, left ? ref.front() : ref.back());
          left ? ref.pop_front() : ref.pop_back();
        }
      } else if (op == 5) {
        std::string e = element();
        size_t at = pick(ref.size());
        std::string pivot = ref[at];
        bool after = pick(2) == 0;
        auto r = ListInsert(t, 0, "r", after, pivot, e);
        ASSERT_OK(r.status());
        auto it = std::find(ref.begin(), ref.end(), pivot);
        ref.insert(after ? it + 1 : it, e);
        EXPECT_EQ(*r, static_cast<int64_t>(ref.size()));
      } else if (op == 6) {
        std::string e = ref[pick(ref.size())];
        int64_t count = static_cast<int64_t>(pick(7)) - 3;
        auto r = ListRemove(t, 0, "r", count, e);
        ASSERT_OK(r.status());
        EXPECT_EQ(*r, RefRemove(&ref, count, e));
      } else if (op == 7 && pick(3) == 0) {
        int64_t n = static_cast<int64_t>(ref.size());
        int64_t start = static_cast<int64_t>(pick(pick(2) == 0 ? 3 : K + 5));
        int64_t stop = n - 1 - static_cast<int64_t>(pick(pick(2) == 0 ? 3 : K + 5));
        ASSERT_OK(ListTrim(t, 0, "r", start, stop));
        RefTrim(&ref, start, stop);
      } else if (op == 8) {
        bool from_left = pick(2) == 0, to_left = pick(2) == 0;
        auto r = ListMove(t, 0, "r", "r", from_left, to_left);
        ASSERT_OK(r.status());
        EXPECT_EQ(**r, RefRotate(&ref, from_left, to_left));
      } else {
        size_t i = pick(ref.size());
        std::string e = element();
        ASSERT_OK(ListSet(t, 0, "r", static_cast<int64_t>(i), e));
        ref[i] = e;
      }
    });
    ASSERT_EQ(Range("r"), Strings(ref.begin(), ref.end())) << "step " << step;
    // Sub-ranges: inside or across the head chunk (read by key), in the
    // middle, and ending in the tail chunk.
    if (!ref.empty()) {
      int64_t n = static_cast<int64_t>(ref.size());
      for (int probe = 0; probe < 3; ++probe) {
        int64_t a = probe == 0 ? static_cast<int64_t>(pick(std::min<size_t>(ref.size(), 2 * K)))
                               : static_cast<int64_t>(pick(ref.size()));
        int64_t len = static_cast<int64_t>(pick(probe == 1 ? 3 * K : 150));
        int64_t b = std::min(n - 1, a + len);
        if (probe == 2) {  // counted from the end
          ASSERT_EQ(Range("r", -(b + 1 - a), -1), Strings(ref.end() - (b + 1 - a), ref.end()))
              << "step " << step;
        } else {
          ASSERT_EQ(Range("r", a, b), Strings(ref.begin() + a, ref.begin() + b + 1))
              << "step " << step << " range " << a << ".." << b;
        }
      }
    }
    ASSERT_EQ(store_->KeyCount(0), ref.empty() ? 0 : 1);
    if (!ref.empty()) {
      std::vector<uint64_t> counts = CheckLayout("r");
      ASSERT_FALSE(HasFailure()) << "step " << step;
      ASSERT_EQ(MemberRecords("r", Meta("r").version), counts.size());
    }
    max_size = std::max(max_size, ref.size());
  }
  EXPECT_GE(max_size, 4 * K);
}

// Lists written before chunks existed: one record per element, metadata
// without the chunked flag. They must read correctly as they are and turn
// into chunks at their first modification, losing nothing.
TEST_F(ListTest, OldLayoutIsReadAndConvertedOnWrite) {
  const uint64_t n = 2 * K + 9;
  const uint64_t old_version = 42;
  std::deque<std::string> ref;
  auto write_old = [&](std::string_view key) {
    Metadata m;
    m.type = Type::kList;
    m.version = old_version;
    m.list_head = kListInitialIndex - 17;  // grown both ways
    m.list_tail = m.list_head + n;
    m.size = n;
    std::string raw = EncodeMetadata(m);
    ASSERT_EQ(raw.size(), 42u);  // the old metadata, byte for byte
    ASSERT_OK(engine_->Put(Cf::kKv, EncodeMetaKey(0, key), raw));
    for (uint64_t i = 0; i < n; ++i) {
      std::string k = MemberPrefix(0, key, old_version);
      PutBE64(&k, m.list_head + i);
      ASSERT_OK(engine_->Put(Cf::kKvMembers, k, Elem('o', i)));
    }
  };
  for (uint64_t i = 0; i < n; ++i) ref.push_back(Elem('o', i));
  store_.reset();  // written "by an older tetradb": the store counts keys at Open
  write_old("old");
  write_old("old2");
  write_old("old3");
  store_ = std::make_unique<KvStore>(engine_.get());
  ASSERT_OK(store_->Open());
  EXPECT_EQ(store_->KeyCount(0), 3);

  // Reads leave it as it is (also inside a transaction holding other
  // keys' writes, which sort after its records).
  EXPECT_EQ(Range("old"), Strings(ref.begin(), ref.end()));
  EXPECT_EQ(Range("old", K - 1, K), (Strings{ref[K - 1], ref[K]}));
  Txn([&](KvTxn& t) {
    ASSERT_OK(ListPush(t, 1, "other", false, {"x"}).status());
    ASSERT_OK(ListPush(t, 0, "old4", false, {"y"}).status());
    std::string v;
    ASSERT_OK(ListIndex(t, 0, "old", -1, &v));
    EXPECT_EQ(v, ref.back());
    ASSERT_OK(ListIndex(t, 0, "old", static_cast<int64_t>(K), &v));
    EXPECT_EQ(v, ref[K]);
    auto p = ListPos(t, 0, "old", Elem('o', K + 1), -1, 0, 0);
    ASSERT_OK(p.status());
    EXPECT_EQ(*p, std::vector<int64_t>{static_cast<int64_t>(K + 1)});
    auto len = ListLength(t, 0, "old");
    ASSERT_OK(len.status());
    EXPECT_EQ(*len, n);
    // A write that changes nothing does not convert either.
    auto r = ListRemove(t, 0, "old", 0, "absent");
    ASSERT_OK(r.status());
    auto ins = ListInsert(t, 0, "old", true, "absent", "x");
    ASSERT_OK(ins.status());
    EXPECT_EQ(*ins, -1);
  });
  EXPECT_FALSE(Meta("old").list_chunked());
  EXPECT_EQ(Meta("old").version, old_version);

  // The first push converts: new version, chunks, every element kept.
  EXPECT_EQ(Push("old", true, {"new"}), n + 1);
  ref.push_front("new");
  Metadata m = Meta("old");
  EXPECT_TRUE(m.list_chunked());
  EXPECT_NE(m.version, old_version);
  ExpectList("old", ref);
  EXPECT_LE(MemberRecords("old", m.version), n / K + 2);

  // Other writes convert too: a pop from the right, LSET, LTRIM (which
  // copies only the survivors).
  Txn([&](KvTxn& t) {
    auto r = ListPop(t, 0, "old2", false, 3);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, (Strings{ref.back(), ref[ref.size() - 2], ref[ref.size() - 3]}));
    ASSERT_OK(ListSet(t, 0, "old3", static_cast<int64_t>(K), "set"));
    ASSERT_OK(ListTrim(t, 0, "old3", static_cast<int64_t>(K) - 1, static_cast<int64_t>(K) + 1));
  });
  std::deque<std::string> ref2(ref.begin() + 1, ref.end() - 3);
  ExpectList("old2", ref2);
  ExpectList("old3", {ref[K], "set", ref[K + 2]});
  EXPECT_EQ(store_->KeyCount(0), 4);

  // The old records are garbage now: compaction drops them.
  EXPECT_EQ(MemberRecords("old", old_version), n);
  ASSERT_OK(engine_->CompactAll(Cf::kKvMembers));
  EXPECT_EQ(MemberRecords("old", old_version), 0u);
  EXPECT_EQ(MemberRecords("old2", old_version), 0u);
  ExpectList("old", ref);
}

TEST_F(ListTest, OldLayoutPoppedEmptyNeedsNoConversion) {
  store_.reset();
  Metadata m;
  m.type = Type::kList;
  m.version = 7;
  m.size = 3;
  m.list_tail = m.list_head + 3;
  ASSERT_OK(engine_->Put(Cf::kKv, EncodeMetaKey(0, "o"), EncodeMetadata(m)));
  for (uint64_t i = 0; i < 3; ++i) {
    std::string k = MemberPrefix(0, "o", 7);
    PutBE64(&k, m.list_head + i);
    ASSERT_OK(engine_->Put(Cf::kKvMembers, k, Elem('o', i)));
  }
  store_ = std::make_unique<KvStore>(engine_.get());
  ASSERT_OK(store_->Open());
  Txn([&](KvTxn& t) {
    auto r = ListPop(t, 0, "o", false, 5);
    ASSERT_OK(r.status());
    EXPECT_EQ(*r, (Strings{"o2", "o1", "o0"}));
  });
  EXPECT_EQ(store_->KeyCount(0), 0);
}

// A pipelined batch runs many commands in one transaction, each inside a
// savepoint. Its pushes rewrite the same end chunk again and again; the
// engine must receive each chunk once, at commit.
TEST_F(ListTest, PushesInOneTransactionWriteEachChunkOnce) {
  Push("l", false, {"seed"});
  const size_t n = 3 * K + 5;
  for (bool left : {true, false}) {
    uint64_t before = MemtableEntries();
    uint64_t records_before = MemberRecords("l", Meta("l").version);
    Txn([&](KvTxn& t) {
      for (size_t i = 0; i < n; ++i) {
        ASSERT_OK(t.SetSavePoint());
        std::string e = Elem(left ? 'l' : 'r', i);
        ASSERT_OK(ListPush(t, 0, "l", left, {e}).status());
        ASSERT_OK(t.PopSavePoint());
      }
    });
    uint64_t written = MemtableEntries() - before;
    uint64_t records = MemberRecords("l", Meta("l").version);
    // One write per chunk touched: the new chunks plus the old end chunk
    // (and on the left its re-keyed copy with a delete of the old key).
    EXPECT_LE(written, records - records_before + 3) << (left ? "left" : "right");
    EXPECT_LE(written, n / K + 4);
    EXPECT_GE(written, n / K);
  }
  std::deque<std::string> ref;
  for (size_t i = 0; i < n; ++i) ref.push_front(Elem('l', i));
  ref.push_back("seed");
  for (size_t i = 0; i < n; ++i) ref.push_back(Elem('r', i));
  ExpectList("l", ref);
  // Pops in one transaction, likewise: one write per chunk touched.
  uint64_t before = MemtableEntries();
  Txn([&](KvTxn& t) {
    for (size_t i = 0; i < 2 * K; ++i) {
      ASSERT_OK(t.SetSavePoint());
      ASSERT_OK(ListPop(t, 0, "l", i % 2 == 0, 1).status());
      ASSERT_OK(t.PopSavePoint());
    }
  });
  EXPECT_LE(MemtableEntries() - before, 6u);
}

TEST_F(ListTest, CopiesOfChunkedListsAreIndependent) {
  std::deque<std::string> ref;
  for (size_t i = 0; i < 2 * K + 1; ++i) ref.push_back(Elem('e', i));
  Push("l", false, std::vector<std::string_view>(ref.begin(), ref.end()));
  // What COPY/RENAME do: copy every member record under a new version.
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "l");
    ASSERT_OK(st.status());
    Metadata to = st->meta;
    to.version = store_->NextVersion();
    auto it = t.Members(0, "l", st->meta);
    size_t skip = MemberPrefix(0, "l", st->meta.version).size();
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string k = MemberPrefix(0, "c", to.version);
      k.append(it->key().substr(skip));
      ASSERT_OK(t.txn().Put(Cf::kKvMembers, k, it->value()));
    }
    auto dst = t.Load(0, "c");
    ASSERT_OK(dst.status());
    ASSERT_OK(t.Store(0, "c", *dst, to));
  });
  ExpectList("c", ref);
  Push("c", true, {"x"});
  ExpectList("l", ref);
  ref.push_front("x");
  ExpectList("c", ref);
}

}  // namespace
}  // namespace tetradb::kv
