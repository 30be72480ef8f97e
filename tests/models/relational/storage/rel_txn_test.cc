// RelTxn against a real engine: writes with their constraints, reads and
// cursors, isolation and locking.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <thread>

#include "tests/models/relational/storage/storage_test_util.h"

namespace tetradb::rel {
namespace {

using namespace testing;  // NOLINT

class RelTxnTest : public DbFixture {
 protected:
  void SetUp() override {
    DbFixture::SetUp();
    // users(id INT AUTO_INCREMENT PRIMARY KEY, email VARCHAR UNIQUE, name VARCHAR)
    TableDef users;
    users.name = "users";
    users.columns = {AutoCol("id"), Col("email", VarcharType()), Col("name", VarcharType())};
    users.primary_key = {0};
    users.indexes = {Index("email", {1}, true), Index("by_name", {2})};
    ASSERT_SQL_OK(db_->CreateTable(users, false));
  }

  void CreateOrders(FkAction on_delete, FkAction on_update = FkAction::kRestrict) {
    TableDef orders;
    orders.name = "orders";
    orders.columns = {AutoCol("id"), Col("user_id", IntType()), Col("note", VarcharType())};
    orders.primary_key = {0};
    orders.foreign_keys = {Fk("fk_user", {1}, "users", {"id"}, on_delete, on_update)};
    ASSERT_SQL_OK(db_->CreateTable(orders, false));
  }

  std::optional<Row> Get(const std::string& table, int64_t id, RelTxn* txn = nullptr,
                         LockMode lock = LockMode::kNone) {
    std::unique_ptr<RelTxn> own;
    if (!txn) {
      own = db_->Begin();
      txn = own.get();
    }
    Row row;
    auto found = txn->GetByPk(*Table(table), {I(id)}, lock, &row);
    EXPECT_TRUE(found.ok()) << found.error().ToString();
    if (!found.ok() || !*found) return std::nullopt;
    return row;
  }

  std::vector<Row> Collect(SqlResult<std::unique_ptr<RowCursor>> cursor) {
    std::vector<Row> rows;
    EXPECT_TRUE(cursor.ok()) << (cursor.ok() ? "" : cursor.error().ToString());
    if (!cursor.ok()) return rows;
    while (true) {
      auto next = (*cursor)->Next();
      EXPECT_TRUE(next.ok()) << next.error().ToString();
      if (!next.ok() || !*next) break;
      rows.push_back((*cursor)->row());
    }
    return rows;
  }

  std::vector<int64_t> Ids(const std::vector<Row>& rows) {
    std::vector<int64_t> ids;
    for (const Row& r : rows) ids.push_back(r[0].int_value());
    return ids;
  }
};

TEST_F(RelTxnTest, InsertFillsAutoIncrementAndReadsBack) {
  auto txn = db_->Begin();
  auto users = Table("users");
  Row a = {Null(), S("a@x"), S("Ann")};
  ASSERT_SQL_OK(txn->Insert(*users, &a));
  EXPECT_EQ(a[0], I(1));
  EXPECT_EQ(txn->last_insert_id(), 1u);
  Row b = {I(0), S("b@x"), S("Bob")};  // 0 also asks for the next value
  ASSERT_SQL_OK(txn->Insert(*users, &b));
  EXPECT_EQ(b[0], I(2));
  Row c = {I(10), S("c@x"), S("Cy")};  // explicit: moves the counter
  ASSERT_SQL_OK(txn->Insert(*users, &c));
  EXPECT_EQ(txn->last_insert_id(), 2u);  // only generated values count
  Row d = {Null(), S("d@x"), S("Di")};
  ASSERT_SQL_OK(txn->Insert(*users, &d));
  EXPECT_EQ(d[0], I(11));
  // The transaction sees its own writes; others do not until commit.
  EXPECT_TRUE(Get("users", 11, txn.get()).has_value());
  EXPECT_FALSE(Get("users", 11).has_value());
  ASSERT_SQL_OK(txn->Commit());
  auto row = Get("users", 2);
  ASSERT_TRUE(row.has_value());
  EXPECT_EQ(*row, (Row{I(2), S("b@x"), S("Bob")}));
  EXPECT_EQ(AllRows("users").size(), 4u);
}

TEST_F(RelTxnTest, DuplicatePrimaryKeyAndUniqueValueAreRefusedWithMysqlMessages) {
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("Ann")}));
  SqlStatus s = InsertRow("users", {I(1), S("other@x"), S("X")});
  EXPECT_EQ(Describe(s), "1062 (23000): Duplicate entry '1' for key 'users.PRIMARY'");
  s = InsertRow("users", {I(2), S("a@x"), S("X")});
  EXPECT_EQ(Describe(s), "1062 (23000): Duplicate entry 'a@x' for key 'users.email'");
  // Nothing of the failed rows stays behind, index entries included.
  EXPECT_EQ(AllRows("users").size(), 1u);
  EXPECT_EQ(IndexEntries(Table("users")->FindIndex("by_name")->id), 1u);
  EXPECT_EQ(IndexEntries(Table("users")->FindIndex("email")->id), 1u);
}

