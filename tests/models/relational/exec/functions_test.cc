// Built-in functions, CASE, CAST and INTERVAL arithmetic.
#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

using FunctionsTest = ExecFixture;

TEST_F(FunctionsTest, ControlFlow) {
  EXPECT_EQ(Q("SELECT COALESCE(NULL, NULL, 3), IFNULL(NULL, 'x'), IFNULL(1, 2), NULLIF(1, 1), "
              "NULLIF(1, 2), IF(1 > 2, 'a', 'b'), IF(NULL, 1, 0)"),
            "3,x,1,NULL,1,b,0");
  EXPECT_EQ(Q("SELECT CASE 2 WHEN 1 THEN 'one' WHEN 2 THEN 'two' ELSE 'many' END, "
              "CASE WHEN 1 > 2 THEN 'x' END, CASE NULL WHEN NULL THEN 'n' ELSE 'e' END"),
            "two,NULL,e");
}

TEST_F(FunctionsTest, Strings) {
  EXPECT_EQ(Q("SELECT CONCAT('a', 1, 2.5), CONCAT('a', NULL), CONCAT_WS('-', 'a', NULL, 'b')"),
            "a12.5,NULL,a-b");
  EXPECT_EQ(Q("SELECT LOWER('AbC'), UPPER('abc'), LCASE('X'), UCASE('y')"), "abc,ABC,x,Y");
  EXPECT_EQ(Q("SELECT LENGTH('héllo'), CHAR_LENGTH('héllo')"), "6,5");
  EXPECT_EQ(Q("SELECT SUBSTRING('hello', 2), SUBSTRING('hello', 2, 3), SUBSTR('hello', -3), "
              "SUBSTRING('hello', -3, 2), SUBSTRING('hello', 0)"),
            "ello,ell,llo,ll,");
  EXPECT_EQ(Q("SELECT LEFT('hello', 2), RIGHT('hello', 3), LEFT('héllo', 2)"), "he,llo,hé");
  EXPECT_EQ(Q("SELECT CONCAT('[', TRIM('  a b  '), ']'), CONCAT('[', LTRIM('  a'), ']'), "
              "CONCAT('[', RTRIM('a  '), ']'), TRIM(BOTH 'x' FROM 'xxaxx'), "
              "TRIM(LEADING 'x' FROM 'xxa'), TRIM(TRAILING 'x' FROM 'axx')"),
            "[a b],[a],[a],a,a,a");
  EXPECT_EQ(Q("SELECT REPLACE('aXbXc', 'X', '--'), LOCATE('b', 'abcb'), LOCATE('b', 'abcb', 3), "
              "INSTR('abc', 'c'), POSITION('z' IN 'abc')"),
            "a--b--c,2,4,3,0");
  EXPECT_EQ(Q("SELECT LPAD('5', 3, '0'), RPAD('ab', 5, 'xy'), LPAD('hello', 2, '*'), "
              "REPEAT('ab', 3), REVERSE('abc')"),
            "005,abxyx,he,ababab,cba");
  EXPECT_EQ(Q("SELECT FORMAT(1234567.891, 2), FORMAT(0.5, 0), FORMAT(-1234.5, 1)"),
            "1,234,567.89,1,-1,234.5");
  EXPECT_EQ(Q("SELECT LENGTH(UUID()), UUID() <> UUID()"), "36,1");
  EXPECT_EQ(Q("SELECT 'abc' REGEXP '^a', 'abc' REGEXP 'x$', 'abc' NOT REGEXP 'b'"), "1,0,0");
}

