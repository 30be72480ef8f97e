// A typed Redis reply: what a command handler returns. Handlers never build
// RESP bytes themselves; wire/resp/writer.h alone turns a Reply into bytes for
// the client's protocol version (RESP2 or RESP3), so one handler serves both.
//
// A Reply is a plain value: cheap to move, deep-copied on copy. String
// payloads are taken by value so a caller can hand over a buffer it already
// owns (e.g. the value read for GET) with std::move and no extra copy.
//
// Not thread-safe for concurrent mutation; distinct Replies are independent.

#ifndef TETRADB_WIRE_RESP_REPLY_H_
#define TETRADB_WIRE_RESP_REPLY_H_

#include <algorithm>
#include <cassert>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace tetradb::resp {

class Reply {
 public:
  // How each kind degrades under RESP2 is the writer's business (see
  // writer.h); the kind records what the handler meant.
  enum class Kind : uint8_t {
    kSimple,     // +OK
    kError,      // -ERR ...; str() holds the text without the '-'
    kInteger,    // :42
    kBulk,       // $3 foo, binary-safe
    kNull,       // nil bulk ($-1 / _)
    kNullArray,  // nil array (*-1 / _)
    kArray,
    kMap,  // elements() holds k1, v1, k2, v2, ... in order
    kSet,
    kDouble,
    kBool,
    kVerbatim,   // format "txt"; str() holds the content only
    kPush,       // out-of-band data such as pub/sub messages
    kBigNumber,  // str() holds the decimal digits
    kSequence,   // several top-level replies to one command (SUBSCRIBE a b)
  };

  // A default-constructed Reply is a null bulk.
  Reply() = default;
  Reply(const Reply&) = default;
  Reply& operator=(const Reply&) = default;
  // A moved-from Reply is an empty one of the same kind, packed or not
  // (never a packed header with no body).
  Reply(Reply&& other) noexcept { *this = std::move(other); }
  Reply& operator=(Reply&& other) noexcept {
    if (this == &other) return *this;
    kind_ = other.kind_;
    packed_ = other.packed_;
    integer_ = other.integer_;
    double_ = other.double_;
    str_ = std::move(other.str_);
    elements_ = std::move(other.elements_);
    other.packed_ = false;
    other.integer_ = 0;
    other.str_.clear();
    other.elements_.clear();
    return *this;
  }

  static Reply Ok() { return Simple("OK"); }
  // `s` must not contain '\r' or '\n'; the writer replaces them with spaces
  // so a bad string can never break the framing.
  static Reply Simple(std::string s) { return WithStr(Kind::kSimple, std::move(s)); }
  // `s` is the full error text without the leading '-', starting with its
  // code: "ERR syntax error", "WRONGTYPE Operation against ...".
  static Reply Error(std::string s) { return WithStr(Kind::kError, std::move(s)); }
  static Reply Integer(int64_t n) {
    Reply r(Kind::kInteger);
    r.integer_ = n;
    return r;
  }
  static Reply Bulk(std::string s) { return WithStr(Kind::kBulk, std::move(s)); }
  static Reply Null() { return Reply(Kind::kNull); }
  static Reply NullArray() { return Reply(Kind::kNullArray); }
  static Reply Array(std::vector<Reply> elements) {
    return WithElements(Kind::kArray, std::move(elements));
  }
  // Pairs in the order they are to be sent. Stored flattened (see elements()).
  static Reply Map(std::vector<std::pair<Reply, Reply>> pairs);
  // The same from a flat key, value, key, value, ... list (as HGETALL-style
  // code often has one); the size must be even.
  static Reply FlatMap(std::vector<Reply> key_values) {
    assert(key_values.size() % 2 == 0);
    return WithElements(Kind::kMap, std::move(key_values));
  }
  static Reply Set(std::vector<Reply> elements) {
    return WithElements(Kind::kSet, std::move(elements));
  }
  static Reply Double(double d) {
    Reply r(Kind::kDouble);
    r.double_ = d;
    return r;
  }
  static Reply Bool(bool b) {
    Reply r(Kind::kBool);
    r.integer_ = b ? 1 : 0;
    return r;
  }
  static Reply Verbatim(std::string text) { return WithStr(Kind::kVerbatim, std::move(text)); }
  static Reply Push(std::vector<Reply> elements) {
    return WithElements(Kind::kPush, std::move(elements));
  }
  static Reply BigNumber(std::string digits) {
    return WithStr(Kind::kBigNumber, std::move(digits));
  }
  // Written as its elements one after another, with no header: for the few
  // commands that answer with more than one reply.
  static Reply Sequence(std::vector<Reply> replies) {
    return WithElements(Kind::kSequence, std::move(replies));
  }
  // An array (kArray, kSet or kMap) of bulk strings, kept encoded as its
  // AppendBulk calls add them: one buffer instead of a Reply per value, for
  // the long replies of LRANGE, HGETALL and their kind (bulk strings read
  // the same in RESP2 and RESP3, so the writer copies the buffer). Everything
  // else sees an ordinary array: elements() decodes it on first use. That
  // decoding changes the object behind a const reference, so a packed
  // Reply must not be read by two threads at once (none is shared today).
  static Reply Packed(Kind kind = Kind::kArray) {
    assert(kind == Kind::kArray || kind == Kind::kSet || kind == Kind::kMap);
    Reply r(kind);
    r.packed_ = true;
    return r;
  }