TEST_F(RelTxnTest, UniqueIndexAllowsRepeatedNulls) {
  ASSERT_SQL_OK(InsertRow("users", {I(1), Null(), S("A")}));
  ASSERT_SQL_OK(InsertRow("users", {I(2), Null(), S("B")}));
  ASSERT_SQL_OK(InsertRow("users", {I(3), S("x"), S("C")}));
  auto users = Table("users");
  auto txn = db_->Begin();
  const IndexDef& email = *users->FindIndex("email");
  // NULLs sort first; the index scan finds the rows of both forms.
  EXPECT_EQ(Ids(Collect(txn->ScanIndex(*users, email, {}, LockMode::kNone))),
            (std::vector<int64_t>{1, 2, 3}));
  // A NULL lower bound, exclusive, skips the NULLs (as `email > ...` must).
  KeyBounds not_null{.lower = {Null()}, .lower_inclusive = false};
  EXPECT_EQ(Ids(Collect(txn->ScanIndex(*users, email, not_null, LockMode::kNone))),
            (std::vector<int64_t>{3}));
  KeyBounds x{.lower = {S("x")}, .upper = {S("x")}};
  EXPECT_EQ(Ids(Collect(txn->ScanIndex(*users, email, x, LockMode::kNone))),
            (std::vector<int64_t>{3}));
  // Setting a NULL to a taken value is a duplicate; to another NULL is not.
  Row one = *Get("users", 1);
  Row changed = one;
  changed[1] = S("x");
  EXPECT_EQ(txn->Update(*users, one, changed).code(), 1062);
  changed[2] = S("renamed");
  changed[1] = Null();
  EXPECT_SQL_OK(txn->Update(*users, one, changed));
}

TEST_F(RelTxnTest, CompositeKeyDuplicatesPrintJoinedValues) {
  TableDef t;
  t.name = "pairs";
  t.columns = {Col("a", IntType()), Col("b", VarcharType())};
  t.primary_key = {0, 1};
  ASSERT_SQL_OK(db_->CreateTable(t, false));
  ASSERT_SQL_OK(InsertRow("pairs", {I(1), S("x")}));
  ASSERT_SQL_OK(InsertRow("pairs", {I(1), S("y")}));
  EXPECT_EQ(Describe(InsertRow("pairs", {I(1), S("x")})),
            "1062 (23000): Duplicate entry '1-x' for key 'pairs.PRIMARY'");
  // A prefix of the primary key as bounds.
  auto txn = db_->Begin();
  auto rows = Collect(txn->ScanPk(*Table("pairs"), {.lower = {I(1)}, .upper = {I(1)}},
                                  LockMode::kNone, /*reverse=*/true));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0][1], S("y"));
}

