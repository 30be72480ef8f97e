#include "wire/config.h"

#include <algorithm>
#include <cctype>

#include "models/kv/glob.h"

namespace tetradb {
namespace {

std::string LowerCopy(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool IsInt(std::string_view s) {
  if (s.empty()) return false;
  size_t i = (s[0] == '-') ? 1 : 0;
  if (i == s.size()) return false;
  // Redis accepts memory units on size parameters (1gb, 100mb...).
  size_t digits_end = i;
  while (digits_end < s.size() && std::isdigit(static_cast<unsigned char>(s[digits_end]))) ++digits_end;
  if (digits_end == i) return false;
  std::string unit = LowerCopy(s.substr(digits_end));
  return unit.empty() || unit == "k" || unit == "kb" || unit == "m" || unit == "mb" ||
         unit == "g" || unit == "gb" || unit == "b";
}

}  // namespace

ConfigStore::ConfigStore() {
  using K = Param::Kind;
  params_ = {
      {"appendfsync", "everysec", K::kEnum, {"always", "everysec", "no"}},
      {"appendonly", "no", K::kBool, {}},
      {"bind", "127.0.0.1", K::kImmutable, {}},
      {"client-query-buffer-limit", "1073741824", K::kInt, {}},
      {"databases", "16", K::kImmutable, {}},
      {"dbfilename", "dump.rdb", K::kString, {}},
      {"dir", "./data", K::kImmutable, {}},
      {"hash-max-listpack-entries", "128", K::kInt, {}},
      {"hash-max-listpack-value", "64", K::kInt, {}},
      {"hash-max-ziplist-entries", "128", K::kInt, {}},
      {"hash-max-ziplist-value", "64", K::kInt, {}},
      {"hz", "10", K::kInt, {}},
      {"latency-tracking", "yes", K::kBool, {}},
      {"list-max-listpack-size", "-2", K::kInt, {}},
      {"list-max-ziplist-size", "-2", K::kInt, {}},
      {"lua-time-limit", "5000", K::kInt, {}},
      {"maxclients", "10000", K::kInt, {}},
      {"maxmemory", "0", K::kInt, {}},
      {"maxmemory-policy", "noeviction", K::kEnum,
       {"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl", "allkeys-lru",
        "allkeys-lfu", "allkeys-random", "noeviction"}},
      {"notify-keyspace-events", "", K::kString, {}},
      {"port", "6379", K::kImmutable, {}},
      {"proto-max-bulk-len", "536870912", K::kInt, {}},
      {"protected-mode", "no", K::kBool, {}},
      {"requirepass", "", K::kString, {}},
      {"save", "", K::kString, {}},
      {"set-max-intset-entries", "512", K::kInt, {}},
      {"slowlog-log-slower-than", "10000", K::kInt, {}},
      {"slowlog-max-len", "128", K::kInt, {}},
      {"tcp-keepalive", "300", K::kInt, {}},
      {"timeout", "0", K::kInt, {}},
      {"zset-max-listpack-entries", "128", K::kInt, {}},
      {"zset-max-listpack-value", "64", K::kInt, {}},
      {"zset-max-ziplist-entries", "128", K::kInt, {}},
      {"zset-max-ziplist-value", "64", K::kInt, {}},
  };
}

ConfigStore::Param* ConfigStore::Find(std::string_view name) {
  std::string n = LowerCopy(name);
  for (auto& p : params_) {
    if (p.name == n) return &p;
  }
  return nullptr;
}

const ConfigStore::Param* ConfigStore::Find(std::string_view name) const {
  return const_cast<ConfigStore*>(this)->Find(name);
}

std::vector<std::pair<std::string, std::string>> ConfigStore::Get(std::string_view pattern) const {
  std::lock_guard<std::mutex> lock(mu_);
  std::vector<std::pair<std::string, std::string>> out;
  for (const auto& p : params_) {
    if (kv::GlobMatch(pattern, p.name, /*nocase=*/true)) out.emplace_back(p.name, p.value);
  }
  return out;
}

Status ConfigStore::Set(std::string_view name, std::string_view value) {
  std::lock_guard<std::mutex> lock(mu_);
  Param* p = Find(name);
  if (p == nullptr) {
    return Status::InvalidArgument("ERR Unknown option or number of arguments for CONFIG SET - '" +
                                   std::string(name) + "'");
  }
  std::string prefix = "ERR CONFIG SET failed (possibly related to argument '" + p->name + "') - ";
  switch (p->kind) {
    case Param::Kind::kImmutable:
      return Status::InvalidArgument(prefix + "can't set immutable config");
    case Param::Kind::kInt:
      if (!IsInt(value)) return Status::InvalidArgument(prefix + "argument couldn't be parsed into an integer");
      break;
    case Param::Kind::kBool: {
      std::string v = LowerCopy(value);
      if (v != "yes" && v != "no") return Status::InvalidArgument(prefix + "argument must be 'yes' or 'no'");
      p->value = v;
      return Status::Ok();
    }
    case Param::Kind::kEnum: {
      std::string v = LowerCopy(value);
      if (std::find(p->choices.begin(), p->choices.end(), v) == p->choices.end()) {
        return Status::InvalidArgument(prefix + "argument(s) must be one of the following: " +
                                       [&] {
                                         std::string s;
                                         for (const auto& c : p->choices) s += (s.empty() ? "" : ", ") + c;
                                         return s;
                                       }());
      }
      p->value = v;
      return Status::Ok();
    }
    case Param::Kind::kString:
      break;
  }
  p->value.assign(value);
  return Status::Ok();
}

void ConfigStore::Init(std::string_view name, std::string value) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Param* p = Find(name)) p->value = std::move(value);
}

std::string ConfigStore::Value(std::string_view name) const {
  std::lock_guard<std::mutex> lock(mu_);
  const Param* p = Find(name);
  return p ? p->value : std::string();
}

}  // namespace tetradb
