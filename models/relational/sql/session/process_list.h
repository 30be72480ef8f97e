// The sessions alive in this process, by the Database they run on and the
// connection id the server gave them (Session::set_connection_id): how KILL,
// a client that goes away and server shutdown reach statements running on
// other threads (MySQL's processlist, without the listing).
//
// Thread-safe. Sessions add and remove themselves; the server calls the
// Interrupt functions. A session is found only while it exists, so an
// interrupt never touches a destroyed session.
#pragma once

#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "models/relational/sql/execution/interrupt.h"

namespace tetradb::rel {
class Database;
}

namespace tetradb::rel::sql {

// Interrupts the statement the session of `db` with connection id `id` is
// running (none running: nothing happens). False when no session of `db`
// has that id. `id` 0 names no session.
bool InterruptConnection(const Database* db, uint64_t id, InterruptReason reason);

// Interrupts every statement running on `db` (server shutdown). Returns how
// many were running.
int InterruptAll(const Database* db, InterruptReason reason);

// The registry behind the functions above; session.cc keeps it current.
class ProcessList {
 public:
  static ProcessList& Global();

  // `owner` identifies the session; `interrupt` must stay valid until
  // Remove(owner) returns.
  void Add(const void* owner, const Database* db, StatementInterrupt* interrupt);
  void SetId(const void* owner, uint64_t id);
  void Remove(const void* owner);

  bool Interrupt(const Database* db, uint64_t id, InterruptReason reason);
  int InterruptAll(const Database* db, InterruptReason reason);

 private:
  struct Entry {
    const Database* db = nullptr;
    uint64_t id = 0;
    StatementInterrupt* interrupt = nullptr;
  };
  std::mutex mu_;  // held while raising, so Remove() waits for a raise in flight
  std::unordered_map<const void*, Entry> entries_;
};

}  // namespace tetradb::rel::sql
