// Helpers for engine and model tests: a fresh data directory per test.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>

#include <gtest/gtest.h>

#include "engine/engine.h"

namespace tetradb::testing {

// A temporary directory removed when the object goes.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tetradb-test-XXXXXX").string();
    path_ = ::mkdtemp(tmpl.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

inline std::unique_ptr<Engine> OpenEngine(EngineOptions options) {
  auto r = Engine::Open(options);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? std::move(r).value() : nullptr;
}

// A read's value, or its status code in angle brackets ("<NotFound>"), for
// EXPECT_EQ on reads that may fail.
inline std::string ValueOr(const Status& s, const std::string& value) {
  return s.ok() ? value : "<" + std::string(CodeName(s.code())) + ">";
}

#define ASSERT_OK(expr)                                      \
  do {                                                       \
    ::tetradb::Status _s = (expr);                           \
    ASSERT_TRUE(_s.ok()) << #expr << ": " << _s.ToString();  \
  } while (0)
#define EXPECT_OK(expr)                                      \
  do {                                                       \
    ::tetradb::Status _s = (expr);                           \
    EXPECT_TRUE(_s.ok()) << #expr << ": " << _s.ToString();  \
  } while (0)

}  // namespace tetradb::testing
