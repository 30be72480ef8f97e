// DATE, DATETIME and TIMESTAMP values, as MySQL reads, prints and computes
// them. Times are naive (no time zone): tetradb runs with time_zone = UTC,
// so TIMESTAMP and DATETIME behave the same.
//
// The valid range is MySQL's: '1000-01-01' to '9999-12-31' for DATE and
// DATETIME. Zero dates ('0000-00-00') are refused, as in MySQL's strict
// mode with NO_ZERO_DATE.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace tetradb::rel {

// Days since 1970-01-01 (negative before), proleptic Gregorian calendar.
struct Date {
  int32_t days = 0;
  auto operator<=>(const Date&) const = default;
};

// Microseconds since 1970-01-01 00:00:00. `fsp` (0..6) is how many
// fraction digits the value prints with; it does not take part in
// comparisons.
struct DateTime {
  int64_t micros = 0;
  uint8_t fsp = 0;
  bool operator==(const DateTime& o) const { return micros == o.micros; }
  auto operator<=>(const DateTime& o) const { return micros <=> o.micros; }
};

struct CivilDate {
  int year = 1970, month = 1, day = 1;
};
struct CivilTime {
  int hour = 0, minute = 0, second = 0, micros = 0;
};

int32_t DaysFromCivil(const CivilDate& d);
CivilDate CivilFromDays(int32_t days);
bool IsValidCivil(const CivilDate& d);

// 'YYYY-MM-DD' (also 'YYYYMMDD' and 'YYYY-M-D'). A string with a time part
// is accepted only if the time is 00:00:00 (DATE columns store through
// ParseDateTime and drop the time instead).
std::optional<Date> ParseDate(std::string_view text);
// 'YYYY-MM-DD HH:MM:SS[.ffffff]', 'YYYY-MM-DDTHH:MM:SS', a bare date
// (midnight). The result's fsp is the number of fraction digits given.
std::optional<DateTime> ParseDateTime(std::string_view text);

std::string FormatDate(Date d);                  // 2026-11-21
std::string FormatDateTime(DateTime dt);         // 2026-11-21 10:00:00[.fff]
Date DateOf(DateTime dt);
DateTime ToDateTime(Date d);

// Units of INTERVAL expressions (DATE_ADD, DATE_SUB, + INTERVAL n UNIT).
enum class IntervalUnit : uint8_t {
  kMicrosecond, kSecond, kMinute, kHour, kDay, kWeek, kMonth, kQuarter, kYear,
};
// Parses a unit keyword, case-insensitive ("DAY", "month", ...).
std::optional<IntervalUnit> ParseIntervalUnit(std::string_view word);
// dt + n units. Month arithmetic clamps the day to the month's end
// ('2024-01-31' + 1 MONTH = '2024-02-29'), as MySQL does. nullopt when the
// result leaves the valid range.
std::optional<DateTime> AddInterval(DateTime dt, int64_t n, IntervalUnit unit);

// MySQL's DATE_FORMAT: %Y %y %m %c %d %e %H %k %h %I %i %s %S %f %p %W %a
// %M %b %j %T %r %D %w %U %%; an unknown specifier prints the letter.
std::string FormatMysql(DateTime dt, std::string_view format);

// Whole days between two dates (DATEDIFF(a, b) = a - b).
int64_t DiffDays(Date a, Date b);

}  // namespace tetradb::rel
