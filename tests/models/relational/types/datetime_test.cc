#include "models/relational/types/datetime.h"

#include <gtest/gtest.h>

namespace tetradb::rel {
namespace {

std::string PD(std::string_view text) {
  auto d = ParseDate(text);
  return d ? FormatDate(*d) : "nullopt";
}

std::string PDT(std::string_view text) {
  auto dt = ParseDateTime(text);
  return dt ? FormatDateTime(*dt) : "nullopt";
}

DateTime DT(std::string_view text) {
  auto dt = ParseDateTime(text);
  EXPECT_TRUE(dt.has_value()) << text;
  return dt.value_or(DateTime{});
}

TEST(DatetimeTest, CivilDaysRoundTrip) {
  EXPECT_EQ(DaysFromCivil({1970, 1, 1}), 0);
  EXPECT_EQ(DaysFromCivil({1970, 1, 2}), 1);
  EXPECT_EQ(DaysFromCivil({1969, 12, 31}), -1);
  EXPECT_EQ(DaysFromCivil({2000, 3, 1}), 11017);
  EXPECT_EQ(DaysFromCivil({1000, 1, 1}), -354285);
  for (int32_t d = -400000; d <= 3000000; d += 997) {
    CivilDate c = CivilFromDays(d);
    EXPECT_EQ(DaysFromCivil(c), d);
  }
  CivilDate c = CivilFromDays(DaysFromCivil({2024, 2, 29}));
  EXPECT_EQ(c.year, 2024);
  EXPECT_EQ(c.month, 2);
  EXPECT_EQ(c.day, 29);
}

TEST(DatetimeTest, IsValidCivil) {
  EXPECT_TRUE(IsValidCivil({2024, 2, 29}));
  EXPECT_FALSE(IsValidCivil({2023, 2, 29}));
  EXPECT_TRUE(IsValidCivil({2000, 2, 29}));
  EXPECT_FALSE(IsValidCivil({1900, 2, 29}));
  EXPECT_FALSE(IsValidCivil({2024, 4, 31}));
  EXPECT_FALSE(IsValidCivil({2024, 13, 1}));
  EXPECT_FALSE(IsValidCivil({2024, 0, 1}));
  EXPECT_FALSE(IsValidCivil({2024, 1, 0}));
  EXPECT_FALSE(IsValidCivil({0, 0, 0}));
  EXPECT_FALSE(IsValidCivil({999, 12, 31}));
  EXPECT_TRUE(IsValidCivil({1000, 1, 1}));
  EXPECT_TRUE(IsValidCivil({9999, 12, 31}));
}

TEST(DatetimeTest, ParseDateForms) {
  EXPECT_EQ(PD("2026-11-21"), "2026-11-21");
  EXPECT_EQ(PD("20261121"), "2026-11-21");
  EXPECT_EQ(PD("2026-1-5"), "2026-01-05");
  EXPECT_EQ(PD("2026/11/21"), "2026-11-21");
  EXPECT_EQ(PD("261121"), "2026-11-21");
  EXPECT_EQ(PD("99-01-02"), "1999-01-02");
  EXPECT_EQ(PD("69-01-02"), "2069-01-02");
  EXPECT_EQ(PD(" 2026-11-21 "), "2026-11-21");
  EXPECT_EQ(PD("2026-11-21 00:00:00"), "2026-11-21");
  EXPECT_EQ(PD("2026-11-21 10:00:00"), "nullopt");  // a time part is refused
}

TEST(DatetimeTest, ParseDateRejects) {
  for (const char* bad : {"", "abc", "0000-00-00", "2023-02-29", "2024-02-30", "2024-13-01",
                          "2024-00-10", "0999-12-31", "10000-01-01", "2024-01", "2024-01-01x",
                          "2024-01-01 25:00:00", "2024-01-01 10:61:00", "1234567"}) {
    EXPECT_EQ(PD(bad), "nullopt") << bad;
  }
  EXPECT_EQ(PD("1000-01-01"), "1000-01-01");
  EXPECT_EQ(PD("9999-12-31"), "9999-12-31");
}

TEST(DatetimeTest, ParseDateTimeForms) {
  EXPECT_EQ(PDT("2026-11-21 10:05:09"), "2026-11-21 10:05:09");
  EXPECT_EQ(PDT("2026-11-21T10:05:09"), "2026-11-21 10:05:09");
  EXPECT_EQ(PDT("2026-11-21"), "2026-11-21 00:00:00");
  EXPECT_EQ(PDT("2026-11-21 1:2:3"), "2026-11-21 01:02:03");
  EXPECT_EQ(PDT("2026-11-21 10:05"), "2026-11-21 10:05:00");
  EXPECT_EQ(PDT("20261121100509"), "2026-11-21 10:05:09");
  EXPECT_EQ(PDT("261121100509"), "2026-11-21 10:05:09");
  EXPECT_EQ(PDT("2026-11-21 10:05:09.5"), "2026-11-21 10:05:09.5");
  EXPECT_EQ(PDT("2026-11-21 10:05:09.123456"), "2026-11-21 10:05:09.123456");
  EXPECT_EQ(PDT("20261121100509.25"), "2026-11-21 10:05:09.25");
  EXPECT_EQ(PDT("2026-11-21 24:00:00"), "nullopt");
  EXPECT_EQ(PDT("2026-11-21 23:59:60"), "nullopt");
  EXPECT_EQ(PDT("2026-11-21 10"), "nullopt");
  EXPECT_EQ(PDT("0000-00-00 00:00:00"), "nullopt");
}

TEST(DatetimeTest, FractionDigits) {
  EXPECT_EQ(DT("2026-11-21 10:00:00").fsp, 0);
  EXPECT_EQ(DT("2026-11-21 10:00:00.120").fsp, 3);
  EXPECT_EQ(DT("2026-11-21 10:00:00.120").micros % 1000000, 120000);
  // A seventh digit rounds.
  DateTime r = DT("2026-11-21 10:00:00.1234565");
  EXPECT_EQ(r.fsp, 6);
  EXPECT_EQ(FormatDateTime(r), "2026-11-21 10:00:00.123457");
  EXPECT_EQ(PDT("2026-11-21 23:59:59.9999995"), "2026-11-22 00:00:00.000000");
  EXPECT_EQ(PDT("9999-12-31 23:59:59.9999995"), "nullopt");
}

TEST(DatetimeTest, FormatPrintsFspDigits) {
  DateTime dt = DT("2026-11-21 10:00:00.123456");
  dt.fsp = 3;
  EXPECT_EQ(FormatDateTime(dt), "2026-11-21 10:00:00.123");
  dt.fsp = 0;
  EXPECT_EQ(FormatDateTime(dt), "2026-11-21 10:00:00");
  EXPECT_EQ(FormatDateTime(DT("1969-12-31 23:59:59")), "1969-12-31 23:59:59");
  EXPECT_EQ(FormatDateTime(DT("1000-01-01 00:00:00.5")), "1000-01-01 00:00:00.5");
  // fsp is not part of equality.
  DateTime a = DT("2026-11-21 10:00:00"), b = DT("2026-11-21 10:00:00.000");
  EXPECT_EQ(a, b);
  EXPECT_LT(DT("2026-11-21 10:00:00"), DT("2026-11-21 10:00:00.000001"));
}

TEST(DatetimeTest, DateOfTruncates) {
  EXPECT_EQ(FormatDate(DateOf(DT("2026-11-21 23:59:59"))), "2026-11-21");
  EXPECT_EQ(FormatDate(DateOf(DT("1969-12-31 23:59:59"))), "1969-12-31");
  EXPECT_EQ(FormatDateTime(ToDateTime(*ParseDate("1969-12-31"))), "1969-12-31 00:00:00");
}

TEST(DatetimeTest, IntervalUnits) {
  EXPECT_EQ(ParseIntervalUnit("day"), IntervalUnit::kDay);
  EXPECT_EQ(ParseIntervalUnit("MONTH"), IntervalUnit::kMonth);
  EXPECT_EQ(ParseIntervalUnit("Microsecond"), IntervalUnit::kMicrosecond);
  EXPECT_EQ(ParseIntervalUnit("Quarter"), IntervalUnit::kQuarter);
  EXPECT_FALSE(ParseIntervalUnit("days").has_value());
  EXPECT_FALSE(ParseIntervalUnit("").has_value());
}

std::string Add(std::string_view dt, int64_t n, IntervalUnit unit) {
  auto r = AddInterval(DT(dt), n, unit);
  return r ? FormatDateTime(*r) : "nullopt";
}

TEST(DatetimeTest, AddInterval) {
  EXPECT_EQ(Add("2024-01-31 00:00:00", 1, IntervalUnit::kMonth), "2024-02-29 00:00:00");
  EXPECT_EQ(Add("2023-01-31 00:00:00", 1, IntervalUnit::kMonth), "2023-02-28 00:00:00");
  EXPECT_EQ(Add("2024-03-31 12:00:00", -1, IntervalUnit::kMonth), "2024-02-29 12:00:00");
  EXPECT_EQ(Add("2024-02-29 00:00:00", 1, IntervalUnit::kYear), "2025-02-28 00:00:00");
  EXPECT_EQ(Add("2024-11-30 00:00:00", 1, IntervalUnit::kQuarter), "2025-02-28 00:00:00");
  EXPECT_EQ(Add("2024-12-31 23:59:59", 1, IntervalUnit::kSecond), "2025-01-01 00:00:00");
  EXPECT_EQ(Add("2024-03-01 00:00:00", -1, IntervalUnit::kDay), "2024-02-29 00:00:00");
  EXPECT_EQ(Add("2024-01-01 00:00:00", 2, IntervalUnit::kWeek), "2024-01-15 00:00:00");
  EXPECT_EQ(Add("2024-01-01 00:00:00", 90, IntervalUnit::kMinute), "2024-01-01 01:30:00");
  EXPECT_EQ(Add("2024-01-01 00:00:00", -1, IntervalUnit::kHour), "2023-12-31 23:00:00");
  EXPECT_EQ(Add("2024-01-01 00:00:00", 1, IntervalUnit::kMicrosecond),
            "2024-01-01 00:00:00.000001");
  EXPECT_EQ(Add("9999-12-31 00:00:00", 1, IntervalUnit::kDay), "nullopt");
  EXPECT_EQ(Add("1000-01-01 00:00:00", -1, IntervalUnit::kSecond), "nullopt");
  EXPECT_EQ(Add("2024-01-01 00:00:00", 8000, IntervalUnit::kYear), "nullopt");
  EXPECT_EQ(Add("2024-01-01 00:00:00", INT64_MAX, IntervalUnit::kDay), "nullopt");
  EXPECT_EQ(Add("2024-01-01 00:00:00", INT64_MIN, IntervalUnit::kMonth), "nullopt");
}

TEST(DatetimeTest, FormatMysql) {
  DateTime dt = DT("2026-11-01 13:05:09.000123");  // a Sunday
  EXPECT_EQ(FormatMysql(dt, "%Y-%m-%d %H:%i:%s"), "2026-11-01 13:05:09");
  EXPECT_EQ(FormatMysql(dt, "%y %c %e %k %h %I %S %f"), "26 11 1 13 01 01 09 000123");
  EXPECT_EQ(FormatMysql(dt, "%W %a %M %b"), "Sunday Sun November Nov");
  EXPECT_EQ(FormatMysql(dt, "%j %w %U"), "305 0 44");
  EXPECT_EQ(FormatMysql(dt, "%T | %r | %p"), "13:05:09 | 01:05:09 PM | PM");
  EXPECT_EQ(FormatMysql(dt, "%D"), "1st");
  EXPECT_EQ(FormatMysql(DT("2026-11-02"), "%D"), "2nd");
  EXPECT_EQ(FormatMysql(DT("2026-11-03"), "%D"), "3rd");
  EXPECT_EQ(FormatMysql(DT("2026-11-11"), "%D"), "11th");
  EXPECT_EQ(FormatMysql(DT("2026-11-12"), "%D"), "12th");
  EXPECT_EQ(FormatMysql(DT("2026-11-13"), "%D"), "13th");
  EXPECT_EQ(FormatMysql(DT("2026-11-22"), "%D"), "22nd");
  EXPECT_EQ(FormatMysql(DT("2026-11-23"), "%D"), "23rd");
  EXPECT_EQ(FormatMysql(DT("2026-11-21 00:30:00"), "%h %r"), "12 12:30:00 AM");
  EXPECT_EQ(FormatMysql(dt, "100%% %x"), "100% x");
  EXPECT_EQ(FormatMysql(dt, "trailing %"), "trailing %");
  // Week numbers: 2022-01-01 is a Saturday (week 0), 2022-01-02 a Sunday (week 1).
  EXPECT_EQ(FormatMysql(DT("2022-01-01"), "%U %w %a"), "00 6 Sat");
  EXPECT_EQ(FormatMysql(DT("2022-01-02"), "%U %w %a"), "01 0 Sun");
  EXPECT_EQ(FormatMysql(DT("2024-12-31"), "%j"), "366");
  EXPECT_EQ(FormatMysql(DT("1969-12-31"), "%W %Y"), "Wednesday 1969");
}

TEST(DatetimeTest, DiffDays) {
  EXPECT_EQ(DiffDays(*ParseDate("2024-03-01"), *ParseDate("2024-02-01")), 29);
  EXPECT_EQ(DiffDays(*ParseDate("2024-02-01"), *ParseDate("2024-03-01")), -29);
  EXPECT_EQ(DiffDays(*ParseDate("9999-12-31"), *ParseDate("1000-01-01")), 3287181);
}

}  // namespace
}  // namespace tetradb::rel
