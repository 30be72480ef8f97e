// The value of one list chunk record: a run of consecutive list elements.
// Where chunks live and how they are keyed: kv_format.h.
//
// WARNING: embedded on disk. The tag and the grammar never change.
//
//   chunk_value := tag:u8 (0x01) varint(first - chunk_key) varint(count)
//                  ( varint(length) element-bytes ){count}
//
// varint: unsigned LEB128 (7 bits a byte, low group first). `first` is the
// absolute index of the chunk's first element, so a chunk is readable on its
// own, whatever its key.
//
// Sizes: the code writes chunks of at most kListChunkMaxElements elements
// whose element bytes (the part after the header) stay within
// kListChunkMaxBytes, except a chunk of one element, which may be of any
// size: a push next to a large element never rewrites it, and a push writes
// at most about 8 KiB whatever the list holds. Readers accept any size.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "engine/status.h"

namespace tetradb::kv {

inline constexpr uint8_t kListChunkTag = 0x01;  // do not change: on disk
inline constexpr uint64_t kListChunkMaxElements = 128;
inline constexpr size_t kListChunkMaxBytes = 8192;

struct ChunkHeader {
  uint64_t delta = 0;  // first - chunk_key
  uint64_t count = 0;
  size_t body = 0;     // offset of the first element's length
};

// Parses the header; Corruption if malformed.
Status ParseChunkHeader(std::string_view value, ChunkHeader* h);
// Parses the whole chunk: its elements as views into `value`. Corruption if
// malformed (lengths past the end, a wrong count, trailing bytes).
Status DecodeChunk(std::string_view value, ChunkHeader* h, std::vector<std::string_view>* elements);

// Reads a chunk's elements one by one from the start of its body: for the
// ends of a chunk without decoding all of it.
class ChunkReader {
 public:
  ChunkReader(std::string_view value, const ChunkHeader& h) : value_(value), pos_(h.body) {}
  // The next element; Corruption if the body ends first.
  Status Next(std::string_view* element);
  // Offset of the next element's length in the value.
  size_t pos() const { return pos_; }

 private:
  std::string_view value_;
  size_t pos_;
};

// The bytes one element takes in a chunk body.
size_t ChunkElementSize(std::string_view element);
// Whether a chunk of `count` elements and `body_bytes` of body may take
// `element` too (see the size rule above).
bool ChunkFits(uint64_t count, size_t body_bytes, std::string_view element);

void AppendChunkHeader(std::string* out, uint64_t delta, uint64_t count);
void AppendChunkElement(std::string* out, std::string_view element);
// A whole chunk value holding `elements`.
std::string EncodeChunk(uint64_t delta, const std::string_view* elements, size_t n);
inline std::string EncodeChunk(uint64_t delta, const std::vector<std::string_view>& elements) {
  return EncodeChunk(delta, elements.data(), elements.size());
}

// Splits `elements` (the first at absolute index `first`) into chunks that
// obey the size rule, filled greedily from the first: the first chunk is
// keyed `first_key` (<= first), every other one at its first index.
struct PackedChunk {
  uint64_t key;
  uint64_t first;
  std::string value;
};
std::vector<PackedChunk> PackChunks(uint64_t first_key, uint64_t first,
                                    const std::vector<std::string_view>& elements);

}  // namespace tetradb::kv
