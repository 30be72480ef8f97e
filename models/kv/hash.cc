#include "models/kv/hash.h"

#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace tetradb::kv {
namespace {

// Redis keeps a hash in its compact listpack while it has at most this many
// fields (the built-in default; the sample redis.conf says 128) and no field
// or value is longer than kListpackMaxValue bytes.
constexpr uint64_t kListpackMaxEntries = 512;
constexpr size_t kListpackMaxValue = 64;
// Redis's bound on the text of a long double.
constexpr size_t kMaxLongDoubleChars = 5 * 1024;

bool IsListpackEntry(const MemberEntry& e) {
  return e.sub.size() <= kListpackMaxValue && e.value.size() <= kListpackMaxValue;
}

Result<KeyState> LoadHash(KvTxn& t, int db, std::string_view key, bool lock) {
  return t.LoadAs(db, key, Type::kHash, lock);
}

// Writes one field of `m` (a live hash or a fresh collection): counts it in
// m->size if it is new, then stores the metadata.
Status PutField(KvTxn& t, int db, std::string_view key, const KeyState& before, Metadata* m,
                std::string_view field, std::string_view value, bool existed) {
  TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, *m, field, value));
  if (!existed) m->size += 1;
  return t.Store(db, key, before, *m);
}

// The current value of `field` in the hash an increment is about to change:
// nullopt when the key or the field is absent.
Result<std::optional<std::string>> OldField(KvTxn& t, int db, std::string_view key,
                                            const KeyState& st, std::string_view field) {
  if (!st.live) return std::optional<std::string>();
  std::string old;
  Status s = t.GetMember(db, key, st.meta, field, &old);
  if (s.IsNotFound()) return std::optional<std::string>();
  TETRADB_RETURN_IF_ERROR(s);
  return std::optional<std::string>(std::move(old));
}

}  // namespace

bool ParseLongDouble(std::string_view s, long double* out) {
  if (s.empty() || s.size() >= kMaxLongDoubleChars) return false;
  if (std::isspace(static_cast<unsigned char>(s[0]))) return false;
  std::string buf(s);
  char* end = nullptr;
  errno = 0;
  long double v = std::strtold(buf.c_str(), &end);
  if (end != buf.c_str() + buf.size() || std::isnan(v)) return false;
  // Overflow (to +-HUGE_VALL) and underflow to zero are errors; "inf" is not.
  if (errno == ERANGE && (std::isinf(v) || v == 0)) return false;
  *out = v;
  return true;
}

Result<int64_t> HashSet(KvTxn& t, int db, std::string_view key,
                        std::span<const std::string> field_values) {
  Result<KeyState> st = LoadHash(t, db, key, true);
  if (!st.ok()) return st.status();
  Metadata m = st->live ? st->meta : t.NewCollection(Type::kHash);
  int64_t added = 0;
  std::string old;
  for (size_t i = 0; i + 1 < field_values.size(); i += 2) {
    const std::string& field = field_values[i];
    Status s = t.GetMember(db, key, m, field, &old);
    if (s.IsNotFound()) {
      ++added;
    } else {
      TETRADB_RETURN_IF_ERROR(s);
    }
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, field, field_values[i + 1]));
  }
  m.size += added;
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  return added;
}

Result<bool> HashSetNx(KvTxn& t, int db, std::string_view key, std::string_view field,
                       std::string_view value) {
  Result<KeyState> st = LoadHash(t, db, key, true);
  if (!st.ok()) return st.status();
  Metadata m = st->live ? st->meta : t.NewCollection(Type::kHash);
  if (st->live) {
    std::string old;
    Status s = t.GetMember(db, key, m, field, &old);
    if (s.ok()) return false;
    if (!s.IsNotFound()) return s;
  }
  TETRADB_RETURN_IF_ERROR(PutField(t, db, key, *st, &m, field, value, /*existed=*/false));
  return true;
}

Status HashGet(KvTxn& t, int db, std::string_view key, std::string_view field, std::string* value) {
  Result<KeyState> st = LoadHash(t, db, key, false);
  if (!st.ok()) return st.status();
  if (!st->live) return Status::NotFound();
  return t.GetMember(db, key, st->meta, field, value);
}

Result<std::vector<std::optional<std::string>>> HashMGet(KvTxn& t, int db, std::string_view key,
                                                         std::span<const std::string> fields) {
  Result<KeyState> st = LoadHash(t, db, key, false);
  if (!st.ok()) return st.status();
  std::vector<std::optional<std::string>> out(fields.size());
  if (!st->live) return out;
  for (size_t i = 0; i < fields.size(); ++i) {
    std::string v;
    Status s = t.GetMember(db, key, st->meta, fields[i], &v);
    if (s.IsNotFound()) continue;
    TETRADB_RETURN_IF_ERROR(s);
    out[i] = std::move(v);
  }
  return out;
}

