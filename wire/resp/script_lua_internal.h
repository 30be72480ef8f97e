// Pieces of the Lua scripting engine shared by script_lua.cc (the VM, the
// sandbox, a run), script_api.cc (the redis.* functions), script_convert.cc
// (Replies to Lua values and back) and the libraries: script_bit.cc,
// script_cjson.cc and script_cmsgpack.cc.
// Not for use outside those files.
//
// Lua raises errors with longjmp, which skips C++ destructors: a function
// Lua calls must do its C++ work in a helper that returns (destroying its
// objects) before lua_error is called.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

#include <lua.hpp>

#include "wire/resp/reply.h"
#include "wire/resp/session.h"
#include "wire/service.h"

namespace tetradb::kv {
class KvTxn;
}

namespace tetradb::resp::script {

// One script run on this thread (CurrentRun() while it lasts).
struct RunContext {
  RunContext(Service& s, kv::KvTxn& t) : service(s), txn(t) {}
  Service& service;
  kv::KvTxn& txn;
  Session session;  // the script's own: SELECT inside it stays inside it
  bool read_only = false;
  std::string sha;
  // Set by SCRIPT KILL from another thread.
  std::atomic<bool> kill{false};
  // Why the run must stop whatever the script does: the hook and every
  // redis.call raise an error until it returns.
  enum class Abort { kNone, kConflict, kKilled, kOverBudget };
  Abort abort = Abort::kNone;
  // RunRequest::budget_ms, as a time (checked by the hook and by every
  // redis.call). A run stopped for it can run again from the start: its
  // writes and its messages (PUBLISH waits for the commit) are dropped.
  bool has_deadline = false;
  std::chrono::steady_clock::time_point deadline;
  bool OverBudget() const {
    return has_deadline && std::chrono::steady_clock::now() >= deadline;
  }
};

RunContext* CurrentRun();

// t[name] = the value on top, for the table just below it; pops the value.
inline void SetField(lua_State* L, const char* name) {
  lua_pushstring(L, name);
  lua_insert(L, -2);
  lua_rawset(L, -3);
}

// The string (or number, as Lua prints it) at `idx`; empty for other types.
inline std::string ToStdString(lua_State* L, int idx) {
  size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);
  return s == nullptr ? std::string() : std::string(s, len);
}

// Pushes Redis's error table {err = "CODE message"} built from `text`:
// "-CODE message" keeps its code, anything else gets "ERR " in front.
void PushErrorTable(lua_State* L, std::string_view text);

// Pushes `reply` as Lua sees a command's reply (`protocol` 2 or 3: the
// script's redis.setresp choice).
void PushReply(lua_State* L, const Reply& reply, int protocol);

// Pops the value on top of the stack and returns it as the script's reply.
Reply PopReply(lua_State* L, int protocol);

// Marks the current run aborted and pushes its error; the caller then
// raises it. The hook keeps raising it (see script_lua.cc).
void PushAbort(lua_State* L, RunContext& run, RunContext::Abort why);

// Builds the `redis` table (left on the stack).
void PushRedisApi(lua_State* L);
// Builds the `bit` table (left on the stack).
void PushBitLibrary(lua_State* L);
// Builds the `cjson` table (left on the stack; script_cjson.cc).
void PushCjsonLibrary(lua_State* L);
// Builds the `cmsgpack` table (left on the stack; script_cmsgpack.cc).
void PushCmsgpackLibrary(lua_State* L);

// Redis's pcall: as Lua's, but an error table with an "err" field comes
// back as that string.
int LuaRedisPcall(lua_State* L);

}  // namespace tetradb::resp::script
