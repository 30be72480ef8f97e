// Redis lists over the key-value model.
//
// Layout (kv_format.h, list_chunk.h): the metadata holds [list_head,
// list_tail), the absolute indexes of the elements. The elements are stored
// in chunks of up to 128 consecutive elements (and about 8 KiB; a larger
// element has a chunk of its own), one kv_members record each, so:
//   - a push or pop at either end reads and rewrites one end chunk (within
//     one transaction, e.g. a pipelined batch, a chunk reaches the engine
//     once however many commands changed it);
//   - LINDEX/LSET read one chunk (a point read near the ends, one seek in
//     the middle); LRANGE reads ceil(n / chunk) + 1 chunks with one iterator;
//   - LINSERT/LREM rewrite the chunks of the shorter side of the list up to
//     the change (indexes move there): O(N) in the worst case, as in Redis;
//     LTRIM deletes the chunks outside the kept range and cuts the two at
//     its edges (or copies a small survivor under a new version).
// Lists written by older tetradb versions (one record per element, no
// chunked flag) are read as they are and converted to chunks, in O(N) once,
// by the first command that modifies them.
//
// Every function treats a missing or expired key as an empty list, returns
// WrongType for a live key of another type, deletes a list that becomes
// empty, and keeps Metadata::size == list_tail - list_head.
//
// Indexes and ranges follow Redis: negative counts from the end (-1 is the
// last element). Error Statuses carry Redis's exact reply text.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"
#include "models/kv/kv_store.h"

namespace tetradb::kv {

// Pushes `elements` one at a time on the left (each becomes the new head, so
// they end up reversed, as LPUSH does) or on the right. Returns the new
// length. With `only_if_exists` (LPUSHX/RPUSHX) a missing key stays missing
// and the result is 0.
Result<uint64_t> ListPush(KvTxn& t, int db, std::string_view key, bool left,
                          const std::vector<std::string_view>& elements,
                          bool only_if_exists = false);

// Pops up to `count` elements from the left or right end, in pop order.
// Empty if the key does not exist (a live list is never empty).
Result<std::vector<std::string>> ListPop(KvTxn& t, int db, std::string_view key, bool left,
                                         size_t count);

// Pops up to `count` elements from the first of `keys` that holds a list
// (LMPOP, BLMPOP). A key of another type met before that one is WrongType.
struct ListPopped {
  std::string key;
  std::vector<std::string> elements;
};
Result<std::optional<ListPopped>> ListMultiPop(KvTxn& t, int db,
                                               const std::vector<std::string_view>& keys, bool left,
                                               size_t count);

// Pops one element from `src` and pushes it on `dst` (LMOVE, RPOPLPUSH,
// BLMOVE). nullopt (and no change) if `src` does not exist; WrongType, with
// no change, if either key holds another type. src == dst rotates the list.
Result<std::optional<std::string>> ListMove(KvTxn& t, int db, std::string_view src,
                                            std::string_view dst, bool from_left, bool to_left);

// Number of elements; 0 for a missing key.
Result<uint64_t> ListLength(KvTxn& t, int db, std::string_view key);

// Elements from `start` to `stop` inclusive, clamped to the list as LRANGE
// does. Empty for a missing key or an empty range.
Result<std::vector<std::string>> ListRange(KvTxn& t, int db, std::string_view key, int64_t start,
                                           int64_t stop);
// The same, element by element without copies: `count` first gets the number
// of elements, then `visit` each element in order (the view lives until
// visit returns).
Status ListRange(KvTxn& t, int db, std::string_view key, int64_t start, int64_t stop,
                 const std::function<void(uint64_t count)>& count,
                 const std::function<void(std::string_view element)>& visit);

// The element at `index`. NotFound if the key is missing or the index is out
// of range.
Status ListIndex(KvTxn& t, int db, std::string_view key, int64_t index, std::string* value);

// Replaces the element at `index`. InvalidArgument "ERR no such key" or
// "ERR index out of range".
Status ListSet(KvTxn& t, int db, std::string_view key, int64_t index, std::string_view value);

// Inserts `element` before or after the first element equal to `pivot`.
// Returns the new length, -1 if the pivot is absent, 0 if the key is missing.
Result<int64_t> ListInsert(KvTxn& t, int db, std::string_view key, bool after,
                           std::string_view pivot, std::string_view element);

// Removes elements equal to `element`: the first `count` from the head if
// count > 0, the last -count from the tail if count < 0, all if 0. Returns
// how many were removed.
Result<uint64_t> ListRemove(KvTxn& t, int db, std::string_view key, int64_t count,
                            std::string_view element);

// Keeps only the elements from `start` to `stop` (LTRIM's clamping); an empty
// result deletes the key. A missing key is fine.
Status ListTrim(KvTxn& t, int db, std::string_view key, int64_t start, int64_t stop);

// Positions (0-based from the head) of elements equal to `element`, as LPOS:
// `rank` (non-zero) skips to the rank-th match, scanning from the tail when
// negative; at most `count` positions are returned (0: all); at most `maxlen`
// elements are compared (0: all).
Result<std::vector<int64_t>> ListPos(KvTxn& t, int db, std::string_view key,
                                     std::string_view element, int64_t rank, uint64_t count,
                                     uint64_t maxlen);

}  // namespace tetradb::kv