Result<int64_t> HashDelete(KvTxn& t, int db, std::string_view key,
                           std::span<const std::string> fields) {
  Result<KeyState> st = LoadHash(t, db, key, true);
  if (!st.ok()) return st.status();
  if (!st->live) return 0;
  Metadata m = st->meta;
  int64_t removed = 0;
  std::string v;
  for (const std::string& field : fields) {
    Status s = t.GetMember(db, key, m, field, &v);
    if (s.IsNotFound()) continue;
    TETRADB_RETURN_IF_ERROR(s);
    TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, key, m, field));
    ++removed;
  }
  if (removed == 0) return 0;
  m.size -= removed;
  TETRADB_RETURN_IF_ERROR(m.size == 0 ? t.Remove(db, key, *st) : t.Store(db, key, *st, m));
  return removed;
}

Result<int64_t> HashLen(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = LoadHash(t, db, key, false);
  if (!st.ok()) return st.status();
  return st->live ? static_cast<int64_t>(st->meta.size) : 0;
}

Result<std::vector<MemberEntry>> HashGetAll(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = LoadHash(t, db, key, false);
  if (!st.ok()) return st.status();
  if (!st->live) return std::vector<MemberEntry>{};
  return ReadMembers(t, db, key, st->meta);
}

Result<int64_t> HashIncrBy(KvTxn& t, int db, std::string_view key, std::string_view field,
                           int64_t delta) {
  Result<KeyState> st = LoadHash(t, db, key, true);
  if (!st.ok()) return st.status();
  Metadata m = st->live ? st->meta : t.NewCollection(Type::kHash);
  Result<std::optional<std::string>> old = OldField(t, db, key, *st, field);
  if (!old.ok()) return old.status();
  const bool existed = old->has_value();
  int64_t value = 0;
  if (existed && !ParseStrictInt64(**old, &value)) {
    return Status::InvalidArgument("ERR hash value is not an integer");
  }
  int64_t sum;
  if (__builtin_add_overflow(value, delta, &sum)) {
    return Status::InvalidArgument("ERR increment or decrement would overflow");
  }
  TETRADB_RETURN_IF_ERROR(PutField(t, db, key, *st, &m, field, std::to_string(sum), existed));
  return sum;
}

Result<std::string> HashIncrByFloat(KvTxn& t, int db, std::string_view key, std::string_view field,
                                    long double delta, std::string (*format)(long double)) {
  Result<KeyState> st = LoadHash(t, db, key, true);
  if (!st.ok()) return st.status();
  Metadata m = st->live ? st->meta : t.NewCollection(Type::kHash);
  Result<std::optional<std::string>> old = OldField(t, db, key, *st, field);
  if (!old.ok()) return old.status();
  const bool existed = old->has_value();
  long double value = 0;
  if (existed && !ParseLongDouble(**old, &value)) {
    return Status::InvalidArgument("ERR hash value is not a float");
  }
  value += delta;
  if (std::isnan(value) || std::isinf(value)) {
    return Status::InvalidArgument("ERR increment would produce NaN or Infinity");
  }
  std::string text = format(value);
  TETRADB_RETURN_IF_ERROR(PutField(t, db, key, *st, &m, field, text, existed));
  return text;
}

Result<std::vector<MemberEntry>> HashRandFields(KvTxn& t, int db, std::string_view key,
                                                uint64_t count, bool distinct) {
  Result<KeyState> st = LoadHash(t, db, key, false);
  if (!st.ok()) return st.status();
  if (!st->live) return std::vector<MemberEntry>{};
  return SampleMembers(t, db, key, st->meta, count, distinct);
}

Result<HashScanPage> HashScan(KvTxn& t, int db, std::string_view key, uint64_t cursor,
                              uint64_t count, const std::optional<std::string>& match) {
  Result<KeyState> st = LoadHash(t, db, key, false);
  if (!st.ok()) return st.status();
  HashScanPage out;
  if (!st->live) return out;
  Result<MemberPage> page =
      ScanMembers(t, db, key, st->meta, cursor, count, match, kListpackMaxEntries, IsListpackEntry);
  if (!page.ok()) return page.status();
  out.entries = std::move(page->entries);
  out.cursor = page->cursor;
  return out;
}

}  // namespace tetradb::kv
