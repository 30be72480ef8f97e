#include "models/kv/hash.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <set>

#include "models/kv/set.h"
#include "tests/models/kv/kv_fixture.h"

namespace tetradb::kv {
namespace {

std::string Fmt(long double v) {
  char buf[64];
  snprintf(buf, sizeof(buf), "%.6Lf", v);
  return buf;
}

class HashTest : public KvFixture {
 protected:
  std::vector<std::string> V(std::initializer_list<std::string> l) { return l; }
};

TEST_F(HashTest, SetGetLenDelete) {
  Txn([&](KvTxn& t) {
    auto added = HashSet(t, 0, "h", V({"a", "1", "b", "2", "a", "3"}));
    ASSERT_TRUE(added.ok());
    EXPECT_EQ(*added, 2);  // "a" given twice counts once
  });
  EXPECT_EQ(store_->KeyCount(0), 1);
  Txn([&](KvTxn& t) {
    std::string v;
    ASSERT_OK(HashGet(t, 0, "h", "a", &v));
    EXPECT_EQ(v, "3");
    EXPECT_TRUE(HashGet(t, 0, "h", "zz", &v).IsNotFound());
    EXPECT_TRUE(HashGet(t, 0, "nokey", "a", &v).IsNotFound());
    EXPECT_EQ(*HashLen(t, 0, "h"), 2);
    EXPECT_EQ(*HashLen(t, 0, "nokey"), 0);
    auto added = HashSet(t, 0, "h", V({"b", "20", "c", "30"}));
    EXPECT_EQ(*added, 1);
    EXPECT_EQ(*HashLen(t, 0, "h"), 3);
    auto mget = HashMGet(t, 0, "h", V({"c", "x", "a"}));
    ASSERT_TRUE(mget.ok());
    ASSERT_EQ(mget->size(), 3u);
    EXPECT_EQ((*mget)[0], "30");
    EXPECT_FALSE((*mget)[1].has_value());
    EXPECT_EQ((*mget)[2], "3");
  });
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*HashDelete(t, 0, "h", V({"a", "x", "a"})), 1);
    EXPECT_EQ(*HashLen(t, 0, "h"), 2);
    EXPECT_EQ(*HashDelete(t, 0, "nokey", V({"a"})), 0);
  });
  // Deleting the last fields deletes the key.
  Txn([&](KvTxn& t) { EXPECT_EQ(*HashDelete(t, 0, "h", V({"b", "c"})), 2); });
  EXPECT_EQ(store_->KeyCount(0), 0);
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "h");
    ASSERT_TRUE(st.ok());
    EXPECT_FALSE(st->physical);
  });
}

TEST_F(HashTest, SetNx) {
  Txn([&](KvTxn& t) {
    EXPECT_TRUE(*HashSetNx(t, 0, "h", "f", "v1"));
    EXPECT_FALSE(*HashSetNx(t, 0, "h", "f", "v2"));
    EXPECT_TRUE(*HashSetNx(t, 0, "h", "g", "v3"));
    std::string v;
    ASSERT_OK(HashGet(t, 0, "h", "f", &v));
    EXPECT_EQ(v, "v1");
    EXPECT_EQ(*HashLen(t, 0, "h"), 2);
  });
}

TEST_F(HashTest, GetAllInFieldOrder) {
  Txn([&](KvTxn& t) { ASSERT_TRUE(HashSet(t, 0, "h", V({"b", "2", "a", "1", "c", "3"})).ok()); });
  Txn([&](KvTxn& t) {
    auto all = HashGetAll(t, 0, "h");
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 3u);
    EXPECT_EQ((*all)[0].sub, "a");
    EXPECT_EQ((*all)[0].value, "1");
    EXPECT_EQ((*all)[2].sub, "c");
    EXPECT_TRUE(HashGetAll(t, 0, "nokey")->empty());
  });
}

