// Which event loop is writing a key right now. The RESP server moves a
// connection to the loop that owns the keys it writes, when it keeps
// writing keys another loop owns (redis-benchmark's single hot key, a
// global counter): a hot key's writers then share one thread and run back
// to back, instead of handing the key's lock between threads (a futex
// wake-up and a sleeping thread each time). A key nobody else wrote
// recently is owned by whoever writes it. Ownership is only a hint: every
// command still takes its key locks, so a stale answer costs time, never
// correctness.
//
// A connection that moved for a shared key and then writes only keys no
// other connection writes goes back to where it came from, so that a burst
// on one hot key does not leave every connection on one thread.
//
// Keys are tracked by slot (a hash of database and key) in a fixed table:
// two keys in one slot share their owner.
//
// Thread-safe (relaxed atomics; a stale read only misguides one decision).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>

namespace tetradb::resp {

class KeyOwners {
 public:
  static constexpr size_t kSlots = 4096;
  // How long a loop keeps a key after it last wrote it.
  static constexpr int64_t kHoldNs = 1'000'000;

  struct Seen {
    size_t owner;  // the loop that owns the key now
    bool shared;   // another writer wrote it within the last kHoldNs
  };

  KeyOwners();

  // Connection `writer` on loop `loop` writes `key` of database `db` at
  // `now_ns` (a monotonic clock). The key's owner is another loop if that
  // one wrote the key's slot within the last kHoldNs, else `loop`, which
  // then owns it. Loop numbers are below 256.
  Seen Note(size_t loop, uint64_t writer, int db, std::string_view key, int64_t now_ns);

 private:
  struct Slot {
    // The owner in the low 8 bits, when its hold ends (us) above them; 0:
    // nobody.
    std::atomic<uint64_t> word{0};
    std::atomic<uint64_t> writer{0};  // the last writer
  };
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace tetradb::resp
