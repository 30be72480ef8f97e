// Redis hashes over the kv model.
//
// Layout (kv_format.h): one kv_members record per field, sub-key = field,
// value = the field's value. Metadata::size is the exact number of fields; a
// hash that loses its last field is removed, as Redis never keeps an empty
// collection. Fields come back in byte order (Redis uses insertion order for
// small hashes and hash order for big ones; neither is promised).
//
// Every function runs inside the caller's KvTxn. A missing or expired key is
// an empty hash; a live key of another type gives WrongType. Writers lock the
// key (LoadAs with lock); pure readers do not. Errors a Redis user sees are
// InvalidArgument with Redis's exact text.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"
#include "models/kv/kv_store.h"
#include "models/kv/set.h"  // MemberEntry and the shared member helpers

namespace tetradb::kv {

// Sets fields from a flat list field1, value1, field2, value2, ... (even
// size). Returns how many fields are new. A field given twice takes the last
// value and counts once.
Result<int64_t> HashSet(KvTxn& t, int db, std::string_view key,
                        std::span<const std::string> field_values);
// Sets the field only if it does not exist; true if it was set.
Result<bool> HashSetNx(KvTxn& t, int db, std::string_view key, std::string_view field,
                       std::string_view value);
// NotFound if the key or the field does not exist (value left unchanged).
Status HashGet(KvTxn& t, int db, std::string_view key, std::string_view field, std::string* value);
// One entry per field, in the order given; nullopt for a missing field.
Result<std::vector<std::optional<std::string>>> HashMGet(KvTxn& t, int db, std::string_view key,
                                                         std::span<const std::string> fields);
// Removes fields; returns how many existed.
Result<int64_t> HashDelete(KvTxn& t, int db, std::string_view key,
                           std::span<const std::string> fields);
Result<int64_t> HashLen(KvTxn& t, int db, std::string_view key);
// Every field (MemberEntry::sub) with its value, in field byte order.
Result<std::vector<MemberEntry>> HashGetAll(KvTxn& t, int db, std::string_view key);

// Adds `delta` to the field's integer value (a missing field counts as 0).
// Errors: "ERR hash value is not an integer", "ERR increment or decrement
// would overflow". Returns the new value.
Result<int64_t> HashIncrBy(KvTxn& t, int db, std::string_view key, std::string_view field,
                           int64_t delta);
// Adds `delta` to the field's value read as a long double and stores the sum
// as `format` writes it (the wire layer passes Redis's FormatLongDouble).
// Errors: "ERR hash value is not a float", "ERR increment would produce NaN
// or Infinity". Returns the stored text.
Result<std::string> HashIncrByFloat(KvTxn& t, int db, std::string_view key, std::string_view field,
                                    long double delta, std::string (*format)(long double));

// Random fields with their values: up to `count` distinct ones, or with
// `distinct` false exactly `count` picks that may repeat. See set.h for how
// random the picks are.
Result<std::vector<MemberEntry>> HashRandFields(KvTxn& t, int db, std::string_view key,
                                                uint64_t count, bool distinct);

// HSCAN. `cursor` 0 starts a walk; the returned cursor is 0 when it is over.
// `match` filters on the field. Cursor contract: ScanMembers in set.h.
struct HashScanPage {
  std::vector<MemberEntry> entries;
  uint64_t cursor = 0;
};
Result<HashScanPage> HashScan(KvTxn& t, int db, std::string_view key, uint64_t cursor,
                              uint64_t count, const std::optional<std::string>& match);

// Redis's long double syntax (string2ld, as HINCRBYFLOAT and INCRBYFLOAT
// read numbers): the whole string, no leading space, "inf" allowed, NaN and
// overflow not.
bool ParseLongDouble(std::string_view s, long double* out);

}  // namespace tetradb::kv
