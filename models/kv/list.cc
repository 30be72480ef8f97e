#include "models/kv/list.h"

#include <algorithm>

namespace tetradb::kv {
namespace {

std::string IndexKey(uint64_t index) {
  std::string s;
  PutBE64(&s, index);
  return s;
}

// Redis's clamping of an inclusive [start, stop] to a list of n elements.
// False if the range is empty.
bool ClampRange(int64_t n, int64_t* start, int64_t* stop) {
  if (*start < 0) *start += n;
  if (*stop < 0) *stop += n;
  if (*start < 0) *start = 0;
  if (*start > *stop || *start >= n) return false;
  if (*stop >= n) *stop = n - 1;
  return true;
}

// An index (negative from the end) as an offset from the head; false if out
// of range.
bool ResolveIndex(uint64_t n, int64_t index, uint64_t* offset) {
  if (index < 0) {
    uint64_t back = static_cast<uint64_t>(-(index + 1)) + 1;  // safe for INT64_MIN
    if (back > n) return false;
    *offset = n - back;
    return true;
  }
  if (static_cast<uint64_t>(index) >= n) return false;
  *offset = static_cast<uint64_t>(index);
  return true;
}

// Visits the elements at absolute indexes [from, to), head to tail or (with
// `reverse`) tail to head, in one bounded scan. `visit(index, value)` returns
// false to stop early. A missing index inside the range is Corruption.
template <typename Visit>
Status Scan(KvTxn& t, int db, std::string_view key, const Metadata& m, uint64_t from, uint64_t to,
            bool reverse, Visit&& visit) {
  if (from >= to) return Status::Ok();
  std::string prefix = MemberPrefix(db, key, m.version);
  KeyRange range{prefix + IndexKey(from), prefix + IndexKey(to)};
  auto it = t.MemberRange(Cf::kKvMembers, std::move(range));
  uint64_t expect = reverse ? to - 1 : from;
  uint64_t seen = 0;
  if (reverse) {
    it->SeekToLast();
  } else {
    it->SeekToFirst();
  }
  for (; it->Valid(); reverse ? it->Prev() : it->Next()) {
    std::string_view k = it->key();
    uint64_t index = GetBE64(k.data() + k.size() - 8);
    if (index != expect) return Status::Corruption("list element missing");
    ++seen;
    if (!visit(index, it->value())) return Status::Ok();
    expect = reverse ? expect - 1 : expect + 1;
  }
  TETRADB_RETURN_IF_ERROR(it->status());
  if (seen != to - from) return Status::Corruption("list element missing");
  return Status::Ok();
}

Status ReadSpan(KvTxn& t, int db, std::string_view key, const Metadata& m, uint64_t from,
                uint64_t to, bool reverse, std::vector<std::string>* out) {
  out->reserve(out->size() + (to > from ? to - from : 0));
  return Scan(t, db, key, m, from, to, reverse, [&](uint64_t, std::string_view v) {
    out->emplace_back(v);
    return true;
  });
}

// Writes `m` back, or removes the key when the list became empty.
Status Save(KvTxn& t, int db, std::string_view key, const KeyState& before, const Metadata& m) {
  if (m.size == 0) return t.Remove(db, key, before);
  return t.Store(db, key, before, m);
}

Result<uint64_t> PushTo(KvTxn& t, int db, std::string_view key, const KeyState& st, bool left,
                        const std::vector<std::string_view>& elements) {
  Metadata m = st.live ? st.meta : t.NewCollection(Type::kList);
  for (std::string_view e : elements) {
    uint64_t index = left ? --m.list_head : m.list_tail++;
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, IndexKey(index), e));
  }
  m.size = m.list_tail - m.list_head;
  TETRADB_RETURN_IF_ERROR(Save(t, db, key, st, m));
  return m.size;
}

// Pops of up to this many elements read them one by one.
constexpr uint64_t kPointReadMax = 16;

