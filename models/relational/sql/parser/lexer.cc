#include "models/relational/sql/parser/lexer.h"

#include <cstdint>
#include <cstdlib>
#include <iterator>
#include <limits>
#include <unordered_set>

#include "models/relational/types/decimal.h"

namespace tetradb::rel::sql {
namespace {

// MySQL 8.0's reserved words (the "(R)" entries of the manual's keyword
// list), minus a few that only matter to features tetradb does not parse.
// Non-reserved keywords (STATUS, NAME, DATE, TEXT, COMMENT, COUNT, ...) stay
// usable as names.
// clang-format off
constexpr std::string_view kReservedWords[] = {
    "ACCESSIBLE", "ADD", "ALL", "ALTER", "ANALYZE", "AND", "AS", "ASC", "ASENSITIVE", "BEFORE",
    "BETWEEN", "BIGINT", "BINARY", "BLOB", "BOTH", "BY", "CALL", "CASCADE", "CASE", "CHANGE",
    "CHAR", "CHARACTER", "CHECK", "COLLATE", "COLUMN", "CONDITION", "CONSTRAINT", "CONTINUE",
    "CONVERT", "CREATE", "CROSS", "CUBE", "CUME_DIST", "CURRENT_DATE", "CURRENT_TIME",
    "CURRENT_TIMESTAMP", "CURRENT_USER", "CURSOR", "DATABASE", "DATABASES", "DAY_HOUR",
    "DAY_MICROSECOND", "DAY_MINUTE", "DAY_SECOND", "DEC", "DECIMAL", "DECLARE", "DEFAULT",
    "DELAYED", "DELETE", "DENSE_RANK", "DESC", "DESCRIBE", "DETERMINISTIC", "DISTINCT",
    "DISTINCTROW", "DIV", "DOUBLE", "DROP", "DUAL", "EACH", "ELSE", "ELSEIF", "EMPTY", "ENCLOSED",
    "ESCAPED", "EXCEPT", "EXISTS", "EXIT", "EXPLAIN", "FALSE", "FETCH", "FIRST_VALUE", "FLOAT",
    "FLOAT4", "FLOAT8", "FOR", "FORCE", "FOREIGN", "FROM", "FULLTEXT", "FUNCTION", "GENERATED",
    "GET", "GRANT", "GROUP", "GROUPING", "GROUPS", "HAVING", "HIGH_PRIORITY", "HOUR_MICROSECOND",
    "HOUR_MINUTE", "HOUR_SECOND", "IF", "IGNORE", "IN", "INDEX", "INFILE", "INNER", "INOUT",
    "INSENSITIVE", "INSERT", "INT", "INT1", "INT2", "INT3", "INT4", "INT8", "INTEGER", "INTERSECT",
    "INTERVAL", "INTO", "IO_AFTER_GTIDS", "IO_BEFORE_GTIDS", "IS", "ITERATE", "JOIN", "JSON_TABLE",
    "KEY", "KEYS", "KILL", "LAG", "LAST_VALUE", "LATERAL", "LEAD", "LEADING", "LEAVE", "LEFT",
    "LIKE", "LIMIT", "LINEAR", "LINES", "LOAD", "LOCALTIME", "LOCALTIMESTAMP", "LOCK", "LONG",
    "LONGBLOB", "LONGTEXT", "LOOP", "LOW_PRIORITY", "MASTER_BIND", "MASTER_SSL_VERIFY_SERVER_CERT",
    "MATCH", "MAXVALUE", "MEDIUMBLOB", "MEDIUMINT", "MEDIUMTEXT", "MIDDLEINT",
    "MINUTE_MICROSECOND", "MINUTE_SECOND", "MOD", "MODIFIES", "NATURAL", "NOT",
    "NO_WRITE_TO_BINLOG", "NTH_VALUE", "NTILE", "NULL", "NUMERIC", "OF", "ON", "OPTIMIZE",
    "OPTIMIZER_COSTS", "OPTION", "OPTIONALLY", "OR", "ORDER", "OUT", "OUTER", "OUTFILE", "OVER",
    "PARTITION", "PERCENT_RANK", "PRECISION", "PRIMARY", "PROCEDURE", "PURGE", "RANGE", "RANK",
    "READ", "READS", "READ_WRITE", "REAL", "RECURSIVE", "REFERENCES", "REGEXP", "RELEASE",
    "RENAME", "REPEAT", "REPLACE", "REQUIRE", "RESIGNAL", "RESTRICT", "RETURN", "REVOKE", "RIGHT",
    "RLIKE", "ROW", "ROWS", "ROW_NUMBER", "SCHEMA", "SCHEMAS", "SECOND_MICROSECOND", "SELECT",
    "SENSITIVE", "SEPARATOR", "SET", "SHOW", "SIGNAL", "SMALLINT", "SPATIAL", "SPECIFIC", "SQL",
    "SQLEXCEPTION", "SQLSTATE", "SQLWARNING", "SQL_BIG_RESULT", "SQL_CALC_FOUND_ROWS",
    "SQL_SMALL_RESULT", "SSL", "STARTING", "STORED", "STRAIGHT_JOIN", "SYSTEM", "TABLE",
    "TERMINATED", "THEN", "TINYBLOB", "TINYINT", "TINYTEXT", "TO", "TRAILING", "TRIGGER", "TRUE",
    "UNDO", "UNION", "UNIQUE", "UNLOCK", "UNSIGNED", "UPDATE", "USAGE", "USE", "USING", "UTC_DATE",
    "UTC_TIME", "UTC_TIMESTAMP", "VALUES", "VARBINARY", "VARCHAR", "VARCHARACTER", "VARYING",
    "VIRTUAL", "WHEN", "WHERE", "WHILE", "WINDOW", "WITH", "WRITE", "XOR", "YEAR_MONTH",
    "ZEROFILL"};
// clang-format on

const std::unordered_set<std::string_view>& ReservedWords() {
  static const auto* words = new std::unordered_set<std::string_view>(std::begin(kReservedWords),
                                                                      std::end(kReservedWords));
  return *words;
}

bool IsIdentChar(unsigned char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$' || c >= 0x80;
}
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsHexDigit(char c) { return IsDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }
int HexValue(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return c - 'A' + 10;
}
bool IsSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

// Operators, longest first so that "<=>" wins over "<=" and "<".
constexpr std::string_view kOperators[] = {"<=>", "->>", "<=", ">=", "<>", "!=", "<<", ">>", "||",
                                           "&&",  "->",  ":=", "@@", "=",  "<",  ">",  "+",  "-",
                                           "*",   "/",   "%",  "!",  "~",  "&",  "|",  "^",  "(",
                                           ")",   ",",   ".",  ";",  "@",  ":",  "{",  "}"};

class Lexer {
 public:
  Lexer(std::string_view sql, size_t begin, size_t end) : sql_(sql.substr(0, end)), i_(begin) {}

