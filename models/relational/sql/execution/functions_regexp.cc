// Regular expression functions: REGEXP_LIKE (also `a REGEXP b`, `a RLIKE
// b`, `a NOT REGEXP b`), REGEXP_INSTR, REGEXP_SUBSTR and REGEXP_REPLACE, with
// MySQL 8.0's arguments, results and error codes, matched by RE2.
//
// BEHAVIOUR
// - A search, not a full match: 'abc' REGEXP 'b' is 1. NULL in any argument
//   gives NULL.
// - Case-insensitive by default, as MySQL's default collation
//   (utf8mb4_0900_ai_ci) makes it; case-sensitive when the subject or the
//   pattern is binary (a BLOB / BINARY / VARBINARY column, CAST(... AS
//   BINARY), BINARY x, a hex or bit literal) or has a `_bin` / `_cs`
//   COLLATE. match_type overrides it: 'c' case-
//   sensitive, 'i' insensitive, 'm' ^ and $ at line ends, 'n' . matches a
//   newline, 'u' Unix line endings (always so under RE2); the last of 'c' /
//   'i' wins; any other character is 1210.
// - Positions and lengths count characters (UTF-8 code points). `pos` is
//   where the search starts (1 = the start; 0 is 1583, beyond the length + 1
//   is 3686); ^ still means the subject's start. `occurrence` counts matches
//   from pos (REGEXP_REPLACE: 0 = every match, the default).
// - REGEXP_REPLACE's replacement is ICU's: `$n` is group n (3686 beyond the
//   pattern's groups), `${name}` a named group, `\x` the character x;
//   another `$` (or an unknown name) is 3887.
//
// CONSTRAINTS (RE2 is not ICU; docs/sql.md lists them)
// - RE2 guarantees linear-time matching, so it has no backreferences (\1,
//   \k<name>), lookahead / lookbehind ((?=, (?!, (?<=, (?<!), atomic groups
//   ((?>), possessive quantifiers (a*+), \uhhhh (write \x{hhhh}), \Z, \G, \R,
//   \X, \h or ICU's (?<name>...) (write (?P<name>...)). Such patterns fail
//   with 3690 "The regular expression contains a feature that is not
//   implemented in this library." Counted repetition is limited to 1000
//   (a{1001} is 3700).
// - Errors ICU would report too keep MySQL's codes: 3685 empty pattern or
//   unknown [[:class:]], 3688 syntax error (with the character position),
//   3689 bad escape, 3691 parentheses, 3692 / 3693 {min,max}, 3696 unclosed
//   bracket, 3697 bad range.
#include <fmt/format.h>
#include <re2/re2.h>

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

#include "models/relational/sql/execution/functions.h"
#include "models/relational/types/utf8.h"

