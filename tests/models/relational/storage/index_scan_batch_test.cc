// Plain (non-locking) index scans fetch rows a batch at a time, walking one
// rows iterator in key order when the rows are neighbours and switching to
// point reads when they are scattered. Whatever the layout, a scan must
// return exactly the rows whose current index entry it passes, in index
// order, in both directions, with the transaction's own writes.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <tuple>

#include "tests/models/relational/storage/storage_test_util.h"

namespace tetradb::rel {
namespace {

using namespace testing;  // NOLINT

class IndexScanBatchTest : public DbFixture {
 protected:
  void SetUp() override {
    DbFixture::SetUp();
    // items(id INT PRIMARY KEY, grp INT, tag INT), index by_grp(grp), by_tag(tag)
    TableDef items;
    items.name = "items";
    items.columns = {Col("id", IntType(), false), Col("grp", IntType()), Col("tag", IntType())};
    items.primary_key = {0};
    items.indexes = {Index("by_grp", {1}), Index("by_tag", {2})};
    ASSERT_SQL_OK(db_->CreateTable(items, false));
  }

  // ids of a scan of `index` within [lo, hi] (empty bounds: all).
  std::vector<int64_t> Scan(RelTxn* txn, const std::string& index, std::vector<Value> lo,
                            std::vector<Value> hi, bool reverse, LockMode lock = LockMode::kNone) {
    auto def = Table("items");
    const IndexDef* idx = nullptr;
    for (const IndexDef& i : def->indexes) {
      if (i.name == index) idx = &i;
    }
    EXPECT_NE(idx, nullptr);
    KeyBounds b;
    b.lower = std::move(lo);
    b.upper = std::move(hi);
    auto cursor = txn->ScanIndex(*def, *idx, b, lock, reverse);
    EXPECT_TRUE(cursor.ok());
    std::vector<int64_t> ids;
    if (!cursor.ok()) return ids;
    while (true) {
      auto next = (*cursor)->Next();
      EXPECT_TRUE(next.ok()) << next.error().ToString();
      if (!next.ok() || !*next) break;
      ids.push_back((*cursor)->row()[0].int_value());
    }
    // Past the end stays past the end.
    auto again = (*cursor)->Next();
    EXPECT_TRUE(again.ok() && !*again);
    return ids;
  }

  // The ids in index order (column value, then id) among `rows`.
  static std::vector<int64_t> Expected(const std::map<int64_t, std::pair<int64_t, int64_t>>& rows,
                                       bool by_grp, int64_t lo, int64_t hi, bool reverse) {
    std::vector<std::pair<int64_t, int64_t>> keys;
    for (const auto& [id, cols] : rows) {
      int64_t v = by_grp ? cols.first : cols.second;
      if (v >= lo && v <= hi) keys.emplace_back(v, id);
    }
    std::sort(keys.begin(), keys.end());
    if (reverse) std::reverse(keys.begin(), keys.end());
    std::vector<int64_t> ids;
    for (const auto& k : keys) ids.push_back(k.second);
    return ids;
  }
};

TEST_F(IndexScanBatchTest, ClusteredAndScatteredRowsInBothDirectionsWithOwnWrites) {
  auto def = Table("items");
  // grp: 10 neighbouring ids per group (clustered rows); tag: ids spread
  // over the whole table (scattered rows).
  std::map<int64_t, std::pair<int64_t, int64_t>> rows;
  {
    auto txn = db_->Begin();
    for (int64_t id = 1; id <= 500; ++id) {
      int64_t grp = (id - 1) / 10;
      int64_t tag = (id * 37) % 23;
      Row r = {I(id), I(grp), I(tag)};
      ASSERT_SQL_OK(txn->Insert(*def, &r));
      rows[id] = {grp, tag};
    }
    ASSERT_SQL_OK(txn->Commit());
  }
  auto txn = db_->Begin();
  // Own writes: delete some rows, move some between groups and tags,
  // insert new ones (in the middle of clusters and at the ends).
  for (int64_t id = 5; id <= 500; id += 7) {
    Row old = {I(id), I(rows[id].first), I(rows[id].second)};
    ASSERT_SQL_OK(txn->Delete(*def, old));
    rows.erase(id);
  }
  for (int64_t id = 3; id <= 500; id += 11) {
    if (!rows.count(id)) continue;
    Row old = {I(id), I(rows[id].first), I(rows[id].second)};
    Row moved = {I(id), I(49 - rows[id].first), I((rows[id].second + 5) % 23)};
    ASSERT_SQL_OK(txn->Update(*def, old, moved));
    rows[id] = {49 - rows[id].first, (rows[id].second + 5) % 23};
  }
  for (int64_t id = 1000; id < 1040; ++id) {
    Row r = {I(id), I(id % 3), I(id % 23)};
    ASSERT_SQL_OK(txn->Insert(*def, &r));
    rows[id] = {id % 3, id % 23};
  }

  // Bounded scans also check the transaction's own writes against the
  // bounds (the engine's iterator bounds do not cover them).
  for (LockMode lock : {LockMode::kNone, LockMode::kForUpdate}) {
    for (bool reverse : {false, true}) {
      SCOPED_TRACE(::testing::Message() << "reverse=" << reverse
                                        << " locking=" << (lock == LockMode::kForUpdate));
      EXPECT_EQ(Scan(txn.get(), "by_grp", {}, {}, reverse, lock),
                Expected(rows, true, INT64_MIN, INT64_MAX, reverse));
      EXPECT_EQ(Scan(txn.get(), "by_tag", {}, {}, reverse, lock),
                Expected(rows, false, INT64_MIN, INT64_MAX, reverse));
      EXPECT_EQ(Scan(txn.get(), "by_grp", {I(2)}, {I(4)}, reverse, lock),
                Expected(rows, true, 2, 4, reverse));
      EXPECT_EQ(Scan(txn.get(), "by_tag", {I(7)}, {I(7)}, reverse, lock),
                Expected(rows, false, 7, 7, reverse));
      EXPECT_TRUE(Scan(txn.get(), "by_grp", {I(1000)}, {I(2000)}, reverse, lock).empty());
    }
  }
  // Another transaction sees only the committed rows.
  auto other = db_->Begin();
  std::vector<int64_t> committed = Scan(other.get(), "by_grp", {I(0)}, {I(0)}, false);
  EXPECT_EQ(committed, (std::vector<int64_t>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}));
}

}  // namespace
}  // namespace tetradb::rel
