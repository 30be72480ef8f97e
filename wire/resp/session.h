// The state of one RESP connection that commands read and change.
//
// Owned by the connection and changed only on the thread serving it. Fields
// other clients read (CLIENT LIST) are guarded by `mu`; the watch flag is
// atomic because another client's commit sets it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "wire/resp/reply.h"

namespace tetradb::rel::sql {
class Session;
}

namespace tetradb::resp {

// What the connection offers to other threads: pushes (pub/sub), wake-ups
// (blocked commands), kills (CLIENT KILL). Thread-safe; each call posts work
// to the connection's own thread.
class ClientChannel {
 public:
  virtual ~ClientChannel() = default;
  virtual void Push(Reply message) = 0;
  virtual void Wake() = 0;
  virtual void Kill() = 0;
};

struct Session {
  uint64_t id = 0;
  int protocol = 2;          // 2 or 3, switched by HELLO
  bool authenticated = false;
  bool close_after_reply = false;  // QUIT, protocol errors, CLIENT KILL
  std::string peer;          // "127.0.0.1:51234"
  std::string local;         // "127.0.0.1:6379"
  int64_t created_ms = 0;
  std::shared_ptr<ClientChannel> channel;  // null outside a real connection

  // Guarded by mu when written (read by CLIENT LIST on other threads).
  mutable std::mutex mu;
  int db = 0;                // SELECTed logical database
  std::string name;          // CLIENT SETNAME
  std::string last_command;  // lower-case name, for CLIENT LIST
  int64_t last_command_ms = 0;
  int io_thread = 0;         // the worker thread serving it (CLIENT LIST io-thread)

  // MULTI/EXEC/WATCH.
  bool in_multi = false;
  bool multi_error = false;  // a command failed to queue: EXEC aborts
  std::vector<std::vector<std::string>> queued;
  std::vector<std::pair<int, std::string>> watched;
  std::atomic<bool> watch_dirty{false};

  // Pub/sub.
  std::set<std::string> channels;
  std::set<std::string> patterns;
  bool subscribed() const { return !channels.empty() || !patterns.empty(); }

  // Blocking commands: a handler that must wait fills these and returns any
  // reply; the connection then waits instead of answering.
  bool block_requested = false;
  // Set by the connection around a command it runs on its network thread
  // (0: no limit): a script still running after this long is stopped,
  // rolled back and handed back (offload_requested) to run again from the
  // start off the network threads, so a long or looping script does not
  // hold up the thread's other clients. Short scripts stay on the thread.
  int64_t script_budget_ms = 0;
  bool offload_requested = false;
  std::vector<std::pair<int, std::string>> block_keys;
  int64_t block_timeout_ms = 0;  // 0: wait forever
  Reply block_timeout_reply = Reply::NullArray();

  // The connection's SQL session (transaction, LAST_INSERT_ID), made by the
  // first SQL command. Destroying it rolls back an open transaction.
  std::shared_ptr<rel::sql::Session> sql;

  void SetDb(int new_db) {
    std::lock_guard<std::mutex> lock(mu);
    db = new_db;
  }
};

}  // namespace tetradb::resp
