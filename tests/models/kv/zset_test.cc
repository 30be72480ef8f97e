#include "models/kv/zset.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <set>

#include "tests/models/kv/kv_fixture.h"

namespace tetradb::kv {
namespace {

using Items = std::vector<ScoredMember>;

class ZsetTest : public KvFixture {
 protected:
  ZsetTest() : KvFixture(ClockKind::kManual) {}

  void Add(std::string_view key, Items items) {
    Txn([&](KvTxn& t) { ASSERT_TRUE(ZAdd(t, 0, key, {}, items).ok()); });
  }

  Items All(std::string_view key, bool reverse = false) {
    Items out;
    Txn([&](KvTxn& t) {
      RangeSpec spec;
      spec.reverse = reverse;
      auto r = ZRange(t, 0, key, spec);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      out = *r;
    });
    return out;
  }

  Strings Names(const Items& items) {
    Strings out;
    for (const auto& i : items) out.push_back(i.member);
    return out;
  }

  Items Range(std::string_view key, RangeSpec spec) {
    Items out;
    Txn([&](KvTxn& t) {
      auto r = ZRange(t, 0, key, spec);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      out = *r;
    });
    return out;
  }

  // Writes a plain set or a string the way their models lay them out.
  void PutSet(std::string_view key, Strings members) {
    Txn([&](KvTxn& t) {
      auto st = t.Load(0, key);
      ASSERT_TRUE(st.ok());
      Metadata m = t.NewCollection(Type::kSet);
      for (const auto& s : members) ASSERT_OK(t.PutMember(0, key, m, s, ""));
      m.size = members.size();
      ASSERT_OK(t.Store(0, key, *st, m));
    });
  }
  void PutString(std::string_view key, std::string value) {
    Txn([&](KvTxn& t) {
      auto st = t.Load(0, key);
      ASSERT_TRUE(st.ok());
      Metadata m;
      m.value = value;
      ASSERT_OK(t.Store(0, key, *st, m));
    });
  }

  // Records in the two families for db 0 (all keys), to check they match.
  size_t CountRecords(Cf cf) {
    size_t n = 0;
    auto it = engine_->NewIterator(cf, KeyRange::All());
    for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
    return n;
  }
};

TEST_F(ZsetTest, AddScoreCardRem) {
  Txn([&](KvTxn& t) {
    auto r = ZAdd(t, 0, "z", {}, {{"b", 2}, {"a", 1}, {"c", 3}, {"a", 1.5}});
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->added, 3);
    EXPECT_EQ(*ZCard(t, 0, "z"), 3);
    EXPECT_EQ(*ZScore(t, 0, "z", "a"), 1.5);
    EXPECT_FALSE(ZScore(t, 0, "z", "nope")->has_value());
    EXPECT_FALSE(ZScore(t, 0, "nokey", "a")->has_value());
    auto ms = ZMScore(t, 0, "z", Strings{"c", "x", "b"});
    EXPECT_EQ(*ms, (std::vector<std::optional<double>>{3, std::nullopt, 2}));
  });
  EXPECT_EQ(All("z"), (Items{{"a", 1.5}, {"b", 2}, {"c", 3}}));
  EXPECT_EQ(store_->KeyCount(0), 1);
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*ZRem(t, 0, "z", Strings{"a", "zz", "a"}), 1);
    EXPECT_EQ(*ZRem(t, 0, "nokey", Strings{"a"}), 0);
  });
  EXPECT_EQ(CountRecords(Cf::kKvMembers), 2u);
  EXPECT_EQ(CountRecords(Cf::kKvScores), 2u);
  Txn([&](KvTxn& t) { EXPECT_EQ(*ZRem(t, 0, "z", Strings{"b", "c"}), 2); });
  EXPECT_EQ(store_->KeyCount(0), 0);
  EXPECT_TRUE(All("z").empty());
}

TEST_F(ZsetTest, TiesOrderByMemberBytes) {
  Add("z",
      {{"b", 1}, {"\xff", 1}, {"", 1}, {"a", 1}, {"x", -1}, {"y", HUGE_VAL}, {"w", -HUGE_VAL}});
  EXPECT_EQ(Names(All("z")), (Strings{"w", "x", "", "a", "b", "\xff", "y"}));
  EXPECT_EQ(Names(All("z", true)), (Strings{"y", "\xff", "b", "a", "", "x", "w"}));
}

