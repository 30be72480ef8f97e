#include "wire/resp/key_owners.h"

#include <gtest/gtest.h>

namespace tetradb::resp {
namespace {

constexpr int64_t kMs = 1'000'000;

TEST(KeyOwnersTest, FirstWriterOwnsAKeyWhileItKeepsWritingIt) {
  KeyOwners owners;
  EXPECT_EQ(owners.Note(0, 1, 0, "hot", 10 * kMs).owner, 0u);
  EXPECT_EQ(owners.Note(1, 2, 0, "hot", 10 * kMs + 1).owner, 0u);  // loop 0 holds it
  // The owner's own writes renew the hold; the others' do not take it.
  for (int64_t t = 11; t < 20; ++t) {
    EXPECT_EQ(owners.Note(0, 1, 0, "hot", t * kMs - kMs / 4).owner, 0u) << t;
    EXPECT_EQ(owners.Note(1, 2, 0, "hot", t * kMs).owner, 0u) << t;
  }
}

TEST(KeyOwnersTest, AQuietKeyGoesToItsNextWriter) {
  KeyOwners owners;
  EXPECT_EQ(owners.Note(0, 1, 0, "k", 10 * kMs).owner, 0u);
  EXPECT_EQ(owners.Note(1, 2, 0, "k", 10 * kMs + KeyOwners::kHoldNs + 1).owner, 1u);
  EXPECT_EQ(owners.Note(0, 1, 0, "k", 10 * kMs + KeyOwners::kHoldNs + 2).owner, 1u);
}

TEST(KeyOwnersTest, KeysAndDatabasesAreSeparate) {
  KeyOwners owners;
  int shared = 0;
  for (int i = 0; i < 100; ++i) {
    std::string key = "key:" + std::to_string(i);
    owners.Note(0, 1, 0, key, 10 * kMs);
    // Another database's key of the same name, and other keys, are free
    // (unless they share a slot: 100 keys in 4096 slots, rarely).
    if (owners.Note(1, 2, 1, key, 10 * kMs).owner != 1u) ++shared;
    if (owners.Note(1, 2, 0, "other:" + std::to_string(i), 10 * kMs).owner != 1u) ++shared;
  }
  EXPECT_LT(shared, 10);
}

TEST(KeyOwnersTest, AKeyIsSharedWhenAnotherWriterWroteItRecently) {
  KeyOwners owners;
  EXPECT_FALSE(owners.Note(0, 7, 0, "mine", 10 * kMs).shared);
  EXPECT_FALSE(owners.Note(0, 7, 0, "mine", 10 * kMs + 1).shared);  // the same writer
  EXPECT_TRUE(owners.Note(0, 8, 0, "mine", 10 * kMs + 2).shared);   // another one
  EXPECT_TRUE(owners.Note(1, 7, 0, "mine", 10 * kMs + 3).shared);   // from another loop too
  // Long after, nobody else counts.
  EXPECT_FALSE(owners.Note(0, 9, 0, "mine", 20 * kMs).shared);
}

}  // namespace
}  // namespace tetradb::resp
