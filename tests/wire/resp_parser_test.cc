#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "wire/resp/parser.h"

namespace tetradb::resp {
namespace {

using namespace std::string_literals;
using Args = std::vector<std::string>;
using Result = RequestParser::Result;

// What a connection sees after feeding `chunks` one after the other into one
// buffer, calling Parse until it needs more.
struct Outcome {
  std::vector<Args> commands;
  bool failed = false;
  std::string error;
  size_t leftover = 0;    // bytes still in the connection's buffer
  size_t max_buffer = 0;  // largest the buffer grew
};

Outcome Feed(const std::vector<std::string_view>& chunks, ParserLimits limits = {}) {
  RequestParser parser(limits);
  std::string buffer;
  Outcome out;
  for (std::string_view chunk : chunks) {
    buffer.append(chunk);
    out.max_buffer = std::max(out.max_buffer, buffer.size());
    while (true) {
      size_t consumed = 0;
      Args args;
      Result result = parser.Parse(buffer, &consumed, &args);
      EXPECT_LE(consumed, buffer.size());
      buffer.erase(0, consumed);
      if (result == Result::kCommand) {
        EXPECT_FALSE(args.empty());
        out.commands.push_back(std::move(args));
      } else if (result == Result::kError) {
        out.failed = true;
        out.error = parser.error();
        out.leftover = buffer.size();
        return out;
      } else {
        break;
      }
    }
  }
  out.leftover = buffer.size();
  return out;
}

Outcome FeedWhole(std::string_view input, ParserLimits limits = {}) {
  return Feed({input}, limits);
}

std::string ErrorOf(std::string_view input, ParserLimits limits = {}) {
  Outcome out = FeedWhole(input, limits);
  EXPECT_TRUE(out.failed) << input.substr(0, 60);
  return out.error;
}

const std::string kPipeline =
    "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$8\r\nva\r\nl\0ue\r\n"s  // binary-safe bulk
    "PING\r\n"
    "\r\n"                                // empty inline line: skipped
    "*0\r\n"                              // empty multibulk: skipped
    "*-1\r\n"                             // negative count: skipped
    "  get \"a b\\x41\\n\" 'it\\'s'  \n"  // inline with quotes, LF only
    "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n"      // empty bulk
    "*1\r\n$4\r\nQUIT\r\n";

const std::vector<Args> kPipelineCommands = {
    {"SET", "key", "va\r\nl\0ue"s}, {"PING"}, {"get", "a bA\n", "it's"}, {"ECHO", ""}, {"QUIT"}};

TEST(RequestParserTest, WholePipeline) {
  Outcome out = FeedWhole(kPipeline);
  EXPECT_FALSE(out.failed) << out.error;
  EXPECT_EQ(out.commands, kPipelineCommands);
  EXPECT_EQ(out.leftover, 0u);
}

TEST(RequestParserTest, ByteByByte) {
  std::vector<std::string_view> chunks;
  for (size_t i = 0; i < kPipeline.size(); ++i)
    chunks.push_back(std::string_view(kPipeline).substr(i, 1));
  Outcome out = Feed(chunks);
  EXPECT_FALSE(out.failed) << out.error;
  EXPECT_EQ(out.commands, kPipelineCommands);
  EXPECT_EQ(out.leftover, 0u);
}

TEST(RequestParserTest, EverySplitPoint) {
  std::string_view all = kPipeline;
  for (size_t i = 0; i <= all.size(); ++i) {
    Outcome out = Feed({all.substr(0, i), all.substr(i)});
    EXPECT_EQ(out.commands, kPipelineCommands) << "split at " << i;
    EXPECT_EQ(out.leftover, 0u) << "split at " << i;
  }
}

TEST(RequestParserTest, LargeBulkIsTakenAsItArrives) {
  std::string payload(200000, 'x');
  for (size_t i = 0; i < payload.size(); i += 997) payload[i] = static_cast<char>(i % 256);
  std::string input =
      "*2\r\n$3\r\nSET\r\n$" + std::to_string(payload.size()) + "\r\n" + payload + "\r\nPING\r\n";
  std::vector<std::string_view> chunks;
  for (size_t i = 0; i < input.size(); i += 1000)
    chunks.push_back(std::string_view(input).substr(i, 1000));
  Outcome out = Feed(chunks);
  ASSERT_EQ(out.commands.size(), 2u);
  EXPECT_EQ(out.commands[0][1], payload);
  EXPECT_EQ(out.commands[1], Args{"PING"});
  // The payload never piles up in the connection's buffer.
  EXPECT_LT(out.max_buffer, 2100u);
}

TEST(RequestParserTest, PartialLineIsKeptByTheCaller) {
  RequestParser parser;
  size_t consumed = 99;
  Args args;
  EXPECT_EQ(parser.Parse("*1\r\n$3\r", &consumed, &args), Result::kNeedMore);
  EXPECT_EQ(consumed, 4u);  // the count line is taken; "$3\r" stays
  EXPECT_EQ(parser.Parse("$3\r\nfoo\r\n", &consumed, &args), Result::kCommand);
  EXPECT_EQ(consumed, 9u);
  EXPECT_EQ(args, Args{"foo"});
}

TEST(RequestParserTest, TrailerAfterBulkIsNotChecked) {
  // Redis skips the two bytes after a payload without looking at them.
  EXPECT_EQ(FeedWhole("*1\r\n$3\r\nfooXY*1\r\n$1\r\na\r\n").commands,
            (std::vector<Args>{{"foo"}, {"a"}}));
  EXPECT_EQ(FeedWhole("*1\rX$1\rXa\r\n").commands, (std::vector<Args>{{"a"}}));
}

TEST(SplitArgsTest, QuotingAndEscapes) {
  struct Case {
    std::string line;
    Args want;
  };
  std::vector<Case> cases = {
      {"", {}},
      {"   \t ", {}},
      {"set k v", {"set", "k", "v"}},
      {"a\tb\rc  d", {"a", "b", "c", "d"}},
      {"a\vb \fc", {"a\vb", "c"}},  // \v, \f skipped as blanks, kept inside words
      {R"("\n\r\t\b\a\\\"\q")", {"\n\r\t\b\a\\\"q"}},
      {R"("\x41\x6a\xZZ\x4")",
       {"Aj"
        "xZZ"
        "x4"}},
      {R"('a\nb\'c"d')", {"a\\nb'c\"d"}},
      {R"(a"b c" d)", {"ab c", "d"}},
      {R"(x'y z' "")", {"xy z", ""}},
      {"\"\\x00\"", {"\0"s}},
      {"a\0b c"s, {"a"}},  // a NUL ends the line, as in a C string
  };
  for (const Case& c : cases) {
    Args got = {"stale"};
    EXPECT_TRUE(SplitArgs(c.line, &got)) << c.line;
    EXPECT_EQ(got, c.want) << c.line;
  }
  for (const std::string& bad : std::vector<std::string>{R"("abc)", R"('abc)", R"("a"b)", R"('a'b)",
                                                         R"("abc\)", "\"a\0\""s, R"(x "y)"}) {
    Args got = {"stale"};
    EXPECT_FALSE(SplitArgs(bad, &got)) << bad;
    EXPECT_TRUE(got.empty());
  }
}

