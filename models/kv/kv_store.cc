#include "models/kv/kv_store.h"

#include <algorithm>

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

Transaction& KvTxn::EngineTxn() {
  if (!txn_) txn_ = store_.engine().BeginTransaction(options_);
  return *txn_;
}

Transaction& KvTxn::txn() {
  ++changes_;
  Transaction& t = EngineTxn();
  // Something is about to be written: the savepoints set since the last
  // write get their engine savepoints now (the engine transaction has not
  // changed since they were set).
  for (; engine_savepoints_ < savepoints_.size(); ++engine_savepoints_) {
    Status s = t.SetSavePoint();
    if (!s.ok() && deferred_.ok()) deferred_ = s;
    savepoints_[engine_savepoints_].engine = true;
  }
  return t;
}

Status KvTxn::ReadCommitted(Cf cf, std::string_view key, std::string* value) {
  if (txn_) return txn_->Get(cf, key, value);
  return store_.engine().Get(cf, key, value);
}

KvTxn::~KvTxn() = default;

KeyState KvTxn::StateOf(const MetaEntry& e) const {
  KeyState st;
  if (!e.physical) return st;
  st.physical = true;
  st.meta = e.meta;
  st.live = !st.meta.IsExpired(now_ms_);
  return st;
}

namespace {
// `*buf` becomes `first` then `rest`.
const std::string& ByteThen(std::string* buf, char first, std::string_view rest) {
  buf->clear();
  buf->push_back(first);
  buf->append(rest);
  return *buf;
}
}  // namespace

const std::string& KvTxn::MetaKey(int db, std::string_view key) {
  return ByteThen(&meta_key_, static_cast<char>(db), key);
}

const std::string& KvTxn::MemberKey(int db, std::string_view key, uint64_t version,
                                    std::string_view sub) {
  member_key_.clear();
  member_key_.push_back(static_cast<char>(Cf::kKvMembers));
  AppendMemberPrefix(&member_key_, db, key, version);
  member_key_.append(sub);
  return member_key_;
}

const std::string& KvTxn::MemberKey(Cf cf, std::string_view member_key) {
  return ByteThen(&member_key_, static_cast<char>(cf), member_key);
}

Result<KeyState> KvTxn::Load(int db, std::string_view key, bool lock) {
  const std::string& mk = MetaKey(db, key);
  if (auto it = meta_.find(mk); it != meta_.end()) return StateOf(it->second);
  std::string raw;
  if (!lock) {
    KeyState st;
    Status s = ReadCommitted(Cf::kKv, mk, &raw);
    if (s.IsNotFound()) return st;
    TETRADB_RETURN_IF_ERROR(s);
    TETRADB_RETURN_IF_ERROR(DecodeMetadata(raw, &st.meta));
    st.physical = true;
    st.live = !st.meta.IsExpired(now_ms_);
    return st;
  }
  MetaEntry e;
  Status s = EngineTxn().GetForUpdate(Cf::kKv, mk, &raw);
  if (!s.IsNotFound()) {
    TETRADB_RETURN_IF_ERROR(s);
    TETRADB_RETURN_IF_ERROR(DecodeMetadata(raw, &e.meta));
    e.physical = true;
  }
  KeyState st = StateOf(e);
  // Rolling back past this load forgets it (the engine may release the lock).
  if (!savepoints_.empty()) meta_undo_.push_back({mk, false, {}});
  meta_.emplace(mk, std::move(e));
  return st;
}

Result<KeyState> KvTxn::LoadAs(int db, std::string_view key, Type type, bool lock) {
  Result<KeyState> st = Load(db, key, lock);
  if (st.ok() && st->live && st->meta.type != type) return Status::WrongType();
  return st;
}

Status KvTxn::Store(int db, std::string_view key, const KeyState& before, const Metadata& after) {
  ++changes_;
  const std::string& mk = MetaKey(db, key);
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
  auto it = meta_.find(mk);
  // A key this transaction has not locked is written through (the write locks it).
  if (it == meta_.end()) return txn().Put(Cf::kKv, mk, EncodeMetadata(after));
  if (!savepoints_.empty()) meta_undo_.push_back({mk, true, std::move(it->second)});
  it->second.physical = true;
  it->second.dirty = true;
  it->second.meta = after;
  return Status::Ok();
}

Status KvTxn::Remove(int db, std::string_view key, const KeyState& before) {
  if (!before.physical) return Status::Ok();
  ++changes_;
  const std::string& mk = MetaKey(db, key);
  if (before.meta.expire_at_ms != 0) {
    TETRADB_RETURN_IF_ERROR(store_.engine().expiry().RemoveEntry(txn(), ExpiryOwner::kKv, mk,
                                                                 before.meta.expire_at_ms));
    --expires_delta_[db];
  }
  --key_delta_[db];
  Touch(db, key);
  auto it = meta_.find(mk);
  if (it == meta_.end()) return txn().Delete(Cf::kKv, mk);
  if (!savepoints_.empty()) meta_undo_.push_back({mk, true, std::move(it->second)});
  it->second.physical = false;
  it->second.dirty = true;
  it->second.meta = Metadata();
  return Status::Ok();
}

