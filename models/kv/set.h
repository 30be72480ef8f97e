// Redis sets over the kv model.
//
// Layout (kv_format.h): one kv_members record per member, sub-key = member,
// value = empty. Metadata::size is the exact cardinality; a set that loses
// its last member is removed, as Redis never keeps an empty collection.
//
// Every function runs inside the caller's KvTxn. A missing or expired key is
// an empty set; a live key of another type gives WrongType. Writers lock the
// keys they change (LoadAs with lock); pure readers do not.
//
// Random picks (SPOP, SRANDMEMBER, and HRANDFIELD through SampleMembers) are
// exactly uniform for collections of up to kExactSampleLimit members. Above
// that they are approximate: a pick seeks to a random point between the
// first and last member and steps a random distance forward, so members that
// follow large gaps in the key space come up more often. Redis itself does
// not promise a uniform distribution; these commands stay O(log N) per pick
// on big collections instead of O(N).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"
#include "models/kv/kv_store.h"

namespace tetradb::kv {

// Adds members; returns how many were not already there.
Result<int64_t> SetAdd(KvTxn& t, int db, std::string_view key,
                       std::span<const std::string> members);
// Removes members; returns how many were there.
Result<int64_t> SetRemove(KvTxn& t, int db, std::string_view key,
                          std::span<const std::string> members);
// All members, in byte order.
Result<std::vector<std::string>> SetMembers(KvTxn& t, int db, std::string_view key);
Result<bool> SetIsMember(KvTxn& t, int db, std::string_view key, std::string_view member);
// One flag per member, in the order given.
Result<std::vector<bool>> SetMIsMember(KvTxn& t, int db, std::string_view key,
                                       std::span<const std::string> members);
Result<int64_t> SetCard(KvTxn& t, int db, std::string_view key);
// Removes and returns up to `count` distinct random members.
Result<std::vector<std::string>> SetPop(KvTxn& t, int db, std::string_view key, uint64_t count);
// Random members without removing them: up to `count` distinct ones, or with
// `distinct` false exactly `count` picks that may repeat.
Result<std::vector<std::string>> SetRandMember(KvTxn& t, int db, std::string_view key,
                                               uint64_t count, bool distinct);
// Moves `member` from src to dst. False if src does not hold it (or src is
// missing, even when dst has another type, as in Redis). src == dst: true if
// the member is there, nothing changes.
Result<bool> SetMove(KvTxn& t, int db, std::string_view src, std::string_view dst,
                     std::string_view member);

enum class SetOp { kInter, kUnion, kDiff };

// SINTER / SUNION / SDIFF of the given keys, in byte order. Every key is
// type-checked (WrongType) before any is read, as Redis 7.0 does.
Result<std::vector<std::string>> SetCombine(KvTxn& t, int db, SetOp op,
                                            std::span<const std::string> keys);
// The same, stored in `dest` whatever it held before (its TTL is dropped);
// `dest` is deleted when the result is empty. Returns the result's size.
Result<int64_t> SetCombineStore(KvTxn& t, int db, SetOp op, std::string_view dest,
                                std::span<const std::string> keys);
// The size of the intersection, counting stops at `limit` (0: no limit).
Result<int64_t> SetInterCard(KvTxn& t, int db, std::span<const std::string> keys, uint64_t limit);

// SSCAN. `cursor` 0 starts a walk; the returned cursor is 0 when the walk is
// over. See ScanMembers for the cursor contract.
struct SetScanPage {
  std::vector<std::string> members;
  uint64_t cursor = 0;
};
Result<SetScanPage> SetScan(KvTxn& t, int db, std::string_view key, uint64_t cursor, uint64_t count,
                            const std::optional<std::string>& match);

// ---------------------------------------------------------------------------
// Member-level helpers shared by the collection types (hash.cc uses them).

inline constexpr uint64_t kExactSampleLimit = 10000;

// A member record: its sub-key and value.
struct MemberEntry {
  std::string sub;
  std::string value;
};

// Every member of a collection in sub-key order.
Result<std::vector<MemberEntry>> ReadMembers(KvTxn& t, int db, std::string_view key,
                                             const Metadata& m);

// Random members of a live collection `m`: up to `count` distinct ones
// (all of them, in sub-key order, when count >= size), or with `distinct`
// false exactly `count` picks that may repeat. See the note at the top.
Result<std::vector<MemberEntry>> SampleMembers(KvTxn& t, int db, std::string_view key,
                                               const Metadata& m, uint64_t count, bool distinct);

// One page of a SCAN-family walk over a live collection `m`.
//
// Cursors are small integers standing for "the next sub-key to visit", kept
// by KvStore::SaveCursor. The walk is in sub-key order, so every member
// present for the whole walk is returned exactly once and none is returned
// twice. A cursor the store does not know (never issued, forgotten, or from
// before a restart) restarts the walk from the beginning: members may then
// be returned again, but none present throughout is missed.
//
// A page examines `count` members; `match` (a glob, nullopt for all) then
// filters them, so a page may be empty while the cursor is not 0. As Redis
// does for its compact encodings, a walk starting at the beginning over a
// collection of at most `compact_max` members that all satisfy `compact`
// returns everything in one page with cursor 0.
struct MemberPage {
  std::vector<MemberEntry> entries;
  uint64_t cursor = 0;
};
Result<MemberPage> ScanMembers(KvTxn& t, int db, std::string_view key, const Metadata& m,
                               uint64_t cursor, uint64_t count,
                               const std::optional<std::string>& match, uint64_t compact_max,
                               bool (*compact)(const MemberEntry&));

// Redis's strict integer syntax (string2ll): optional '-', digits, no
// leading zeros, no '+' or spaces, within int64.
bool ParseStrictInt64(std::string_view s, int64_t* out);

}  // namespace tetradb::kv
