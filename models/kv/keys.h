// Operations on keys of any type: existence, deletion, TTLs, renaming,
// copying, moving between databases, scanning, flushing.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "models/kv/kv_store.h"

namespace tetradb::kv {

// True if a live key was removed.
Result<bool> KeyDelete(KvTxn& t, int db, std::string_view key);
Result<bool> KeyExists(KvTxn& t, int db, std::string_view key);
// The type of a live key; nullopt if there is none.
Result<std::optional<Type>> KeyType(KvTxn& t, int db, std::string_view key);

// Remaining time to live in ms; -2: no such key; -1: no deadline.
Result<int64_t> KeyPttl(KvTxn& t, int db, std::string_view key);
// Absolute deadline in ms; -2: no such key; -1: no deadline.
Result<int64_t> KeyExpireTime(KvTxn& t, int db, std::string_view key);

enum class ExpireCondition { kAlways, kNX, kXX, kGT, kLT };
// EXPIRE family. A deadline not in the future deletes the key (Redis does
// the same). Returns whether the deadline was set (or the key deleted).
Result<bool> KeySetExpire(KvTxn& t, int db, std::string_view key, int64_t at_ms,
                          ExpireCondition condition);
// Removes the deadline; true if there was one.
Result<bool> KeyPersist(KvTxn& t, int db, std::string_view key);

// RENAME / RENAMENX. NotFound when src does not exist. With `nx`, returns
// false (and changes nothing) if dst exists.
Result<bool> KeyRename(KvTxn& t, int db, std::string_view src, std::string_view dst, bool nx);
// COPY: false if dst exists and !replace, or src does not exist.
Result<bool> KeyCopy(KvTxn& t, int src_db, std::string_view src, int dst_db,
                     std::string_view dst, bool replace);
// MOVE: false if the key is absent in db or present in dst_db.
Result<bool> KeyMove(KvTxn& t, int db, std::string_view key, int dst_db);

// One SCAN step over a database, in key order, from `start` (inclusive;
// empty: from the beginning). Visits at most `count` keys, returns those
// matching `pattern` (empty: all) and `type` (nullopt: all), and sets `next`
// to the key to resume from (empty when the scan is complete).
struct ScanPage {
  std::vector<std::string> keys;
  std::string next;
};
Result<ScanPage> KeyScan(KvTxn& t, int db, std::string_view start, size_t count,
                         std::string_view pattern, std::optional<Type> type);

// A random live key, nullopt if the database is empty.
Result<std::optional<std::string>> KeyRandom(KvTxn& t, int db);

// Removes every key of one database; returns how many.
Result<int64_t> FlushDb(KvTxn& t, int db);

// SWAPDB: exchanges the contents of two databases. O(keys + members).
Status SwapDb(KvTxn& t, int a, int b);

}  // namespace tetradb::kv
