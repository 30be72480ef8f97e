#include "engine/key_codec.h"

#include <cmath>
#include <limits>
#include <random>

#include <gtest/gtest.h>

namespace tetradb {
namespace {

// Random components biased towards the edges where encodings go wrong:
// zero bytes, 0xFF bytes, empty strings, extreme integers, signed zeros.
class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  KeyComponent Component(bool allow_desc = true) {
    KeyComponent c;
    c.descending = allow_desc && Pick(4) == 0;
    switch (Pick(6)) {
      case 0: c.value = KeyNull{}; break;
      case 1: c.value = Pick(2) == 0; break;
      case 2: c.value = Int(); break;
      case 3: c.value = Double(); break;
      default: c.value = Bytes(); break;
    }
    return c;
  }

  std::vector<KeyComponent> Tuple() {
    std::vector<KeyComponent> t;
    int n = static_cast<int>(Pick(4));
    for (int i = 0; i < n; ++i) t.push_back(Component());
    return t;
  }

  // Same component types in the same positions (how real keys look), so the
  // comparison exercises value order and not only type order.
  std::vector<KeyComponent> SameShape(const std::vector<KeyComponent>& like) {
    std::vector<KeyComponent> t;
    for (const auto& c : like) {
      KeyComponent n;
      n.descending = c.descending;
      do {
        n = Component();
        n.descending = c.descending;
      } while (n.value.index() != c.value.index());
      t.push_back(n);
    }
    return t;
  }

  uint64_t Pick(uint64_t n) { return rng_() % n; }

  int64_t Int() {
    static const int64_t kEdges[] = {0, 1, -1, std::numeric_limits<int64_t>::min(),
                                     std::numeric_limits<int64_t>::max(), 255, 256, -256};
    if (Pick(3) == 0) return kEdges[Pick(std::size(kEdges))];
    return static_cast<int64_t>(rng_()) >> Pick(64);
  }

  double Double() {
    static const double kEdges[] = {0.0, -0.0, 1.0, -1.0, std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    std::numeric_limits<double>::min(),
                                    std::numeric_limits<double>::denorm_min(),
                                    -std::numeric_limits<double>::max(), 1e300, -1e-300};
    if (Pick(3) == 0) return kEdges[Pick(std::size(kEdges))];
    std::uniform_real_distribution<double> d(-1e6, 1e6);
    return d(rng_);
  }

  std::string Bytes() {
    static const char kAlphabet[] = {'\0', '\x01', 'a', 'b', '\xff', '\xfe'};
    std::string s;
    size_t n = Pick(6);
    for (size_t i = 0; i < n; ++i) s.push_back(kAlphabet[Pick(sizeof(kAlphabet))]);
    return s;
  }