TEST_F(HashTest, WrongType) {
  Txn([&](KvTxn& t) { ASSERT_TRUE(SetAdd(t, 0, "s", V({"x"})).ok()); });
  Txn([&](KvTxn& t) {
    std::string v;
    EXPECT_TRUE(HashSet(t, 0, "s", V({"a", "1"})).status().IsWrongType());
    EXPECT_TRUE(HashGet(t, 0, "s", "a", &v).IsWrongType());
    EXPECT_TRUE(HashLen(t, 0, "s").status().IsWrongType());
    EXPECT_TRUE(HashDelete(t, 0, "s", V({"a"})).status().IsWrongType());
    EXPECT_TRUE(HashIncrBy(t, 0, "s", "a", 1).status().IsWrongType());
    EXPECT_TRUE(HashScan(t, 0, "s", 0, 10, std::nullopt).status().IsWrongType());
    EXPECT_TRUE(HashRandFields(t, 0, "s", 1, true).status().IsWrongType());
  });
}

TEST_F(HashTest, IncrBy) {
  Txn([&](KvTxn& t) {
    EXPECT_EQ(*HashIncrBy(t, 0, "h", "n", 5), 5);
    EXPECT_EQ(*HashIncrBy(t, 0, "h", "n", -7), -2);
    ASSERT_TRUE(HashSet(t, 0, "h", V({"s", "abc", "big", "9223372036854775807", "sp", " 1"})).ok());
    auto bad = HashIncrBy(t, 0, "h", "s", 1);
    EXPECT_EQ(bad.status().message(), "ERR hash value is not an integer");
    EXPECT_EQ(HashIncrBy(t, 0, "h", "sp", 1).status().message(),
              "ERR hash value is not an integer");
    auto over = HashIncrBy(t, 0, "h", "big", 1);
    EXPECT_EQ(over.status().message(), "ERR increment or decrement would overflow");
    std::string v;
    ASSERT_OK(HashGet(t, 0, "h", "n", &v));
    EXPECT_EQ(v, "-2");
    EXPECT_EQ(*HashLen(t, 0, "h"), 4);
  });
}

TEST_F(HashTest, IncrByFloat) {
  Txn([&](KvTxn& t) {
    auto r = HashIncrByFloat(t, 0, "h", "f", 1.5L, &Fmt);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(*r, "1.500000");
    r = HashIncrByFloat(t, 0, "h", "f", 2.0L, &Fmt);
    EXPECT_EQ(*r, "3.500000");
    ASSERT_TRUE(HashSet(t, 0, "h", V({"s", "x1", "i", "inf"})).ok());
    EXPECT_EQ(HashIncrByFloat(t, 0, "h", "s", 1, &Fmt).status().message(),
              "ERR hash value is not a float");
    EXPECT_EQ(HashIncrByFloat(t, 0, "h", "i", 1, &Fmt).status().message(),
              "ERR increment would produce NaN or Infinity");
  });
  long double d;
  EXPECT_TRUE(ParseLongDouble("1.5e3", &d));
  EXPECT_EQ(d, 1500.0L);
  EXPECT_TRUE(ParseLongDouble("-inf", &d));
  EXPECT_FALSE(ParseLongDouble("nan", &d));
  EXPECT_FALSE(ParseLongDouble(" 1", &d));
  EXPECT_FALSE(ParseLongDouble("1x", &d));
  EXPECT_FALSE(ParseLongDouble("", &d));
  EXPECT_FALSE(ParseLongDouble("1e99999", &d));
}

TEST_F(HashTest, OverwriteByNewCollectionHidesOldFields) {
  Txn([&](KvTxn& t) { ASSERT_TRUE(HashSet(t, 0, "h", V({"a", "1", "b", "2"})).ok()); });
  // Removing the key and recreating it must not resurrect old fields.
  Txn([&](KvTxn& t) {
    auto st = t.Load(0, "h");
    ASSERT_TRUE(st.ok());
    ASSERT_OK(t.Remove(0, "h", *st));
  });
  EXPECT_EQ(store_->KeyCount(0), 0);
  Txn([&](KvTxn& t) {
    ASSERT_TRUE(HashSet(t, 0, "h", V({"c", "3"})).ok());
    EXPECT_EQ(*HashLen(t, 0, "h"), 1);
    std::string v;
    EXPECT_TRUE(HashGet(t, 0, "h", "a", &v).IsNotFound());
    EXPECT_EQ(HashGetAll(t, 0, "h")->size(), 1u);
  });
  EXPECT_EQ(store_->KeyCount(0), 1);
}