TEST_F(ZsetTest, AddOptions) {
  Add("z", {{"a", 5}});
  auto add = [&](ZAddOptions o, Items items) {
    ZAddResult out;
    Txn([&](KvTxn& t) {
      auto r = ZAdd(t, 0, "z", o, items);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      out = *r;
    });
    return out;
  };
  ZAddResult r = add({.nx = true}, {{"a", 1}, {"b", 2}});
  EXPECT_EQ(r.added, 1);
  EXPECT_EQ(r.updated, 0);
  r = add({.xx = true}, {{"a", 6}, {"c", 2}});
  EXPECT_EQ(r.added, 0);
  EXPECT_EQ(r.updated, 1);
  r = add({.gt = true}, {{"a", 1}, {"b", 3}, {"d", 0}});  // GT still adds new members
  EXPECT_EQ(r.added, 1);
  EXPECT_EQ(r.updated, 1);
  r = add({.lt = true}, {{"a", 7}, {"b", 3}});  // equal is not less
  EXPECT_EQ(r.updated + r.added, 0);
  r = add({.incr = true}, {{"a", 1.5}});
  EXPECT_EQ(r.processed, 1);
  EXPECT_EQ(r.score, 7.5);
  r = add({.nx = true, .incr = true}, {{"a", 1}});
  EXPECT_EQ(r.processed, 0);  // ZADD NX INCR on an existing member: nil
  EXPECT_EQ(All("z"), (Items{{"d", 0}, {"b", 3}, {"a", 7.5}}));
  // XX on a missing key creates nothing.
  Txn([&](KvTxn& t) {
    auto r2 = ZAdd(t, 0, "none", {.xx = true}, {{"a", 1}});
    ASSERT_TRUE(r2.ok());
    EXPECT_EQ(r2->processed, 0);
  });
  EXPECT_EQ(store_->KeyCount(0), 1);
}

TEST_F(ZsetTest, OptionErrorsAndNaN) {
  EXPECT_EQ(CheckZAddOptions({.nx = true, .xx = true}, 1).message(),
            "ERR XX and NX options at the same time are not compatible");
  EXPECT_EQ(CheckZAddOptions({.gt = true, .lt = true}, 1).message(),
            "ERR GT, LT, and/or NX options at the same time are not compatible");
  EXPECT_EQ(CheckZAddOptions({.incr = true}, 2).message(),
            "ERR INCR option supports a single increment-element pair");
  EXPECT_TRUE(CheckZAddOptions({.xx = true, .gt = true}, 3).ok());
  Add("z", {{"a", HUGE_VAL}});
  auto t = store_->Begin();
  auto r = ZIncrBy(*t, 0, "z", "a", -HUGE_VAL);
  EXPECT_EQ(r.status().message(), "ERR resulting score is not a number (NaN)");
  auto ok = ZIncrBy(*t, 0, "z", "new", 2.5);
  EXPECT_EQ(*ok, 2.5);
}

TEST_F(ZsetTest, WrongType) {
  PutString("s", "x");
  Txn([&](KvTxn& t) {
    EXPECT_TRUE(ZAdd(t, 0, "s", {}, {{"a", 1}}).status().IsWrongType());
    EXPECT_TRUE(ZScore(t, 0, "s", "a").status().IsWrongType());
    EXPECT_TRUE(ZCard(t, 0, "s").status().IsWrongType());
    EXPECT_TRUE(ZRange(t, 0, "s", {}).status().IsWrongType());
    EXPECT_TRUE(ZPop(t, 0, "s", 1, false).status().IsWrongType());
    EXPECT_TRUE(ZRandMember(t, 0, "s", 0).status().IsWrongType());
    EXPECT_TRUE(ZRank(t, 0, "s", "a", false).status().IsWrongType());
    EXPECT_TRUE(CheckSetOpSources(t, 0, Strings{"nokey", "s"}).IsWrongType());
    EXPECT_TRUE(ZSetOp(t, 0, {.keys = {"s"}}).status().IsWrongType());
  });
}

