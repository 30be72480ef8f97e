// The order-preserving tuple codec shared by every model.
//
// A key is a tuple of typed components. Encoded tuples compare with plain
// memcmp (RocksDB's default bytewise comparator) exactly as the tuples compare
// component by component, so composite keys need no custom comparator.
//
// Within one component type the order is the value order. Across types the
// order is by type tag: NULL < false < true < integers < doubles < bytes. The
// models never mix types in one key position (a column has one type), so this
// only has to be stable, not meaningful. A tuple that is a prefix of another
// sorts first.
//
// Encodings are self-describing (each component starts with its tag) and
// prefix-free, so a decoder needs no schema and garbage is always detected.
// The grammar is in key_codec.cc. Do not change the tags: they are on disk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "engine/status.h"

namespace tetradb {

struct KeyNull {
  bool operator==(const KeyNull&) const = default;
};

// One component of a key tuple. `descending` inverts its sort order (for
// ORDER BY ... DESC indexes); it is part of the encoding and is decoded back.
struct KeyComponent {
  using Value = std::variant<KeyNull, bool, int64_t, double, std::string>;
  Value value;
  bool descending = false;

  bool operator==(const KeyComponent& o) const;
};

// Appends components to a caller-owned string. Cheap; no allocation beyond
// the string's growth.
class KeyEncoder {
 public:
  explicit KeyEncoder(std::string* out) : out_(out) {}

  KeyEncoder& Null(bool descending = false);
  KeyEncoder& Bool(bool v, bool descending = false);
  KeyEncoder& Int(int64_t v, bool descending = false);
  // -0.0 encodes as +0.0 and every NaN as one canonical NaN (sorted last), so
  // values that compare equal give equal keys.
  KeyEncoder& Double(double v, bool descending = false);
  KeyEncoder& Bytes(std::string_view v, bool descending = false);
  KeyEncoder& Component(const KeyComponent& c);
  // Raw bytes with no tag: only for fixed prefixes defined in key_format.h.
  KeyEncoder& Raw(std::string_view bytes);

 private:
  std::string* out_;
};

// Reads components back from an encoded tuple. Every method returns
// Corruption (never crashes, never reads past the end) on malformed input.
class KeyDecoder {
 public:
  explicit KeyDecoder(std::string_view in) : in_(in) {}

  bool done() const { return in_.empty(); }
  std::string_view remaining() const { return in_; }

  Status Next(KeyComponent* out);
  // Typed readers: Corruption if the next component has another type or
  // direction than asked for.
  Status ReadInt(int64_t* v, bool descending = false);
  Status ReadDouble(double* v, bool descending = false);
  Status ReadBytes(std::string* v, bool descending = false);
  Status ReadBool(bool* v, bool descending = false);
  Status SkipRaw(size_t n);

 private:
  std::string_view in_;
};

std::string EncodeTuple(const std::vector<KeyComponent>& tuple);
Status DecodeTuple(std::string_view in, std::vector<KeyComponent>* tuple);

// Compares two tuples by value, the order the encoding must reproduce.
// Exposed for property tests and for the planner; returns <0, 0, >0.
int CompareTuples(const std::vector<KeyComponent>& a, const std::vector<KeyComponent>& b);

// The smallest string greater than every string starting with `prefix`
// (an exclusive upper bound for a prefix scan). Empty when none exists
// (the prefix is all 0xFF bytes): then the scan has no upper bound.
std::string PrefixSuccessor(std::string_view prefix);

}  // namespace tetradb
