#include "engine/allocator.h"

#include <memory>

#include <gtest/gtest.h>

namespace tetradb {
namespace {

TEST(AllocatorTest, NamesJemallocAsRedisDoes) {
  EXPECT_EQ(AllocatorName().rfind("jemalloc-5.", 0), 0u) << AllocatorName();
}

// operator new reaches jemalloc: the process's malloc is jemalloc's, not only
// linked beside the C library's.
TEST(AllocatorTest, CountsWhatOperatorNewHandsOut) {
  constexpr size_t kSize = 64 << 20;
  std::optional<uint64_t> before = AllocatedBytes();
  ASSERT_TRUE(before.has_value());
  auto block = std::make_unique<char[]>(kSize);
  block[kSize - 1] = 1;
  std::optional<uint64_t> during = AllocatedBytes();
  ASSERT_TRUE(during.has_value());
  EXPECT_GE(*during, *before + kSize);
  EXPECT_EQ(block[kSize - 1], 1);
  block.reset();
  std::optional<uint64_t> after = AllocatedBytes();
  ASSERT_TRUE(after.has_value());
  EXPECT_LE(*after + kSize, *during);
}

}  // namespace
}  // namespace tetradb
