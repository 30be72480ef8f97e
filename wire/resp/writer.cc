#include "wire/resp/writer.h"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <string_view>

namespace tetradb::resp {

namespace {

constexpr std::string_view kCrlf = "\r\n";

void AppendInt(int64_t n, std::string* out) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof(buf), n);
  (void)ec;  // 24 bytes always hold an int64.
  out->append(buf, end);
}

// "<prefix><n>\r\n": the header of every length-prefixed type.
void AppendHeader(char prefix, int64_t n, std::string* out) {
  out->push_back(prefix);
  AppendInt(n, out);
  out->append(kCrlf);
}

// "<prefix><line>\r\n" with CR and LF inside `line` turned into spaces.
void AppendLine(char prefix, std::string_view line, std::string* out) {
  out->push_back(prefix);
  size_t start = out->size();
  out->append(line);
  for (size_t i = start; i < out->size(); ++i) {
    char& c = (*out)[i];
    if (c == '\r' || c == '\n') c = ' ';
  }
  out->append(kCrlf);
}

void AppendBulk(std::string_view s, std::string* out) {
  AppendHeader('$', static_cast<int64_t>(s.size()), out);
  out->append(s);
  out->append(kCrlf);
}

void AppendChildren(const std::vector<Reply>& elements, size_t count, int protocol,
                    std::string* out) {
  for (size_t i = 0; i < count; ++i) AppendReply(elements[i], protocol, out);
}

// A Packed reply: its header, then its children as they are encoded.
void AppendPacked(const Reply& reply, bool resp3, std::string* out) {
  const auto n = static_cast<int64_t>(reply.packed_count());
  std::string_view body = reply.packed_body();
  switch (reply.kind()) {
    case Reply::Kind::kMap:
      AppendHeader(resp3 ? '%' : '*', resp3 ? n / 2 : n, out);
      break;
    case Reply::Kind::kSet:
      AppendHeader(resp3 ? '~' : '*', n, out);
      break;
    default:
      AppendHeader('*', n, out);
      break;
  }
  out->append(body);
}

}  // namespace

void AppendReply(const Reply& reply, int protocol, std::string* out) {
  const bool resp3 = protocol == 3;
  // (A map with an odd count goes the element-wise way, which drops the odd key.)
  if (reply.packed() && (reply.kind() != Reply::Kind::kMap || reply.packed_count() % 2 == 0)) {
    AppendPacked(reply, resp3, out);
    return;
  }
  const std::vector<Reply>& elements = reply.elements();
  switch (reply.kind()) {
    case Reply::Kind::kSimple:
      AppendLine('+', reply.str(), out);
      return;
    case Reply::Kind::kError:
      AppendLine('-', reply.str(), out);
      return;
    case Reply::Kind::kInteger:
      AppendHeader(':', reply.integer(), out);
      return;
    case Reply::Kind::kBulk:
      AppendBulk(reply.str(), out);
      return;
    case Reply::Kind::kNull:
      out->append(resp3 ? "_\r\n" : "$-1\r\n");
      return;
    case Reply::Kind::kNullArray:
      out->append(resp3 ? "_\r\n" : "*-1\r\n");
      return;
    case Reply::Kind::kArray:
      AppendHeader('*', static_cast<int64_t>(elements.size()), out);
      AppendChildren(elements, elements.size(), protocol, out);
      return;
    case Reply::Kind::kMap: {
      // An odd trailing key (a handler bug) is dropped rather than emitted,
      // so the frame stays well formed.
      size_t pairs = elements.size() / 2;
      if (resp3) {
        AppendHeader('%', static_cast<int64_t>(pairs), out);
      } else {
        AppendHeader('*', static_cast<int64_t>(pairs * 2), out);
      }
      AppendChildren(elements, pairs * 2, protocol, out);
      return;
    }
    case Reply::Kind::kSet:
      AppendHeader(resp3 ? '~' : '*', static_cast<int64_t>(elements.size()), out);
      AppendChildren(elements, elements.size(), protocol, out);
      return;
    case Reply::Kind::kPush:
      AppendHeader(resp3 ? '>' : '*', static_cast<int64_t>(elements.size()), out);
      AppendChildren(elements, elements.size(), protocol, out);
      return;
    case Reply::Kind::kSequence:
      AppendChildren(elements, elements.size(), protocol, out);
      return;
    case Reply::Kind::kDouble:
      if (resp3) {
        AppendLine(',', FormatDouble(reply.double_value()), out);
      } else {
        AppendBulk(FormatDouble(reply.double_value()), out);
      }
      return;
    case Reply::Kind::kBool:
      if (resp3) {
        out->append(reply.boolean() ? "#t\r\n" : "#f\r\n");
      } else {
        out->append(reply.boolean() ? ":1\r\n" : ":0\r\n");
      }
      return;
    case Reply::Kind::kVerbatim:
      if (resp3) {
        // The length covers the "txt:" format prefix too.
        AppendHeader('=', static_cast<int64_t>(reply.str().size() + 4), out);
        out->append("txt:");
        out->append(reply.str());
        out->append(kCrlf);
      } else {
        AppendBulk(reply.str(), out);
      }
      return;
    case Reply::Kind::kBigNumber:
      if (resp3) {
        AppendLine('(', reply.str(), out);
      } else {
        AppendBulk(reply.str(), out);
      }
      return;
  }
}

std::string EncodeReply(const Reply& reply, int protocol) {
  std::string out;
  AppendReply(reply, protocol, &out);
  return out;
}

std::string FormatDouble(double value) {
  // Spelled out rather than left to libc, whose spelling of infinity varies.
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buf[64];  // %.17g never exceeds 24 characters.
  int n = std::snprintf(buf, sizeof(buf), "%.17g", value);
  return std::string(buf, n > 0 ? static_cast<size_t>(n) : 0);
}

std::string FormatLongDouble(long double value) {
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  // Fixed-point output of a large long double runs to thousands of digits,
  // so size the buffer from a first dry run.
  int n = std::snprintf(nullptr, 0, "%.17Lf", value);
  if (n <= 0) return "0";
  std::string s(static_cast<size_t>(n) + 1, '\0');
  std::snprintf(s.data(), s.size(), "%.17Lf", value);
  s.resize(static_cast<size_t>(n));
  if (s.find('.') != std::string::npos) {
    while (s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
  }
  if (s == "-0") s = "0";
  return s;
}

}  // namespace tetradb::resp
