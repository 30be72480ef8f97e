// Expressions: precedence, literals, functions and special forms, source
// texts and positions, nesting limits. Most cases compare the S-expression
// dump (ast_dump.h) of `SELECT <expr>`.
#include <gtest/gtest.h>
#include <pthread.h>

#include "models/relational/sql/parser/parser_internal.h"
#include "models/relational/types/datetime.h"
#include "parse_test_util.h"

namespace tetradb::rel::sql {
namespace {

using testing::ExprDump;
using testing::FirstItem;
using testing::MustParseSelect;
using testing::NearText;
using testing::ParseError;

struct DumpCase {
  const char* expr;
  const char* dump;
};

void CheckAll(const std::vector<DumpCase>& cases) {
  for (const DumpCase& c : cases) EXPECT_EQ(ExprDump(c.expr), c.dump) << c.expr;
}

TEST(ParserExprTest, ArithmeticPrecedence) {
  CheckAll({
      {"1 + 2 * 3", "(+ 1 (* 2 3))"},
      {"(1 + 2) * 3", "(* (+ 1 2) 3)"},
      {"1 - 2 - 3", "(- (- 1 2) 3)"},
      {"8 / 4 / 2", "(/ (/ 8 4) 2)"},
      {"a DIV 2 MOD 3", "(% (div a 2) 3)"},
      {"a % 2 * 3", "(* (% a 2) 3)"},
      {"a + b * c ^ d", "(+ a (* b (^ c d)))"},
      {"a ^ b ^ c", "(^ (^ a b) c)"},
      {"a | b & c", "(| a (& b c))"},
      {"a & b << 1", "(& a (<< b 1))"},
      {"a << 1 + 2", "(<< a (+ 1 2))"},
      {"a >> 2 | 1", "(| (>> a 2) 1)"},
      {"a + 1 > b * 2", "(> (+ a 1) (* b 2))"},
      {"a-1", "(- a 1)"},
      {"2 - -1", "(- 2 -1)"},
  });
}

TEST(ParserExprTest, UnaryOperators) {
  CheckAll({
      {"-a", "(neg a)"},
      {"-a ^ b", "(^ (neg a) b)"},  // unary minus binds tighter than ^
      {"- 2 ^ 3", "(^ -2 3)"},
      {"~a", "(~ a)"},
      {"!a", "(not a)"},
      {"! a = b", "(= (not a) b)"},  // ! is unary-level, NOT is not
      {"-(1)", "(neg 1)"},
      {"- -1", "(neg -1)"},
      {"+5", "5"},
      {"+a", "(plus a)"},
      {"BINARY 'a' = 'A'", "(= 'a' 'A')"},
  });
}

TEST(ParserExprTest, SignedNumberLiterals) {
  CheckAll({
      {"-5", "-5"},
      {"-1.50", "dec:-1.50"},
      {"-1e3", "dbl:-1000"},
      {"-9223372036854775808", "-9223372036854775808"},
      {"-9223372036854775809", "dec:-9223372036854775809"},
      {"-18446744073709551615", "dec:-18446744073709551615"},
      {"18446744073709551615", "uint:18446744073709551615"},
  });
}

TEST(ParserExprTest, LogicalPrecedence) {
  CheckAll({
      {"a OR b AND c", "(or a (and b c))"},
      {"a || b && c", "(or a (and b c))"},
      {"a AND b OR c", "(or (and a b) c)"},
      {"a XOR b OR c", "(or (xor a b) c)"},
      {"a AND b XOR c", "(xor (and a b) c)"},
      {"NOT a = b", "(not (= a b))"},
      {"NOT a AND b", "(and (not a) b)"},
      {"NOT NOT a", "(not (not a))"},
      {"a = 1 AND b LIKE 'x' OR c IN (1)", "(or (and (= a 1) (like b 'x')) (in c 1))"},
      {"a OR b OR c", "(or (or a b) c)"},
  });
}

TEST(ParserExprTest, Comparisons) {
  CheckAll({
      {"a = 1", "(= a 1)"},
      {"a <> 1", "(<> a 1)"},
      {"a != 1", "(<> a 1)"},
      {"a < 1", "(< a 1)"},
      {"a <= 1", "(<= a 1)"},
      {"a > 1", "(> a 1)"},
      {"a >= 1", "(>= a 1)"},
      {"a <=> NULL", "(<=> a NULL)"},
      {"a = b = c", "(= (= a b) c)"},
      {"a IS NULL", "(is-null a)"},
      {"a IS NOT NULL", "(is-not-null a)"},
      {"a IS TRUE", "(is-true a)"},
      {"a IS NOT FALSE", "(is-not-false a)"},
      {"a IS UNKNOWN", "(is-null a)"},
      {"a = b IS NULL", "(is-null (= a b))"},
      {"a = 1 OR b IS NULL", "(or (= a 1) (is-null b))"},
  });
}

TEST(ParserExprTest, Predicates) {
  CheckAll({
      {"a IN (1, 2, 3)", "(in a 1 2 3)"},
      {"a NOT IN ('x')", "(not-in a 'x')"},
      {"NOT a IN (1)", "(not (in a 1))"},
      {"a + 1 IN (b, c * 2)", "(in (+ a 1) b (* c 2))"},
      {"(a, b) IN ((1, 2), (3, 4))", "(in (row a b) (row 1 2) (row 3 4))"},
      {"(a, b) = (1, 2)", "(= (row a b) (row 1 2))"},
      {"ROW(a, b) = ROW(1, 2)", "(= (row a b) (row 1 2))"},
      {"a BETWEEN 1 AND 10", "(between a 1 10)"},
      {"a NOT BETWEEN 1 AND 10 AND b", "(and (not-between a 1 10) b)"},
      {"a BETWEEN 1 + 1 AND 2 * 3", "(between a (+ 1 1) (* 2 3))"},
      {"name LIKE 'a%'", "(like name 'a%')"},
      {"name NOT LIKE 'a!%' ESCAPE '!'", "(not-like name 'a!%' '!')"},
      {"name LIKE CONCAT('%', ?, '%')", "(like name (CONCAT '%' ?0 '%'))"},
      {"a REGEXP '^x'", "(REGEXP_LIKE a '^x')"},
      {"a NOT RLIKE 'x'", "(not (REGEXP_LIKE a 'x'))"},
  });
}

TEST(ParserExprTest, Literals) {
  CheckAll({
      {"NULL", "NULL"},
      {"TRUE", "1"},
      {"false", "0"},
      {"'it''s'", "'it''s'"},
      {"'a' 'b' \"c\"", "'abc'"},
      {"X'41'", "'A'"},
      {"0x4142", "'AB'"},
      {"1.50", "dec:1.50"},
      {"1e3", "dbl:1000"},
      {"?", "?0"},
  });
  ExprPtr date = FirstItem("DATE '2024-01-31'");
  ASSERT_TRUE(date);
  ASSERT_EQ(date->kind, ExprKind::kLiteral);
  ASSERT_EQ(date->literal.kind(), ValueKind::kDate);
  EXPECT_EQ(date->literal.date_value().days, DaysFromCivil({2024, 1, 31}));
  EXPECT_EQ(date->text, "DATE '2024-01-31'");
  ExprPtr ts = FirstItem("TIMESTAMP '2024-01-31 10:00:00'");
  ASSERT_TRUE(ts);
  ASSERT_EQ(ts->literal.kind(), ValueKind::kDateTime);
  EXPECT_EQ(ts->literal.datetime_value().micros,
            (int64_t{DaysFromCivil({2024, 1, 31})} * 86400 + 36000) * 1000000);
  SqlError bad = ParseError("SELECT DATE '2024-13-01'");
  EXPECT_EQ(bad.code, 1525);
  EXPECT_EQ(bad.message, "Incorrect DATE value: '2024-13-01'");
}

TEST(ParserExprTest, ColumnsAndKeywordsAsNames) {
  CheckAll({
      {"t.a", "t.a"},
      {"db.t.a", "t.a"},
      {"`Order`.`Status`", "Order.Status"},
      {"t.*", "t.*"},
      {"u.order", "u.order"},  // a reserved word after '.' is a name
      {"status + name", "(+ status name)"},
      {"date", "date"},
      {"text", "text"},
      {"comment", "comment"},
      {"`select`", "select"},
      {"timestamp", "timestamp"},
      {"value", "value"},
  });
}

TEST(ParserExprTest, FunctionCalls) {
  CheckAll({
      {"COUNT(*)", "(COUNT *)"},
      {"count(DISTINCT a)", "(COUNT distinct a)"},
      {"COUNT(DISTINCT a, b)", "(COUNT distinct a b)"},
      {"SUM(ALL price * qty)", "(SUM (* price qty))"},
      {"avg(DISTINCT x)", "(AVG distinct x)"},
      {"GROUP_CONCAT(a, b)", "(GROUP_CONCAT a b)"},
      {"GROUP_CONCAT(DISTINCT name ORDER BY name DESC, id SEPARATOR '; ')",
       "(GROUP_CONCAT distinct name (order name desc id) (separator '; '))"},
      {"IF(a > 1, 'x', 'y')", "(IF (> a 1) 'x' 'y')"},
      {"COALESCE(a, b, 0)", "(COALESCE a b 0)"},
      {"LEFT(name, 3)", "(LEFT name 3)"},
      {"Right(name, 3)", "(RIGHT name 3)"},
      {"REPLACE(s, 'a', 'b')", "(REPLACE s 'a' 'b')"},
      {"MOD(a, 2)", "(MOD a 2)"},
      {"concat('a', b)", "(CONCAT 'a' b)"},
      {"RAND()", "(RAND)"},
      {"ROUND(SUM(x), 2)", "(ROUND (SUM x) 2)"},
      {"DATE(created_at)", "(DATE created_at)"},
      {"VALUES(a)", "(VALUES a)"},
      {"DATABASE()", "(DATABASE)"},
      {"SCHEMA()", "(DATABASE)"},
      {"JSON_EXTRACT(doc, '$.a')", "(JSON_EXTRACT doc '$.a')"},
  });
}

TEST(ParserExprTest, CurrentTimeFunctionsAreNormalised) {
  CheckAll({
      {"NOW()", "(CURRENT_TIMESTAMP)"},
      {"now(3)", "(CURRENT_TIMESTAMP 3)"},
      {"CURRENT_TIMESTAMP", "(CURRENT_TIMESTAMP)"},
      {"CURRENT_TIMESTAMP()", "(CURRENT_TIMESTAMP)"},
      {"CURRENT_TIMESTAMP(6)", "(CURRENT_TIMESTAMP 6)"},
      {"LOCALTIMESTAMP", "(CURRENT_TIMESTAMP)"},
      {"LOCALTIME()", "(CURRENT_TIMESTAMP)"},
      {"CURDATE()", "(CURRENT_DATE)"},
      {"CURRENT_DATE", "(CURRENT_DATE)"},
      {"CURTIME()", "(CURRENT_TIME)"},
      {"UTC_TIMESTAMP", "(UTC_TIMESTAMP)"},
  });
}

TEST(ParserExprTest, SpecialArgumentSyntax) {
  CheckAll({
      {"EXTRACT(YEAR FROM d)", "(EXTRACT 'YEAR' d)"},
      {"TIMESTAMPDIFF(DAY, a, b)", "(TIMESTAMPDIFF 'DAY' a b)"},
      {"TIMESTAMPADD(SQL_TSI_HOUR, 2, d)", "(TIMESTAMPADD 'HOUR' 2 d)"},
      {"SUBSTRING(s FROM 2 FOR 3)", "(SUBSTRING s 2 3)"},
      {"SUBSTRING(s, 2)", "(SUBSTRING s 2)"},
      {"SUBSTR(s, 2, 1)", "(SUBSTRING s 2 1)"},
      {"POSITION('a' IN s)", "(LOCATE 'a' s)"},
      {"TRIM(s)", "(TRIM s)"},
      {"TRIM('x' FROM s)", "(TRIM s 'x')"},
      {"TRIM(LEADING 'x' FROM s)", "(TRIM_LEADING s 'x')"},
      {"TRIM(TRAILING FROM s)", "(TRIM_TRAILING s)"},
      {"TRIM(BOTH ' ' FROM s)", "(TRIM s ' ')"},
  });
}

TEST(ParserExprTest, Intervals) {
  CheckAll({
      {"DATE_ADD(d, INTERVAL 1 DAY)", "(DATE_ADD d (interval 1 DAY))"},
      {"DATE_SUB(NOW(), INTERVAL 30 minute)",
       "(DATE_SUB (CURRENT_TIMESTAMP) (interval 30 MINUTE))"},
      {"d + INTERVAL 2 HOUR", "(+ d (interval 2 HOUR))"},
      {"d - INTERVAL '3' MONTH", "(- d (interval '3' MONTH))"},
      {"INTERVAL 1 DAY + d", "(+ (interval 1 DAY) d)"},
      {"d + INTERVAL n * 7 DAY", "(+ d (interval (* n 7) DAY))"},
      {"d + INTERVAL 1 WEEK + INTERVAL 1 YEAR", "(+ (+ d (interval 1 WEEK)) (interval 1 YEAR))"},
  });
  EXPECT_EQ(NearText("SELECT INTERVAL 1 FORTNIGHT"), "FORTNIGHT");
  EXPECT_EQ(ParseError("SELECT d + INTERVAL '1:2' DAY_HOUR").code, 1235);
}

TEST(ParserExprTest, Case) {
  CheckAll({
      {"CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END",
       "(case (when (> a 1) 'x') (when (> a 0) 'y') (else 'z'))"},
      {"CASE status WHEN 'a' THEN 1 END", "(case status (when 'a' 1))"},
      {"CASE WHEN a THEN CASE WHEN b THEN 1 END END", "(case (when a (case (when b 1))))"},
  });
  EXPECT_EQ(NearText("SELECT CASE ELSE 1 END"), "ELSE 1 END");
  EXPECT_EQ(NearText("SELECT CASE WHEN 1 THEN 2"), "");
}

TEST(ParserExprTest, Casts) {
  CheckAll({
      {"CAST(a AS SIGNED)", "(cast a bigint)"},
      {"CAST(a AS SIGNED INTEGER)", "(cast a bigint)"},
      {"CAST(a AS UNSIGNED)", "(cast a bigint unsigned)"},
      {"CAST(a AS CHAR)", "(cast a varchar(0))"},
      {"CAST(a AS CHAR(10))", "(cast a varchar(10))"},
      {"CAST(a AS CHAR CHARACTER SET utf8mb4)", "(cast a varchar(0))"},
      {"CAST(a AS DECIMAL(10,2))", "(cast a decimal(10,2))"},
      {"CAST(a AS DECIMAL)", "(cast a decimal(10,0))"},
      {"CAST(a AS DECIMAL(5))", "(cast a decimal(5,0))"},
      {"CAST(a AS DATE)", "(cast a date)"},
      {"CAST(a AS DATETIME)", "(cast a datetime(0))"},
      {"CAST(a AS DATETIME(3))", "(cast a datetime(3))"},
      {"CAST(a AS DOUBLE)", "(cast a double)"},
      {"CAST(a AS FLOAT)", "(cast a float)"},
      {"CAST(a AS JSON)", "(cast a json)"},
      {"CAST(a AS BINARY)", "(cast a blob(0))"},
      {"CONVERT(a, SIGNED)", "(cast a bigint)"},
      {"CONVERT(a, DECIMAL(8,3))", "(cast a decimal(8,3))"},
      {"CONVERT(a USING utf8mb4)", "(cast a varchar(0))"},
      {"CAST(price * 100 AS UNSIGNED) + 1", "(+ (cast (* price 100) bigint unsigned) 1)"},
  });
  EXPECT_EQ(NearText("SELECT CAST(a AS INT)"), "INT)");  // MySQL wants SIGNED
  EXPECT_EQ(NearText("SELECT CAST(a AS VARCHAR(3))"), "VARCHAR(3))");
  EXPECT_EQ(ParseError("SELECT CAST(a AS TIME)").code, 1235);
}

TEST(ParserExprTest, Subqueries) {
  CheckAll({
      {"EXISTS (SELECT 1 FROM t)", "(exists (select (items 1) (from t)))"},
      {"NOT EXISTS (SELECT 1)", "(not-exists (select (items 1)))"},
      {"(SELECT MAX(id) FROM t)", "(select (items (MAX id)) (from t))"},
      {"(SELECT 1) + 1", "(+ (select (items 1)) 1)"},
      {"a IN (SELECT id FROM t WHERE x = 1)",
       "(in a (select (items id) (from t) (where (= x 1))))"},
      {"a NOT IN (SELECT id FROM t)", "(not-in a (select (items id) (from t)))"},
      {"a IN ((SELECT 1) UNION (SELECT 2))",
       "(in a (select (items 1) (union (select (items 2)))))"},
      {"a = (SELECT 1 UNION ALL SELECT 2 LIMIT 1)",
       "(= a (select (items 1) (union-all (select (items 2))) (union-limit 1)))"},
  });
  ExprPtr e = FirstItem("EXISTS (SELECT 1)");
  ASSERT_TRUE(e);
  EXPECT_EQ(e->kind, ExprKind::kExists);
  EXPECT_FALSE(e->negated);
}

TEST(ParserExprTest, JsonOperators) {
  CheckAll({
      {"attrs->'$.color'", "(-> attrs '$.color')"},
      {"attrs->>'$.size' = 'L'", "(= (->> attrs '$.size') 'L')"},
      {"t.doc -> \"$.a[0]\"", "(-> t.doc '$.a[0]')"},
  });
  EXPECT_TRUE(FirstItem("attrs->>'$.x'")->unquote);
  EXPECT_FALSE(FirstItem("attrs->'$.x'")->unquote);
  EXPECT_EQ(NearText("SELECT a -> b"), "b");
}

TEST(ParserExprTest, Variables) {
  CheckAll({
      {"@@version_comment", "(@@version_comment)"},
      {"@@SESSION.autocommit", "(@@autocommit)"},
      {"@@global.max_allowed_packet", "(@@max_allowed_packet)"},
      {"@total", "(@total)"},
      {"@`My Var`", "(@my var)"},
  });
}

TEST(ParserExprTest, ParamsAreNumberedInTextOrder) {
  auto r = Parse("SELECT ? FROM t WHERE a = ? AND b IN (?, ?) LIMIT ?");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r.value().param_count, 5);
  auto* s = static_cast<SelectStatement*>(r.value().statement.get())->select.get();
  EXPECT_EQ(s->items[0].expr->param_index, 0);
  EXPECT_EQ(DumpExpr(*s->where), "(and (= a ?1) (in b ?2 ?3))");
  EXPECT_EQ(s->limit->param_index, 4);
  auto none = Parse("SELECT '?' FROM t -- ?\n");
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none.value().param_count, 0);
}

