#include "models/kv/list_store.h"

#include <algorithm>

#include "models/kv/list_chunk.h"

namespace tetradb::kv::list_store {
namespace {

std::string SubKey(uint64_t index) {
  std::string s;
  PutBE64(&s, index);
  return s;
}

uint64_t KeyOf(std::string_view member_key) {
  return GetBE64(member_key.data() + member_key.size() - 8);
}

// One chunk read into memory.
struct Chunk {
  uint64_t key = 0;
  uint64_t first = 0;
  std::string value;
  ChunkHeader h;
  uint64_t end() const { return first + h.count; }
};

Status SetValue(Chunk* c, std::string value) {
  c->value = std::move(value);
  TETRADB_RETURN_IF_ERROR(ParseChunkHeader(c->value, &c->h));
  c->first = c->key + c->h.delta;
  return Status::Ok();
}

Status ReadChunk(ListRef r, uint64_t key, Chunk* c) {
  c->key = key;
  std::string value;
  Status s = r.t.GetMember(r.db, r.key, r.m, SubKey(key), &value);
  if (s.IsNotFound()) return Status::Corruption("list chunk missing");
  TETRADB_RETURN_IF_ERROR(s);
  return SetValue(c, std::move(value));
}

Status PutChunk(ListRef r, uint64_t key, std::string_view value) {
  return r.t.PutMember(r.db, r.key, r.m, SubKey(key), value);
}

// As PutChunk, handing the value over (a chunk rebuilt for the write).
Status PutChunkOwned(ListRef r, uint64_t key, std::string value) {
  return r.t.PutMemberOwned(r.db, r.key, r.m, SubKey(key), std::move(value));
}

Status DeleteChunk(ListRef r, uint64_t key) {
  return r.t.DeleteMember(r.db, r.key, r.m, SubKey(key));
}

// One list's member records keyed be64(lo) .. be64(hi), hi included, with
// the transaction's own writes. The cursor checks the range itself: a
// transaction's iterator (RocksDB 7.8) also shows the transaction's pending
// writes past the range's bounds (other keys' records), and its SeekToLast
// can come back invalid when such writes exist; so it seeks with
// SeekForPrev and stops at the first key outside [lo, hi].
class Cursor {
 public:
  Cursor(ListRef r, uint64_t lo, uint64_t hi)
      : lower_(MemberPrefix(r.db, r.key, r.m.version)), upper_(lower_) {
    PutBE64(&lower_, lo);
    PutBE64(&upper_, hi);
    it_ = r.t.MemberRange(Cf::kKvMembers, KeyRange{lower_, upper_ + std::string(1, '\0')});
  }
  void First() { it_->Seek(lower_); }
  void Last() { it_->SeekForPrev(upper_); }
  // The last record keyed <= be64(sub) (sub <= hi).
  void AtOrBefore(uint64_t sub) {
    std::string target(lower_, 0, lower_.size() - 8);
    PutBE64(&target, sub);
    it_->SeekForPrev(target);
  }
  void Next() { it_->Next(); }
  void Prev() { it_->Prev(); }
  bool Valid() const {
    if (!it_->Valid()) return false;
    std::string_view k = it_->key();
    return k.size() == lower_.size() && k >= lower_ && k <= upper_;
  }
  uint64_t sub() const { return KeyOf(it_->key()); }
  std::string_view value() const { return it_->value(); }
  Status status() const { return it_->status(); }