TEST_F(RelTxnTest, ScanBoundsAndDirection) {
  for (int i = 1; i <= 9; ++i) {
    ASSERT_SQL_OK(
        InsertRow("users", {I(i), S("u" + std::to_string(i)), S(i % 2 ? "odd" : "even")}));
  }
  auto users = Table("users");
  auto txn = db_->Begin();
  auto scan = [&](KeyBounds b, bool reverse = false) {
    return Ids(Collect(txn->ScanPk(*users, b, LockMode::kNone, reverse)));
  };
  using V = std::vector<int64_t>;
  EXPECT_EQ(scan({.lower = {I(3)}, .upper = {I(5)}}), (V{3, 4, 5}));
  EXPECT_EQ(
      scan({.lower = {I(3)}, .lower_inclusive = false, .upper = {I(5)}, .upper_inclusive = false}),
      (V{4}));
  EXPECT_EQ(scan({.lower = {I(7)}}), (V{7, 8, 9}));
  EXPECT_EQ(scan({.upper = {I(2)}}), (V{1, 2}));
  EXPECT_EQ(scan({.lower = {I(2)}, .upper = {I(4)}}, true), (V{4, 3, 2}));
  // Bounds of another kind convert when exact ('5' and 5.00 for an INT key).
  EXPECT_EQ(scan({.lower = {S("5")}, .upper = {Value::Dec(*Decimal::Parse("6.00"))}}), (V{5, 6}));
  // ... and fail when not: the caller filters instead.
  KeyBounds bad{.lower = {Value::Dec(*Decimal::Parse("5.5"))}};
  EXPECT_EQ(txn->ScanPk(*users, bad, LockMode::kNone).status().code(), 1105);
  EXPECT_FALSE(ConvertBounds(*users, users->primary_key, &bad));
  KeyBounds good{.lower = {S("5")}};
  EXPECT_TRUE(ConvertBounds(*users, users->primary_key, &good));
  EXPECT_EQ(good.lower[0], I(5));

  // Index order: by value, ties by primary key; reverse too.
  const IndexDef& by_name = *users->FindIndex("by_name");
  EXPECT_EQ(Ids(Collect(txn->ScanIndex(
                *users, by_name, {.lower = {S("even")}, .upper = {S("even")}}, LockMode::kNone))),
            (V{2, 4, 6, 8}));
  EXPECT_EQ(Ids(Collect(txn->ScanIndex(*users, by_name, {}, LockMode::kNone, true))),
            (V{9, 7, 5, 3, 1, 8, 6, 4, 2}));
}

TEST_F(RelTxnTest, UpdateRewritesOnlyChangedEntriesAndMovesThePrimaryKey) {
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("Ann")}));
  ASSERT_SQL_OK(InsertRow("users", {I(2), S("b@x"), S("Bob")}));
  auto users = Table("users");
  auto txn = db_->Begin();
  Row old = *Get("users", 1, txn.get(), LockMode::kForUpdate);
  Row moved = {I(5), S("a@x"), S("Anna")};
  ASSERT_SQL_OK(txn->Update(*users, old, moved));
  // Moving onto an existing key is a duplicate and changes nothing.
  Row bob = *Get("users", 2, txn.get());
  EXPECT_EQ(Describe(txn->Update(*users, bob, {I(5), S("b@x"), S("Bob")})),
            "1062 (23000): Duplicate entry '5' for key 'users.PRIMARY'");
  EXPECT_EQ(Describe(txn->Update(*users, bob, {I(2), S("a@x"), S("Bob")})),
            "1062 (23000): Duplicate entry 'a@x' for key 'users.email'");
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_FALSE(Get("users", 1).has_value());
  EXPECT_EQ(*Get("users", 5), moved);
  EXPECT_EQ(*Get("users", 2), (Row{I(2), S("b@x"), S("Bob")}));
  EXPECT_EQ(IndexEntries(users->FindIndex("email")->id), 2u);
  EXPECT_EQ(IndexEntries(users->FindIndex("by_name")->id), 2u);
  auto check = db_->Begin();
  auto anna =
      Collect(check->ScanIndex(*users, *users->FindIndex("by_name"),
                               {.lower = {S("Anna")}, .upper = {S("Anna")}}, LockMode::kNone));
  EXPECT_EQ(Ids(anna), (std::vector<int64_t>{5}));
  // The explicit 5 moved the AUTO_INCREMENT counter.
  Row next = {Null(), S("n@x"), S("N")};
  ASSERT_SQL_OK(check->Insert(*users, &next));
  EXPECT_EQ(next[0], I(6));
}