  SqlResult<std::vector<Token>> Run() {
    std::vector<Token> tokens;
    int params = 0;
    size_t executable_at = std::string_view::npos;  // inside /*! ... */ since
    while (true) {
      size_t unterminated_at = std::string_view::npos;
      size_t start = SkipTrivia(sql_, i_, &unterminated_at);
      if (unterminated_at != std::string_view::npos) return err::Syntax(sql_, unterminated_at);
      i_ = start;
      if (i_ >= sql_.size()) break;
      if (IsExecutableComment(sql_, i_)) {
        if (executable_at != std::string_view::npos) return err::Syntax(sql_, i_);  // nested
        executable_at = i_;
        for (i_ += 3; i_ < sql_.size() && IsDigit(sql_[i_]);) ++i_;
        continue;
      }
      if (executable_at != std::string_view::npos && sql_.compare(i_, 2, "*/") == 0) {
        executable_at = std::string_view::npos;
        i_ += 2;
        continue;
      }
      Token tok;
      tok.pos = i_;
      TETRADB_SQL_RETURN_IF_ERROR(LexOne(tokens, &tok));
      tok.end = i_;
      tok.text = sql_.substr(tok.pos, tok.end - tok.pos);
      if (tok.kind == TokenKind::kParam) tok.param_index = params++;
      if (tok.kind == TokenKind::kIdent) tok.reserved = IsReservedWord(tok.text);
      tokens.push_back(std::move(tok));
    }
    if (executable_at != std::string_view::npos) return err::Syntax(sql_, executable_at);
    Token end;
    end.pos = end.end = sql_.size();
    tokens.push_back(std::move(end));
    return tokens;
  }

