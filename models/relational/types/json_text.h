// JSON column text: validation with MySQL's error reasons and positions, and
// MySQL's normalized print of a JSON document.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace tetradb::rel {

struct JsonTextError {
  std::string reason;   // MySQL's (RapidJSON's) wording: "Invalid value."
  size_t position = 0;  // byte offset where the parser stopped
};

// Checks that `text` is one JSON document. On failure fills `error` (when
// not null) with the reason and position MySQL reports in error 3140.
bool ValidateJsonText(std::string_view text, JsonTextError* error);

// The document as MySQL prints a JSON value: separators ", " and ": ",
// object keys sorted by length then bytes, the last of duplicate keys kept,
// doubles with a fraction or exponent (1.0, 1e20). False (with `error`) when
// the text is not valid JSON.
bool NormalizeJsonText(std::string_view text, std::string* out, JsonTextError* error);

}  // namespace tetradb::rel