// Pops up to `count` elements from a live list `st`.
Status PopFrom(KvTxn& t, int db, std::string_view key, const KeyState& st, bool left, size_t count,
               std::vector<std::string>* out) {
  Metadata m = st.meta;
  uint64_t k = std::min<uint64_t>(count, m.size);
  if (k == 0) return Status::Ok();
  uint64_t from = left ? m.list_head : m.list_tail - k;
  uint64_t to = left ? m.list_head + k : m.list_tail;
  if (k <= kPointReadMax) {
    // A few elements: point reads. A queue's head sits just past the
    // tombstones of earlier pops, which a range scan would have to skip.
    out->reserve(out->size() + k);
    for (uint64_t j = 0; j < k; ++j) {
      uint64_t index = left ? from + j : to - 1 - j;
      std::string v;
      Status s = t.GetMember(db, key, m, IndexKey(index), &v);
      if (s.IsNotFound()) return Status::Corruption("list element missing");
      TETRADB_RETURN_IF_ERROR(s);
      out->push_back(std::move(v));
    }
  } else {
    TETRADB_RETURN_IF_ERROR(ReadSpan(t, db, key, m, from, to, !left, out));
  }
  if (k == m.size) {
    // The members die with the key's version: no need to delete them.
    return t.Remove(db, key, st);
  }
  for (uint64_t i = from; i < to; ++i) {
    TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, key, m, IndexKey(i)));
  }
  if (left) {
    m.list_head += k;
  } else {
    m.list_tail -= k;
  }
  m.size -= k;
  return t.Store(db, key, st, m);
}

}  // namespace

Result<uint64_t> ListPush(KvTxn& t, int db, std::string_view key, bool left,
                          const std::vector<std::string_view>& elements, bool only_if_exists) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live && only_if_exists) return uint64_t{0};
  return PushTo(t, db, key, *st, left, elements);
}

Result<std::vector<std::string>> ListPop(KvTxn& t, int db, std::string_view key, bool left,
                                         size_t count) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  std::vector<std::string> out;
  if (st->live) TETRADB_RETURN_IF_ERROR(PopFrom(t, db, key, *st, left, count, &out));
  return out;
}

Result<std::optional<ListPopped>> ListMultiPop(KvTxn& t, int db,
                                               const std::vector<std::string_view>& keys, bool left,
                                               size_t count) {
  for (std::string_view key : keys) {
    Result<KeyState> st = t.LoadAs(db, key, Type::kList);
    if (!st.ok()) return st.status();
    if (!st->live) continue;
    ListPopped popped;
    popped.key = std::string(key);
    TETRADB_RETURN_IF_ERROR(PopFrom(t, db, key, *st, left, count, &popped.elements));
    return std::optional<ListPopped>(std::move(popped));
  }
  return std::optional<ListPopped>();
}

Result<std::optional<std::string>> ListMove(KvTxn& t, int db, std::string_view src,
                                            std::string_view dst, bool from_left, bool to_left) {
  Result<KeyState> s = t.LoadAs(db, src, Type::kList);
  if (!s.ok()) return s.status();
  if (!s->live) return std::optional<std::string>();
  if (src == dst) {
    // Rotation: take the element off one end and put it on the other. With
    // one element, or the same end, the list does not change.
    Metadata m = s->meta;
    uint64_t from_index = from_left ? m.list_head : m.list_tail - 1;
    std::string value;
    TETRADB_RETURN_IF_ERROR(t.GetMember(db, src, m, IndexKey(from_index), &value));
    if (m.size > 1 && from_left != to_left) {
      TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, src, m, IndexKey(from_index)));
      if (from_left) {
        ++m.list_head;
        TETRADB_RETURN_IF_ERROR(t.PutMember(db, src, m, IndexKey(m.list_tail++), value));
      } else {
        --m.list_tail;
        TETRADB_RETURN_IF_ERROR(t.PutMember(db, src, m, IndexKey(--m.list_head), value));
      }
    }
    TETRADB_RETURN_IF_ERROR(t.Store(db, src, *s, m));
    return std::optional<std::string>(std::move(value));
  }
  Result<KeyState> d = t.LoadAs(db, dst, Type::kList);
  if (!d.ok()) return d.status();
  std::vector<std::string> popped;
  TETRADB_RETURN_IF_ERROR(PopFrom(t, db, src, *s, from_left, 1, &popped));
  if (popped.empty()) return Status::Corruption("list element missing");
  Result<uint64_t> pushed = PushTo(t, db, dst, *d, to_left, {popped.front()});
  if (!pushed.ok()) return pushed.status();
  return std::optional<std::string>(std::move(popped.front()));
}

