// The server-wide state of Lua scripting (EVAL, EVALSHA, SCRIPT ...): the
// script cache every client shares, the "#!lua" shebang, and the set of
// scripts running now (for SCRIPT KILL).
//
// Scripts are cached by the lower-case hex SHA1 of their full source, as
// Redis caches them. The cache only grows until SCRIPT FLUSH, which also
// bumps a generation number: every thread's Lua VM (script_lua.h) notices
// the new generation before its next run and starts afresh, so a flush
// forgets compiled functions and anything scripts left in the VM, as Redis
// resets its VM.
//
// Thread-safe: every function may be called from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace tetradb::resp::script {

// Lower-case hex SHA1 of `data` (40 characters).
std::string Sha1Hex(std::string_view data);

// A script as EVAL or SCRIPT LOAD received it.
struct Script {
  std::string sha;     // Sha1Hex(source), lower case
  std::string source;  // as sent
  // What Lua compiles: the source with the shebang line's text removed but
  // its newline kept, so error line numbers match the source.
  std::string body;
  bool shebang = false;    // began with "#!lua": flags are declared
  bool no_writes = false;  // flags=no-writes
  // A run went over its time budget on a network thread: later runs start
  // on the slow pool at once instead of spending the budget first.
  mutable std::atomic<bool> runs_long{false};
};

// Parses `source` into *out (sha included). Returns Redis's error text
// ("ERR Unexpected flag in script shebang: x", ...) for a bad shebang.
std::optional<std::string> ParseScript(std::string_view source, Script* out);

class ScriptCache {
 public:
  static ScriptCache& Get();

  // The script with this SHA (any case); nullptr if unknown.
  std::shared_ptr<const Script> Find(std::string_view sha) const;
  void Add(std::shared_ptr<const Script> script);
  // Forgets every script and starts a new generation.
  void Flush();
  size_t size() const;
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }

 private:
  ScriptCache() = default;
  struct Impl;
  Impl& impl() const;
  std::atomic<uint64_t> generation_{1};
};

// Scripts running now, by their kill flags. A run registers itself for its
// duration; SCRIPT KILL sets every registered flag and the VM's hook stops
// those runs (script_lua.cc).
class RunningScripts {
 public:
  static RunningScripts& Get();
  void Add(std::atomic<bool>* kill_flag);
  void Remove(std::atomic<bool>* kill_flag);
  // Sets every flag; returns how many scripts were running.
  size_t KillAll();
};

}  // namespace tetradb::resp::script
