// The redis.* functions scripts call (redis.call, redis.pcall, redis.log,
// ...), with Redis 7.0's rules and error texts. script_convert.cc turns the
// replies of the commands they run into Lua values.
#include <cstdio>
#include <cstring>
#include <string>
#include <unordered_set>
#include <vector>

#include <spdlog/spdlog.h>

#include "models/kv/kv_store.h"
#include "wire/resp/dispatcher.h"
#include "wire/resp/script_cache.h"
#include "wire/resp/script_lua_internal.h"

namespace tetradb::resp::script {

void PushAbort(lua_State* L, RunContext& run, RunContext::Abort why) {
  if (run.abort == RunContext::Abort::kNone) run.abort = why;
  switch (run.abort) {
    case RunContext::Abort::kKilled:
      return PushErrorTable(L, "Script killed by user with SCRIPT KILL...");
    case RunContext::Abort::kOverBudget:
      return PushErrorTable(L, "The script ran too long for a network thread and will run again");
    default:
      return PushErrorTable(L, "The script was stopped by a lock conflict and will run again");
  }
}

namespace {

// Commands Redis refuses in scripts that tetradb's table does not mark
// kNoScript (or that Redis has and tetradb may gain).
bool DeniedInScripts(std::string_view name) {
  static const std::unordered_set<std::string_view> kDenied = {
      "auth",     "hello",      "quit",       "reset",      "subscribe",  "psubscribe",
      "unsubscribe", "punsubscribe", "ssubscribe", "sunsubscribe", "multi", "exec",
      "discard",  "watch",      "unwatch",    "eval",       "evalsha",    "eval_ro",
      "evalsha_ro", "script",   "fcall",      "fcall_ro",   "function",   "sql",
      "save",     "bgsave",     "shutdown",   "monitor",    "debug",      "sync",
      "psync",    "replicaof",  "slaveof",    "wait",       "failover"};
  return kDenied.count(name) > 0;
}

enum class ArgsResult { kOk, kNone, kBadType };

// Redis's conversion of redis.call arguments: strings as they are, numbers
// with "%.17g", anything else refused.
ArgsResult LuaArgs(lua_State* L, std::vector<std::string>* args) {
  int argc = lua_gettop(L);
  if (argc == 0) return ArgsResult::kNone;
  args->reserve(static_cast<size_t>(argc));
  for (int i = 1; i <= argc; ++i) {
    if (lua_type(L, i) == LUA_TNUMBER) {
      char buf[64];
      int n = std::snprintf(buf, sizeof(buf), "%.17g", static_cast<double>(lua_tonumber(L, i)));
      args->emplace_back(buf, n > 0 ? static_cast<size_t>(n) : 0);
    } else if (lua_type(L, i) == LUA_TSTRING) {
      args->push_back(ToStdString(L, i));
    } else {
      return ArgsResult::kBadType;
    }
  }
  return ArgsResult::kOk;
}

enum class CallOutcome { kReply, kError, kAbort };

// redis.call / redis.pcall's work; leaves one value on the stack (the
// reply, or an error table) and no C++ object alive behind it.
CallOutcome DoCall(lua_State* L, RunContext& run) {
  if (run.kill.load(std::memory_order_relaxed)) {
    spdlog::warn("Lua script killed by user with SCRIPT KILL.");
    PushAbort(L, run, RunContext::Abort::kKilled);
    return CallOutcome::kAbort;
  }
  std::vector<std::string> args;
  ArgsResult ar = LuaArgs(L, &args);
  lua_settop(L, 0);
  if (ar == ArgsResult::kNone) {
    PushErrorTable(L, "Please specify at least one argument for this redis lib call");
    return CallOutcome::kError;
  }
  if (ar == ArgsResult::kBadType) {
    PushErrorTable(L, "Lua redis lib command arguments must be strings or integers");
    return CallOutcome::kError;
  }
  const CommandSpec* top = CommandTable::Get().Find(args[0]);
  if (top == nullptr) {
    PushErrorTable(L, "Unknown Redis command called from script");
    return CallOutcome::kError;
  }
  Reply error;
  std::string name;
  const CommandSpec* spec = Resolve(args, &error, &name);
  if (spec == nullptr) {
    bool unknown_sub = error.str().rfind("ERR unknown subcommand", 0) == 0;
    PushErrorTable(L, unknown_sub ? "Unknown Redis command called from script"
                                  : "Wrong number of args calling Redis command from script");
    return CallOutcome::kError;
  }
  if ((spec->flags & (kNoScript | kMayWait)) || (top->flags & kNoScript) ||
      DeniedInScripts(top->name)) {
    PushErrorTable(L, "This Redis command is not allowed from script");
    return CallOutcome::kError;
  }
  if (run.read_only && (spec->flags & kWrite)) {
    PushErrorTable(L, "Write commands are not allowed from read-only scripts.");
    return CallOutcome::kError;
  }
  // Lock what the command names before it runs, so no other client can
  // change a key between this command and a later one of the script.
  for (std::string_view key : CommandKeys(*spec, args)) {
    Result<kv::KeyState> st = run.txn.Load(run.session.db, key, /*lock=*/true);
    if (!st.ok() && (st.status().IsConflict() || st.status().IsBusy())) {
      PushAbort(L, run, RunContext::Abort::kConflict);
      return CallOutcome::kAbort;
    }
  }
  bool conflict = false;
  Reply reply = Execute(run.service, run.session, *spec, name, args, &run.txn, &conflict);
  if (conflict) {
    PushAbort(L, run, RunContext::Abort::kConflict);
    return CallOutcome::kAbort;
  }
  PushReply(L, reply, run.session.protocol);
  return reply.IsError() ? CallOutcome::kError : CallOutcome::kReply;
}

int GenericCall(lua_State* L, bool raise) {
  RunContext* run = CurrentRun();
  if (run == nullptr) {
    PushErrorTable(L, "redis.call/pcall can only be called inside a script invocation");
    return lua_error(L);
  }
  if (run->abort != RunContext::Abort::kNone) {
    PushAbort(L, *run, run->abort);
    return lua_error(L);
  }
  // The time budget is also checked here: a loop of calls runs few Lua
  // instructions between them, and the hook counts instructions.
  if (run->OverBudget()) {
    PushAbort(L, *run, RunContext::Abort::kOverBudget);
    return lua_error(L);
  }
  CallOutcome outcome = DoCall(L, *run);
  if (outcome == CallOutcome::kAbort || (outcome == CallOutcome::kError && raise)) {
    return lua_error(L);
  }
  return 1;
}

int RedisCall(lua_State* L) { return GenericCall(L, true); }
int RedisPCall(lua_State* L) { return GenericCall(L, false); }

int RaiseError(lua_State* L, const char* text) {
  PushErrorTable(L, text);
  return lua_error(L);
}

int Sha1Hex(lua_State* L) {
  if (lua_gettop(L) != 1) return RaiseError(L, "wrong number of arguments");
  size_t len = 0;
  const char* s = lua_tolstring(L, 1, &len);
  std::string digest =
      script::Sha1Hex(s == nullptr ? std::string_view() : std::string_view(s, len));
  lua_pushlstring(L, digest.data(), digest.size());
  return 1;
}

int SingleFieldTable(lua_State* L, const char* field) {
  if (lua_gettop(L) != 1 || lua_type(L, -1) != LUA_TSTRING) {
    PushErrorTable(L, "wrong number or type of arguments");
    return 1;
  }
  lua_newtable(L);
  lua_pushstring(L, field);
  lua_pushvalue(L, -3);
  lua_rawset(L, -3);
  return 1;
}

int ErrorReply(lua_State* L) {
  if (lua_gettop(L) != 1 || lua_type(L, -1) != LUA_TSTRING) {
    PushErrorTable(L, "wrong number or type of arguments");
    return 1;
  }
  std::string text = ToStdString(L, 1);
  if (text.empty() || text[0] != '-') text = "-" + text;
  PushErrorTable(L, text);
  return 1;
}

int StatusReply(lua_State* L) { return SingleFieldTable(L, "ok"); }

void WriteLog(int level, std::string message) {
  spdlog::level::level_enum l = level <= 1   ? spdlog::level::debug
                                : level == 2 ? spdlog::level::info
                                             : spdlog::level::warn;
  spdlog::log(l, "{}", message);
}

int Log(lua_State* L) {
  int argc = lua_gettop(L);
  if (argc < 2) return RaiseError(L, "redis.log() requires two arguments or more.");
  if (!lua_isnumber(L, 1)) return RaiseError(L, "First argument must be a number (log level).");
  int level = static_cast<int>(lua_tonumber(L, 1));
  if (level < 0 || level > 3) return RaiseError(L, "Invalid debug level.");
  // Glued with spaces, as Redis does; non-strings are left out.
  lua_pushstring(L, "");
  bool first = true;
  for (int i = 2; i <= argc; ++i) {
    if (!lua_isstring(L, i)) continue;
    if (!first) {
      lua_pushstring(L, " ");
      lua_concat(L, 2);
    }
    lua_pushvalue(L, i);
    lua_concat(L, 2);
    first = false;
  }
  size_t len = 0;
  const char* text = lua_tolstring(L, -1, &len);
  WriteLog(level, std::string(text, len));
  return 0;
}

int SetResp(lua_State* L) {
  RunContext* run = CurrentRun();
  if (run == nullptr) {
    return RaiseError(L, "redis.setresp can only be called inside a script invocation");
  }
  if (lua_gettop(L) != 1) return RaiseError(L, "redis.setresp() requires one argument.");
  int resp = static_cast<int>(lua_tonumber(L, 1));
  if (resp != 2 && resp != 3) return RaiseError(L, "RESP version must be 2 or 3.");
  run->session.protocol = resp;
  return 0;
}

// Replication does not apply to tetradb: the flags are checked and ignored.
int SetRepl(lua_State* L) {
  if (CurrentRun() == nullptr) {
    return RaiseError(L, "redis.set_repl can only be called inside a script invocation");
  }
  if (lua_gettop(L) != 1) return RaiseError(L, "redis.set_repl() requires two arguments.");
  int flags = static_cast<int>(lua_tonumber(L, 1));
  if ((flags & ~3) != 0) {
    return RaiseError(L,
                      "Invalid replication flags. Use REPL_AOF, REPL_REPLICA, REPL_ALL or "
                      "REPL_NONE.");
  }
  return 0;
}

int ReplicateCommands(lua_State* L) {
  lua_pushboolean(L, 1);
  return 1;
}

int Breakpoint(lua_State* L) {
  lua_pushboolean(L, 0);
  return 1;
}

int DebugNoop(lua_State* L) { return 0; }

// No ACLs here: every existing command is allowed.
bool CommandExists(lua_State* L) {
  std::vector<std::string> args;
  if (LuaArgs(L, &args) != ArgsResult::kOk) return false;
  Reply error;
  std::string name;
  if (CommandTable::Get().Find(args[0]) == nullptr) return false;
  if (Resolve(args, &error, &name) != nullptr) return true;
  return error.str().rfind("ERR unknown subcommand", 0) != 0;
}

int AclCheckCmd(lua_State* L) {
  if (lua_gettop(L) == 0) {
    return RaiseError(L, "Please specify at least one argument for this redis lib call");
  }
  bool exists = CommandExists(L);
  if (!exists) return RaiseError(L, "Invalid command passed to redis.acl_check_cmd()");
  lua_pushboolean(L, 1);
  return 1;
}

void SetFunction(lua_State* L, const char* name, lua_CFunction f) {
  lua_pushcfunction(L, f);
  SetField(L, name);
}

void SetNumber(lua_State* L, const char* name, lua_Number n) {
  lua_pushnumber(L, n);
  SetField(L, name);
}

}  // namespace

void PushRedisApi(lua_State* L) {
  lua_newtable(L);
  SetFunction(L, "call", RedisCall);
  SetFunction(L, "pcall", RedisPCall);
  SetFunction(L, "log", Log);
  SetNumber(L, "LOG_DEBUG", 0);
  SetNumber(L, "LOG_VERBOSE", 1);
  SetNumber(L, "LOG_NOTICE", 2);
  SetNumber(L, "LOG_WARNING", 3);
  lua_pushstring(L, "7.0.15");
  SetField(L, "REDIS_VERSION");
  SetNumber(L, "REDIS_VERSION_NUM", (7 << 16) | (0 << 8) | 15);
  SetFunction(L, "setresp", SetResp);
  SetFunction(L, "sha1hex", Sha1Hex);
  SetFunction(L, "error_reply", ErrorReply);
  SetFunction(L, "status_reply", StatusReply);
  SetFunction(L, "set_repl", SetRepl);
  SetNumber(L, "REPL_NONE", 0);
  SetNumber(L, "REPL_AOF", 1);
  SetNumber(L, "REPL_SLAVE", 2);
  SetNumber(L, "REPL_REPLICA", 2);
  SetNumber(L, "REPL_ALL", 3);
  SetFunction(L, "replicate_commands", ReplicateCommands);
  SetFunction(L, "breakpoint", Breakpoint);
  SetFunction(L, "debug", DebugNoop);
  SetFunction(L, "acl_check_cmd", AclCheckCmd);
}

int LuaRedisPcall(lua_State* L) {
  luaL_checkany(L, 1);
  int argc = lua_gettop(L);
  lua_pushboolean(L, 1);
  lua_insert(L, 1);
  if (lua_pcall(L, argc - 1, LUA_MULTRET, 0) != 0) {
    // Stack: true, error. A stopped run must not be caught.
    RunContext* run = CurrentRun();
    if (run != nullptr && run->abort != RunContext::Abort::kNone) return lua_error(L);
    lua_remove(L, 1);
    if (lua_istable(L, -1)) {
      lua_pushstring(L, "err");
      lua_rawget(L, -2);
      if (lua_isstring(L, -1)) {
        lua_replace(L, -2);
      } else {
        lua_pop(L, 1);
      }
    }
    lua_pushboolean(L, 0);
    lua_insert(L, 1);
  }
  return lua_gettop(L);
}

}  // namespace tetradb::resp::script
