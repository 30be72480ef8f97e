#include "models/relational/types/decimal.h"

#include <charconv>
#include <cstdlib>

namespace tetradb::rel {
namespace {

using u128 = unsigned __int128;

// 10^0 .. 10^38; 10^38 < 2^127, so every entry fits a signed 128-bit value.
constexpr int kPow10Count = 39;
struct Pow10Table {
  u128 v[kPow10Count];
  constexpr Pow10Table() : v() {
    v[0] = 1;
    for (int i = 1; i < kPow10Count; ++i) v[i] = v[i - 1] * 10;
  }
};
constexpr Pow10Table kPow10;

u128 Pow10(int n) { return kPow10.v[n]; }

// 38 significant digits is the contract: |mantissa| < 10^38.
bool InRange(u128 magnitude) { return magnitude < kPow10.v[Decimal::kMaxPrecision]; }

u128 Abs(__int128 v) { return v < 0 ? -static_cast<u128>(v) : static_cast<u128>(v); }

__int128 WithSign(u128 magnitude, bool negative) {
  __int128 m = static_cast<__int128>(magnitude);
  return negative ? -m : m;
}

// A 256-bit unsigned integer, only for the intermediate products of
// multiplication, division and comparison, which may exceed 128 bits.
struct U256 {
  u128 hi = 0, lo = 0;
};

U256 Mul128(u128 a, u128 b) {
  constexpr u128 kMask = ~uint64_t{0};
  u128 a0 = a & kMask, a1 = a >> 64, b0 = b & kMask, b1 = b >> 64;
  u128 p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  u128 mid = (p00 >> 64) + (p01 & kMask) + (p10 & kMask);
  U256 r;
  r.lo = (p00 & kMask) | (mid << 64);
  r.hi = p11 + (p01 >> 64) + (p10 >> 64) + (mid >> 64);
  return r;
}

int Cmp256(const U256& a, const U256& b) {
  if (a.hi != b.hi) return a.hi < b.hi ? -1 : 1;
  if (a.lo != b.lo) return a.lo < b.lo ? -1 : 1;
  return 0;
}

// round(a * b / c), half away from zero, over magnitudes. nullopt when the
// quotient does not fit 128 bits. c must be non-zero.
std::optional<u128> MulDivRound(u128 a, u128 b, u128 c) {
  U256 n = Mul128(a, b);
  u128 q, r;
  if (n.hi == 0) {
    q = n.lo / c;
    r = n.lo % c;
  } else {
    if (n.hi >= c) return std::nullopt;  // quotient >= 2^128
    // Bitwise long division; the remainder stays below c < 2^128, but the
    // shifted remainder may need a 129th bit, tracked in `carry`.
    r = n.hi;
    q = 0;
    for (int i = 127; i >= 0; --i) {
      bool carry = (r >> 127) != 0;
      r = (r << 1) | ((n.lo >> i) & 1);
      q <<= 1;
      if (carry || r >= c) {
        r -= c;
        q |= 1;
      }
    }
  }
  if (r >= c - r) {  // 2r >= c without overflowing
    if (q == ~u128{0}) return std::nullopt;
    ++q;
  }
  return q;
}

// Number of decimal digits of a magnitude (0 for 0).
int DigitCount(u128 v) {
  int n = 0;
  while (n < kPow10Count && v >= Pow10(n)) ++n;
  return n;
}

}  // namespace

std::optional<Decimal> Decimal::Parse(std::string_view text) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  // Significant digits (leading zeros dropped) and where the point sits.
  std::string digits;
  int64_t exp10 = 0;  // value = digits * 10^exp10
  bool any_digit = false;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    any_digit = true;
    if (!digits.empty() || text[i] != '0') digits.push_back(text[i]);
  }
  if (i < text.size() && text[i] == '.') {
    ++i;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      any_digit = true;
      --exp10;
      if (!digits.empty() || text[i] != '0') digits.push_back(text[i]);
    }
  }
  if (!any_digit) return std::nullopt;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= text.size()) return std::nullopt;
    int64_t e = 0;
    for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
      if (e < 100000) e = e * 10 + (text[i] - '0');
    }
    exp10 += exp_negative ? -e : e;
  }
  if (i != text.size()) return std::nullopt;
  if (digits.empty()) return Decimal(0, static_cast<int>(std::min<int64_t>(
                                            std::max<int64_t>(-exp10, 0), kMaxScale)));
  // More fraction digits than kMaxScale: round them away.
  bool round_up = false;
  if (exp10 < -kMaxScale) {
    int64_t drop = -kMaxScale - exp10;
    if (drop > static_cast<int64_t>(digits.size())) {
      digits.clear();
    } else {
      size_t keep = digits.size() - static_cast<size_t>(drop);
      round_up = digits[keep] >= '5';
      digits.resize(keep);
    }
    exp10 = -kMaxScale;
  }
  int64_t total = static_cast<int64_t>(digits.size()) + std::max<int64_t>(exp10, 0);
  if (total > kMaxPrecision) return std::nullopt;
  u128 m = 0;
  for (char c : digits) m = m * 10 + static_cast<u128>(c - '0');
  if (exp10 > 0) m *= Pow10(static_cast<int>(exp10));
  if (round_up) ++m;
  if (!InRange(m)) return std::nullopt;
  return Decimal(WithSign(m, negative), exp10 < 0 ? static_cast<int>(-exp10) : 0);
}