TEST(ParserExprTest, TextIsTheExactSource) {
  auto s = MustParseSelect(
      "SELECT a+1, COUNT( * ), (1 + 2) AS x, t.name, 'str', -5,  price * qty   , "
      "a /* c */ + 1, `Order`.`Total` FROM t");
  ASSERT_TRUE(s);
  std::vector<std::string> texts;
  for (const SelectItem& item : s->items) texts.push_back(item.expr->text);
  EXPECT_EQ(texts,
            (std::vector<std::string>{"a+1", "COUNT( * )", "(1 + 2)", "t.name", "'str'", "-5",
                                      "price * qty", "a /* c */ + 1", "`Order`.`Total`"}));
  EXPECT_EQ(s->items[2].alias, "x");
}

TEST(ParserExprTest, SubexpressionTextsAndPositions) {
  std::string_view sql = "SELECT a + b * c FROM t WHERE x IN (1, y + 2)";
  auto s = MustParseSelect(sql);
  ASSERT_TRUE(s);
  const Expr& sum = *s->items[0].expr;
  EXPECT_EQ(sum.pos, 7u);
  EXPECT_EQ(sum.args[0]->pos, 7u);
  EXPECT_EQ(sum.args[1]->text, "b * c");
  EXPECT_EQ(sum.args[1]->pos, 11u);
  EXPECT_EQ(sum.args[1]->args[1]->pos, 15u);
  const Expr& in = *s->where;
  EXPECT_EQ(in.text, "x IN (1, y + 2)");
  EXPECT_EQ(in.pos, sql.find("x IN"));
  EXPECT_EQ(in.args[2]->text, "y + 2");
  EXPECT_EQ(in.args[2]->pos, sql.find("y + 2"));
}