 private:
  std::mt19937_64 rng_;
};

int Sign(int x) { return (x > 0) - (x < 0); }

TEST(KeyCodecTest, RoundTripsRandomTuples) {
  Gen g(1);
  for (int i = 0; i < 20000; ++i) {
    auto t = g.Tuple();
    std::vector<KeyComponent> back;
    ASSERT_TRUE(DecodeTuple(EncodeTuple(t), &back).ok());
    ASSERT_EQ(back.size(), t.size());
    for (size_t j = 0; j < t.size(); ++j) {
      // -0.0 is folded into +0.0: equal values, equal keys.
      ASSERT_EQ(back[j], t[j]) << "component " << j << " of tuple " << i;
    }
  }
}

TEST(KeyCodecTest, MemcmpOrderEqualsValueOrder) {
  Gen g(2);
  for (int i = 0; i < 50000; ++i) {
    auto a = g.Tuple();
    auto b = (i % 2 == 0) ? g.SameShape(a) : g.Tuple();
    int want = Sign(CompareTuples(a, b));
    int got = Sign(EncodeTuple(a).compare(EncodeTuple(b)));
    ASSERT_EQ(want, got) << "tuple pair " << i;
  }
}

TEST(KeyCodecTest, PrefixTupleSortsFirst) {
  std::vector<KeyComponent> a{{std::string("user")}};
  std::vector<KeyComponent> b{{std::string("user")}, {int64_t{-5}}};
  EXPECT_LT(EncodeTuple(a), EncodeTuple(b));
  // But a longer string in the same position sorts after.
  std::vector<KeyComponent> c{{std::string("user\0", 5)}};
  EXPECT_LT(EncodeTuple(b), EncodeTuple(c));
}

TEST(KeyCodecTest, NullSortsFirstAscendingAndLastDescending) {
  std::string null_asc, int_asc, null_desc, int_desc;
  KeyEncoder(&null_asc).Null();
  KeyEncoder(&int_asc).Int(std::numeric_limits<int64_t>::min());
  KeyEncoder(&null_desc).Null(true);
  KeyEncoder(&int_desc).Int(std::numeric_limits<int64_t>::max(), true);
  EXPECT_LT(null_asc, int_asc);
  EXPECT_GT(null_desc, int_desc);
}

TEST(KeyCodecTest, SignedZeroAndNaNAreCanonical) {
  std::string pos, neg, nan1, nan2;
  KeyEncoder(&pos).Double(0.0);
  KeyEncoder(&neg).Double(-0.0);
  KeyEncoder(&nan1).Double(std::nan("1"));
  KeyEncoder(&nan2).Double(-std::nan("2"));
  EXPECT_EQ(pos, neg);
  EXPECT_EQ(nan1, nan2);
  std::string inf;
  KeyEncoder(&inf).Double(std::numeric_limits<double>::infinity());
  EXPECT_LT(inf, nan1);
}

TEST(KeyCodecTest, TypedReadersCheckTypeAndDirection) {
  std::string k;
  KeyEncoder(&k).Int(42).Bytes("x", true);
  KeyDecoder d(k);
  std::string s;
  EXPECT_TRUE(d.ReadBytes(&s).IsCorruption());  // it is an integer
  int64_t v;
  ASSERT_TRUE(d.ReadInt(&v).ok());
  EXPECT_EQ(v, 42);
  EXPECT_TRUE(d.ReadBytes(&s, false).IsCorruption());  // it is descending
  ASSERT_TRUE(d.ReadBytes(&s, true).ok());
  EXPECT_EQ(s, "x");
  EXPECT_TRUE(d.done());
}

TEST(KeyCodecTest, GarbageNeverCrashesAndIsReportedAsCorruption) {
  std::mt19937_64 rng(3);
  int corrupt = 0;
  for (int i = 0; i < 100000; ++i) {
    std::string junk(rng() % 24, '\0');
    for (char& c : junk) c = static_cast<char>(rng());
    std::vector<KeyComponent> t;
    Status s = DecodeTuple(junk, &t);
    if (!s.ok()) {
      EXPECT_TRUE(s.IsCorruption()) << s.ToString();
      ++corrupt;
    } else {
      // Anything that decodes is a real tuple: it survives a round trip.
      std::vector<KeyComponent> again;
      ASSERT_TRUE(DecodeTuple(EncodeTuple(t), &again).ok());
      EXPECT_EQ(again, t);
    }
  }
  EXPECT_GT(corrupt, 90000);
}

TEST(KeyCodecTest, TruncatedEncodingsAreCorruption) {
  Gen g(4);
  for (int i = 0; i < 2000; ++i) {
    std::vector<KeyComponent> t{g.Component()};
    std::string k = EncodeTuple(t);
    for (size_t cut = 0; cut < k.size(); ++cut) {
      std::vector<KeyComponent> back;
      Status s = DecodeTuple(std::string_view(k).substr(0, cut), &back);
      // A cut of zero bytes is the empty tuple; any other cut is broken.
      if (cut > 0) {
        ASSERT_FALSE(s.ok()) << "cut " << cut;
      }
    }
  }
}

TEST(KeyCodecTest, PrefixSuccessor) {
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff", 2)), "b");
  EXPECT_EQ(PrefixSuccessor(std::string("\xff\xff", 2)), "");
}

}  // namespace
}  // namespace tetradb