 private:
  SqlStatus LexOne(const std::vector<Token>& tokens, Token* tok) {
    const char c = sql_[i_];
    const char n1 = i_ + 1 < sql_.size() ? sql_[i_ + 1] : '\0';
    if (c == '\'' || c == '"') {
      tok->kind = TokenKind::kString;
      return LexString(c, tok);
    }
    if (c == '`') return LexQuotedIdent(tok);
    if ((c == 'x' || c == 'X') && n1 == '\'') return LexHexString(tok);
    if ((c == 'n' || c == 'N') && n1 == '\'') {
      ++i_;
      tok->kind = TokenKind::kString;
      return LexString('\'', tok);
    }
    if (c == '0' && (n1 == 'x' || n1 == 'X')) {
      size_t j = i_ + 2;
      while (j < sql_.size() && IsHexDigit(sql_[j])) ++j;
      if (j > i_ + 2 && (j >= sql_.size() || !IsIdentChar(sql_[j]))) {
        std::string_view digits = sql_.substr(i_ + 2, j - i_ - 2);
        tok->kind = TokenKind::kHexString;
        tok->value = DecodeHex(digits);
        i_ = j;
        return SqlStatus::Ok();
      }
    }
    bool dot_number = c == '.' && IsDigit(n1) && !FollowsName(tokens);
    if (IsDigit(c) || dot_number) {
      if (LexNumber(tok)) return SqlStatus::Ok();
      // Digits followed by letters: MySQL reads `1abc` as a name.
    }
    if (IsIdentChar(static_cast<unsigned char>(c))) {
      size_t j = i_;
      while (j < sql_.size() && IsIdentChar(static_cast<unsigned char>(sql_[j]))) ++j;
      // Character set introducer: _utf8mb4'text', _binary'text'.
      if (c == '_' && j < sql_.size() && (sql_[j] == '\'' || sql_[j] == '"')) {
        char quote = sql_[j];
        i_ = j;
        tok->kind = TokenKind::kString;
        return LexString(quote, tok);
      }
      tok->kind = TokenKind::kIdent;
      i_ = j;
      return SqlStatus::Ok();
    }
    if (c == '?') {
      tok->kind = TokenKind::kParam;
      ++i_;
      return SqlStatus::Ok();
    }
    for (std::string_view op : kOperators) {
      if (sql_.substr(i_, op.size()) == op) {
        tok->kind = TokenKind::kOp;
        i_ += op.size();
        return SqlStatus::Ok();
      }
    }
    return err::Syntax(sql_, i_);
  }

  // A '.' right after a name is a qualifier dot (t.5 is not t followed by .5).
  bool FollowsName(const std::vector<Token>& tokens) const {
    if (tokens.empty()) return false;
    const Token& prev = tokens.back();
    return prev.end == i_ &&
           (prev.kind == TokenKind::kIdent || prev.kind == TokenKind::kQuotedIdent);
  }

  SqlStatus LexString(char quote, Token* tok) {
    size_t j = i_ + 1;
    std::string out;
    while (true) {
      if (j >= sql_.size()) return err::Syntax(sql_, tok->pos);
      char c = sql_[j];
      if (c == quote) {
        if (j + 1 < sql_.size() && sql_[j + 1] == quote) {
          out.push_back(quote);
          j += 2;
          continue;
        }
        ++j;
        break;
      }
      if (c == '\\') {
        if (j + 1 >= sql_.size()) return err::Syntax(sql_, tok->pos);
        char e = sql_[j + 1];
        switch (e) {
          case '0':
            out.push_back('\0');
            break;
          case 'b':
            out.push_back('\b');
            break;
          case 'n':
            out.push_back('\n');
            break;
          case 'r':
            out.push_back('\r');
            break;
          case 't':
            out.push_back('\t');
            break;
          case 'Z':
            out.push_back('\x1a');
            break;
          case '%':
            out += "\\%";
            break;
          case '_':
            out += "\\_";
            break;
          default:
            out.push_back(e);
            break;
        }
        j += 2;
        continue;
      }
      out.push_back(c);
      ++j;
    }
    tok->value = std::move(out);
    i_ = j;
    return SqlStatus::Ok();
  }

