#include "engine/garbage_filter.h"

#include <gtest/gtest.h>

#include "engine/engine.h"
#include "tests/engine/test_util.h"

namespace tetradb {
namespace {

using testing::OpenEngine;
using testing::TempDir;

class DropPrefix : public GarbageFilter {
 public:
  explicit DropPrefix(std::string prefix) : prefix_(std::move(prefix)) {}
  bool IsGarbage(std::string_view key, std::string_view) const override {
    return key.substr(0, prefix_.size()) == prefix_;
  }

 private:
  std::string prefix_;
};

int Count(Engine& e, Cf cf) {
  int n = 0;
  auto it = e.NewIterator(cf, KeyRange::All());
  for (it->SeekToFirst(); it->Valid(); it->Next()) ++n;
  return n;
}

TEST(GarbageFilterTest, CompactionDropsWhatTheFilterCallsGarbage) {
  TempDir tmp;
  auto e = OpenEngine({.dir = tmp.path()});
  for (int i = 0; i < 100; ++i) {
    ASSERT_OK(e->Put(Cf::kKvMembers, "old:" + std::to_string(i), "x"));
    ASSERT_OK(e->Put(Cf::kKvMembers, "live:" + std::to_string(i), "x"));
    ASSERT_OK(e->Put(Cf::kRows, "old:" + std::to_string(i), "x"));
  }
  ASSERT_OK(e->Flush());
  e->SetGarbageFilter(Cf::kKvMembers, std::make_shared<DropPrefix>("old:"));
  ASSERT_OK(e->CompactAll(Cf::kKvMembers));
  ASSERT_OK(e->CompactAll(Cf::kRows));
  EXPECT_EQ(Count(*e, Cf::kKvMembers), 100);
  EXPECT_EQ(Count(*e, Cf::kRows), 100);  // other families are untouched

  e->SetGarbageFilter(Cf::kKvMembers, nullptr);
  ASSERT_OK(e->Put(Cf::kKvMembers, "old:again", "x"));
  ASSERT_OK(e->Flush());
  ASSERT_OK(e->CompactAll(Cf::kKvMembers));
  EXPECT_EQ(Count(*e, Cf::kKvMembers), 101);
}

}  // namespace
}  // namespace tetradb
