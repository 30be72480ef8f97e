#include "models/kv/string.h"

#include <charconv>

namespace tetradb::kv {
namespace {

Status NotInteger() { return Status::InvalidArgument("ERR value is not an integer or out of range"); }

bool ParseStrictInt(std::string_view s, int64_t* out) {
  if (s.empty() || s.size() > 20) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size() || (s[i] == '0' && s.size() > i + 1) || s == "-0") return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

// Rewrites the value of a string key in place, keeping its deadline.
Status Rewrite(KvTxn& t, int db, std::string_view key, const KeyState& st, std::string value) {
  Metadata m;
  m.type = Type::kString;
  if (st.live) m.expire_at_ms = st.meta.expire_at_ms;
  m.value = std::move(value);
  return t.Store(db, key, st, m);
}

}  // namespace

Status StringGet(KvTxn& t, int db, std::string_view key, std::string* value, bool lock) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kString, lock);
  TETRADB_RETURN_IF_ERROR(st.status());
  if (!st->live) return Status::NotFound();
  *value = std::move(st->meta.value);
  return Status::Ok();
}

Result<SetResult> StringSet(KvTxn& t, int db, std::string_view key, std::string_view value,
                            const SetOptions& o) {
  Result<KeyState> st = t.Load(db, key);
  TETRADB_RETURN_IF_ERROR(st.status());
  SetResult r;
  if (o.get && st->live) {
    if (st->meta.type != Type::kString) return Status::WrongType();
    r.old = st->meta.value;
  }
  if ((o.condition == SetOptions::Condition::kIfAbsent && st->live) ||
      (o.condition == SetOptions::Condition::kIfPresent && !st->live)) {
    return r;
  }
  Metadata m;
  m.type = Type::kString;
  m.expire_at_ms = o.keep_ttl && st->live ? st->meta.expire_at_ms : o.expire_at_ms;
  m.value.assign(value);
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  r.written = true;
  return r;
}

Result<int64_t> StringIncrBy(KvTxn& t, int db, std::string_view key, int64_t delta) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kString);
  TETRADB_RETURN_IF_ERROR(st.status());
  int64_t v = 0;
  if (st->live && !ParseStrictInt(st->meta.value, &v)) return NotInteger();
  int64_t result;
  if (__builtin_add_overflow(v, delta, &result)) {
    return Status::InvalidArgument("ERR increment or decrement would overflow");
  }
  TETRADB_RETURN_IF_ERROR(Rewrite(t, db, key, *st, std::to_string(result)));
  return result;
}

Result<int64_t> StringAppend(KvTxn& t, int db, std::string_view key, std::string_view suffix) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kString);
  TETRADB_RETURN_IF_ERROR(st.status());
  std::string v = st->live ? std::move(st->meta.value) : std::string();
  if (static_cast<int64_t>(v.size() + suffix.size()) > kMaxStringBytes) {
    return Status::InvalidArgument("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
  }
  v.append(suffix);
  int64_t n = static_cast<int64_t>(v.size());
  TETRADB_RETURN_IF_ERROR(Rewrite(t, db, key, *st, std::move(v)));
  return n;
}

Result<int64_t> StringSetRange(KvTxn& t, int db, std::string_view key, int64_t offset,
                               std::string_view value) {
  if (offset < 0) return Status::InvalidArgument("ERR offset is out of range");
  Result<KeyState> st = t.LoadAs(db, key, Type::kString);
  TETRADB_RETURN_IF_ERROR(st.status());
  std::string v = st->live ? std::move(st->meta.value) : std::string();
  if (value.empty()) return static_cast<int64_t>(v.size());  // no change, no creation
  if (offset + static_cast<int64_t>(value.size()) > kMaxStringBytes) {
    return Status::InvalidArgument("ERR string exceeds maximum allowed size (proto-max-bulk-len)");
  }
  if (v.size() < offset + value.size()) v.resize(offset + value.size(), '\0');
  v.replace(offset, value.size(), value);
  int64_t n = static_cast<int64_t>(v.size());
  TETRADB_RETURN_IF_ERROR(Rewrite(t, db, key, *st, std::move(v)));
  return n;
}

Result<int> StringSetBit(KvTxn& t, int db, std::string_view key, uint64_t bit, int value) {
  if (bit >= static_cast<uint64_t>(kMaxStringBytes) * 8) {
    return Status::InvalidArgument("ERR bit offset is not an integer or out of range");
  }
  Result<KeyState> st = t.LoadAs(db, key, Type::kString);
  TETRADB_RETURN_IF_ERROR(st.status());
  std::string v = st->live ? std::move(st->meta.value) : std::string();
  size_t byte = bit >> 3;
  if (v.size() <= byte) v.resize(byte + 1, '\0');
  int shift = 7 - static_cast<int>(bit & 7);
  int old = (static_cast<uint8_t>(v[byte]) >> shift) & 1;
  uint8_t b = static_cast<uint8_t>(v[byte]);
  b = value ? (b | (1 << shift)) : (b & ~(1 << shift));
  v[byte] = static_cast<char>(b);
  TETRADB_RETURN_IF_ERROR(Rewrite(t, db, key, *st, std::move(v)));
  return old;
}

}  // namespace tetradb::kv
