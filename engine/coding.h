// Fixed-width big-endian integers and order-preserving doubles: the byte
// building blocks of every key layout (engine and models).
#pragma once

#include <bit>
#include <cmath>
#include <cstdint>
#include <string>

namespace tetradb {

inline void PutBE64(std::string* out, uint64_t v) {
  char buf[8];
  for (int i = 7; i >= 0; --i) {
    buf[i] = static_cast<char>(v & 0xFF);
    v >>= 8;
  }
  out->append(buf, 8);
}

inline uint64_t GetBE64(const char* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | static_cast<uint8_t>(p[i]);
  return v;
}

// A double's bits rearranged so unsigned comparison follows numeric order
// (IEEE total order): negatives have every bit flipped, positives the sign
// bit. -0.0 maps to +0.0 and every NaN to one NaN above +inf.
inline uint64_t OrderedDouble(double d) {
  if (d == 0) d = 0.0;
  uint64_t bits = std::isnan(d) ? 0x7FF8000000000000ULL : std::bit_cast<uint64_t>(d);
  return (bits >> 63) ? ~bits : bits | (1ULL << 63);
}

inline double FromOrderedDouble(uint64_t u) {
  return std::bit_cast<double>((u >> 63) ? u & ~(1ULL << 63) : ~u);
}

}  // namespace tetradb