TEST_F(FunctionsTest, Numbers) {
  EXPECT_EQ(Q("SELECT ABS(-3), ABS(-2.50), ROUND(2.5), ROUND(-2.5), ROUND(1.2345, 2), "
              "ROUND(1234, -2), ROUND(1.5e0)"),
            "3,2.50,3,-3,1.23,1200,2");
  EXPECT_EQ(Q("SELECT TRUNCATE(1.789, 1), TRUNCATE(-1.789, 2), TRUNCATE(1789, -2)"),
            "1.7,-1.78,1700");
  EXPECT_EQ(Q("SELECT FLOOR(1.5), FLOOR(-1.5), CEIL(1.2), CEILING(-1.2), MOD(10, 3), "
              "POWER(2, 10), POW(2, 0.5) > 1.41, SQRT(16), SQRT(-1)"),
            "1,-2,2,-1,1,1024,1,4,NULL");
  EXPECT_EQ(Q("SELECT GREATEST(1, 5, 3), LEAST(1, 5, 3), GREATEST('b', 'a'), GREATEST(1, NULL)"),
            "5,1,b,NULL");
  EXPECT_EQ(Q("SELECT RAND() < 1, 5 & 3, 5 | 3, 5 ^ 3, 1 << 4, ~0 > 0"), "1,1,7,6,16,1");
  EXPECT_EQ(Fail("SELECT 9223372036854775807 + 1").code, 1690);
}

TEST_F(FunctionsTest, DatesAndTimes) {
  EXPECT_EQ(Q("SELECT NOW(), CURRENT_TIMESTAMP, CURDATE(), CURRENT_DATE(), UTC_TIMESTAMP()"),
            "2026-11-21 10:30:00,2026-11-21 10:30:00,2026-11-21,2026-11-21,2026-11-21 10:30:00");
  EXPECT_EQ(Q("SELECT DATE('2026-03-04 05:06:07'), YEAR('2026-03-04'), MONTH('2026-03-04'), "
              "DAY('2026-03-04'), DAYOFMONTH('2026-03-04'), HOUR('2026-03-04 05:06:07'), "
              "MINUTE('2026-03-04 05:06:07'), SECOND('2026-03-04 05:06:07')"),
            "2026-03-04,2026,3,4,4,5,6,7");
  EXPECT_EQ(Q("SELECT DAYOFWEEK('2026-11-22'), DAYNAME('2026-11-22'), MONTHNAME('2026-11-22'), "
              "WEEKDAY('2026-11-22')"),
            "1,Sunday,November,6");
  EXPECT_EQ(Q("SELECT DATE_FORMAT('2026-03-04 15:06:07', '%Y/%m/%d %H:%i:%s %W %b'), "
              "DATE_FORMAT('2026-03-04', '%e %M %y')"),
            "2026/03/04 15:06:07 Wednesday Mar,4 March 26");
  EXPECT_EQ(Q("SELECT DATEDIFF('2026-03-01', '2026-02-01'), "
              "TIMESTAMPDIFF(MONTH, '2026-01-31', '2026-02-28'), "
              "TIMESTAMPDIFF(MONTH, '2026-01-31', '2026-03-31'), "
              "TIMESTAMPDIFF(HOUR, '2026-01-01 00:00:00', '2026-01-02 03:00:00'), "
              "TIMESTAMPDIFF(DAY, '2026-01-10', '2026-01-01')"),
            "28,0,2,27,-9");
  EXPECT_EQ(Q("SELECT DATE_ADD('2026-01-31', INTERVAL 1 MONTH), "
              "DATE_SUB('2026-03-01', INTERVAL 1 DAY), '2026-01-01' + INTERVAL 36 HOUR, "
              "DATE('2026-01-01') - INTERVAL 1 YEAR, ADDDATE('2026-01-01', 10), "
              "NOW() + INTERVAL 30 MINUTE"),
            "2026-02-28,2026-02-28,2026-01-02 12:00:00,2025-01-01,2026-01-11,"
            "2026-11-21 11:00:00");
  EXPECT_EQ(Q("SELECT UNIX_TIMESTAMP('2026-01-01 00:00:00'), FROM_UNIXTIME(0), "
              "FROM_UNIXTIME(86400, '%Y-%m-%d')"),
            "1767225600,1970-01-01 00:00:00,1970-01-02");
  EXPECT_EQ(Q("SELECT STR_TO_DATE('04/03/2026', '%d/%m/%Y'), "
              "STR_TO_DATE('2026-03-04 5:06:07 PM', '%Y-%m-%d %h:%i:%s %p'), "
              "STR_TO_DATE('nope', '%Y')"),
            "2026-03-04,2026-03-04 17:06:07,NULL");
  EXPECT_EQ(Q("SELECT EXTRACT(YEAR FROM '2026-03-04'), EXTRACT(MONTH FROM '2026-03-04'), "
              "LAST_DAY('2026-02-10')"),
            "2026,3,2026-02-28");
  EXPECT_EQ(Q("SELECT DATE('not a date'), YEAR(NULL)"), "NULL,NULL");
}

