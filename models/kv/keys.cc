#include "models/kv/keys.h"

#include <random>

#include "models/kv/glob.h"

namespace tetradb::kv {
namespace {

// Copies every member (and score-index entry) of a collection to a new owner.
Status CopyMembers(KvTxn& t, int src_db, std::string_view src, const Metadata& from, int dst_db,
                   std::string_view dst, const Metadata& to) {
  for (Cf cf : {Cf::kKvMembers, Cf::kKvScores}) {
    std::string prefix = MemberPrefix(dst_db, dst, to.version);
    auto it = t.Members(src_db, src, from, cf);
    size_t skip = MemberPrefix(src_db, src, from.version).size();
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      std::string k = prefix;
      k.append(it->key().substr(skip));
      TETRADB_RETURN_IF_ERROR(t.txn().Put(cf, k, it->value()));
    }
    TETRADB_RETURN_IF_ERROR(it->status());
  }
  return Status::Ok();
}

// Writes a copy of `from` as dst (whose current state is `dst_state`).
Status WriteCopy(KvTxn& t, int src_db, std::string_view src, const Metadata& from, int dst_db,
                 std::string_view dst, const KeyState& dst_state) {
  Metadata to = from;
  if (from.type != Type::kString) {
    to.version = t.store().NextVersion();
    TETRADB_RETURN_IF_ERROR(CopyMembers(t, src_db, src, from, dst_db, dst, to));
  }
  return t.Store(dst_db, dst, dst_state, to);
}

}  // namespace

Result<bool> KeyDelete(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.Load(db, key);
  TETRADB_RETURN_IF_ERROR(st.status());
  TETRADB_RETURN_IF_ERROR(t.Remove(db, key, *st));  // an expired record goes too
  return st->live;
}

Result<bool> KeyExists(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.Load(db, key, false);
  TETRADB_RETURN_IF_ERROR(st.status());
  return st->live;
}

Result<std::optional<Type>> KeyType(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.Load(db, key, false);
  TETRADB_RETURN_IF_ERROR(st.status());
  if (!st->live) return std::optional<Type>();
  return std::optional<Type>(st->meta.type);
}

Result<int64_t> KeyPttl(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.Load(db, key, false);
  TETRADB_RETURN_IF_ERROR(st.status());
  if (!st->live) return int64_t{-2};
  if (st->meta.expire_at_ms == 0) return int64_t{-1};
  return st->meta.expire_at_ms - t.now_ms();
}

Result<int64_t> KeyExpireTime(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.Load(db, key, false);
  TETRADB_RETURN_IF_ERROR(st.status());
  if (!st->live) return int64_t{-2};
  if (st->meta.expire_at_ms == 0) return int64_t{-1};
  return st->meta.expire_at_ms;
}

Result<bool> KeySetExpire(KvTxn& t, int db, std::string_view key, int64_t at_ms,
                          ExpireCondition c) {
  Result<KeyState> st = t.Load(db, key);
  TETRADB_RETURN_IF_ERROR(st.status());
  if (!st->live) return false;
  int64_t cur = st->meta.expire_at_ms;  // 0: persistent, i.e. an infinite TTL
  switch (c) {
    case ExpireCondition::kAlways: break;
    case ExpireCondition::kNX: if (cur != 0) return false; break;
    case ExpireCondition::kXX: if (cur == 0) return false; break;
    case ExpireCondition::kGT: if (cur == 0 || at_ms <= cur) return false; break;
    case ExpireCondition::kLT: if (cur != 0 && at_ms >= cur) return false; break;
  }
  if (at_ms <= t.now_ms()) {
    TETRADB_RETURN_IF_ERROR(t.Remove(db, key, *st));
    return true;
  }
  Metadata m = st->meta;
  m.expire_at_ms = at_ms;
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  return true;
}

Result<bool> KeyPersist(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.Load(db, key);
  TETRADB_RETURN_IF_ERROR(st.status());
  if (!st->live || st->meta.expire_at_ms == 0) return false;
  Metadata m = st->meta;
  m.expire_at_ms = 0;
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  return true;
}

Result<bool> KeyRename(KvTxn& t, int db, std::string_view src, std::string_view dst, bool nx) {
  Result<KeyState> from = t.Load(db, src);
  TETRADB_RETURN_IF_ERROR(from.status());
  if (!from->live) return Status::InvalidArgument("ERR no such key");
  if (src == dst) return !nx;
  Result<KeyState> to = t.Load(db, dst);
  TETRADB_RETURN_IF_ERROR(to.status());
  if (nx && to->live) return false;
  if (to->physical) TETRADB_RETURN_IF_ERROR(t.Remove(db, dst, *to));
  KeyState gone;  // dst no longer has a record
  TETRADB_RETURN_IF_ERROR(WriteCopy(t, db, src, from->meta, db, dst, gone));
  TETRADB_RETURN_IF_ERROR(t.Remove(db, src, *from));
  return true;
}

Result<bool> KeyCopy(KvTxn& t, int src_db, std::string_view src, int dst_db,
                     std::string_view dst, bool replace) {
  Result<KeyState> from = t.Load(src_db, src, false);
  TETRADB_RETURN_IF_ERROR(from.status());
  if (!from->live) return false;
  if (src_db == dst_db && src == dst) {
    return Status::InvalidArgument("ERR source and destination objects are the same");
  }
  Result<KeyState> to = t.Load(dst_db, dst);
  TETRADB_RETURN_IF_ERROR(to.status());
  if (to->live && !replace) return false;
  if (to->physical) TETRADB_RETURN_IF_ERROR(t.Remove(dst_db, dst, *to));
  TETRADB_RETURN_IF_ERROR(WriteCopy(t, src_db, src, from->meta, dst_db, dst, KeyState{}));
  return true;
}

