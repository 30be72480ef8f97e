// Expiry shared by every model: an index of (expire-at, owner, key) entries
// and a background cycle that hands due entries back to their owner.
//
// USE: a model that gives an object a deadline writes AddEntry in the same
// transaction as the object, and RemoveEntry when the deadline changes or the
// object goes. It registers one ExpiryHandler for its ExpiryOwner tag.
//
// BEHAVIOUR: every tick the cycle reads at most `max_per_tick` due entries in
// deadline order; for each it opens a transaction, calls the owner's handler,
// deletes the entry and commits. A handler must check that its object still
// carries that deadline (the entry may be stale: the object was rewritten) and
// delete it only then. Lazy expiry stays the models' job: an object past its
// deadline must be invisible to readers before the cycle reaches it.
//
// CONSTRAINTS: handlers run on the cycle's thread; keep them to one object.
// A conflict with a concurrent writer leaves the entry for the next tick.
#pragma once

#include <array>
#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "engine/key_format.h"
#include "engine/status.h"

namespace tetradb {

class Engine;
class Transaction;

class ExpiryHandler {
 public:
  virtual ~ExpiryHandler() = default;
  // Called inside `txn` for an entry whose deadline `expire_at_ms` has come.
  // Returns true if it deleted the object, false if the entry was stale.
  virtual Result<bool> Expire(Transaction& txn, std::string_view owner_key,
                              int64_t expire_at_ms) = 0;
  // Called after the transaction in which Expire returned true committed
  // (counters, notifications).
  virtual void OnExpired(std::string_view owner_key) {}
};

class ExpiryIndex {
 public:
  explicit ExpiryIndex(Engine* engine) : engine_(engine) {}
  ~ExpiryIndex();

  static std::string EncodeEntry(int64_t expire_at_ms, ExpiryOwner owner, std::string_view key);
  static Status DecodeEntry(std::string_view entry, int64_t* expire_at_ms, ExpiryOwner* owner,
                            std::string_view* key);

  Status AddEntry(Transaction& txn, ExpiryOwner owner, std::string_view key, int64_t expire_at_ms);
  Status RemoveEntry(Transaction& txn, ExpiryOwner owner, std::string_view key,
                     int64_t expire_at_ms);

  // Not owned; must outlive the cycle. Register before Start.
  void RegisterHandler(ExpiryOwner owner, ExpiryHandler* handler);

  // Processes up to `max_entries` entries due at the clock's current time.
  // Returns how many objects their owners deleted.
  Result<int> RunOnce(int max_entries);

  // Runs RunOnce every `interval_ms` on a background thread until Stop.
  void Start(int interval_ms = 100, int max_per_tick = 1000);
  void Stop();

  // Entries processed since open (INFO's expired_keys comes from the models).
  uint64_t processed() const { return processed_.load(std::memory_order_relaxed); }

 private:
  Engine* engine_;
  std::array<std::atomic<ExpiryHandler*>, 256> handlers_{};
  std::atomic<uint64_t> processed_{0};

  std::mutex mu_;
  std::condition_variable cv_;
  bool stop_ = false;
  std::thread thread_;
};

}  // namespace tetradb