TEST_F(RelTxnTest, DeleteRemovesRowAndIndexEntries) {
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("Ann")}));
  auto users = Table("users");
  auto txn = db_->Begin();
  ASSERT_SQL_OK(txn->Delete(*users, *Get("users", 1, txn.get())));
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_EQ(RowEntries(users->id), 0u);
  EXPECT_EQ(IndexEntries(users->FindIndex("email")->id), 0u);
  EXPECT_EQ(IndexEntries(users->FindIndex("by_name")->id), 0u);
  // The unique value is free again.
  EXPECT_SQL_OK(InsertRow("users", {I(2), S("a@x"), S("Ann")}));
}

TEST_F(RelTxnTest, ForeignKeyRestrict) {
  CreateOrders(FkAction::kRestrict);
  const std::string constraint =
      "(`tetradb`.`orders`, CONSTRAINT `fk_user` FOREIGN KEY (`user_id`) REFERENCES `users` "
      "(`id`))";
  EXPECT_EQ(Describe(InsertRow("orders", {Null(), I(1), S("x")})),
            "1452 (23000): Cannot add or update a child row: a foreign key constraint fails " +
                constraint);
  EXPECT_SQL_OK(InsertRow("orders", {Null(), Null(), S("no user")}));  // NULL is not checked
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("Ann")}));
  ASSERT_SQL_OK(InsertRow("orders", {Null(), I(1), S("x")}));
  auto txn = db_->Begin();
  Row user = *Get("users", 1, txn.get());
  EXPECT_EQ(Describe(txn->Delete(*Table("users"), user)),
            "1451 (23000): Cannot delete or update a parent row: a foreign key constraint fails " +
                constraint);
  EXPECT_EQ(txn->Update(*Table("users"), user, {I(7), S("a@x"), S("Ann")}).code(), 1451);
  // Columns nobody references change freely.
  EXPECT_SQL_OK(txn->Update(*Table("users"), user, {I(1), S("a@x"), S("Anne")}));
  // A child may not move to a missing parent.
  Row order = *Get("orders", 2, txn.get());
  EXPECT_EQ(txn->Update(*Table("orders"), order, {I(2), I(9), S("x")}).code(), 1452);
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_EQ(AllRows("users").size(), 1u);
  EXPECT_EQ(AllRows("orders").size(), 2u);
}

TEST_F(RelTxnTest, ForeignKeyCascadeDelete) {
  CreateOrders(FkAction::kCascade);
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("Ann")}));
  ASSERT_SQL_OK(InsertRow("users", {I(2), S("b@x"), S("Bob")}));
  for (int i = 0; i < 3; ++i) ASSERT_SQL_OK(InsertRow("orders", {Null(), I(1), S("a")}));
  ASSERT_SQL_OK(InsertRow("orders", {Null(), I(2), S("b")}));
  auto txn = db_->Begin();
  ASSERT_SQL_OK(txn->Delete(*Table("users"), *Get("users", 1, txn.get())));
  ASSERT_SQL_OK(txn->Commit());
  auto orders = AllRows("orders");
  ASSERT_EQ(orders.size(), 1u);
  EXPECT_EQ(orders[0][1], I(2));
  // The FK index holds only the surviving child.
  EXPECT_EQ(IndexEntries(Table("orders")->FindIndex("fk_user")->id), 1u);
}

TEST_F(RelTxnTest, ForeignKeySetNullAndCascadeUpdate) {
  CreateOrders(FkAction::kSetNull, FkAction::kCascade);
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("Ann")}));
  ASSERT_SQL_OK(InsertRow("orders", {I(1), I(1), S("a")}));
  ASSERT_SQL_OK(InsertRow("orders", {I(2), I(1), S("b")}));
  auto txn = db_->Begin();
  ASSERT_SQL_OK(
      txn->Update(*Table("users"), *Get("users", 1, txn.get()), {I(3), S("a@x"), S("Ann")}));
  EXPECT_EQ(*Get("orders", 1, txn.get()), (Row{I(1), I(3), S("a")}));
  EXPECT_EQ(*Get("orders", 2, txn.get()), (Row{I(2), I(3), S("b")}));
  ASSERT_SQL_OK(txn->Delete(*Table("users"), *Get("users", 3, txn.get())));
  EXPECT_EQ(*Get("orders", 1, txn.get()), (Row{I(1), Null(), S("a")}));
  ASSERT_SQL_OK(txn->Commit());
  for (const Row& r : AllRows("orders")) EXPECT_TRUE(r[1].is_null());
}

