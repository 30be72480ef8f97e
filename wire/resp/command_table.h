// The one table of RESP commands: name, arity, flags, key positions, handler.
//
// Each command family lives in its own cmd_<family>.cc with a Register
// function; command_table.cc calls them all. Adding a command touches its
// family file and its test (see docs/adding-a-command.md).
//
// Handlers get the parsed arguments (args[0] is the command name as sent) and
// return a typed Reply; they never write bytes. Arity and authentication are
// checked before a handler runs.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "wire/resp/reply.h"
#include "wire/resp/session.h"
#include "wire/service.h"

namespace tetradb::kv {
class KvTxn;
}

namespace tetradb::resp {

// Command flags, as COMMAND INFO reports them.
enum CommandFlag : uint32_t {
  kWrite = 1 << 0,
  kReadOnly = 1 << 1,
  kFast = 1 << 2,
  kNoAuth = 1 << 3,     // allowed before AUTH
  kLoading = 1 << 4,
  kStale = 1 << 5,
  kAdmin = 1 << 6,
  kPubSub = 1 << 7,
  kNoScript = 1 << 8,
  kBlocking = 1 << 9,
  kDenyOom = 1 << 10,
  kSkipMonitor = 1 << 11,
  kNoMulti = 1 << 12,
  // Set by the table, not by families: a key-value command that may share
  // one transaction with its neighbours in a pipelined batch.
  kBatchable = 1 << 13,
  // May wait on row locks for seconds (SQL): runs on the server's pool for
  // slow commands, never on a network thread.
  kMayWait = 1 << 14,
  // Runs a Lua script: on a network thread only within a time budget
  // (Session::script_budget_ms); EXEC runs a queue holding one on the pool.
  kScript = 1 << 15,
};

// Per-command counters for INFO commandstats; process-wide.
struct CommandStat {
  std::atomic<uint64_t> calls{0};
  std::atomic<uint64_t> usec{0};
  std::atomic<uint64_t> failed{0};
};

struct CommandContext {
  Service& service;
  Session& session;
  const std::vector<std::string>& args;
  // Inside EXEC, a script or a pipelined batch: the transaction the
  // commands share (see kv_exec.h).
  kv::KvTxn* kv_txn = nullptr;
  // Set when a command hit a lock conflict (or, in a batch, failed after
  // writing): the sharer runs again.
  bool kv_conflict = false;
  // A pipelined batch, which can run its commands again one by one: a
  // command that fails after writing ends it (kv_conflict) rather than
  // paying for a savepoint of its own on every command.
  bool kv_batch = false;
};

using CommandHandler = Reply (*)(CommandContext& ctx);

struct CommandSpec {
  std::string_view name;     // lower case
  int arity;                 // > 0: exactly; < 0: at least -arity (name included)
  uint32_t flags;
  int first_key;             // 0: no keys
  int last_key;              // -1: the last argument
  int key_step;
  CommandHandler handler;
  std::string_view group;    // COMMAND DOCS group: "connection", "string", ...
  std::string_view summary;
  std::string_view since;
  std::string_view complexity;
  std::vector<CommandSpec> subcommands{};  // "config|get" style containers
  std::shared_ptr<CommandStat> stat = std::make_shared<CommandStat>();
};

class CommandTable {
 public:
  // The process-wide table, built on first use.
  static const CommandTable& Get();

  // Looks a command up by name, any case. nullptr if unknown.
  const CommandSpec* Find(std::string_view name) const;
  const std::vector<CommandSpec>& all() const { return commands_; }

  void Add(CommandSpec spec);

 private:
  CommandTable() = default;
  void Index();

  std::vector<CommandSpec> commands_;
  std::unordered_map<std::string, size_t> by_name_;
};

// One Register function per family file (cmd_<family>.cc).
void RegisterConnectionCommands(CommandTable& table);
void RegisterServerCommands(CommandTable& table);
void RegisterKeyCommands(CommandTable& table);
void RegisterStringCommands(CommandTable& table);
void RegisterHashCommands(CommandTable& table);
void RegisterSetCommands(CommandTable& table);
void RegisterListCommands(CommandTable& table);
void RegisterZsetCommands(CommandTable& table);
void RegisterTransactionCommands(CommandTable& table);
void RegisterPubSubCommands(CommandTable& table);
void RegisterAdminCommands(CommandTable& table);
void RegisterBlockingCommands(CommandTable& table);
void RegisterSqlCommands(CommandTable& table);
void RegisterScriptCommands(CommandTable& table);

// The keys a command names by its table entry (first, last, step); keys
// found through other arguments (numkeys) are not among them.
std::vector<std::string_view> CommandKeys(const CommandSpec& spec,
                                          const std::vector<std::string>& args);

// Lower-cases ASCII.
std::string Lower(std::string_view s);
// Case-insensitive ASCII equality.
bool EqualsIgnoreCase(std::string_view a, std::string_view b);

}  // namespace tetradb::resp
