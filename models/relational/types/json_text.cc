#include "models/relational/types/json_text.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/relational/types/value_internal.h"

namespace tetradb::rel {
namespace {

// A recursive-descent checker that stops where RapidJSON (MySQL's JSON
// parser) stops and names the error the way it does.
class Checker {
 public:
  explicit Checker(std::string_view s) : s_(s) {}

  bool Run(JsonTextError* error) {
    SkipSpace();
    if (pos_ == s_.size()) return Fail("The document is empty.", pos_, error);
    if (!Value(0, error)) return false;
    SkipSpace();
    if (pos_ != s_.size()) {
      return Fail("The document root must not be followed by other values.", pos_, error);
    }
    return true;
  }

 private:
  static constexpr int kMaxDepth = 100;

  bool Fail(const char* reason, size_t pos, JsonTextError* error) {
    if (error != nullptr) *error = JsonTextError{reason, pos};
    return false;
  }
  void SkipSpace() {
    while (pos_ < s_.size() &&
           (s_[pos_] == ' ' || s_[pos_] == '\t' || s_[pos_] == '\n' || s_[pos_] == '\r')) {
      ++pos_;
    }
  }
  bool Peek(char c) const { return pos_ < s_.size() && s_[pos_] == c; }
  bool IsDigit() const { return pos_ < s_.size() && s_[pos_] >= '0' && s_[pos_] <= '9'; }

  bool Value(int depth, JsonTextError* error) {
    if (depth > kMaxDepth) return Fail("Invalid value.", pos_, error);
    if (pos_ >= s_.size()) return Fail("Invalid value.", pos_, error);
    switch (s_[pos_]) {
      case 'n': return Literal("null", error);
      case 't': return Literal("true", error);
      case 'f': return Literal("false", error);
      case '"': return String(error);
      case '{': return Object(depth, error);
      case '[': return Array(depth, error);
      default: return Number(error);
    }
  }

  bool Literal(std::string_view word, JsonTextError* error) {
    ++pos_;
    for (size_t i = 1; i < word.size(); ++i, ++pos_) {
      if (!Peek(word[i])) return Fail("Invalid value.", pos_, error);
    }
    return true;
  }

  bool Number(JsonTextError* error) {
    if (Peek('-')) ++pos_;
    if (!IsDigit()) return Fail("Invalid value.", pos_, error);
    if (Peek('0')) {
      ++pos_;
    } else {
      while (IsDigit()) ++pos_;
    }
    if (Peek('.')) {
      ++pos_;
      if (!IsDigit()) return Fail("Miss fraction part in number.", pos_, error);
      while (IsDigit()) ++pos_;
    }
    if (Peek('e') || Peek('E')) {
      ++pos_;
      if (Peek('+') || Peek('-')) ++pos_;
      if (!IsDigit()) return Fail("Miss exponent in number.", pos_, error);
      while (IsDigit()) ++pos_;
    }
    return true;
  }

  bool Hex4(JsonTextError* error, unsigned* out) {
    *out = 0;
    for (int i = 0; i < 4; ++i, ++pos_) {
      if (pos_ >= s_.size() || !std::isxdigit(static_cast<unsigned char>(s_[pos_]))) {
        return Fail("Incorrect hex digit after \\u escape in string.", pos_, error);
      }
      char c = static_cast<char>(std::tolower(static_cast<unsigned char>(s_[pos_])));
      *out = *out * 16 + static_cast<unsigned>(c <= '9' ? c - '0' : c - 'a' + 10);
    }
    return true;
  }

  // One UTF-8 sequence starting at pos_; false when malformed.
  bool Utf8() {
    unsigned char c = static_cast<unsigned char>(s_[pos_]);
    int extra = c < 0x80 ? 0 : (c >> 5) == 6 ? 1 : (c >> 4) == 14 ? 2 : (c >> 3) == 30 ? 3 : -1;
    if (extra <= 0 || (extra == 1 && c < 0xC2) || pos_ + static_cast<size_t>(extra) >= s_.size()) {
      return false;
    }
    for (int i = 1; i <= extra; ++i) {
      if ((static_cast<unsigned char>(s_[pos_ + static_cast<size_t>(i)]) >> 6) != 2) return false;
    }
    pos_ += static_cast<size_t>(extra) + 1;
    return true;
  }

