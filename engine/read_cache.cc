#include "engine/read_cache.h"

#include <array>

namespace tetradb {
namespace {

std::atomic<uint64_t> next_cache_id{1};

// One thread's cached reads: direct-mapped by key hash.
struct Entry {
  uint64_t cache = 0;  // ReadCache::id_; 0: empty
  uint64_t word = 0;   // the key's stripe word before the value was read
  uint64_t all = 0;    // the all-keys word then
  Cf cf = Cf::kKv;
  bool found = false;
  std::string key;
  std::string value;
};
constexpr size_t kSlots = 256;

std::array<Entry, kSlots>& Slots() {
  thread_local std::array<Entry, kSlots> slots;
  return slots;
}

}  // namespace

ReadCache::ReadCache()
    : id_(next_cache_id.fetch_add(1)), stripes_(new std::atomic<uint64_t>[kStripes]) {
  for (size_t i = 0; i < kStripes; ++i) stripes_[i].store(0, std::memory_order_relaxed);
}

size_t ReadCache::Hash(Cf cf, std::string_view key) {
  return std::hash<std::string_view>()(key) * 31 + static_cast<size_t>(cf);
}

Status ReadCache::Get(Cf cf, std::string_view key, std::string* value, const Reader& read) const {
  const size_t h = Hash(cf, key);
  // Sequentially consistent loads, ordered with the writers' marks (see
  // the header): both words are read before the value is.
  const uint64_t word = stripes_[h % kStripes].load();
  const uint64_t all = all_.load();
  Entry& e = Slots()[(h / kStripes) % kSlots];
  const bool quiet = ((word | all) & kInProgressMask) == 0;
  if (quiet && e.cache == id_ && e.word == word && e.all == all && e.cf == cf && e.key == key) {
    if (!e.found) return Status::NotFound();
    value->assign(e.value);
    return Status::Ok();
  }
  Status s = read(value);
  if (!quiet || !(s.ok() || s.IsNotFound()) || (s.ok() && value->size() > kMaxValueBytes)) {
    return s;
  }
  e.cache = id_;
  e.word = word;
  e.all = all;
  e.cf = cf;
  e.found = s.ok();
  e.key.assign(key);
  if (s.ok()) {
    e.value.assign(*value);
  } else {
    e.value.clear();
  }
  return s;
}

void ReadCache::Writes::Begin(Cf cf, std::string_view key) {
  if (!Caches(cf)) return;
  const auto stripe = static_cast<uint16_t>(Hash(cf, key) % kStripes);
  if (marked_.test(stripe)) return;
  marked_.set(stripe);
  cache_->stripes_[stripe].fetch_add(1);
  if (first_ < 0) {
    first_ = stripe;
  } else {
    more_.push_back(stripe);
  }
}

void ReadCache::Writes::BeginAll() {
  if (all_) return;
  cache_->all_.fetch_add(1);
  all_ = true;
}

void ReadCache::Writes::End() {
  if (first_ >= 0) {
    cache_->stripes_[first_].fetch_add(kEndMark);
    marked_.reset(static_cast<size_t>(first_));
    first_ = -1;
  }
  for (uint16_t stripe : more_) {
    cache_->stripes_[stripe].fetch_add(kEndMark);
    marked_.reset(stripe);
  }
  more_.clear();
  if (all_) {
    cache_->all_.fetch_add(kEndMark);
    all_ = false;
  }
}

}  // namespace tetradb
