// The per-thread Lua VM: its sandbox, compiling scripts, and one run.
//
// Sandbox layout (stock Lua 5.1 has no read-only tables, so proxies do it):
//   - the real globals table G holds the allowed builtins, the library
//     proxies, KEYS and ARGV; its metatable makes reading a missing name an
//     error;
//   - the globals scripts see (LUA_GLOBALSINDEX, and _G) are an empty proxy
//     E of G: reads fall through to G, every assignment fails;
//   - string, table, math, coroutine, bit, cjson, cmsgpack and redis are
//     proxies of their real tables in the same way. rawset refuses proxies,
//     and rawget, next and pairs see through them, so scripts cannot tell
//     them apart short of the metatable (getmetatable returns false).
// A script thus cannot leave anything behind for the next one on the thread
// except through its own local tables' contents, which no one else sees.
#include "wire/resp/script_lua.h"

#include <algorithm>
#include <chrono>
#include <random>
#include <thread>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <spdlog/spdlog.h>

#include "models/kv/kv_store.h"
#include "wire/resp/script_lua_internal.h"

namespace tetradb::resp::script {
namespace {

thread_local RunContext* current_run = nullptr;

// Redis's unseeded drand48 state; math.randomseed resets it. One sequence
// per thread's VM, not reset between scripts (as in Redis 7.0).
thread_local uint64_t rand48_state = 0x1234ABCD330EULL;

// Lock conflicts of the current command's attempts so far (see Run).
thread_local int conflicts = 0;

constexpr const char* kProxies = "tetradb.proxies";    // registry: proxy -> real table
constexpr const char* kGlobals = "tetradb.globals";    // registry: G
constexpr const char* kToString = "tetradb.tostring";  // registry: Lua's tostring

int ReadonlyError(lua_State* L) { return luaL_error(L, "Attempt to modify a readonly table"); }

int UnknownGlobal(lua_State* L) {
  const char* name = lua_tostring(L, 2);
  return luaL_error(L, "Script attempted to access nonexistent global variable '%s'",
                    name == nullptr ? "?" : name);
}

// Pushes a read-only proxy of the table at `real`.
void PushProxy(lua_State* L, int real) {
  real = real < 0 ? lua_gettop(L) + real + 1 : real;
  lua_newtable(L);
  lua_newtable(L);
  lua_pushvalue(L, real);
  lua_setfield(L, -2, "__index");
  lua_pushcfunction(L, ReadonlyError);
  lua_setfield(L, -2, "__newindex");
  lua_pushboolean(L, 0);
  lua_setfield(L, -2, "__metatable");
  lua_setmetatable(L, -2);
  lua_getfield(L, LUA_REGISTRYINDEX, kProxies);
  lua_pushvalue(L, -2);
  lua_pushvalue(L, real);
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

// If the value at `idx` is a proxy, pushes its real table and returns true.
bool PushRealOf(lua_State* L, int idx) {
  idx = idx < 0 ? lua_gettop(L) + idx + 1 : idx;
  lua_getfield(L, LUA_REGISTRYINDEX, kProxies);
  lua_pushvalue(L, idx);
  lua_rawget(L, -2);
  lua_remove(L, -2);
  if (lua_istable(L, -1)) return true;
  lua_pop(L, 1);
  return false;
}

int SafeRawset(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  luaL_checkany(L, 3);
  if (PushRealOf(L, 1)) {
    lua_pushstring(L, "Attempt to modify a readonly table");
    return lua_error(L);
  }
  lua_settop(L, 3);
  lua_rawset(L, 1);
  return 1;
}

int SafeRawget(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checkany(L, 2);
  lua_settop(L, 2);
  if (PushRealOf(L, 1)) lua_replace(L, 1);
  lua_rawget(L, 1);
  return 1;
}

int SafeNext(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 2);
  if (PushRealOf(L, 1)) lua_replace(L, 1);
  if (lua_next(L, 1) != 0) return 2;
  lua_pushnil(L);
  return 1;
}

// Lua's own would say "cannot change a protected metatable" for a proxy.
int SafeSetmetatable(lua_State* L) {
  if (lua_istable(L, 1) && PushRealOf(L, 1)) {
    lua_pushstring(L, "Attempt to modify a readonly table");
    return lua_error(L);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int SafePairs(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_pushvalue(L, lua_upvalueindex(1));  // SafeNext
  lua_pushvalue(L, 1);
  lua_pushnil(L);
  return 3;
}

// Binary chunks can break out of any sandbox, so they are refused the way
// Redis's patched Lua refuses them: a chunk that starts with ESC is parsed
// as text, which is a syntax error.
int SafeLoadstring(lua_State* L) {
  size_t len = 0;
  const char* s = luaL_checklstring(L, 1, &len);
  const char* name = luaL_optstring(L, 2, s);
  if (len > 0 && s[0] == '\033') {
    lua_pushstring(L, " ");
    lua_pushvalue(L, 1);
    lua_concat(L, 2);
    s = lua_tolstring(L, -1, &len);
  }
  if (luaL_loadbuffer(L, s, len, name) == 0) return 1;
  lua_pushnil(L);
  lua_insert(L, -2);
  return 2;
}

struct LoadState {
  bool started = false;
  bool pending = false;  // the first piece is still to be returned, after " "
};

// load()'s reader: calls the function at 1 and keeps each piece at 3.
const char* LoadReader(lua_State* L, void* ud, size_t* size) {
  auto* st = static_cast<LoadState*>(ud);
  if (st->pending) {
    st->pending = false;
    return lua_tolstring(L, 3, size);
  }
  luaL_checkstack(L, 2, "too many nested functions");
  lua_pushvalue(L, 1);
  lua_call(L, 0, 1);
  if (lua_isnil(L, -1)) {
    lua_pop(L, 1);
    *size = 0;
    return nullptr;
  }
  if (!lua_isstring(L, -1)) luaL_error(L, "reader function must return a string");
  lua_replace(L, 3);
  const char* s = lua_tolstring(L, 3, size);
  if (!st->started) {
    st->started = true;
    if (*size > 0 && s[0] == '\033') {
      st->pending = true;
      *size = 1;
      return " ";
    }
  }
  return s;
}

int SafeLoad(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  const char* name = luaL_optstring(L, 2, "=(load)");
  lua_settop(L, 3);
  LoadState st;
  if (lua_load(L, LoadReader, &st, name) == 0) return 1;
  lua_pushnil(L);
  lua_insert(L, -2);
  return 2;
}

// The 48-bit linear congruential generator of drand48, as Redis uses it.
int32_t Rand48() {
  rand48_state = (rand48_state * 0x5DEECE66DULL + 0xB) & ((1ULL << 48) - 1);
  return static_cast<int32_t>(rand48_state >> 17);
}

int MathRandom(lua_State* L) {
  constexpr int32_t kMax = 2147483647;
  lua_Number r = static_cast<lua_Number>(Rand48() % kMax) / static_cast<lua_Number>(kMax);
  switch (lua_gettop(L)) {
    case 0:
      lua_pushnumber(L, r);
      break;
    case 1: {
      int u = luaL_checkint(L, 1);
      luaL_argcheck(L, 1 <= u, 1, "interval is empty");
      lua_pushnumber(L, std::floor(r * u) + 1);
      break;
    }
    case 2: {
      int l = luaL_checkint(L, 1);
      int u = luaL_checkint(L, 2);
      luaL_argcheck(L, l <= u, 2, "interval is empty");
      lua_pushnumber(L, std::floor(r * (u - l + 1)) + l);
      break;
    }
    default:
      return luaL_error(L, "wrong number of arguments");
  }
  return 1;
}

int MathRandomSeed(lua_State* L) {
  uint32_t seed = static_cast<uint32_t>(luaL_checkint(L, 1));
  rand48_state = (static_cast<uint64_t>(seed) << 16) | 0x330E;
  return 0;
}

// The error handler of every run, as Redis's __redis__err__handler: turns
// the error into a table {err=, source=, line=} naming the script line that
// raised it (the caller's line when a C function such as redis.call did).
int ErrorHandler(lua_State* L) {
  lua_Debug ar;
  bool where = lua_getstack(L, 1, &ar) != 0 && lua_getinfo(L, "Sl", &ar) != 0;
  if (where && std::strcmp(ar.what, "C") == 0) {
    where = lua_getstack(L, 2, &ar) != 0 && lua_getinfo(L, "Sl", &ar) != 0;
  }
  lua_settop(L, 1);
  if (!lua_istable(L, 1)) {
    lua_newtable(L);
    lua_pushstring(L, "err");
    lua_pushstring(L, "ERR ");
    lua_getfield(L, LUA_REGISTRYINDEX, kToString);
    lua_pushvalue(L, 1);
    lua_call(L, 1, 1);
    lua_concat(L, 2);
    lua_rawset(L, -3);
    lua_replace(L, 1);
  }
  if (where) {
    lua_pushstring(L, "source");
    lua_pushstring(L, ar.source);
    lua_rawset(L, 1);
    lua_pushstring(L, "line");
    lua_pushinteger(L, ar.currentline);
    lua_rawset(L, 1);
  }
  return 1;
}

// Stops a run that was killed or hit a lock conflict. Once it fires it fires
// on every line, so a script catching the error with pcall stops anyway.
void Hook(lua_State* L, lua_Debug* ar) {
  RunContext* run = current_run;
  if (run == nullptr) return;
  if (run->abort == RunContext::Abort::kNone && run->kill.load(std::memory_order_relaxed)) {
    spdlog::warn("Lua script killed by user with SCRIPT KILL.");
    run->abort = RunContext::Abort::kKilled;
  }
  if (run->abort == RunContext::Abort::kNone && run->OverBudget()) {
    run->abort = RunContext::Abort::kOverBudget;
  }
  if (run->abort == RunContext::Abort::kNone) return;
  lua_sethook(L, Hook, LUA_MASKLINE | LUA_MASKCOUNT, 1);
  PushAbort(L, *run, run->abort);
  lua_error(L);
}

void OpenLib(lua_State* L, const char* name, lua_CFunction open) {
  lua_pushcfunction(L, open);
  lua_pushstring(L, name);
  lua_call(L, 1, 0);
}

class Vm {
 public:
  // This thread's VM, new after SCRIPT FLUSH.
  static Vm& ForThisThread() {
    thread_local std::unique_ptr<Vm> vm;
    uint64_t gen = ScriptCache::Get().generation();
    if (!vm || vm->generation_ != gen) {
      vm.reset();
      vm.reset(new Vm(gen));
    }
    return *vm;
  }

  ~Vm() { lua_close(L_); }
  lua_State* L() const { return L_; }

  std::optional<std::string> EnsureCompiled(const Script& s) {
    std::string fname = "f_" + s.sha;
    lua_getfield(L_, LUA_REGISTRYINDEX, fname.c_str());
    bool have = lua_isfunction(L_, -1);
    lua_pop(L_, 1);
    if (have) return std::nullopt;
    std::string text;
    const std::string* body = &s.body;
    if (!body->empty() && (*body)[0] == '\033') {  // see SafeLoadstring
      text = " " + *body;
      body = &text;
    }
    if (luaL_loadbuffer(L_, body->data(), body->size(), "@user_script") != 0) {
      const char* msg = lua_tostring(L_, -1);
      std::string error = "ERR Error compiling script (new function): " +
                          std::string(msg == nullptr ? "" : msg);
      lua_pop(L_, 1);
      return error;
    }
    lua_setfield(L_, LUA_REGISTRYINDEX, fname.c_str());
    return std::nullopt;
  }

  void CountRun() {
    // A small collection step now and then keeps Lua's own full cycles rare.
    if (++runs_ % 50 == 0) lua_gc(L_, LUA_GCSTEP, 50);
  }

 private:
  explicit Vm(uint64_t generation) : L_(luaL_newstate()), generation_(generation) {
    rand48_state = 0x1234ABCD330EULL;
    BuildSandbox();
  }

  void BuildSandbox() {
    lua_State* L = L_;
    OpenLib(L, "", luaopen_base);  // also opens coroutine
    OpenLib(L, LUA_TABLIBNAME, luaopen_table);
    OpenLib(L, LUA_STRLIBNAME, luaopen_string);
    OpenLib(L, LUA_MATHLIBNAME, luaopen_math);
    lua_newtable(L);
    lua_setfield(L, LUA_REGISTRYINDEX, kProxies);

    const int old = lua_gettop(L) + 1;
    lua_pushvalue(L, LUA_GLOBALSINDEX);
    lua_getfield(L, old, "tostring");
    lua_setfield(L, LUA_REGISTRYINDEX, kToString);

    const int g = lua_gettop(L) + 1;
    lua_newtable(L);
    static const char* kBuiltins[] = {
        "xpcall", "tostring", "assert",  "tonumber", "rawequal",
        "collectgarbage", "getmetatable", "type", "select", "unpack", "gcinfo",
        "ipairs", "_VERSION", "error",
    };
    for (const char* name : kBuiltins) {
      lua_getfield(L, old, name);
      lua_setfield(L, g, name);
    }
    auto set_fn = [&](const char* name, lua_CFunction f) {
      lua_pushcfunction(L, f);
      lua_setfield(L, g, name);
    };
    set_fn("pcall", LuaRedisPcall);
    set_fn("rawset", SafeRawset);
    set_fn("rawget", SafeRawget);
    set_fn("next", SafeNext);
    lua_pushcfunction(L, SafeNext);
    lua_pushcclosure(L, SafePairs, 1);
    lua_setfield(L, g, "pairs");
    lua_getfield(L, old, "setmetatable");
    lua_pushcclosure(L, SafeSetmetatable, 1);
    lua_setfield(L, g, "setmetatable");
    set_fn("loadstring", SafeLoadstring);
    set_fn("load", SafeLoad);

    lua_getfield(L, old, "math");
    lua_pushcfunction(L, MathRandom);
    lua_setfield(L, -2, "random");
    lua_pushcfunction(L, MathRandomSeed);
    lua_setfield(L, -2, "randomseed");
    lua_pop(L, 1);

    // Libraries, each as a read-only proxy.
    for (const char* lib : {"string", "table", "math", "coroutine"}) {
      lua_getfield(L, old, lib);
      PushProxy(L, -1);
      lua_setfield(L, g, lib);
      lua_pop(L, 1);
    }
    auto add_library = [&](const char* name, void (*push)(lua_State*)) {
      push(L);
      PushProxy(L, -1);
      lua_setfield(L, g, name);
      lua_pop(L, 1);
    };
    add_library("bit", PushBitLibrary);
    add_library("cjson", PushCjsonLibrary);
    add_library("cmsgpack", PushCmsgpackLibrary);
    PushRedisApi(L);
    PushProxy(L, -1);
    lua_setfield(L, g, "redis");
    lua_pop(L, 1);

    // getmetatable("") must not hand out the real string table.
    lua_pushstring(L, "");
    lua_getmetatable(L, -1);
    lua_newtable(L);
    lua_getfield(L, g, "string");
    lua_setfield(L, -2, "__index");
    PushProxy(L, -1);
    lua_setfield(L, -3, "__metatable");
    lua_pop(L, 3);

    // G: a missing name is an error. E: what scripts see as their globals.
    lua_newtable(L);
    lua_pushcfunction(L, UnknownGlobal);
    lua_setfield(L, -2, "__index");
    lua_setmetatable(L, g);
    PushProxy(L, g);
    lua_pushvalue(L, -1);
    lua_setfield(L, g, "_G");
    lua_replace(L, LUA_GLOBALSINDEX);
    lua_pushvalue(L, g);
    lua_setfield(L, LUA_REGISTRYINDEX, kGlobals);
    lua_settop(L, 0);
  }

  lua_State* L_;
  uint64_t generation_;
  uint64_t runs_ = 0;
};

void SetGlobalArray(lua_State* L, const char* name, const std::vector<std::string>& values) {
  lua_getfield(L, LUA_REGISTRYINDEX, kGlobals);
  lua_pushstring(L, name);
  lua_createtable(L, static_cast<int>(values.size()), 0);
  for (size_t i = 0; i < values.size(); ++i) {
    lua_pushlstring(L, values[i].data(), values[i].size());
    lua_rawseti(L, -2, static_cast<int>(i + 1));
  }
  lua_rawset(L, -3);
  lua_pop(L, 1);
}

// The reply for a failed run, from the handler's table: "<err> script:
// <sha>, on @user_script:<line>.", as Redis 7.0 words it.
Reply ErrorReply(lua_State* L, const std::string& sha) {
  std::string text;
  if (lua_istable(L, -1)) {
    std::string msg, source, line;
    auto field = [&](const char* name, std::string* out) {
      lua_pushstring(L, name);
      lua_rawget(L, -2);
      bool ok = lua_isstring(L, -1) != 0;
      if (ok) {
        size_t len = 0;
        const char* s = lua_tolstring(L, -1, &len);
        out->assign(s, len);
      }
      lua_pop(L, 1);
      return ok;
    };
    if (!field("err", &msg)) msg = "ERR unknown error raised by the script";
    bool has_source = field("source", &source);
    bool has_line = field("line", &line);
    text = msg;
    if (has_source && has_line) text += " script: " + sha + ", on " + source + ":" + line + ".";
  } else {
    const char* m = lua_tostring(L, -1);
    std::string msg = m == nullptr ? "execution failure" : std::string(m).substr(0, 100);
    text = "ERR Error running script " + sha + ", " + msg;
  }
  lua_pop(L, 1);
  return Reply::Error(std::move(text));
}

}  // namespace

RunContext* CurrentRun() { return current_run; }

std::optional<std::string> Compile(const Script& script) {
  return Vm::ForThisThread().EnsureCompiled(script);
}

void ResetConflictBackoff() { conflicts = 0; }

Result<Reply> Run(const RunRequest& req, kv::KvTxn& txn) {
  // Scripts that lock keys in different orders can deadlock; the engine
  // picks a victim at once, and a victim that ran again at once would
  // likely meet the same scripts again. Waiting a random, growing while
  // (at most a few ms) before taking any lock spreads them out.
  if (req.own_txn && conflicts > 0) {
    thread_local std::minstd_rand jitter(std::random_device{}());
    int64_t max_us = 200LL * std::min(conflicts, 10);
    std::this_thread::sleep_for(std::chrono::microseconds(jitter() % max_us));
  }
  Vm& vm = Vm::ForThisThread();
  if (auto error = vm.EnsureCompiled(req.script)) return Reply::Error(*error);
  // Declared keys are locked first and in one order, so scripts over the
  // same keys queue up instead of deadlocking.
  std::vector<std::string_view> keys(req.keys.begin(), req.keys.end());
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  // On a network thread (a time budget), a lock conflict hands the script
  // to the pool (Status::Aborted) instead of being retried there.
  for (std::string_view key : keys) {
    Result<kv::KeyState> st = txn.Load(req.caller.db, key, /*lock=*/true);
    if (!st.ok() && (st.status().IsConflict() || st.status().IsBusy())) {
      ++conflicts;
      if (req.budget_ms > 0) return Status::Aborted("a script's lock conflict on a network thread");
      return st.status();
    }
  }

  RunContext run(req.service, txn);
  run.session.id = req.caller.id;
  run.session.db = req.caller.db;
  run.session.protocol = 2;
  run.session.authenticated = true;
  run.read_only = req.read_only;
  run.sha = req.script.sha;
  if (req.budget_ms > 0) {
    run.has_deadline = true;
    run.deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(req.budget_ms);
  }

  lua_State* L = vm.L();
  const int base = lua_gettop(L);
  lua_pushcfunction(L, ErrorHandler);
  lua_getfield(L, LUA_REGISTRYINDEX, ("f_" + req.script.sha).c_str());
  SetGlobalArray(L, "KEYS", req.keys);
  SetGlobalArray(L, "ARGV", req.argv);

  current_run = &run;
  RunningScripts::Get().Add(&run.kill);
  // The hook checks for SCRIPT KILL, and, within a time budget, the time
  // (more often then).
  lua_sethook(L, Hook, LUA_MASKCOUNT, req.budget_ms > 0 ? 10000 : 100000);
  int rc = lua_pcall(L, 0, 1, base + 1);
  lua_sethook(L, nullptr, 0, 0);
  RunningScripts::Get().Remove(&run.kill);
  current_run = nullptr;

  Reply reply = rc == 0 ? PopReply(L, run.session.protocol) : ErrorReply(L, run.sha);
  lua_settop(L, base);
  vm.CountRun();
  switch (run.abort) {
    case RunContext::Abort::kConflict:
      ++conflicts;
      if (req.budget_ms > 0) return Status::Aborted("a script's lock conflict on a network thread");
      return Status::Conflict("a script's lock conflict");
    case RunContext::Abort::kKilled:
      return Status::InvalidArgument(reply.str());  // rolled back, reply as usual
    case RunContext::Abort::kOverBudget:
      req.script.runs_long.store(true, std::memory_order_relaxed);
      return Status::Aborted(reply.str());
    case RunContext::Abort::kNone:
      break;
  }
  return reply;
}

}  // namespace tetradb::resp::script
