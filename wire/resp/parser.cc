#include "wire/resp/parser.h"

#include <algorithm>
#include <cstring>
#include <utility>

namespace tetradb::resp {

namespace {

// Counts and lengths come from the client, so never trust them for more
// than this much memory up front; vectors and strings grow past it as the
// data actually arrives.
constexpr int64_t kMaxReservedArgs = 1024;
constexpr int64_t kMaxReservedBytes = 1 << 20;

// Redis's string2ll: optional '-', no '+', no leading zeros (so "-0" and
// "01" fail), fewer than 21 characters, within int64.
bool ParseStrictInt64(std::string_view s, int64_t* value) {
  if (s.empty() || s.size() >= 21) return false;
  if (s == "0") {
    *value = 0;
    return true;
  }
  bool negative = false;
  size_t i = 0;
  if (s[0] == '-') {
    negative = true;
    i = 1;
  }
  if (i >= s.size() || s[i] < '1' || s[i] > '9') return false;
  uint64_t magnitude = 0;
  for (; i < s.size(); ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    uint64_t digit = static_cast<uint64_t>(s[i] - '0');
    if (magnitude > (UINT64_MAX - digit) / 10) return false;
    magnitude = magnitude * 10 + digit;
  }
  constexpr uint64_t kMaxPositive = static_cast<uint64_t>(INT64_MAX);
  if (negative) {
    if (magnitude > kMaxPositive + 1) return false;
    *value = magnitude == kMaxPositive + 1 ? INT64_MIN : -static_cast<int64_t>(magnitude);
  } else {
    if (magnitude > kMaxPositive) return false;
    *value = static_cast<int64_t>(magnitude);
  }
  return true;
}

// C-locale isspace(), which sdssplitargs uses to skip blanks and to check
// what follows a closing quote.
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

char Unescape(char c) {
  switch (c) {
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'b':
      return '\b';
    case 'a':
      return '\a';
    default:
      return c;
  }
}

}  // namespace

bool SplitArgs(std::string_view line, std::vector<std::string>* args) {
  args->clear();
  // sdssplitargs reads a C string: past the end, and at any NUL, it sees '\0'.
  auto at = [line](size_t i) { return i < line.size() ? line[i] : '\0'; };
  enum class Quote { kNone, kDouble, kSingle };
  size_t p = 0;
  while (true) {
    while (at(p) != '\0' && IsSpace(at(p))) ++p;
    if (at(p) == '\0') return true;
    std::string word;
    Quote quote = Quote::kNone;
    bool done = false;
    while (!done) {
      char c = at(p);
      if (quote == Quote::kDouble) {
        if (c == '\\' && at(p + 1) == 'x' && HexValue(at(p + 2)) >= 0 && HexValue(at(p + 3)) >= 0) {
          word.push_back(static_cast<char>(HexValue(at(p + 2)) * 16 + HexValue(at(p + 3))));
          p += 3;
        } else if (c == '\\' && at(p + 1) != '\0') {
          ++p;
          word.push_back(Unescape(at(p)));
        } else if (c == '"') {
          if (at(p + 1) != '\0' && !IsSpace(at(p + 1))) break;
          done = true;
        } else if (c == '\0') {
          break;
        } else {
          word.push_back(c);
        }
      } else if (quote == Quote::kSingle) {
        if (c == '\\' && at(p + 1) == '\'') {
          ++p;
          word.push_back('\'');
        } else if (c == '\'') {
          if (at(p + 1) != '\0' && !IsSpace(at(p + 1))) break;
          done = true;
        } else if (c == '\0') {
          break;
        } else {
          word.push_back(c);
        }
      } else if (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\0') {
        // Only these end a bare word; \v and \f are kept inside it.
        done = true;
      } else if (c == '"') {
        quote = Quote::kDouble;
      } else if (c == '\'') {
        quote = Quote::kSingle;
      } else {
        word.push_back(c);
      }
      if (at(p) != '\0') ++p;
    }
    if (!done) {  // left the loop by `break`: bad quoting
      args->clear();
      return false;
    }
    args->push_back(std::move(word));
  }
}

RequestParser::RequestParser(ParserLimits limits) : limits_(limits) {}

void RequestParser::Reset() {
  state_ = State::kRequestStart;
  failed_ = false;
  scanned_ = 0;
  elements_left_ = 0;
  payload_left_ = 0;
  trailer_left_ = 0;
  pending_args_.clear();
  error_.clear();
}

RequestParser::Result RequestParser::Parse(std::string_view data, size_t* consumed,
                                           std::vector<std::string>* args) {
  *consumed = 0;
  args->clear();
  if (failed_) return Result::kError;
  size_t pos = 0;
  while (true) {
    Step step = Step::kNeedMore;
    switch (state_) {
      case State::kRequestStart:
        if (pos == data.size()) break;
        step = data[pos] == '*' ? ParseMultibulkHeader(data, &pos) : ParseInline(data, &pos, args);
        break;
      case State::kBulkHeader:
        step = ParseBulkHeader(data, &pos);
        break;
      case State::kBulkPayload:
        step = ParseBulkPayload(data, &pos, args);
        break;
    }
    *consumed = pos;
    switch (step) {
      case Step::kContinue:
        continue;
      case Step::kCommand:
        if (args->empty()) continue;  // empty request: Redis skips it
        return Result::kCommand;
      case Step::kNeedMore:
        return Result::kNeedMore;
      case Step::kError:
        return Result::kError;
    }
  }
}

size_t RequestParser::FindInLine(std::string_view line, char terminator) {
  if (scanned_ > line.size()) scanned_ = 0;  // contract broken; be safe
  const void* hit = std::memchr(line.data() + scanned_, terminator, line.size() - scanned_);
  if (hit == nullptr) {
    scanned_ = line.size();
    return std::string_view::npos;
  }
  size_t at = static_cast<const char*>(hit) - line.data();
  scanned_ = at;
  return at;
}

RequestParser::Step RequestParser::ParseMultibulkHeader(std::string_view data, size_t* pos) {
  std::string_view line = data.substr(*pos);
  size_t cr = FindInLine(line, '\r');
  if (cr == std::string_view::npos) {
    if (line.size() > limits_.max_inline_len) {
      return Fail("Protocol error: too big mbulk count string");
    }
    return Step::kNeedMore;
  }
  // Redis wants one byte after the CR and takes it to be the LF unchecked.
  if (cr + 1 >= line.size()) return Step::kNeedMore;
  int64_t count = 0;
  if (!ParseStrictInt64(line.substr(1, cr - 1), &count) || count > limits_.max_multibulk_len) {
    return Fail("Protocol error: invalid multibulk length");
  }
  *pos += cr + 2;
  scanned_ = 0;
  if (count <= 0) return Step::kCommand;  // an empty command
  elements_left_ = count;
  pending_args_.clear();
  pending_args_.reserve(static_cast<size_t>(std::min(count, kMaxReservedArgs)));
  state_ = State::kBulkHeader;
  return Step::kContinue;
}

RequestParser::Step RequestParser::ParseBulkHeader(std::string_view data, size_t* pos) {
  std::string_view line = data.substr(*pos);
  size_t cr = FindInLine(line, '\r');
  if (cr == std::string_view::npos) {
    if (line.size() > limits_.max_inline_len) {
      return Fail("Protocol error: too big bulk count string");
    }
    return Step::kNeedMore;
  }
  if (cr + 1 >= line.size()) return Step::kNeedMore;
  if (line[0] != '$') {
    // Redis formats this with %c into a C string and blanks CR/LF in
    // formatted errors; a NUL therefore ends the message.
    std::string message = "Protocol error: expected '$', got '";
    if (line[0] == '\0') return Fail(std::move(message));
    message.push_back(line[0] == '\r' || line[0] == '\n' ? ' ' : line[0]);
    message.push_back('\'');
    return Fail(std::move(message));
  }
  int64_t length = 0;
  if (!ParseStrictInt64(line.substr(1, cr - 1), &length) || length < 0 ||
      length > limits_.max_bulk_len) {
    return Fail("Protocol error: invalid bulk length");
  }
  *pos += cr + 2;
  scanned_ = 0;
  pending_args_.emplace_back().reserve(static_cast<size_t>(std::min(length, kMaxReservedBytes)));
  payload_left_ = length;
  trailer_left_ = 2;
  state_ = State::kBulkPayload;
  return Step::kContinue;
}

RequestParser::Step RequestParser::ParseBulkPayload(std::string_view data, size_t* pos,
                                                    std::vector<std::string>* args) {
  size_t take = std::min(data.size() - *pos, static_cast<size_t>(payload_left_));
  pending_args_.back().append(data.data() + *pos, take);
  *pos += take;
  payload_left_ -= static_cast<int64_t>(take);
  size_t skip = std::min(data.size() - *pos, static_cast<size_t>(trailer_left_));
  *pos += skip;
  trailer_left_ -= static_cast<int>(skip);
  if (payload_left_ > 0 || trailer_left_ > 0) return Step::kNeedMore;
  if (--elements_left_ > 0) {
    state_ = State::kBulkHeader;
    return Step::kContinue;
  }
  *args = std::move(pending_args_);
  pending_args_ = {};
  state_ = State::kRequestStart;
  return Step::kCommand;
}

RequestParser::Step RequestParser::ParseInline(std::string_view data, size_t* pos,
                                               std::vector<std::string>* args) {
  std::string_view line = data.substr(*pos);
  size_t lf = FindInLine(line, '\n');
  if (lf == std::string_view::npos) {
    if (line.size() > limits_.max_inline_len) {
      return Fail("Protocol error: too big inline request");
    }
    return Step::kNeedMore;
  }
  size_t end = lf > 0 && line[lf - 1] == '\r' ? lf - 1 : lf;
  if (!SplitArgs(line.substr(0, end), args)) {
    return Fail("Protocol error: unbalanced quotes in request");
  }
  *pos += lf + 1;
  scanned_ = 0;
  return Step::kCommand;
}

RequestParser::Step RequestParser::Fail(std::string message) {
  failed_ = true;
  error_ = std::move(message);
  return Step::kError;
}

}  // namespace tetradb::resp
