#include "wire/resp/reply.h"

namespace tetradb::resp {

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