namespace tetradb::rel::sql {
namespace {

using Args = std::vector<Value>;
constexpr size_t kMaxResultBytes = 64 << 20;  // as the other string functions: NULL beyond

SqlError RegexError(int code, std::string message) {
  return SqlError{code, "HY000", std::move(message)};
}

SqlError IllegalArgument() { return RegexError(3685, "Illegal argument to a regular expression."); }
SqlError IndexOutOfBounds() {
  return RegexError(3686, "Index out of bounds in regular expression search.");
}
SqlError Unimplemented() {
  return RegexError(3690,
                    "The regular expression contains a feature that is not implemented in "
                    "this library.");
}

// Lower-case name for 1210 / 1583 messages, as MySQL's func_name().
std::string FnName(const FnEnv& env) {
  std::string name = env.expr != nullptr && env.expr->ast != nullptr ? env.expr->ast->name : "";
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.empty() ? "regexp_like" : name;
}

// Whether argument `i` of the call matches case-sensitively: true for a
// binary string (a BLOB / BINARY / VARBINARY column, CAST(... AS BINARY),
// BINARY x, a hex or bit literal) or a `_bin` / `_cs` collation, false for
// an explicit `_ci` one; nullopt when nothing says (the default collation,
// case-insensitive).
std::optional<bool> CaseSensitiveArg(const FnEnv& env, size_t i) {
  if (env.expr == nullptr || i >= env.expr->args.size()) return std::nullopt;
  const BoundExpr& e = *env.expr->args[i];
  if (e.ast != nullptr && !e.ast->collation.empty()) {
    std::string_view c = e.ast->collation;
    auto ends = [&c](std::string_view s) {
      return c.size() >= s.size() && c.substr(c.size() - s.size()) == s;
    };
    if (c == "binary" || ends("_bin") || ends("_cs")) return true;
    if (ends("_ci")) return false;
  }
  if (e.kind == BoundKind::kColumn && e.column != nullptr) {
    if (e.column->type.id == TypeId::kBlob) return true;
  } else if (e.kind == BoundKind::kCast) {
    if (e.cast_type.id == TypeId::kBlob) return true;
  } else if (e.kind == BoundKind::kConst && e.ast != nullptr && e.ast->kind == ExprKind::kLiteral) {
    const std::string& t = e.ast->text;
    if (t.size() >= 2) {
      char a = static_cast<char>(std::tolower(static_cast<unsigned char>(t[0])));
      if ((t[1] == '\'' && (a == 'x' || a == 'b')) ||
          (t[0] == '0' && (t[1] == 'x' || t[1] == 'b'))) {
        return true;
      }
    }
  }
  return std::nullopt;
}

struct MatchFlags {
  bool icase = true;
  bool multiline = false;
  bool dot_nl = false;
};

SqlResult<MatchFlags> ParseFlags(const FnEnv& env, const Value* match_type) {
  MatchFlags f;
  std::optional<bool> subject = CaseSensitiveArg(env, 0), pattern = CaseSensitiveArg(env, 1);
  f.icase = !(subject.value_or(false) || pattern.value_or(false));
  if (match_type == nullptr) return f;
  for (char c : ToText(*match_type)) {
    switch (c) {
      case 'c':
        f.icase = false;
        break;
      case 'i':
        f.icase = true;
        break;
      case 'm':
        f.multiline = true;
        break;
      case 'n':
        f.dot_nl = true;
        break;
      case 'u':
        break;  // RE2 knows only \n as a line end: always Unix lines
      default:
        return err::IncorrectArguments(FnName(env));
    }
  }
  return f;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// 1-based character position of `fragment` in `pattern` (1 if not found).
size_t CharPosition(std::string_view pattern, std::string_view fragment) {
  size_t at = fragment.empty() ? std::string_view::npos : pattern.find(fragment);
  if (at == std::string_view::npos) return 1;
  return Utf8CodePoints(pattern.substr(0, at)) + 1;
}

// RE2's refusal as MySQL would word ICU's, or 3690 for what ICU has and RE2
// lacks (see CONSTRAINTS above).
SqlError CompileError(const RE2& re, std::string_view pattern) {
  const std::string& arg = re.error_arg();
  switch (re.error_code()) {
    case RE2::ErrorBadEscape: {
      // ICU escapes RE2 does not know.
      if (arg.size() >= 2 && arg[0] == '\\' &&
          (IsDigit(arg[1]) ||
           std::string_view("kGZhHRXNuUe").find(arg[1]) != std::string_view::npos)) {
        return Unimplemented();
      }
      return RegexError(3689, "Unrecognized escape sequence in regular expression.");
    }
    case RE2::ErrorTrailingBackslash:
      return RegexError(3689, "Unrecognized escape sequence in regular expression.");
    case RE2::ErrorBadCharClass:
    case RE2::ErrorBadUTF8:
    case RE2::ErrorBadNamedCapture:
      return IllegalArgument();
    case RE2::ErrorBadCharRange:
      if (arg.rfind("[:", 0) == 0) return IllegalArgument();
      return RegexError(3697,
                        "The regular expression contains an [x-y] character range where x "
                        "comes after y.");
    case RE2::ErrorMissingBracket:
      return RegexError(3696, "The regular expression contains an unclosed bracket expression.");
    case RE2::ErrorMissingParen:
    case RE2::ErrorUnexpectedParen:
      return RegexError(3691, "Mismatched parenthesis in regular expression.");
    case RE2::ErrorRepeatSize: {
      // {n,m}: m < n is 3693; a bound past RE2's 1000 is a size limit.
      size_t open = arg.find('{');
      if (open != std::string::npos) {
        long lo = std::strtol(arg.c_str() + open + 1, nullptr, 10);
        size_t comma = arg.find(',', open);
        if (comma != std::string::npos && comma + 1 < arg.size() && IsDigit(arg[comma + 1])) {
          long hi = std::strtol(arg.c_str() + comma + 1, nullptr, 10);
          if (hi < lo) {
            return RegexError(3693,
                              "The maximum is less than the minimum in a {min,max} interval.");
          }
          if (hi > 1000) lo = hi;
        }
        if (lo > 1000) {
          return RegexError(3700,
                            "The regular expression pattern exceeds limits on size or "
                            "complexity.");
        }
      }
      return RegexError(3692, "Incorrect description of a {min,max} interval.");
    }
    case RE2::ErrorRepeatOp:
      // a*+ / a++ / a?+ / a{2}+: ICU's possessive quantifiers.
      if (arg.size() >= 2 && arg.back() == '+') return Unimplemented();
      [[fallthrough]];
    case RE2::ErrorRepeatArgument:
      return RegexError(3688, fmt::format("Syntax error in regular expression on line 1, "
                                          "character {}.",
                                          CharPosition(pattern, arg)));
    case RE2::ErrorBadPerlOp:
      // (?= (?! (?<= (?<! (?> (?<name>: ICU has them, RE2 does not.
      return Unimplemented();
    case RE2::ErrorPatternTooLarge:
      return RegexError(3700,
                        "The regular expression pattern exceeds limits on size or complexity.");
    default:
      return RegexError(3687, "Internal error in regular expression library.");
  }
}

// Compiled patterns, per thread: a statement usually matches one pattern
// against every row.
SqlResult<std::shared_ptr<const RE2>> Compile(std::string_view pattern, const MatchFlags& f) {
  if (pattern.empty()) return IllegalArgument();
  struct Cache {
    std::unordered_map<std::string, std::shared_ptr<const RE2>> map;
  };
  thread_local Cache cache;
  std::string key;
  key.reserve(pattern.size() + 3);
  key += f.icase ? 'i' : 'c';
  key += f.multiline ? 'm' : '-';
  key += f.dot_nl ? 'n' : '-';
  key.append(pattern);
  auto it = cache.map.find(key);
  if (it != cache.map.end()) return it->second;

  RE2::Options options;
  options.set_log_errors(false);
  options.set_case_sensitive(!f.icase);
  options.set_dot_nl(f.dot_nl);
  std::string text = f.multiline ? "(?m)" + std::string(pattern) : std::string(pattern);
  auto re = std::make_shared<const RE2>(text, options);
  if (!re->ok()) return CompileError(*re, pattern);
  if (cache.map.size() >= 64) cache.map.clear();
  cache.map.emplace(std::move(key), re);
  return std::shared_ptr<const RE2>(re);
}

// Byte offset of 1-based character `pos` in `s`; 3686 beyond its end + 1.
SqlResult<size_t> ByteOffset(std::string_view s, int64_t pos) {
  size_t at = 0;
  for (int64_t i = 1; i < pos; ++i) {
    if (at >= s.size()) return IndexOutOfBounds();
    at += Utf8SequenceLength(static_cast<unsigned char>(s[at]));
  }
  return std::min(at, s.size());
}

// An integer argument (pos, occurrence, return_option).
int64_t IntArg(const Value& v) {
  if (v.kind() == ValueKind::kUInt) {
    return v.uint_value() > INT64_MAX ? INT64_MAX : static_cast<int64_t>(v.uint_value());
  }
  return ToInt64(v).value_or(0);
}

bool AnyNull(const Args& a) {
  for (const Value& v : a) {
    if (v.is_null()) return true;
  }
  return false;
}

// One search position after a match that ended at `end`: past an empty
// match, the next character (or past the end).
size_t NextStart(std::string_view s, size_t start, size_t end) {
  if (end > start) return end;
  if (end >= s.size()) return s.size() + 1;
  return end + Utf8SequenceLength(static_cast<unsigned char>(s[end]));
}

// The occurrence-th match at or after byte `from` (groups[0] is the match),
// or false.
bool FindOccurrence(const RE2& re, std::string_view s, size_t from, int64_t occurrence,
                    std::vector<re2::StringPiece>* groups) {
  size_t at = from;
  for (int64_t n = 1; at <= s.size(); ++n) {
    if (!re.Match(s, at, s.size(), RE2::UNANCHORED, groups->data(),
                  static_cast<int>(groups->size()))) {
      return false;
    }
    if (n >= occurrence) return true;
    size_t start = static_cast<size_t>((*groups)[0].data() - s.data());
    at = NextStart(s, start, start + (*groups)[0].size());
  }
  return false;
}

// The common arguments: subject, pattern, [pos, [occurrence, ...]]. Fills
// the compiled pattern and the byte offset where the search starts.
struct Search {
  std::string subject;
  std::shared_ptr<const RE2> re;
  size_t from = 0;
  int64_t occurrence = 1;
};

SqlResult<Search> Prepare(const Args& a, const FnEnv& env, const Value* match_type,
                          size_t pos_index) {
  Search s;
  s.subject = ToText(a[0]);
  TETRADB_SQL_ASSIGN_OR_RETURN(MatchFlags flags, ParseFlags(env, match_type));
  TETRADB_SQL_ASSIGN_OR_RETURN(s.re, Compile(ToText(a[1]), flags));
  if (a.size() > pos_index) {
    int64_t pos = IntArg(a[pos_index]);
    if (pos < 1) {
      return SqlError{
          1583, "42000",
          fmt::format("Incorrect parameters in the call to native function '{}'", FnName(env))};
    }
    TETRADB_SQL_ASSIGN_OR_RETURN(s.from, ByteOffset(s.subject, pos));
  }
  if (a.size() > pos_index + 1) s.occurrence = std::max<int64_t>(1, IntArg(a[pos_index + 1]));
  return s;
}

// REGEXP_LIKE(subject, pattern [, match_type])
SqlResult<Value> RegexpLike(const Args& a, const FnEnv& env) {
  if (AnyNull(a)) return Value::Null();
  TETRADB_SQL_ASSIGN_OR_RETURN(Search s, Prepare(a, env, a.size() > 2 ? &a[2] : nullptr, 99));
  return Value::Bool(RE2::PartialMatch(s.subject, *s.re));
}

// REGEXP_INSTR(subject, pattern [, pos [, occurrence [, return_option [, match_type]]]])
SqlResult<Value> RegexpInstr(const Args& a, const FnEnv& env) {
  if (AnyNull(a)) return Value::Null();
  int64_t return_option = a.size() > 4 ? IntArg(a[4]) : 0;
  if (return_option != 0 && return_option != 1) return err::IncorrectArguments(FnName(env));
  TETRADB_SQL_ASSIGN_OR_RETURN(Search s, Prepare(a, env, a.size() > 5 ? &a[5] : nullptr, 2));
  std::vector<re2::StringPiece> groups(1);
  if (!FindOccurrence(*s.re, s.subject, s.from, s.occurrence, &groups)) return Value::Int(0);
  size_t start = static_cast<size_t>(groups[0].data() - s.subject.data());
  size_t at = return_option == 1 ? start + groups[0].size() : start;
  return Value::Int(
      static_cast<int64_t>(Utf8CodePoints(std::string_view(s.subject).substr(0, at))) + 1);
}

// REGEXP_SUBSTR(subject, pattern [, pos [, occurrence [, match_type]]])
SqlResult<Value> RegexpSubstr(const Args& a, const FnEnv& env) {
  if (AnyNull(a)) return Value::Null();
  TETRADB_SQL_ASSIGN_OR_RETURN(Search s, Prepare(a, env, a.size() > 4 ? &a[4] : nullptr, 2));
  std::vector<re2::StringPiece> groups(1);
  if (!FindOccurrence(*s.re, s.subject, s.from, s.occurrence, &groups)) return Value::Null();
  return Value::String(std::string(groups[0].data(), groups[0].size()));
}

// Appends ICU's expansion of `repl` for one match: `$n` / `${name}` a
// group, `\x` the character x.
SqlStatus Expand(std::string_view repl, const RE2& re, const std::vector<re2::StringPiece>& groups,
                 std::string* out) {
  auto append_group = [&](size_t group) {
    const re2::StringPiece& g = groups[group];
    if (g.data() != nullptr) out->append(g.data(), g.size());
  };
  for (size_t i = 0; i < repl.size(); ++i) {
    char c = repl[i];
    if (c == '\\' && i + 1 < repl.size()) {
      size_t n = Utf8SequenceLength(static_cast<unsigned char>(repl[i + 1]));
      out->append(repl.substr(i + 1, n));
      i += n;
    } else if (c == '$' && i + 1 < repl.size() && repl[i + 1] == '{') {
      size_t close = repl.find('}', i + 2);
      if (close == std::string_view::npos) {
        return RegexError(3887, "A capture group has an invalid name.");
      }
      const auto& names = re.NamedCapturingGroups();
      auto it = names.find(std::string(repl.substr(i + 2, close - i - 2)));
      if (it == names.end()) return RegexError(3887, "A capture group has an invalid name.");
      append_group(static_cast<size_t>(it->second));
      i = close;
    } else if (c == '$') {
      if (i + 1 >= repl.size() || !IsDigit(repl[i + 1])) {
        return RegexError(3887, "A capture group has an invalid name.");
      }
      // The first digit always belongs to the number; more only while it
      // still names a group.
      size_t group = static_cast<size_t>(repl[++i] - '0');
      while (i + 1 < repl.size() && IsDigit(repl[i + 1]) &&
             group * 10 + static_cast<size_t>(repl[i + 1] - '0') < groups.size()) {
        group = group * 10 + static_cast<size_t>(repl[++i] - '0');
      }
      if (group >= groups.size()) return IndexOutOfBounds();
      append_group(group);
    } else {
      out->push_back(c);
    }
  }
  return SqlStatus::Ok();
}

// REGEXP_REPLACE(subject, pattern, replacement [, pos [, occurrence [, match_type]]])
SqlResult<Value> RegexpReplace(const Args& a, const FnEnv& env) {
  if (AnyNull(a)) return Value::Null();
  Args search_args = {a[0], a[1]};
  for (size_t i = 3; i < a.size() && i < 5; ++i) search_args.push_back(a[i]);
  TETRADB_SQL_ASSIGN_OR_RETURN(Search s,
                               Prepare(search_args, env, a.size() > 5 ? &a[5] : nullptr, 2));
  const int64_t occurrence = a.size() > 4 ? std::max<int64_t>(0, IntArg(a[4])) : 0;
  const std::string repl = ToText(a[2]);
  const std::string_view subject = s.subject;
  std::vector<re2::StringPiece> groups(static_cast<size_t>(s.re->NumberOfCapturingGroups()) + 1);
  std::string out(subject.substr(0, s.from));
  size_t at = s.from;
  for (int64_t n = 1; at <= subject.size(); ++n) {
    if (!s.re->Match(subject, at, subject.size(), RE2::UNANCHORED, groups.data(),
                     static_cast<int>(groups.size()))) {
      break;
    }
    size_t start = static_cast<size_t>(groups[0].data() - subject.data());
    size_t end = start + groups[0].size();
    if (occurrence == 0 || n == occurrence) {
      out.append(subject.substr(at, start - at));
      TETRADB_SQL_RETURN_IF_ERROR(Expand(repl, *s.re, groups, &out));
    } else {
      out.append(subject.substr(at, end - at));
    }
    if (out.size() > kMaxResultBytes) return Value::Null();
    size_t next = NextStart(subject, start, end);
    // Past an empty match the skipped character stays as it was.
    if (next > end && end < subject.size()) out.append(subject.substr(end, next - end));
    at = next;
    if (occurrence != 0 && n >= occurrence) break;
  }
  if (at < subject.size()) out.append(subject.substr(at));
  return Value::String(std::move(out));
}

}  // namespace

const std::vector<FunctionDef>& RegexpFunctions() {
  static const std::vector<FunctionDef> kFns = {
      {"REGEXP_LIKE", 2, 3, RegexpLike},
      {"REGEXP_INSTR", 2, 6, RegexpInstr},
      {"REGEXP_SUBSTR", 2, 5, RegexpSubstr},
      {"REGEXP_REPLACE", 3, 6, RegexpReplace},
  };
  return kFns;
}

}  // namespace tetradb::rel::sql
