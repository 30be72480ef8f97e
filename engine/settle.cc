#include "engine/settle.h"

#include <rocksdb/metadata.h>

#include "engine/rocks_internal.h"

namespace tetradb {

namespace {
constexpr auto kTick = std::chrono::milliseconds(500);
}  // namespace

Settler::Settler(EngineInternals* internals, int quiet_ms) : in_(internals), quiet_ms_(quiet_ms) {
  for (size_t i = 0; i < kNumCfs; ++i) {
    write_buffer_[i] = in_->db->GetOptions(in_->cf(static_cast<Cf>(i))).write_buffer_size;
  }
}

void Settler::Start() {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable() || quiet_ms_ <= 0) return;
  stop_ = false;
  canceled_.store(false);
  thread_ = std::thread([this] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!cv_.wait_for(lock, kTick, [this] { return stop_; })) {
      lock.unlock();
      Tick(std::chrono::steady_clock::now());
      lock.lock();
    }
  });
}

void Settler::Cancel() { canceled_.store(true); }

void Settler::Stop() {
  Cancel();  // before the lock: a merge may be running
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

uint64_t Settler::ActiveEntries(Cf cf) const {
  uint64_t n = 0;
  in_->db->GetIntProperty(in_->cf(cf), "rocksdb.num-entries-active-mem-table", &n);
  return n;
}

bool Settler::WantsFlush(Cf cf) const {
  uint64_t bytes = 0;
  if (!in_->db->GetIntProperty(in_->cf(cf), "rocksdb.cur-size-active-mem-table", &bytes)) {
    return false;
  }
  return ActiveEntries(cf) > 0 && bytes >= write_buffer_[static_cast<size_t>(cf)] / 4;
}

bool Settler::WantsMerge(Cf cf) const {
  rocksdb::ColumnFamilyMetaData meta;
  in_->db->GetColumnFamilyMetaData(in_->cf(cf), &meta);
  if (meta.levels.empty()) return false;
  size_t runs = meta.levels[0].files.size();
  for (size_t i = 1; i < meta.levels.size(); ++i) runs += meta.levels[i].files.empty() ? 0 : 1;
  return runs >= 2 && meta.levels[0].size * 4 >= meta.size;
}

bool Settler::Settle(Cf cf) {
  bool switched = false;
  if (WantsFlush(cf)) {
    rocksdb::FlushOptions fo;
    fo.wait = true;
    switched = true;
    if (in_->db->Flush(fo, in_->cf(cf)).ok()) flushes_.fetch_add(1, std::memory_order_relaxed);
  }
  if (WantsMerge(cf) && !canceled_.load()) {
    switched = true;  // CompactRange flushes the memtable first
    rocksdb::CompactRangeOptions co;
    co.exclusive_manual_compaction = false;
    // One run at the bottom is the goal; a bottom level already in one run
    // is not rewritten again.
    co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kSkip;
    co.canceled = &canceled_;
    if (in_->db->CompactRange(co, in_->cf(cf), nullptr, nullptr).ok()) {
      merges_.fetch_add(1, std::memory_order_relaxed);
    }
  }
  return switched;
}

void Settler::Tick(std::chrono::steady_clock::time_point now) {
  if (quiet_ms_ <= 0) return;
  const auto quiet = std::chrono::milliseconds(quiet_ms_);
  for (size_t i = 0; i < kNumCfs; ++i) {
    const Cf cf = static_cast<Cf>(i);
    const uint64_t entries = ActiveEntries(cf);
    {
      std::lock_guard<std::mutex> lock(mu_);
      Family& f = families_[i];
      // Writes since the period began (fewer entries: the memtable was
      // switched, so it filled up).
      const bool written = entries < f.entries || entries - f.entries >= kTrickleEntries;
      if (written || f.quiet_since == std::chrono::steady_clock::time_point{}) {
        f = Family{entries, now, false};
        continue;
      }
      if (f.settled || now - f.quiet_since < quiet || canceled_.load()) continue;
      busy_ = true;
    }
    const bool switched = Settle(cf);
    std::lock_guard<std::mutex> lock(mu_);
    // Entries the next looks find beyond these were written during the
    // work or after it. A flush started a new, empty memtable.
    families_[i].entries = switched ? 0 : entries;
    families_[i].settled = true;
    busy_ = false;
  }
}

bool Settler::Idle() {
  if (quiet_ms_ <= 0) return true;
  std::lock_guard<std::mutex> lock(mu_);
  if (busy_) return false;
  for (size_t i = 0; i < kNumCfs; ++i) {
    const Cf cf = static_cast<Cf>(i);
    if (!families_[i].settled && (WantsFlush(cf) || WantsMerge(cf))) return false;
  }
  return true;
}

}  // namespace tetradb
