// Date and time functions. NOW() and friends read the statement's time
// (ExecContext::now), so every call in one statement agrees, as in MySQL.
// An argument that is not a valid date gives NULL.
#include <fmt/format.h>
#include <strings.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstring>

#include "models/relational/sql/execution/functions.h"

namespace tetradb::rel::sql {
namespace {

using Args = std::vector<Value>;
constexpr int64_t kMicrosPerDay = 86'400'000'000LL;

const char* const kDayNames[] = {"Monday", "Tuesday",  "Wednesday", "Thursday",
                                 "Friday", "Saturday", "Sunday"};
const char* const kMonthNames[] = {"January",   "February", "March",    "April",
                                   "May",       "June",     "July",     "August",
                                   "September", "October",  "November", "December"};

struct Parts {
  int32_t days = 0;
  CivilDate date;
  int hour = 0, minute = 0, second = 0, micros = 0;
};

Parts Split(DateTime dt) {
  Parts p;
  int64_t day = dt.micros >= 0 ? dt.micros / kMicrosPerDay
                               : -((-dt.micros + kMicrosPerDay - 1) / kMicrosPerDay);
  int64_t tod = dt.micros - day * kMicrosPerDay;
  p.days = static_cast<int32_t>(day);
  p.date = CivilFromDays(p.days);
  p.hour = static_cast<int>(tod / 3'600'000'000LL);
  p.minute = static_cast<int>(tod / 60'000'000 % 60);
  p.second = static_cast<int>(tod / 1'000'000 % 60);
  p.micros = static_cast<int>(tod % 1'000'000);
  return p;
}

std::optional<Parts> PartsOf(const Value& v) {
  if (v.is_null()) return std::nullopt;
  auto dt = ToDateTime(v);
  if (!dt) return std::nullopt;
  return Split(*dt);
}

// 0 = Monday .. 6 = Sunday.
int Weekday(int32_t days) { return static_cast<int>(((days % 7) + 7 + 3) % 7); }

DateTime Now(const FnEnv& env, const Args& a) {
  DateTime now = env.ctx->now;
  int fsp = a.empty() ? 0 : static_cast<int>(std::clamp<int64_t>(ToInt64(a[0]).value_or(0), 0, 6));
  int64_t unit = 1;
  for (int i = fsp; i < 6; ++i) unit *= 10;
  now.micros = now.micros / unit * unit;
  now.fsp = static_cast<uint8_t>(fsp);
  return now;
}

SqlResult<Value> NowFn(const Args& a, const FnEnv& env) { return Value::DateTimeV(Now(env, a)); }
SqlResult<Value> CurDate(const Args&, const FnEnv& env) {
  return Value::DateV(DateOf(env.ctx->now));
}
SqlResult<Value> CurTime(const Args& a, const FnEnv& env) {
  Parts p = Split(Now(env, a));
  return Value::String(fmt::format("{:02}:{:02}:{:02}", p.hour, p.minute, p.second));
}

SqlResult<Value> DateFn(const Args& a, const FnEnv&) {
  auto p = PartsOf(a[0]);
  if (!p) return Value::Null();
  return Value::DateV(Date{p->days});
}

SqlResult<Value> TimeFn(const Args& a, const FnEnv&) {
  auto p = PartsOf(a[0]);
  if (!p) return Value::Null();
  std::string s = fmt::format("{:02}:{:02}:{:02}", p->hour, p->minute, p->second);
  if (p->micros != 0) s += fmt::format(".{:06}", p->micros);
  return Value::String(std::move(s));
}

SqlResult<Value> TimestampFn(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  auto dt = ToDateTime(a[0]);
  if (!dt) return Value::Null();
  return Value::DateTimeV(*dt);
}

template <int (*F)(const Parts&)>
SqlResult<Value> Field(const Args& a, const FnEnv&) {
  auto p = PartsOf(a[0]);
  if (!p) return Value::Null();
  return Value::Int(F(*p));
}
int YearOf(const Parts& p) { return p.date.year; }
int MonthOf(const Parts& p) { return p.date.month; }
int DayOf(const Parts& p) { return p.date.day; }
int HourOf(const Parts& p) { return p.hour; }
int MinuteOf(const Parts& p) { return p.minute; }
int SecondOf(const Parts& p) { return p.second; }
int MicroOf(const Parts& p) { return p.micros; }
int QuarterOf(const Parts& p) { return (p.date.month + 2) / 3; }
int DayOfWeekOf(const Parts& p) { return (Weekday(p.days) + 1) % 7 + 1; }  // 1 = Sunday
int WeekdayOf(const Parts& p) { return Weekday(p.days); }
int DayOfYearOf(const Parts& p) { return p.days - DaysFromCivil({p.date.year, 1, 1}) + 1; }
int WeekOf(const Parts& p) {  // mode 0: weeks start on Sunday, week 1 has the first Sunday
  int32_t jan1 = DaysFromCivil({p.date.year, 1, 1});
  int wd_sun0 = (Weekday(jan1) + 1) % 7;
  int first_sunday = (7 - wd_sun0) % 7;
  int doy = p.days - jan1;
  return doy < first_sunday ? 0 : (doy - first_sunday) / 7 + 1;
}
int ToDaysOf(const Parts& p) { return p.days + 719528; }

SqlResult<Value> DayName(const Args& a, const FnEnv&) {
  auto p = PartsOf(a[0]);
  if (!p) return Value::Null();
  return Value::String(kDayNames[Weekday(p->days)]);
}

SqlResult<Value> MonthName(const Args& a, const FnEnv&) {
  auto p = PartsOf(a[0]);
  if (!p) return Value::Null();
  return Value::String(kMonthNames[p->date.month - 1]);
}

SqlResult<Value> LastDay(const Args& a, const FnEnv&) {
  auto p = PartsOf(a[0]);
  if (!p) return Value::Null();
  CivilDate next{p->date.month == 12 ? p->date.year + 1 : p->date.year,
                 p->date.month == 12 ? 1 : p->date.month + 1, 1};
  return Value::DateV(Date{DaysFromCivil(next) - 1});
}

SqlResult<Value> MakeDate(const Args& a, const FnEnv&) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null();
  int64_t y = ToInt64(a[0]).value_or(0), doy = ToInt64(a[1]).value_or(0);
  if (doy <= 0 || y < 0 || y > 9999) return Value::Null();
  int64_t days = DaysFromCivil({static_cast<int>(y), 1, 1}) + doy - 1;
  if (CivilFromDays(static_cast<int32_t>(days)).year > 9999) return Value::Null();
  return Value::DateV(Date{static_cast<int32_t>(days)});
}

SqlResult<Value> DateFormat(const Args& a, const FnEnv&) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null();
  auto dt = ToDateTime(a[0]);
  if (!dt) return Value::Null();
  return Value::String(FormatMysql(*dt, ToText(a[1])));
}

SqlResult<Value> DateDiff(const Args& a, const FnEnv&) {
  auto x = PartsOf(a[0]);
  auto y = PartsOf(a[1]);
  if (!x || !y) return Value::Null();
  return Value::Int(DiffDays(Date{x->days}, Date{y->days}));
}

SqlResult<Value> UnixTimestamp(const Args& a, const FnEnv& env) {
  if (a.empty()) return Value::Int(env.ctx->now.micros / 1'000'000);
  if (a[0].is_null()) return Value::Null();
  auto dt = ToDateTime(a[0]);
  if (!dt || dt->micros < 0) return Value::Int(0);
  if (dt->micros % 1'000'000 == 0) return Value::Int(dt->micros / 1'000'000);
  return Value::Dec(Decimal(dt->micros, 6));
}

SqlResult<Value> FromUnixtime(const Args& a, const FnEnv&) {
  if (a[0].is_null()) return Value::Null();
  int64_t micros;
  uint8_t fsp = 0;
  constexpr int64_t kMaxSeconds = 32536771199;  // MySQL's FROM_UNIXTIME limit
  if (a[0].kind() == ValueKind::kInt || a[0].kind() == ValueKind::kUInt) {
    auto s = ToInt64(a[0]);
    if (!s || *s < 0 || *s > kMaxSeconds) return Value::Null();
    micros = *s * 1'000'000;
  } else {
    auto d = ToDecimal(a[0]);
    double secs = d ? d->ToDouble() : ToDouble(a[0]);
    if (!(secs >= 0 && secs <= static_cast<double>(kMaxSeconds))) return Value::Null();
    micros = static_cast<int64_t>(std::llround(secs * 1e6));
    if (micros % 1'000'000 != 0) fsp = 6;
  }
  if (micros < 0) return Value::Null();
  DateTime dt{micros, fsp};
  if (a.size() > 1) {
    if (a[1].is_null()) return Value::Null();
    return Value::String(FormatMysql(dt, ToText(a[1])));
  }
  return Value::DateTimeV(dt);
}

// STR_TO_DATE(text, format): the inverse of DATE_FORMAT for the common
// specifiers. A DATE when the format has no time part, else a DATETIME.
SqlResult<Value> StrToDate(const Args& a, const FnEnv&) {
  if (a[0].is_null() || a[1].is_null()) return Value::Null();
  std::string s = ToText(a[0]), f = ToText(a[1]);
  size_t si = 0;
  int year = -1, month = -1, day = -1, hour = 0, minute = 0, second = 0, micros = 0;
  int doy = -1;
  bool pm = false, has_ampm = false, has_time = false;
  auto number = [&](int max_digits, int* out) {
    size_t start = si;
    int v = 0;
    while (si < s.size() && si - start < static_cast<size_t>(max_digits) &&
           std::isdigit(static_cast<unsigned char>(s[si]))) {
      v = v * 10 + (s[si++] - '0');
    }
    *out = v;
    return si > start;
  };
  auto name = [&](const char* const* names, int count, bool abbrev, int* out) {
    for (int i = 0; i < count; ++i) {
      size_t len = abbrev ? 3 : std::strlen(names[i]);
      if (s.size() - si >= len && strncasecmp(s.data() + si, names[i], len) == 0) {
        si += len;
        *out = i;
        return true;
      }
    }
    return false;
  };
  for (size_t fi = 0; fi < f.size(); ++fi) {
    if (f[fi] != '%' || fi + 1 >= f.size()) {
      if (si < s.size() && s[si] == f[fi]) {
        ++si;
      } else if (!std::isspace(static_cast<unsigned char>(f[fi]))) {
        return Value::Null();
      }
      continue;
    }
    char c = f[++fi];
    bool ok = true;
    int v = 0;
    switch (c) {
      case 'Y':
        ok = number(4, &year);
        break;
      case 'y':
        ok = number(2, &v);
        year = v < 70 ? 2000 + v : 1900 + v;
        break;
      case 'm':
      case 'c':
        ok = number(2, &month);
        break;
      case 'd':
      case 'e':
        ok = number(2, &day);
        break;
      case 'j':
        ok = number(3, &doy);
        break;
      case 'H':
      case 'k':
        ok = number(2, &hour);
        has_time = true;
        break;
      case 'h':
      case 'I':
      case 'l':
        ok = number(2, &hour);
        has_time = true;
        break;
      case 'i':
        ok = number(2, &minute);
        has_time = true;
        break;
      case 's':
      case 'S':
        ok = number(2, &second);
        has_time = true;
        break;
      case 'f': {
        size_t start = si;
        ok = number(6, &micros);
        for (size_t k = si - start; k < 6; ++k) micros *= 10;
        has_time = true;
        break;
      }
      case 'p':
        if (s.size() - si >= 2 && (strncasecmp(s.data() + si, "AM", 2) == 0 ||
                                   strncasecmp(s.data() + si, "PM", 2) == 0)) {
          pm = std::toupper(static_cast<unsigned char>(s[si])) == 'P';
          has_ampm = true;
          si += 2;
        } else {
          ok = false;
        }
        break;
      case 'M':
        ok = name(kMonthNames, 12, false, &month);
        ++month;
        break;
      case 'b':
        ok = name(kMonthNames, 12, true, &month);
        ++month;
        break;
      case 'W':
        ok = name(kDayNames, 7, false, &v);
        break;
      case 'a':
        ok = name(kDayNames, 7, true, &v);
        break;
      case 'T':
        ok = number(2, &hour) && si < s.size() && s[si++] == ':' && number(2, &minute) &&
             si < s.size() && s[si++] == ':' && number(2, &second);
        has_time = true;
        break;
      case '%':
        ok = si < s.size() && s[si++] == '%';
        break;
      default:
        ok = si < s.size() && s[si++] == c;
        break;
    }
    if (!ok) return Value::Null();
  }
  if (has_ampm) {
    if (hour < 1 || hour > 12) return Value::Null();
    hour = hour % 12 + (pm ? 12 : 0);
  }
  if (year < 0) return Value::Null();
  int32_t days;
  if (doy > 0 && month < 0 && day < 0) {
    days = DaysFromCivil({year, 1, 1}) + doy - 1;
  } else {
    CivilDate d{year, month, day};
    if (month < 0 || day < 0 || !IsValidCivil(d)) return Value::Null();
    days = DaysFromCivil(d);
  }
  if (hour > 23 || minute > 59 || second > 59) return Value::Null();
  if (!has_time) return Value::DateV(Date{days});
  int64_t m = int64_t{days} * kMicrosPerDay +
              (int64_t{hour} * 3600 + minute * 60 + second) * 1'000'000 + micros;
  return Value::DateTimeV(DateTime{m, static_cast<uint8_t>(micros ? 6 : 0)});
}

}  // namespace

