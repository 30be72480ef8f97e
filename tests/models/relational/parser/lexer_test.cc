#include "models/relational/sql/parser/lexer.h"

#include <gtest/gtest.h>

#include <limits>

namespace tetradb::rel::sql {
namespace {

std::vector<Token> Lex(std::string_view sql) {
  auto r = Tokenize(sql);
  EXPECT_TRUE(r.ok()) << sql << ": " << (r.ok() ? "" : r.error().message);
  return r.ok() ? std::move(r.value()) : std::vector<Token>{};
}

// Token texts, space-separated, without the end token.
std::string Texts(std::string_view sql) {
  std::string out;
  for (const Token& t : Lex(sql)) {
    if (t.kind == TokenKind::kEnd) break;
    if (!out.empty()) out += " ";
    out += std::string(t.text);
  }
  return out;
}

Token Single(std::string_view sql) {
  std::vector<Token> tokens = Lex(sql);
  EXPECT_EQ(tokens.size(), 2u) << sql;
  return tokens.empty() ? Token{} : tokens[0];
}

SqlError LexError(std::string_view sql) {
  auto r = Tokenize(sql);
  EXPECT_FALSE(r.ok()) << sql;
  return r.ok() ? SqlError{} : r.error();
}

TEST(LexerTest, WordsAndReservedFlag) {
  std::vector<Token> t = Lex("select Status FROM `Order`");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[0].kind, TokenKind::kIdent);
  EXPECT_TRUE(t[0].reserved);
  EXPECT_EQ(t[1].kind, TokenKind::kIdent);
  EXPECT_FALSE(t[1].reserved);  // STATUS is a keyword, not reserved
  EXPECT_TRUE(t[2].reserved);
  EXPECT_EQ(t[3].kind, TokenKind::kQuotedIdent);
  EXPECT_EQ(t[3].value, "Order");
  EXPECT_FALSE(t[3].reserved);
  EXPECT_EQ(t[4].kind, TokenKind::kEnd);
}

TEST(LexerTest, ReservedWordsAreCaseInsensitive) {
  EXPECT_TRUE(IsReservedWord("order"));
  EXPECT_TRUE(IsReservedWord("OrDeR"));
  EXPECT_TRUE(IsReservedWord("KEY"));
  EXPECT_TRUE(IsReservedWord("interval"));
  EXPECT_FALSE(IsReservedWord("status"));
  EXPECT_FALSE(IsReservedWord("name"));
  EXPECT_FALSE(IsReservedWord("date"));
  EXPECT_FALSE(IsReservedWord("text"));
  EXPECT_FALSE(IsReservedWord("comment"));
  EXPECT_FALSE(IsReservedWord("timestamp"));
  EXPECT_FALSE(IsReservedWord(""));
  EXPECT_FALSE(IsReservedWord(std::string(100, 'A')));
}

TEST(LexerTest, PositionsAreByteOffsets) {
  std::string_view sql = "SELECT  a,\n`b c` FROM t";
  std::vector<Token> t = Lex(sql);
  ASSERT_EQ(t.size(), 7u);
  EXPECT_EQ(t[0].pos, 0u);
  EXPECT_EQ(t[0].end, 6u);
  EXPECT_EQ(t[1].pos, 8u);
  EXPECT_EQ(t[1].text, "a");
  EXPECT_EQ(t[2].text, ",");
  EXPECT_EQ(t[3].pos, 11u);
  EXPECT_EQ(t[3].text, "`b c`");
  EXPECT_EQ(t[3].value, "b c");
  EXPECT_EQ(t[6].kind, TokenKind::kEnd);
  EXPECT_EQ(t[6].pos, sql.size());
}

TEST(LexerTest, RangeKeepsOffsetsIntoWholeText) {
  std::string_view sql = "SELECT 1; SELECT 22";
  auto r = Tokenize(sql, 10, sql.size());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().size(), 3u);
  EXPECT_EQ(r.value()[0].pos, 10u);
  EXPECT_EQ(r.value()[1].pos, 17u);
  EXPECT_EQ(r.value()[1].number, Value::Int(22));
  EXPECT_EQ(r.value()[2].pos, sql.size());
}