Result<bool> KeyMove(KvTxn& t, int db, std::string_view key, int dst_db) {
  if (db == dst_db) {
    return Status::InvalidArgument("ERR source and destination objects are the same");
  }
  Result<KeyState> from = t.Load(db, key);
  TETRADB_RETURN_IF_ERROR(from.status());
  if (!from->live) return false;
  Result<KeyState> to = t.Load(dst_db, key);
  TETRADB_RETURN_IF_ERROR(to.status());
  if (to->live) return false;
  if (to->physical) TETRADB_RETURN_IF_ERROR(t.Remove(dst_db, key, *to));
  TETRADB_RETURN_IF_ERROR(WriteCopy(t, db, key, from->meta, dst_db, key, KeyState{}));
  TETRADB_RETURN_IF_ERROR(t.Remove(db, key, *from));
  return true;
}

Result<ScanPage> KeyScan(KvTxn& t, int db, std::string_view start, size_t count,
                         std::string_view pattern, std::optional<Type> type) {
  ScanPage page;
  std::string prefix = EncodeMetaKey(db, "");
  TETRADB_RETURN_IF_ERROR(t.FlushPending());
  auto it = t.txn().NewIterator(Cf::kKv, KeyRange::Prefix(prefix));
  it->Seek(EncodeMetaKey(db, start));
  size_t visited = 0;
  for (; it->Valid(); it->Next()) {
    std::string_view key = it->key().substr(1);
    if (visited == count) {
      page.next.assign(key);
      break;
    }
    ++visited;
    Metadata m;
    if (!DecodeMetadata(it->value(), &m).ok() || m.IsExpired(t.now_ms())) continue;
    if (type && m.type != *type) continue;
    if (!pattern.empty() && !GlobMatch(pattern, key)) continue;
    page.keys.emplace_back(key);
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  return page;
}

Result<std::optional<std::string>> KeyRandom(KvTxn& t, int db) {
  // Pick a random point in the key space by a random byte string, take the
  // next live key (wrapping once). Not uniform, but cheap; Redis's is not
  // uniform either.
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  std::string probe(8, '\0');
  for (char& c : probe) c = static_cast<char>(rng());
  TETRADB_RETURN_IF_ERROR(t.FlushPending());
  for (int pass = 0; pass < 2; ++pass) {
    auto it = t.txn().NewIterator(Cf::kKv, KeyRange::Prefix(EncodeMetaKey(db, "")));
    if (pass == 0) {
      it->Seek(EncodeMetaKey(db, probe));
    } else {
      it->SeekToFirst();
    }
    for (; it->Valid(); it->Next()) {
      Metadata m;
      if (DecodeMetadata(it->value(), &m).ok() && !m.IsExpired(t.now_ms())) {
        return std::optional<std::string>(std::string(it->key().substr(1)));
      }
    }
    TETRADB_RETURN_IF_ERROR(it->status());
  }
  return std::optional<std::string>();
}

namespace {

Result<std::vector<std::pair<std::string, KeyState>>> AllKeys(KvTxn& t, int db) {
  std::vector<std::pair<std::string, KeyState>> out;
  TETRADB_RETURN_IF_ERROR(t.FlushPending());
  auto it = t.txn().NewIterator(Cf::kKv, KeyRange::Prefix(EncodeMetaKey(db, "")));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    KeyState st;
    st.physical = true;
    if (!DecodeMetadata(it->value(), &st.meta).ok()) continue;
    st.live = !st.meta.IsExpired(t.now_ms());
    out.emplace_back(std::string(it->key().substr(1)), std::move(st));
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  return out;
}

}  // namespace

Status SwapDb(KvTxn& t, int a, int b) {
  if (a == b) return Status::Ok();
  auto keys_a = AllKeys(t, a);
  TETRADB_RETURN_IF_ERROR(keys_a.status());
  auto keys_b = AllKeys(t, b);
  TETRADB_RETURN_IF_ERROR(keys_b.status());
  // Metadata goes first; members stay readable under their old versions
  // until the copies are written, then become garbage.
  for (auto& [k, st] : *keys_a) TETRADB_RETURN_IF_ERROR(t.Remove(a, k, st));
  for (auto& [k, st] : *keys_b) TETRADB_RETURN_IF_ERROR(t.Remove(b, k, st));
  for (auto& [k, st] : *keys_a) {
    if (st.live) TETRADB_RETURN_IF_ERROR(WriteCopy(t, a, k, st.meta, b, k, KeyState{}));
  }
  for (auto& [k, st] : *keys_b) {
    if (st.live) TETRADB_RETURN_IF_ERROR(WriteCopy(t, b, k, st.meta, a, k, KeyState{}));
  }
  return Status::Ok();
}

Result<int64_t> FlushDb(KvTxn& t, int db) {
  int64_t n = 0;
  TETRADB_RETURN_IF_ERROR(t.FlushPending());
  auto it = t.txn().NewIterator(Cf::kKv, KeyRange::Prefix(EncodeMetaKey(db, "")));
  std::vector<std::pair<std::string, KeyState>> doomed;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    KeyState st;
    st.physical = true;
    if (!DecodeMetadata(it->value(), &st.meta).ok()) continue;
    doomed.emplace_back(std::string(it->key().substr(1)), std::move(st));
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  it.reset();
  for (auto& [key, st] : doomed) {
    TETRADB_RETURN_IF_ERROR(t.Remove(db, key, st));
    ++n;
  }
  return n;
}

}  // namespace tetradb::kv