TEST_F(FunctionsTest, Casts) {
  EXPECT_EQ(Q("SELECT CAST('12abc' AS SIGNED), CAST(1.6 AS SIGNED), CAST(-1 AS UNSIGNED), "
              "CAST('3.14159' AS DECIMAL(5,2)), CAST(12 AS CHAR), CAST('2026-01-02' AS DATE), "
              "CAST('2026-01-02 03:04:05' AS DATETIME), CONVERT('7', SIGNED)"),
            "12,2,18446744073709551615,3.14,12,2026-01-02,2026-01-02 03:04:05,7");
  EXPECT_EQ(Q("SELECT CAST('bad' AS DATE), CAST(5 AS DOUBLE) / 2"), "NULL,2.5");
}

TEST_F(FunctionsTest, Json) {
  Create("CREATE TABLE docs (id INT PRIMARY KEY, body JSON)");
  Ok("INSERT INTO docs VALUES (1, '{\"name\": \"pen\", \"tags\": [\"a\", \"b\"], "
     "\"dim\": {\"w\": 2, \"h\": 3}}')");
  EXPECT_EQ(Q("SELECT body->'$.name', body->>'$.name', body->'$.tags[1]', "
              "body->>'$.dim.w' + 1, body->'$.missing' FROM docs"),
            "\"pen\",pen,\"b\",3,NULL");
  EXPECT_EQ(Q("SELECT JSON_EXTRACT(body, '$.tags'), JSON_UNQUOTE(JSON_EXTRACT(body, "
              "'$.tags[0]')), JSON_EXTRACT(body, '$.tags[*]') FROM docs"),
            "[\"a\", \"b\"],a,[\"a\", \"b\"]");
  EXPECT_EQ(Q("SELECT id FROM docs WHERE body->>'$.dim.h' = 3"), "1");
  EXPECT_EQ(Q("SELECT JSON_OBJECT('b', 1, 'a', 'x', 'n', NULL), JSON_ARRAY(1, 'two', NULL)"),
            "{\"a\": \"x\", \"b\": 1, \"n\": null},[1, \"two\", null]");
  EXPECT_EQ(Q("SELECT JSON_OBJECT('d', body->'$.dim') FROM docs"), "{\"d\": {\"h\": 3, \"w\": 2}}");
  EXPECT_EQ(Q("SELECT JSON_SET('{\"a\": 1}', '$.b', 2), JSON_REMOVE('[1, 2, 3]', '$[1]'), "
              "JSON_LENGTH('[1, 2]'), JSON_VALID('{'), JSON_CONTAINS('[1, 2]', '2'), "
              "JSON_KEYS('{\"bb\": 1, \"a\": 2}'), JSON_TYPE('1.5')"),
            "{\"a\": 1, \"b\": 2},[1, 3],2,0,1,[\"a\", \"bb\"],DOUBLE");
  EXPECT_EQ(Fail("SELECT JSON_EXTRACT('{}', 'nope')").code, 3143);
  EXPECT_EQ(Fail("SELECT JSON_EXTRACT('{', '$')").code, 3141);
}

TEST_F(FunctionsTest, Misc) {
  EXPECT_EQ(Q("SELECT DATABASE(), ISNULL(NULL), @@version_comment, @@autocommit, @nothing"),
            "tetradb,1,tetradb,1,NULL");
  EXPECT_EQ(Fail("SELECT @@no_such_variable").code, 1193);
  EXPECT_EQ(Q("SELECT LAST_INSERT_ID(42), LAST_INSERT_ID()"), "42,42");
}

}  // namespace
}  // namespace tetradb::rel::sql
