#include "wire/resp/key_owners.h"

#include <functional>

namespace tetradb::resp {

KeyOwners::KeyOwners() : slots_(new Slot[kSlots]) {}

KeyOwners::Seen KeyOwners::Note(size_t loop, uint64_t writer, int db, std::string_view key,
                                int64_t now_ns) {
  size_t h = std::hash<std::string_view>()(key) ^ (static_cast<size_t>(db) * 0x9e3779b97f4a7c15u);
  Slot& slot = slots_[h % kSlots];
  // Times are kept in microseconds: 56 bits of them last for millennia.
  const int64_t now_us = now_ns / 1000, hold_us = kHoldNs / 1000;
  uint64_t word = slot.word.load(std::memory_order_relaxed);
  size_t owner = word & 0xff;
  int64_t until = static_cast<int64_t>(word >> 8);
  bool recent = now_us < until;
  // The slot is only written when something changes: a key written over
  // and over by one connection costs reads only.
  uint64_t last = slot.writer.load(std::memory_order_relaxed);
  if (last != writer) slot.writer.store(writer, std::memory_order_relaxed);
  Seen seen{loop, recent && last != writer};
  if (owner != loop && recent) {
    seen.owner = owner;
    return seen;
  }
  // Renewed only once half the hold has passed: a hot key's slot is then
  // written a few times per millisecond, not by every command.
  if (owner != loop || until - now_us < hold_us / 2) {
    slot.word.store((static_cast<uint64_t>(now_us + hold_us) << 8) | (loop & 0xff),
                    std::memory_order_relaxed);
  }
  return seen;
}

}  // namespace tetradb::resp