TEST(ParserExprTest, Aliases) {
  auto s =
      MustParseSelect("SELECT a AS x, b y, c AS 'z z', d \"w\", e AS `v`, COUNT(*) total FROM t");
  ASSERT_TRUE(s);
  std::vector<std::string> aliases;
  for (const SelectItem& item : s->items) aliases.push_back(item.alias);
  EXPECT_EQ(aliases, (std::vector<std::string>{"x", "y", "z z", "w", "v", "total"}));
}

TEST(ParserExprTest, SyntaxErrors) {
  EXPECT_EQ(NearText("SELECT 1 +"), "");
  EXPECT_EQ(NearText("SELECT (1"), "");
  EXPECT_EQ(NearText("SELECT a FROM t WHERE a IN ()"), ")");
  EXPECT_EQ(NearText("SELECT a FROM t WHERE a BETWEEN 1"), "");
  EXPECT_EQ(NearText("SELECT a IS 5"), "5");
  EXPECT_EQ(NearText("SELECT COUNT(*"), "");
  EXPECT_EQ(NearText("SELECT f(1,)"), ")");
  EXPECT_EQ(NearText("SELECT a = NOT b"), "NOT b");
  EXPECT_EQ(NearText("SELECT select FROM t"), "select FROM t");
  EXPECT_EQ(NearText("SELECT db.t.c.d"), ".d");
  EXPECT_EQ(NearText("SELECT ROW_NUMBER()"), "");
}

