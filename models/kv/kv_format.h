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
//                               [list: head:be64 tail:be64
//                                      [flags & kMetaListChunked:
//                                       head_chunk:be64 tail_chunk:be64]] )
//     flags        := bit 0x01 kMetaListChunked (lists only): the list is
//                     stored in chunks; other bits are zero (reserved)
//
//   kv_members family (one record per member of a collection)
//     member_key   := member_prefix sub-key
//     member_prefix:= db:u8 key_len:be32 key-bytes version:be64
//     hash:  sub-key = field,          value = field value
//     set:   sub-key = member,         value = empty
//     list (per-element, flag clear; written by tetradb before chunked
//           lists, still read, converted on a list's first modification):
//            sub-key = index:be64,     value = element
//     list (chunked, flag set; every list written now):
//            sub-key = chunk_key:be64, value = chunk_value (list_chunk.h)
//     zset:  sub-key = member,         value = score:be64 (ordered double bits)
//
//   Lists: head/tail are the absolute indexes [head, tail) of the elements
//   (size = tail - head). A chunk holds the consecutive elements
//   [first, first + count) and is keyed so that the chunk holding index i is
//   the one with the greatest chunk_key <= i (one SeekForPrev, or a point
//   read at either end): every chunk but the head one is keyed exactly at
//   its first index; the head chunk's key may lie below the head (room for
//   left pushes without re-keying). The metadata names the head and tail
//   chunks' keys so pushes and pops at both ends are point reads.
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

// Metadata flag bits. Do not change: embedded on disk; add new bits, never
// reuse one.
inline constexpr uint8_t kMetaListChunked = 0x01;  // lists: chunked layout

struct Metadata {
  Type type = Type::kString;
  uint8_t flags = 0;
  int64_t expire_at_ms = 0;  // 0: persistent
  uint64_t version = 0;      // collections only
  uint64_t size = 0;         // collections: number of members
  uint64_t list_head = kListInitialIndex;  // lists: index of the first element
  uint64_t list_tail = kListInitialIndex;  // lists: one past the last element
  uint64_t list_head_chunk = 0;  // chunked lists: key of the chunk holding the head
  uint64_t list_tail_chunk = 0;  // chunked lists: key of the chunk holding tail - 1
  std::string value;         // strings only

  bool IsExpired(int64_t now_ms) const { return expire_at_ms != 0 && expire_at_ms <= now_ms; }
  bool list_chunked() const { return (flags & kMetaListChunked) != 0; }
};

std::string EncodeMetaKey(int db, std::string_view key);
Status DecodeMetaKey(std::string_view meta_key, int* db, std::string_view* key);

std::string EncodeMetadata(const Metadata& m);
Status DecodeMetadata(std::string_view in, Metadata* m);

std::string MemberPrefix(int db, std::string_view key, uint64_t version);
void AppendMemberPrefix(std::string* out, int db, std::string_view key, uint64_t version);
// Splits a member or score key into its owner and the rest.
Status DecodeMemberPrefix(std::string_view member_key, int* db, std::string_view* key,
                          uint64_t* version, std::string_view* rest);


}  // namespace tetradb::kv
