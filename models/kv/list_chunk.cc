#include "models/kv/list_chunk.h"

namespace tetradb::kv {
namespace {

void PutVarint(std::string* out, uint64_t v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7F) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

size_t VarintLength(uint64_t v) {
  size_t n = 1;
  while (v >= 0x80) {
    v >>= 7;
    ++n;
  }
  return n;
}

// Reads a varint at *pos; false if truncated or longer than 64 bits.
bool GetVarint(std::string_view in, size_t* pos, uint64_t* v) {
  uint64_t result = 0;
  for (int shift = 0; shift <= 63 && *pos < in.size(); shift += 7) {
    uint64_t byte = static_cast<uint8_t>(in[(*pos)++]);
    result |= (byte & 0x7F) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

}  // namespace

Status ParseChunkHeader(std::string_view value, ChunkHeader* h) {
  if (value.empty() || static_cast<uint8_t>(value[0]) != kListChunkTag) {
    return Status::Corruption("list chunk with a bad tag");
  }
  size_t pos = 1;
  if (!GetVarint(value, &pos, &h->delta) || !GetVarint(value, &pos, &h->count)) {
    return Status::Corruption("list chunk header truncated");
  }
  // Every element takes at least one byte: a larger count cannot be right.
  if (h->count == 0 || h->count > value.size() - pos) {
    return Status::Corruption("list chunk with a bad count");
  }
  h->body = pos;
  return Status::Ok();
}

Status DecodeChunk(std::string_view value, ChunkHeader* h,
                   std::vector<std::string_view>* elements) {
  TETRADB_RETURN_IF_ERROR(ParseChunkHeader(value, h));
  elements->clear();
  elements->reserve(h->count);
  size_t pos = h->body;
  for (uint64_t i = 0; i < h->count; ++i) {
    uint64_t len;
    if (!GetVarint(value, &pos, &len) || len > value.size() - pos) {
      return Status::Corruption("list chunk element truncated");
    }
    elements->push_back(value.substr(pos, len));
    pos += len;
  }
  if (pos != value.size()) return Status::Corruption("list chunk with trailing bytes");
  return Status::Ok();
}

Status ChunkReader::Next(std::string_view* element) {
  uint64_t len;
  if (!GetVarint(value_, &pos_, &len) || len > value_.size() - pos_) {
    return Status::Corruption("list chunk element truncated");
  }
  *element = value_.substr(pos_, len);
  pos_ += len;
  return Status::Ok();
}

size_t ChunkElementSize(std::string_view element) {
  return VarintLength(element.size()) + element.size();
}

bool ChunkFits(uint64_t count, size_t body_bytes, std::string_view element) {
  if (count == 0) return true;
  return count < kListChunkMaxElements &&
         body_bytes + ChunkElementSize(element) <= kListChunkMaxBytes;
}

void AppendChunkHeader(std::string* out, uint64_t delta, uint64_t count) {
  out->push_back(static_cast<char>(kListChunkTag));
  PutVarint(out, delta);
  PutVarint(out, count);
}

void AppendChunkElement(std::string* out, std::string_view element) {
  PutVarint(out, element.size());
  out->append(element);
}

std::string EncodeChunk(uint64_t delta, const std::string_view* elements, size_t n) {
  size_t bytes = 21;
  for (size_t i = 0; i < n; ++i) bytes += ChunkElementSize(elements[i]);
  std::string out;
  out.reserve(bytes);
  AppendChunkHeader(&out, delta, n);
  for (size_t i = 0; i < n; ++i) AppendChunkElement(&out, elements[i]);
  return out;
}

std::vector<PackedChunk> PackChunks(uint64_t first_key, uint64_t first,
                                    const std::vector<std::string_view>& elements) {
  std::vector<PackedChunk> out;
  size_t i = 0;
  uint64_t key = first_key, index = first;
  while (i < elements.size()) {
    size_t start = i, body = 0;
    while (i < elements.size() && ChunkFits(i - start, body, elements[i])) {
      body += ChunkElementSize(elements[i]);
      ++i;
    }
    out.push_back({key, index, EncodeChunk(index - key, elements.data() + start, i - start)});
    index += i - start;
    key = index;
  }
  return out;
}

}  // namespace tetradb::kv