TEST(ParserExprTest, QuantifiedSubqueries) {
  auto where = [](const std::string& sql) -> const Expr& {
    static std::unique_ptr<Statement> keep;
    keep = testing::MustParse(sql);
    return *static_cast<SelectStatement&>(*keep).select->items[0].expr;
  };
  const Expr& in = where("SELECT a = ANY (SELECT 1)");
  EXPECT_EQ(in.kind, ExprKind::kInSubquery);
  EXPECT_FALSE(in.quantified);
  EXPECT_FALSE(in.negated);
  const Expr& not_in = where("SELECT a <> ALL (SELECT 1)");
  EXPECT_EQ(not_in.kind, ExprKind::kInSubquery);
  EXPECT_FALSE(not_in.quantified);
  EXPECT_TRUE(not_in.negated);
  const Expr& gt_all = where("SELECT a > ALL (SELECT 1)");
  EXPECT_TRUE(gt_all.quantified);
  EXPECT_TRUE(gt_all.quantify_all);
  EXPECT_EQ(gt_all.binary_op, BinaryOp::kGt);
  const Expr& le_some = where("SELECT a <= SOME ((SELECT 1))");
  EXPECT_TRUE(le_some.quantified);
  EXPECT_FALSE(le_some.quantify_all);
  EXPECT_EQ(le_some.binary_op, BinaryOp::kLe);
  EXPECT_EQ(NearText("SELECT a = ANY (SELECT 1"), "");
}