TEST_F(RelTxnTest, SelfReferencingCascadeAndItsDepthLimit) {
  TableDef t;
  t.name = "nodes";
  t.columns = {Col("id", IntType()), Col("parent", IntType())};
  t.primary_key = {0};
  t.foreign_keys = {Fk("fk_parent", {1}, "nodes", {"id"}, FkAction::kCascade)};
  ASSERT_SQL_OK(db_->CreateTable(t, false));
  ASSERT_SQL_OK(InsertRow("nodes", {I(1), I(1)}));  // a row may reference itself
  for (int i = 2; i <= 20; ++i) ASSERT_SQL_OK(InsertRow("nodes", {I(i), I(i - 1)}));
  auto nodes = Table("nodes");
  // Deleting node 15 cascades to 16..20 (5 levels).
  auto txn = db_->Begin();
  ASSERT_SQL_OK(txn->Delete(*nodes, *Get("nodes", 15, txn.get())));
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_EQ(AllRows("nodes").size(), 14u);
  // Deleting node 1 (its own parent) cascades through 2..14: 13 levels.
  txn = db_->Begin();
  ASSERT_SQL_OK(txn->Delete(*nodes, *Get("nodes", 1, txn.get())));
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_EQ(AllRows("nodes").size(), 0u);
  // 17 levels exceed MySQL's 15: the whole delete is undone.
  ASSERT_SQL_OK(InsertRow("nodes", {I(1), Null()}));
  for (int i = 2; i <= 18; ++i) ASSERT_SQL_OK(InsertRow("nodes", {I(i), I(i - 1)}));
  txn = db_->Begin();
  EXPECT_EQ(Describe(txn->Delete(*nodes, *Get("nodes", 1, txn.get()))),
            "3008 (HY000): Foreign key cascade delete/update exceeds max depth of 15.");
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_EQ(AllRows("nodes").size(), 18u);
}

TEST_F(RelTxnTest, PlainReadsSeeTheSnapshotLockingReadsTheLatest) {
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("old")}));
  auto reader = db_->Begin();
  auto writer = db_->Begin();
  auto users = Table("users");
  // The reader's first plain read takes its snapshot (InnoDB's consistent read).
  EXPECT_EQ((*Get("users", 1, reader.get()))[2], S("old"));
  Row row = *Get("users", 1, writer.get(), LockMode::kForUpdate);
  ASSERT_SQL_OK(writer->Update(*users, row, {I(1), S("a@x"), S("new")}));
  Row added = {I(2), S("b@x"), S("added")};
  ASSERT_SQL_OK(writer->Insert(*users, &added));
  ASSERT_SQL_OK(writer->Commit());

  EXPECT_EQ((*Get("users", 1, reader.get()))[2], S("old"));
  EXPECT_FALSE(Get("users", 2, reader.get()).has_value());
  EXPECT_EQ(Collect(reader->ScanPk(*users, {}, LockMode::kNone)).size(), 1u);
  EXPECT_EQ((*Get("users", 1, reader.get(), LockMode::kForUpdate))[2], S("new"));
  auto locked = Collect(reader->ScanPk(*users, {}, LockMode::kForUpdate));
  ASSERT_EQ(locked.size(), 2u);
  EXPECT_EQ(locked[0][2], S("new"));
  auto by_index =
      Collect(reader->ScanIndex(*users, *users->FindIndex("by_name"), {}, LockMode::kForUpdate));
  EXPECT_EQ(Ids(by_index), (std::vector<int64_t>{2, 1}));  // "added" < "new"
}

