#include "wire/resp/kv_exec.h"

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
  if (errno == ERANGE && !std::isinf(d) && d != 0) return false;
  *out = d;
  return true;
}

Reply ErrNotInteger() { return Reply::Error("ERR value is not an integer or out of range"); }
Reply ErrNotFloat() { return Reply::Error("ERR value is not a valid float"); }

}  // namespace tetradb::resp