TEST(RequestParserTest, InlineLineEndings) {
  EXPECT_EQ(FeedWhole("PING\r\r\n").commands, (std::vector<Args>{{"PING"}}));
  EXPECT_EQ(FeedWhole("ECHO a\rb\n").commands, (std::vector<Args>{{"ECHO", "a", "b"}}));
  EXPECT_EQ(FeedWhole("\n\r\n  \r\nPING\n").commands, (std::vector<Args>{{"PING"}}));
  // A request starting with anything but '*' is inline, even '$'.
  EXPECT_EQ(FeedWhole("$3\r\n").commands, (std::vector<Args>{{"$3"}}));
  EXPECT_EQ(FeedWhole("PING").leftover, 4u);
}

TEST(RequestParserTest, MultibulkErrors) {
  EXPECT_FALSE(FeedWhole("*" + std::string(65535, '1')).failed);
  EXPECT_EQ(ErrorOf("*" + std::string(65536, '1')), "Protocol error: too big mbulk count string");
  EXPECT_EQ(ErrorOf("*abc\r\n"), "Protocol error: invalid multibulk length");
  EXPECT_EQ(ErrorOf("*01\r\n"), "Protocol error: invalid multibulk length");
  EXPECT_EQ(ErrorOf("*-0\r\n"), "Protocol error: invalid multibulk length");
  EXPECT_EQ(ErrorOf("*+1\r\n"), "Protocol error: invalid multibulk length");
  EXPECT_EQ(ErrorOf("*\r\n"), "Protocol error: invalid multibulk length");
  EXPECT_EQ(ErrorOf("*2147483648\r\n"), "Protocol error: invalid multibulk length");
  EXPECT_EQ(ErrorOf("*99999999999999999999\r\n"), "Protocol error: invalid multibulk length");
  EXPECT_FALSE(FeedWhole("*2147483647\r\n").failed);
  ParserLimits small;
  small.max_multibulk_len = 10;
  EXPECT_EQ(ErrorOf("*11\r\n", small), "Protocol error: invalid multibulk length");
  EXPECT_FALSE(FeedWhole("*10\r\n", small).failed);
}