TEST(LexerTest, BacktickDoubling) {
  Token t = Single("`a``b`");
  EXPECT_EQ(t.kind, TokenKind::kQuotedIdent);
  EXPECT_EQ(t.value, "a`b");
}

TEST(LexerTest, StringQuotesAndDoubling) {
  EXPECT_EQ(Single("'it''s'").value, "it's");
  EXPECT_EQ(Single("\"say \"\"hi\"\"\"").value, "say \"hi\"");
  EXPECT_EQ(Single("'a\"b'").value, "a\"b");
  EXPECT_EQ(Single("\"a'b\"").value, "a'b");
  EXPECT_EQ(Single("''").value, "");
  EXPECT_EQ(Single("''").kind, TokenKind::kString);
}

TEST(LexerTest, BackslashEscapes) {
  EXPECT_EQ(Single(R"('a\nb')").value, "a\nb");
  EXPECT_EQ(Single(R"('a\tb')").value, "a\tb");
  EXPECT_EQ(Single(R"('a\rb')").value, "a\rb");
  EXPECT_EQ(Single(R"('a\0b')").value, std::string("a\0b", 3));
  EXPECT_EQ(Single(R"('a\\b')").value, "a\\b");
  EXPECT_EQ(Single(R"('it\'s')").value, "it's");
  EXPECT_EQ(Single(R"("say \"x\"")").value, "say \"x\"");
  EXPECT_EQ(Single(R"('\Z')").value, "\x1a");
  EXPECT_EQ(Single(R"('\b')").value, "\b");
  // \% and \_ keep the backslash: they stay LIKE escapes.
  EXPECT_EQ(Single(R"('50\%')").value, "50\\%");
  EXPECT_EQ(Single(R"('a\_b')").value, "a\\_b");
  // Any other escaped character is itself.
  EXPECT_EQ(Single(R"('\q')").value, "q");
}

TEST(LexerTest, StringPrefixes) {
  Token n = Single("N'abc'");
  EXPECT_EQ(n.kind, TokenKind::kString);
  EXPECT_EQ(n.value, "abc");
  EXPECT_EQ(n.text, "N'abc'");
  Token cs = Single("_utf8mb4'x y'");
  EXPECT_EQ(cs.kind, TokenKind::kString);
  EXPECT_EQ(cs.value, "x y");
}

TEST(LexerTest, AdjacentStringsAreSeparateTokens) {
  std::vector<Token> t = Lex("'a' 'b'");
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t[0].value, "a");
  EXPECT_EQ(t[1].value, "b");
}

TEST(LexerTest, Integers) {
  EXPECT_EQ(Single("0").number, Value::Int(0));
  EXPECT_EQ(Single("42").number, Value::Int(42));
  EXPECT_EQ(Single("007").number, Value::Int(7));
  EXPECT_EQ(Single("9223372036854775807").number, Value::Int(std::numeric_limits<int64_t>::max()));
  EXPECT_EQ(Single("9223372036854775808").number, Value::UInt(uint64_t{1} << 63));
  EXPECT_EQ(Single("18446744073709551615").number,
            Value::UInt(std::numeric_limits<uint64_t>::max()));
  Value big = Single("18446744073709551616").number;
  ASSERT_EQ(big.kind(), ValueKind::kDecimal);
  EXPECT_EQ(big.decimal_value().scale(), 0);
  EXPECT_TRUE(big.decimal_value().mantissa() ==
              static_cast<__int128>(std::numeric_limits<uint64_t>::max()) + 1);
  // More digits than a DECIMAL holds: a double, as the best approximation.
  Value huge = Single(std::string(45, '9')).number;
  EXPECT_EQ(huge.kind(), ValueKind::kDouble);
  EXPECT_DOUBLE_EQ(huge.double_value(), 1e45);
}

