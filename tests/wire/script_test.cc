// Lua scripting (EVAL, EVALSHA, SCRIPT) through the dispatcher over a real
// in-memory key-value store. Expected bytes are what redis-server 7.0.15
// answers to the same commands.
#include <atomic>
#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "tests/models/kv/kv_fixture.h"
#include "wire/resp/dispatcher.h"
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

}  // namespace
}  // namespace tetradb::resp
