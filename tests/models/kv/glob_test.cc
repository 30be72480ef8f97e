#include "models/kv/glob.h"

#include <gtest/gtest.h>

namespace tetradb::kv {
namespace {

TEST(GlobTest, RedisPatterns) {
  EXPECT_TRUE(GlobMatch("*", ""));
  EXPECT_TRUE(GlobMatch("*", "anything"));
  EXPECT_TRUE(GlobMatch("h?llo", "hello"));
  EXPECT_FALSE(GlobMatch("h?llo", "hllo"));
  EXPECT_TRUE(GlobMatch("h*llo", "heeeello"));
  EXPECT_TRUE(GlobMatch("h[ae]llo", "hallo"));
  EXPECT_FALSE(GlobMatch("h[ae]llo", "hillo"));
  EXPECT_TRUE(GlobMatch("h[^e]llo", "hallo"));
  EXPECT_FALSE(GlobMatch("h[^e]llo", "hello"));
  EXPECT_TRUE(GlobMatch("h[a-b]llo", "hbllo"));
  EXPECT_FALSE(GlobMatch("h[a-b]llo", "hcllo"));
  EXPECT_TRUE(GlobMatch("session:*", "session:abc"));
  EXPECT_FALSE(GlobMatch("session:*", "cart:1"));
  EXPECT_TRUE(GlobMatch("a\\*b", "a*b"));
  EXPECT_FALSE(GlobMatch("a\\*b", "axb"));
  EXPECT_TRUE(GlobMatch("*:*:*", "cart:1:abc"));
  EXPECT_FALSE(GlobMatch("*:*:*", "cart:1"));
  EXPECT_TRUE(GlobMatch("*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaab"));
  EXPECT_FALSE(GlobMatch("*a*a*a*a*a*b", "aaaaaaaaaaaaaaaaaaaaa"));
  EXPECT_TRUE(GlobMatch("HELLO", "hello", true));
  EXPECT_FALSE(GlobMatch("HELLO", "hello"));
}

}  // namespace
}  // namespace tetradb::kv
