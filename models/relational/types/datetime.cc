#include "models/relational/types/datetime.h"

#include <cctype>

#include <fmt/format.h>

#include "models/relational/types/datetime_parse.h"

namespace tetradb::rel {
namespace {

constexpr int64_t kMicrosPerSecond = 1'000'000;
constexpr int64_t kMicrosPerDay = 86'400 * kMicrosPerSecond;

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// The valid range in micros: 1000-01-01 00:00:00 .. 9999-12-31 23:59:59.999999.
int64_t MinMicros() { return int64_t{DaysFromCivil({1000, 1, 1})} * kMicrosPerDay; }
int64_t MaxMicros() { return (int64_t{DaysFromCivil({9999, 12, 31})} + 1) * kMicrosPerDay - 1; }

constexpr const char* kMonthNames[] = {"January", "February", "March",     "April",
                                       "May",     "June",     "July",      "August",
                                       "September", "October", "November", "December"};
constexpr const char* kDayNames[] = {"Sunday",   "Monday", "Tuesday", "Wednesday",
                                     "Thursday", "Friday", "Saturday"};

}  // namespace

// Howard Hinnant's days_from_civil / civil_from_days (public-domain algorithms).
int32_t DaysFromCivil(const CivilDate& d) {
  int y = d.year - (d.month <= 2 ? 1 : 0);
  int era = (y >= 0 ? y : y - 399) / 400;
  unsigned yoe = static_cast<unsigned>(y - era * 400);
  unsigned mp = static_cast<unsigned>(d.month > 2 ? d.month - 3 : d.month + 9);
  unsigned doy = (153 * mp + 2) / 5 + static_cast<unsigned>(d.day) - 1;
  unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<int32_t>(era * 146097 + static_cast<int>(doe) - 719468);
}

CivilDate CivilFromDays(int32_t days) {
  int z = days + 719468;
  int era = (z >= 0 ? z : z - 146096) / 146097;
  unsigned doe = static_cast<unsigned>(z - era * 146097);
  unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int y = static_cast<int>(yoe) + era * 400;
  unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  unsigned mp = (5 * doy + 2) / 153;
  int day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  int month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  return CivilDate{y + (month <= 2 ? 1 : 0), month, day};
}

bool IsValidCivil(const CivilDate& d) {
  if (d.year < 1000 || d.year > 9999 || d.month < 1 || d.month > 12) return false;
  return d.day >= 1 && d.day <= DaysInMonth(d.year, d.month);
}

namespace internal {

namespace {

// Reads 1..max_len digits; returns false when none.
bool ReadNumber(std::string_view s, size_t* pos, size_t max_len, int* out, size_t* len) {
  size_t start = *pos;
  int v = 0;
  while (*pos < s.size() && *pos - start < max_len &&
         std::isdigit(static_cast<unsigned char>(s[*pos]))) {
    v = v * 10 + (s[*pos] - '0');
    ++*pos;
  }
  *len = *pos - start;
  *out = v;
  return *len > 0;
}

int ExpandYear(int year, size_t digits) {
  if (digits > 2) return year;
  return year < 70 ? 2000 + year : 1900 + year;  // MySQL's two-digit year rule
}

bool IsDelimiter(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

// Fraction digits after '.', at most 6 kept; a 7th digit rounds half up.
void ReadFraction(std::string_view s, size_t* pos, ParsedDateTime* out) {
  int micros = 0, digits = 0;
  bool round_up = false;
  while (*pos < s.size() && std::isdigit(static_cast<unsigned char>(s[*pos]))) {
    if (digits < 6) {
      micros = micros * 10 + (s[*pos] - '0');
    } else if (digits == 6) {
      round_up = s[*pos] >= '5';
    }
    ++digits;
    ++*pos;
  }
  out->fsp = static_cast<uint8_t>(std::min(digits, 6));
  for (int i = std::min(digits, 6); i < 6; ++i) micros *= 10;
  out->time.micros = micros;
  out->carry_micro = round_up;
}

bool ParseAllDigits(std::string_view s, ParsedDateTime* out) {
  size_t dot = s.find('.');
  std::string_view digits = s.substr(0, dot);
  for (char c : digits) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  auto num = [&](size_t at, size_t n) {
    int v = 0;
    for (size_t i = at; i < at + n; ++i) v = v * 10 + (digits[i] - '0');
    return v;
  };
  size_t n = digits.size();
  size_t at = 0;
  if (n == 8 || n == 14) {
    out->date.year = num(0, 4);
    at = 4;
  } else if (n == 6 || n == 12) {
    out->date.year = ExpandYear(num(0, 2), 2);
    at = 2;
  } else {
    return false;
  }
  out->date.month = num(at, 2);
  out->date.day = num(at + 2, 2);
  at += 4;
  if (n == 12 || n == 14) {
    out->has_time = true;
    out->time.hour = num(at, 2);
    out->time.minute = num(at + 2, 2);
    out->time.second = num(at + 4, 2);
  }
  if (dot != std::string_view::npos) {
    if (!out->has_time) return false;
    size_t pos = dot + 1;
    ReadFraction(s, &pos, out);
    if (pos != s.size()) return false;
  }
  return true;
}

}  // namespace

bool ParseDateTimeParts(std::string_view text, ParsedDateTime* out) {
  *out = ParsedDateTime();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  if (text.empty()) return false;
  bool all_digits = true;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.') all_digits = false;
  }
  if (all_digits) return ParseAllDigits(text, out);