  // Common errors, worded exactly as Redis 7.0 words them.
  // "ERR wrong number of arguments for 'get' command": the name is
  // lower-cased, as Redis prints the command table's name, not the user's.
  static Reply ErrorWrongArity(std::string_view command);
  static Reply ErrorSyntax();      // ERR syntax error
  static Reply ErrorWrongType();   // WRONGTYPE Operation against a key ...
  static Reply ErrorNotInteger();  // ERR value is not an integer or out of range
  // A HELP subcommand's answer: its lines as an array of simple strings.
  static Reply HelpLines(std::initializer_list<const char*> lines);

  Kind kind() const { return kind_; }
  bool IsError() const { return kind_ == Kind::kError; }
  bool IsNull() const { return kind_ == Kind::kNull || kind_ == Kind::kNullArray; }

  // Payload of kSimple, kError, kBulk, kVerbatim and kBigNumber; empty
  // otherwise.
  const std::string& str() const { return Unpacked().str_; }
  std::string* mutable_str() { return &Unpacked().str_; }
  // Value of kInteger; 1/0 for kBool; 0 otherwise.
  int64_t integer() const { return packed_ ? 0 : integer_; }
  bool boolean() const { return integer() != 0; }
  // Value of kDouble; 0 otherwise.
  double double_value() const { return double_; }
  // Children of kArray, kMap (flattened pairs), kSet, kPush, kSequence; empty
  // otherwise.
  const std::vector<Reply>& elements() const { return Unpacked().elements_; }
  std::vector<Reply>* mutable_elements() { return &Unpacked().elements_; }
  // Adds a bulk string child, built in place (for long arrays of values).
  void AppendBulk(std::string_view s) {
    if (packed_) {
      AppendPacked(s);
      return;
    }
    Reply& r = elements_.emplace_back();
    r.kind_ = Kind::kBulk;
    r.str_.assign(s);
  }
  // Room for n more AppendBulk children (packed: a guess of 16 bytes each,
  // at most 1 MB ahead; the buffer grows as usual past that).
  void ReserveBulks(size_t n) {
    if (packed_) {
      str_.reserve(str_.size() + std::min<size_t>(n * 16, size_t{1} << 20));
    } else {
      elements_.reserve(elements_.size() + n);
    }
  }

  // A Packed reply not decoded yet: its children, encoded one after another,
  // and how many there are (for the writer).
  bool packed() const { return packed_; }
  std::string_view packed_body() const { return str_; }
  size_t packed_count() const { return static_cast<size_t>(integer_); }

  // Structural equality (kind and payload, packed or not); meant for tests.
  bool operator==(const Reply& other) const;

 private:
  explicit Reply(Kind kind) : kind_(kind) {}
  static Reply WithStr(Kind kind, std::string s) {
    Reply r(kind);
    r.str_ = std::move(s);
    return r;
  }
  static Reply WithElements(Kind kind, std::vector<Reply> elements) {
    Reply r(kind);
    r.elements_ = std::move(elements);
    return r;
  }

  void AppendPacked(std::string_view s);
  // This reply with a packed body decoded into elements_.
  const Reply& Unpacked() const {
    if (packed_) Unpack();
    return *this;
  }
  Reply& Unpacked() {
    if (packed_) Unpack();
    return *this;
  }
  void Unpack() const;

  Kind kind_ = Kind::kNull;
  // Packed: the count of children in integer_, their encodings in str_.
  // Decoding them is no change of value, hence mutable.
  mutable bool packed_ = false;
  mutable int64_t integer_ = 0;
  double double_ = 0;
  mutable std::string str_;
  mutable std::vector<Reply> elements_;
};

}  // namespace tetradb::resp

#endif  // TETRADB_WIRE_RESP_REPLY_H_
