// Key tuple encoding. Embedded on disk: do not change tags or layouts.
//
//   tuple      := component*
//   component  := asc | desc
//   desc       := asc with every byte complemented (tag included)
//   asc        := NULL | FALSE | TRUE | INT | DOUBLE | BYTES
//   NULL       := 0x05
//   FALSE      := 0x10
//   TRUE       := 0x11
//   INT        := 0x20 be64(uint64(value) XOR 1<<63)
//   DOUBLE     := 0x30 be64(b)   where x = IEEE-754 bits of the value,
//                                b = ~x if the sign bit is set, else x | 1<<63
//                                (-0.0 is stored as +0.0; NaN as 0x7FF8...0)
//   BYTES      := 0x40 ( 0x00 0xFF | any byte but 0x00 )* 0x00 0x01
//
// Complemented tags (0xFA 0xEF 0xEE 0xDF 0xCF 0xBF) never collide with the
// ascending ones, so a decoder knows each component's direction by its tag.
#include "engine/key_codec.h"

#include "engine/coding.h"

#include <bit>
#include <cmath>
#include <cstring>

namespace tetradb {
namespace {

constexpr uint8_t kTagNull = 0x05;
constexpr uint8_t kTagFalse = 0x10;
constexpr uint8_t kTagTrue = 0x11;
constexpr uint8_t kTagInt = 0x20;
constexpr uint8_t kTagDouble = 0x30;
constexpr uint8_t kTagBytes = 0x40;
constexpr uint8_t kEscape = 0xFF;      // after 0x00: a literal 0x00 byte
constexpr uint8_t kTerminator = 0x01;  // after 0x00: end of the byte string

void ComplementFrom(std::string* out, size_t start) {
  for (size_t i = start; i < out->size(); ++i) (*out)[i] = static_cast<char>(~(*out)[i]);
}

}  // namespace

bool KeyComponent::operator==(const KeyComponent& o) const {
  if (descending != o.descending || value.index() != o.value.index()) return false;
  if (const double* d = std::get_if<double>(&value)) {
    double e = std::get<double>(o.value);
    return (std::isnan(*d) && std::isnan(e)) || *d == e;
  }
  return value == o.value;
}

KeyEncoder& KeyEncoder::Null(bool descending) {
  out_->push_back(static_cast<char>(descending ? ~kTagNull : kTagNull));
  return *this;
}

KeyEncoder& KeyEncoder::Bool(bool v, bool descending) {
  uint8_t tag = v ? kTagTrue : kTagFalse;
  out_->push_back(static_cast<char>(descending ? ~tag : tag));
  return *this;
}

KeyEncoder& KeyEncoder::Int(int64_t v, bool descending) {
  uint64_t u = static_cast<uint64_t>(v) ^ (1ULL << 63);
  if (descending) u = ~u;
  out_->push_back(static_cast<char>(descending ? ~kTagInt : kTagInt));
  PutBE64(out_, u);
  return *this;
}

KeyEncoder& KeyEncoder::Double(double v, bool descending) {
  uint64_t u = OrderedDouble(v);
  if (descending) u = ~u;
  out_->push_back(static_cast<char>(descending ? ~kTagDouble : kTagDouble));
  PutBE64(out_, u);
  return *this;
}

KeyEncoder& KeyEncoder::Bytes(std::string_view v, bool descending) {
  size_t start = out_->size();
  out_->reserve(start + v.size() + 3);
  out_->push_back(static_cast<char>(kTagBytes));
  const char* p = v.data();
  const char* end = p + v.size();
  while (p < end) {
    const void* zero = std::memchr(p, 0, end - p);
    const char* stop = zero ? static_cast<const char*>(zero) : end;
    out_->append(p, stop - p);
    if (!zero) break;
    out_->push_back('\0');
    out_->push_back(static_cast<char>(kEscape));
    p = stop + 1;
  }
  out_->push_back('\0');
  out_->push_back(static_cast<char>(kTerminator));
  if (descending) ComplementFrom(out_, start);
  return *this;
}

KeyEncoder& KeyEncoder::Component(const KeyComponent& c) {
  const bool d = c.descending;
  std::visit(
      [&](const auto& v) {
        using T = std::decay_t<decltype(v)>;
        if constexpr (std::is_same_v<T, KeyNull>) Null(d);
        else if constexpr (std::is_same_v<T, bool>) Bool(v, d);
        else if constexpr (std::is_same_v<T, int64_t>) Int(v, d);
        else if constexpr (std::is_same_v<T, double>) Double(v, d);
        else Bytes(v, d);
      },
      c.value);
  return *this;
}

KeyEncoder& KeyEncoder::Raw(std::string_view bytes) {
  out_->append(bytes);
  return *this;
}

Status KeyDecoder::Next(KeyComponent* out) {
  if (in_.empty()) return Status::Corruption("key ends before a component");
  uint8_t tag = static_cast<uint8_t>(in_[0]);
  bool desc = false;
  switch (tag) {
    case kTagNull: case kTagFalse: case kTagTrue: case kTagInt: case kTagDouble: case kTagBytes:
      break;
    default:
      tag = static_cast<uint8_t>(~tag);
      desc = true;
  }
  out->descending = desc;
  switch (tag) {
    case kTagNull:
      in_.remove_prefix(1);
      out->value = KeyNull{};
      return Status::Ok();
    case kTagFalse:
    case kTagTrue:
      in_.remove_prefix(1);
      out->value = (tag == kTagTrue);
      return Status::Ok();
    case kTagInt: {
      int64_t v;
      TETRADB_RETURN_IF_ERROR(ReadInt(&v, desc));
      out->value = v;
      return Status::Ok();
    }
    case kTagDouble: {
      double v;
      TETRADB_RETURN_IF_ERROR(ReadDouble(&v, desc));
      out->value = v;
      return Status::Ok();
    }
    case kTagBytes: {
      std::string v;
      TETRADB_RETURN_IF_ERROR(ReadBytes(&v, desc));
      out->value = std::move(v);
      return Status::Ok();
    }
    default:
      return Status::Corruption("unknown key component tag");
  }
}

namespace {
Status ExpectTag(std::string_view in, uint8_t tag, bool descending) {
  if (in.empty()) return Status::Corruption("key ends before a component");
  uint8_t want = descending ? static_cast<uint8_t>(~tag) : tag;
  if (static_cast<uint8_t>(in[0]) != want) return Status::Corruption("unexpected key component");
  return Status::Ok();
}
}  // namespace

Status KeyDecoder::ReadBool(bool* v, bool descending) {
  if (ExpectTag(in_, kTagTrue, descending).ok()) {
    *v = true;
  } else {
    TETRADB_RETURN_IF_ERROR(ExpectTag(in_, kTagFalse, descending));
    *v = false;
  }
  in_.remove_prefix(1);
  return Status::Ok();
}

Status KeyDecoder::ReadInt(int64_t* v, bool descending) {
  TETRADB_RETURN_IF_ERROR(ExpectTag(in_, kTagInt, descending));
  if (in_.size() < 9) return Status::Corruption("truncated integer key component");
  uint64_t u = GetBE64(in_.data() + 1);
  if (descending) u = ~u;
  *v = static_cast<int64_t>(u ^ (1ULL << 63));
  in_.remove_prefix(9);
  return Status::Ok();
}

Status KeyDecoder::ReadDouble(double* v, bool descending) {
  TETRADB_RETURN_IF_ERROR(ExpectTag(in_, kTagDouble, descending));
  if (in_.size() < 9) return Status::Corruption("truncated double key component");
  uint64_t u = GetBE64(in_.data() + 1);
  if (descending) u = ~u;
  *v = FromOrderedDouble(u);
  in_.remove_prefix(9);
  return Status::Ok();
}

Status KeyDecoder::ReadBytes(std::string* v, bool descending) {
  TETRADB_RETURN_IF_ERROR(ExpectTag(in_, kTagBytes, descending));
  const uint8_t flip = descending ? 0xFF : 0x00;
  v->clear();
  size_t i = 1;
  while (i < in_.size()) {
    uint8_t c = static_cast<uint8_t>(in_[i]) ^ flip;
    if (c != 0) {
      v->push_back(static_cast<char>(c));
      ++i;
      continue;
    }
    if (i + 1 >= in_.size()) break;
    uint8_t next = static_cast<uint8_t>(in_[i + 1]) ^ flip;
    if (next == kTerminator) {
      in_.remove_prefix(i + 2);
      return Status::Ok();
    }
    if (next != kEscape) return Status::Corruption("bad escape in byte-string key component");
    v->push_back('\0');
    i += 2;
  }
  return Status::Corruption("unterminated byte-string key component");
}

Status KeyDecoder::SkipRaw(size_t n) {
  if (in_.size() < n) return Status::Corruption("key shorter than its fixed prefix");
  in_.remove_prefix(n);
  return Status::Ok();
}

std::string EncodeTuple(const std::vector<KeyComponent>& tuple) {
  std::string out;
  KeyEncoder enc(&out);
  for (const auto& c : tuple) enc.Component(c);
  return out;
}

Status DecodeTuple(std::string_view in, std::vector<KeyComponent>* tuple) {
  tuple->clear();
  KeyDecoder dec(in);
  while (!dec.done()) {
    KeyComponent c;
    TETRADB_RETURN_IF_ERROR(dec.Next(&c));
    tuple->push_back(std::move(c));
  }
  return Status::Ok();
}

namespace {

// Rank of a component's type in the cross-type order (matches the tags).
int TypeRank(const KeyComponent& c) {
  switch (c.value.index()) {
    case 0: return 0;                                   // null
    case 1: return std::get<bool>(c.value) ? 2 : 1;     // false < true
    case 2: return 3;                                   // int
    case 3: return 4;                                   // double
    default: return 5;                                  // bytes
  }
}

int CompareDoubles(double a, double b) {
  bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);  // NaN sorts last
  return a < b ? -1 : (a > b ? 1 : 0);
}

int CompareAscending(const KeyComponent& a, const KeyComponent& b) {
  int ra = TypeRank(a), rb = TypeRank(b);
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.value.index()) {
    case 2: {
      int64_t x = std::get<int64_t>(a.value), y = std::get<int64_t>(b.value);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case 3:
      return CompareDoubles(std::get<double>(a.value), std::get<double>(b.value));
    case 4: {
      int c = std::get<std::string>(a.value).compare(std::get<std::string>(b.value));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    default:
      return 0;
  }
}

}  // namespace

int CompareTuples(const std::vector<KeyComponent>& a, const std::vector<KeyComponent>& b) {
  size_t n = std::min(a.size(), b.size());
  for (size_t i = 0; i < n; ++i) {
    // Direction is part of the component: every ascending component sorts
    // before every descending one (their tags are below 0x80, the
    // complemented tags above).
    if (a[i].descending != b[i].descending) return a[i].descending ? 1 : -1;
    int c = CompareAscending(a[i], b[i]);
    if (a[i].descending) c = -c;
    if (c != 0) return c;
  }
  if (a.size() == b.size()) return 0;
  return a.size() < b.size() ? -1 : 1;
}

std::string PrefixSuccessor(std::string_view prefix) {
  std::string s(prefix);
  while (!s.empty()) {
    uint8_t last = static_cast<uint8_t>(s.back());
    if (last != 0xFF) {
      s.back() = static_cast<char>(last + 1);
      return s;
    }
    s.pop_back();
  }
  return s;
}

}  // namespace tetradb