TEST(LexerTest, ExactDecimals) {
  Value v = Single("1.50").number;
  ASSERT_EQ(v.kind(), ValueKind::kDecimal);
  EXPECT_TRUE(v.decimal_value().mantissa() == 150);
  EXPECT_EQ(v.decimal_value().scale(), 2);
  Value half = Single(".5").number;
  ASSERT_EQ(half.kind(), ValueKind::kDecimal);
  EXPECT_TRUE(half.decimal_value().mantissa() == 5);
  EXPECT_EQ(half.decimal_value().scale(), 1);
  Value trailing = Single("3.").number;
  ASSERT_EQ(trailing.kind(), ValueKind::kDecimal);
  EXPECT_TRUE(trailing.decimal_value().mantissa() == 3);
  EXPECT_EQ(trailing.decimal_value().scale(), 0);
  Value money = Single("0.10").number;
  EXPECT_TRUE(money.decimal_value().mantissa() == 10);
  EXPECT_EQ(money.decimal_value().scale(), 2);
}

TEST(LexerTest, Floats) {
  EXPECT_EQ(Single("1e3").number, Value::Double(1000));
  EXPECT_EQ(Single("1.5E-2").number, Value::Double(0.015));
  EXPECT_EQ(Single("2e+2").number, Value::Double(200));
  EXPECT_EQ(Single(".5e1").number, Value::Double(5));
}

TEST(LexerTest, DigitsFollowedByLettersAreAName) {
  Token t = Single("1abc");
  EXPECT_EQ(t.kind, TokenKind::kIdent);
  EXPECT_EQ(t.text, "1abc");
  // "1e" without exponent digits is not a float either.
  EXPECT_EQ(Single("1e").kind, TokenKind::kIdent);
}

TEST(LexerTest, HexLiterals) {
  Token x = Single("X'4142'");
  EXPECT_EQ(x.kind, TokenKind::kHexString);
  EXPECT_EQ(x.value, "AB");
  EXPECT_EQ(Single("x''").value, "");
  Token ox = Single("0x4142");
  EXPECT_EQ(ox.kind, TokenKind::kHexString);
  EXPECT_EQ(ox.value, "AB");
  EXPECT_EQ(Single("0xABC").value, std::string("\x0a\xbc", 2));
  EXPECT_EQ(LexError("SELECT X'414'").code, 1064);  // odd digit count, as MySQL
  EXPECT_EQ(LexError("SELECT X'4G'").code, 1064);
}

TEST(LexerTest, QualifierDotIsNotADecimalPoint) {
  EXPECT_EQ(Texts("t.col"), "t . col");
  EXPECT_EQ(Texts("`t`.`c`"), "`t` . `c`");
  std::vector<Token> t = Lex("t.5");  // after a name, '.' qualifies even before digits
  ASSERT_EQ(t.size(), 4u);
  EXPECT_EQ(t[1].text, ".");
  std::vector<Token> n = Lex("x = .5");
  ASSERT_EQ(n.size(), 4u);
  EXPECT_EQ(n[2].kind, TokenKind::kNumber);
}

TEST(LexerTest, OperatorsLongestMatch) {
  EXPECT_EQ(Texts("a<=>b<=c<>d!=e>=f<<g>>h"), "a <=> b <= c <> d != e >= f << g >> h");
  EXPECT_EQ(Texts("a->'$.x' b->>'$.y'"), "a -> '$.x' b ->> '$.y'");
  EXPECT_EQ(Texts("a||b&&c|d&e^f~g!h"), "a || b && c | d & e ^ f ~ g ! h");
  EXPECT_EQ(Texts("@@x @y :="), "@@ x @ y :=");
  EXPECT_EQ(Texts("(a,b);"), "( a , b ) ;");
  EXPECT_EQ(Texts("a%b/c*d+e-f"), "a % b / c * d + e - f");
}