TEST(RequestParserTest, BulkErrors) {
  EXPECT_EQ(ErrorOf("*1\r\nfoo\r\n"), "Protocol error: expected '$', got 'f'");
  EXPECT_EQ(ErrorOf("*2\r\n$1\r\na\r\n:1\r\n"), "Protocol error: expected '$', got ':'");
  EXPECT_EQ(ErrorOf("*1\r\n\n\r\n"), "Protocol error: expected '$', got ' '");
  EXPECT_EQ(ErrorOf("*1\r\n\0\r\n"s), "Protocol error: expected '$', got '");
  EXPECT_FALSE(FeedWhole("*1\r\n$" + std::string(65535, '1')).failed);
  EXPECT_EQ(ErrorOf("*1\r\n$" + std::string(65536, '1')),
            "Protocol error: too big bulk count string");
  EXPECT_EQ(ErrorOf("*1\r\n$-1\r\n"), "Protocol error: invalid bulk length");
  EXPECT_EQ(ErrorOf("*1\r\n$x\r\n"), "Protocol error: invalid bulk length");
  EXPECT_EQ(ErrorOf("*1\r\n$536870913\r\n"), "Protocol error: invalid bulk length");
  EXPECT_FALSE(FeedWhole("*1\r\n$536870912\r\n").failed);
  ParserLimits small;
  small.max_bulk_len = 5;
  EXPECT_EQ(ErrorOf("*1\r\n$6\r\n", small), "Protocol error: invalid bulk length");
  EXPECT_EQ(FeedWhole("*1\r\n$5\r\nhello\r\n", small).commands, (std::vector<Args>{{"hello"}}));
}

TEST(RequestParserTest, InlineErrors) {
  EXPECT_FALSE(FeedWhole(std::string(65536, 'a')).failed);
  EXPECT_EQ(ErrorOf(std::string(65537, 'a')), "Protocol error: too big inline request");
  EXPECT_EQ(ErrorOf("set 'a\r\n"), "Protocol error: unbalanced quotes in request");
  EXPECT_EQ(ErrorOf("set \"a\"b\r\n"), "Protocol error: unbalanced quotes in request");
  // A long line is fine once terminated.
  EXPECT_EQ(FeedWhole(std::string(70000, 'a') + "\n").commands.size(), 1u);
}

TEST(RequestParserTest, ErrorIsStickyUntilReset) {
  RequestParser parser;
  size_t consumed = 0;
  Args args;
  EXPECT_EQ(parser.Parse("PING\r\n*x\r\n", &consumed, &args), Result::kCommand);
  EXPECT_EQ(consumed, 6u);
  EXPECT_EQ(parser.Parse("*x\r\n", &consumed, &args), Result::kError);
  EXPECT_EQ(parser.error(), "Protocol error: invalid multibulk length");
  EXPECT_EQ(parser.Parse("PING\r\n", &consumed, &args), Result::kError);
  EXPECT_EQ(consumed, 0u);
  parser.Reset();
  EXPECT_TRUE(parser.error().empty());
  EXPECT_EQ(parser.Parse("PING\r\n", &consumed, &args), Result::kCommand);
}

// Random, protocol-flavoured garbage: the parser must never crash, and the
// outcome must not depend on how the bytes were split.
TEST(RequestParserTest, FuzzNeverCrashesAndIgnoresChunking) {
  std::mt19937 rng(20240611);
  const std::string alphabet = "*$\r\n0123456789-+ \"'\\xabAZ\t\0"s;
  for (int iteration = 0; iteration < 3000; ++iteration) {
    size_t length = rng() % 120;
    std::string input;
    for (size_t i = 0; i < length; ++i) {
      input.push_back(rng() % 4 == 0 ? static_cast<char>(rng() % 256)
                                     : alphabet[rng() % alphabet.size()]);
    }
    Outcome whole = FeedWhole(input);
    std::vector<std::string_view> chunks;
    for (size_t i = 0; i < input.size();) {
      size_t n = 1 + rng() % 8;
      chunks.push_back(std::string_view(input).substr(i, n));
      i += n;
    }
    Outcome split = Feed(chunks);
    ASSERT_EQ(whole.commands, split.commands) << iteration;
    ASSERT_EQ(whole.failed, split.failed) << iteration;
    ASSERT_EQ(whole.error, split.error) << iteration;
    if (whole.failed) {
      EXPECT_EQ(whole.error.rfind("Protocol error: ", 0), 0u);
    }
  }
}

}  // namespace
}  // namespace tetradb::resp