TEST_F(RelTxnTest, SnapshotIndexScanShowsOwnWritesOverLaterCommits) {
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("a")}));
  ASSERT_SQL_OK(InsertRow("users", {I(2), S("b@x"), S("k")}));
  auto users = Table("users");
  auto mine = db_->Begin();  // snapshot: names a, k
  auto other = db_->Begin();
  ASSERT_SQL_OK(other->Update(*users, *Get("users", 1, other.get()), {I(1), S("a@x"), S("b")}));
  ASSERT_SQL_OK(other->Update(*users, *Get("users", 2, other.get()), {I(2), S("b@x"), S("l")}));
  ASSERT_SQL_OK(other->Commit());
  // Locking reads see b and l; this transaction then writes over them.
  Row one = *Get("users", 1, mine.get(), LockMode::kForUpdate);
  ASSERT_SQL_OK(mine->Update(*users, one, {I(1), S("a@x"), S("c")}));
  ASSERT_SQL_OK(mine->Delete(*users, *Get("users", 2, mine.get(), LockMode::kForUpdate)));
  // The snapshot's entries a and k are stale: the row shows once, as its
  // own write left it, and the deleted row not at all.
  auto rows = Collect(mine->ScanIndex(*users, *users->FindIndex("by_name"), {}, LockMode::kNone));
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0], (Row{I(1), S("a@x"), S("c")}));
}

TEST_F(RelTxnTest, LockWaitTimesOutWith1205) {
  db_->set_lock_timeout_ms(100);
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("Ann")}));
  auto a = db_->Begin();
  auto b = db_->Begin();
  ASSERT_TRUE(Get("users", 1, a.get(), LockMode::kForUpdate).has_value());
  auto start = std::chrono::steady_clock::now();
  Row row;
  auto r = b->GetByPk(*Table("users"), {I(1)}, LockMode::kForUpdate, &row);
  auto waited = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().ToString(),
            "1205 (HY000): Lock wait timeout exceeded; try restarting transaction");
  EXPECT_LT(waited, std::chrono::seconds(2));
  // The statement failed; the transaction goes on and can write elsewhere.
  Row other = {I(2), S("b@x"), S("Bob")};
  EXPECT_SQL_OK(b->Insert(*Table("users"), &other));
  // An insert of the locked key waits too.
  Row dup = {I(1), S("z@x"), S("Z")};
  EXPECT_EQ(b->Insert(*Table("users"), &dup).code(), 1205);
  a->Rollback();
  ASSERT_SQL_OK(b->Commit());
  EXPECT_EQ(AllRows("users").size(), 2u);
}

// Named savepoints: rolling back undoes the writes after the savepoint but
// keeps every row lock taken since (InnoDB's behaviour; the engine alone
// would release them), through nested rollbacks and a release.
TEST_F(RelTxnTest, NamedSavepointRollbackKeepsLocks) {
  db_->set_lock_timeout_ms(100);
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("Ann")}));
  ASSERT_SQL_OK(InsertRow("users", {I(2), S("b@x"), S("Bob")}));
  auto users = Table("users");
  auto a = db_->Begin();
  auto b = db_->Begin();
  auto b_locks = [&](int64_t id) {
    Row row;
    return b->GetByPk(*users, {I(id)}, LockMode::kForUpdate, &row).ok();
  };
  ASSERT_SQL_OK(a->SetNamedSavepoint("outer"));
  ASSERT_TRUE(Get("users", 1, a.get(), LockMode::kForUpdate).has_value());
  ASSERT_SQL_OK(a->SetNamedSavepoint("Inner"));
  Row old2 = {I(2), S("b@x"), S("Bob")};
  Row new2 = {I(2), S("b@x"), S("Bobby")};
  ASSERT_SQL_OK(a->Update(*users, old2, new2));
  Row c = {I(3), S("c@x"), S("Cy")};
  ASSERT_SQL_OK(a->Insert(*users, &c));
  ASSERT_SQL_OK(a->RollbackToNamedSavepoint("INNER"));
  EXPECT_EQ(Get("users", 2, a.get(), LockMode::kNone)->at(2), S("Bob"));
  EXPECT_FALSE(Get("users", 3, a.get(), LockMode::kNone).has_value());
  EXPECT_FALSE(b_locks(2));
  Row c2 = {I(3), S("c2@x"), S("C2")};
  EXPECT_EQ(b->Insert(*users, &c2).code(), 1205);
  ASSERT_SQL_OK(a->RollbackToNamedSavepoint("outer"));
  EXPECT_EQ(a->RollbackToNamedSavepoint("inner").code(), 1305);
  EXPECT_FALSE(b_locks(1));
  EXPECT_FALSE(b_locks(2));
  ASSERT_SQL_OK(a->ReleaseNamedSavepoint("outer"));
  EXPECT_EQ(a->ReleaseNamedSavepoint("outer").code(), 1305);
  EXPECT_FALSE(b_locks(1));
  a->Rollback();
  EXPECT_TRUE(b_locks(1));
  EXPECT_TRUE(b_locks(2));
  ASSERT_SQL_OK(b->Commit());
  EXPECT_EQ(AllRows("users").size(), 2u);
}

