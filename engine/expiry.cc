#include "engine/expiry.h"

#include "engine/engine.h"
#include "engine/key_codec.h"

namespace tetradb {

ExpiryIndex::~ExpiryIndex() { Stop(); }

std::string ExpiryIndex::EncodeEntry(int64_t expire_at_ms, ExpiryOwner owner,
                                     std::string_view key) {
  std::string out;
  out.reserve(10 + key.size());
  KeyEncoder(&out).Int(expire_at_ms).Raw(
      std::string_view(reinterpret_cast<const char*>(&owner), 1)).Raw(key);
  return out;
}

Status ExpiryIndex::DecodeEntry(std::string_view entry, int64_t* expire_at_ms,
                                ExpiryOwner* owner, std::string_view* key) {
  KeyDecoder dec(entry);
  TETRADB_RETURN_IF_ERROR(dec.ReadInt(expire_at_ms));
  std::string_view rest = dec.remaining();
  if (rest.empty()) return Status::Corruption("expiry entry without an owner");
  *owner = static_cast<ExpiryOwner>(static_cast<uint8_t>(rest[0]));
  *key = rest.substr(1);
  return Status::Ok();
}

Status ExpiryIndex::AddEntry(Transaction& txn, ExpiryOwner owner, std::string_view key,
                             int64_t expire_at_ms) {
  return txn.Put(Cf::kExpiry, EncodeEntry(expire_at_ms, owner, key), {});
}

Status ExpiryIndex::RemoveEntry(Transaction& txn, ExpiryOwner owner, std::string_view key,
                                int64_t expire_at_ms) {
  return txn.Delete(Cf::kExpiry, EncodeEntry(expire_at_ms, owner, key));
}

void ExpiryIndex::RegisterHandler(ExpiryOwner owner, ExpiryHandler* handler) {
  handlers_[static_cast<uint8_t>(owner)].store(handler, std::memory_order_release);
}

Result<int> ExpiryIndex::RunOnce(int max_entries) {
  const int64_t now = engine_->clock().NowMs();
  // Every entry with expire_at <= now sorts below the encoding of now + 1.
  std::string upper;
  KeyEncoder(&upper).Int(now + 1);
  auto it = engine_->NewIterator(Cf::kExpiry, KeyRange{{}, upper});
  int done = 0;
  std::vector<std::string> due;
  for (it->SeekToFirst(); it->Valid() && static_cast<int>(due.size()) < max_entries; it->Next()) {
    due.emplace_back(it->key());
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  it.reset();

  for (const std::string& entry : due) {
    int64_t at;
    ExpiryOwner owner;
    std::string_view key;
    auto txn = engine_->BeginTransaction();
    bool deleted = false;
    ExpiryHandler* h = nullptr;
    if (DecodeEntry(entry, &at, &owner, &key).ok()) {
      h = handlers_[static_cast<uint8_t>(owner)].load(std::memory_order_acquire);
      // An entry whose owner has no handler is unreachable garbage: drop it.
      if (h != nullptr) {
        Result<bool> r = h->Expire(*txn, key, at);
        if (!r.ok()) continue;  // conflict or error: next tick
        deleted = *r;
      }
    }
    if (!txn->Delete(Cf::kExpiry, entry).ok()) continue;
    if (!txn->Commit().ok()) continue;
    processed_.fetch_add(1, std::memory_order_relaxed);
    if (deleted) {
      h->OnExpired(key);
      ++done;
    }
  }
  return done;
}

void ExpiryIndex::Start(int interval_ms, int max_per_tick) {
  std::lock_guard<std::mutex> lock(mu_);
  if (thread_.joinable()) return;
  stop_ = false;
  thread_ = std::thread([this, interval_ms, max_per_tick] {
    std::unique_lock<std::mutex> lock(mu_);
    while (!stop_) {
      lock.unlock();
      Result<int> r = RunOnce(max_per_tick);
      // A full tick means more is due: go again at once instead of waiting.
      bool backlog = r.ok() && *r >= max_per_tick;
      lock.lock();
      if (!backlog) cv_.wait_for(lock, std::chrono::milliseconds(interval_ms), [this] { return stop_; });
    }
  });
}

void ExpiryIndex::Stop() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  if (thread_.joinable()) thread_.join();
}

}  // namespace tetradb
