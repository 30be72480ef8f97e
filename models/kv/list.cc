#include "models/kv/list.h"

#include <algorithm>

#include "models/kv/list_store.h"

namespace tetradb::kv {
namespace {

using list_store::ListRef;

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

// |n| for a Redis count, without overflow for INT64_MIN.
uint64_t Magnitude(int64_t n) {
  return n < 0 ? static_cast<uint64_t>(-(n + 1)) + 1 : static_cast<uint64_t>(n);
}

Status ReadAll(KvTxn& t, int db, std::string_view key, Metadata& m, uint64_t from, uint64_t to,
               bool reverse, std::vector<std::string>* out) {
  out->reserve(out->size() + (to > from ? to - from : 0));
  return list_store::VisitElements(ListRef{t, db, key, m}, from, to, reverse,
                                   [&](uint64_t, std::string_view v) {
                                     out->emplace_back(v);
                                     return true;
                                   });
}

Result<uint64_t> PushTo(KvTxn& t, int db, std::string_view key, const KeyState& st, bool left,
                        const std::vector<std::string_view>& elements) {
  Metadata m = st.live ? st.meta : list_store::NewList(t);
  ListRef r{t, db, key, m};
  TETRADB_RETURN_IF_ERROR(list_store::Convert(r));
  TETRADB_RETURN_IF_ERROR(list_store::Push(r, left, elements));
  if (m.size == 0) {  // nothing pushed onto a missing list
    TETRADB_RETURN_IF_ERROR(t.Remove(db, key, st));
    return uint64_t{0};
  }
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, st, m));
  return m.size;
}

// Pops up to `count` elements from a live list `st`.
Status PopFrom(KvTxn& t, int db, std::string_view key, const KeyState& st, bool left, size_t count,
               std::vector<std::string>* out) {
  Metadata m = st.meta;
  uint64_t k = std::min<uint64_t>(count, m.size);
  if (k == 0) return Status::Ok();
  if (k == m.size) {
    // Everything: the members die with the key's version, either layout.
    TETRADB_RETURN_IF_ERROR(ReadAll(t, db, key, m, m.list_head, m.list_tail, !left, out));
    return t.Remove(db, key, st);
  }
  ListRef r{t, db, key, m};
  TETRADB_RETURN_IF_ERROR(list_store::Convert(r));
  TETRADB_RETURN_IF_ERROR(list_store::Pop(r, left, k, out));
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
    ListRef r{t, db, src, m};
    std::string value;
    if (m.size > 1 && from_left != to_left) {
      TETRADB_RETURN_IF_ERROR(list_store::Convert(r));
      std::vector<std::string> popped;
      TETRADB_RETURN_IF_ERROR(list_store::Pop(r, from_left, 1, &popped));
      value = std::move(popped.front());
      TETRADB_RETURN_IF_ERROR(list_store::Push(r, to_left, {value}));
    } else {
      TETRADB_RETURN_IF_ERROR(
          list_store::ReadElement(r, from_left ? m.list_head : m.list_tail - 1, &value));
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

namespace {

// LRANGE's range as absolute indexes [*from, *to) of a live list `st`;
// false if the key is missing or the range empty.
Result<bool> RangeOf(KvTxn& t, int db, std::string_view key, int64_t start, int64_t stop,
                     KeyState* st, uint64_t* from, uint64_t* to) {
  Result<KeyState> s = t.LoadAs(db, key, Type::kList, /*lock=*/false);
  if (!s.ok()) return s.status();
  *st = std::move(s).value();
  if (!st->live || !ClampRange(static_cast<int64_t>(st->meta.size), &start, &stop)) return false;
  *from = st->meta.list_head + start;
  *to = st->meta.list_head + stop + 1;
  return true;
}

}  // namespace

Result<std::vector<std::string>> ListRange(KvTxn& t, int db, std::string_view key, int64_t start,
                                           int64_t stop) {
  KeyState st;
  uint64_t from = 0, to = 0;
  Result<bool> any = RangeOf(t, db, key, start, stop, &st, &from, &to);
  if (!any.ok()) return any.status();
  std::vector<std::string> out;
  if (*any) TETRADB_RETURN_IF_ERROR(ReadAll(t, db, key, st.meta, from, to, false, &out));
  return out;
}

Status ListRange(KvTxn& t, int db, std::string_view key, int64_t start, int64_t stop,
                 const std::function<void(uint64_t count)>& count,
                 const std::function<void(std::string_view element)>& visit) {
  KeyState st;
  uint64_t from = 0, to = 0;
  Result<bool> any = RangeOf(t, db, key, start, stop, &st, &from, &to);
  if (!any.ok()) return any.status();
  count(*any ? to - from : 0);
  if (!*any) return Status::Ok();
  return list_store::VisitElements(ListRef{t, db, key, st.meta}, from, to, false,
                                   [&](uint64_t, std::string_view v) {
                                     visit(v);
                                     return true;
                                   });
}

Status ListIndex(KvTxn& t, int db, std::string_view key, int64_t index, std::string* value) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList, /*lock=*/false);
  if (!st.ok()) return st.status();
  uint64_t offset;
  if (!st->live || !ResolveIndex(st->meta.size, index, &offset)) return Status::NotFound();
  return list_store::ReadElement(ListRef{t, db, key, st->meta}, st->meta.list_head + offset,
                                 value);
}

Status ListSet(KvTxn& t, int db, std::string_view key, int64_t index, std::string_view value) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live) return Status::InvalidArgument("ERR no such key");
  uint64_t offset;
  if (!ResolveIndex(st->meta.size, index, &offset)) {
    return Status::InvalidArgument("ERR index out of range");
  }
  Metadata m = st->meta;
  ListRef r{t, db, key, m};
  TETRADB_RETURN_IF_ERROR(list_store::Convert(r));
  TETRADB_RETURN_IF_ERROR(list_store::Set(r, m.list_head + offset, value));
  return t.Store(db, key, *st, m);
}