  size_t pos = 0, len = 0;
  int v = 0;
  if (!ReadNumber(text, &pos, 4, &v, &len)) return false;
  out->date.year = ExpandYear(v, len);
  if (pos >= text.size() || !IsDelimiter(text[pos])) return false;
  ++pos;
  if (!ReadNumber(text, &pos, 2, &out->date.month, &len)) return false;
  if (pos >= text.size() || !IsDelimiter(text[pos])) return false;
  ++pos;
  if (!ReadNumber(text, &pos, 2, &out->date.day, &len)) return false;
  if (pos == text.size()) return true;
  // Date and time are separated by spaces or a 'T'.
  if (text[pos] == 'T') {
    ++pos;
  } else if (std::isspace(static_cast<unsigned char>(text[pos]))) {
    while (pos < text.size() && std::isspace(static_cast<unsigned char>(text[pos]))) ++pos;
  } else {
    return false;
  }
  out->has_time = true;
  if (!ReadNumber(text, &pos, 2, &out->time.hour, &len)) return false;
  if (pos >= text.size() || text[pos] != ':') return false;
  ++pos;
  if (!ReadNumber(text, &pos, 2, &out->time.minute, &len)) return false;
  if (pos < text.size() && text[pos] == ':') {
    ++pos;
    if (!ReadNumber(text, &pos, 2, &out->time.second, &len)) return false;
    if (pos < text.size() && text[pos] == '.') {
      ++pos;
      ReadFraction(text, &pos, out);
    }
  }
  return pos == text.size();
}

std::optional<DateTime> PartsToDateTime(const ParsedDateTime& p) {
  if (!IsValidCivil(p.date)) return std::nullopt;
  const CivilTime& t = p.time;
  if (t.hour > 23 || t.minute > 59 || t.second > 59) return std::nullopt;
  int64_t micros = int64_t{DaysFromCivil(p.date)} * kMicrosPerDay +
                   ((t.hour * 60 + t.minute) * 60 + t.second) * kMicrosPerSecond + t.micros +
                   (p.carry_micro ? 1 : 0);
  if (micros > MaxMicros()) return std::nullopt;
  return DateTime{micros, p.fsp};
}

}  // namespace internal

std::optional<Date> ParseDate(std::string_view text) {
  internal::ParsedDateTime p;
  if (!internal::ParseDateTimeParts(text, &p)) return std::nullopt;
  auto dt = internal::PartsToDateTime(p);
  if (!dt) return std::nullopt;
  if (dt->micros % kMicrosPerDay != 0) return std::nullopt;
  return DateOf(*dt);
}

std::optional<DateTime> ParseDateTime(std::string_view text) {
  internal::ParsedDateTime p;
  if (!internal::ParseDateTimeParts(text, &p)) return std::nullopt;
  return internal::PartsToDateTime(p);
}

std::string FormatDate(Date d) {
  CivilDate c = CivilFromDays(d.days);
  return fmt::format("{:04}-{:02}-{:02}", c.year, c.month, c.day);
}

std::string FormatDateTime(DateTime dt) {
  int64_t days = FloorDiv(dt.micros, kMicrosPerDay);
  int64_t rest = dt.micros - days * kMicrosPerDay;
  int64_t secs = rest / kMicrosPerSecond;
  int64_t micros = rest % kMicrosPerSecond;
  std::string out = fmt::format("{} {:02}:{:02}:{:02}", FormatDate(Date{static_cast<int32_t>(days)}),
                                secs / 3600, secs / 60 % 60, secs % 60);
  int fsp = std::min<int>(dt.fsp, 6);
  if (fsp > 0) {
    std::string frac = fmt::format("{:06}", micros);
    out += '.';
    out += frac.substr(0, static_cast<size_t>(fsp));
  }
  return out;
}

Date DateOf(DateTime dt) {
  return Date{static_cast<int32_t>(FloorDiv(dt.micros, kMicrosPerDay))};
}

DateTime ToDateTime(Date d) { return DateTime{int64_t{d.days} * kMicrosPerDay, 0}; }

std::optional<IntervalUnit> ParseIntervalUnit(std::string_view word) {
  std::string w;
  for (char c : word) w.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(c))));
  if (w == "MICROSECOND") return IntervalUnit::kMicrosecond;
  if (w == "SECOND") return IntervalUnit::kSecond;
  if (w == "MINUTE") return IntervalUnit::kMinute;
  if (w == "HOUR") return IntervalUnit::kHour;
  if (w == "DAY") return IntervalUnit::kDay;
  if (w == "WEEK") return IntervalUnit::kWeek;
  if (w == "MONTH") return IntervalUnit::kMonth;
  if (w == "QUARTER") return IntervalUnit::kQuarter;
  if (w == "YEAR") return IntervalUnit::kYear;
  return std::nullopt;
}

