// Argument specs of every RESP command, in a compact form parsed into the
// COMMAND DOCS "arguments" Replies on first use.
//
// The facts (names, types, tokens, flags, versions) are those Redis 7.0.15
// reports; CLIENT NO-TOUCH and CLIENT SETINFO, which 7.0 lacks, follow 7.2.
// Redis 7.0 has no "display_text", so none is emitted.
//
// Spec grammar (arguments separated by spaces):
//   spec     := arg*
//   arg      := head modifier*
//   head     := name ':' type        a named argument; name may itself contain
//                                    ':' ("ip:port"): the type follows the last
//             | TOKEN                shorthand for a pure-token whose name is
//                                    the token lower-cased: "NX" is nx=NX
//   type     := string | integer | double | key | pattern | unix-time
//             | pure-token | oneof | block
//   modifier := '=' TOKEN            "token": the word typed before the value
//             | '?'                  flag "optional"
//             | '*'                  flag "multiple"
//             | '+'                  flag "multiple_token" (token repeated too)
//             | '@' VERSION          "since"
//             | '~' VERSION          "deprecated_since"
//             | '(' arg* ')'         nested "arguments" (oneof and block only)
// Key arguments get "key_spec_index" 0, 1, 2, ... in order of appearance,
// which is how Redis numbers them for every command listed here.
//
// Example: "key:key count:integer?@6.2.0" is LPOP key [count].
#include "wire/resp/command_args.h"

#include <cstdio>
#include <cstdlib>
#include <unordered_map>
#include <utility>

