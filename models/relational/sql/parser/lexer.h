// The SQL lexer: statement text -> tokens, MySQL's lexical rules.
//
// What it promises:
//   - Every token carries its byte range [pos, end) in the text it was given,
//     so the parser can quote the text from a failing token (1064 "near")
//     and copy an expression's exact source text.
//   - Keywords are not a token kind: a word is a kIdent, with `reserved` set
//     when MySQL 8.0 reserves it (a reserved word can only be a name when
//     quoted with backticks, or after a `.` in a qualified name).
//   - Strings are decoded as MySQL does with backslash escapes on: '' and ""
//     doubling, \n \t \r \b \0 \Z \\ \' \", and \% \_ kept as two
//     characters (they stay escapes for LIKE). Adjacent strings ('a' 'b') are
//     separate tokens; the parser joins them.
//   - Numbers carry their Value: an integer is Int, UInt above INT64_MAX, an
//     exact Decimal beyond that (up to 38 digits); 1.50 and .5 are exact
//     Decimals; 1e3 and 1.5E-2 are Doubles. A sign is never part of a number.
//   - `?` placeholders are numbered 0, 1, ... in text order.
//   - Comments (-- followed by a space or control character, #, /* */ and
//     /*! */ alike) are skipped.
//   - Bad input (an unterminated string, quoted name or comment, a stray
//     character) is 1064 at the offending byte; never a crash.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "models/relational/types/sql_error.h"
#include "models/relational/types/value.h"

namespace tetradb::rel::sql {

enum class TokenKind : uint8_t {
  kEnd,          // end of input: pos == end == the end offset
  kIdent,        // an unquoted word: keyword or name (see `reserved`)
  kQuotedIdent,  // `name`: `value` is the name without quotes, `` undoubled
  kString,       // 'x' or "x" (also N'x', _utf8mb4'x'): `value` is decoded
  kHexString,    // X'4142' or 0x4142: `value` holds the bytes
  kNumber,       // `number` holds Int / UInt / Decimal / Double
  kParam,        // ?: `param_index`
  kOp,           // operator or punctuation, spelled in `text`: "<=>", "(", ";"
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  size_t pos = 0;         // first byte, in the text given to Tokenize
  size_t end = 0;         // one past the last byte
  std::string_view text;  // the source bytes [pos, end)
  std::string value;      // kQuotedIdent / kString / kHexString: decoded bytes
  Value number;           // kNumber
  int param_index = -1;   // kParam
  bool reserved = false;  // kIdent: a MySQL reserved word
};

// Tokenizes sql[begin, end) (end clamped to sql.size()). Positions are
// offsets into `sql`. The result always ends with one kEnd token at `end`.
// Errors are 1064 quoting from the bad byte to `end`.
SqlResult<std::vector<Token>> Tokenize(std::string_view sql, size_t begin = 0,
                                       size_t end = std::string_view::npos);

// True when `word` (any case) is a MySQL 8.0 reserved word.
bool IsReservedWord(std::string_view word);

// ASCII case-insensitive equality (keywords are ASCII).
bool EqualsIgnoreCase(std::string_view a, std::string_view b);
std::string ToUpperAscii(std::string_view s);
std::string ToLowerAscii(std::string_view s);

// Skips whitespace and comments from `i`; returns the first offset that is
// neither (or sql.size()). An unterminated /* comment runs to the end and
// sets *unterminated_at (when given) to the offset of its "/*".
size_t SkipTrivia(std::string_view sql, size_t i, size_t* unterminated_at = nullptr);

// The server version executable comments compare with: /*!80036 ... */ and
// older are SQL, /*!80037 ... */ and newer are comments (8.0.36).
inline constexpr uint64_t kExecutableCommentVersion = 80036;
// Whether `sql` has, at `i`, an executable comment (/*! or /*!NNNNN with
// NNNNN <= kExecutableCommentVersion) whose text is read as SQL.
bool IsExecutableComment(std::string_view sql, size_t i);

}  // namespace tetradb::rel::sql
