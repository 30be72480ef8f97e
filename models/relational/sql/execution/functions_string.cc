// String functions. Lengths and positions count characters (UTF-8 code
// points) except LENGTH, which counts bytes, as in MySQL with utf8mb4.
// UPPER/LOWER use Unicode's simple case mapping over decoded UTF-8.
#include <fmt/format.h>

#include <locale.h>

#include <algorithm>
#include <cmath>
#include <cwctype>
#include <random>

#include "models/relational/sql/execution/functions.h"
#include "models/relational/types/utf8.h"

namespace tetradb::rel::sql {
namespace {

using Args = std::vector<Value>;
constexpr size_t kMaxResultBytes = 64 << 20;  // MySQL's max_allowed_packet: NULL beyond

bool AnyNull(const Args& a) {
  for (const Value& v : a) {
    if (v.is_null()) return true;
  }
  return false;
}

// Byte offsets of each character start, plus the end.
std::vector<size_t> CharStarts(std::string_view s) {
  std::vector<size_t> out;
  for (size_t i = 0; i < s.size(); i += Utf8SequenceLength(static_cast<unsigned char>(s[i]))) {
    out.push_back(i);
  }
  out.push_back(s.size());
  return out;
}

size_t CharCount(std::string_view s) { return CharStarts(s).size() - 1; }

int64_t IntArg(const Value& v) {
  if (v.kind() == ValueKind::kUInt) {
    return v.uint_value() > INT64_MAX ? INT64_MAX : static_cast<int64_t>(v.uint_value());
  }
  return ToInt64(v).value_or(v.kind() == ValueKind::kString ? 0 : INT64_MAX);
}

// Characters [from, from + count) of s (0-based, clamped).
std::string CharSlice(std::string_view s, int64_t from, int64_t count) {
  std::vector<size_t> st = CharStarts(s);
  int64_t n = static_cast<int64_t>(st.size()) - 1;
  if (from < 0 || from >= n || count <= 0) return "";
  int64_t to = count > n - from ? n : from + count;
  return std::string(s.substr(st[from], st[to] - st[from]));
}

SqlResult<Value> Concat(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string out;
  for (const Value& v : a) out += ToText(v);
  return Value::String(std::move(out));
}

SqlResult<Value> ConcatWs(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  std::string sep = ToText(a[0]);
  std::string out;
  bool first = true;
  for (size_t i = 1; i < a.size(); ++i) {
    if (a[i].is_null()) continue;
    if (!first) out += sep;
    out += ToText(a[i]);
    first = false;
  }
  return Value::String(std::move(out));
}

// The C.UTF-8 locale's wide-character tables give Unicode's simple case
// mapping (one code point to one), as MySQL's utf8mb4_0900 collations do
// (so 'ß' has no upper case of its own). A locale object, not setlocale(),
// keeps the process's global locale untouched. Null if the C library lacks
// C.UTF-8; mapping then falls back to ASCII.
locale_t CaseLocale() {
  static const locale_t loc = newlocale(LC_CTYPE_MASK, "C.UTF-8", static_cast<locale_t>(0));
  return loc;
}

// Decodes one well-formed UTF-8 sequence at s[i] (shortest form, no
// surrogates); returns its length, or 0 when the bytes are malformed.
size_t DecodeUtf8(std::string_view s, size_t i, char32_t* cp) {
  const auto b = [&](size_t k) { return static_cast<unsigned char>(s[i + k]); };
  const size_t n = Utf8SequenceLength(b(0));
  if (n == 1) {
    if (b(0) >= 0x80) return 0;
    *cp = b(0);
    return 1;
  }
  if (i + n > s.size()) return 0;
  char32_t c = b(0) & (0x7F >> n);
  for (size_t k = 1; k < n; ++k) {
    if ((b(k) & 0xC0) != 0x80) return 0;
    c = (c << 6) | (b(k) & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (c < kMin[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return 0;
  *cp = c;
  return n;
}

void AppendUtf8(char32_t c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (c >> 6)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (c >> 12)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (c >> 18)));
    out->push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

// Maps each decoded character; bytes that do not decode pass through as they are.
std::string MapCase(std::string_view s, bool upper) {
  const locale_t loc = CaseLocale();
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    char32_t c = 0;
    const size_t n = DecodeUtf8(s, i, &c);
    if (n == 0) {
      out.push_back(s[i++]);
      continue;
    }
    i += n;
    char32_t m = c;
    if (loc != static_cast<locale_t>(0)) {
      const wint_t w = static_cast<wint_t>(c);
      m = static_cast<char32_t>(upper ? towupper_l(w, loc) : towlower_l(w, loc));
    } else if (upper && c >= 'a' && c <= 'z') {
      m = c - 'a' + 'A';
    } else if (!upper && c >= 'A' && c <= 'Z') {
      m = c - 'A' + 'a';
    }
    AppendUtf8(m, &out);
  }
  return out;
}

SqlResult<Value> Lower(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  return Value::String(MapCase(ToText(a[0]), /*upper=*/false));
}

SqlResult<Value> Upper(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  return Value::String(MapCase(ToText(a[0]), /*upper=*/true));
}

SqlResult<Value> Length(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  return Value::Int(static_cast<int64_t>(ToText(a[0]).size()));
}

SqlResult<Value> CharLength(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  return Value::Int(static_cast<int64_t>(CharCount(ToText(a[0]))));
}

SqlResult<Value> Substring(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string s = ToText(a[0]);
  int64_t pos = IntArg(a[1]);
  int64_t n = static_cast<int64_t>(CharCount(s));
  int64_t len = a.size() > 2 ? IntArg(a[2]) : n;
  if (pos == 0) return Value::String("");
  int64_t from = pos > 0 ? pos - 1 : n + pos;
  if (from < 0) return Value::String("");
  return Value::String(CharSlice(s, from, len));
}

SqlResult<Value> Left(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  return Value::String(CharSlice(ToText(a[0]), 0, IntArg(a[1])));
}

SqlResult<Value> Right(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string s = ToText(a[0]);
  int64_t n = static_cast<int64_t>(CharCount(s));
  int64_t k = std::min(IntArg(a[1]), n);
  if (k <= 0) return Value::String("");
  return Value::String(CharSlice(s, n - k, k));
}

std::string TrimChars(std::string s, std::string_view rem, bool leading, bool trailing) {
  if (rem.empty()) return s;
  if (leading) {
    size_t i = 0;
    while (i + rem.size() <= s.size() && s.compare(i, rem.size(), rem) == 0) i += rem.size();
    s.erase(0, i);
  }
  if (trailing) {
    while (s.size() >= rem.size() && s.compare(s.size() - rem.size(), rem.size(), rem) == 0) {
      s.resize(s.size() - rem.size());
    }
  }
  return s;
}

SqlResult<Value> Trim(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string rem = a.size() > 1 ? ToText(a[1]) : " ";
  return Value::String(TrimChars(ToText(a[0]), rem, true, true));
}
SqlResult<Value> TrimLeading(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string rem = a.size() > 1 ? ToText(a[1]) : " ";
  return Value::String(TrimChars(ToText(a[0]), rem, true, false));
}
SqlResult<Value> TrimTrailing(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string rem = a.size() > 1 ? ToText(a[1]) : " ";
  return Value::String(TrimChars(ToText(a[0]), rem, false, true));
}
SqlResult<Value> LTrim(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  return Value::String(TrimChars(ToText(a[0]), " ", true, false));
}
SqlResult<Value> RTrim(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  return Value::String(TrimChars(ToText(a[0]), " ", false, true));
}

SqlResult<Value> Replace(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string s = ToText(a[0]), from = ToText(a[1]), to = ToText(a[2]);
  if (from.empty()) return Value::String(std::move(s));
  std::string out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(from, i);
    if (j == std::string::npos) break;
    out.append(s, i, j - i);
    out += to;
    i = j + from.size();
    if (out.size() > kMaxResultBytes) return Value::Null();
  }
  out.append(s, i, std::string::npos);
  return Value::String(std::move(out));
}

// SUBSTRING_INDEX(s, delim, n): s up to (not including) the n-th delim from
// the left; n < 0: after the |n|-th delim from the right. Fewer delimiters
// than |n|: all of s. n = 0 or an empty delim: ''.
SqlResult<Value> SubstringIndex(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string s = ToText(a[0]), delim = ToText(a[1]);
  int64_t n = IntArg(a[2]);
  if (n == 0 || delim.empty()) return Value::String("");
  if (n > 0) {
    size_t at = 0;
    for (int64_t k = 0; k < n; ++k) {
      size_t j = s.find(delim, at);
      if (j == std::string::npos) return Value::String(std::move(s));
      if (k + 1 == n) return Value::String(s.substr(0, j));
      at = j + delim.size();
    }
    return Value::String(std::move(s));
  }
  // From the right: occurrences that do not overlap, each ending at or
  // before the start of the one found before it.
  const uint64_t count = 0 - static_cast<uint64_t>(n);  // no overflow at INT64_MIN
  size_t end = s.size();
  for (uint64_t k = 0; k < count; ++k) {
    if (end < delim.size()) return Value::String(std::move(s));
    size_t j = s.rfind(delim, end - delim.size());
    if (j == std::string::npos) return Value::String(std::move(s));
    if (k + 1 == count) return Value::String(s.substr(j + delim.size()));
    end = j;
  }
  return Value::String(std::move(s));
}

// 1-based character position of `needle` in `hay` at or after char `start`.
int64_t Find(const std::string& hay, const std::string& needle, int64_t start) {
  std::vector<size_t> st = CharStarts(hay);
  int64_t n = static_cast<int64_t>(st.size()) - 1;
  if (start < 1 || start > n + 1) return 0;
  size_t byte = hay.find(needle, st[start - 1]);
  if (byte == std::string::npos) return 0;
  auto it = std::lower_bound(st.begin(), st.end(), byte);
  return static_cast<int64_t>(it - st.begin()) + 1;
}

SqlResult<Value> Locate(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  int64_t start = a.size() > 2 ? IntArg(a[2]) : 1;
  return Value::Int(Find(ToText(a[1]), ToText(a[0]), start));
}

SqlResult<Value> Instr(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  return Value::Int(Find(ToText(a[0]), ToText(a[1]), 1));
}

SqlResult<Value> Pad(const Args& a, bool left) {
  if (AnyNull(a)) return Value::Null();
  std::string s = ToText(a[0]);
  int64_t len = IntArg(a[1]);
  std::string pad = ToText(a[2]);
  if (len < 0) return Value::Null();
  int64_t n = static_cast<int64_t>(CharCount(s));
  if (len <= n) return Value::String(CharSlice(s, 0, len));
  if (pad.empty()) return Value::Null();
  if (static_cast<uint64_t>(len) > kMaxResultBytes / 4) return Value::Null();
  std::vector<size_t> ps = CharStarts(pad);
  int64_t pn = static_cast<int64_t>(ps.size()) - 1;
  std::string fill;
  for (int64_t i = 0; i < len - n; ++i) {
    int64_t k = i % pn;
    fill.append(pad, ps[k], ps[k + 1] - ps[k]);
  }
  return Value::String(left ? fill + s : s + fill);
}
SqlResult<Value> LPad(const Args& a, const FnEnv&) { return Pad(a, true); }
SqlResult<Value> RPad(const Args& a, const FnEnv&) { return Pad(a, false); }

SqlResult<Value> Repeat(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string s = ToText(a[0]);
  int64_t n = IntArg(a[1]);
  if (n <= 0 || s.empty()) return Value::String("");
  if (static_cast<uint64_t>(n) > kMaxResultBytes / s.size()) return Value::Null();
  std::string out;
  out.reserve(s.size() * n);
  for (int64_t i = 0; i < n; ++i) out += s;
  return Value::String(std::move(out));
}

SqlResult<Value> Reverse(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  std::string s = ToText(a[0]);
  std::vector<size_t> st = CharStarts(s);
  std::string out;
  for (size_t i = st.size() - 1; i > 0; --i) out.append(s, st[i - 1], st[i] - st[i - 1]);
  return Value::String(std::move(out));
}

SqlResult<Value> Space(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  int64_t n = IntArg(a[0]);
  if (n <= 0) return Value::String("");
  if (static_cast<uint64_t>(n) > kMaxResultBytes) return Value::Null();
  return Value::String(std::string(n, ' '));
}

SqlResult<Value> Strcmp(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  int c = ToText(a[0]).compare(ToText(a[1]));
  return Value::Int(c < 0 ? -1 : c > 0 ? 1 : 0);
}

SqlResult<Value> Ascii(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  std::string s = ToText(a[0]);
  return Value::Int(s.empty() ? 0 : static_cast<unsigned char>(s[0]));
}

SqlResult<Value> FindInSet(const Args& a, const FnEnv&) {
  if (AnyNull(a)) return Value::Null();
  std::string needle = ToText(a[0]), list = ToText(a[1]);
  if (list.empty()) return Value::Int(0);
  int64_t i = 1;
  size_t start = 0;
  while (true) {
    size_t comma = list.find(',', start);
    std::string_view item(list.data() + start,
                          (comma == std::string::npos ? list.size() : comma) - start);
    if (item == needle) return Value::Int(i);
    if (comma == std::string::npos) return Value::Int(0);
    start = comma + 1;
    ++i;
  }
}

SqlResult<Value> Field(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Int(0);
  for (size_t i = 1; i < a.size(); ++i) {
    if (!a[i].is_null() && Compare(a[0], a[i]) == 0) return Value::Int(static_cast<int64_t>(i));
  }
  return Value::Int(0);
}

SqlResult<Value> Elt(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  int64_t n = IntArg(a[0]);
  if (n < 1 || n >= static_cast<int64_t>(a.size())) return Value::Null();
  if (a[n].is_null()) return Value::Null();
  return Value::String(ToText(a[n]));
}

SqlResult<Value> Hex(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  std::string out;
  if (a[0].is_numeric()) {
    auto i = ToInt64(a[0]);
    uint64_t u =
        a[0].kind() == ValueKind::kUInt ? a[0].uint_value() : static_cast<uint64_t>(i.value_or(0));
    return Value::String(fmt::format("{:X}", u));
  }
  for (unsigned char c : ToText(a[0])) out += fmt::format("{:02X}", c);
  return Value::String(std::move(out));
}

// FORMAT(x, d): rounded to d decimals with ',' thousands separators.
SqlResult<Value> Format(const Args& a, const FnEnv&) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null();
  int64_t d = std::clamp<int64_t>(IntArg(a[1]), 0, 30);
  std::string digits;
  std::optional<Decimal> dec;
  if (a[0].kind() != ValueKind::kDouble && a[0].kind() != ValueKind::kString) dec = ToDecimal(a[0]);
  if (!dec) {
    double x =
        a[0].kind() == ValueKind::kString ? StringToDouble(a[0].string_value()) : ToDouble(a[0]);
    dec = Decimal::FromDouble(x, 30);
  }
  if (!dec) return Value::Null();
  auto r = dec->Rescale(static_cast<int>(d));
  if (!r) return Value::Null();
  std::string s = r->ToString();
  bool neg = !s.empty() && s[0] == '-';
  if (neg) s.erase(0, 1);
  size_t dot = s.find('.');
  std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot);
  std::string grouped;
  for (size_t i = 0; i < ip.size(); ++i) {
    if (i > 0 && (ip.size() - i) % 3 == 0) grouped += ',';
    grouped += ip[i];
  }
  return Value::String((neg ? "-" : "") + grouped + fp);
}

SqlResult<Value> Uuid(const Args&, const FnEnv&) {
  static thread_local std::mt19937_64 rng{std::random_device{}()};
  uint64_t hi = rng(), lo = rng();
  hi = (hi & 0xFFFFFFFFFFFF0FFFULL) | 0x0000000000004000ULL;  // version 4
  lo = (lo & 0x3FFFFFFFFFFFFFFFULL) | 0x8000000000000000ULL;  // variant
  std::string h = fmt::format("{:016x}{:016x}", hi, lo);
  return Value::String(h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
                       h.substr(16, 4) + "-" + h.substr(20));
}

}  // namespace

