// REGEXP / RLIKE / NOT REGEXP, REGEXP_LIKE, REGEXP_INSTR, REGEXP_SUBSTR and
// REGEXP_REPLACE: MySQL 8.0's results for its optional arguments, case
// rules and errors, and the errors for ICU features RE2 lacks.
#include "tests/models/relational/exec/exec_fixture.h"

namespace tetradb::rel::sql {
namespace {

using RegexpFunctionsTest = ExecFixture;

TEST_F(RegexpFunctionsTest, OperatorsAndRegexpLike) {
  EXPECT_EQ(Q("SELECT 'abc' REGEXP 'b', 'abc' RLIKE '^b', 'abc' NOT REGEXP 'c$', "
              "REGEXP_LIKE('abc', 'a.c'), 'a' REGEXP NULL, NULL RLIKE 'a'"),
            "1,0,0,1,NULL,NULL");
  // A search, not a whole-string match; alternation and classes.
  EXPECT_EQ(Q("SELECT REGEXP_LIKE('order-123', '[0-9]+'), REGEXP_LIKE('x', 'a|x'), "
              "REGEXP_LIKE('tab\there', '[[:space:]]'), REGEXP_LIKE('abc', '^[[:alpha:]]{3}$')"),
            "1,1,1,1");
  ResultSet rs = Ok("SELECT REGEXP_LIKE('a', 'a')");
  ASSERT_EQ(rs.rows.size(), 1u);
  EXPECT_EQ(rs.rows[0][0].kind(), ValueKind::kInt);
}

TEST_F(RegexpFunctionsTest, CaseInsensitiveUnlessBinaryOrAskedFor) {
  EXPECT_EQ(Q("SELECT 'CamelCase' REGEXP 'camelcase', REGEXP_LIKE('Straße', 'STRASSE'), "
              "REGEXP_LIKE('ÉTÉ', 'été')"),
            "1,0,1");
  EXPECT_EQ(Q("SELECT REGEXP_LIKE('abc', 'A', 'c'), REGEXP_LIKE('abc', 'A', 'i'), "
              "REGEXP_LIKE('abc', 'A', 'ci'), REGEXP_LIKE('abc', 'A', 'cic')"),
            "0,1,1,0");
  // Binary strings compare bytes: case matters.
  EXPECT_EQ(Q("SELECT CAST('ABC' AS BINARY) REGEXP 'abc', 'ABC' REGEXP CAST('abc' AS BINARY), "
              "X'414243' REGEXP 'abc', CAST('ABC' AS BINARY) REGEXP 'ABC'"),
            "0,0,0,1");
  // BINARY x and COLLATE as MySQL users write them.
  EXPECT_EQ(Q("SELECT 'ABC' REGEXP BINARY 'abc', BINARY 'ABC' REGEXP 'abc', "
              "'ABC' REGEXP BINARY 'ABC', 'ABC' REGEXP 'abc' COLLATE utf8mb4_bin, "
              "'ABC' COLLATE utf8mb4_0900_as_cs REGEXP 'abc', "
              "'ABC' COLLATE utf8mb4_general_ci REGEXP 'abc'"),
            "0,0,1,0,0,1");
  Create("CREATE TABLE b (id INT PRIMARY KEY, v VARBINARY(10), s VARCHAR(10))");
  Ok("INSERT INTO b VALUES (1, 'Hello', 'Hello')");
  EXPECT_EQ(Q("SELECT v REGEXP 'hello', s REGEXP 'hello' FROM b"), "0,1");
}

TEST_F(RegexpFunctionsTest, MatchTypeFlags) {
  EXPECT_EQ(Q("SELECT REGEXP_LIKE('a\\nb\\nc', '^b$'), REGEXP_LIKE('a\\nb\\nc', '^b$', 'm'), "
              "REGEXP_LIKE('a\\nb\\nc', '(?m)^b$'), REGEXP_LIKE('a\\nb', 'a.b'), "
              "REGEXP_LIKE('a\\nb', 'a.b', 'n'), REGEXP_LIKE('a\\nb', 'a.b', 'u')"),
            "0,1,1,0,1,0");
  EXPECT_EQ(Q("SELECT REGEXP_LIKE('a', 'a', NULL)"), "NULL");
  SqlError e = Fail("SELECT REGEXP_LIKE('a', 'a+', 'x')");
  EXPECT_EQ(e.code, 1210);
  EXPECT_EQ(e.message, "Incorrect arguments to regexp_like");
  EXPECT_EQ(Fail("SELECT REGEXP_LIKE('aaa', 'a+', 1)").code, 1210);
  EXPECT_EQ(Fail("SELECT REGEXP_SUBSTR('aaa', 'a+', 1, 1, 'cmnux')").message,
            "Incorrect arguments to regexp_substr");
}

TEST_F(RegexpFunctionsTest, RegexpInstr) {
  EXPECT_EQ(Q("SELECT REGEXP_INSTR('dog cat dog', 'dog'), REGEXP_INSTR('dog cat dog', 'dog', 2), "
              "REGEXP_INSTR('abc', 'd'), REGEXP_INSTR(NULL, 'a')"),
            "1,9,0,NULL");
  EXPECT_EQ(Q("SELECT REGEXP_INSTR('aa aaa aaaa', 'a{2}'), REGEXP_INSTR('aa aaa aaaa', 'a{4}')"),
            "1,8");
  EXPECT_EQ(
      Q("SELECT REGEXP_INSTR('abcabcabc', 'a+', 1, 2), REGEXP_INSTR('abcabcabc', 'a+', 1, 3), "
        "REGEXP_INSTR('abcabcabc', 'a+', 1, 4), REGEXP_INSTR('abcabcabc', 'a+', 4, 2)"),
      "4,7,0,7");
  EXPECT_EQ(Q("SELECT REGEXP_INSTR('aaabcabcabc', 'a+', 1, 1, 1), "
              "REGEXP_INSTR('aaabcabcabc', 'A+', 1, 1, 1, 'c'), "
              "REGEXP_INSTR('aaabcabcabc', 'A+', 1, 1, 1, 'i'), "
              "REGEXP_INSTR('a', 'a+', 1, 1, NULL)"),
            "4,0,4,NULL");
  // Positions count characters, not bytes.
  EXPECT_EQ(Q("SELECT REGEXP_INSTR('aöb', 'b'), REGEXP_INSTR('日本語テキスト', 'テ'), "
              "REGEXP_INSTR('日本語', '本', 1, 1, 1)"),
            "3,4,3");
  // ^ is the subject's start even when the search starts later.
  EXPECT_EQ(Q("SELECT REGEXP_INSTR('abcabc', '^a', 2), REGEXP_INSTR('a', 'a+', 2)"), "0,0");
  EXPECT_EQ(Fail("SELECT REGEXP_INSTR('a', 'a+', 1, 1, 2)").code, 1210);
  EXPECT_EQ(Fail("SELECT REGEXP_INSTR('a', 'a+', 1, 1, -1)").code, 1210);
  SqlError e = Fail("SELECT REGEXP_INSTR('a', 'a+', 3)");
  EXPECT_EQ(e.code, 3686);
  EXPECT_EQ(e.message, "Index out of bounds in regular expression search.");
  e = Fail("SELECT REGEXP_INSTR('a', 'a', 0)");
  EXPECT_EQ(e.code, 1583);
  EXPECT_EQ(e.message, "Incorrect parameters in the call to native function 'regexp_instr'");
}

TEST_F(RegexpFunctionsTest, RegexpSubstr) {
  EXPECT_EQ(Q("SELECT REGEXP_SUBSTR('abc def ghi', '[a-z]+'), "
              "REGEXP_SUBSTR('abc def ghi', '[a-z]+', 1, 3), "
              "REGEXP_SUBSTR('abc def ghi', '[a-z]+', 1, 4), REGEXP_SUBSTR(NULL, 'a')"),
            "abc,ghi,NULL,NULL");
  EXPECT_EQ(Q("SELECT REGEXP_SUBSTR('ab ac ad', '.d'), REGEXP_SUBSTR('ab ac ad', 'A.', 3), "
              "REGEXP_SUBSTR('ab ac ad', 'A.', 3, 2), REGEXP_SUBSTR('ab ac ad', 'A.', 1, 1, 'c')"),
            "ad,ac,ad,NULL");
  EXPECT_EQ(
      Q("SELECT REGEXP_SUBSTR('héllo wörld', 'w.r'), REGEXP_SUBSTR('x1y22z333', '[0-9]+', 4, 2)"),
      "wör,333");
  EXPECT_EQ(Fail("SELECT REGEXP_SUBSTR('ab ac ad', 'a.', 0)").code, 1583);
  EXPECT_EQ(Fail("SELECT REGEXP_SUBSTR('a')").code, 1582);
  EXPECT_EQ(Fail("SELECT REGEXP_SUBSTR('a', 'b', 1, 1, 'c', 'x')").code, 1582);
}

TEST_F(RegexpFunctionsTest, RegexpReplace) {
  EXPECT_EQ(Q("SELECT REGEXP_REPLACE('a b c', 'b', 'X'), REGEXP_REPLACE('aaa', 'a', 'X'), "
              "REGEXP_REPLACE('abc', 'z', 'X'), REGEXP_REPLACE(NULL, 'a', 'X'), "
              "REGEXP_REPLACE('aaa', NULL, 'X'), REGEXP_REPLACE('aaa', 'a', NULL)"),
            "a X c,XXX,abc,NULL,NULL,NULL");
  // pos and occurrence (0: every match).
  EXPECT_EQ(Q("SELECT REGEXP_REPLACE('abc def ghi', '[a-z]+', 'X', 1, 3), "
              "REGEXP_REPLACE('aaabbccbbddaa', 'b+', 'X', 1, 2), "
              "REGEXP_REPLACE('aaabbccbbddaa', 'b+', 'x', 1, 0), "
              "REGEXP_REPLACE('aaab', 'b', 'x', 1, 2)"),
            "abc def X,aaabbccXddaa,aaaxccxddaa,aaab");
  EXPECT_EQ(Q("SELECT REGEXP_REPLACE('abcbdb', 'b', 'X', 3), REGEXP_REPLACE('aaa', 'a', 'X', 2), "
              "REGEXP_REPLACE('aaa', 'a', 'XX', 2), REGEXP_REPLACE('aaabcbdb', 'b', 'X', 1)"),
            "abcXdX,aXX,aXXXX,aaaXcXdX");
  // Groups ($n) and escapes (\\x) in the replacement.
  EXPECT_EQ(Q("SELECT REGEXP_REPLACE('aaabbccbbddaa', '(b+)', '<$1>', 1, 2), "
              "REGEXP_REPLACE('2024-11-21', '([0-9]+)-([0-9]+)-([0-9]+)', '$3/$2/$1'), "
              "REGEXP_REPLACE('price', 'p', '\\\\$'), REGEXP_REPLACE('abc', 'b', '$0$0')"),
            "aaabbcc<bb>ddaa,21/11/2024,$rice,abbc");
  // Empty matches advance one character; case-insensitive by default.
  EXPECT_EQ(
      Q("SELECT REGEXP_REPLACE('abc', 'x*', '-'), REGEXP_REPLACE('Hello HELLO', 'hello', 'bye'), "
        "REGEXP_REPLACE('Hello HELLO', 'hello', 'bye', 1, 0, 'c'), "
        "REGEXP_REPLACE('wörld', 'ö', 'o')"),
      "-a-b-c-,bye bye,Hello HELLO,world");
  EXPECT_EQ(Fail("SELECT REGEXP_REPLACE('aaa', 'a', 'X', 0)").code, 1583);
  EXPECT_EQ(Fail("SELECT REGEXP_REPLACE('a', 'a+', 'b', 3)").code, 3686);
  SqlError e = Fail("SELECT REGEXP_REPLACE('abc', '(b)', '$2')");
  EXPECT_EQ(e.code, 3686);
  // Named groups: RE2's (?P<name>...) in the pattern, ICU's ${name} in the
  // replacement.
  EXPECT_EQ(Q("SELECT REGEXP_REPLACE('John Smith', '(?P<first>\\\\w+) (?P<last>\\\\w+)', "
              "'${last}, ${first}')"),
            "Smith, John");
  EXPECT_EQ(Fail("SELECT REGEXP_REPLACE('ab', '(?P<n>a)', '${m}')").code, 3887);
  EXPECT_EQ(Fail("SELECT REGEXP_REPLACE('ab', '(?P<n>a)', '${n')").code, 3887);
  e = Fail("SELECT REGEXP_REPLACE('abc', 'b', '$x')");
  EXPECT_EQ(e.code, 3887);
  EXPECT_EQ(e.message, "A capture group has an invalid name.");
}

TEST_F(RegexpFunctionsTest, PatternErrorsKeepMysqlCodes) {
  SqlError e = Fail("SELECT REGEXP_LIKE('a', '')");
  EXPECT_EQ(e.code, 3685);
  EXPECT_EQ(e.sqlstate, "HY000");
  EXPECT_EQ(e.message, "Illegal argument to a regular expression.");
  EXPECT_EQ(Fail("SELECT REGEXP_LIKE('a', '[[:invalid_bracket_expression:]]')").code, 3685);
  EXPECT_EQ(Fail("SELECT REGEXP_INSTR('a', '[[:invalid_bracket_expression:]]')").code, 3685);
  e = Fail("SELECT REGEXP_SUBSTR('aaa', '+')");
  EXPECT_EQ(e.code, 3688);
  EXPECT_EQ(e.message, "Syntax error in regular expression on line 1, character 1.");
  EXPECT_EQ(Fail("SELECT 'a' REGEXP 'ab**'").code, 3688);
  EXPECT_EQ(Fail("SELECT 'a' REGEXP '(a'").code, 3691);
  EXPECT_EQ(Fail("SELECT 'a' REGEXP 'a)'").code, 3691);
  EXPECT_EQ(Fail("SELECT 'a' REGEXP '[a'").code, 3696);
  EXPECT_EQ(Fail("SELECT 'a' REGEXP '[b-a]'").code, 3697);
  EXPECT_EQ(Fail("SELECT 'a' REGEXP 'a{3,2}'").code, 3693);
  EXPECT_EQ(Fail("SELECT 'a' REGEXP '\\\\q'").code, 3689);
  // Rows are matched until a bad pattern shows up, then the statement fails.
  Create("CREATE TABLE p (id INT PRIMARY KEY, pat VARCHAR(20))");
  Ok("INSERT INTO p VALUES (1, 'a.c'), (2, '(x')");
  EXPECT_EQ(Fail("SELECT id, 'abc' REGEXP pat FROM p").code, 3691);
  EXPECT_EQ(Q("SELECT id, 'abc' REGEXP pat FROM p WHERE id = 1"), "1,1");
}

TEST_F(RegexpFunctionsTest, IcuFeaturesRe2LacksAreRefusedClearly) {
  const char* unsupported[] = {
      "SELECT 'aa' REGEXP '(a)\\\\1'",  // backreference
      "SELECT 'ab' REGEXP 'a(?=b)'",    // lookahead
      "SELECT 'ab' REGEXP 'a(?!c)'",    // negative lookahead
      "SELECT 'ab' REGEXP '(?<=a)b'",   // lookbehind
      "SELECT 'ab' REGEXP '(?>a)b'",    // atomic group
      "SELECT 'aa' REGEXP 'a*+'",       // possessive quantifier
      "SELECT 'a' REGEXP '\\\\u0061'",  // \\uhhhh (RE2: \\x{hhhh})
      "SELECT 'ab' REGEXP '(?<n>a)b'",  // ICU's named group syntax
  };
  for (const char* sql : unsupported) {
    SqlError e = Fail(sql);
    EXPECT_EQ(e.code, 3690) << sql << ": " << e.message;
    EXPECT_EQ(e.message,
              "The regular expression contains a feature that is not implemented in this "
              "library.")
        << sql;
  }
  // The RE2 spellings work.
  EXPECT_EQ(Q("SELECT 'a' REGEXP '\\\\x{61}', 'ab' REGEXP '(?P<n>a)b', 'a{' REGEXP 'a[{]'"),
            "1,1,1");
}

TEST_F(RegexpFunctionsTest, OverTableRows) {
  Create("CREATE TABLE item (id INT PRIMARY KEY, sku VARCHAR(20), name VARCHAR(40))");
  Ok("INSERT INTO item VALUES (1, 'AB-100', 'Desk Lamp'), (2, 'ab-205', 'desk chair'), "
     "(3, 'CD-7', 'Mug'), (4, NULL, 'Pen')");
  EXPECT_EQ(Q("SELECT id FROM item WHERE sku REGEXP '^ab-[0-9]{3}$' ORDER BY id"), "1|2");
  EXPECT_EQ(Q("SELECT id FROM item WHERE sku NOT REGEXP '^ab' ORDER BY id"), "3");
  EXPECT_EQ(Q("SELECT id, REGEXP_REPLACE(sku, '[^0-9]', ''), REGEXP_SUBSTR(name, '[a-z]+$') "
              "FROM item ORDER BY id"),
            "1,100,Lamp|2,205,chair|3,7,Mug|4,NULL,Pen");
  EXPECT_EQ(Q("SELECT COUNT(*) FROM item WHERE REGEXP_LIKE(name, 'DESK', 'c')"), "0");
  EXPECT_EQ(Q("SELECT id FROM item WHERE name RLIKE ? ORDER BY id", {Value::String("^d")}), "1|2");
}

}  // namespace
}  // namespace tetradb::rel::sql
