// Internal to types/: helpers shared by value.cc, value_arith.cc and
// column_type.cc. Not part of the layer's contract.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "models/relational/types/value.h"

namespace tetradb::rel::internal {

// Length of the longest prefix of `s` that reads as a number
// ([+-]digits[.digits][e[+-]digits]); 0 when there is none. No spaces skipped.
size_t NumericPrefixLength(std::string_view s);
// The string as an exact decimal when all of it (surrounding spaces aside) is
// one: " 12.50 " -> 12.50, "1e3" -> 1000, "12abc" -> nullopt.
std::optional<Decimal> ExactDecimalFromString(std::string_view s);
// Dates and datetimes as numbers (YYYYMMDD: kInt; YYYYMMDDhhmmss: kInt, or
// kDecimal with fsp fraction digits); other values unchanged.
Value AsNumber(const Value& v);
// MySQL's text for a double: shortest round-trip digits, plain notation for
// decimal exponents -15..14, otherwise 1.5e20 / 1e-16.
std::string DoubleToText(double d);
// Rounds half away from zero; nullopt outside int64.
std::optional<int64_t> DoubleToInt64Rounded(double d);

}  // namespace tetradb::rel::internal