TEST_F(RelTxnTest, LockCycleIsADeadlock) {
  db_->set_lock_timeout_ms(3000);
  ASSERT_SQL_OK(InsertRow("users", {I(1), S("a@x"), S("A")}));
  ASSERT_SQL_OK(InsertRow("users", {I(2), S("b@x"), S("B")}));
  auto a = db_->Begin();
  auto b = db_->Begin();
  ASSERT_TRUE(Get("users", 1, a.get(), LockMode::kForUpdate).has_value());
  ASSERT_TRUE(Get("users", 2, b.get(), LockMode::kForUpdate).has_value());
  int a_code = -1;
  std::thread t([&] {
    Row row;
    auto r = a->GetByPk(*Table("users"), {I(2)}, LockMode::kForUpdate, &row);
    a_code = r.ok() ? 0 : r.error().code;
    if (r.ok())
      a->Commit().ok();
    else
      a->Rollback();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  Row row;
  auto r = b->GetByPk(*Table("users"), {I(1)}, LockMode::kForUpdate, &row);
  int b_code = r.ok() ? 0 : r.error().code;
  if (r.ok())
    ASSERT_SQL_OK(b->Commit());
  else
    b->Rollback();
  t.join();
  // One of them is chosen as the victim; the other proceeds.
  EXPECT_TRUE((a_code == 1213 && b_code == 0) || (a_code == 0 && b_code == 1213))
      << a_code << " " << b_code;
}

TEST_F(RelTxnTest, TablesWithoutPrimaryKeyUseAHiddenRowId) {
  TableDef t;
  t.name = "log";
  t.columns = {Col("msg", VarcharType()), Col("n", IntType())};
  t.indexes = {Index("n", {1})};
  ASSERT_SQL_OK(db_->CreateTable(t, false));
  auto log = Table("log");
  ASSERT_TRUE(log->HasHiddenPrimaryKey());
  ASSERT_SQL_OK(InsertRow("log", {S("a"), I(1)}));
  ASSERT_SQL_OK(InsertRow("log", {S("a"), I(1)}));  // identical rows are fine
  ASSERT_SQL_OK(InsertRow("log", {S("b"), I(2)}));
  auto rows = AllRows("log");
  ASSERT_EQ(rows.size(), 3u);
  ASSERT_EQ(rows[0].size(), 3u);  // the hidden row id rides one past the columns
  EXPECT_EQ(rows[0][2], I(1));
  EXPECT_EQ(rows[2][2], I(3));
  auto txn = db_->Begin();
  Row second = rows[1];
  Row changed = {S("changed"), I(5)};  // the id may be left out of the new row
  ASSERT_SQL_OK(txn->Update(*log, second, changed));
  ASSERT_SQL_OK(txn->Delete(*log, rows[0]));
  ASSERT_SQL_OK(txn->Commit());
  rows = AllRows("log");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (Row{S("changed"), I(5), I(2)}));
  auto check = db_->Begin();
  Row by_id;
  ASSERT_TRUE(*check->GetByPk(*log, {I(3)}, LockMode::kNone, &by_id));
  EXPECT_EQ(by_id[0], S("b"));
  auto by_n = Collect(check->ScanIndex(*log, *log->FindIndex("n"), {}, LockMode::kNone));
  ASSERT_EQ(by_n.size(), 2u);
  EXPECT_EQ(by_n[0], (Row{S("b"), I(2), I(3)}));
  EXPECT_EQ(by_n[1], (Row{S("changed"), I(5), I(2)}));
}

TEST_F(RelTxnTest, StatementSavepointsUndoAFailedStatementOnly) {
  auto txn = db_->Begin();
  auto users = Table("users");
  Row a = {I(1), S("a@x"), S("A")};
  ASSERT_SQL_OK(txn->Insert(*users, &a));
  ASSERT_SQL_OK(txn->SetSavePoint());  // a two-row statement whose second row fails
  Row b = {I(2), S("b@x"), S("B")};
  ASSERT_SQL_OK(txn->Insert(*users, &b));
  Row c = {I(3), S("a@x"), S("C")};
  ASSERT_EQ(txn->Insert(*users, &c).code(), 1062);
  ASSERT_SQL_OK(txn->RollbackToSavePoint());
  ASSERT_SQL_OK(txn->Commit());
  EXPECT_EQ(Ids(AllRows("users")), (std::vector<int64_t>{1}));
}

TEST_F(RelTxnTest, DecimalAndUnsignedKeysScanInValueOrder) {
  TableDef prices;
  prices.name = "prices";
  prices.columns = {Col("amount", DecimalType(10, 2)), Col("big", BigIntType(true))};
  prices.primary_key = {0};
  prices.indexes = {Index("big", {1}, true)};
  ASSERT_SQL_OK(db_->CreateTable(prices, false));
  auto dec = [](const char* s) { return Value::Dec(*Decimal::Parse(s)); };
  ASSERT_SQL_OK(InsertRow("prices", {dec("2.25"), Value::UInt(UINT64_MAX)}));
  ASSERT_SQL_OK(InsertRow("prices", {dec("-1.50"), Value::UInt(1)}));
  ASSERT_SQL_OK(InsertRow("prices", {dec("0.00"), Value::UInt(1ULL << 63)}));
  ASSERT_SQL_OK(InsertRow("prices", {dec("-10.00"), Value::UInt(0)}));
  auto t = Table("prices");
  auto txn = db_->Begin();
  std::vector<std::string> order;
  for (const Row& r : Collect(txn->ScanPk(*t, {}, LockMode::kNone))) {
    order.push_back(r[0].decimal_value().ToString());
  }
  EXPECT_EQ(order, (std::vector<std::string>{"-10.00", "-1.50", "0.00", "2.25"}));
  std::vector<uint64_t> bigs;
  for (const Row& r : Collect(txn->ScanIndex(*t, *t->FindIndex("big"), {}, LockMode::kNone))) {
    bigs.push_back(r[1].uint_value());
  }
  EXPECT_EQ(bigs, (std::vector<uint64_t>{0, 1, 1ULL << 63, UINT64_MAX}));
  // An integer finds the DECIMAL key it equals.
  Row row;
  ASSERT_TRUE(*txn->GetByPk(*t, {I(0)}, LockMode::kNone, &row));
  EXPECT_EQ(row[1], Value::UInt(1ULL << 63));
  EXPECT_EQ(Describe(InsertRow("prices", {dec("2.25"), Value::UInt(7)})),
            "1062 (23000): Duplicate entry '2.25' for key 'prices.PRIMARY'");
  EXPECT_EQ(InsertRow("prices", {dec("3"), Value::UInt(UINT64_MAX)}).code(), 1062);
}

TEST_F(RelTxnTest, ConcurrentInsertsGetDistinctAutoIncrementValues) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 100;
  auto users = Table("users");
  std::vector<std::vector<int64_t>> got(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        auto txn = db_->Begin();
        Row row = {Null(), S(std::to_string(t) + "-" + std::to_string(i)), S("x")};
        SqlStatus s = txn->Insert(*users, &row);
        if (s.ok()) s = txn->Commit();
        if (s.ok()) got[t].push_back(row[0].int_value());
      }
    });
  }
  for (auto& th : threads) th.join();
  std::vector<int64_t> all;
  for (const auto& v : got) all.insert(all.end(), v.begin(), v.end());
  std::sort(all.begin(), all.end());
  ASSERT_EQ(all.size(), static_cast<size_t>(kThreads * kPerThread));
  EXPECT_EQ(std::adjacent_find(all.begin(), all.end()), all.end());
  EXPECT_EQ(all.front(), 1);
  EXPECT_EQ(all.back(), kThreads * kPerThread);
  EXPECT_EQ(AllRows("users").size(), all.size());
}

}  // namespace
}  // namespace tetradb::rel