  SqlStatus LexQuotedIdent(Token* tok) {
    size_t j = i_ + 1;
    std::string out;
    while (true) {
      if (j >= sql_.size()) return err::Syntax(sql_, tok->pos);
      if (sql_[j] == '`') {
        if (j + 1 < sql_.size() && sql_[j + 1] == '`') {
          out.push_back('`');
          j += 2;
          continue;
        }
        ++j;
        break;
      }
      out.push_back(sql_[j++]);
    }
    if (out.empty()) return err::Syntax(sql_, tok->pos);  // `` is not a name
    tok->kind = TokenKind::kQuotedIdent;
    tok->value = std::move(out);
    i_ = j;
    return SqlStatus::Ok();
  }

  SqlStatus LexHexString(Token* tok) {
    size_t j = i_ + 2;
    while (j < sql_.size() && IsHexDigit(sql_[j])) ++j;
    if (j >= sql_.size() || sql_[j] != '\'') return err::Syntax(sql_, tok->pos);
    std::string_view digits = sql_.substr(i_ + 2, j - i_ - 2);
    if (digits.size() % 2 != 0) return err::Syntax(sql_, tok->pos);  // as MySQL
    tok->kind = TokenKind::kHexString;
    tok->value = DecodeHex(digits);
    i_ = j + 1;
    return SqlStatus::Ok();
  }

  static std::string DecodeHex(std::string_view digits) {
    std::string out;
    size_t k = 0;
    if (digits.size() % 2 == 1) {  // 0xABC is 0x0ABC
      out.push_back(static_cast<char>(HexValue(digits[0])));
      k = 1;
    }
    for (; k + 1 < digits.size(); k += 2) {
      out.push_back(static_cast<char>(HexValue(digits[k]) * 16 + HexValue(digits[k + 1])));
    }
    return out;
  }

  // Returns false (consuming nothing) when the digits run into letters.
  bool LexNumber(Token* tok) {
    size_t j = i_;
    while (j < sql_.size() && IsDigit(sql_[j])) ++j;
    size_t int_end = j;
    bool has_dot = false, has_exp = false;
    if (j < sql_.size() && sql_[j] == '.') {
      has_dot = true;
      ++j;
      while (j < sql_.size() && IsDigit(sql_[j])) ++j;
    }
    size_t frac_end = j;
    if (j < sql_.size() && (sql_[j] == 'e' || sql_[j] == 'E')) {
      size_t k = j + 1;
      if (k < sql_.size() && (sql_[k] == '+' || sql_[k] == '-')) ++k;
      if (k < sql_.size() && IsDigit(sql_[k])) {
        while (k < sql_.size() && IsDigit(sql_[k])) ++k;
        has_exp = true;
        j = k;
      }
    }
    if (!has_dot && !has_exp && j < sql_.size() &&
        IsIdentChar(static_cast<unsigned char>(sql_[j]))) {
      return false;
    }
    std::string_view text = sql_.substr(i_, j - i_);
    tok->kind = TokenKind::kNumber;
    if (has_exp) {
      tok->number = Value::Double(std::strtod(std::string(text).c_str(), nullptr));
    } else {
      std::string digits(sql_.substr(i_, int_end - i_));
      int scale = 0;
      if (has_dot) {
        std::string_view frac = sql_.substr(int_end + 1, frac_end - int_end - 1);
        digits += frac;
        scale = static_cast<int>(frac.size());
      }
      tok->number = ExactNumber(digits, scale, has_dot, text);
    }
    i_ = j;
    return true;
  }

