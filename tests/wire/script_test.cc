// Lua scripting (EVAL, EVALSHA, SCRIPT) through the dispatcher over a real
// in-memory key-value store. Expected bytes are what redis-server 7.0.15
// answers to the same commands.
#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "tests/models/kv/kv_fixture.h"
#include "wire/resp/dispatcher.h"
#include "wire/resp/hub.h"
#include "wire/resp/script_cache.h"
#include "wire/resp/writer.h"

namespace tetradb::resp {
namespace {

TEST(ScriptCacheTest, Sha1HexIsLowerCaseHex) {
  EXPECT_EQ(script::Sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
  EXPECT_EQ(script::Sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(script::Sha1Hex("return 'hi'"), "2f31ba2bb6d6a0f42cc159d2e2dad55440778de3");
}

TEST(ScriptCacheTest, ShebangFlagsAndErrors) {
  script::Script s;
  EXPECT_FALSE(script::ParseScript("return 1", &s));
  EXPECT_FALSE(s.shebang);
  EXPECT_EQ(s.body, "return 1");
  EXPECT_FALSE(script::ParseScript("#!lua flags=no-writes,allow-oom\nreturn 1", &s));
  EXPECT_TRUE(s.shebang);
  EXPECT_TRUE(s.no_writes);
  EXPECT_EQ(s.body, "\nreturn 1");  // line numbers stay those of the source
  EXPECT_FALSE(script::ParseScript("#!lua  flags=\nreturn 1", &s));
  EXPECT_FALSE(s.no_writes);
  EXPECT_EQ(*script::ParseScript("#!lua", &s), "ERR Invalid script shebang");
  EXPECT_EQ(*script::ParseScript("#!lua flags=bogus\n", &s),
            "ERR Unexpected flag in script shebang: bogus");
  EXPECT_EQ(*script::ParseScript("#!python\n", &s),
            "ERR Unexpected engine in script shebang: #!python");
  EXPECT_EQ(*script::ParseScript("#!lua name=x\n", &s), "ERR Unknown lua shebang option: name=x");
}

// Records the messages pushed to a subscriber.
class RecordingChannel final : public ClientChannel {
 public:
  void Push(Reply message) override { messages.push_back(message.elements().back().str()); }
  void Wake() override {}
  void Kill() override {}
  std::vector<std::string> messages;
};

class ScriptTest : public kv::KvFixture {
 protected:
  void SetUp() override {
    kv::KvFixture::SetUp();
    service_.kv = store_.get();
    session_.authenticated = true;
  }

  std::string Run(std::vector<std::string> args) { return Run(session_, std::move(args)); }
  std::string Run(Session& session, std::vector<std::string> args) {
    return EncodeReply(Dispatch(service_, session, args), 2);
  }
  // EVAL with no keys, the reply's bytes.
  std::string Eval(const std::string& body) { return Run({"EVAL", body, "0"}); }

  Service service_;
  Session session_;
};

TEST_F(ScriptTest, LuaValuesBecomeReplies) {
  EXPECT_EQ(Eval("return 1"), ":1\r\n");
  EXPECT_EQ(Eval("return 3.99"), ":3\r\n");
  EXPECT_EQ(Eval("return -3.99"), ":-3\r\n");
  EXPECT_EQ(Eval("return 1e30"), ":-9223372036854775808\r\n");
  EXPECT_EQ(Eval("return 'x'"), "$1\r\nx\r\n");
  EXPECT_EQ(Eval("return true"), ":1\r\n");
  EXPECT_EQ(Eval("return false"), "$-1\r\n");
  EXPECT_EQ(Eval("return nil"), "$-1\r\n");
  EXPECT_EQ(Eval("return {1,2,nil,3}"), "*2\r\n:1\r\n:2\r\n");
  EXPECT_EQ(Eval("return {1,{'a',{true}}}"), "*2\r\n:1\r\n*2\r\n$1\r\na\r\n*1\r\n:1\r\n");
  EXPECT_EQ(Eval("return {ok='FINE'}"), "+FINE\r\n");
  EXPECT_EQ(Eval("return {err='MY oops'}"), "-MY oops\r\n");
  EXPECT_EQ(Eval("return {1,{err='x'},3}"), "*3\r\n:1\r\n-x\r\n:3\r\n");
  EXPECT_EQ(Eval("return {double=3.5}"), "$3\r\n3.5\r\n");
  EXPECT_EQ(Eval("return redis.status_reply('FINE')"), "+FINE\r\n");
  EXPECT_EQ(Eval("return redis.error_reply('My Error')"), "-My Error\r\n");
  EXPECT_EQ(Eval("return redis.error_reply('oops')"), "-ERR oops\r\n");
  EXPECT_EQ(Eval("return redis.error_reply(1)"), "-ERR wrong number or type of arguments\r\n");
}

TEST_F(ScriptTest, CommandRepliesBecomeLuaValues) {
  EXPECT_EQ(Run({"SET", "s", "foo"}), "+OK\r\n");
  EXPECT_EQ(Eval("return redis.call('get', 'nokey') == false"), ":1\r\n");
  EXPECT_EQ(Eval("return redis.call('set', 'k', 'v')['ok']"), "$2\r\nOK\r\n");
  EXPECT_EQ(Eval("return redis.pcall('incr', 's')['err']"),
            "$43\r\nERR value is not an integer or out of range\r\n");
  EXPECT_EQ(Eval("return type(redis.call('incr', 'n'))"), "$6\r\nnumber\r\n");
  EXPECT_EQ(Eval("redis.call('set', 'f', 0.1) return redis.call('get', 'f')"),
            "$19\r\n0.10000000000000001\r\n");
  EXPECT_EQ(Eval("redis.call('zadd', 'z', 1.5, 'a') return redis.call('zscore', 'z', 'a')"),
            "$3\r\n1.5\r\n");
  EXPECT_EQ(Eval("redis.setresp(3) return type(redis.call('zscore', 'z', 'a'))"),
            "$5\r\ntable\r\n");
  EXPECT_EQ(Eval("redis.setresp(3) return redis.call('get', 'nokey') == nil"), ":1\r\n");
  EXPECT_EQ(Run({"HSET", "h", "f", "v"}), ":1\r\n");
  EXPECT_EQ(Eval("redis.setresp(3) return redis.call('hgetall', 'h')['map']['f']"),
            "$1\r\nv\r\n");
  EXPECT_EQ(Eval("return redis.call('hgetall', 'h')"), "*2\r\n$1\r\nf\r\n$1\r\nv\r\n");
}

TEST_F(ScriptTest, KeysAndArgv) {
  EXPECT_EQ(Run({"EVAL", "return {KEYS[1], ARGV[1], #KEYS, #ARGV}", "1", "k", "a", "b"}),
            "*4\r\n$1\r\nk\r\n$1\r\na\r\n:1\r\n:2\r\n");
  EXPECT_EQ(Run({"EVAL", "return 1", "2", "a"}),
            "-ERR Number of keys can't be greater than number of args\r\n");
  EXPECT_EQ(Run({"EVAL", "return 1", "-1"}), "-ERR Number of keys can't be negative\r\n");
  EXPECT_EQ(Run({"EVAL", "return 1", "x"}), "-ERR value is not an integer or out of range\r\n");
  EXPECT_EQ(Run({"EVAL", "return 1"}), "-ERR wrong number of arguments for 'eval' command\r\n");
}

TEST_F(ScriptTest, ErrorsNameTheScriptAndLine) {
  EXPECT_EQ(Run({"SET", "s", "foo"}), "+OK\r\n");
  std::string sha = script::Sha1Hex("redis.call('incr','s')");
  EXPECT_EQ(Eval("redis.call('incr','s')"),
            "-ERR value is not an integer or out of range script: " + sha +
                ", on @user_script:1.\r\n");
  sha = script::Sha1Hex("\n\nerror('boom')");
  EXPECT_EQ(Eval("\n\nerror('boom')"),
            "-ERR user_script:3: boom script: " + sha + ", on @user_script:3.\r\n");
  sha = script::Sha1Hex("error({err='MY code'})");
  EXPECT_EQ(Eval("error({err='MY code'})"), "-MY code script: " + sha + ", on @user_script:1.\r\n");
  EXPECT_EQ(Eval("return 'a' .. "),
            "-ERR Error compiling script (new function): user_script:1: unexpected symbol near "
            "'<eof>'\r\n");
  // pcall hands the error's text to the script, as Redis 7.0 does.
  EXPECT_EQ(Eval("local ok, e = pcall(function() redis.call('incr','s') end) return e"),
            "$43\r\nERR value is not an integer or out of range\r\n");
  std::string out = Eval("redis.call('nosuch')");
  EXPECT_EQ(out.substr(0, 46), "-ERR Unknown Redis command called from script ");
  out = Eval("redis.call('get')");
  EXPECT_EQ(out.substr(0, 60), "-ERR Wrong number of args calling Redis command from script ");
  out = Eval("redis.call('set', 'k', {})");
  EXPECT_EQ(out.substr(0, 64), "-ERR Lua redis lib command arguments must be strings or integers");
}

TEST_F(ScriptTest, CommandsRefusedInScripts) {
  for (const char* call : {"'multi'", "'exec'", "'watch', 'x'", "'subscribe', 'x'",
                           "'eval', 'return 1', 0", "'script', 'flush'", "'sql', 'select 1'",
                           "'client', 'id'", "'auth', 'x'", "'hello'", "'quit'", "'save'",
                           "'shutdown'", "'blpop', 'nolist', 0"}) {
    std::string out = Eval(std::string("return redis.call(") + call + ")");
    EXPECT_EQ(out.substr(0, 50), "-ERR This Redis command is not allowed from script") << call;
  }
  EXPECT_EQ(Run({"EVAL_RO", "return redis.call('set','a','1')", "0"}).substr(0, 60),
            "-ERR Write commands are not allowed from read-only scripts. ");
  EXPECT_EQ(Run({"EVAL_RO", "#!lua\nreturn 1", "0"}),
            "-ERR Can not execute a script with write flag using *_ro command.\r\n");
  EXPECT_EQ(Eval("#!lua flags=no-writes\nreturn redis.call('set','a','1')").substr(0, 60),
            "-ERR Write commands are not allowed from read-only scripts. ");
}

TEST_F(ScriptTest, SandboxFollowsRedis) {
  std::string sha = script::Sha1Hex("a = 1");
  EXPECT_EQ(Eval("a = 1"), "-ERR user_script:1: Attempt to modify a readonly table script: " +
                               sha + ", on @user_script:1.\r\n");
  sha = script::Sha1Hex("return b");
  EXPECT_EQ(Eval("return b"),
            "-ERR user_script:1: Script attempted to access nonexistent global variable 'b' "
            "script: " + sha + ", on @user_script:1.\r\n");
  for (const char* name : {"os", "io", "loadfile", "dofile", "print", "require", "debug",
                           "getfenv", "setfenv", "package", "module", "newproxy"}) {
    EXPECT_NE(Eval(std::string("return type(") + name + ")").find("nonexistent global"),
              std::string::npos)
        << name;
  }
  EXPECT_NE(Eval("string.x = 1").find("Attempt to modify a readonly table"), std::string::npos);
  EXPECT_NE(Eval("redis.call = nil").find("Attempt to modify a readonly table"),
            std::string::npos);
  EXPECT_NE(Eval("rawset(_G, 'y', 1)").find("-ERR Attempt to modify a readonly table"),
            std::string::npos);
  EXPECT_NE(Eval("setmetatable(_G, nil)").find("-ERR Attempt to modify a readonly table"),
            std::string::npos);
  EXPECT_NE(Eval("getmetatable('').__index.upper = nil").find("readonly"), std::string::npos);
  // Library functions are still there for the next script.
  EXPECT_EQ(Eval("return ('abc'):upper() .. string.format('%d', 5)"), "$4\r\nABC5\r\n");
  EXPECT_EQ(Eval("return rawget(_G, 'redis') ~= nil and rawget(string, 'rep') ~= nil"), ":1\r\n");
  EXPECT_EQ(Eval("local n = 0 for k in pairs(_G) do n = n + 1 end return n > 10"), ":1\r\n");
  // Binary chunks are parsed as text, so they never load.
  EXPECT_EQ(Eval("local f, e = loadstring(string.dump(function() return 1 end)) return f"),
            "$-1\r\n");
  EXPECT_EQ(Eval("return loadstring('return 7')()"), ":7\r\n");
}

TEST_F(ScriptTest, BitLibrary) {
  EXPECT_EQ(Eval("return {bit.band(0xff, 0x0f), bit.bor(1, 2), bit.bxor(3, 1), "
                 "bit.tobit(0xffffffff), bit.lshift(1, 31), bit.rshift(-1, 28), "
                 "bit.arshift(-16, 2), bit.rol(1, 33), bit.bnot(0)}"),
            "*9\r\n:15\r\n:3\r\n:2\r\n:-1\r\n:-2147483648\r\n:15\r\n:-4\r\n:2\r\n:-1\r\n");
  EXPECT_EQ(Eval("return {bit.tohex(255), bit.tohex(-1, -4), bit.tohex(bit.bswap(0x12345678))}"),
            "*3\r\n$8\r\n000000ff\r\n$4\r\nFFFF\r\n$8\r\n78563412\r\n");
}

// The reply to a script that fails on line 1 with Lua error `message`.
std::string LineOneError(const std::string& body, const std::string& message) {
  return "-ERR user_script:1: " + message + " script: " + script::Sha1Hex(body) +
         ", on @user_script:1.\r\n";
}

// Lua code giving the hex digits of a string, for comparing packed bytes.
constexpr const char* kHex =
    "local function hex(s) return (s:gsub('.', function(c) "
    "return string.format('%02x', c:byte()) end)) end ";

TEST_F(ScriptTest, CjsonEncodesAndDecodes) {
  EXPECT_EQ(Eval("return cjson.encode({1,2,{a=1}})"), "$13\r\n[1,2,{\"a\":1}]\r\n");
  EXPECT_EQ(Run({"EVAL", "return cjson.decode(ARGV[1]).a", "0", "{\"a\":5}"}), ":5\r\n");
  EXPECT_EQ(Eval("return cjson.encode({0.1, 1/3, 1e300, 123456789012345678, -0, 2^53, "
                 "'a\"b\\\\c\\n/'})"),
            "$85\r\n[0.1,0.33333333333333,1e+300,1.2345678901235e+17,-0,9.007199254741e+15,"
            "\"a\\\"b\\\\c\\n\\/\"]\r\n");
  EXPECT_EQ(Run({"EVAL", "return cjson.encode(cjson.decode(ARGV[1]))", "0",
                 "[1,2.5,\"s\",null,true,{\"k\":[]},-1e-7]"}),
            "$37\r\n[1,2.5,\"s\",null,true,{\"k\":{}},-1e-07]\r\n");
  EXPECT_EQ(Eval("return cjson.encode({a={b={c={1,2.5,'x',true,false}}}})"),
            "$40\r\n{\"a\":{\"b\":{\"c\":[1,2.5,\"x\",true,false]}}}\r\n");
  // JSON null is the cjson.null light userdata, which replies as nil.
  EXPECT_EQ(Eval("return {cjson.decode('[1,null,3]')[2] == cjson.null, "
                 "#cjson.decode('[1,null,3]'), type(cjson.null)}"),
            "*3\r\n:1\r\n:3\r\n$8\r\nuserdata\r\n");
  EXPECT_EQ(Run({"EVAL", "return cjson.decode(ARGV[1])", "0", "\"\\u00e9\\ud83d\\ude00\""}),
            "$6\r\n\xc3\xa9\xf0\x9f\x98\x80\r\n");
  EXPECT_EQ(Eval("return cjson.encode({[1]=1,[3]=3})"), "$10\r\n[1,null,3]\r\n");
  EXPECT_EQ(Eval("return cjson.decode('0x10')"), ":16\r\n");
}

TEST_F(ScriptTest, CjsonErrors) {
  for (const auto& [body, message] : std::vector<std::pair<std::string, std::string>>{
           {"return cjson.encode({[1]=1,[20]=3})",
            "Cannot serialise table: excessively sparse array"},
           {"return cjson.encode(1/0)", "Cannot serialise number: must not be NaN or Inf"},
           {"local t = {} t[1] = t return cjson.encode(t)",
            "Cannot serialise, excessive nesting (1001)"},
           {"return cjson.encode(function() end)",
            "Cannot serialise function: type not supported"},
           {"return cjson.decode('{')",
            "Expected object key string but found T_END at character 2"},
           {"return cjson.decode('[1, 2, 3]  x')",
            "Expected the end but found invalid token at character 12"},
           {"return cjson.decode(string.rep('[', 1001) .. string.rep(']', 1001))",
            "Found too many nested data structures (1001) at character 1001"},
           {"return cjson.encode_number_precision(99)",
            "bad argument #1 to 'encode_number_precision' (expected integer between 1 and 14)"},
           {"cjson.x = 1", "Attempt to modify a readonly table"},
       }) {
    EXPECT_EQ(Eval(body), LineOneError(body, message)) << body;
  }
}

TEST_F(ScriptTest, CjsonSettings) {
  EXPECT_EQ(Eval("return {cjson.encode_max_depth(), cjson.decode_max_depth(), "
                 "cjson.encode_number_precision(), cjson.encode_sparse_array()}"),
            "*6\r\n:1000\r\n:1000\r\n:14\r\n$-1\r\n:2\r\n:10\r\n");
  EXPECT_EQ(Eval("return {cjson.encode_invalid_numbers(), cjson.decode_invalid_numbers(), "
                 "cjson.encode_keep_buffer(true)}"),
            "*3\r\n$-1\r\n:1\r\n:1\r\n");
  // Each script puts back what it changed: settings outlive the script.
  EXPECT_EQ(Eval("cjson.encode_number_precision(3) local r = cjson.encode(math.pi) "
                 "cjson.encode_number_precision(14) return r"),
            "$4\r\n3.14\r\n");
  EXPECT_EQ(Eval("cjson.encode_sparse_array(true) local r = cjson.encode({[1]=1,[20]=3}) "
                 "cjson.encode_sparse_array(false, 2, 10) return r"),
            "$14\r\n{\"1\":1,\"20\":3}\r\n");
  EXPECT_EQ(Eval("cjson.encode_invalid_numbers(true) local r = cjson.encode(1/0) "
                 "cjson.encode_invalid_numbers(false) return r"),
            "$3\r\ninf\r\n");
  EXPECT_EQ(Eval("local c = cjson.new() c.encode_number_precision(2) "
                 "return {c.encode(math.pi), cjson.encode(math.pi)}"),
            "*2\r\n$3\r\n3.1\r\n$15\r\n3.1415926535898\r\n");
}

TEST_F(ScriptTest, CmsgpackPacksAsRedis) {
  auto hex = [&](const std::string& code) { return Eval(kHex + code); };
  EXPECT_EQ(hex("return hex(cmsgpack.pack(1,'x',{1,2}))"), "$12\r\n01a178920102\r\n");
  EXPECT_EQ(hex("return hex(cmsgpack.pack(0, 127, 128, 255, 256, 65535, 65536, 4294967295, "
                "4294967296))"),
            "$62\r\n007fcc80ccffcd0100cdffffce00010000ceffffffffcf0000000100000000\r\n");
  EXPECT_EQ(hex("return hex(cmsgpack.pack(-1, -32, -33, -128, -129, -32768, -32769, "
                "-2147483648, -2147483649, -2^63))"),
            "$80\r\nffe0d0dfd080d1ff7fd18000d2ffff7fffd280000000d3ffffffff7fffffffd380000000"
            "00000000\r\n");
  // Non-integers: float 32 when exact, else float 64; 2^63 is past int64.
  EXPECT_EQ(hex("return hex(cmsgpack.pack(2^63, 0.5, 0.1, -2.25, 1/0, -0))"),
            "$60\r\nca5f000000ca3f000000cb3fb999999999999acac0100000ca7f80000000\r\n");
  // nil, booleans, a function (nil), {} (empty array), maps, an array, a
  // table with a hole (map) and one keyed from 0 (map).
  EXPECT_EQ(hex("return hex(cmsgpack.pack(nil, true, false, tostring, {}, {a=1}, {1,2,3}, "
                "{[1]=1,[3]=3}, {[0]=1}))"),
            "$42\r\nc0c3c2c09081a16101930102038201010303810001\r\n");
  EXPECT_EQ(hex("return hex(cmsgpack.pack(string.rep('a',31))):sub(1,4) .. ' ' .. "
                "hex(cmsgpack.pack(string.rep('b',32))):sub(1,6) .. ' ' .. "
                "hex(cmsgpack.pack(string.rep('b',256))):sub(1,8)"),
            "$20\r\nbf61 d92062 da010062\r\n");
  EXPECT_EQ(hex("local t={} for i=1,16 do t[i]=i end local m={} for i=1,16 do m['k'..i]=i end "
                "return hex(cmsgpack.pack(t)):sub(1,6) .. ' ' .. hex(cmsgpack.pack(m)):sub(1,6)"),
            "$13\r\ndc0010 de0010\r\n");
  // Tables nested 16 deep are packed as nil.
  EXPECT_EQ(hex("local t={} local c=t for i=1,20 do c[1]={} c=c[1] end "
                "return hex(cmsgpack.pack(t))"),
            "$34\r\n91919191919191919191919191919191c0\r\n");
}

TEST_F(ScriptTest, CmsgpackUnpacks) {
  EXPECT_EQ(Eval("return {cmsgpack.unpack(cmsgpack.pack(1,'x',{1,2}))}"),
            "*3\r\n:1\r\n$1\r\nx\r\n*2\r\n:1\r\n:2\r\n");
  EXPECT_EQ(Eval("local t = cmsgpack.unpack(cmsgpack.pack({a={b={1,2,{c='d'}}}, e=true, "
                 "f=false})) return {t.a.b[1], t.a.b[3].c, t.e, t.f == false}"),
            "*4\r\n:1\r\n$1\r\nd\r\n:1\r\n:1\r\n");
  EXPECT_EQ(Eval("local a,b,c,d,e = cmsgpack.unpack(cmsgpack.pack(0.5, 0.1, 1e300, -2^63, "
                 "2^53)) return {tostring(a), tostring(b), tostring(c), tostring(d), "
                 "tostring(e), b == 0.1}"),
            "*6\r\n$3\r\n0.5\r\n$3\r\n0.1\r\n$6\r\n1e+300\r\n$20\r\n-9.2233720368548e+18\r\n"
            "$18\r\n9.007199254741e+15\r\n:1\r\n");
  EXPECT_EQ(Eval("local t = cmsgpack.unpack('\\147\\1\\192\\3') return {#t, t[1], t[3]}"),
            "*3\r\n:1\r\n:1\r\n:3\r\n");
  EXPECT_EQ(Eval("local a, b, c = cmsgpack.unpack('\\192\\194\\195') "
                 "return {select('#', cmsgpack.unpack('\\192\\192')), a == nil, b, c}"),
            "*4\r\n:2\r\n:1\r\n$-1\r\n:1\r\n");
  // As in Redis, uint 64 is read as signed.
  EXPECT_EQ(Eval("return tostring(cmsgpack.unpack('\\207\\255\\255\\255\\255\\255\\255\\255"
                 "\\255'))"),
            "$2\r\n-1\r\n");
  // unpack_one / unpack_limit: the next offset (-1 at the end) comes first.
  EXPECT_EQ(Eval("return {cmsgpack.unpack_one(cmsgpack.pack(1,2,3))}"), "*2\r\n:1\r\n:1\r\n");
  EXPECT_EQ(Eval("return {cmsgpack.unpack_one(cmsgpack.pack(1,2,3), 2)}"),
            "*2\r\n:-1\r\n:3\r\n");
  EXPECT_EQ(Eval("return {cmsgpack.unpack_limit(cmsgpack.pack(1,2,3), 2)}"),
            "*3\r\n:2\r\n:1\r\n:2\r\n");
  EXPECT_EQ(Eval("return {cmsgpack.unpack_limit(cmsgpack.pack(1,2,3), 0)}"),
            "*3\r\n:1\r\n:2\r\n:3\r\n");
  EXPECT_EQ(Eval("return {cmsgpack.unpack_limit(cmsgpack.pack(1,2,3), 0, 1)}"), "*1\r\n:1\r\n");
  EXPECT_EQ(Eval("return {cmsgpack.unpack_one('')}"), "*1\r\n:-1\r\n");
  EXPECT_EQ(Eval("local s = cmsgpack.pack({1,2,3}, 'str', 42) local o, v = "
                 "cmsgpack.unpack_one(s) local o2, w = cmsgpack.unpack_one(s, o) "
                 "local o3, x = cmsgpack.unpack_one(s, o2) return {o, #v, o2, w, o3, x}"),
            "*6\r\n:4\r\n:3\r\n:8\r\n$3\r\nstr\r\n:-1\r\n:42\r\n");
  EXPECT_EQ(Eval("return {cmsgpack._NAME, cmsgpack._VERSION}"),
            "*2\r\n$8\r\ncmsgpack\r\n$18\r\nlua-cmsgpack 0.4.0\r\n");
}

TEST_F(ScriptTest, CmsgpackErrors) {
  for (const auto& [body, message] : std::vector<std::pair<std::string, std::string>>{
           {"return cmsgpack.pack()",
            "bad argument #0 to 'pack' (MessagePack pack needs input.)"},
           {"return cmsgpack.unpack('\\193')", "Bad data format in input."},
           {"return cmsgpack.unpack('\\205')", "Missing bytes in input."},
           {"return cmsgpack.unpack('\\148\\1')", "Missing bytes in input."},
           // The first problem in element order, though 4 elements cannot fit.
           {"return cmsgpack.unpack('\\148\\193')", "Bad data format in input."},
           {"return cmsgpack.unpack('\\196\\1a')", "Bad data format in input."},  // bin 8
           {"return cmsgpack.unpack('\\212\\1\\1')", "Bad data format in input."},  // ext
           {"return cmsgpack.unpack_limit(cmsgpack.pack(1,2,3), -1)",
            "Invalid request to unpack with offset of 0 and limit of 3."},
           {"return cmsgpack.unpack_one(cmsgpack.pack(1,2,3), 9)",
            "Start offset 9 greater than input length 3."},
           {"return cmsgpack.unpack(string.rep('\\145', 5000) .. '\\1')",
            "stack overflow (in function mp_decode_to_lua_array)"},
           {"cmsgpack.pack = nil", "Attempt to modify a readonly table"},
       }) {
    EXPECT_EQ(Eval(body), LineOneError(body, message)) << body;
  }
}

TEST_F(ScriptTest, ScriptCacheCommands) {
  EXPECT_EQ(Run({"SCRIPT", "FLUSH"}), "+OK\r\n");
  std::string sha = "2f31ba2bb6d6a0f42cc159d2e2dad55440778de3";
  EXPECT_EQ(Run({"EVALSHA", sha, "0"}), "-NOSCRIPT No matching script. Please use EVAL.\r\n");
  EXPECT_EQ(Run({"SCRIPT", "LOAD", "return 'hi'"}), "$40\r\n" + sha + "\r\n");
  EXPECT_EQ(Run({"EVALSHA", sha, "0"}), "$2\r\nhi\r\n");
  EXPECT_EQ(Run({"EVALSHA", "2F31BA2BB6D6A0F42CC159D2E2DAD55440778DE3", "0"}), "$2\r\nhi\r\n");
  EXPECT_EQ(Run({"EVALSHA_RO", sha, "0"}), "$2\r\nhi\r\n");
  EXPECT_EQ(Run({"SCRIPT", "EXISTS", sha, "ffff"}), "*2\r\n:1\r\n:0\r\n");
  EXPECT_EQ(Run({"SCRIPT", "LOAD", "return ("}).substr(0, 44),
            "-ERR Error compiling script (new function): ");
  EXPECT_EQ(Run({"SCRIPT", "FLUSH", "bogus"}),
            "-ERR SCRIPT FLUSH only support SYNC|ASYNC option\r\n");
  EXPECT_EQ(Run({"SCRIPT", "FLUSH", "ASYNC"}), "+OK\r\n");
  EXPECT_EQ(Run({"SCRIPT", "EXISTS", sha}), "*1\r\n:0\r\n");
  EXPECT_EQ(Run({"EVAL", "return 'hi'", "0"}), "$2\r\nhi\r\n");  // EVAL caches too
  EXPECT_EQ(Run({"EVALSHA", sha, "0"}), "$2\r\nhi\r\n");
  EXPECT_EQ(Run({"SCRIPT", "KILL"}), "-NOTBUSY No scripts in execution right now.\r\n");
}

TEST_F(ScriptTest, SelectStaysInsideTheScript) {
  EXPECT_EQ(Eval("redis.call('select', 1) return redis.call('set', 'dbkey', 'x')"), "+OK\r\n");
  EXPECT_EQ(session_.db, 0);
  EXPECT_EQ(Run({"EXISTS", "dbkey"}), ":0\r\n");
  EXPECT_EQ(Run({"SELECT", "1"}), "+OK\r\n");
  EXPECT_EQ(Run({"GET", "dbkey"}), "$1\r\nx\r\n");
  // A script starts in its caller's database.
  EXPECT_EQ(Eval("return redis.call('get', 'dbkey')"), "$1\r\nx\r\n");
}

TEST_F(ScriptTest, WritesBeforeAnErrorStand) {
  EXPECT_EQ(Run({"SET", "s", "foo"}), "+OK\r\n");
  std::string out = Eval("redis.call('set', 'before', '1') redis.call('incr', 's') "
                         "redis.call('set', 'after', '1')");
  EXPECT_EQ(out.substr(0, 44), "-ERR value is not an integer or out of range");
  EXPECT_EQ(Run({"MGET", "before", "after"}), "*2\r\n$1\r\n1\r\n$-1\r\n");
}

TEST_F(ScriptTest, RunsInsideMultiExec) {
  EXPECT_EQ(Run({"MULTI"}), "+OK\r\n");
  EXPECT_EQ(Run({"SET", "m", "1"}), "+QUEUED\r\n");
  EXPECT_EQ(Run({"EVAL", "return redis.call('incr', KEYS[1])", "1", "m"}), "+QUEUED\r\n");
  EXPECT_EQ(Run({"EXEC"}), "*2\r\n+OK\r\n:2\r\n");
}

// Four threads run read-modify-write scripts on one key, declared and not:
// no increment is lost.
TEST_F(ScriptTest, ConcurrentScriptsAreAtomic) {
  const std::string declared =
      "local v = tonumber(redis.call('get', KEYS[1]) or '0') "
      "redis.call('set', KEYS[1], tostring(v + 1)) return v + 1";
  const std::string undeclared =
      "local v = tonumber(redis.call('get', 'u') or '0') "
      "redis.call('set', 'u', tostring(v + 1)) return v + 1";
  std::vector<std::thread> threads;
  std::atomic<int> errors{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      Session s;
      s.authenticated = true;
      for (int i = 0; i < 100; ++i) {
        if (Dispatch(service_, s, {"EVAL", declared, "1", "c"}).IsError()) ++errors;
        if (Dispatch(service_, s, {"EVAL", undeclared, "0"}).IsError()) ++errors;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  EXPECT_EQ(Run({"MGET", "c", "u"}), "*2\r\n$3\r\n400\r\n$3\r\n400\r\n");
}

TEST_F(ScriptTest, ScriptKillStopsALoopAndRollsBack) {
  std::string reply;
  std::thread runner([&] {
    Session s;
    s.authenticated = true;
    reply = EncodeReply(
        Dispatch(service_, s,
                 {"EVAL", "redis.call('set', 'w', '1') while true do pcall(error, 'x') end", "0"}),
        2);
  });
  std::string kill;
  for (int i = 0; i < 500; ++i) {
    kill = Run({"SCRIPT", "KILL"});
    if (kill == "+OK\r\n") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  runner.join();
  EXPECT_EQ(kill, "+OK\r\n");
  EXPECT_EQ(reply.substr(0, 48), "-ERR Script killed by user with SCRIPT KILL... s");
  EXPECT_EQ(Run({"EXISTS", "w"}), ":0\r\n");
}

// On a network thread a script runs within a time budget: one still going
// after it is rolled back and handed back to run again elsewhere; a short
// one is not affected.
TEST_F(ScriptTest, AScriptOverItsBudgetIsRolledBackAndHandedBack) {
  session_.script_budget_ms = 20;
  EXPECT_EQ(Eval("redis.call('set', 'quick', '1') return 7"), ":7\r\n");
  EXPECT_FALSE(session_.offload_requested);
  const uint64_t calls = CommandTable::Get().Find("eval")->stat->calls;
  auto start = std::chrono::steady_clock::now();
  std::string reply = Eval("redis.call('set', 'slow', '1') while true do pcall(error, 'x') end");
  auto took = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(session_.offload_requested);
  EXPECT_NE(reply.find("The script ran too long for a network thread"), std::string::npos) << reply;
  EXPECT_LT(took, std::chrono::seconds(2));
  EXPECT_EQ(CommandTable::Get().Find("eval")->stat->calls, calls);  // counted where it runs
  session_.offload_requested = false;
  // A script known to run long goes to the pool at once, without running.
  start = std::chrono::steady_clock::now();
  Eval("redis.call('set', 'slow', '1') while true do pcall(error, 'x') end");
  EXPECT_TRUE(session_.offload_requested);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(15));
  session_.offload_requested = false;
  session_.script_budget_ms = 0;
  EXPECT_EQ(Run({"EXISTS", "slow"}), ":0\r\n");
  EXPECT_EQ(Run({"GET", "quick"}), "$1\r\n1\r\n");
  // A message published by a run that is stopped goes nowhere: it waits
  // for the commit. The run that commits delivers it once.
  auto sub = std::make_shared<RecordingChannel>();
  Session subscriber;
  subscriber.channel = sub;
  service_.hub->Subscribe(&subscriber, "ch");
  session_.script_budget_ms = 20;
  const std::string publish_then_loop =
      "redis.call('publish', 'ch', 'm') if ARGV[1] == 'loop' then while true do end end "
      "return redis.call('publish', 'ch', 'n')";
  Run({"EVAL", publish_then_loop, "0", "loop"});
  EXPECT_TRUE(session_.offload_requested);
  EXPECT_TRUE(sub->messages.empty());
  session_.offload_requested = false;
  session_.script_budget_ms = 0;
  EXPECT_EQ(Run({"EVAL", publish_then_loop, "0", "once"}), ":1\r\n");  // one receiver
  EXPECT_EQ(sub->messages, (std::vector<std::string>{"m", "n"}));
  service_.hub->Unsubscribe(&subscriber, "ch");
}

}  // namespace
}  // namespace tetradb::resp
