// A small per-thread cache of latest-value reads (Engine::Get without a
// snapshot) in the key-value families, for hot keys: a session, a cart, a
// trending list read by client after client. A hit costs a hash and two
// atomic loads instead of a search of every memtable and level.
//
// Validity rests on version stripes. Every key maps to one of kStripes
// words; every write to a cached family marks the words of the keys it
// writes once before it becomes visible (a writer in progress) and once
// after (a write done):
//
//   word = (writes done << kDoneShift) + writers in progress
//
// A value is cached with the word read *before* the value was read, and
// only if no writer was in progress then; it is served while the word is
// still exactly that. So a hit means no write to its stripe has begun since
// before the value was read: the value is the current one, and a reader
// that starts after any write was acknowledged never sees what it
// replaced. Writes that cover unknown keys (DeleteRange) mark one word
// that every entry also checks.
#pragma once

#include <atomic>
#include <bitset>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "engine/key_format.h"
#include "engine/status.h"

namespace tetradb {

class ReadCache {
 public:
  static constexpr size_t kStripes = 4096;
  // Values larger than this are read through, never kept (a full list
  // chunk fits; a thread keeps at most 256 values).
  static constexpr size_t kMaxValueBytes = (8 << 10) + 128;

  ReadCache();
  ReadCache(const ReadCache&) = delete;
  ReadCache& operator=(const ReadCache&) = delete;

  // The families whose plain reads are cached: the key-value model's.
  static bool Caches(Cf cf) { return cf == Cf::kKv || cf == Cf::kKvMembers || cf == Cf::kKvScores; }

  // Reads `key` through the calling thread's cache: `read` fetches the
  // latest committed value (NotFound when absent) on a miss.
  using Reader = std::function<Status(std::string* value)>;
  Status Get(Cf cf, std::string_view key, std::string* value, const Reader& read) const;

  // Marks the keys a write is about to make visible; End marks them done.
  // Each stripe is marked once per write, however many of its keys fall
  // there, so the count of writers in progress stays that. End runs on
  // destruction too, also when the write fails.
  class Writes {
   public:
    explicit Writes(ReadCache* cache) : cache_(cache) {}
    ~Writes() { End(); }
    Writes(const Writes&) = delete;
    Writes& operator=(const Writes&) = delete;
    // Adds a key (of a cached family; others are ignored) and marks its
    // stripe unless this write marked it already.
    void Begin(Cf cf, std::string_view key);
    // Marks every key of every cached family (a range deletion).
    void BeginAll();
    void End();

   private:
    ReadCache* cache_;
    // The stripes marked: the first inline (most writes touch one key),
    // the rest in more_, and all of them in marked_ for the check.
    int first_ = -1;
    std::vector<uint16_t> more_;
    std::bitset<kStripes> marked_;
    bool all_ = false;
  };

 private:
  static constexpr unsigned kDoneShift = 20;  // room for 2^20 - 1 writers in progress
  static constexpr uint64_t kInProgressMask = (uint64_t{1} << kDoneShift) - 1;
  static constexpr uint64_t kEndMark = (uint64_t{1} << kDoneShift) - 1;  // +1 done, -1 in progress

  static size_t Hash(Cf cf, std::string_view key);

  const uint64_t id_;  // tells entries of this cache from another engine's
  std::unique_ptr<std::atomic<uint64_t>[]> stripes_;
  std::atomic<uint64_t> all_{0};  // the word of writes to every key
};

}  // namespace tetradb