namespace tetradb::resp {
namespace {

struct CommandArgSpec {
  std::string_view name;  // "set", "config|get": lower case
  std::string_view spec;
};

// Commands that take no arguments (MULTI, CONFIG HELP, ...) and containers
// (CONFIG, CLIENT, ...) are not listed. Grouped as COMMAND DOCS groups them.
constexpr CommandArgSpec kSpecs[] = {
    // connection
    {"auth", "username:string?@6.0.0 password:string"},
    {"client|kill",
     "filter:oneof(ip:port:string~2.8.12 new-format:oneof*(client-id:integer=ID?@2.8.12 "
     "normal_master_slave_pubsub:oneof=TYPE?@2.8.12(NORMAL MASTER@3.2.0 SLAVE REPLICA@5.0.0 "
     "PUBSUB) username:string=USER? ip:port:string=ADDR? ip:port:string=LADDR?@6.2.0 "
     "yes/no:string=SKIPME?))"},
    {"client|list",
     "normal_master_replica_pubsub:oneof=TYPE?@5.0.0(NORMAL MASTER REPLICA PUBSUB) "
     "id:block=ID?@6.2.0(client-id:integer*)"},
    {"client|no-evict", "enabled:oneof(ON OFF)"},
    {"client|no-touch", "enabled:oneof(ON OFF)"},
    {"client|setinfo", "attr:oneof(libname:string=LIB-NAME libver:string=LIB-VER)"},
    {"client|setname", "connection-name:string"},
    {"echo", "message:string"},
    {"hello",
     "arguments:block?(protover:integer username_password:block=AUTH?(username:string "
     "password:string) clientname:string=SETNAME?)"},
    {"ping", "message:string?"},
    {"select", "index:integer"},
    // sql
    {"sql", "statement:string param:string?*"},
    // server
    {"command|docs", "command-name:string?*"},
    {"command|info", "command-name:string?*"},
    {"command|list",
     "filterby:oneof=FILTERBY?(module-name:string=MODULE category:string=ACLCAT "
     "pattern:pattern=PATTERN)"},
    {"config|get", "parameter:block*(parameter:string)"},
    {"config|set", "parameter_value:block*(parameter:string value:string)"},
    {"flushall", "async:oneof?(ASYNC@4.0.0 SYNC@6.2.0)"},
    {"flushdb", "async:oneof?(ASYNC@4.0.0 SYNC@6.2.0)"},
    {"info", "section:string?*"},
    {"swapdb", "index1:integer index2:integer"},
    {"bgsave", "SCHEDULE?@3.2.2"},
    {"shutdown", "nosave_save:oneof?(NOSAVE SAVE) NOW?@7.0.0 FORCE?@7.0.0 ABORT?@7.0.0"},
    // generic
    {"copy", "source:key destination:key destination-db:integer=DB? REPLACE?"},
    {"del", "key:key*"},
    {"exists", "key:key*"},
    {"expire", "key:key seconds:integer condition:oneof?@7.0.0(NX XX GT LT)"},
    {"expireat", "key:key unix-time-seconds:unix-time condition:oneof?@7.0.0(NX XX GT LT)"},
    {"expiretime", "key:key"},
    {"keys", "pattern:pattern"},
    {"move", "key:key db:integer"},
    {"object|encoding", "key:key"},
    {"object|freq", "key:key"},
    {"object|idletime", "key:key"},
    {"object|refcount", "key:key"},
    {"persist", "key:key"},
    {"pexpire", "key:key milliseconds:integer condition:oneof?@7.0.0(NX XX GT LT)"},
    {"pexpireat", "key:key unix-time-milliseconds:unix-time condition:oneof?@7.0.0(NX XX GT LT)"},
    {"pexpiretime", "key:key"},
    {"pttl", "key:key"},
    {"rename", "key:key newkey:key"},
    {"renamenx", "key:key newkey:key"},
    {"scan", "cursor:integer pattern:pattern=MATCH? count:integer=COUNT? type:string=TYPE?@6.0.0"},
    {"touch", "key:key*"},
    {"ttl", "key:key"},
    {"type", "key:key"},
    {"unlink", "key:key*"},
    // string
    {"append", "key:key value:string"},
    {"decr", "key:key"},
    {"decrby", "key:key decrement:integer"},
    {"get", "key:key"},
    {"getdel", "key:key"},
    {"getex",
     "key:key expiration:oneof?(seconds:integer=EX milliseconds:integer=PX "
     "unix-time-seconds:unix-time=EXAT unix-time-milliseconds:unix-time=PXAT PERSIST)"},
    {"getrange", "key:key start:integer end:integer"},
    {"getset", "key:key value:string"},
    {"incr", "key:key"},
    {"incrby", "key:key increment:integer"},
    {"incrbyfloat", "key:key increment:double"},
    {"mget", "key:key*"},
    {"mset", "key_value:block*(key:key value:string)"},
    {"msetnx", "key_value:block*(key:key value:string)"},
    {"psetex", "key:key milliseconds:integer value:string"},
    {"set",
     "key:key value:string condition:oneof?@2.6.12(NX XX) GET?@6.2.0 "
     "expiration:oneof?(seconds:integer=EX@2.6.12 milliseconds:integer=PX@2.6.12 "
     "unix-time-seconds:unix-time=EXAT@6.2.0 unix-time-milliseconds:unix-time=PXAT@6.2.0 "
     "KEEPTTL@6.0.0)"},
    {"setex", "key:key seconds:integer value:string"},
    {"setnx", "key:key value:string"},
    {"setrange", "key:key offset:integer value:string"},
    {"strlen", "key:key"},
    // bitmap
    {"bitcount",
     "key:key index:block?(start:integer end:integer index_unit:oneof?@7.0.0(BYTE BIT))"},
    {"getbit", "key:key offset:integer"},
    {"setbit", "key:key offset:integer value:integer"},
    // hash
    {"hdel", "key:key field:string*"},
    {"hexists", "key:key field:string"},
    {"hget", "key:key field:string"},
    {"hgetall", "key:key"},
    {"hincrby", "key:key field:string increment:integer"},
    {"hincrbyfloat", "key:key field:string increment:double"},
    {"hkeys", "key:key"},
    {"hlen", "key:key"},
    {"hmget", "key:key field:string*"},
    {"hmset", "key:key field_value:block*(field:string value:string)"},
    {"hrandfield", "key:key options:block?(count:integer WITHVALUES?)"},
    {"hscan", "key:key cursor:integer pattern:pattern=MATCH? count:integer=COUNT?"},
    {"hset", "key:key field_value:block*(field:string value:string)"},
    {"hsetnx", "key:key field:string value:string"},
    {"hstrlen", "key:key field:string"},
    {"hvals", "key:key"},
    // list
    {"blmove",
     "source:key destination:key wherefrom:oneof(LEFT RIGHT) whereto:oneof(LEFT RIGHT) "
     "timeout:double"},
    {"blmpop",
     "timeout:double numkeys:integer key:key* where:oneof(LEFT RIGHT) count:integer=COUNT?"},
    {"blpop", "key:key* timeout:double"},
    {"brpop", "key:key* timeout:double"},
    {"brpoplpush", "source:key destination:key timeout:double"},
    {"lindex", "key:key index:integer"},
    {"linsert", "key:key where:oneof(BEFORE AFTER) pivot:string element:string"},
    {"llen", "key:key"},
    {"lmove", "source:key destination:key wherefrom:oneof(LEFT RIGHT) whereto:oneof(LEFT RIGHT)"},
    {"lmpop", "numkeys:integer key:key* where:oneof(LEFT RIGHT) count:integer=COUNT?"},
    {"lpop", "key:key count:integer?@6.2.0"},
    {"lpos",
     "key:key element:string rank:integer=RANK? num-matches:integer=COUNT? len:integer=MAXLEN?"},
    {"lpush", "key:key element:string*"},
    {"lpushx", "key:key element:string*"},
    {"lrange", "key:key start:integer stop:integer"},
    {"lrem", "key:key count:integer element:string"},
    {"lset", "key:key index:integer element:string"},
    {"ltrim", "key:key start:integer stop:integer"},
    {"rpop", "key:key count:integer?@6.2.0"},
    {"rpoplpush", "source:key destination:key"},
    {"rpush", "key:key element:string*"},
    {"rpushx", "key:key element:string*"},
    // set
    {"sadd", "key:key member:string*"},
    {"scard", "key:key"},
    {"sdiff", "key:key*"},
    {"sdiffstore", "destination:key key:key*"},
    {"sinter", "key:key*"},
    {"sintercard", "numkeys:integer key:key* limit:integer=LIMIT?"},
    {"sinterstore", "destination:key key:key*"},
    {"sismember", "key:key member:string"},
    {"smembers", "key:key"},
    {"smismember", "key:key member:string*"},
    {"smove", "source:key destination:key member:string"},
    {"spop", "key:key count:integer?@3.2.0"},
    {"srandmember", "key:key count:integer?@2.6.0"},
    {"srem", "key:key member:string*"},
    {"sscan", "key:key cursor:integer pattern:pattern=MATCH? count:integer=COUNT?"},
    {"sunion", "key:key*"},
    {"sunionstore", "destination:key key:key*"},
    // sorted-set
    {"bzpopmax", "key:key* timeout:double"},
    {"bzpopmin", "key:key* timeout:double"},
    {"zadd",
     "key:key condition:oneof?@3.0.2(NX XX) comparison:oneof?@6.2.0(GT LT) "
     "change:pure-token=CH?@3.0.2 increment:pure-token=INCR?@3.0.2 "
     "score_member:block*(score:double member:string)"},
    {"zcard", "key:key"},
    {"zcount", "key:key min:double max:double"},
    {"zdiff", "numkeys:integer key:key* WITHSCORES?"},
    {"zdiffstore", "destination:key numkeys:integer key:key*"},
    {"zincrby", "key:key increment:integer member:string"},
    {"zinter",
     "numkeys:integer key:key* weight:integer=WEIGHTS?* "
     "aggregate:oneof=AGGREGATE?(SUM MIN MAX) WITHSCORES?"},
    {"zinterstore",
     "destination:key numkeys:integer key:key* weight:integer=WEIGHTS?* "
     "aggregate:oneof=AGGREGATE?(SUM MIN MAX)"},
    {"zlexcount", "key:key min:string max:string"},
    {"zmscore", "key:key member:string*"},
    {"zpopmax", "key:key count:integer?"},
    {"zpopmin", "key:key count:integer?"},
    {"zrandmember", "key:key options:block?(count:integer WITHSCORES?)"},
    {"zrange",
     "key:key start:string stop:string sortby:oneof?@6.2.0(BYSCORE BYLEX) REV?@6.2.0 "
     "offset_count:block=LIMIT?@6.2.0(offset:integer count:integer) WITHSCORES?"},
    {"zrangebylex",
     "key:key min:string max:string offset_count:block=LIMIT?(offset:integer count:integer)"},
    {"zrangebyscore",
     "key:key min:double max:double WITHSCORES?@2.0.0 "
     "offset_count:block=LIMIT?(offset:integer count:integer)"},
    {"zrangestore",
     "dst:key src:key min:string max:string sortby:oneof?(BYSCORE BYLEX) REV? "
     "offset_count:block=LIMIT?(offset:integer count:integer)"},
    {"zrank", "key:key member:string"},
    {"zrem", "key:key member:string*"},
    {"zremrangebylex", "key:key min:string max:string"},
    {"zremrangebyrank", "key:key start:integer stop:integer"},
    {"zremrangebyscore", "key:key min:double max:double"},
    {"zrevrange", "key:key start:integer stop:integer WITHSCORES?"},
    {"zrevrangebylex",
     "key:key max:string min:string offset_count:block=LIMIT?(offset:integer count:integer)"},
    {"zrevrangebyscore",
     "key:key max:double min:double WITHSCORES? "
     "offset_count:block=LIMIT?(offset:integer count:integer)"},
    {"zrevrank", "key:key member:string"},
    {"zscan", "key:key cursor:integer pattern:pattern=MATCH? count:integer=COUNT?"},
    {"zscore", "key:key member:string"},
    {"zunion",
     "numkeys:integer key:key* weight:integer=WEIGHTS?* "
     "aggregate:oneof=AGGREGATE?(SUM MIN MAX) WITHSCORES?"},
    {"zunionstore",
     "destination:key numkeys:integer key:key* weight:integer=WEIGHTS?* "
     "aggregate:oneof=AGGREGATE?(SUM MIN MAX)"},
    // transactions
    {"watch", "key:key*"},
    // scripting
    {"eval", "script:string numkeys:integer key:key?* arg:string?*"},
    {"eval_ro", "script:string numkeys:integer key:key?* arg:string?*"},
    {"evalsha", "sha1:string numkeys:integer key:key?* arg:string?*"},
    {"evalsha_ro", "sha1:string numkeys:integer key:key?* arg:string?*"},
    {"script|exists", "sha1:string*"},
    {"script|flush", "async:oneof?@6.2.0(ASYNC SYNC)"},
    {"script|load", "script:string"},
    // pubsub
    {"psubscribe", "pattern:block*(pattern:pattern)"},
    {"publish", "channel:string message:string"},
    {"pubsub|channels", "pattern:pattern?"},
    {"pubsub|numsub", "channel:string?*"},
    {"punsubscribe", "pattern:pattern?*"},
    {"subscribe", "channel:string*"},
    {"unsubscribe", "channel:string?*"},
};

constexpr std::string_view kTypes[] = {"string",    "integer",    "double", "key",  "pattern",
                                       "unix-time", "pure-token", "oneof",  "block"};

// A recursive-descent parser over one spec string. Key indexes count across
// the whole spec, nested arguments included.
class SpecParser {
 public:
  explicit SpecParser(std::string_view spec) : spec_(spec) {}

