// Status and Result<T>: how every layer below wire/ reports failure.
//
// No exceptions cross a layer boundary. A function that can fail returns a
// Status (or a Result<T> carrying either a value or a non-OK Status). Both are
// [[nodiscard]]: the build treats an ignored one as an error, so a failure can
// never be dropped silently.
//
// Status is cheap to return when OK (one byte plus an empty string); messages
// are for people and logs, codes are for programs.
#pragma once

#include <cassert>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace tetradb {

class [[nodiscard]] Status {
 public:
  enum class Code : uint8_t {
    kOk = 0,
    kNotFound,
    kInvalidArgument,
    kWrongType,    // the key exists but holds another kind of value
    kConflict,     // a concurrent transaction wrote what this one read or wrote
    kBusy,         // a lock or resource is held by someone else; retry may succeed
    kCorruption,   // stored or supplied bytes do not decode
    kIOError,
    kNotSupported,
    kAborted,
    kOutOfRange,
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string_view msg = {}) { return {Code::kNotFound, msg}; }
  static Status InvalidArgument(std::string_view msg) { return {Code::kInvalidArgument, msg}; }
  static Status WrongType(std::string_view msg = {}) { return {Code::kWrongType, msg}; }
  static Status Conflict(std::string_view msg) { return {Code::kConflict, msg}; }
  static Status Busy(std::string_view msg) { return {Code::kBusy, msg}; }
  static Status Corruption(std::string_view msg) { return {Code::kCorruption, msg}; }
  static Status IOError(std::string_view msg) { return {Code::kIOError, msg}; }
  static Status NotSupported(std::string_view msg) { return {Code::kNotSupported, msg}; }
  static Status Aborted(std::string_view msg) { return {Code::kAborted, msg}; }
  static Status OutOfRange(std::string_view msg) { return {Code::kOutOfRange, msg}; }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsWrongType() const { return code_ == Code::kWrongType; }
  bool IsConflict() const { return code_ == Code::kConflict; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsIOError() const { return code_ == Code::kIOError; }

  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  // "NotFound: message" — for logs and test failures.
  std::string ToString() const;

  // Explicitly discards a status whose failure does not matter (best-effort
  // cleanup). Greppable, unlike a cast to void.
  void IgnoreError() const {}

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}

  Code code_ = Code::kOk;
  std::string message_;
};

const char* CodeName(Status::Code code);

// Either a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok() && "Result<T> built from an OK Status has no value");
  }

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

  T& value() & { assert(ok()); return *value_; }
  const T& value() const& { assert(ok()); return *value_; }
  T&& value() && { assert(ok()); return std::move(*value_); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

 private:
  Status status_;
  std::optional<T> value_;
};

}  // namespace tetradb

// Returns early from the enclosing function when `expr` is not OK.
#define TETRADB_RETURN_IF_ERROR(expr)       \
  do {                                      \
    ::tetradb::Status _st = (expr);         \
    if (!_st.ok()) return _st;              \
  } while (0)