TEST_F(ZsetTest, RankRanges) {
  Add("z", {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}, {"e", 5}});
  EXPECT_EQ(Names(Range("z", {.start = 1, .stop = 2})), (Strings{"b", "c"}));
  EXPECT_EQ(Names(Range("z", {.start = -2, .stop = -1})), (Strings{"d", "e"}));
  EXPECT_EQ(Names(Range("z", {.start = -100, .stop = 100})).size(), 5u);
  EXPECT_TRUE(Range("z", {.start = 3, .stop = 1}).empty());
  EXPECT_TRUE(Range("z", {.start = 5, .stop = 10}).empty());
  EXPECT_EQ(Names(Range("z", {.reverse = true, .start = 0, .stop = 1})), (Strings{"e", "d"}));
  Txn([&](KvTxn& t) {
    EXPECT_EQ(**ZRank(t, 0, "z", "c", false), 2);
    EXPECT_EQ(**ZRank(t, 0, "z", "a", true), 4);
    EXPECT_FALSE(ZRank(t, 0, "z", "x", false)->has_value());
    EXPECT_FALSE(ZRank(t, 0, "nokey", "a", false)->has_value());
  });
}

TEST_F(ZsetTest, ScoreRanges) {
  Add("z", {{"a", 1}, {"b", 2}, {"c", 2}, {"d", 3}, {"e", 4}, {"f", -HUGE_VAL}});
  ScoreRange r;
  ASSERT_OK(ParseScoreRange("(1", "3", &r));
  EXPECT_EQ(Names(Range("z", {.by = RangeSpec::By::kScore, .score = r})), (Strings{"b", "c", "d"}));
  EXPECT_EQ(Names(Range("z", {.by = RangeSpec::By::kScore, .reverse = true, .score = r})),
            (Strings{"d", "c", "b"}));
  EXPECT_EQ(Names(Range("z", {.by = RangeSpec::By::kScore, .score = r, .offset = 1, .count = 1})),
            (Strings{"c"}));
  EXPECT_TRUE(Range("z", {.by = RangeSpec::By::kScore, .score = r, .offset = -1}).empty());
  ASSERT_OK(ParseScoreRange("-inf", "(2", &r));
  EXPECT_EQ(Names(Range("z", {.by = RangeSpec::By::kScore, .score = r})), (Strings{"f", "a"}));
  ASSERT_OK(ParseScoreRange("+inf", "-inf", &r));
  EXPECT_TRUE(Range("z", {.by = RangeSpec::By::kScore, .score = r}).empty());
  ASSERT_OK(ParseScoreRange("2", "2", &r));
  Txn([&](KvTxn& t) { EXPECT_EQ(*ZCount(t, 0, "z", r), 2); });
  ASSERT_OK(ParseScoreRange("", "(", &r));  // strtod reads "" as 0, as in Redis
  EXPECT_EQ(ParseScoreRange("x", "1", &r).message(), "ERR min or max is not a float");
  EXPECT_FALSE(ParseScoreRange("1", "nan", &r).ok());
  EXPECT_FALSE(ParseScoreRange("1", "(1x", &r).ok());
}

TEST_F(ZsetTest, LexRanges) {
  Add("z", {{"a", 0}, {"b", 0}, {"c", 0}, {"d", 0}});
  auto lex = [&](std::string_view lo, std::string_view hi, bool reverse = false) {
    LexRange r;
    EXPECT_OK(ParseLexRange(lo, hi, &r));
    return Names(Range("z", {.by = RangeSpec::By::kLex, .reverse = reverse, .lex = r}));
  };
  EXPECT_EQ(lex("-", "+"), (Strings{"a", "b", "c", "d"}));
  EXPECT_EQ(lex("[b", "(d"), (Strings{"b", "c"}));
  EXPECT_EQ(lex("(b", "+"), (Strings{"c", "d"}));
  EXPECT_EQ(lex("[b", "[c", true), (Strings{"c", "b"}));
  EXPECT_TRUE(lex("+", "-").empty());
  LexRange r;
  EXPECT_EQ(ParseLexRange("a", "+", &r).message(), "ERR min or max not valid string range item");
  EXPECT_FALSE(ParseLexRange("", "+", &r).ok());
  EXPECT_FALSE(ParseLexRange("-", "++", &r).ok());
  ASSERT_OK(ParseLexRange("[b", "[c", &r));
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*ZLexCount(t, 0, "z", r), 2);
    EXPECT_EQ(*ZRemRange(t, 0, "z", {.by = RangeSpec::By::kLex, .lex = r}), 2);
  });
  EXPECT_EQ(Names(All("z")), (Strings{"a", "d"}));
}