Result<int64_t> ListInsert(KvTxn& t, int db, std::string_view key, bool after,
                           std::string_view pivot, std::string_view element) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live) return int64_t{0};
  Metadata m = st->meta;
  ListRef r{t, db, key, m};
  std::optional<uint64_t> found;
  TETRADB_RETURN_IF_ERROR(list_store::VisitElements(
      r, m.list_head, m.list_tail, false, [&](uint64_t index, std::string_view v) {
        if (v != pivot) return true;
        found = index;
        return false;
      }));
  if (!found) return int64_t{-1};
  // Converting keeps every element's absolute index.
  TETRADB_RETURN_IF_ERROR(list_store::Convert(r));
  // The new element goes before the one now at absolute slot `at`; the
  // shorter side of the list moves by one.
  uint64_t at = *found + (after ? 1 : 0);
  if (at == m.list_head || at == m.list_tail) {
    TETRADB_RETURN_IF_ERROR(list_store::Push(r, at == m.list_head, {element}));
  } else if (at - m.list_head <= m.list_tail - at) {
    TETRADB_RETURN_IF_ERROR(list_store::RewriteHeadSide(
        r, at - 1, [&](uint64_t first, std::vector<std::string_view>* e) {
          e->insert(e->begin() + static_cast<ptrdiff_t>(at - first), element);
        }));
  } else {
    TETRADB_RETURN_IF_ERROR(
        list_store::RewriteTailSide(r, at, [&](uint64_t first, std::vector<std::string_view>* e) {
          e->insert(e->begin() + static_cast<ptrdiff_t>(at - first), element);
        }));
  }
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  return static_cast<int64_t>(m.size);
}

Result<uint64_t> ListRemove(KvTxn& t, int db, std::string_view key, int64_t count,
                            std::string_view element) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live) return uint64_t{0};
  Metadata m = st->meta;
  ListRef r{t, db, key, m};
  bool from_tail = count < 0;
  uint64_t limit = Magnitude(count);  // 0: no limit
  std::vector<uint64_t> hits;  // absolute indexes
  TETRADB_RETURN_IF_ERROR(list_store::VisitElements(r, m.list_head, m.list_tail, from_tail,
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
  TETRADB_RETURN_IF_ERROR(list_store::Convert(r));
  // Drops the hits from a span starting at absolute index `first`.
  auto drop = [&](uint64_t first, std::vector<std::string_view>* e) {
    std::vector<std::string_view> kept;
    kept.reserve(e->size());
    size_t h = 0;
    for (uint64_t i = 0; i < e->size(); ++i) {
      while (h < hits.size() && hits[h] < first + i) ++h;
      if (h < hits.size() && hits[h] == first + i) continue;
      kept.push_back((*e)[i]);
    }
    *e = std::move(kept);
  };
  // Rewrite the shorter side: from the head through the last hit, or from
  // the first hit through the tail.
  if (hits.back() + 1 - m.list_head <= m.list_tail - hits.front()) {
    TETRADB_RETURN_IF_ERROR(list_store::RewriteHeadSide(r, hits.back(), drop));
  } else {
    TETRADB_RETURN_IF_ERROR(list_store::RewriteTailSide(r, hits.front(), drop));
  }
  TETRADB_RETURN_IF_ERROR(t.Store(db, key, *st, m));
  return k;
}

Status ListTrim(KvTxn& t, int db, std::string_view key, int64_t start, int64_t stop) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList);
  if (!st.ok()) return st.status();
  if (!st->live) return Status::Ok();
  Metadata m = st->meta;
  if (!ClampRange(static_cast<int64_t>(m.size), &start, &stop)) return t.Remove(db, key, *st);
  ListRef r{t, db, key, m};
  uint64_t new_head = m.list_head + start;
  uint64_t new_tail = m.list_head + stop + 1;
  uint64_t kept = new_tail - new_head, removed = m.size - kept;
  if (removed == 0) {
    // Nothing to cut (the key is still reported modified, as Redis does).
  } else if (!m.list_chunked() || kept * 8 < removed) {
    // Few survivors (or the old layout): copy them under a new version and
    // let the rest become garbage, rather than deleting it chunk by chunk.
    std::vector<std::string> owned;
    TETRADB_RETURN_IF_ERROR(ReadAll(t, db, key, m, new_head, new_tail, false, &owned));
    std::vector<std::string_view> views(owned.begin(), owned.end());
    TETRADB_RETURN_IF_ERROR(list_store::Rebuild(r, new_head, views));
  } else {
    TETRADB_RETURN_IF_ERROR(list_store::Retain(r, new_head, new_tail));
  }
  return t.Store(db, key, *st, m);
}

Result<std::vector<int64_t>> ListPos(KvTxn& t, int db, std::string_view key,
                                     std::string_view element, int64_t rank, uint64_t count,
                                     uint64_t maxlen) {
  Result<KeyState> st = t.LoadAs(db, key, Type::kList, /*lock=*/false);
  if (!st.ok()) return st.status();
  std::vector<int64_t> out;
  if (!st->live || rank == 0) return out;
  Metadata& m = st->meta;
  bool from_tail = rank < 0;
  uint64_t skip = Magnitude(rank) - 1;
  uint64_t scanned = 0, matches = 0;
  TETRADB_RETURN_IF_ERROR(list_store::VisitElements(
      ListRef{t, db, key, m}, m.list_head, m.list_tail, from_tail,
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
