// Cancelling a running statement: MySQL's KILL QUERY / KILL CONNECTION,
// max_execution_time, a client that went away, server shutdown.
//
// Each session owns one StatementInterrupt. Any thread may Raise() it; the
// thread running the statement notices at its next check point and the
// statement fails with the reason's error (InterruptError), which the
// session turns into a statement rollback like any other failure.
//
// Check points (ExecContext::CheckInterrupt): every row a scan reads, every
// candidate row of a join step, every row an UPDATE / DELETE / INSERT
// writes, every group aggregated and every few thousand comparisons of a
// sort. A check costs an increment; every kCheckEvery-th one reads the flag
// and the clock. A row-lock wait inside the engine looks every 10 ms (the
// session installs the interrupt as the thread's LockWaitCanceller): it
// gives up as a lock timeout, and the statement then fails with the
// interrupt's error instead of 1205. Not a check point: DDL (CREATE INDEX
// filling an index, DROP TABLE deleting rows).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <mutex>

#include "engine/transaction.h"
#include "models/relational/types/sql_error.h"

namespace tetradb::rel::sql {

enum class InterruptReason : int {
  kNone = 0,
  kTimeout,     // max_execution_time: 3024
  kQuery,       // KILL QUERY: 1317
  kConnection,  // KILL CONNECTION, or the client went away: 1317
  kShutdown,    // server shutdown: 1053
};

// The error a statement interrupted for `reason` fails with (MySQL's):
// 3024 (HY000) "Query execution was interrupted, maximum statement
// execution time exceeded", 1317 (70100) "Query execution was interrupted",
// 1053 (08S01) "Server shutdown in progress".
SqlError InterruptError(InterruptReason reason);

class StatementInterrupt final : public LockWaitCanceller {
 public:
  // Checks between two looks at the flag and the clock.
  static constexpr uint32_t kCheckEvery = 256;

  // --- The thread running statements.

  // A statement starts: forgets an earlier interrupt and, when `timeout_ms`
  // > 0, arms a deadline that far from now.
  void Begin(uint64_t timeout_ms);
  // The statement ended: the interrupt is forgotten, and Raise() does
  // nothing until the next Begin().
  void End();
  // Cheap check for loops: an error once the statement is interrupted or
  // past its deadline.
  SqlStatus Tick() {
    if (++ticks_ % kCheckEvery != 0) return SqlStatus::Ok();
    return Check();
  }
  // Looks at the flag and the clock now.
  SqlStatus Check();
  // As Check() failing (for a row-lock wait of the statement's thread).
  bool Cancelled() const override {
    return reason_.load(std::memory_order_acquire) != 0 ||
           (has_deadline_ && std::chrono::steady_clock::now() >= deadline_);
  }

  // --- Any thread.

  // Interrupts the running statement for `reason` (the first reason wins).
  // Returns false when no statement is running: nothing happens to it then,
  // as KILL QUERY on an idle MySQL connection. kConnection and kShutdown are
  // final, running or not: every later statement fails at once with the
  // same error (the client is gone or being cut off, the server is going
  // down), which also covers a statement about to start when they came.
  bool Raise(InterruptReason reason);
  // Why the current statement was interrupted (kNone: it was not).
  InterruptReason reason() const {
    return static_cast<InterruptReason>(reason_.load(std::memory_order_acquire));
  }

 private:
  std::atomic<int> reason_{0};
  std::mutex mu_;         // orders Raise() against Begin() / End()
  bool running_ = false;  // guarded by mu_
  int final_ = 0;         // guarded by mu_: kConnection / kShutdown once raised
  bool has_deadline_ = false;
  std::chrono::steady_clock::time_point deadline_;
  uint32_t ticks_ = 0;
};

}  // namespace tetradb::rel::sql