void KvTxn::AdvanceClock(int64_t now_ms) { now_ms_ = std::max(now_ms_, now_ms); }

Status KvTxn::FlushPending() {
  if (dirty_members_ > 0) {
    for (auto& [k, e] : members_) {
      if (!e.dirty) continue;
      Cf cf = static_cast<Cf>(static_cast<uint8_t>(k[0]));
      std::string_view record(k.data() + 1, k.size() - 1);
      Status s = e.exists ? txn().PutUnlocked(cf, record, e.value) : txn().DeleteUnlocked(cf, record);
      TETRADB_RETURN_IF_ERROR(s);
      if (!savepoints_.empty()) member_undo_.push_back({k, true, e});
      e.dirty = false;
    }
    dirty_members_ = 0;
  }
  for (auto& [mk, e] : meta_) {
    if (!e.dirty) continue;
    // Locked by our Load: no lock to take.
    Status s = e.physical ? txn().PutUnlocked(Cf::kKv, mk, EncodeMetadata(e.meta))
                          : txn().DeleteUnlocked(Cf::kKv, mk);
    TETRADB_RETURN_IF_ERROR(s);
    // Rolling back past this write undoes it in the engine: dirty again.
    if (!savepoints_.empty()) meta_undo_.push_back({mk, true, e});
    e.dirty = false;
  }
  return Status::Ok();
}

Metadata KvTxn::NewCollection(Type type) const {
  Metadata m;
  m.type = type;
  m.version = store_.NextVersion();
  return m;
}

Status KvTxn::GetMember(int db, std::string_view key, const Metadata& m, std::string_view sub,
                        std::string* value) {
  const std::string& k = MemberKey(db, key, m.version, sub);
  if (auto it = members_.find(k); it != members_.end()) {
    if (!it->second.exists) return Status::NotFound();
    *value = it->second.value;
    return Status::Ok();
  }
  Status s = ReadCommitted(Cf::kKvMembers, std::string_view(k).substr(1), value);
  if ((s.ok() || s.IsNotFound()) && meta_.count(MetaKey(db, key)) > 0) {
    // The collection is locked by us: nobody else can change the member,
    // so the next read of it (pipelined ZADD, HINCRBY ...) can stay here.
    MemberEntry e{s.ok(), /*dirty=*/false, s.ok() ? *value : std::string()};
    auto [pos, inserted] = members_.emplace(k, std::move(e));
    if (inserted && !savepoints_.empty()) member_undo_.push_back({k, false, {}});
  }
  return s;
}

Status KvTxn::WriteMemberRecord(const std::string& cf_key, bool exists, std::string value) {
  ++changes_;
  auto it = members_.find(cf_key);
  const bool inserted = it == members_.end();
  if (inserted) it = members_.emplace(cf_key, MemberEntry{}).first;
  if (!savepoints_.empty()) {
    member_undo_.push_back({it->first, !inserted, inserted ? MemberEntry{} : std::move(it->second)});
  }
  it->second.exists = exists;
  it->second.dirty = true;
  it->second.value = exists ? std::move(value) : std::string();
  ++dirty_members_;
  return Status::Ok();
}

Status KvTxn::PutMember(int db, std::string_view key, const Metadata& m, std::string_view sub,
                        std::string_view value) {
  return PutMemberOwned(db, key, m, sub, std::string(value));
}

Status KvTxn::PutMemberOwned(int db, std::string_view key, const Metadata& m,
                             std::string_view sub, std::string value) {
  return WriteMemberRecord(MemberKey(db, key, m.version, sub), true, std::move(value));
}

Status KvTxn::PutMemberRecord(Cf cf, std::string_view member_key, std::string_view value) {
  return WriteMemberRecord(MemberKey(cf, member_key), true, std::string(value));
}

Status KvTxn::DeleteMemberRecord(Cf cf, std::string_view member_key) {
  return WriteMemberRecord(MemberKey(cf, member_key), false, {});
}

Status KvTxn::DeleteMember(int db, std::string_view key, const Metadata& m,
                           std::string_view sub) {
  return WriteMemberRecord(MemberKey(db, key, m.version, sub), false, {});
}

Status KvTxn::FindMember(int db, std::string_view key, const Metadata& m, std::string_view sub,
                         MemberHandle* h) {
  const std::string& k = MemberKey(db, key, m.version, sub);
  auto it = members_.find(k);
  if (it == members_.end()) {
    std::string v;
    TETRADB_RETURN_IF_ERROR(ReadCommitted(Cf::kKvMembers, std::string_view(k).substr(1), &v));
    it = members_.emplace(k, MemberEntry{true, false, std::move(v)}).first;
    if (!savepoints_.empty()) member_undo_.push_back({it->first, false, {}});
  } else if (!it->second.exists) {
    return Status::NotFound();
  }
  h->t_ = this;
  h->entry_ = &*it;
  h->edited_ = false;
  return Status::Ok();
}

