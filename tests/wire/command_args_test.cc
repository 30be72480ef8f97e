#include "wire/resp/command_args.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>

#include "wire/resp/command_table.h"

namespace tetradb::resp {
namespace {

// The value of `key` in a map Reply; nullptr if absent.
const Reply* Field(const Reply& map, std::string_view key) {
  const auto& e = map.elements();
  for (size_t i = 0; i + 1 < e.size(); i += 2) {
    if (e[i].str() == key) return &e[i + 1];
  }
  return nullptr;
}

std::string Str(const Reply& map, std::string_view key) {
  const Reply* r = Field(map, key);
  return r ? r->str() : "";
}

bool HasFlag(const Reply& arg, std::string_view flag) {
  const Reply* flags = Field(arg, "flags");
  if (flags == nullptr) return false;
  return std::any_of(flags->elements().begin(), flags->elements().end(),
                     [&](const Reply& f) { return f.str() == flag; });
}

const std::vector<Reply>& Children(const Reply& arg) {
  static const std::vector<Reply> kNone;
  const Reply* c = Field(arg, "arguments");
  return c ? c->elements() : kNone;
}

// The parameter string redis-cli 7.0 derives from the arguments for HELP and
// its hints: tokens, names, [optional], a|b for oneof, "x [x ...]" for
// multiple.
std::string Render(const Reply& arg) {
  std::string type = Str(arg, "type");
  std::string token = Str(arg, "token");
  std::string repeat;
  if (type == "oneof" || type == "block") {
    for (const Reply& c : Children(arg)) {
      if (!repeat.empty()) repeat += type == "oneof" ? "|" : " ";
      repeat += Render(c);
    }
  } else if (type != "pure-token") {
    repeat = Str(arg, "name");
  }
  if (!token.empty() && type != "pure-token") token += " ";
  bool optional = HasFlag(arg, "optional");
  std::string out = optional ? "[" : "";
  out += token + repeat;
  if (HasFlag(arg, "multiple")) {
    out += " [" + (HasFlag(arg, "multiple_token") ? token : "") + repeat + " ...]";
  }
  if (optional) out += "]";
  return out;
}

std::string Params(std::string_view command) {
  std::string out;
  Reply args = CommandArguments(command);  // kept alive for the loop
  for (const Reply& a : args.elements()) {
    if (!out.empty()) out += " ";
    out += Render(a);
  }
  return out;
}

// The fewest and the most words the arguments accept (kMany: unbounded).
constexpr int kMany = 1 << 20;

int Words(const Reply& arg, bool most) {
  if (!most && HasFlag(arg, "optional")) return 0;
  if (most && HasFlag(arg, "multiple")) return kMany;
  std::string type = Str(arg, "type");
  int token = Field(arg, "token") != nullptr && type != "pure-token" ? 1 : 0;
  if (type == "oneof") {
    int n = most ? 0 : kMany;
    for (const Reply& c : Children(arg)) {
      n = most ? std::max(n, Words(c, most)) : std::min(n, Words(c, most));
    }
    return std::min(kMany, token + n);
  }
  if (type == "block") {
    int n = token;
    for (const Reply& c : Children(arg)) n = std::min(kMany, n + Words(c, most));
    return n;
  }
  return 1 + token;
}

int Words(std::string_view command, bool most) {
  int n = 0;
  Reply args = CommandArguments(command);  // kept alive for the loop
  for (const Reply& a : args.elements()) {
    n = std::min(kMany, n + Words(a, most));
  }
  return n;
}

TEST(CommandArgsTest, ParsesTheSpecGrammar) {
  std::vector<Reply> args;
  std::string error;
  ASSERT_TRUE(ParseArgumentSpec("ip:port:key count:integer=COUNT?*+@6.2.0~7.0.0 NX", &args, &error))
      << error;
  ASSERT_EQ(args.size(), 3u);
  EXPECT_EQ(args[0], Reply::Map({{Reply::Bulk("name"), Reply::Bulk("ip:port")},
                                 {Reply::Bulk("type"), Reply::Bulk("key")},
                                 {Reply::Bulk("key_spec_index"), Reply::Integer(0)}}));
  EXPECT_EQ(args[1], Reply::Map({{Reply::Bulk("name"), Reply::Bulk("count")},
                                 {Reply::Bulk("type"), Reply::Bulk("integer")},
                                 {Reply::Bulk("token"), Reply::Bulk("COUNT")},
                                 {Reply::Bulk("since"), Reply::Bulk("6.2.0")},
                                 {Reply::Bulk("deprecated_since"), Reply::Bulk("7.0.0")},
                                 {Reply::Bulk("flags"),
                                  Reply::Set({Reply::Simple("optional"), Reply::Simple("multiple"),
                                              Reply::Simple("multiple_token")})}}));
  EXPECT_EQ(args[2], Reply::Map({{Reply::Bulk("name"), Reply::Bulk("nx")},
                                 {Reply::Bulk("type"), Reply::Bulk("pure-token")},
                                 {Reply::Bulk("token"), Reply::Bulk("NX")}}));

  // Keys are numbered across nesting, in order of appearance.
  args.clear();
  ASSERT_TRUE(ParseArgumentSpec("a:key kv:block*(k:key v:string)", &args, &error)) << error;
  EXPECT_EQ(Field(Children(args[1])[0], "key_spec_index")->integer(), 1);

  for (const char* bad : {"x:nosuch", "a:oneof", "a:oneof()", "b:string(c:string)", "a:oneof(X",
                          ")", "p:pure-token", "c:integer=", "c:integer@", "c:integer!", ":key"}) {
    args.clear();
    EXPECT_FALSE(ParseArgumentSpec(bad, &args, &error)) << bad;
  }
}

// Each command's documented arguments must agree with its arity: the fewest
// words they accept is the arity's minimum, and a fixed arity allows no more.
// Containers and commands taking nothing have no arguments.
TEST(CommandArgsTest, EveryCommandIsDocumentedConsistentlyWithItsArity) {
  // Redis's own specs disagree with the arity here: QUIT (arity -1) documents
  // no arguments; CLIENT KILL's new-format filters are each optional.
  const std::set<std::string> kExempt = {"quit", "client|kill"};
  int checked = 0;
  auto check = [&](const CommandSpec& spec, const std::string& name, int base) {
    SCOPED_TRACE(name);
    Reply args = CommandArguments(name);
    ASSERT_EQ(args.kind(), Reply::Kind::kArray);
    int required = (spec.arity < 0 ? -spec.arity : spec.arity) - base;
    if (!spec.subcommands.empty() || (spec.arity == base && !kExempt.count(name))) {
      EXPECT_TRUE(args.elements().empty());
      return;
    }
    ++checked;
    if (kExempt.count(name)) return;
    EXPECT_FALSE(args.elements().empty()) << "no arguments documented";
    EXPECT_EQ(Words(name, /*most=*/false), required);
    if (spec.arity > 0) {
      EXPECT_EQ(Words(name, /*most=*/true), required);
    } else {
      EXPECT_GT(Words(name, /*most=*/true), required);
    }
  };
  for (const CommandSpec& spec : CommandTable::Get().all()) {
    std::string name(spec.name);
    check(spec, name, 1);
    for (const CommandSpec& sub : spec.subcommands) {
      check(sub, name + "|" + std::string(sub.name), 2);
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(CommandArgsTest, SetHasItsOptionsNestedAsRedisHasThem) {
  Reply set = CommandArguments("set");
  const std::vector<Reply>& args = set.elements();
  ASSERT_EQ(args.size(), 5u);
  EXPECT_EQ(Str(args[0], "type"), "key");
  EXPECT_EQ(Field(args[0], "key_spec_index")->integer(), 0);
  EXPECT_EQ(Str(args[1], "name"), "value");
  EXPECT_EQ(Str(args[1], "type"), "string");

  EXPECT_EQ(Str(args[2], "name"), "condition");
  EXPECT_EQ(Str(args[2], "type"), "oneof");
  EXPECT_TRUE(HasFlag(args[2], "optional"));
  std::vector<std::string> tokens;
  for (const Reply& c : Children(args[2])) tokens.push_back(Str(c, "token"));
  EXPECT_EQ(tokens, (std::vector<std::string>{"NX", "XX"}));

  EXPECT_EQ(Str(args[3], "type"), "pure-token");
  EXPECT_EQ(Str(args[3], "token"), "GET");
  EXPECT_TRUE(HasFlag(args[3], "optional"));

  EXPECT_EQ(Str(args[4], "name"), "expiration");
  EXPECT_EQ(Str(args[4], "type"), "oneof");
  tokens.clear();
  std::vector<std::string> types;
  for (const Reply& c : Children(args[4])) {
    tokens.push_back(Str(c, "token"));
    types.push_back(Str(c, "type"));
  }
  EXPECT_EQ(tokens, (std::vector<std::string>{"EX", "PX", "EXAT", "PXAT", "KEEPTTL"}));
  EXPECT_EQ(types, (std::vector<std::string>{"integer", "integer", "unix-time", "unix-time",
                                             "pure-token"}));

  // Flags go out as simple strings in a set: redis-cli asserts both.
  const Reply* flags = Field(args[2], "flags");
  EXPECT_EQ(flags->kind(), Reply::Kind::kSet);
  EXPECT_EQ(flags->elements()[0].kind(), Reply::Kind::kSimple);
}

// The strings redis-cli 7.0 shows for these commands against Redis 7.0.15.
TEST(CommandArgsTest, RendersTheHintsRedisCliShows) {
  EXPECT_EQ(Params("set"),
            "key value [NX|XX] [GET] [EX seconds|PX milliseconds|EXAT unix-time-seconds|"
            "PXAT unix-time-milliseconds|KEEPTTL]");
  EXPECT_EQ(Params("SET"), Params("set"));
  EXPECT_EQ(Params("get"), "key");
  EXPECT_EQ(Params("lpop"), "key [count]");
  EXPECT_EQ(Params("del"), "key [key ...]");
  EXPECT_EQ(Params("blmpop"), "timeout numkeys key [key ...] LEFT|RIGHT [COUNT count]");
  EXPECT_EQ(Params("zadd"), "key [NX|XX] [GT|LT] [CH] [INCR] score member [score member ...]");
  EXPECT_EQ(Params("zrange"),
            "key start stop [BYSCORE|BYLEX] [REV] [LIMIT offset count] [WITHSCORES]");
  EXPECT_EQ(Params("config|get"), "parameter [parameter ...]");
  EXPECT_EQ(Params("client|list"),
            "[TYPE NORMAL|MASTER|REPLICA|PUBSUB] [ID client-id [client-id ...]]");
  EXPECT_EQ(Params("ping"), "[message]");
  EXPECT_EQ(Params("multi"), "");
  EXPECT_EQ(Params("no-such-command"), "");
  EXPECT_EQ(Params("config"), "");
}

}  // namespace
}  // namespace tetradb::resp
