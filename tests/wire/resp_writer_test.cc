#include <gtest/gtest.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include "wire/resp/reply.h"
#include "wire/resp/writer.h"

namespace tetradb::resp {
namespace {

using namespace std::string_literals;

std::string R2(const Reply& r) { return EncodeReply(r, 2); }
std::string R3(const Reply& r) { return EncodeReply(r, 3); }

TEST(ReplyTest, ConstructorsAndAccessors) {
  EXPECT_EQ(Reply::Ok().kind(), Reply::Kind::kSimple);
  EXPECT_EQ(Reply::Ok().str(), "OK");
  EXPECT_EQ(Reply::Integer(-7).integer(), -7);
  EXPECT_TRUE(Reply::Bool(true).boolean());
  EXPECT_FALSE(Reply::Bool(false).boolean());
  EXPECT_EQ(Reply::Double(0.25).double_value(), 0.25);
  EXPECT_TRUE(Reply::Error("ERR x").IsError());
  EXPECT_TRUE(Reply::Null().IsNull());
  EXPECT_TRUE(Reply::NullArray().IsNull());
  EXPECT_EQ(Reply(), Reply::Null());
  Reply a = Reply::Array({Reply::Integer(1), Reply::Bulk("x")});
  ASSERT_EQ(a.elements().size(), 2u);
  EXPECT_EQ(a.elements()[1].str(), "x");
  a.mutable_elements()->push_back(Reply::Null());
  EXPECT_EQ(a.elements().size(), 3u);
  EXPECT_NE(a, Reply::Array({}));
  Reply m = Reply::Map({{Reply::Bulk("k"), Reply::Integer(1)}});
  EXPECT_EQ(m, Reply::FlatMap({Reply::Bulk("k"), Reply::Integer(1)}));
  EXPECT_EQ(m.elements().size(), 2u);
}

TEST(ReplyTest, BulkPayloadIsMovedNotCopied) {
  std::string value(100000, 'v');
  const char* data = value.data();
  Reply r = Reply::Bulk(std::move(value));
  EXPECT_EQ(r.str().data(), data);
  Reply moved = std::move(r);
  EXPECT_EQ(moved.str().data(), data);
  std::vector<Reply> items;
  items.push_back(std::move(moved));
  Reply array = Reply::Array(std::move(items));
  EXPECT_EQ(array.elements()[0].str().data(), data);
}

TEST(ReplyTest, CommonErrors) {
  EXPECT_EQ(Reply::ErrorWrongArity("GET").str(), "ERR wrong number of arguments for 'get' command");
  EXPECT_EQ(Reply::ErrorWrongArity("config|SET").str(),
            "ERR wrong number of arguments for 'config|set' command");
  EXPECT_EQ(Reply::ErrorSyntax().str(), "ERR syntax error");
  EXPECT_EQ(Reply::ErrorWrongType().str(),
            "WRONGTYPE Operation against a key holding the wrong kind of value");
  EXPECT_EQ(Reply::ErrorNotInteger().str(), "ERR value is not an integer or out of range");
}

TEST(WriterTest, ScalarsInBothProtocols) {
  for (int protocol : {2, 3}) {
    SCOPED_TRACE(protocol);
    EXPECT_EQ(EncodeReply(Reply::Ok(), protocol), "+OK\r\n");
    EXPECT_EQ(EncodeReply(Reply::Simple("PONG"), protocol), "+PONG\r\n");
    EXPECT_EQ(EncodeReply(Reply::Error("ERR syntax error"), protocol), "-ERR syntax error\r\n");
    EXPECT_EQ(EncodeReply(Reply::Integer(0), protocol), ":0\r\n");
    EXPECT_EQ(EncodeReply(Reply::Integer(-42), protocol), ":-42\r\n");
    EXPECT_EQ(EncodeReply(Reply::Integer(std::numeric_limits<int64_t>::min()), protocol),
              ":-9223372036854775808\r\n");
    EXPECT_EQ(EncodeReply(Reply::Bulk("hello"), protocol), "$5\r\nhello\r\n");
    EXPECT_EQ(EncodeReply(Reply::Bulk(""), protocol), "$0\r\n\r\n");
    EXPECT_EQ(EncodeReply(Reply::Bulk("a\r\n\0b"s), protocol), "$5\r\na\r\n\0b\r\n"s);
  }
}

TEST(WriterTest, LineTypesCannotBreakFraming) {
  EXPECT_EQ(R2(Reply::Error("ERR bad\r\nthing")), "-ERR bad  thing\r\n");
  EXPECT_EQ(R3(Reply::Simple("a\nb")), "+a b\r\n");
}

TEST(WriterTest, Resp2Degradations) {
  EXPECT_EQ(R2(Reply::Null()), "$-1\r\n");
  EXPECT_EQ(R2(Reply::NullArray()), "*-1\r\n");
  EXPECT_EQ(R2(Reply::Bool(true)), ":1\r\n");
  EXPECT_EQ(R2(Reply::Bool(false)), ":0\r\n");
  EXPECT_EQ(R2(Reply::Double(1.5)), "$3\r\n1.5\r\n");
  EXPECT_EQ(R2(Reply::Verbatim("hello")), "$5\r\nhello\r\n");
  EXPECT_EQ(R2(Reply::BigNumber("12345678901234567890")), "$20\r\n12345678901234567890\r\n");
  EXPECT_EQ(R2(Reply::Set({Reply::Bulk("a"), Reply::Bulk("b")})), "*2\r\n$1\r\na\r\n$1\r\nb\r\n");
  EXPECT_EQ(R2(Reply::Push({Reply::Bulk("message"), Reply::Bulk("ch"), Reply::Bulk("hi")})),
            "*3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$2\r\nhi\r\n");
  EXPECT_EQ(
      R2(Reply::Map({{Reply::Bulk("k1"), Reply::Integer(1)}, {Reply::Bulk("k2"), Reply::Null()}})),
      "*4\r\n$2\r\nk1\r\n:1\r\n$2\r\nk2\r\n$-1\r\n");
  EXPECT_EQ(R2(Reply::Map({})), "*0\r\n");
}

TEST(WriterTest, Resp3Types) {
  EXPECT_EQ(R3(Reply::Null()), "_\r\n");
  EXPECT_EQ(R3(Reply::NullArray()), "_\r\n");
  EXPECT_EQ(R3(Reply::Bool(true)), "#t\r\n");
  EXPECT_EQ(R3(Reply::Bool(false)), "#f\r\n");
  EXPECT_EQ(R3(Reply::Verbatim("hello")), "=9\r\ntxt:hello\r\n");
  EXPECT_EQ(R3(Reply::Verbatim("")), "=4\r\ntxt:\r\n");
  EXPECT_EQ(R3(Reply::BigNumber("-12345678901234567890")), "(-12345678901234567890\r\n");
  EXPECT_EQ(R3(Reply::Set({Reply::Bulk("a"), Reply::Integer(2)})), "~2\r\n$1\r\na\r\n:2\r\n");
  EXPECT_EQ(R3(Reply::Push({Reply::Bulk("message"), Reply::Bulk("ch")})),
            ">2\r\n$7\r\nmessage\r\n$2\r\nch\r\n");
  EXPECT_EQ(R3(Reply::FlatMap(
                {Reply::Bulk("k1"), Reply::Integer(1), Reply::Simple("k2"), Reply::Bool(true)})),
            "%2\r\n$2\r\nk1\r\n:1\r\n+k2\r\n#t\r\n");
  EXPECT_EQ(R3(Reply::Map({})), "%0\r\n");
  EXPECT_EQ(R3(Reply::Array({})), "*0\r\n");
}

TEST(WriterTest, Doubles) {
  EXPECT_EQ(R3(Reply::Double(1.1)), ",1.1000000000000001\r\n");
  EXPECT_EQ(R3(Reply::Double(3)), ",3\r\n");
  EXPECT_EQ(R3(Reply::Double(0.5)), ",0.5\r\n");
  EXPECT_EQ(R3(Reply::Double(INFINITY)), ",inf\r\n");
  EXPECT_EQ(R3(Reply::Double(-INFINITY)), ",-inf\r\n");
  EXPECT_EQ(R2(Reply::Double(1.1)), "$18\r\n1.1000000000000001\r\n");
  EXPECT_EQ(R2(Reply::Double(3)), "$1\r\n3\r\n");
  EXPECT_EQ(R2(Reply::Double(0.5)), "$3\r\n0.5\r\n");
  EXPECT_EQ(R2(Reply::Double(INFINITY)), "$3\r\ninf\r\n");
  EXPECT_EQ(R2(Reply::Double(-INFINITY)), "$4\r\n-inf\r\n");
  EXPECT_EQ(FormatDouble(-2.5), "-2.5");
  EXPECT_EQ(FormatDouble(1e300), "1.0000000000000001e+300");
  EXPECT_EQ(FormatDouble(0), "0");
}

TEST(WriterTest, NestedAggregates) {
  Reply nested = Reply::Array({
      Reply::Integer(1),
      Reply::Array({Reply::Bulk("a"), Reply::Null()}),
      Reply::Map({{Reply::Bulk("k"), Reply::Map({{Reply::Bulk("x"), Reply::Double(2)}})},
                  {Reply::Bulk("s"), Reply::Set({})}}),
  });
  EXPECT_EQ(R2(nested),
            "*3\r\n:1\r\n*2\r\n$1\r\na\r\n$-1\r\n"
            "*4\r\n$1\r\nk\r\n*2\r\n$1\r\nx\r\n$1\r\n2\r\n$1\r\ns\r\n*0\r\n");
  EXPECT_EQ(R3(nested),
            "*3\r\n:1\r\n*2\r\n$1\r\na\r\n_\r\n"
            "%2\r\n$1\r\nk\r\n%1\r\n$1\r\nx\r\n,2\r\n$1\r\ns\r\n~0\r\n");
}

TEST(WriterTest, AppendsWithoutClearing) {
  std::string out = "prefix";
  AppendReply(Reply::Integer(5), 2, &out);
  AppendReply(Reply::Ok(), 3, &out);
  EXPECT_EQ(out, "prefix:5\r\n+OK\r\n");
}

// A Packed reply is written byte for byte as the same array of Reply::Bulk
// children would be, in both protocols, and reads as that array.
TEST(WriterTest, PackedBulksMatchElementWise) {
  const std::vector<std::string> values = {"", "x", "a\r\nb", std::string(300, 'z'),
                                           std::string("\0\1", 2)};
  for (Reply::Kind kind : {Reply::Kind::kArray, Reply::Kind::kSet, Reply::Kind::kMap}) {
    SCOPED_TRACE(static_cast<int>(kind));
    const size_t n = kind == Reply::Kind::kMap ? 4 : values.size();
    Reply packed = Reply::Packed(kind);
    packed.ReserveBulks(n);
    std::vector<Reply> children;
    for (size_t i = 0; i < n; ++i) {
      packed.AppendBulk(values[i]);
      children.push_back(Reply::Bulk(values[i]));
    }
    Reply plain = kind == Reply::Kind::kMap   ? Reply::FlatMap(children)
                  : kind == Reply::Kind::kSet ? Reply::Set(children)
                                              : Reply::Array(children);
    EXPECT_EQ(R2(packed), R2(plain));
    EXPECT_EQ(R3(packed), R3(plain));
    ASSERT_TRUE(packed.packed());
    EXPECT_EQ(packed.integer(), 0);
    EXPECT_EQ(packed.str(), "");
    // Reading the children decodes them; the reply writes the same after.
    EXPECT_EQ(packed, plain);
    EXPECT_FALSE(packed.packed());
    ASSERT_EQ(packed.elements().size(), n);
    EXPECT_EQ(packed.elements()[2].str(), values[2]);
    EXPECT_EQ(R2(packed), R2(plain));
    EXPECT_EQ(R3(packed), R3(plain));
  }
  // An empty one, and one changed through mutable_elements().
  EXPECT_EQ(R2(Reply::Packed()), "*0\r\n");
  EXPECT_EQ(R3(Reply::Packed(Reply::Kind::kMap)), "%0\r\n");
  Reply grown = Reply::Packed();
  grown.AppendBulk("a");
  grown.mutable_elements()->push_back(Reply::Integer(5));
  grown.AppendBulk("b");
  EXPECT_EQ(R2(grown), "*3\r\n$1\r\na\r\n:5\r\n$1\r\nb\r\n");
  // A moved-from packed reply writes as an empty array, not a bare header.
  Reply from = Reply::Packed();
  from.AppendBulk("x");
  Reply to = std::move(from);
  EXPECT_EQ(R2(to), "*1\r\n$1\r\nx\r\n");
  EXPECT_EQ(R2(from), "*0\r\n");  // NOLINT(bugprone-use-after-move): on purpose
  // A map packed with an odd count drops the odd key, as an element-wise one does.
  Reply odd = Reply::Packed(Reply::Kind::kMap);
  for (const char* v : {"k", "v", "extra"}) odd.AppendBulk(v);
  EXPECT_EQ(R2(odd), "*2\r\n$1\r\nk\r\n$1\r\nv\r\n");
}

TEST(FormatLongDoubleTest, MatchesIncrByFloat) {
  EXPECT_EQ(FormatLongDouble(10.5L), "10.5");
  EXPECT_EQ(FormatLongDouble(std::strtold("3.0e3", nullptr)), "3000");
  EXPECT_EQ(FormatLongDouble(0.0L + 5000.0L), "5000");
  EXPECT_EQ(FormatLongDouble(10.5L + std::strtold("0.1", nullptr)), "10.6");
  EXPECT_EQ(FormatLongDouble(std::strtold("5.0e3", nullptr) + std::strtold("2.0e2", nullptr)),
            "5200");
  EXPECT_EQ(FormatLongDouble(-1.25L), "-1.25");
  EXPECT_EQ(FormatLongDouble(0.0L), "0");
  EXPECT_EQ(FormatLongDouble(-0.0L), "0");
  EXPECT_EQ(FormatLongDouble(-1e-20L), "0");
  EXPECT_EQ(FormatLongDouble(1e20L), "100000000000000000000");
  EXPECT_EQ(FormatLongDouble(std::numeric_limits<long double>::infinity()), "inf");
  EXPECT_EQ(FormatLongDouble(-std::numeric_limits<long double>::infinity()), "-inf");
  // The full fixed-point expansion of the largest value still fits.
  EXPECT_GT(FormatLongDouble(std::numeric_limits<long double>::max()).size(), 4000u);
}

}  // namespace
}  // namespace tetradb::resp
