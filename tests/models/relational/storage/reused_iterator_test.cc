// Plain forward scans reuse the transaction's engine iterators (a join's
// inner side scans one index once per outer row, and the next scan usually
// starts where the last one stopped). Whatever order the scans come in,
// however far each got, and whatever the transaction wrote in between, every
// scan must return what a scan with a fresh iterator would.
#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <memory>

#include "tests/models/relational/storage/storage_test_util.h"

namespace tetradb::rel {
namespace {

using namespace testing;  // NOLINT

class ReusedIteratorTest : public DbFixture {
 protected:
  void SetUp() override {
    DbFixture::SetUp();
    TableDef items;
    items.name = "items";
    items.columns = {Col("id", IntType(), false), Col("grp", IntType())};
    items.primary_key = {0};
    items.indexes = {Index("by_grp", {1})};
    ASSERT_SQL_OK(db_->CreateTable(items, false));
    def_ = Table("items");
    auto txn = db_->Begin();
    for (int64_t id = 1; id <= 200; ++id) {
      Row r = {I(id), I((id - 1) / 10)};
      ASSERT_SQL_OK(txn->Insert(*def_, &r));
      grp_[id] = (id - 1) / 10;
    }
    ASSERT_SQL_OK(txn->Commit());
  }

  std::unique_ptr<RowCursor> Open(RelTxn* txn, int64_t lo, int64_t hi, bool by_pk = false) {
    KeyBounds b;
    b.lower = {I(lo)};
    b.upper = {I(hi)};
    auto cursor = by_pk ? txn->ScanPk(*def_, b, LockMode::kNone)
                        : txn->ScanIndex(*def_, def_->indexes[0], b, LockMode::kNone);
    EXPECT_TRUE(cursor.ok());
    return cursor.ok() ? std::move(*cursor) : nullptr;
  }

  // ids of a scan of groups (or ids, by_pk) [lo, hi], at most `max` of them.
  std::vector<int64_t> Scan(RelTxn* txn, int64_t lo, int64_t hi, bool by_pk = false,
                            size_t max = SIZE_MAX) {
    std::vector<int64_t> ids;
    auto cursor = Open(txn, lo, hi, by_pk);
    if (cursor == nullptr) return ids;
    while (ids.size() < max) {
      auto next = cursor->Next();
      EXPECT_TRUE(next.ok());
      if (!next.ok() || !*next) break;
      ids.push_back(cursor->row()[0].int_value());
    }
    return ids;
  }

  std::vector<int64_t> Expected(int64_t lo, int64_t hi, bool by_pk = false) const {
    std::vector<std::pair<int64_t, int64_t>> keys;
    for (const auto& [id, grp] : grp_) {
      int64_t v = by_pk ? id : grp;
      if (v >= lo && v <= hi) keys.emplace_back(v, id);
    }
    std::sort(keys.begin(), keys.end());
    std::vector<int64_t> ids;
    for (const auto& k : keys) ids.push_back(k.second);
    return ids;
  }

