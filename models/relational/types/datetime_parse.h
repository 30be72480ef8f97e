// Internal to types/: the parts of a date/time string before range checks,
// shared by ParseDate/ParseDateTime and by StoreValue (which must tell a
// DATE string with a time part from an invalid one).
#pragma once

#include <optional>
#include <string_view>

#include "models/relational/types/datetime.h"

namespace tetradb::rel::internal {

struct ParsedDateTime {
  CivilDate date;
  CivilTime time;
  bool has_time = false;
  uint8_t fsp = 0;           // fraction digits given (at most 6)
  bool carry_micro = false;  // a 7th fraction digit rounded the micros up
};

// Splits MySQL's accepted forms: 'YYYY-MM-DD[( |T)HH:MM[:SS[.f]]]' with any
// punctuation as the date delimiter, two-digit years (70..99 -> 19xx,
// 00..69 -> 20xx), and all-digit 'YYYYMMDD', 'YYMMDD', 'YYYYMMDDHHMMSS[.f]',
// 'YYMMDDHHMMSS'. Surrounding spaces are ignored. No range checks.
bool ParseDateTimeParts(std::string_view text, ParsedDateTime* out);

// Range- and calendar-checked value of parsed parts.
std::optional<DateTime> PartsToDateTime(const ParsedDateTime& parts);

}  // namespace tetradb::rel::internal
