// Runs one parsed command: finds it in the command table, checks arity,
// authentication and the connection's mode (MULTI queueing, RESP2
// subscriber restrictions), calls its handler, counts it. The connection
// turns the returned Reply into bytes.
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "wire/resp/command_table.h"
#include "wire/resp/reply.h"
#include "wire/resp/session.h"
#include "wire/service.h"

namespace tetradb::resp {

Reply Dispatch(Service& service, Session& session, const std::vector<std::string>& args);

// Finds the spec for args (subcommand included) and checks its arity.
// nullptr with *error set when the command cannot run.
const CommandSpec* Resolve(const std::vector<std::string>& args, Reply* error,
                           std::string* full_name);

// Time stamps shared by the commands of one batch: each command's start is
// the previous one's end, so a command reads the clock once, not twice
// (commandstats), and the wall clock once per batch (CLIENT LIST's idle).
struct CommandClock {
  std::chrono::steady_clock::time_point start;  // when the batch began
  std::chrono::steady_clock::time_point last;   // the previous command's end
  int64_t now_ms = 0;                           // service.clock at `start`
  bool started = false;

  // Reads both clocks, unless started already.
  void Start(const Service& service);
  // service.clock's time at the previous command's end, without reading it
  // again: for a system clock, `now_ms` plus the steady time since.
  int64_t LastMs() const {
    return now_ms + std::chrono::duration_cast<std::chrono::milliseconds>(last - start).count();
  }
};

// What running a command adds to INFO's commandstats.
struct CommandCount {
  const CommandSpec* spec = nullptr;
  uint64_t usec = 0;
  bool failed = false;
};

// Adds `counts` to INFO's commandstats and commands processed (one atomic
// add per run of one command, not per command).
void AddCommandCounts(Service& service, const CommandCount* counts, size_t n);

// Runs a resolved command with no mode checks (EXEC runs its queue through
// this, sharing `kv_txn`). Sets *kv_conflict when the shared transaction hit
// a conflict and must be retried. `clock`: see CommandClock; nullptr reads
// the clocks itself. `batch`: non-null for a command of a pipelined batch
// (see CommandContext::kv_batch); what it counts is left there, for the
// batch to add once it commits, so a command run again after a failed batch
// is counted once.
Reply Execute(Service& service, Session& session, const CommandSpec& spec,
              const std::string& full_name, const std::vector<std::string>& args,
              kv::KvTxn* kv_txn, bool* kv_conflict, CommandClock* clock = nullptr,
              CommandCount* batch = nullptr);

// The spec of a command that may join a pipelined batch's shared
// transaction (see kBatchable) in the session's current mode; nullptr when it
// must run on its own through Dispatch.
const CommandSpec* BatchableSpec(const Service& service, const Session& session,
                                 const std::vector<std::string>& args, std::string* full_name);

// True when the command may wait (kMayWait: SQL): the connection runs it
// off the network threads. Inside MULTI that is EXEC with such a command or
// a script queued; the commands it queues are answered at once.
bool MayWait(const Session& session, const std::vector<std::string>& args);

}  // namespace tetradb::resp
