// Ordered iteration over one column family, bounded to a key range.
//
// An Iterator is not thread-safe; use one per thread. Keys and values it
// returns stay valid only until the next move. It sees a consistent view:
// the snapshot it was created with, or (from a Transaction) the committed
// data plus that transaction's own uncommitted writes.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "engine/status.h"

namespace rocksdb {
class Iterator;
class ReadOptions;
}  // namespace rocksdb

namespace tetradb {

// The half-open key range [lower, upper). An empty bound is unbounded.
struct KeyRange {
  std::string lower;
  std::string upper;

  // Every key that starts with `prefix`.
  static KeyRange Prefix(std::string_view prefix);
  static KeyRange All() { return {}; }
};

class Iterator {
 public:
  // Internal: engine code builds iterators; models get them from Engine or
  // Transaction.
  Iterator(KeyRange range, std::unique_ptr<rocksdb::ReadOptions> read_options);
  ~Iterator();
  Iterator(const Iterator&) = delete;
  Iterator& operator=(const Iterator&) = delete;

  // Positions at the first / last key in the range.
  void SeekToFirst();
  void SeekToLast();
  // First key >= target (clamped to the range).
  void Seek(std::string_view target);
  // Last key <= target (clamped to the range).
  void SeekForPrev(std::string_view target);
  void Next();
  void Prev();

  bool Valid() const;
  std::string_view key() const;
  std::string_view value() const;
  // Not OK if iteration stopped because of an error rather than the range's end.
  Status status() const;

  // Internal: the read options the RocksDB iterator must be created with
  // (they point at this object's bounds), then the iterator itself.
  rocksdb::ReadOptions& read_options() { return *read_options_; }
  void Attach(std::unique_ptr<rocksdb::Iterator> it);

 private:
  struct BoundSlices;

  void Settle();  // valid_ after a move: positioned and inside the range

  KeyRange range_;
  std::unique_ptr<BoundSlices> bounds_;  // point into range_; read_options_ points here
  std::unique_ptr<rocksdb::ReadOptions> read_options_;
  std::unique_ptr<rocksdb::Iterator> it_;
  bool valid_ = false;
};

}  // namespace tetradb