  // digits: all digits of the number without the point; scale: how many of
  // them are fraction digits.
  static Value ExactNumber(std::string_view digits, int scale, bool has_dot,
                           std::string_view text) {
    size_t first = digits.find_first_not_of('0');
    size_t significant = first == std::string_view::npos ? 0 : digits.size() - first;
    if (significant > static_cast<size_t>(Decimal::kMaxPrecision) || scale > Decimal::kMaxScale) {
      return Value::Double(std::strtod(std::string(text).c_str(), nullptr));
    }
    unsigned __int128 m = 0;
    for (char d : digits) m = m * 10 + static_cast<unsigned>(d - '0');
    if (!has_dot) {
      if (m <= static_cast<unsigned __int128>(std::numeric_limits<int64_t>::max())) {
        return Value::Int(static_cast<int64_t>(m));
      }
      if (m <= std::numeric_limits<uint64_t>::max()) {
        return Value::UInt(static_cast<uint64_t>(m));
      }
    }
    return Value::Dec(Decimal(static_cast<__int128>(m), scale));
  }

  std::string_view sql_;
  size_t i_;
};

}  // namespace

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i], y = b[i];
    if (x >= 'a' && x <= 'z') x = static_cast<char>(x - 'a' + 'A');
    if (y >= 'a' && y <= 'z') y = static_cast<char>(y - 'a' + 'A');
    if (x != y) return false;
  }
  return true;
}

std::string ToUpperAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

std::string ToLowerAscii(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

bool IsReservedWord(std::string_view word) {
  constexpr size_t kLongest = 32;  // longer than any reserved word
  if (word.empty() || word.size() > kLongest) return false;
  char buf[kLongest];
  for (size_t i = 0; i < word.size(); ++i) {
    char c = word[i];
    buf[i] = (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  return ReservedWords().count(std::string_view(buf, word.size())) > 0;
}

bool IsExecutableComment(std::string_view sql, size_t i) {
  if (sql.compare(i, 3, "/*!") != 0) return false;
  size_t j = i + 3;
  uint64_t version = 0;
  while (j < sql.size() && IsDigit(sql[j]) && j - (i + 3) < 6) {
    version = version * 10 + static_cast<uint64_t>(sql[j] - '0');
    ++j;
  }
  return j == i + 3 || version <= kExecutableCommentVersion;
}

size_t SkipTrivia(std::string_view sql, size_t i, size_t* unterminated_at) {
  while (i < sql.size()) {
    char c = sql[i];
    if (IsSpace(c)) {
      ++i;
    } else if (c == '#') {
      size_t nl = sql.find('\n', i);
      i = nl == std::string_view::npos ? sql.size() : nl + 1;
    } else if (c == '-' && i + 1 < sql.size() && sql[i + 1] == '-' &&
               (i + 2 >= sql.size() || IsSpace(sql[i + 2]) ||
                static_cast<unsigned char>(sql[i + 2]) < 0x20)) {
      // MySQL: "--" starts a comment only when a space or control follows.
      size_t nl = sql.find('\n', i);
      i = nl == std::string_view::npos ? sql.size() : nl + 1;
    } else if (c == '/' && i + 1 < sql.size() && sql[i + 1] == '*') {
      // MySQL's executable comment, /*!NNNNN ... */, for a version up to
      // ours: its text is SQL (the lexer reads it; see Lexer::Run).
      if (IsExecutableComment(sql, i)) break;
      size_t close = sql.find("*/", i + 2);
      if (close == std::string_view::npos) {
        if (unterminated_at != nullptr) *unterminated_at = i;
        return sql.size();
      }
      i = close + 2;
    } else {
      break;
    }
  }
  return i;
}

SqlResult<std::vector<Token>> Tokenize(std::string_view sql, size_t begin, size_t end) {
  if (end > sql.size()) end = sql.size();
  if (begin > end) begin = end;
  return Lexer(sql, begin, end).Run();
}

}  // namespace tetradb::rel::sql