TEST(ParserExprTest, NestingIsLimited) {
  auto nested = [](int n) { return "SELECT " + std::string(n, '(') + "1" + std::string(n, ')'); };
  EXPECT_TRUE(Parse(nested(50)).ok());
  EXPECT_EQ(ParseError(nested(5000)).code, 1064);
  EXPECT_EQ(ParseError("SELECT " + std::string(100000, '-') + "1").code, 1064);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_EQ(ParseError("SELECT " + nots + "1").code, 1064);
  std::string subqueries = "SELECT 1";
  for (int i = 0; i < 500; ++i) subqueries = "SELECT (" + subqueries + ")";
  EXPECT_EQ(ParseError(subqueries).code, 1064);
  std::string betweens = "SELECT a";
  for (int i = 0; i < 5000; ++i) betweens += " BETWEEN 1 AND a";
  EXPECT_EQ(ParseError(betweens).code, 1064);
  std::string binaries;
  for (int i = 0; i < 5000; ++i) binaries += "BINARY ";
  EXPECT_EQ(ParseError("SELECT " + binaries + "'a'").code, 1064);
}

// The deepest inputs the limits allow, and ones just past them, parse in a
// thread with a 512 KiB stack (worker threads may have less than 8 MiB).
TEST(ParserExprTest, DeepInputsFitInASmallStack) {
  auto repeat = [](std::string_view s, int n) {
    std::string out;
    for (int i = 0; i < n; ++i) out += s;
    return out;
  };
  struct Job {
    std::vector<std::string> inputs;
    std::vector<int> codes;
  } job;
  for (int n : {Parser::kMaxDepth - 2, Parser::kMaxDepth + 1, 1000}) {
    job.inputs.push_back("SELECT " + repeat("(", n) + "1" + repeat(")", n));
    job.inputs.push_back("SELECT " + repeat("f(", n) + "1" + repeat(")", n));
    job.inputs.push_back("SELECT " + repeat("(SELECT ", n) + "1" + repeat(")", n));
    job.inputs.push_back("SELECT " + repeat("a IN (", n) + "1" + repeat(")", n));
    job.inputs.push_back("SELECT * FROM " + repeat("(SELECT * FROM ", n) + "t" + repeat(") x", n));
    job.inputs.push_back("SELECT " + repeat("CASE WHEN ", n) + "1" + repeat(" THEN 1 END", n));
    job.inputs.push_back("SELECT " + repeat("CAST(", n) + "1" + repeat(" AS SIGNED)", n));
    job.inputs.push_back("SELECT " + repeat("-(", n) + "1" + repeat(")", n));
  }
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, 512 * 1024);
  pthread_t thread;
  auto run = [](void* arg) -> void* {
    auto* j = static_cast<Job*>(arg);
    for (const std::string& sql : j->inputs) {
      auto r = Parse(sql);
      j->codes.push_back(r.ok() ? 0 : r.error().code);
    }
    return nullptr;
  };
  ASSERT_EQ(pthread_create(&thread, &attr, run, &job), 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  ASSERT_EQ(job.codes.size(), job.inputs.size());
  for (size_t i = 0; i < job.codes.size(); ++i) {
    EXPECT_TRUE(job.codes[i] == 0 || job.codes[i] == 1064) << job.inputs[i].substr(0, 60);
  }
  EXPECT_EQ(job.codes[0], 0);     // kMaxDepth - 2 parentheses are fine
  EXPECT_EQ(job.codes[8], 1064);  // kMaxDepth + 1 are not
}

TEST(ParserExprTest, LongChainsAreLimitedByHeight) {
  std::string ors = "SELECT * FROM t WHERE a = 0";
  for (int i = 1; i < 500; ++i) ors += " OR a = " + std::to_string(i);
  EXPECT_TRUE(Parse(ors).ok());
  std::string sum = "SELECT 1";
  for (int i = 0; i < 20000; ++i) sum += " + 1";
  EXPECT_EQ(ParseError(sum).code, 1064);
  // Long IN lists are flat, not deep.
  std::string in = "SELECT * FROM t WHERE a IN (0";
  for (int i = 1; i < 20000; ++i) in += ", " + std::to_string(i);
  EXPECT_TRUE(Parse(in + ")").ok());
}

}  // namespace
}  // namespace tetradb::rel::sql