const std::vector<FunctionDef>& DateTimeFunctions() {
  static const std::vector<FunctionDef> kFns = {
      {"NOW", 0, 1, NowFn, SpecialFn::kNone, true},
      {"CURRENT_TIMESTAMP", 0, 1, NowFn, SpecialFn::kNone, true},
      {"LOCALTIME", 0, 1, NowFn, SpecialFn::kNone, true},
      {"LOCALTIMESTAMP", 0, 1, NowFn, SpecialFn::kNone, true},
      {"SYSDATE", 0, 1, NowFn, SpecialFn::kNone, true},
      {"UTC_TIMESTAMP", 0, 1, NowFn, SpecialFn::kNone, true},
      {"CURDATE", 0, 0, CurDate, SpecialFn::kNone, true},
      {"CURRENT_DATE", 0, 0, CurDate, SpecialFn::kNone, true},
      {"UTC_DATE", 0, 0, CurDate, SpecialFn::kNone, true},
      {"CURTIME", 0, 1, CurTime, SpecialFn::kNone, true},
      {"CURRENT_TIME", 0, 1, CurTime, SpecialFn::kNone, true},
      {"UTC_TIME", 0, 1, CurTime, SpecialFn::kNone, true},
      {"DATE", 1, 1, DateFn},
      {"TIME", 1, 1, TimeFn},
      {"TIMESTAMP", 1, 1, TimestampFn},
      {"YEAR", 1, 1, Field<YearOf>},
      {"MONTH", 1, 1, Field<MonthOf>},
      {"DAY", 1, 1, Field<DayOf>},
      {"DAYOFMONTH", 1, 1, Field<DayOf>},
      {"HOUR", 1, 1, Field<HourOf>},
      {"MINUTE", 1, 1, Field<MinuteOf>},
      {"SECOND", 1, 1, Field<SecondOf>},
      {"MICROSECOND", 1, 1, Field<MicroOf>},
      {"QUARTER", 1, 1, Field<QuarterOf>},
      {"DAYOFWEEK", 1, 1, Field<DayOfWeekOf>},
      {"WEEKDAY", 1, 1, Field<WeekdayOf>},
      {"DAYOFYEAR", 1, 1, Field<DayOfYearOf>},
      {"WEEK", 1, 2, Field<WeekOf>},
      {"TO_DAYS", 1, 1, Field<ToDaysOf>},
      {"DAYNAME", 1, 1, DayName},
      {"MONTHNAME", 1, 1, MonthName},
      {"LAST_DAY", 1, 1, LastDay},
      {"MAKEDATE", 2, 2, MakeDate},
      {"DATE_FORMAT", 2, 2, DateFormat},
      {"DATEDIFF", 2, 2, DateDiff},
      {"UNIX_TIMESTAMP", 0, 1, UnixTimestamp, SpecialFn::kNone, true},
      {"FROM_UNIXTIME", 1, 2, FromUnixtime},
      {"STR_TO_DATE", 2, 2, StrToDate},
      {"DATE_ADD", 2, 2, nullptr, SpecialFn::kDateAdd},
      {"ADDDATE", 2, 2, nullptr, SpecialFn::kDateAdd},
      {"DATE_SUB", 2, 2, nullptr, SpecialFn::kDateSub},
      {"SUBDATE", 2, 2, nullptr, SpecialFn::kDateSub},
      {"TIMESTAMPDIFF", 3, 3, nullptr, SpecialFn::kTimestampDiff},
      {"TIMESTAMPADD", 3, 3, nullptr, SpecialFn::kTimestampAdd},
      {"EXTRACT", 2, 2, nullptr, SpecialFn::kExtract},
  };
  return kFns;
}

}  // namespace tetradb::rel::sql