Result<uint64_t> ListLength(KvTxn& t, int db, std::string_view key) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList, /*lock=*/false);
  if (!st.ok()) return st.status();
  return st->live ? st->meta.size : uint64_t{0};
}

Result<std::vector<std::string>> ListRange(KvTxn& t, int db, std::string_view key, int64_t start,
                                           int64_t stop) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList, /*lock=*/false);
  if (!st.ok()) return st.status();
  std::vector<std::string> out;
  if (!st->live) return out;
  const Metadata& m = st->meta;
  if (!ClampRange(static_cast<int64_t>(m.size), &start, &stop)) return out;
  TETRADB_RETURN_IF_ERROR(ReadSpan(t, db, key, m, m.list_head + start, m.list_head + stop + 1,
                                   /*reverse=*/false, &out));
  return out;
}

Status ListIndex(KvTxn& t, int db, std::string_view key, int64_t index, std::string* value) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList, /*lock=*/false);
  if (!st.ok()) return st.status();
  uint64_t offset;
  if (!st->live || !ResolveIndex(st->meta.size, index, &offset)) return Status::NotFound();
  return t.GetMember(db, key, st->meta, IndexKey(st->meta.list_head + offset), value);
}

Status ListSet(KvTxn& t, int db, std::string_view key, int64_t index, std::string_view value) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live) return Status::InvalidArgument("ERR no such key");
  uint64_t offset;
  if (!ResolveIndex(st->meta.size, index, &offset)) {
    return Status::InvalidArgument("ERR index out of range");
  }
  TETRADB_RETURN_IF_ERROR(
      t.PutMember(db, key, st->meta, IndexKey(st->meta.list_head + offset), value));
  return t.Store(db, key, *st, st->meta);
}

Result<int64_t> ListInsert(KvTxn& t, int db, std::string_view key, bool after,
                           std::string_view pivot, std::string_view element) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live) return int64_t{0};
  Metadata m = st->meta;
  std::optional<uint64_t> found;
  TETRADB_RETURN_IF_ERROR(
      Scan(t, db, key, m, m.list_head, m.list_tail, false, [&](uint64_t index, std::string_view v) {
        if (v != pivot) return true;
        found = index;
        return false;
      }));
  if (!found) return int64_t{-1};
  // The new element takes absolute slot `at`; shift whichever side is
  // shorter by one to make room.
  uint64_t at = *found + (after ? 1 : 0);
  std::vector<std::string> moved;
  if (at - m.list_head <= m.list_tail - at) {
    TETRADB_RETURN_IF_ERROR(ReadSpan(t, db, key, m, m.list_head, at, false, &moved));
    for (size_t i = 0; i < moved.size(); ++i) {
      TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, IndexKey(m.list_head - 1 + i), moved[i]));
    }
    --m.list_head;
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, IndexKey(at - 1), element));
  } else {
    TETRADB_RETURN_IF_ERROR(ReadSpan(t, db, key, m, at, m.list_tail, false, &moved));
    for (size_t i = 0; i < moved.size(); ++i) {
      TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, IndexKey(at + 1 + i), moved[i]));
    }
    ++m.list_tail;
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, IndexKey(at), element));
  }
  m.size = m.list_tail - m.list_head;
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  return static_cast<int64_t>(m.size);
}

