#include "engine/engine.h"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <thread>

#include <gtest/gtest.h>

#include "engine/key_format.h"
#include "engine/records_generated.h"
#include "tests/engine/test_util.h"

namespace tetradb {
namespace {

using testing::OpenEngine;
using testing::TempDir;

TEST(EngineTest, CreatesDirectoryAndEveryColumnFamily) {
  TempDir tmp;
  EngineOptions o;
  o.dir = tmp.path() + "/nested/data";
  auto e = OpenEngine(o);
  ASSERT_NE(e, nullptr);
  for (size_t i = 0; i < kNumCfs; ++i) {
    Cf cf = static_cast<Cf>(i);
    ASSERT_OK(e->Put(cf, "k", std::string(CfName(cf))));
  }
  for (size_t i = 0; i < kNumCfs; ++i) {
    std::string v;
    Cf cf = static_cast<Cf>(i);
    ASSERT_OK(e->Get(cf, "k", &v));
    EXPECT_EQ(v, CfName(cf));  // families are separate key spaces
  }
}

TEST(EngineTest, GetMissingKeyIsNotFoundAndLeavesValue) {
  TempDir tmp;
  auto e = OpenEngine({.dir = tmp.path()});
  std::string v = "unchanged";
  EXPECT_TRUE(e->Get(Cf::kKv, "nope", &v).IsNotFound());
  EXPECT_EQ(v, "unchanged");
}

TEST(EngineTest, SecondOpenOfSameDirectoryFailsNamingIt) {
  TempDir tmp;
  auto first = OpenEngine({.dir = tmp.path()});
  ASSERT_NE(first, nullptr);
  auto second = Engine::Open({.dir = tmp.path()});
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(second.status().IsBusy()) << second.status().ToString();
  EXPECT_NE(second.status().message().find(tmp.path()), std::string::npos);
  EXPECT_NE(second.status().message().find("in use"), std::string::npos);
}

TEST(EngineTest, PathThatIsAFileFailsNamingIt) {
  TempDir tmp;
  std::string file = tmp.path() + "/plain-file";
  std::ofstream(file) << "x";
  auto r = Engine::Open({.dir = file});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find(file), std::string::npos) << r.status().ToString();
}

class DurabilityTest : public ::testing::TestWithParam<Durability> {};

TEST_P(DurabilityTest, DataSurvivesCleanCloseAndReopen) {
  TempDir tmp;
  {
    auto e = OpenEngine({.dir = tmp.path(), .durability = GetParam()});
    ASSERT_OK(e->Put(Cf::kRows, "row", "value"));
    {
      auto txn = e->BeginTransaction();
      ASSERT_OK(txn->Put(Cf::kDocs, "doc", "d"));
      ASSERT_OK(txn->Put(Cf::kGraphEdges, "edge", "e"));
      ASSERT_OK(txn->Commit());
    }
    ASSERT_OK(e->Close());
  }
  auto e = OpenEngine({.dir = tmp.path(), .durability = GetParam()});
  std::string v;
  ASSERT_OK(e->Get(Cf::kRows, "row", &v));
  EXPECT_EQ(v, "value");
  ASSERT_OK(e->Get(Cf::kDocs, "doc", &v));
  ASSERT_OK(e->Get(Cf::kGraphEdges, "edge", &v));
}

INSTANTIATE_TEST_SUITE_P(AllSettings, DurabilityTest,
                         ::testing::Values(Durability::kSync, Durability::kOs, Durability::kNone),
                         [](const auto& info) { return std::string(DurabilityName(info.param)); });

// Runs `body` in a child process and waits for it. The body ends with
// ::_exit(0), before its locals are destroyed: the child dies without
// closing anything, as a crashed server.
template <typename Body>
void InCrashingChild(Body body) {
  pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    body();
    ::_exit(0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << status;
}

// Under kOs every commit is in the log file when it returns, unless the
// thread defers it; deferred commits reach the file at the next FlushWal,
// made by any thread.
TEST(EngineTest, DeferredCommitsReachTheLogOnlyAtFlushWal) {
  TempDir tmp;
  InCrashingChild([&] {
    auto r = Engine::Open({.dir = tmp.path()});
    if (!r.ok() || !(*r)->DefersWal()) ::_exit(2);
    Engine& e = **r;
    if (!e.Put(Cf::kKv, "plain", "1").ok()) ::_exit(3);
    {
      Engine::DeferWalWrites defer;
      auto txn = e.BeginTransaction();
      if (!txn->Put(Cf::kKv, "deferred", "2").ok() || !txn->Commit().ok()) ::_exit(4);
    }
    ::_exit(0);
  });
  {
    auto e = OpenEngine({.dir = tmp.path()});
    std::string v;
    EXPECT_OK(e->Get(Cf::kKv, "plain", &v));
    EXPECT_TRUE(e->Get(Cf::kKv, "deferred", &v).IsNotFound());
  }
  InCrashingChild([&] {
    auto r = Engine::Open({.dir = tmp.path()});
    if (!r.ok()) ::_exit(2);
    Engine& e = **r;
    {
      Engine::DeferWalWrites defer;
      if (!e.Put(Cf::kKv, "deferred", "2").ok()) ::_exit(3);
    }
    // Another thread's FlushWal writes this thread's deferred commit too.
    std::thread other([&] {
      if (!e.FlushWal().ok()) ::_exit(4);
    });
    other.join();
    ::_exit(0);
  });
  auto e = OpenEngine({.dir = tmp.path()});
  std::string v;
  ASSERT_OK(e->Get(Cf::kKv, "deferred", &v));
  EXPECT_EQ(v, "2");
}

TEST(EngineTest, SyncAndInMemoryEnginesDoNotDefer) {
  TempDir tmp;
  EXPECT_FALSE(OpenEngine({.dir = tmp.path(), .durability = Durability::kSync})->DefersWal());
  EXPECT_FALSE(OpenEngine({.dir = tmp.path(), .durability = Durability::kNone})->DefersWal());
  EXPECT_FALSE(OpenEngine({.in_memory = true})->DefersWal());
}

TEST(EngineTest, ParseDurability) {
  EXPECT_EQ(ParseDurability("sync").value(), Durability::kSync);
  EXPECT_EQ(ParseDurability("os").value(), Durability::kOs);
  EXPECT_EQ(ParseDurability("none").value(), Durability::kNone);
  EXPECT_TRUE(ParseDurability("fsync").status().IsInvalidArgument());
}

TEST(EngineTest, InMemoryModeWritesNoFiles) {
  TempDir tmp;
  std::string dir = tmp.path() + "/should-not-exist";
  {
    auto e = OpenEngine({.dir = dir, .in_memory = true});
    ASSERT_OK(e->Put(Cf::kKv, "a", "1"));
    std::string v;
    ASSERT_OK(e->Get(Cf::kKv, "a", &v));
    EXPECT_EQ(v, "1");
  }
  EXPECT_FALSE(std::filesystem::exists(dir));
  // Two in-memory engines are independent.
  auto a = OpenEngine({.in_memory = true});
  auto b = OpenEngine({.in_memory = true});
  ASSERT_OK(a->Put(Cf::kKv, "x", "a"));
  std::string v;
  EXPECT_TRUE(b->Get(Cf::kKv, "x", &v).IsNotFound());
}

// A dropped table's rows go with one range tombstone. The rows family keeps
// a memtable insert hint per leading id; the tombstone must not use it
// (RocksDB 7.8 shares the hints between point entries and tombstones, and
// its own assertions stop such an insert).
TEST(EngineTest, DeleteRangeRemovesAWholeIdAndLaterWritesStay) {
  TempDir tmp;
  auto e = OpenEngine({.dir = tmp.path()});
  auto key = [](char id, int n) {
    std::string k(9, id);
    k += "row" + std::to_string(n);
    return k;
  };
  for (int n = 0; n < 100; ++n) {
    ASSERT_OK(e->Put(Cf::kRows, key('a', n), "a"));
    ASSERT_OK(e->Put(Cf::kRows, key('b', n), "b"));
  }
  ASSERT_OK(e->DeleteRange(Cf::kRows, std::string(9, 'a'), std::string(9, 'b')));
  for (int n = 100; n < 200; ++n) {
    ASSERT_OK(e->Put(Cf::kRows, key('a', n), "a2"));  // after the tombstone: stays
    ASSERT_OK(e->Put(Cf::kRows, key('b', n), "b"));
  }
  std::string v;
  EXPECT_TRUE(e->Get(Cf::kRows, key('a', 5), &v).IsNotFound());
  ASSERT_OK(e->Get(Cf::kRows, key('a', 150), &v));
  EXPECT_EQ(v, "a2");
  ASSERT_OK(e->Get(Cf::kRows, key('b', 5), &v));
  int left = 0;
  auto it = e->NewIterator(Cf::kRows, KeyRange::All());
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++left;
  EXPECT_EQ(left, 300);
  // Past a whole id in the hinted families: refused.
  EXPECT_TRUE(e->DeleteRange(Cf::kRows, key('b', 1), key('b', 2)).IsInvalidArgument());
}

TEST(EngineTest, SnapshotSeesDataAsOfItsCreation) {
  auto e = OpenEngine({.in_memory = true});
  ASSERT_OK(e->Put(Cf::kRows, "k", "old"));
  auto snap = e->GetSnapshot();
  ASSERT_OK(e->Put(Cf::kRows, "k", "new"));
  ASSERT_OK(e->Put(Cf::kRows, "k2", "added"));
  std::string v;
  ASSERT_OK(e->Get(Cf::kRows, "k", &v, snap.get()));
  EXPECT_EQ(v, "old");
  EXPECT_TRUE(e->Get(Cf::kRows, "k2", &v, snap.get()).IsNotFound());
  auto it = e->NewIterator(Cf::kRows, KeyRange::All(), snap.get());
  int n = 0;
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  EXPECT_EQ(n, 1);
}

TEST(EngineTest, NewerFormatVersionIsRefused) {
  TempDir tmp;
  {
    auto e = OpenEngine({.dir = tmp.path()});
    std::string info;
    ASSERT_OK(e->Get(Cf::kCatalog, std::string(1, '\x01'), &info));
    EXPECT_FALSE(info.empty());
    // Garbage in place of the header record: refused, not misread.
    ASSERT_OK(e->Put(Cf::kCatalog, std::string(1, '\x01'), "garbage"));
  }
  auto r = Engine::Open({.dir = tmp.path()});
  ASSERT_FALSE(r.ok());
  EXPECT_TRUE(r.status().IsCorruption()) << r.status().ToString();
}

// A directory of an older format version opens and is marked with the
// current one (keeping when and by what it was created); a newer one is
// refused with a message naming the directory.
TEST(EngineTest, OlderFormatVersionIsUpgradedNewerRefused) {
  TempDir tmp;
  const std::string key(1, '\x01');
  auto write_info = [&](Engine& e, uint32_t version) {
    flatbuffers::FlatBufferBuilder fbb;
    auto creator = fbb.CreateString("tetradb 0.0.1");
    fbb.Finish(fb::CreateDbInfo(fbb, version, 1234, creator));
    ASSERT_OK(e.Put(Cf::kCatalog, key,
                    {reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize()}));
  };
  {
    auto e = OpenEngine({.dir = tmp.path()});
    write_info(*e, 1);
  }
  {
    auto e = OpenEngine({.dir = tmp.path()});
    std::string v;
    ASSERT_OK(e->Get(Cf::kCatalog, key, &v));
    const fb::DbInfo* info = fb::GetDbInfo(v.data());
    EXPECT_EQ(info->format_version(), kFormatVersion);
    EXPECT_EQ(info->created_at_ms(), 1234);
    EXPECT_EQ(info->created_by()->str(), "tetradb 0.0.1");
    write_info(*e, kFormatVersion + 1);
  }
  auto r = Engine::Open({.dir = tmp.path()});
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().ToString().find(tmp.path()), std::string::npos) << r.status().ToString();
  EXPECT_NE(r.status().ToString().find("format version"), std::string::npos);
}

}  // namespace
}  // namespace tetradb
