// CONFIG GET/SET: Redis's parameter names with their values kept and
// reported. Parameters tetradb acts on are marked in config.cc; the rest are
// accepted and remembered so tools that read or set them keep working.
// Thread-safe.
#pragma once

#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "engine/status.h"

namespace tetradb {

class ConfigStore {
 public:
  ConfigStore();

  // Every parameter whose name matches the glob `pattern` (any case).
  std::vector<std::pair<std::string, std::string>> Get(std::string_view pattern) const;
  // InvalidArgument with Redis's text for an unknown or immutable parameter
  // or a bad value.
  Status Set(std::string_view name, std::string_view value);
  // Sets a value at start-up (flags), bypassing mutability checks.
  void Init(std::string_view name, std::string value);
  std::string Value(std::string_view name) const;

 private:
  struct Param {
    std::string name;
    std::string value;
    enum class Kind { kString, kInt, kBool, kEnum, kImmutable } kind;
    std::vector<std::string> choices;  // kEnum
  };
  Param* Find(std::string_view name);
  const Param* Find(std::string_view name) const;

  mutable std::mutex mu_;
  std::vector<Param> params_;
};

}  // namespace tetradb