const std::vector<FunctionDef>& StringFunctions() {
  static const std::vector<FunctionDef> kFns = {
      {"CONCAT", 1, -1, Concat},
      {"CONCAT_WS", 2, -1, ConcatWs},
      {"LOWER", 1, 1, Lower},
      {"LCASE", 1, 1, Lower},
      {"UPPER", 1, 1, Upper},
      {"UCASE", 1, 1, Upper},
      {"LENGTH", 1, 1, Length},
      {"OCTET_LENGTH", 1, 1, Length},
      {"CHAR_LENGTH", 1, 1, CharLength},
      {"CHARACTER_LENGTH", 1, 1, CharLength},
      {"SUBSTRING", 2, 3, Substring},
      {"SUBSTR", 2, 3, Substring},
      {"MID", 3, 3, Substring},
      {"LEFT", 2, 2, Left},
      {"RIGHT", 2, 2, Right},
      {"TRIM", 1, 2, Trim},
      {"TRIM_LEADING", 1, 2, TrimLeading},
      {"TRIM_TRAILING", 1, 2, TrimTrailing},
      {"LTRIM", 1, 1, LTrim},
      {"RTRIM", 1, 1, RTrim},
      {"REPLACE", 3, 3, Replace},
      {"LOCATE", 2, 3, Locate},
      {"POSITION", 2, 2, Locate},
      {"INSTR", 2, 2, Instr},
      {"SUBSTRING_INDEX", 3, 3, SubstringIndex},
      {"LPAD", 3, 3, LPad},
      {"RPAD", 3, 3, RPad},
      {"REPEAT", 2, 2, Repeat},
      {"REVERSE", 1, 1, Reverse},
      {"SPACE", 1, 1, Space},
      {"STRCMP", 2, 2, Strcmp},
      {"ASCII", 1, 1, Ascii},
      {"FIND_IN_SET", 2, 2, FindInSet},
      {"FIELD", 2, -1, Field},
      {"ELT", 2, -1, Elt},
      {"HEX", 1, 1, Hex},
      {"FORMAT", 2, 3, Format},
      {"UUID", 0, 0, Uuid, SpecialFn::kNone, true},
  };
  return kFns;
}

}  // namespace tetradb::rel::sql
