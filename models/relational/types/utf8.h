// UTF-8 helpers for character (not byte) semantics: VARCHAR(n) lengths,
// CHAR_LENGTH, SUBSTRING, LIKE's `_`. Malformed bytes count as one
// character each, so nothing here can read past the end of a string.
#pragma once

#include <cstddef>
#include <string_view>

namespace tetradb::rel {

// Bytes in the sequence a lead byte starts (1 for ASCII and for bytes that
// cannot lead a sequence).
inline size_t Utf8SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead >> 5) == 0x6) return 2;
  if ((lead >> 4) == 0xE) return 3;
  if ((lead >> 3) == 0x1E) return 4;
  return 1;
}

// Number of code points: bytes that are not continuation bytes.
inline size_t Utf8CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

}  // namespace tetradb::rel
