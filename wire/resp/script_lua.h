// Running Lua scripts (EVAL and friends) with Redis 7.0's semantics.
//
// Each thread that runs scripts owns one Lua 5.1 VM, made on first use and
// made again after SCRIPT FLUSH; a VM is never shared between threads, so
// scripts on different connections run in parallel. A script runs to the
// end on its thread; it is atomic because every key-value command it calls
// shares one KvTxn, in which it locks each key a command names before the
// command runs (and the declared KEYS first, in sorted order). So other
// clients never see part of a script's writes, nor change a key the script
// has touched until it commits.
//
// The sandbox follows Redis: libraries base (less the file and environment
// functions), string, table, math, coroutine and bit; no os, io, package,
// debug, print, loadfile, dofile; globals and library tables are read-only
// ("Attempt to modify a readonly table"), reading an unknown global fails
// ("Script attempted to access nonexistent global variable 'x'"), and
// binary chunks are refused.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "engine/status.h"
#include "wire/resp/reply.h"
#include "wire/resp/script_cache.h"
#include "wire/resp/session.h"
#include "wire/service.h"

namespace tetradb::kv {
class KvTxn;
}

namespace tetradb::resp::script {

struct RunRequest {
  Service& service;
  const Session& caller;  // the script starts with its db, in RESP2
  const Script& script;
  std::vector<std::string> keys;  // KEYS
  std::vector<std::string> argv;  // ARGV
  bool read_only = false;         // EVAL_RO / EVALSHA_RO / flags=no-writes
  // The run has a transaction of its own (not EXEC's): after a lock
  // conflict the next attempt may wait a little first, holding no lock.
  bool own_txn = true;
  // > 0: a run still going after this long stops with Status::Aborted
  // (Session::script_budget_ms).
  int64_t budget_ms = 0;
};

// Forgets the lock conflicts of this thread's previous runs: call once per
// command, before its first attempt.
void ResetConflictBackoff();

// Compiles `script` on this thread's VM if it is not there yet. Returns
// Redis's error text ("ERR Error compiling script (new function): ...").
std::optional<std::string> Compile(const Script& script);

// Runs the script inside `txn`. An OK result is the reply to send and the
// transaction should commit, even when the reply is an error (as in Redis,
// writes made before a script error stand). Conflict or Busy: a lock
// conflict, roll back and run the whole script again. Any other status:
// roll back (SCRIPT KILL); its message is the error reply's text.
Result<Reply> Run(const RunRequest& request, kv::KvTxn& txn);

}  // namespace tetradb::resp::script
