#include "models/relational/sql/execution/interrupt.h"

namespace tetradb::rel::sql {

SqlError InterruptError(InterruptReason reason) {
  switch (reason) {
    case InterruptReason::kTimeout:
      return SqlError{3024, "HY000",
                      "Query execution was interrupted, maximum statement execution time "
                      "exceeded"};
    case InterruptReason::kShutdown:
      return SqlError{1053, "08S01", "Server shutdown in progress"};
    case InterruptReason::kNone:
    case InterruptReason::kQuery:
    case InterruptReason::kConnection:
      break;
  }
  return SqlError{1317, "70100", "Query execution was interrupted"};
}

void StatementInterrupt::Begin(uint64_t timeout_ms) {
  std::lock_guard<std::mutex> lock(mu_);
  reason_.store(final_, std::memory_order_release);
  running_ = true;
  has_deadline_ = timeout_ms > 0;
  if (has_deadline_) {
    deadline_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
  }
  ticks_ = 0;
}

void StatementInterrupt::End() {
  std::lock_guard<std::mutex> lock(mu_);
  running_ = false;
  has_deadline_ = false;
  reason_.store(0, std::memory_order_release);
}

SqlStatus StatementInterrupt::Check() {
  int r = reason_.load(std::memory_order_acquire);
  if (r == 0 && has_deadline_ && std::chrono::steady_clock::now() >= deadline_) {
    int none = 0;
    reason_.compare_exchange_strong(none, static_cast<int>(InterruptReason::kTimeout),
                                    std::memory_order_acq_rel);
    r = reason_.load(std::memory_order_acquire);
  }
  if (r == 0) return SqlStatus::Ok();
  return InterruptError(static_cast<InterruptReason>(r));
}

bool StatementInterrupt::Raise(InterruptReason reason) {
  std::lock_guard<std::mutex> lock(mu_);
  if (final_ == 0 &&
      (reason == InterruptReason::kConnection || reason == InterruptReason::kShutdown)) {
    final_ = static_cast<int>(reason);
  }
  if (!running_) return false;
  int none = 0;
  reason_.compare_exchange_strong(none, static_cast<int>(reason), std::memory_order_acq_rel);
  return true;
}

}  // namespace tetradb::rel::sql