std::optional<DateTime> AddInterval(DateTime dt, int64_t n, IntervalUnit unit) {
  int64_t per = 0;
  int64_t months = 0;
  switch (unit) {
    case IntervalUnit::kMicrosecond: per = 1; break;
    case IntervalUnit::kSecond: per = kMicrosPerSecond; break;
    case IntervalUnit::kMinute: per = 60 * kMicrosPerSecond; break;
    case IntervalUnit::kHour: per = 3600 * kMicrosPerSecond; break;
    case IntervalUnit::kDay: per = kMicrosPerDay; break;
    case IntervalUnit::kWeek: per = 7 * kMicrosPerDay; break;
    case IntervalUnit::kMonth: months = 1; break;
    case IntervalUnit::kQuarter: months = 3; break;
    case IntervalUnit::kYear: months = 12; break;
  }
  DateTime out = dt;
  if (per != 0) {
    int64_t delta, micros;
    if (__builtin_mul_overflow(n, per, &delta) ||
        __builtin_add_overflow(dt.micros, delta, &micros)) {
      return std::nullopt;
    }
    out.micros = micros;
    if (unit == IntervalUnit::kMicrosecond) out.fsp = 6;
  } else {
    int64_t delta;
    if (__builtin_mul_overflow(n, months, &delta) || delta > 120000 || delta < -120000) {
      return std::nullopt;
    }
    int64_t day_index = FloorDiv(dt.micros, kMicrosPerDay);
    int64_t time_of_day = dt.micros - day_index * kMicrosPerDay;
    CivilDate c = CivilFromDays(static_cast<int32_t>(day_index));
    int64_t month_index = int64_t{c.year} * 12 + (c.month - 1) + delta;
    c.year = static_cast<int>(FloorDiv(month_index, 12));
    c.month = static_cast<int>(month_index - int64_t{c.year} * 12) + 1;
    if (c.year < 1000 || c.year > 9999) return std::nullopt;
    c.day = std::min(c.day, DaysInMonth(c.year, c.month));
    out.micros = int64_t{DaysFromCivil(c)} * kMicrosPerDay + time_of_day;
  }
  if (out.micros < MinMicros() || out.micros > MaxMicros()) return std::nullopt;
  return out;
}