std::optional<Decimal> Decimal::FromDouble(double v, int max_scale) {
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), v);  // shortest round-trip form
  if (res.ec != std::errc()) return std::nullopt;
  std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
  if (text.find_first_of("ni") != std::string_view::npos) return std::nullopt;  // nan, inf
  auto d = Parse(text);
  if (!d) return std::nullopt;
  if (d->scale() > max_scale) return d->Rescale(std::max(max_scale, 0));
  return d;
}

int Decimal::IntegerDigits() const {
  return DigitCount(Abs(mantissa_) / Pow10(scale_));
}

std::optional<Decimal> Decimal::Rescale(int scale) const {
  if (scale < 0 || scale > kMaxPrecision) return std::nullopt;
  u128 m = Abs(mantissa_);
  if (scale >= scale_) {
    int up = scale - scale_;
    if (m != 0 && DigitCount(m) + up > kMaxPrecision) return std::nullopt;
    m *= Pow10(up);
  } else {
    u128 div = Pow10(scale_ - scale);
    u128 q = m / div, r = m % div;
    if (r >= div - r) ++q;
    m = q;
  }
  if (!InRange(m)) return std::nullopt;
  return Decimal(WithSign(m, mantissa_ < 0), scale);
}

bool Decimal::FitsPrecision(int precision, int scale) const {
  auto r = Rescale(scale);
  if (!r || precision < 1 || precision > kMaxPrecision) return false;
  return Abs(r->mantissa_) < Pow10(precision);
}

std::optional<Decimal> Decimal::Add(const Decimal& o) const {
  int s = std::max(scale_, o.scale_);
  auto a = Rescale(s), b = o.Rescale(s);
  if (!a || !b) return std::nullopt;
  __int128 sum;
  if (__builtin_add_overflow(a->mantissa_, b->mantissa_, &sum)) return std::nullopt;
  if (!InRange(Abs(sum))) return std::nullopt;
  return Decimal(sum, s);
}

std::optional<Decimal> Decimal::Sub(const Decimal& o) const { return Add(o.Negate()); }

std::optional<Decimal> Decimal::Mul(const Decimal& o) const {
  int s = scale_ + o.scale_;
  int drop = s > kMaxScale ? s - kMaxScale : 0;
  auto m = MulDivRound(Abs(mantissa_), Abs(o.mantissa_), Pow10(drop));
  if (!m || !InRange(*m)) return std::nullopt;
  return Decimal(WithSign(*m, (mantissa_ < 0) != (o.mantissa_ < 0)), s - drop);
}