  std::shared_ptr<const TableDef> def_;
  std::map<int64_t, int64_t> grp_;  // id -> grp
};

TEST_F(ReusedIteratorTest, ScansInAnyOrderMatchFreshScans) {
  auto txn = db_->Begin();
  // Ascending neighbours (the join's pattern), gaps, going back, repeats,
  // empty groups past the end and before the start.
  for (int64_t g : {0, 1, 2, 5, 6, 6, 3, 19, 25, 0, 7, -3, 8}) {
    SCOPED_TRACE(g);
    EXPECT_EQ(Scan(txn.get(), g, g), Expected(g, g));
  }
  EXPECT_EQ(Scan(txn.get(), 4, 9), Expected(4, 9));
  EXPECT_EQ(Scan(txn.get(), 9, 12), Expected(9, 12));
  // Primary key ranges share the rows iterator with the index scans' row reads.
  EXPECT_EQ(Scan(txn.get(), 15, 18, true), Expected(15, 18, true));
  EXPECT_EQ(Scan(txn.get(), 19, 40, true), Expected(19, 40, true));
  EXPECT_EQ(Scan(txn.get(), 3, 4, true), Expected(3, 4, true));
}

TEST_F(ReusedIteratorTest, AbandonedScansLeaveNothingOut) {
  auto txn = db_->Begin();
  // A scan stopped after a few rows (LIMIT), then the same range and the
  // next one.
  EXPECT_EQ(Scan(txn.get(), 3, 3, false, 2), (std::vector<int64_t>{31, 32}));
  EXPECT_EQ(Scan(txn.get(), 3, 3), Expected(3, 3));
  EXPECT_EQ(Scan(txn.get(), 3, 4, false, 12),
            (std::vector<int64_t>{31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41, 42}));
  EXPECT_EQ(Scan(txn.get(), 4, 4), Expected(4, 4));
  EXPECT_EQ(Scan(txn.get(), 50, 60, true, 1), (std::vector<int64_t>{50}));
  EXPECT_EQ(Scan(txn.get(), 51, 53, true), Expected(51, 53, true));
  // An empty range (lower bound above the upper one), then ranges between.
  EXPECT_TRUE(Scan(txn.get(), 12, 8).empty());
  EXPECT_EQ(Scan(txn.get(), 9, 9), Expected(9, 9));
  EXPECT_TRUE(Scan(txn.get(), 70, 40, true).empty());
  EXPECT_EQ(Scan(txn.get(), 45, 46, true), Expected(45, 46, true));
  // A scan opened but never read.
  { auto unused = Open(txn.get(), 6, 6); }
  EXPECT_EQ(Scan(txn.get(), 5, 6), Expected(5, 6));
}

TEST_F(ReusedIteratorTest, NestedScansOfOneIndex) {
  auto txn = db_->Begin();
  // Outer scan over groups 2..4; for each of its rows an inner scan of the
  // next group (both on by_grp at once).
  auto outer = Open(txn.get(), 2, 4);
  std::vector<int64_t> seen;
  size_t inner_rows = 0;
  while (true) {
    auto next = outer->Next();
    ASSERT_TRUE(next.ok());
    if (!*next) break;
    int64_t g = outer->row()[1].int_value();
    seen.push_back(outer->row()[0].int_value());
    EXPECT_EQ(Scan(txn.get(), g + 1, g + 1), Expected(g + 1, g + 1));
    ++inner_rows;
  }
  EXPECT_EQ(seen, Expected(2, 4));
  EXPECT_EQ(inner_rows, 30u);
}

TEST_F(ReusedIteratorTest, OwnWritesBetweenScansAreSeen) {
  auto txn = db_->Begin();
  EXPECT_EQ(Scan(txn.get(), 1, 1), Expected(1, 1));
  // Into the group the reused iterator would start from, into one it
  // passed, and out of the next one.
  Row a = {I(500), I(2)};
  ASSERT_SQL_OK(txn->Insert(*def_, &a));
  grp_[500] = 2;
  Row b = {I(501), I(0)};
  ASSERT_SQL_OK(txn->Insert(*def_, &b));
  grp_[501] = 0;
  ASSERT_SQL_OK(txn->Delete(*def_, Row{I(35), I(3)}));
  grp_.erase(35);
  for (int64_t g : {2, 3, 0, 4}) {
    SCOPED_TRACE(g);
    EXPECT_EQ(Scan(txn.get(), g, g), Expected(g, g));
  }
  EXPECT_EQ(Scan(txn.get(), 30, 40, true), Expected(30, 40, true));
  // A write while a scan is open: the scan goes on, later scans see it.
  auto open = Open(txn.get(), 5, 5);
  ASSERT_TRUE(open->Next().ok());
  Row c = {I(502), I(6)};
  ASSERT_SQL_OK(txn->Insert(*def_, &c));
  grp_[502] = 6;
  open.reset();
  EXPECT_EQ(Scan(txn.get(), 6, 6), Expected(6, 6));
  // A statement rolled back to its savepoint takes its rows with it.
  ASSERT_SQL_OK(txn->SetSavePoint());
  Row d = {I(503), I(7)};
  ASSERT_SQL_OK(txn->Insert(*def_, &d));
  std::vector<int64_t> with_d = Expected(7, 7);
  with_d.push_back(503);
  EXPECT_EQ(Scan(txn.get(), 7, 7), with_d);
  ASSERT_SQL_OK(txn->RollbackToSavePoint());
  EXPECT_EQ(Scan(txn.get(), 7, 7), Expected(7, 7));
}

TEST_F(ReusedIteratorTest, OtherTransactionsCommitsStayInvisible) {
  auto txn = db_->Begin();
  EXPECT_EQ(Scan(txn.get(), 1, 1), Expected(1, 1));
  ASSERT_SQL_OK(InsertRow("items", Row{I(600), I(2)}));
  // Consistent read: the snapshot of the first read, reused iterator or not.
  EXPECT_EQ(Scan(txn.get(), 2, 2), Expected(2, 2));
  auto later = db_->Begin();
  grp_[600] = 2;
  EXPECT_EQ(Scan(later.get(), 2, 2), Expected(2, 2));
}

}  // namespace
}  // namespace tetradb::rel