std::string FormatMysql(DateTime dt, std::string_view format) {
  int64_t days = FloorDiv(dt.micros, kMicrosPerDay);
  int64_t rest = dt.micros - days * kMicrosPerDay;
  CivilDate c = CivilFromDays(static_cast<int32_t>(days));
  int hour = static_cast<int>(rest / (3600 * kMicrosPerSecond));
  int minute = static_cast<int>(rest / (60 * kMicrosPerSecond) % 60);
  int second = static_cast<int>(rest / kMicrosPerSecond % 60);
  int micros = static_cast<int>(rest % kMicrosPerSecond);
  int weekday = static_cast<int>(((days % 7) + 7 + 4) % 7);  // 1970-01-01 was a Thursday
  int yday = static_cast<int>(days - DaysFromCivil({c.year, 1, 1}));  // 0-based
  int hour12 = hour % 12 == 0 ? 12 : hour % 12;
  const char* ampm = hour < 12 ? "AM" : "PM";
  std::string out;
  for (size_t i = 0; i < format.size(); ++i) {
    char ch = format[i];
    if (ch != '%' || i + 1 == format.size()) {
      out.push_back(ch);
      continue;
    }
    char spec = format[++i];
    switch (spec) {
      case 'Y': out += fmt::format("{:04}", c.year); break;
      case 'y': out += fmt::format("{:02}", c.year % 100); break;
      case 'm': out += fmt::format("{:02}", c.month); break;
      case 'c': out += fmt::format("{}", c.month); break;
      case 'd': out += fmt::format("{:02}", c.day); break;
      case 'e': out += fmt::format("{}", c.day); break;
      case 'H': out += fmt::format("{:02}", hour); break;
      case 'k': out += fmt::format("{}", hour); break;
      case 'h':
      case 'I': out += fmt::format("{:02}", hour12); break;
      case 'l': out += fmt::format("{}", hour12); break;
      case 'i': out += fmt::format("{:02}", minute); break;
      case 's':
      case 'S': out += fmt::format("{:02}", second); break;
      case 'f': out += fmt::format("{:06}", micros); break;
      case 'p': out += ampm; break;
      case 'W': out += kDayNames[weekday]; break;
      case 'a': out += std::string_view(kDayNames[weekday]).substr(0, 3); break;
      case 'M': out += kMonthNames[c.month - 1]; break;
      case 'b': out += std::string_view(kMonthNames[c.month - 1]).substr(0, 3); break;
      case 'j': out += fmt::format("{:03}", yday + 1); break;
      case 'T': out += fmt::format("{:02}:{:02}:{:02}", hour, minute, second); break;
      case 'r':
        out += fmt::format("{:02}:{:02}:{:02} {}", hour12, minute, second, ampm);
        break;
      case 'D': {
        int d = c.day;
        const char* suffix = "th";
        if (d % 100 < 11 || d % 100 > 13) {
          if (d % 10 == 1) suffix = "st";
          if (d % 10 == 2) suffix = "nd";
          if (d % 10 == 3) suffix = "rd";
        }
        out += fmt::format("{}{}", d, suffix);
        break;
      }
      case 'w': out += fmt::format("{}", weekday); break;
      case 'U': out += fmt::format("{:02}", (yday + 7 - weekday) / 7); break;
      default: out.push_back(spec); break;  // '%%' -> '%', unknown -> the letter
    }
  }
  return out;
}

int64_t DiffDays(Date a, Date b) { return int64_t{a.days} - int64_t{b.days}; }

}  // namespace tetradb::rel