  bool Parse(std::vector<Reply>* out, std::string* error) {
    bool ok = ParseList(out, /*nested=*/false);
    if (!ok) *error = error_ + " at offset " + std::to_string(pos_);
    return ok;
  }

 private:
  static bool IsDelimiter(char c) {
    return c == ' ' || c == '(' || c == ')' || c == '=' || c == '?' || c == '*' || c == '+' ||
           c == '@' || c == '~';
  }

  bool Fail(std::string message) {
    error_ = std::move(message);
    return false;
  }

  void SkipSpaces() {
    while (pos_ < spec_.size() && spec_[pos_] == ' ') ++pos_;
  }

  // Reads up to the next delimiter; empty if there is none.
  std::string_view Word() {
    size_t start = pos_;
    while (pos_ < spec_.size() && !IsDelimiter(spec_[pos_])) ++pos_;
    return spec_.substr(start, pos_ - start);
  }

  bool Version(std::string* out) {
    size_t start = pos_;
    while (pos_ < spec_.size() &&
           (spec_[pos_] == '.' || (spec_[pos_] >= '0' && spec_[pos_] <= '9'))) {
      ++pos_;
    }
    if (pos_ == start) return Fail("expected a version");
    *out = std::string(spec_.substr(start, pos_ - start));
    return true;
  }