 private:
  std::string lower_, upper_;
  std::unique_ptr<Iterator> it_;
};

// The chunk holding absolute index `index` (inside the list): a point read
// when it is the tail chunk (`use_tail`: the metadata's tail chunk key is
// current) or the head chunk, else one SeekForPrev.
Status Locate(ListRef r, uint64_t index, bool use_tail, Chunk* c) {
  const Metadata& m = r.m;
  bool found = false;
  if (use_tail && index >= m.list_tail_chunk) {
    TETRADB_RETURN_IF_ERROR(ReadChunk(r, m.list_tail_chunk, c));
    found = true;
  } else if (index - m.list_head < kListChunkMaxElements) {
    // The head chunk holds at most that many.
    TETRADB_RETURN_IF_ERROR(ReadChunk(r, m.list_head_chunk, c));
    found = index < c->end();
  }
  if (!found) {
    Cursor it(r, m.list_head_chunk, index);
    it.Last();
    if (!it.Valid()) {
      TETRADB_RETURN_IF_ERROR(it.status());
      return Status::Corruption("list chunk missing");
    }
    c->key = it.sub();
    TETRADB_RETURN_IF_ERROR(SetValue(c, std::string(it.value())));
  }
  if (index < c->first || index >= c->end()) return Status::Corruption("list chunk missing");
  return Status::Ok();
}

// Visits the chunks holding absolute indexes [from, to) in order (or
// reversed), checking that they tile the range. The chunk at the end the
// walk starts from is read by key (the metadata names the head and tail
// chunks, and every chunk but the head one is keyed at its first index, so
// a forward walk knows each next key too): a short LRANGE from either end
// costs a point read or two, not an iterator and a backward seek. Longer
// walks go on with one iterator.
using ChunkVisitor = std::function<bool(uint64_t key, uint64_t first, std::string_view value,
                                        const ChunkHeader& h)>;
constexpr int kPointReadChunks = 2;

Status VisitChunks(ListRef r, uint64_t from, uint64_t to, bool reverse,
                   const ChunkVisitor& visit) {
  if (from >= to) return Status::Ok();
  const Metadata& m = r.m;
  bool continued = false;  // the iterator starts exactly at a chunk boundary
  if (!reverse && from - m.list_head < kListChunkMaxElements) {
    uint64_t key = m.list_head_chunk;
    for (int n = 0; n < kPointReadChunks; ++n) {
      Chunk c;
      TETRADB_RETURN_IF_ERROR(ReadChunk(r, key, &c));
      if (n == 0 && from >= c.end()) break;  // not in the head chunk after all
      if (n == 0 ? from < c.first : c.first != key) return Status::Corruption("list chunk missing");
      if (!visit(c.key, c.first, c.value, c.h)) return Status::Ok();
      if (c.end() >= to) return Status::Ok();
      from = key = c.end();
      continued = true;
    }
  } else if (reverse && to - 1 >= m.list_tail_chunk) {
    Chunk c;
    TETRADB_RETURN_IF_ERROR(ReadChunk(r, m.list_tail_chunk, &c));
    if (to <= c.first || to > c.end()) return Status::Corruption("list chunk missing");
    if (!visit(c.key, c.first, c.value, c.h)) return Status::Ok();
    if (c.first <= from) return Status::Ok();
    to = c.first;
    continued = true;
  }
  Cursor it(r, continued && !reverse ? from : m.list_head_chunk, to - 1);
  if (reverse) {
    it.Last();
  } else if (continued) {
    it.First();
  } else {
    it.AtOrBefore(from);
  }
  bool first_chunk = true;
  uint64_t expect = 0;  // where the next chunk must end (reverse) or start
  for (; it.Valid(); reverse ? it.Prev() : it.Next()) {
    ChunkHeader h;
    TETRADB_RETURN_IF_ERROR(ParseChunkHeader(it.value(), &h));
    uint64_t key = it.sub();
    uint64_t first = key + h.delta, end = first + h.count;
    bool fits = reverse ? (first_chunk ? first < to && to <= end : end == expect)
                        : (first_chunk ? first <= from && from < end : first == expect);
    if (!fits) return Status::Corruption("list chunk missing");
    first_chunk = false;
    expect = reverse ? first : end;
    if (!visit(key, first, it.value(), h)) return Status::Ok();
    if (reverse ? first <= from : end >= to) return Status::Ok();
  }
  TETRADB_RETURN_IF_ERROR(it.status());
  return Status::Corruption("list chunk missing");
}

// Deletes the chunks keyed [lo, hi].
Status DeleteChunks(ListRef r, uint64_t lo, uint64_t hi) {
  std::vector<uint64_t> keys;
  {
    Cursor it(r, lo, hi);
    for (it.First(); it.Valid(); it.Next()) keys.push_back(it.sub());
    TETRADB_RETURN_IF_ERROR(it.status());
  }
  for (uint64_t k : keys) TETRADB_RETURN_IF_ERROR(DeleteChunk(r, k));
  return Status::Ok();
}

// The per-element layout: element at absolute index i is the record with
// sub-key be64(i). One bounded scan.
Status LegacyScan(ListRef r, uint64_t from, uint64_t to, bool reverse,
                  const ElementVisitor& visit) {
  if (from >= to) return Status::Ok();
  Cursor it(r, from, to - 1);
  uint64_t expect = reverse ? to - 1 : from;
  uint64_t seen = 0;
  if (reverse) {
    it.Last();
  } else {
    it.First();
  }
  for (; it.Valid(); reverse ? it.Prev() : it.Next()) {
    uint64_t index = it.sub();
    if (index != expect) return Status::Corruption("list element missing");
    ++seen;
    if (!visit(index, it.value())) return Status::Ok();
    expect = reverse ? expect - 1 : expect + 1;
  }
  TETRADB_RETURN_IF_ERROR(it.status());
  if (seen != to - from) return Status::Corruption("list element missing");
  return Status::Ok();
}

// Where a new chunk for `element` at `index` is keyed: below the index, so
// left pushes fill it without re-keying, unless the element nearly fills a
// chunk alone (then it would only have to be re-keyed, large, later).
uint64_t NewChunkKey(uint64_t index, std::string_view element) {
  uint64_t room = ChunkElementSize(element) * 2 <= kListChunkMaxBytes ? kListChunkMaxElements - 1 : 0;
  return index >= room ? index - room : 0;
}

void CountFrom(Metadata& m) { m.size = m.list_tail - m.list_head; }

}  // namespace

Metadata NewList(KvTxn& t) {
  Metadata m = t.NewCollection(Type::kList);
  m.flags |= kMetaListChunked;
  return m;
}

Status VisitElements(ListRef r, uint64_t from, uint64_t to, bool reverse,
                     const ElementVisitor& visit) {
  if (!r.m.list_chunked()) return LegacyScan(r, from, to, reverse, visit);
  std::vector<std::string_view> elements;
  Status inner;
  TETRADB_RETURN_IF_ERROR(VisitChunks(
      r, from, to, reverse,
      [&](uint64_t, uint64_t first, std::string_view value, const ChunkHeader& h) {
        const uint64_t lo = std::max(first, from), hi = std::min(first + h.count, to);
        if (!reverse) {
          // Forward: read the body only as far as the range goes. Every
          // element read is checked against the value's end; the bytes past
          // the range are not (a damaged tail shows when it is read).
          ChunkReader reader(value, h);
          std::string_view element;
          for (uint64_t i = first; i < hi; ++i) {
            inner = reader.Next(&element);
            if (!inner.ok()) return false;
            if (i >= lo && !visit(i, element)) return false;
          }
          return true;
        }
        ChunkHeader whole;
        inner = DecodeChunk(value, &whole, &elements);
        if (!inner.ok()) return false;
        for (uint64_t i = hi; i-- > lo;) {
          if (!visit(i, elements[i - first])) return false;
        }
        return true;
      }));
  return inner;
}

Status ReadElement(ListRef r, uint64_t index, std::string* value) {
  if (!r.m.list_chunked()) {
    Status s = r.t.GetMember(r.db, r.key, r.m, SubKey(index), value);
    return s.IsNotFound() ? Status::Corruption("list element missing") : s;
  }
  Chunk c;
  TETRADB_RETURN_IF_ERROR(Locate(r, index, /*use_tail=*/true, &c));
  std::vector<std::string_view> elements;
  TETRADB_RETURN_IF_ERROR(DecodeChunk(c.value, &c.h, &elements));
  value->assign(elements[index - c.first]);
  return Status::Ok();
}

Status Rebuild(ListRef r, uint64_t first, const std::vector<std::string_view>& elements) {
  Metadata& m = r.m;
  m.version = r.t.store().NextVersion();
  m.flags |= kMetaListChunked;
  std::vector<PackedChunk> packed = PackChunks(first, first, elements);
  for (const PackedChunk& p : packed) TETRADB_RETURN_IF_ERROR(PutChunk(r, p.key, p.value));
  m.list_head = first;
  m.list_tail = first + elements.size();
  m.list_head_chunk = first;
  m.list_tail_chunk = packed.back().key;
  CountFrom(m);
  return Status::Ok();
}

Status Convert(ListRef r) {
  if (r.m.list_chunked()) return Status::Ok();
  std::vector<std::string> owned;
  owned.reserve(r.m.size);
  TETRADB_RETURN_IF_ERROR(
      LegacyScan(r, r.m.list_head, r.m.list_tail, false, [&](uint64_t, std::string_view v) {
        owned.emplace_back(v);
        return true;
      }));
  std::vector<std::string_view> views(owned.begin(), owned.end());
  return Rebuild(r, r.m.list_head, views);
}

Status Push(ListRef r, bool left, const std::vector<std::string_view>& elements) {
  Metadata& m = r.m;
  // The end chunk being filled, changed in place in the transaction's
  // pending records (KvTxn::FindMember): a push edits one buffer instead of
  // copying the chunk out and back. v: null when it must be looked up again.
  KvTxn::MemberHandle chunk;
  const std::string* v = nullptr;
  uint64_t key = 0;
  ChunkHeader h;
  std::string header;
  for (std::string_view e : elements) {
    uint64_t index = left ? m.list_head - 1 : m.list_tail;
    if (m.size > 0 && v == nullptr) {
      key = left ? m.list_head_chunk : m.list_tail_chunk;
      Status s = r.t.FindMember(r.db, r.key, m, SubKey(key), &chunk);
      if (s.IsNotFound()) return Status::Corruption("list chunk missing");
      TETRADB_RETURN_IF_ERROR(s);
      v = &chunk.value();
      TETRADB_RETURN_IF_ERROR(ParseChunkHeader(*v, &h));
    }
    if (m.size == 0) {
      key = NewChunkKey(index, e);
      TETRADB_RETURN_IF_ERROR(PutChunkOwned(r, key, EncodeChunk(index - key, &e, 1)));
      m.list_head_chunk = m.list_tail_chunk = key;
      v = nullptr;
    } else if (ChunkFits(h.count, v->size() - h.body, e) && (!left || index >= key)) {
      header.clear();
      AppendChunkHeader(&header, left ? h.delta - 1 : h.delta, h.count + 1);
      std::string* edit = chunk.Edit();
      if (left) {
        const size_t old_body = h.body;
        h.body = header.size();
        AppendChunkElement(&header, e);
        edit->replace(0, old_body, header);
      } else {
        AppendChunkElement(edit, e);
        edit->replace(0, h.body, header);
        h.body = header.size();
      }
      h.delta = left ? h.delta - 1 : h.delta;
      ++h.count;
    } else if (left) {
      // A chunk is put before the head chunk: that one must now be keyed
      // exactly at its first index (only the head chunk may sit lower).
      const uint64_t first = key + h.delta;
      if (key != first) {
        std::string rekeyed;
        rekeyed.reserve(v->size());
        AppendChunkHeader(&rekeyed, 0, h.count);
        rekeyed.append(*v, h.body);
        TETRADB_RETURN_IF_ERROR(DeleteChunk(r, key));
        TETRADB_RETURN_IF_ERROR(PutChunkOwned(r, first, std::move(rekeyed)));
        if (m.list_tail_chunk == key) m.list_tail_chunk = first;
      }
      key = NewChunkKey(index, e);
      TETRADB_RETURN_IF_ERROR(PutChunkOwned(r, key, EncodeChunk(index - key, &e, 1)));
      m.list_head_chunk = key;
      v = nullptr;
    } else {
      TETRADB_RETURN_IF_ERROR(PutChunkOwned(r, index, EncodeChunk(0, &e, 1)));
      m.list_tail_chunk = index;
      v = nullptr;
    }
    if (left) {
      --m.list_head;
    } else {
      ++m.list_tail;
    }
    CountFrom(m);
  }
  return Status::Ok();
}

Status Pop(ListRef r, bool left, uint64_t k, std::vector<std::string>* out) {
  Metadata& m = r.m;
  out->reserve(out->size() + k);
  Chunk c;
  TETRADB_RETURN_IF_ERROR(ReadChunk(r, left ? m.list_head_chunk : m.list_tail_chunk, &c));
  if (k > c.h.count) {
    // Across chunks: read them in one scan, then cut the list.
    uint64_t from = left ? m.list_head : m.list_tail - k;
    uint64_t to = left ? m.list_head + k : m.list_tail;
    TETRADB_RETURN_IF_ERROR(VisitElements(r, from, to, !left, [&](uint64_t, std::string_view v) {
      out->emplace_back(v);
      return true;
    }));
    return Retain(r, left ? to : m.list_head, left ? m.list_tail : from);
  }
  // Within the end chunk: the surviving elements' bytes are copied as they
  // are, not decoded and encoded again.
  uint64_t n = c.h.count;
  ChunkReader reader(c.value, c.h);
  std::string_view e;
  size_t cut = c.h.body;  // right: where the popped elements start
  if (left) {
    for (uint64_t j = 0; j < k; ++j) {
      TETRADB_RETURN_IF_ERROR(reader.Next(&e));
      out->emplace_back(e);
    }
  } else {
    for (uint64_t j = 0; j < n - k; ++j) TETRADB_RETURN_IF_ERROR(reader.Next(&e));
    cut = reader.pos();
    size_t at = out->size();
    for (uint64_t j = 0; j < k; ++j) {
      TETRADB_RETURN_IF_ERROR(reader.Next(&e));
      out->emplace_back(e);
    }
    std::reverse(out->begin() + static_cast<ptrdiff_t>(at), out->end());  // pop order
  }
  if (k == n) {
    // The end chunk is used up (it is not the only one: k < size).
    TETRADB_RETURN_IF_ERROR(DeleteChunk(r, c.key));
    if (left) {
      m.list_head += k;
      m.list_head_chunk = m.list_head;  // the next chunk, keyed at its first
      CountFrom(m);
    } else {
      m.list_tail -= k;
      CountFrom(m);
      Chunk prev;
      TETRADB_RETURN_IF_ERROR(Locate(r, m.list_tail - 1, /*use_tail=*/false, &prev));
      m.list_tail_chunk = prev.key;
    }
    return Status::Ok();
  }
  std::string v;
  v.reserve(c.value.size());
  if (left) {
    AppendChunkHeader(&v, c.h.delta + k, n - k);
    v.append(c.value, reader.pos());
  } else {
    AppendChunkHeader(&v, c.h.delta, n - k);
    v.append(c.value, c.h.body, cut - c.h.body);
  }
  TETRADB_RETURN_IF_ERROR(PutChunk(r, c.key, v));
  if (left) {
    m.list_head += k;
  } else {
    m.list_tail -= k;
  }
  CountFrom(m);
  return Status::Ok();
}

Status Set(ListRef r, uint64_t index, std::string_view value) {
  Metadata& m = r.m;
  Chunk c;
  TETRADB_RETURN_IF_ERROR(Locate(r, index, /*use_tail=*/true, &c));
  std::vector<std::string_view> elements;
  TETRADB_RETURN_IF_ERROR(DecodeChunk(c.value, &c.h, &elements));
  elements[index - c.first] = value;
  // Split if the new value overfills the chunk: the pieces cover the same
  // indexes, so no other chunk changes.
  std::vector<PackedChunk> packed = PackChunks(c.key, c.first, elements);
  for (const PackedChunk& p : packed) TETRADB_RETURN_IF_ERROR(PutChunk(r, p.key, p.value));
  if (m.list_tail_chunk == c.key) m.list_tail_chunk = packed.back().key;
  return Status::Ok();
}

Status Retain(ListRef r, uint64_t new_head, uint64_t new_tail) {
  Metadata& m = r.m;
  Chunk h, t;
  TETRADB_RETURN_IF_ERROR(Locate(r, new_head, /*use_tail=*/true, &h));
  bool same = new_tail <= h.end();
  if (!same) TETRADB_RETURN_IF_ERROR(Locate(r, new_tail - 1, /*use_tail=*/true, &t));
  uint64_t last_key = same ? h.key : t.key;
  if (h.key != m.list_head_chunk) TETRADB_RETURN_IF_ERROR(DeleteChunks(r, m.list_head_chunk, h.key - 1));
  if (last_key != m.list_tail_chunk) {
    TETRADB_RETURN_IF_ERROR(DeleteChunks(r, last_key + 1, m.list_tail_chunk));
  }
  std::vector<std::string_view> elements;
  // h keeps its key as the new head chunk (key <= first <= new_head); t is
  // keyed at its first index already.
  uint64_t h_end = same ? new_tail : h.end();
  if (new_head != h.first || h_end != h.end()) {
    TETRADB_RETURN_IF_ERROR(DecodeChunk(h.value, &h.h, &elements));
    TETRADB_RETURN_IF_ERROR(PutChunk(r, h.key,
                                     EncodeChunk(new_head - h.key, elements.data() + (new_head - h.first),
                                                 h_end - new_head)));
  }
  if (!same && new_tail != t.end()) {
    TETRADB_RETURN_IF_ERROR(DecodeChunk(t.value, &t.h, &elements));
    TETRADB_RETURN_IF_ERROR(
        PutChunk(r, t.key, EncodeChunk(t.h.delta, elements.data(), new_tail - t.first)));
  }
  m.list_head = new_head;
  m.list_tail = new_tail;
  m.list_head_chunk = h.key;
  m.list_tail_chunk = last_key;
  CountFrom(m);
  return Status::Ok();
}

namespace {

// Reads the whole chunks holding [from, to) into `raw` (owned) and their
// elements into `elements` (views into raw); returns their keys and the
// first index and key of the first one, the end of the last one.
struct Span {
  std::vector<std::string> raw;
  std::vector<uint64_t> keys;
  std::vector<std::string_view> elements;
  uint64_t first = 0, first_key = 0, end = 0;
};

Status ReadSpan(ListRef r, uint64_t from, uint64_t to, Span* s) {
  TETRADB_RETURN_IF_ERROR(VisitChunks(
      r, from, to, false,
      [&](uint64_t key, uint64_t first, std::string_view value, const ChunkHeader& h) {
        if (s->keys.empty()) {
          s->first = first;
          s->first_key = key;
        }
        s->keys.push_back(key);
        s->raw.emplace_back(value);
        s->end = first + h.count;
        return true;
      }));
  std::vector<std::string_view> part;
  for (const std::string& v : s->raw) {
    ChunkHeader h;
    TETRADB_RETURN_IF_ERROR(DecodeChunk(v, &h, &part));
    s->elements.insert(s->elements.end(), part.begin(), part.end());
  }
  return Status::Ok();
}

}  // namespace

Status RewriteHeadSide(ListRef r, uint64_t last, const SpanEdit& edit) {
  Metadata& m = r.m;
  Span s;
  TETRADB_RETURN_IF_ERROR(ReadSpan(r, m.list_head, last + 1, &s));
  edit(s.first, &s.elements);
  bool whole = s.keys.back() == m.list_tail_chunk;
  if (whole && s.elements.empty()) return Status::InvalidArgument("list rewrite empties the list");
  for (uint64_t k : s.keys) TETRADB_RETURN_IF_ERROR(DeleteChunk(r, k));
  uint64_t new_head = s.end - s.elements.size();
  if (s.elements.empty()) {
    m.list_head_chunk = s.end;  // the next chunk, keyed at its first index
  } else {
    uint64_t first_key = std::min(m.list_head_chunk, new_head);
    std::vector<PackedChunk> packed = PackChunks(first_key, new_head, s.elements);
    for (const PackedChunk& p : packed) TETRADB_RETURN_IF_ERROR(PutChunk(r, p.key, p.value));
    m.list_head_chunk = first_key;
    if (whole) m.list_tail_chunk = packed.back().key;
  }
  m.list_head = new_head;
  CountFrom(m);
  return Status::Ok();
}

Status RewriteTailSide(ListRef r, uint64_t first, const SpanEdit& edit) {
  Metadata& m = r.m;
  Span s;
  TETRADB_RETURN_IF_ERROR(ReadSpan(r, first, m.list_tail, &s));
  edit(s.first, &s.elements);
  bool whole = s.first_key == m.list_head_chunk;
  if (whole && s.elements.empty()) return Status::InvalidArgument("list rewrite empties the list");
  for (uint64_t k : s.keys) TETRADB_RETURN_IF_ERROR(DeleteChunk(r, k));
  m.list_tail = s.first + s.elements.size();
  CountFrom(m);
  if (s.elements.empty()) {
    Chunk prev;
    TETRADB_RETURN_IF_ERROR(Locate(r, m.list_tail - 1, /*use_tail=*/false, &prev));
    m.list_tail_chunk = prev.key;
  } else {
    std::vector<PackedChunk> packed = PackChunks(s.first_key, s.first, s.elements);
    for (const PackedChunk& p : packed) TETRADB_RETURN_IF_ERROR(PutChunk(r, p.key, p.value));
    m.list_tail_chunk = packed.back().key;
  }
  return Status::Ok();
}

}  // namespace tetradb::kv::list_store