std::optional<Decimal> Decimal::Div(const Decimal& o) const {
  if (o.mantissa_ == 0) return std::nullopt;
  int rs = std::min(scale_ + kDivScaleIncrement, kMaxScale);
  // q = (a / 10^sa) / (b / 10^sb) * 10^rs = a * 10^(rs - sa + sb) / b
  int k = rs - scale_ + o.scale_;
  u128 num = Abs(mantissa_), den = Abs(o.mantissa_);
  if (k < 0) {
    den *= Pow10(-k);  // only when scale_ exceeds kMaxScale; keeps within range
    k = 0;
  }
  if (k > kMaxPrecision) {
    // Multiply in two steps: the quotient bound is checked by MulDivRound.
    auto partial = MulDivRound(num, Pow10(k - kMaxPrecision), 1);
    if (!partial) return std::nullopt;
    num = *partial;
    k = kMaxPrecision;
  }
  auto q = MulDivRound(num, Pow10(k), den);
  if (!q || !InRange(*q)) return std::nullopt;
  return Decimal(WithSign(*q, (mantissa_ < 0) != (o.mantissa_ < 0)), rs);
}

std::optional<Decimal> Decimal::Mod(const Decimal& o) const {
  if (o.mantissa_ == 0) return std::nullopt;
  int s = std::max(scale_, o.scale_);
  auto a = Rescale(s), b = o.Rescale(s);
  if (!a || !b) return std::nullopt;
  // C++ % truncates, so the remainder takes the dividend's sign (as MySQL).
  return Decimal(a->mantissa_ % b->mantissa_, s);
}

int Decimal::Compare(const Decimal& o) const {
  bool an = mantissa_ < 0, bn = o.mantissa_ < 0;
  if (an != bn) return an ? -1 : 1;
  if (mantissa_ == 0 || o.mantissa_ == 0) {
    if (mantissa_ == o.mantissa_) return 0;
    return mantissa_ == 0 ? (bn ? 1 : -1) : (an ? -1 : 1);
  }
  int s = std::max(scale_, o.scale_);
  U256 a = Mul128(Abs(mantissa_), Pow10(s - scale_));
  U256 b = Mul128(Abs(o.mantissa_), Pow10(s - o.scale_));
  int c = Cmp256(a, b);
  return an ? -c : c;
}

std::optional<int64_t> Decimal::ToInt64Truncated() const {
  u128 q = Abs(mantissa_) / Pow10(scale_);
  if (mantissa_ < 0) {
    if (q > static_cast<u128>(INT64_MAX) + 1) return std::nullopt;
    return static_cast<int64_t>(-static_cast<__int128>(q));
  }
  if (q > static_cast<u128>(INT64_MAX)) return std::nullopt;
  return static_cast<int64_t>(q);
}

std::optional<int64_t> Decimal::ToInt64Rounded() const {
  auto r = Rescale(0);
  if (!r) return std::nullopt;
  return r->ToInt64Truncated();
}

double Decimal::ToDouble() const {
  // Through the text form so the result is the correctly rounded double.
  std::string s = ToString();
  return std::strtod(s.c_str(), nullptr);
}

std::string Decimal::ToString() const {
  u128 m = Abs(mantissa_);
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(m % 10)));
    m /= 10;
  } while (m != 0);
  while (static_cast<int>(digits.size()) < scale_ + 1) digits.push_back('0');
  std::string out;
  if (mantissa_ < 0) out.push_back('-');
  for (size_t i = digits.size(); i-- > 0;) {
    out.push_back(digits[i]);
    if (i == static_cast<size_t>(scale_) && scale_ > 0) out.push_back('.');
  }
  return out;
}

Decimal Decimal::Normalized() const {
  __int128 m = mantissa_;
  int s = scale_;
  if (m == 0) return Decimal(0, 0);
  while (s > 0 && m % 10 == 0) {
    m /= 10;
    --s;
  }
  return Decimal(m, s);
}

}  // namespace tetradb::rel
