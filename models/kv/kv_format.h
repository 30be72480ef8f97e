// On-disk layout of the Redis-style key-value model.
//
// WARNING: embedded on disk. Type values and field layouts never change;
// new fields go at the end of the metadata record.
//
//   kv family (one record per key)
//     meta_key     := db:u8 key-bytes
//     meta_value   := type:u8 flags:u8 expire_at:be64        (0: no expiry)
//                     ( string: value-bytes
//                     | other:  version:be64 size:be64
//                               [list: head:be64 tail:be64] )
//
//   kv_members family (one record per member of a collection)
//     member_key   := member_prefix sub-key
//     member_prefix:= db:u8 key_len:be32 key-bytes version:be64
//     hash:  sub-key = field,          value = field value
//     set:   sub-key = member,         value = empty
//     list:  sub-key = index:be64,     value = element
//     zset:  sub-key = member,         value = score:be64 (ordered double bits)
//
//   kv_scores family (sorted-set score index)
//     score_key    := member_prefix score:be64 (ordered double) member
//     value        := empty
//
// The version in every member key is the owning key's version when the
// member was written. Deleting or overwriting a key writes a new metadata
// record (or none) with another version, so old members become unreachable
// at once (O(1) DEL) and the garbage filter drops them at compaction.
//
// expiry family entries for this model: owner kKv, owner_key = meta_key.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "engine/coding.h"
#include "engine/status.h"

namespace tetradb::kv {

// Do not change: embedded on disk.
enum class Type : uint8_t {
  kString = 1,
  kHash = 2,
  kList = 3,
  kSet = 4,
  kZset = 5,
};

std::string_view TypeName(Type t);  // "string", "hash", ... as TYPE reports

inline constexpr int kDatabases = 16;
// Lists start in the middle of the index space so they can grow both ways.
inline constexpr uint64_t kListInitialIndex = 1ULL << 63;

struct Metadata {
  Type type = Type::kString;
  uint8_t flags = 0;
  int64_t expire_at_ms = 0;  // 0: persistent
  uint64_t version = 0;      // collections only
  uint64_t size = 0;         // collections: number of members
  uint64_t list_head = kListInitialIndex;  // lists: index of the first element
  uint64_t list_tail = kListInitialIndex;  // lists: one past the last element
  std::string value;         // strings only

  bool IsExpired(int64_t now_ms) const { return expire_at_ms != 0 && expire_at_ms <= now_ms; }
};

std::string EncodeMetaKey(int db, std::string_view key);
Status DecodeMetaKey(std::string_view meta_key, int* db, std::string_view* key);

std::string EncodeMetadata(const Metadata& m);
Status DecodeMetadata(std::string_view in, Metadata* m);

std::string MemberPrefix(int db, std::string_view key, uint64_t version);
// Splits a member or score key into its owner and the rest.
Status DecodeMemberPrefix(std::string_view member_key, int* db, std::string_view* key,
                          uint64_t* version, std::string_view* rest);


}  // namespace tetradb::kv
