#include "wire/resp/reply.h"

#include <charconv>

namespace tetradb::resp {

void Reply::AppendPacked(std::string_view s) {
  // "$<length>\r\n" built on the stack, then two appends.
  char header[32] = {'$'};
  auto [end, ec] = std::to_chars(header + 1, header + sizeof(header) - 2, s.size());
  (void)ec;  // 29 bytes always hold a size_t.
  *end++ = '\r';
  *end++ = '\n';
  str_.append(header, end);
  str_.append(s);
  str_.append("\r\n", 2);
  ++integer_;
}

void Reply::Unpack() const {
  // The body holds "$<length>\r\n<bytes>\r\n" per child, as AppendPacked
  // wrote it.
  std::vector<Reply> children;
  children.reserve(static_cast<size_t>(integer_));
  const std::string_view body = str_;
  size_t pos = 0;
  while (pos < body.size()) {
    const size_t eol = body.find('\r', pos);
    size_t len = 0;
    std::from_chars(body.data() + pos + 1, body.data() + eol, len);
    Reply& child = children.emplace_back();
    child.kind_ = Kind::kBulk;
    child.str_.assign(body.substr(eol + 2, len));
    pos = eol + 2 + len + 2;
  }
  elements_ = std::move(children);
  str_.clear();
  str_.shrink_to_fit();
  integer_ = 0;
  packed_ = false;
}

bool Reply::operator==(const Reply& other) const {
  if (kind_ != other.kind_) return false;
  if (packed_ || other.packed_) return elements() == other.elements();
  return integer_ == other.integer_ && double_ == other.double_ && str_ == other.str_ &&
         elements_ == other.elements_;
}

Reply Reply::Map(std::vector<std::pair<Reply, Reply>> pairs) {
  std::vector<Reply> flat;
  flat.reserve(pairs.size() * 2);
  for (auto& [key, value] : pairs) {
    flat.push_back(std::move(key));
    flat.push_back(std::move(value));
  }
  return WithElements(Kind::kMap, std::move(flat));
}

Reply Reply::ErrorWrongArity(std::string_view command) {
  std::string text = "ERR wrong number of arguments for '";
  text.reserve(text.size() + command.size() + 10);
  for (char c : command) {
    text.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  text += "' command";
  return Error(std::move(text));
}

Reply Reply::ErrorSyntax() { return Error("ERR syntax error"); }

Reply Reply::ErrorWrongType() {
  return Error("WRONGTYPE Operation against a key holding the wrong kind of value");
}

Reply Reply::ErrorNotInteger() { return Error("ERR value is not an integer or out of range"); }

Reply Reply::HelpLines(std::initializer_list<const char*> lines) {
  std::vector<Reply> out;
  out.reserve(lines.size());
  for (const char* l : lines) out.push_back(Simple(l));
  return Array(std::move(out));
}

}  // namespace tetradb::resp
