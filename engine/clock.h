// Time as the engine and models see it. Everything that depends on the wall
// clock (TTLs, expiry, timestamps) asks a Clock, so tests can move time.
#pragma once

#include <atomic>
#include <cstdint>

namespace tetradb {

class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch. Thread-safe.
  virtual int64_t NowMs() const = 0;
};

// The real wall clock. A process-wide instance; never destroyed.
Clock* SystemClock();

// A clock tests set by hand; starts at `start_ms`.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_ms = 1'700'000'000'000) : now_(start_ms) {}
  int64_t NowMs() const override { return now_.load(std::memory_order_relaxed); }
  void Set(int64_t ms) { now_.store(ms, std::memory_order_relaxed); }
  void Advance(int64_t ms) { now_.fetch_add(ms, std::memory_order_relaxed); }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace tetradb
