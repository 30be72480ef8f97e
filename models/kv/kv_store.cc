#include "models/kv/kv_store.h"

#include "engine/key_codec.h"

namespace tetradb::kv {
namespace {

// Drops members whose key is gone, was replaced by another version, or
// expired: no reader can reach them.
class MemberGarbage final : public GarbageFilter {
 public:
  explicit MemberGarbage(Engine* engine) : engine_(engine) {}
  bool IsGarbage(std::string_view member_key, std::string_view) const override {
    int db;
    std::string_view key, rest;
    uint64_t version;
    if (!DecodeMemberPrefix(member_key, &db, &key, &version, &rest).ok()) return false;
    std::string raw;
    Status s = engine_->Get(Cf::kKv, EncodeMetaKey(db, key), &raw);
    if (s.IsNotFound()) return true;
    if (!s.ok()) return false;  // when in doubt, keep
    Metadata m;
    if (!DecodeMetadata(raw, &m).ok()) return false;
    if (m.type == Type::kString || m.version != version) return true;
    return m.IsExpired(engine_->clock().NowMs());
  }

 private:
  Engine* engine_;
};

}  // namespace

KvTxn::KvTxn(KvStore& store, TxnOptions options, int64_t now_ms)
    : store_(store), options_(options), now_ms_(now_ms) {}

Transaction& KvTxn::txn() {
  if (!txn_) txn_ = store_.engine().BeginTransaction(options_);
  return *txn_;
}

Status KvTxn::ReadCommitted(Cf cf, std::string_view key, std::string* value) {
  if (txn_) return txn_->Get(cf, key, value);
  return store_.engine().Get(cf, key, value);
}

KvTxn::~KvTxn() = default;

Result<KeyState> KvTxn::Load(int db, std::string_view key, bool lock) {
  KeyState st;
  std::string raw;
  std::string mk = EncodeMetaKey(db, key);
  Status s = lock ? txn().GetForUpdate(Cf::kKv, mk, &raw) : ReadCommitted(Cf::kKv, mk, &raw);
  if (s.IsNotFound()) return st;
  TETRADB_RETURN_IF_ERROR(s);
  TETRADB_RETURN_IF_ERROR(DecodeMetadata(raw, &st.meta));
  st.physical = true;
  st.live = !st.meta.IsExpired(now_ms_);
  return st;
}

Result<KeyState> KvTxn::LoadAs(int db, std::string_view key, Type type, bool lock) {
  Result<KeyState> st = Load(db, key, lock);
  if (st.ok() && st->live && st->meta.type != type) return Status::WrongType();
  return st;
}

Status KvTxn::Store(int db, std::string_view key, const KeyState& before, const Metadata& after) {
  std::string mk = EncodeMetaKey(db, key);
  int64_t old_expire = before.physical ? before.meta.expire_at_ms : 0;
  if (old_expire != after.expire_at_ms) {
    if (old_expire != 0) {
      TETRADB_RETURN_IF_ERROR(
          store_.engine().expiry().RemoveEntry(txn(), ExpiryOwner::kKv, mk, old_expire));
      --expires_delta_[db];
    }
    if (after.expire_at_ms != 0) {
      TETRADB_RETURN_IF_ERROR(
          store_.engine().expiry().AddEntry(txn(), ExpiryOwner::kKv, mk, after.expire_at_ms));
      ++expires_delta_[db];
    }
  }
  if (!before.physical) ++key_delta_[db];
  Touch(db, key);
  return txn().Put(Cf::kKv, mk, EncodeMetadata(after));
}

Status KvTxn::Remove(int db, std::string_view key, const KeyState& before) {
  if (!before.physical) return Status::Ok();
  std::string mk = EncodeMetaKey(db, key);
  if (before.meta.expire_at_ms != 0) {
    TETRADB_RETURN_IF_ERROR(store_.engine().expiry().RemoveEntry(txn(), ExpiryOwner::kKv, mk,
                                                                 before.meta.expire_at_ms));
    --expires_delta_[db];
  }
  --key_delta_[db];
  Touch(db, key);
  return txn().Delete(Cf::kKv, mk);
}

Metadata KvTxn::NewCollection(Type type) const {
  Metadata m;
  m.type = type;
  m.version = store_.NextVersion();
  return m;
}

Status KvTxn::GetMember(int db, std::string_view key, const Metadata& m, std::string_view sub,
                        std::string* value) {
  std::string k = MemberPrefix(db, key, m.version);
  k.append(sub);
  return ReadCommitted(Cf::kKvMembers, k, value);
}

Status KvTxn::PutMember(int db, std::string_view key, const Metadata& m, std::string_view sub,
                        std::string_view value) {
  std::string k = MemberPrefix(db, key, m.version);
  k.append(sub);
  return txn().Put(Cf::kKvMembers, k, value);
}

Status KvTxn::DeleteMember(int db, std::string_view key, const Metadata& m,
                           std::string_view sub) {
  std::string k = MemberPrefix(db, key, m.version);
  k.append(sub);
  return txn().Delete(Cf::kKvMembers, k);
}

std::unique_ptr<Iterator> KvTxn::Members(int db, std::string_view key, const Metadata& m, Cf cf) {
  KeyRange range = KeyRange::Prefix(MemberPrefix(db, key, m.version));
  if (txn_) return txn_->NewIterator(cf, std::move(range));
  return store_.engine().NewIterator(cf, std::move(range));
}

Status KvTxn::SetSavePoint() {
  TETRADB_RETURN_IF_ERROR(txn().SetSavePoint());
  savepoints_.push_back({key_delta_, expires_delta_, touched_.size()});
  return Status::Ok();
}

Status KvTxn::RollbackToSavePoint() {
  if (savepoints_.empty()) return Status::InvalidArgument("no savepoint");
  TETRADB_RETURN_IF_ERROR(txn().RollbackToSavePoint());
  const SavePoint& sp = savepoints_.back();
  key_delta_ = sp.key_delta;
  expires_delta_ = sp.expires_delta;
  touched_.resize(sp.touched);
  savepoints_.pop_back();
  return Status::Ok();
}

Status KvTxn::PopSavePoint() {
  if (savepoints_.empty()) return Status::InvalidArgument("no savepoint");
  TETRADB_RETURN_IF_ERROR(txn().PopSavePoint());
  savepoints_.pop_back();
  return Status::Ok();
}

void KvTxn::Touch(int db, std::string_view key) { touched_.push_back({db, std::string(key)}); }

Status KvTxn::Commit() {
  if (!touched_.empty()) store_.NotifyBefore(touched_);
  if (txn_) TETRADB_RETURN_IF_ERROR(txn_->Commit());
  store_.Apply(*this);
  return Status::Ok();
}

KvStore::KvStore(Engine* engine) : engine_(engine) {}

KvStore::~KvStore() {
  engine_->expiry().RegisterHandler(ExpiryOwner::kKv, nullptr);
  engine_->SetGarbageFilter(Cf::kKvMembers, nullptr);
  engine_->SetGarbageFilter(Cf::kKvScores, nullptr);
}

Status KvStore::Open() {
  // Live counts start from what is on disk.
  auto it = engine_->NewIterator(Cf::kKv, KeyRange::All());
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    int db;
    std::string_view key;
    if (!DecodeMetaKey(it->key(), &db, &key).ok()) continue;
    keys_[db].fetch_add(1, std::memory_order_relaxed);
    std::string_view v = it->value();
    if (v.size() >= 10 && GetBE64(v.data() + 2) != 0) expires_[db].fetch_add(1);
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  next_version_ = static_cast<uint64_t>(engine_->clock().NowMs()) * 1000;
  auto garbage = std::make_shared<MemberGarbage>(engine_);
  engine_->SetGarbageFilter(Cf::kKvMembers, garbage);
  engine_->SetGarbageFilter(Cf::kKvScores, garbage);
  engine_->expiry().RegisterHandler(ExpiryOwner::kKv, this);
  return Status::Ok();
}

std::unique_ptr<KvTxn> KvStore::Begin() {
  TxnOptions o;
  o.lock_timeout_ms = 500;
  o.deadlock_detect = true;  // batches and EXEC lock several keys
  return std::make_unique<KvTxn>(*this, o, engine_->clock().NowMs());
}

uint64_t KvStore::NextVersion() { return next_version_.fetch_add(1, std::memory_order_relaxed); }

uint64_t KvStore::SaveCursor(std::string position) {
  constexpr size_t kMaxCursors = 16384;
  std::lock_guard<std::mutex> lock(cursor_mu_);
  if (cursors_.size() >= kMaxCursors) cursors_.erase(cursors_.begin());
  uint64_t id = next_cursor_++;
  cursors_[id] = std::move(position);
  return id;
}

bool KvStore::LoadCursor(uint64_t cursor, std::string* position) {
  std::lock_guard<std::mutex> lock(cursor_mu_);
  auto it = cursors_.find(cursor);
  if (it == cursors_.end()) return false;
  *position = it->second;
  return true;
}

void KvStore::SetTouchObservers(TouchObserver before, TouchObserver after) {
  observers_.store(
      std::make_shared<const Observers>(Observers{std::move(before), std::move(after)}));
}

std::shared_ptr<const KvStore::Observers> KvStore::observers() const {
  return observers_.load();
}

void KvStore::NotifyBefore(const std::vector<TouchedKey>& keys) const {
  auto obs = observers();
  if (obs && obs->before) obs->before(keys);
}

void KvStore::Apply(const KvTxn& t) {
  for (int db = 0; db < kDatabases; ++db) {
    if (t.key_delta_[db]) keys_[db].fetch_add(t.key_delta_[db], std::memory_order_relaxed);
    if (t.expires_delta_[db]) expires_[db].fetch_add(t.expires_delta_[db], std::memory_order_relaxed);
  }
  if (t.touched_.empty()) return;
  auto obs = observers();
  if (obs && obs->after) obs->after(t.touched_);
}

Result<bool> KvStore::Expire(Transaction& txn, std::string_view owner_key, int64_t expire_at_ms) {
  std::string raw;
  Status s = txn.GetForUpdate(Cf::kKv, owner_key, &raw);
  if (s.IsNotFound()) return false;
  TETRADB_RETURN_IF_ERROR(s);
  Metadata m;
  TETRADB_RETURN_IF_ERROR(DecodeMetadata(raw, &m));
  // Stale entry: the key was given another deadline (or none) since.
  if (m.expire_at_ms != expire_at_ms) return false;
  TETRADB_RETURN_IF_ERROR(txn.Delete(Cf::kKv, owner_key));
  int db;
  std::string_view key;
  if (DecodeMetaKey(owner_key, &db, &key).ok()) NotifyBefore({TouchedKey{db, std::string(key)}});
  return true;
}

void KvStore::OnExpired(std::string_view owner_key) {
  int db;
  std::string_view key;
  if (!DecodeMetaKey(owner_key, &db, &key).ok()) return;
  keys_[db].fetch_sub(1, std::memory_order_relaxed);
  expires_[db].fetch_sub(1, std::memory_order_relaxed);
  expired_keys_.fetch_add(1, std::memory_order_relaxed);
  auto obs = observers();
  if (obs && obs->after) obs->after({TouchedKey{db, std::string(key)}});
}

}  // namespace tetradb::kv
