#include "engine/lock_wait.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <thread>

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#endif

#include "engine/transaction.h"

namespace tetradb {
namespace {

using rocksdb::Status;

thread_local const LockWaitCanceller* t_canceller = nullptr;

// How often a sleeping waiter looks at its canceller.
constexpr std::chrono::milliseconds kCancelCheck{10};

void CpuRelax() {
#if defined(__x86_64__) || defined(__i386__)
  _mm_pause();
#else
  std::this_thread::yield();
#endif
}

class StripeMutex final : public rocksdb::TransactionDBMutex {
 public:
  Status Lock() override {
    mu_.lock();
    return Status::OK();
  }
  // As RocksDB's own: the stripe mutex is held only briefly, so a timeout
  // is honoured only as "try once" (0).
  Status TryLockFor(int64_t timeout_us) override {
    if (timeout_us == 0) {
      return mu_.try_lock() ? Status::OK() : Status::TimedOut(Status::SubCode::kMutexTimeout);
    }
    mu_.lock();
    return Status::OK();
  }
  void UnLock() override { mu_.unlock(); }

 private:
  std::mutex mu_;
};

class SpinningCondVar final : public rocksdb::TransactionDBCondVar {
 public:
  explicit SpinningCondVar(std::chrono::microseconds spin) : spin_(spin) {}

  Status Wait(std::shared_ptr<rocksdb::TransactionDBMutex> mutex) override {
    return WaitFor(std::move(mutex), -1);
  }

  // Called with `mutex` locked; returns with it locked. OK when notified
  // (or spuriously), TimedOut after `timeout_us` (negative: no limit).
  Status WaitFor(std::shared_ptr<rocksdb::TransactionDBMutex> mutex,
                 int64_t timeout_us) override {
    using Clock = std::chrono::steady_clock;
    const auto start = Clock::now();
    // Read under the stripe mutex: an unlock that this waiter has not seen
    // yet notifies after it, so it changes the generation after this read.
    const uint64_t seen = generation_.load(std::memory_order_acquire);
    mutex->UnLock();
    auto notified = [&] { return generation_.load(std::memory_order_acquire) != seen; };
    bool woken = false;
    auto spin_end = start + spin_;
    if (timeout_us >= 0) spin_end = std::min(spin_end, start + std::chrono::microseconds(timeout_us));
    for (int i = 0;; ++i) {
      if (notified()) {
        woken = true;
        break;
      }
      if ((i & 31) == 31 && Clock::now() >= spin_end) break;
      CpuRelax();
    }
    if (!woken) {
      std::unique_lock<std::mutex> lock(sleep_mu_);
      sleepers_.fetch_add(1, std::memory_order_seq_cst);
      const auto end = timeout_us < 0 ? Clock::time_point::max()
                                      : start + std::chrono::microseconds(timeout_us);
      const LockWaitCanceller* canceller = t_canceller;
      while (!(woken = notified())) {
        if (canceller == nullptr) {
          if (timeout_us < 0) {
            sleep_cv_.wait(lock, notified);
          } else {
            sleep_cv_.wait_until(lock, end, notified);
          }
        } else {
          sleep_cv_.wait_until(lock, std::min(end, Clock::now() + kCancelCheck), notified);
          if (!notified() && canceller->Cancelled()) break;  // as a timeout
        }
        if (!notified() && Clock::now() >= end) break;
      }
      sleepers_.fetch_sub(1, std::memory_order_relaxed);
    }
    Status s = mutex->Lock();
    if (!s.ok()) return s;
    return woken ? Status::OK() : Status::TimedOut(Status::SubCode::kMutexTimeout);
  }

  void Notify() override { NotifyAll(); }  // waking more than one is allowed

  void NotifyAll() override {
    generation_.fetch_add(1, std::memory_order_seq_cst);
    // A sleeper registers (seq_cst) before it checks the generation, so
    // either it sees the new one or this sees it and wakes it.
    if (sleepers_.load(std::memory_order_seq_cst) > 0) {
      std::lock_guard<std::mutex> lock(sleep_mu_);
      sleep_cv_.notify_all();
    }
  }

 private:
  const std::chrono::microseconds spin_;
  std::atomic<uint64_t> generation_{0};
  std::atomic<int> sleepers_{0};
  std::mutex sleep_mu_;
  std::condition_variable sleep_cv_;
};

class SpinningFactory final : public rocksdb::TransactionDBMutexFactory {
 public:
  explicit SpinningFactory(std::chrono::microseconds spin) : spin_(spin) {}
  std::shared_ptr<rocksdb::TransactionDBMutex> AllocateMutex() override {
    return std::make_shared<StripeMutex>();
  }
  std::shared_ptr<rocksdb::TransactionDBCondVar> AllocateCondVar() override {
    return std::make_shared<SpinningCondVar>(spin_);
  }

 private:
  const std::chrono::microseconds spin_;
};

}  // namespace

ScopedLockWaitCanceller::ScopedLockWaitCanceller(const LockWaitCanceller* c)
    : previous_(t_canceller) {
  t_canceller = c;
}

ScopedLockWaitCanceller::~ScopedLockWaitCanceller() { t_canceller = previous_; }

std::shared_ptr<rocksdb::TransactionDBMutexFactory> NewSpinningLockWaitFactory(
    std::chrono::microseconds spin) {
  return std::make_shared<SpinningFactory>(spin);
}

}  // namespace tetradb