TEST_F(HashTest, ScanSmallHashInOnePage) {
  Txn([&](KvTxn& t) {
    std::vector<std::string> fv;
    for (int i = 0; i < 50; ++i) {
      fv.push_back("f" + std::to_string(i));
      fv.push_back("v");
    }
    ASSERT_TRUE(HashSet(t, 0, "h", fv).ok());
  });
  Txn([&](KvTxn& t) {
    auto page = HashScan(t, 0, "h", 0, 10, std::nullopt);
    ASSERT_TRUE(page.ok());
    EXPECT_EQ(page->cursor, 0u);
    EXPECT_EQ(page->entries.size(), 50u);
    page = HashScan(t, 0, "h", 0, 10, std::string("f1*"));
    EXPECT_EQ(page->entries.size(), 11u);  // f1, f10..f19
  });
  // A value longer than 64 bytes leaves the compact form: pages by COUNT.
  Txn([&](KvTxn& t) { ASSERT_TRUE(HashSet(t, 0, "h", V({"long", std::string(65, 'x')})).ok()); });
  Txn([&](KvTxn& t) {
    auto page = HashScan(t, 0, "h", 0, 10, std::nullopt);
    ASSERT_TRUE(page.ok());
    EXPECT_NE(page->cursor, 0u);
    EXPECT_EQ(page->entries.size(), 10u);
  });
}

TEST_F(HashTest, ScanBigHashWithCursors) {
  Txn([&](KvTxn& t) {
    std::vector<std::string> fv;
    for (int i = 0; i < 600; ++i) {
      fv.push_back("f" + std::to_string(i));
      fv.push_back(std::to_string(i));
    }
    ASSERT_TRUE(HashSet(t, 0, "h", fv).ok());
  });
  std::set<std::string> seen;
  uint64_t cursor = 0;
  int pages = 0;
  do {
    Txn([&](KvTxn& t) {
      auto page = HashScan(t, 0, "h", cursor, 25, std::nullopt);
      ASSERT_TRUE(page.ok());
      EXPECT_LE(page->entries.size(), 25u);
      for (auto& e : page->entries) EXPECT_TRUE(seen.insert(e.sub).second) << e.sub;
      cursor = page->cursor;
    });
    ASSERT_LT(++pages, 100);
  } while (cursor != 0);
  EXPECT_EQ(seen.size(), 600u);
  EXPECT_EQ(pages, 24);
  // An unknown cursor restarts the walk.
  Txn([&](KvTxn& t) {
    auto page = HashScan(t, 0, "h", 987654321, 25, std::nullopt);
    ASSERT_TRUE(page.ok());
    ASSERT_FALSE(page->entries.empty());
    EXPECT_EQ(page->entries[0].sub, "f0");
    EXPECT_NE(page->cursor, 0u);
  });
}

TEST_F(HashTest, RandFields) {
  Txn([&](KvTxn& t) { ASSERT_TRUE(HashSet(t, 0, "h", V({"a", "1", "b", "2", "c", "3"})).ok()); });
  Txn([&](KvTxn& t) {
    auto r = HashRandFields(t, 0, "h", 2, true);
    ASSERT_TRUE(r.ok());
    ASSERT_EQ(r->size(), 2u);
    EXPECT_NE((*r)[0].sub, (*r)[1].sub);
    r = HashRandFields(t, 0, "h", 10, true);
    EXPECT_EQ(r->size(), 3u);
    r = HashRandFields(t, 0, "h", 10, false);
    EXPECT_EQ(r->size(), 10u);
    for (auto& e : *r) EXPECT_EQ(e.value, e.sub == "a" ? "1" : e.sub == "b" ? "2" : "3");
    EXPECT_TRUE(HashRandFields(t, 0, "nokey", 3, false)->empty());
  });
}

}  // namespace
}  // namespace tetradb::kv