  bool String(JsonTextError* error) {
    ++pos_;
    while (true) {
      if (pos_ >= s_.size() || s_[pos_] == '\0') {
        return Fail("Missing a closing quotation mark in string.", pos_, error);
      }
      unsigned char c = static_cast<unsigned char>(s_[pos_]);
      if (c == '"') {
        ++pos_;
        return true;
      }
      if (c == '\\') {
        size_t esc = pos_++;
        if (pos_ >= s_.size()) return Fail("Invalid escape character in string.", esc, error);
        char e = s_[pos_];
        if (e == 'u') {
          ++pos_;
          unsigned cp;
          if (!Hex4(error, &cp)) return false;
          if (cp >= 0xD800 && cp <= 0xDBFF) {
            unsigned low;
            if (!Peek('\\') || pos_ + 1 >= s_.size() || s_[pos_ + 1] != 'u') {
              return Fail("The surrogate pair in string is invalid.", pos_, error);
            }
            pos_ += 2;
            if (!Hex4(error, &low)) return false;
            if (low < 0xDC00 || low > 0xDFFF) {
              return Fail("The surrogate pair in string is invalid.", pos_, error);
            }
          }
          continue;
        }
        if (std::string_view("\"\\/bfnrt").find(e) == std::string_view::npos) {
          return Fail("Invalid escape character in string.", esc, error);
        }
        ++pos_;
        continue;
      }
      if (c < 0x20) return Fail("Invalid encoding in string.", pos_, error);
      size_t at = pos_;
      if (c >= 0x80) {
        if (!Utf8()) return Fail("Invalid encoding in string.", at, error);
      } else {
        ++pos_;
      }
    }
  }

  bool Object(int depth, JsonTextError* error) {
    ++pos_;
    SkipSpace();
    if (Peek('}')) {
      ++pos_;
      return true;
    }
    while (true) {
      if (!Peek('"')) return Fail("Missing a name for object member.", pos_, error);
      if (!String(error)) return false;
      SkipSpace();
      if (!Peek(':')) return Fail("Missing a colon after a name of object member.", pos_, error);
      ++pos_;
      SkipSpace();
      if (!Value(depth + 1, error)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (Peek('}')) {
        ++pos_;
        return true;
      }
      return Fail("Missing a comma or '}' after an object member.", pos_, error);
    }
  }

  bool Array(int depth, JsonTextError* error) {
    ++pos_;
    SkipSpace();
    if (Peek(']')) {
      ++pos_;
      return true;
    }
    while (true) {
      if (!Value(depth + 1, error)) return false;
      SkipSpace();
      if (Peek(',')) {
        ++pos_;
        SkipSpace();
        continue;
      }
      if (Peek(']')) {
        ++pos_;
        return true;
      }
      return Fail("Missing a comma or ']' after an array element.", pos_, error);
    }
  }

  std::string_view s_;
  size_t pos_ = 0;
};

void Print(const nlohmann::json& j, std::string* out) {
  switch (j.type()) {
    case nlohmann::json::value_t::object: {
      std::vector<const std::string*> keys;
      for (auto it = j.begin(); it != j.end(); ++it) keys.push_back(&it.key());
      std::sort(keys.begin(), keys.end(), [](const std::string* a, const std::string* b) {
        if (a->size() != b->size()) return a->size() < b->size();
        return *a < *b;
      });
      out->push_back('{');
      for (size_t i = 0; i < keys.size(); ++i) {
        if (i > 0) out->append(", ");
        out->append(nlohmann::json(*keys[i]).dump());
        out->append(": ");
        Print(j.at(*keys[i]), out);
      }
      out->push_back('}');
      return;
    }
    case nlohmann::json::value_t::array: {
      out->push_back('[');
      bool first = true;
      for (const auto& e : j) {
        if (!first) out->append(", ");
        first = false;
        Print(e, out);
      }
      out->push_back(']');
      return;
    }
    case nlohmann::json::value_t::number_float: {
      std::string text = internal::DoubleToText(j.get<double>());
      if (text.find_first_of(".e") == std::string::npos) text += ".0";
      out->append(text);
      return;
    }
    default:
      out->append(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
      return;
  }
}

}  // namespace

bool ValidateJsonText(std::string_view text, JsonTextError* error) {
  return Checker(text).Run(error);
}

bool NormalizeJsonText(std::string_view text, std::string* out, JsonTextError* error) {
  if (!ValidateJsonText(text, error)) return false;
  try {
    nlohmann::json j = nlohmann::json::parse(text.begin(), text.end());
    out->clear();
    Print(j, out);
    return true;
  } catch (const nlohmann::json::exception& e) {
    // The checker accepted it, so this is something like a number beyond
    // double range.
    if (error != nullptr) *error = JsonTextError{"Number too big to be stored in double.", 0};
    return false;
  }
}

}  // namespace tetradb::rel
