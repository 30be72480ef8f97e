// Redis strings: the value lives inline in the key's metadata record.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "models/kv/kv_store.h"

namespace tetradb::kv {

// The value of a live string key. NotFound if absent or expired, WrongType if
// the key holds another type. With `lock`, the key stays locked (for
// read-modify-write in the same transaction).
Status StringGet(KvTxn& t, int db, std::string_view key, std::string* value, bool lock = false);

struct SetOptions {
  enum class Condition { kAlways, kIfAbsent, kIfPresent };  // -, NX, XX
  Condition condition = Condition::kAlways;
  int64_t expire_at_ms = 0;  // absolute; 0: no expiry
  bool keep_ttl = false;     // KEEPTTL: keep the key's current deadline
  bool get = false;          // GET: report the old value (WrongType if not a string)
};

struct SetResult {
  bool written = false;
  std::optional<std::string> old;  // with SetOptions::get: the previous value, if any
};

// SET with every option. Overwrites a key of any type unless `get` is set.
Result<SetResult> StringSet(KvTxn& t, int db, std::string_view key, std::string_view value,
                            const SetOptions& options = {});

// INCRBY/DECRBY: "ERR value is not an integer or out of range" for a
// non-integer value, "ERR increment or decrement would overflow" on overflow.
Result<int64_t> StringIncrBy(KvTxn& t, int db, std::string_view key, int64_t delta);

// APPEND: returns the new length.
Result<int64_t> StringAppend(KvTxn& t, int db, std::string_view key, std::string_view suffix);

// SETRANGE: writes `value` at `offset`, zero-padding; returns the new length.
// "ERR string exceeds maximum allowed size (proto-max-bulk-len)" past 512 MB.
Result<int64_t> StringSetRange(KvTxn& t, int db, std::string_view key, int64_t offset,
                               std::string_view value);

// SETBIT: returns the bit's old value.
Result<int> StringSetBit(KvTxn& t, int db, std::string_view key, uint64_t bit, int value);

// The largest string value (proto-max-bulk-len).
inline constexpr int64_t kMaxStringBytes = 512LL * 1024 * 1024;

}  // namespace tetradb::kv