const std::string& KvTxn::MemberHandle::value() const {
  return entry_->second.value;
}

std::string* KvTxn::MemberHandle::Edit() {
  auto* e = entry_;
  if (!edited_) {
    edited_ = true;
    ++t_->changes_;
    if (!t_->savepoints_.empty()) t_->member_undo_.push_back({e->first, true, e->second});
    if (!e->second.dirty) {
      e->second.dirty = true;
      ++t_->dirty_members_;
    }
  }
  return &e->second.value;
}

std::unique_ptr<Iterator> KvTxn::Members(int db, std::string_view key, const Metadata& m, Cf cf) {
  return MemberRange(cf, KeyRange::Prefix(MemberPrefix(db, key, m.version)));
}

std::unique_ptr<Iterator> KvTxn::MemberRange(Cf cf, KeyRange range) {
  if (dirty_members_ > 0) {
    // The iterator reads through the engine transaction: it must hold them.
    Status s = FlushPending();
    if (!s.ok() && deferred_.ok()) deferred_ = s;
  }
  if (txn_) return txn_->NewIterator(cf, std::move(range));
  return store_.engine().NewIterator(cf, std::move(range));
}

Status KvTxn::SetSavePoint() {
  if (txn_) TETRADB_RETURN_IF_ERROR(deferred_);
  savepoints_.push_back({key_delta_, expires_delta_, touched_.size(), meta_undo_.size(),
                         member_undo_.size(), after_commit_.size(), false});
  return Status::Ok();
}

Status KvTxn::RollbackToSavePoint() {
  if (savepoints_.empty()) return Status::InvalidArgument("no savepoint");
  const SavePoint& sp = savepoints_.back();
  if (sp.engine) {
    TETRADB_RETURN_IF_ERROR(EngineTxn().RollbackToSavePoint());
    --engine_savepoints_;
  }
  while (meta_undo_.size() > sp.meta_undo) {
    MetaUndo& u = meta_undo_.back();
    if (u.had_entry) {
      meta_[u.meta_key] = std::move(u.old);
    } else {
      meta_.erase(u.meta_key);
    }
    meta_undo_.pop_back();
  }
  while (member_undo_.size() > sp.member_undo) {
    MemberUndo& u = member_undo_.back();
    if (u.had_entry) {
      if (u.old.dirty) ++dirty_members_;
      members_[u.key] = std::move(u.old);
    } else {
      members_.erase(u.key);
    }
    member_undo_.pop_back();
  }
  key_delta_ = sp.key_delta;
  expires_delta_ = sp.expires_delta;
  touched_.resize(sp.touched);
  after_commit_.resize(sp.after_commit);
  savepoints_.pop_back();
  return Status::Ok();
}

Status KvTxn::PopSavePoint() {
  if (savepoints_.empty()) return Status::InvalidArgument("no savepoint");
  if (savepoints_.back().engine) {
    TETRADB_RETURN_IF_ERROR(EngineTxn().PopSavePoint());
    --engine_savepoints_;
  }
  savepoints_.pop_back();
  if (savepoints_.empty()) {
    meta_undo_.clear();
    member_undo_.clear();
  }
  return Status::Ok();
}

void KvTxn::Touch(int db, std::string_view key) {
  ++changes_;
  // Repeated writes of one key (pipelines) need one entry.
  if (!touched_.empty() && touched_.back().db == db && touched_.back().key == key) return;
  touched_.push_back({db, std::string(key)});
}

Status KvTxn::Commit() {
  TETRADB_RETURN_IF_ERROR(deferred_);
  if (!touched_.empty()) store_.NotifyBefore(touched_);
  TETRADB_RETURN_IF_ERROR(FlushPending());
  TETRADB_RETURN_IF_ERROR(deferred_);
  if (txn_) TETRADB_RETURN_IF_ERROR(txn_->Commit());
  store_.Apply(*this);
  for (auto& fn : after_commit_) fn();
  after_commit_.clear();
  return Status::Ok();
}

void KvTxn::AfterCommit(std::function<void()> fn) { after_commit_.push_back(std::move(fn)); }

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

std::unique_ptr<KvTxn> KvStore::Begin() { return Begin(engine_->clock().NowMs()); }

std::unique_ptr<KvTxn> KvStore::Begin(int64_t now_ms) {
  TxnOptions o;
  o.lock_timeout_ms = 500;
  o.deadlock_detect = true;  // batches and EXEC lock several keys
  return std::make_unique<KvTxn>(*this, o, now_ms);
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
