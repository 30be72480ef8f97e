#include "models/kv/glob.h"

#include <cctype>

namespace tetradb::kv {
namespace {

char Fold(char c, bool nocase) {
  return nocase ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : c;
}

// Matches a class starting after '['; advances *p past the closing ']'.
bool MatchClass(std::string_view pat, size_t* p, char c, bool nocase) {
  size_t i = *p;
  bool negate = i < pat.size() && pat[i] == '^';
  if (negate) ++i;
  bool match = false;
  while (i < pat.size() && pat[i] != ']') {
    if (pat[i] == '\\' && i + 1 < pat.size()) {
      ++i;
      if (Fold(pat[i], nocase) == Fold(c, nocase)) match = true;
      ++i;
    } else if (i + 2 < pat.size() && pat[i + 1] == '-' && pat[i + 2] != ']') {
      char lo = Fold(pat[i], nocase), hi = Fold(pat[i + 2], nocase);
      if (lo > hi) std::swap(lo, hi);
      char f = Fold(c, nocase);
      if (f >= lo && f <= hi) match = true;
      i += 3;
    } else {
      if (Fold(pat[i], nocase) == Fold(c, nocase)) match = true;
      ++i;
    }
  }
  *p = i < pat.size() ? i + 1 : i;  // an unclosed class runs to the end
  return negate ? !match : match;
}

}  // namespace

bool GlobMatch(std::string_view pat, std::string_view text, bool nocase) {
  // Iterative matcher with one backtrack point for the last '*': linear in
  // practice and no recursion depth to exhaust.
  size_t p = 0, t = 0, star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pat.size()) {
      char pc = pat[p];
      if (pc == '*') {
        while (p < pat.size() && pat[p] == '*') ++p;
        if (p == pat.size()) return true;
        star_p = p;
        star_t = t;
        continue;
      }
      if (pc == '?') {
        ++p;
        ++t;
        continue;
      }
      if (pc == '[') {
        size_t q = p + 1;
        if (MatchClass(pat, &q, text[t], nocase)) {
          p = q;
          ++t;
          continue;
        }
      } else {
        if (pc == '\\' && p + 1 < pat.size()) pc = pat[++p];
        if (Fold(pc, nocase) == Fold(text[t], nocase)) {
          ++p;
          ++t;
          continue;
        }
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = ++star_t;
  }
  while (p < pat.size() && pat[p] == '*') ++p;
  return p == pat.size();
}

}  // namespace tetradb::kv