Result<uint64_t> ListRemove(KvTxn& t, int db, std::string_view key, int64_t count,
                            std::string_view element) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live) return uint64_t{0};
  Metadata m = st->meta;
  bool from_tail = count < 0;
  // |count| without overflow for INT64_MIN; 0 means no limit.
  uint64_t limit =
      from_tail ? static_cast<uint64_t>(-(count + 1)) + 1 : static_cast<uint64_t>(count);
  std::vector<uint64_t> hits;  // absolute indexes
  TETRADB_RETURN_IF_ERROR(Scan(t, db, key, m, m.list_head, m.list_tail, from_tail,
                               [&](uint64_t index, std::string_view v) {
                                 if (v == element) hits.push_back(index);
                                 return limit == 0 || hits.size() < limit;
                               }));
  if (hits.empty()) return uint64_t{0};
  std::sort(hits.begin(), hits.end());
  uint64_t k = hits.size();
  if (k == m.size) {
    TETRADB_RETURN_IF_ERROR(t.Remove(db, key, *st));
    return k;
  }
  // Close the gaps by moving the shorter side: either everything from the
  // head up to the last hit moves towards the tail, or everything from the
  // first hit to the tail moves towards the head.
  bool move_head_side = hits.back() + 1 - m.list_head <= m.list_tail - hits.front();
  uint64_t from = move_head_side ? m.list_head : hits.front();
  uint64_t to = move_head_side ? hits.back() + 1 : m.list_tail;
  std::vector<std::string> span;
  TETRADB_RETURN_IF_ERROR(ReadSpan(t, db, key, m, from, to, false, &span));
  std::vector<std::string> kept;
  kept.reserve(span.size() - k);
  size_t h = 0;
  for (uint64_t i = 0; i < span.size(); ++i) {
    if (h < hits.size() && hits[h] == from + i) {
      ++h;
    } else {
      kept.push_back(std::move(span[i]));
    }
  }
  uint64_t write_at = move_head_side ? m.list_head + k : from;
  for (size_t i = 0; i < kept.size(); ++i) {
    TETRADB_RETURN_IF_ERROR(t.PutMember(db, key, m, IndexKey(write_at + i), kept[i]));
  }
  uint64_t drop_from = move_head_side ? m.list_head : m.list_tail - k;
  for (uint64_t i = drop_from; i < drop_from + k; ++i) {
    TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, key, m, IndexKey(i)));
  }
  if (move_head_side) {
    m.list_head += k;
  } else {
    m.list_tail -= k;
  }
  m.size -= k;
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  return k;
}

Status ListTrim(KvTxn& t, int db, std::string_view key, int64_t start, int64_t stop) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live) return Status::Ok();
  Metadata m = st->meta;
  if (!ClampRange(static_cast<int64_t>(m.size), &start, &stop)) return t.Remove(db, key, *st);
  uint64_t new_head = m.list_head + start;
  uint64_t new_tail = m.list_head + stop + 1;
  for (uint64_t i = m.list_head; i < new_head; ++i) {
    TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, key, m, IndexKey(i)));
  }
  for (uint64_t i = new_tail; i < m.list_tail; ++i) {
    TETRADB_RETURN_IF_ERROR(t.DeleteMember(db, key, m, IndexKey(i)));
  }
  m.list_head = new_head;
  m.list_tail = new_tail;
  m.size = new_tail - new_head;
  return t.Store(db, key, *st, m);
}

Result<std::vector<int64_t>> ListPos(KvTxn& t, int db, std::string_view key,
                                     std::string_view element, int64_t rank, uint64_t count,
                                     uint64_t maxlen) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList, /*lock=*/false);
  if (!st.ok()) return st.status();
  std::vector<int64_t> out;
  if (!st->live || rank == 0) return out;
  const Metadata& m = st->meta;
  bool from_tail = rank < 0;
  uint64_t skip =
      (from_tail ? static_cast<uint64_t>(-(rank + 1)) + 1 : static_cast<uint64_t>(rank)) - 1;
  uint64_t scanned = 0, matches = 0;
  TETRADB_RETURN_IF_ERROR(Scan(t, db, key, m, m.list_head, m.list_tail, from_tail,
                               [&](uint64_t index, std::string_view v) {
                                 if (maxlen != 0 && scanned >= maxlen) return false;
                                 ++scanned;
                                 if (v != element || matches++ < skip) return true;
                                 out.push_back(static_cast<int64_t>(index - m.list_head));
                                 return count == 0 || out.size() < count;
                               }));
  return out;
}

}  // namespace tetradb::kv