TEST(LexerTest, Comments) {
  EXPECT_EQ(Texts("SELECT 1 -- comment\n, 2"), "SELECT 1 , 2");
  EXPECT_EQ(Texts("SELECT 1 # comment\n, 2"), "SELECT 1 , 2");
  EXPECT_EQ(Texts("SELECT /* inline */ 1"), "SELECT 1");
  // Executable comments: SQL up to this version (8.0.36), comments beyond.
  EXPECT_EQ(Texts("SELECT /*!40101 1, */ 2"), "SELECT 1 , 2");
  EXPECT_EQ(Texts("SELECT /*! 1, */ 2"), "SELECT 1 , 2");
  EXPECT_EQ(Texts("SELECT /*!80037 1, */ 2"), "SELECT 2");
  EXPECT_EQ(Texts("SELECT 1 --"), "SELECT 1");
  EXPECT_EQ(Texts("SELECT 1 --\t"), "SELECT 1");
  // "--" not followed by a space is two minus signs.
  EXPECT_EQ(Texts("SELECT 1--1"), "SELECT 1 - - 1");
  EXPECT_EQ(Texts("/* only */ -- comments\n"), "");
  EXPECT_EQ(Texts("SELECT 'a -- b' /* 'x' */"), "SELECT 'a -- b'");
}

TEST(LexerTest, ParamsNumberedInTextOrder) {
  std::vector<Token> t = Lex("? + ? * ?");
  ASSERT_EQ(t.size(), 6u);
  EXPECT_EQ(t[0].param_index, 0);
  EXPECT_EQ(t[2].param_index, 1);
  EXPECT_EQ(t[4].param_index, 2);
  EXPECT_EQ(t[1].param_index, -1);
}

TEST(LexerTest, ErrorsQuoteFromTheBadByte) {
  SqlError e = LexError("SELECT 'abc");
  EXPECT_EQ(e.code, 1064);
  EXPECT_NE(e.message.find("near ''abc' at line 1"), std::string::npos) << e.message;
  e = LexError("SELECT `abc");
  EXPECT_NE(e.message.find("near '`abc' at line 1"), std::string::npos) << e.message;
  e = LexError("SELECT 1 /* open");
  EXPECT_NE(e.message.find("near '/* open' at line 1"), std::string::npos) << e.message;
  e = LexError("SELECT 1 [2]");
  EXPECT_NE(e.message.find("near '[2]' at line 1"), std::string::npos) << e.message;
  e = LexError("SELECT\n\n'x\\");
  EXPECT_NE(e.message.find("at line 3"), std::string::npos) << e.message;
  e = LexError("SELECT ``");
  EXPECT_EQ(e.code, 1064);
}

TEST(LexerTest, SkipTrivia) {
  std::string_view sql = "  -- a\n /* b */ # c\nX";
  EXPECT_EQ(SkipTrivia(sql, 0), sql.size() - 1);
  size_t open = std::string_view::npos;
  EXPECT_EQ(SkipTrivia(" /* x", 0, &open), 5u);
  EXPECT_EQ(open, 1u);
}

TEST(LexerTest, CaseHelpers) {
  EXPECT_TRUE(EqualsIgnoreCase("Select", "SELECT"));
  EXPECT_FALSE(EqualsIgnoreCase("Select", "SELECTS"));
  EXPECT_EQ(ToUpperAscii("aBc_1"), "ABC_1");
  EXPECT_EQ(ToLowerAscii("aBc_1"), "abc_1");
}

TEST(LexerTest, NonAsciiNamesAndStrings) {
  std::vector<Token> t = Lex("SELECT café, 'naïve'");
  ASSERT_EQ(t.size(), 5u);
  EXPECT_EQ(t[1].kind, TokenKind::kIdent);
  EXPECT_EQ(t[1].text, "café");
  EXPECT_EQ(t[3].value, "naïve");
}

}  // namespace
}  // namespace tetradb::rel::sql