TEST_F(ZsetTest, RemRangeDeletesEmptyKey) {
  Add("z", {{"a", 1}, {"b", 2}, {"c", 3}});
  Txn([&](KvTxn& t) { EXPECT_EQ(*ZRemRange(t, 0, "z", {.start = 0, .stop = 0}), 1); });
  ScoreRange all;
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*ZRemRange(t, 0, "z", {.by = RangeSpec::By::kScore, .score = all}), 2);
  });
  EXPECT_EQ(store_->KeyCount(0), 0);
  EXPECT_EQ(CountRecords(Cf::kKvScores), 0u);
}

TEST_F(ZsetTest, PopMinMax) {
  Add("z", {{"a", 1}, {"b", 2}, {"c", 3}, {"d", 4}});
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*ZPop(t, 0, "z", 1, false), (Items{{"a", 1}}));
    EXPECT_EQ(*ZPop(t, 0, "z", 2, true), (Items{{"d", 4}, {"c", 3}}));
    EXPECT_TRUE(ZPop(t, 0, "z", 0, true)->empty());
    EXPECT_TRUE(ZPop(t, 0, "nokey", 3, true)->empty());
    EXPECT_EQ(*ZPop(t, 0, "z", 10, false), (Items{{"b", 2}}));
  });
  EXPECT_EQ(store_->KeyCount(0), 0);
}

TEST_F(ZsetTest, RandMember) {
  Add("z", {{"a", 1}, {"b", 2}, {"c", 3}});
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*ZRandMember(t, 0, "z", 10), (Items{{"c", 3}, {"b", 2}, {"a", 1}}));
    auto two = *ZRandMember(t, 0, "z", 2);
    ASSERT_EQ(two.size(), 2u);
    EXPECT_NE(two[0].member, two[1].member);
    auto many = *ZRandMember(t, 0, "z", -50);
    EXPECT_EQ(many.size(), 50u);
    std::set<std::string> seen;
    for (const auto& i : many) seen.insert(i.member);
    EXPECT_EQ(seen.size(), 3u);  // 50 draws from 3: all show up (p of a miss ~ 1e-8)
    EXPECT_TRUE(ZRandMember(t, 0, "z", 0)->empty());
    EXPECT_TRUE(ZRandMember(t, 0, "nokey", 5)->empty());
  });
}

TEST_F(ZsetTest, ScanSmallWholeLargePaged) {
  Add("small", {{"b", 1}, {"a", 2}});
  Txn([&](KvTxn& t) {
    auto p = ZScan(t, 0, "small", "", "*", 1);
    EXPECT_TRUE(p->done);
    EXPECT_EQ(p->items, (Items{{"b", 1}, {"a", 2}}));  // whole, in score order
  });
  Items big;
  for (int i = 0; i < 300; ++i) big.push_back({"m" + std::to_string(i), double(300 - i)});
  Add("big", big);
  std::set<std::string> seen;
  std::string from;
  int steps = 0;
  for (bool done = false; !done; ++steps) {
    Txn([&](KvTxn& t) {
      auto p = ZScan(t, 0, "big", from, "m1*", 50);
      ASSERT_TRUE(p.ok());
      for (const auto& i : p->items) {
        EXPECT_EQ(i.member[1], '1');
        seen.insert(i.member);
      }
      done = p->done;
      from = p->next;
    });
  }
  EXPECT_EQ(steps, 6);
  EXPECT_EQ(seen.size(), 111u);  // m1, m10-m19, m100-m199
}