  // Arguments up to the end of the spec, or up to ')' when nested.
  bool ParseList(std::vector<Reply>* out, bool nested) {
    while (true) {
      SkipSpaces();
      if (pos_ == spec_.size()) return nested ? Fail("missing ')'") : true;
      if (spec_[pos_] == ')') {
        if (!nested) return Fail("unexpected ')'");
        ++pos_;
        return true;
      }
      Reply arg;
      if (!ParseArg(&arg)) return false;
      out->push_back(std::move(arg));
    }
  }

  bool ParseArg(Reply* out) {
    std::string_view head = Word();
    if (head.empty()) return Fail("expected an argument");
    std::string name, type, token, since, deprecated;
    size_t colon = head.rfind(':');
    if (colon == std::string_view::npos) {
      type = "pure-token";
      token = std::string(head);
      for (char c : head) name.push_back(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
    } else {
      name = std::string(head.substr(0, colon));
      type = std::string(head.substr(colon + 1));
      bool known = false;
      for (std::string_view t : kTypes) known |= (t == type);
      if (name.empty() || !known) return Fail("bad name:type '" + std::string(head) + "'");
    }
    bool optional = false, multiple = false, multiple_token = false, has_children = false;
    int64_t key_index = type == "key" ? next_key_++ : -1;
    std::vector<Reply> children;
    while (pos_ < spec_.size() && spec_[pos_] != ' ' && spec_[pos_] != ')') {
      char c = spec_[pos_++];
      if (c == '=') {
        token = std::string(Word());
        if (token.empty()) return Fail("empty token");
      } else if (c == '?') {
        optional = true;
      } else if (c == '*') {
        multiple = true;
      } else if (c == '+') {
        multiple_token = true;
      } else if (c == '@') {
        if (!Version(&since)) return false;
      } else if (c == '~') {
        if (!Version(&deprecated)) return false;
      } else if (c == '(') {
        has_children = true;
        if (!ParseList(&children, /*nested=*/true)) return false;
      } else {
        return Fail(std::string("unexpected '") + c + "'");
      }
    }
    bool container = type == "oneof" || type == "block";
    if (container != has_children || (container && children.empty())) {
      return Fail("'" + name + "': oneof and block, and only they, take nested arguments");
    }
    if (type == "pure-token" && token.empty()) {
      return Fail("'" + name + "': pure-token needs a token");
    }

    // Field order as Redis writes it.
    std::vector<std::pair<Reply, Reply>> fields;
    fields.emplace_back(Reply::Bulk("name"), Reply::Bulk(std::move(name)));
    fields.emplace_back(Reply::Bulk("type"), Reply::Bulk(std::move(type)));
    if (key_index >= 0) {
      fields.emplace_back(Reply::Bulk("key_spec_index"), Reply::Integer(key_index));
    }
    if (!token.empty()) fields.emplace_back(Reply::Bulk("token"), Reply::Bulk(std::move(token)));
    if (!since.empty()) fields.emplace_back(Reply::Bulk("since"), Reply::Bulk(std::move(since)));
    if (!deprecated.empty()) {
      fields.emplace_back(Reply::Bulk("deprecated_since"), Reply::Bulk(std::move(deprecated)));
    }
    if (optional || multiple || multiple_token) {
      // Simple strings, as Redis sends them: redis-cli asserts on the type.
      std::vector<Reply> flags;
      if (optional) flags.push_back(Reply::Simple("optional"));
      if (multiple) flags.push_back(Reply::Simple("multiple"));
      if (multiple_token) flags.push_back(Reply::Simple("multiple_token"));
      fields.emplace_back(Reply::Bulk("flags"), Reply::Set(std::move(flags)));
    }
    if (has_children) {
      fields.emplace_back(Reply::Bulk("arguments"), Reply::Array(std::move(children)));
    }
    *out = Reply::Map(std::move(fields));
    return true;
  }

  std::string_view spec_;
  size_t pos_ = 0;
  int64_t next_key_ = 0;
  std::string error_;
};

// Every spec parsed, by command name. A malformed or duplicated entry is a
// programming error caught by command_args_test; it aborts at first use.
const std::unordered_map<std::string_view, Reply>& ParsedSpecs() {
  static const auto* parsed = [] {
    auto* m = new std::unordered_map<std::string_view, Reply>();
    for (const CommandArgSpec& c : kSpecs) {
      std::vector<Reply> args;
      std::string error;
      if (!ParseArgumentSpec(c.spec, &args, &error) ||
          !m->emplace(c.name, Reply::Array(std::move(args))).second) {
        std::fprintf(stderr, "command_args: bad entry for '%.*s': %s\n",
                     static_cast<int>(c.name.size()), c.name.data(),
                     error.empty() ? "duplicate" : error.c_str());
        std::abort();
      }
    }
    return m;
  }();
  return *parsed;
}

}  // namespace

bool ParseArgumentSpec(std::string_view spec, std::vector<Reply>* out, std::string* error) {
  return SpecParser(spec).Parse(out, error);
}

Reply CommandArguments(std::string_view full_name) {
  std::string name(full_name);
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
  }
  const auto& parsed = ParsedSpecs();
  auto it = parsed.find(name);
  return it == parsed.end() ? Reply::Array({}) : it->second;
}

}  // namespace tetradb::resp
