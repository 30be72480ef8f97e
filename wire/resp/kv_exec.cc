#include "wire/resp/kv_exec.h"

#include <cctype>
#include <cerrno>
#include <cstdlib>

namespace tetradb::resp {

Reply StatusToReply(const Status& s) {
  switch (s.code()) {
    case Status::Code::kWrongType:
      return Reply::ErrorWrongType();
    case Status::Code::kInvalidArgument:
    case Status::Code::kOutOfRange:
    case Status::Code::kNotSupported:
      // Model messages for these codes are Redis's texts ("ERR ...", "BUSYKEY ...").
      return Reply::Error(s.message());
    case Status::Code::kNotFound:
      return Reply::Error("ERR no such key");
    default:
      return Reply::Error("ERR " + s.ToString());
  }
}

bool ParseInt64(std::string_view s, int64_t* out) {
  // As Redis's string2ll: optional '-', no '+', no spaces, no leading zeros.
  if (s.empty() || s.size() > 20) return false;
  size_t i = s[0] == '-' ? 1 : 0;
  if (i == s.size()) return false;
  if (s[i] == '0' && s.size() > i + 1) return false;
  if (s == "-0") return false;
  auto [p, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && p == s.data() + s.size();
}

bool ParseDouble(std::string_view s, double* out) {
  if (s.empty() || s.size() > 256 || std::isspace(static_cast<unsigned char>(s[0]))) return false;
  std::string buf(s);
  char* end = nullptr;
  errno = 0;
  double d = std::strtod(buf.c_str(), &end);
  if (end != buf.c_str() + buf.size() || std::isnan(d)) return false;
  // As Redis: overflow (to +-inf) and underflow to zero are errors; a
  // denormal result is fine. "inf" itself parses without ERANGE.
  if (errno == ERANGE && (std::isinf(d) || d == 0)) return false;
  *out = d;
  return true;
}

Reply ErrNotInteger() { return Reply::Error("ERR value is not an integer or out of range"); }
Reply ErrNotFloat() { return Reply::Error("ERR value is not a valid float"); }

bool ParseScanArgs(const std::vector<std::string>& a, size_t cursor_at, ScanArgs* out) {
  const std::string& c = a[cursor_at];
  if (!c.empty() && std::isspace(static_cast<unsigned char>(c[0]))) return false;
  errno = 0;
  char* end = nullptr;
  out->cursor = std::strtoull(c.c_str(), &end, 10);  // as strtoul: "-1" wraps, as in Redis
  if (*end != '\0' || errno == ERANGE) return false;
  for (size_t i = cursor_at + 1; i < a.size(); i += 2) {
    bool has_value = i + 1 < a.size();
    if (has_value && EqualsIgnoreCase(a[i], "count")) {
      int64_t n;
      if (!ParseInt64(a[i + 1], &n)) {
        out->option_error = ErrNotInteger();
        return true;
      }
      if (n < 1) {
        out->option_error = Reply::ErrorSyntax();
        return true;
      }
      out->count = static_cast<uint64_t>(n);
    } else if (has_value && EqualsIgnoreCase(a[i], "match")) {
      // "*" matches everything: no filtering at all.
      out->match = a[i + 1] == "*" ? std::nullopt : std::optional<std::string>(a[i + 1]);
    } else {
      out->option_error = Reply::ErrorSyntax();
      return true;
    }
  }
  return true;
}

Result<std::optional<Reply>> ScanOptionError(kv::KvTxn& t, int db, std::string_view key,
                                             kv::Type type, const ScanArgs& args) {
  if (!args.option_error) return std::optional<Reply>();
  Result<kv::KeyState> st = t.LoadAs(db, key, type, /*lock=*/false);
  TETRADB_RETURN_IF_ERROR(st.status());
  return st->live ? args.option_error : std::optional<Reply>();
}

bool ParseListEnd(std::string_view s, bool* left) {
  if (EqualsIgnoreCase(s, "left")) {
    *left = true;
  } else if (EqualsIgnoreCase(s, "right")) {
    *left = false;
  } else {
    return false;
  }
  return true;
}

std::optional<Reply> ParseMPopArgs(const std::vector<std::string>& a, size_t numkeys_at,
                                   MPopArgs* out) {
  int64_t numkeys;
  if (!ParseInt64(a[numkeys_at], &numkeys) || numkeys < 1) {
    return Reply::Error("ERR numkeys should be greater than 0");
  }
  // The LEFT|RIGHT argument must follow the keys.
  if (static_cast<uint64_t>(numkeys) >= a.size() - numkeys_at - 1) return Reply::ErrorSyntax();
  size_t where = numkeys_at + 1 + static_cast<size_t>(numkeys);
  if (!ParseListEnd(a[where], &out->left)) return Reply::ErrorSyntax();
  int64_t count = -1;
  for (size_t j = where + 1; j < a.size(); ++j) {
    if (count == -1 && EqualsIgnoreCase(a[j], "count") && j + 1 < a.size()) {
      if (!ParseInt64(a[++j], &count) || count < 1) {
        return Reply::Error("ERR count should be greater than 0");
      }
    } else {
      return Reply::ErrorSyntax();
    }
  }
  out->count = count == -1 ? 1 : count;
  out->keys.assign(a.begin() + numkeys_at + 1, a.begin() + where);
  return std::nullopt;
}

}  // namespace tetradb::resp
