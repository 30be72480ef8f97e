// Scripting: EVAL EVALSHA EVAL_RO EVALSHA_RO and SCRIPT (LOAD EXISTS FLUSH
// KILL HELP), with Redis 7.0's semantics (script_lua.h has the engine).
//
// A script runs in one KvTxn through RunKv, as one command: its writes
// commit together when it ends (an error reply included: writes made before
// a script error stand, as in Redis), a lock conflict runs it again from the
// start, and inside MULTI/EXEC it shares the EXEC's transaction. SCRIPT KILL
// stops every running script and rolls its writes back. A script starts on
// its client's network thread; one still running after a few milliseconds
// there (or meeting a lock conflict) is stopped, rolled back and run again
// from the start on the pool for slow commands (Session::script_budget_ms).
// So a long or looping script does not hold up other clients, SCRIPT KILL
// reaches it, and there is no BUSY state to wait for. Its messages wait
// for its commit (see Publish in cmd_pubsub.cc), so a run stopped and run
// again publishes once.
#include "wire/resp/kv_exec.h"
#include "wire/resp/script_cache.h"
#include "wire/resp/script_lua.h"

namespace tetradb::resp {
namespace {

Reply NoScript() { return Reply::Error("NOSCRIPT No matching script. Please use EVAL."); }

// The cached script for `source`, parsed, compiled and cached if new.
std::shared_ptr<const script::Script> LoadScript(std::string_view source, Reply* error) {
  script::ScriptCache& cache = script::ScriptCache::Get();
  if (auto found = cache.Find(script::Sha1Hex(source))) return found;
  auto s = std::make_shared<script::Script>();
  if (auto err = script::ParseScript(source, s.get())) {
    *error = Reply::Error(*err);
    return nullptr;
  }
  if (auto err = script::Compile(*s)) {
    *error = Reply::Error(*err);
    return nullptr;
  }
  cache.Add(s);
  return s;
}

Reply EvalGeneric(CommandContext& ctx, bool by_sha, bool read_only) {
  const auto& a = ctx.args;
  int64_t numkeys;
  if (!ParseInt64(a[2], &numkeys)) return ErrNotInteger();
  if (numkeys > static_cast<int64_t>(a.size()) - 3) {
    return Reply::Error("ERR Number of keys can't be greater than number of args");
  }
  if (numkeys < 0) return Reply::Error("ERR Number of keys can't be negative");
  std::shared_ptr<const script::Script> s;
  if (by_sha) {
    s = script::ScriptCache::Get().Find(a[1]);
    if (s == nullptr) return NoScript();
  } else {
    Reply error;
    s = LoadScript(a[1], &error);
    if (s == nullptr) return error;
  }
  if (read_only && s->shebang && !s->no_writes) {
    return Reply::Error("ERR Can not execute a script with write flag using *_ro command.");
  }
  auto keys_end = a.begin() + 3 + numkeys;
  script::RunRequest request{ctx.service, ctx.session, *s,
                             std::vector<std::string>(a.begin() + 3, keys_end),
                             std::vector<std::string>(keys_end, a.end()),
                             read_only || s->no_writes, ctx.kv_txn == nullptr};
  if (ctx.kv_txn == nullptr) request.budget_ms = ctx.session.script_budget_ms;
  if (request.budget_ms > 0 && s->runs_long.load(std::memory_order_relaxed)) {
    ctx.session.offload_requested = true;  // known to outrun the budget
    return Reply::Null();
  }
  script::ResetConflictBackoff();
  bool over_budget = false;
  Reply reply = RunKv(ctx, [&](kv::KvTxn& t) -> Result<Reply> {
    Result<Reply> r = script::Run(request, t);
    if (!r.ok() && r.status().code() == Status::Code::kAborted) over_budget = true;
    return r;
  });
  // Rolled back: the connection runs it again off its network thread.
  if (over_budget) ctx.session.offload_requested = true;
  return reply;
}

Reply Eval(CommandContext& ctx) { return EvalGeneric(ctx, false, false); }
Reply EvalSha(CommandContext& ctx) { return EvalGeneric(ctx, true, false); }
Reply EvalRo(CommandContext& ctx) { return EvalGeneric(ctx, false, true); }
Reply EvalShaRo(CommandContext& ctx) { return EvalGeneric(ctx, true, true); }

Reply ScriptLoad(CommandContext& ctx) {
  Reply error;
  auto s = LoadScript(ctx.args[2], &error);
  return s == nullptr ? error : Reply::Bulk(s->sha);
}

Reply ScriptExists(CommandContext& ctx) {
  std::vector<Reply> out;
  for (size_t i = 2; i < ctx.args.size(); ++i) {
    out.push_back(Reply::Integer(script::ScriptCache::Get().Find(ctx.args[i]) ? 1 : 0));
  }
  return Reply::Array(std::move(out));
}

// ASYNC and SYNC both flush at once: the cache is small and lock-free to drop.
Reply ScriptFlush(CommandContext& ctx) {
  const auto& a = ctx.args;
  if (a.size() > 3 ||
      (a.size() == 3 && !EqualsIgnoreCase(a[2], "sync") && !EqualsIgnoreCase(a[2], "async"))) {
    return Reply::Error("ERR SCRIPT FLUSH only support SYNC|ASYNC option");
  }
  script::ScriptCache::Get().Flush();
  return Reply::Ok();
}

Reply ScriptKill(CommandContext& ctx) {
  if (script::RunningScripts::Get().KillAll() == 0) {
    return Reply::Error("NOTBUSY No scripts in execution right now.");
  }
  return Reply::Ok();
}

Reply ScriptHelp(CommandContext& ctx) {
  return Reply::HelpLines({
      "SCRIPT <subcommand> [<arg> [value] [opt] ...]. Subcommands are:",
      "EXISTS <sha1> [<sha1> ...]",
      "    Return information about the existence of the scripts in the script cache.",
      "FLUSH [ASYNC|SYNC]",
      "    Flush the Lua scripts cache. Very dangerous on replicas.",
      "    When called without the optional mode argument, the behavior is determined by the",
      "    lazyfree-lazy-user-flush configuration directive. Valid modes are:",
      "    * ASYNC: Asynchronously flush the scripts cache.",
      "    * SYNC: Synchronously flush the scripts cache.",
      "KILL",
      "    Kill the currently executing Lua script.",
      "LOAD <script>",
      "    Load a script into the scripts cache without executing it.",
      "HELP",
      "    Prints this help.",
  });
}

}  // namespace

void RegisterScriptCommands(CommandTable& t) {
  constexpr uint32_t kEvalFlags = kNoScript | kStale | kSkipMonitor | kScript;
  constexpr std::string_view kDepends = "Depends on the script that is executed.";
  t.Add({"eval", -3, kEvalFlags, 0, 0, 0, Eval, "scripting", "Executes a server-side Lua script.", "2.6.0", kDepends});
  t.Add({"evalsha", -3, kEvalFlags, 0, 0, 0, EvalSha, "scripting", "Executes a server-side Lua script by SHA1 digest.", "2.6.0", kDepends});
  t.Add({"eval_ro", -3, kEvalFlags | kReadOnly, 0, 0, 0, EvalRo, "scripting", "Executes a read-only server-side Lua script.", "7.0.0", kDepends});
  t.Add({"evalsha_ro", -3, kEvalFlags | kReadOnly, 0, 0, 0, EvalShaRo, "scripting", "Executes a read-only server-side Lua script by SHA1 digest.", "7.0.0", kDepends});
  CommandSpec script{"script", -2, 0, 0, 0, 0, ScriptHelp, "scripting", "A container for Lua scripts management commands.", "2.6.0", "Depends on subcommand."};
  script.subcommands = {
      {"exists", -3, kNoScript, 0, 0, 0, ScriptExists, "scripting", "Determines whether server-side Lua scripts exist in the script cache.", "2.6.0", "O(N) with N being the number of scripts to check (so checking a single script is an O(1) operation)."},
      {"flush", -2, kNoScript, 0, 0, 0, ScriptFlush, "scripting", "Removes all server-side Lua scripts from the script cache.", "2.6.0", "O(N) with N being the number of scripts in cache"},
      {"help", 2, kLoading | kStale, 0, 0, 0, ScriptHelp, "scripting", "Returns helpful text about the different subcommands.", "5.0.0", "O(1)"},
      {"kill", 2, kNoScript, 0, 0, 0, ScriptKill, "scripting", "Terminates a server-side Lua script during execution.", "2.6.0", "O(1)"},
      {"load", 3, kNoScript | kStale, 0, 0, 0, ScriptLoad, "scripting", "Loads a server-side Lua script to the script cache.", "2.6.0", "O(N) with N being the length in bytes of the script body."},
  };
  t.Add(std::move(script));
}

}  // namespace tetradb::resp
