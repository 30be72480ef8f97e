// Storage of one list's elements, for list.cc: reads of both layouts, and
// the chunk-level writes of the chunked layout (kv_format.h, list_chunk.h).
//
// Every function works on a ListRef: the list's key and a Metadata the
// caller loaded (and, for writes, locked) and will store afterwards. Writes
// change the Metadata in place (head, tail, size, chunk keys, sometimes the
// version) and never write it: the caller stores it (or removes the key
// when the size drops to 0). Writes require a chunked list (see Convert).
//
// Chunk records go through KvTxn's member cache, so a chunk rewritten by
// many commands of one transaction reaches the engine once, at commit.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "models/kv/kv_store.h"

namespace tetradb::kv::list_store {

struct ListRef {
  KvTxn& t;
  int db;
  std::string_view key;
  Metadata& m;
};

// A fresh, empty, chunked list (new version).
Metadata NewList(KvTxn& t);

// Visits the elements at absolute indexes [from, to) head to tail, or tail
// to head with `reverse`, in one bounded scan, for either layout.
// visit(index, element) returns false to stop. A missing element or chunk
// inside the range is Corruption.
using ElementVisitor = std::function<bool(uint64_t index, std::string_view element)>;
Status VisitElements(ListRef r, uint64_t from, uint64_t to, bool reverse,
                     const ElementVisitor& visit);

// The element at absolute index `index` (inside the list), either layout.
Status ReadElement(ListRef r, uint64_t index, std::string* value);

// Turns a per-element list into a chunked one: reads every element and
// writes them as chunks under a new version (the old records become
// garbage). No-op for a chunked list.
Status Convert(ListRef r);

// Pushes `elements` one at a time on the left (each the new head) or right.
// The list may be empty (size 0, chunked).
Status Push(ListRef r, bool left, const std::vector<std::string_view>& elements);

// Pops k elements, 0 < k < size, into `out` in pop order.
Status Pop(ListRef r, bool left, uint64_t k, std::vector<std::string>* out);

// Replaces the element at absolute index `index`.
Status Set(ListRef r, uint64_t index, std::string_view value);

// Keeps the elements [new_head, new_tail) (non-empty, inside the list):
// deletes the chunks outside, cuts the two boundary chunks.
Status Retain(ListRef r, uint64_t new_head, uint64_t new_tail);

// Replaces the whole list with `elements` (non-empty) at [first, first+n),
// under a new version: O(n), whatever the old list held.
Status Rebuild(ListRef r, uint64_t first, const std::vector<std::string_view>& elements);

// Rewrites one end of the list, for changes in the middle (LINSERT, LREM).
// The whole chunks from the head through the chunk holding `last`, or from
// the chunk holding `first` through the tail, are read; `edit` changes
// their elements (the vector starts at the span's first index; inserting
// or removing is allowed, and the elements it adds must outlive the call);
// the span is written back packed, its far end fixed: a head-side rewrite
// moves the head, a tail-side one the tail. The result must leave the list
// non-empty.
using SpanEdit = std::function<void(uint64_t span_first, std::vector<std::string_view>* elements)>;
Status RewriteHeadSide(ListRef r, uint64_t last, const SpanEdit& edit);
Status RewriteTailSide(ListRef r, uint64_t first, const SpanEdit& edit);

}  // namespace tetradb::kv::list_store