TEST_F(ZsetTest, SetOperations) {
  Add("a", {{"x", 1}, {"y", 2}, {"z", 3}});
  Add("b", {{"y", 10}, {"z", 20}, {"w", 30}});
  PutSet("s", {"x", "q"});
  using Op = SetOpSpec::Op;
  using Agg = SetOpSpec::Aggregate;
  auto op = [&](SetOpSpec spec) {
    Items out;
    Txn([&](KvTxn& t) {
      auto r = ZSetOp(t, 0, spec);
      ASSERT_TRUE(r.ok()) << r.status().ToString();
      out = *r;
    });
    return out;
  };
  EXPECT_EQ(op({.op = Op::kUnion, .keys = {"a", "b"}}),
            (Items{{"x", 1}, {"y", 12}, {"z", 23}, {"w", 30}}));
  EXPECT_EQ(op({.op = Op::kUnion, .keys = {"a", "b"}, .weights = {2, 0.5}, .aggregate = Agg::kMax}),
            (Items{{"x", 2}, {"y", 5}, {"z", 10}, {"w", 15}}));
  EXPECT_EQ(op({.op = Op::kInter, .keys = {"a", "b"}, .aggregate = Agg::kMin}),
            (Items{{"y", 2}, {"z", 3}}));
  EXPECT_EQ(op({.op = Op::kInter, .keys = {"a", "nokey"}}), Items{});
  EXPECT_EQ(op({.op = Op::kDiff, .keys = {"a", "b"}}), (Items{{"x", 1}}));
  // Set members score 1; sources are summed smallest first.
  EXPECT_EQ(op({.op = Op::kUnion, .keys = {"a", "s"}}),
            (Items{{"q", 1}, {"x", 2}, {"y", 2}, {"z", 3}}));
  EXPECT_EQ(op({.op = Op::kInter, .keys = {"a", "s"}}), (Items{{"x", 2}}));
  // NaN from inf - inf and 0 * inf count as 0.
  Add("i1", {{"x", HUGE_VAL}});
  Add("i2", {{"x", -HUGE_VAL}});
  EXPECT_EQ(op({.op = Op::kUnion, .keys = {"i1", "i2"}}), (Items{{"x", 0}}));
  EXPECT_EQ(op({.op = Op::kUnion, .keys = {"i1"}, .weights = {0}}), (Items{{"x", 0}}));
}

TEST_F(ZsetTest, StoreOverwritesAnyTypeAndDeletesWhenEmpty) {
  Add("a", {{"x", 1}, {"y", 2}});
  PutString("dst", "old");
  Txn([&](KvTxn& t) { EXPECT_EQ(*ZSetOpStore(t, 0, "dst", {.keys = {"a"}}), 2); });
  EXPECT_EQ(All("dst"), (Items{{"x", 1}, {"y", 2}}));
  Txn([&](KvTxn& t) { EXPECT_EQ(*ZRangeStore(t, 0, "dst", "a", {.start = 1, .stop = 1}), 1); });
  EXPECT_EQ(All("dst"), (Items{{"y", 2}}));  // old members are gone
  EXPECT_EQ(store_->KeyCount(0), 2);
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*ZSetOpStore(t, 0, "dst", {.op = SetOpSpec::Op::kInter, .keys = {"a", "nokey"}}), 0);
  });
  EXPECT_EQ(store_->KeyCount(0), 1);
  // Storing a set onto its own source reads before it writes.
  Txn([&](KvTxn& t) { EXPECT_EQ(*ZRangeStore(t, 0, "a", "a", {.start = 0, .stop = 0}), 1); });
  EXPECT_EQ(All("a"), (Items{{"x", 1}}));
}

TEST_F(ZsetTest, DeletedOrExpiredKeyHidesOldMembers) {
  Add("z", {{"a", 1}, {"b", 2}});
  // Drop the key the way DEL does: its members become unreachable.
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "z");
    ASSERT_OK(t.Remove(0, "z", *st));
  });
  Add("z", {{"c", 3}});
  EXPECT_EQ(All("z"), (Items{{"c", 3}}));
  // An expired key reads as empty and is replaced on the next write.
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "z");
    Metadata m = st->meta;
    m.expire_at_ms = clock_.NowMs() + 1000;
    ASSERT_OK(t.Store(0, "z", *st, m));
  });
  clock_.Advance(2000);
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*ZCard(t, 0, "z"), 0);
    EXPECT_FALSE(ZScore(t, 0, "z", "c")->has_value());
  });
  Add("z", {{"d", 4}});
  EXPECT_EQ(All("z"), (Items{{"d", 4}}));
  EXPECT_EQ(store_->KeyCount(0), 1);
}

}  // namespace
}  // namespace tetradb::kv
