#include "engine/iterator.h"

#include <rocksdb/iterator.h>
#include <rocksdb/options.h>

#include "engine/key_codec.h"
#include "engine/rocks_internal.h"

namespace tetradb {

KeyRange KeyRange::Prefix(std::string_view prefix) {
  return KeyRange{std::string(prefix), PrefixSuccessor(prefix)};
}

struct Iterator::BoundSlices {
  rocksdb::Slice lower;
  rocksdb::Slice upper;
};

Iterator::Iterator(KeyRange range, std::unique_ptr<rocksdb::ReadOptions> read_options)
    : range_(std::move(range)),
      bounds_(std::make_unique<BoundSlices>()),
      read_options_(std::move(read_options)) {
  if (!range_.lower.empty()) {
    bounds_->lower = rocksdb::Slice(range_.lower);
    read_options_->iterate_lower_bound = &bounds_->lower;
  }
  if (!range_.upper.empty()) {
    bounds_->upper = rocksdb::Slice(range_.upper);
    read_options_->iterate_upper_bound = &bounds_->upper;
  }
}

Iterator::~Iterator() = default;

void Iterator::Attach(std::unique_ptr<rocksdb::Iterator> it) { it_ = std::move(it); }

// A transaction's iterator (RocksDB's BaseDeltaIterator) applies the bounds
// to committed data only: the transaction's own writes outside the range
// still show, after its end going forward and before its start going back.
// So every move ends with a range check, and SeekToLast is a SeekForPrev to
// the upper bound.
void Iterator::Settle() {
  valid_ = it_->Valid();
  if (!valid_) return;
  const rocksdb::Slice k = it_->key();
  const std::string_view key(k.data(), k.size());
  valid_ = (range_.lower.empty() || key >= range_.lower) &&
           (range_.upper.empty() || key < range_.upper);
}

void Iterator::SeekToFirst() {
  if (range_.lower.empty()) {
    it_->SeekToFirst();
  } else {
    it_->Seek(range_.lower);
  }
  Settle();
}

void Iterator::SeekToLast() {
  if (range_.upper.empty()) {
    it_->SeekToLast();
  } else {
    it_->SeekForPrev(range_.upper);
    // SeekForPrev finds the last key <= upper; upper itself is outside.
    if (it_->Valid() && it_->key() == rocksdb::Slice(range_.upper)) it_->Prev();
  }
  Settle();
}

void Iterator::Seek(std::string_view target) {
  if (!range_.lower.empty() && target < range_.lower) target = range_.lower;
  it_->Seek(rocksdb::Slice(target.data(), target.size()));
  Settle();
}

void Iterator::SeekForPrev(std::string_view target) {
  if (!range_.upper.empty() && target >= range_.upper) return SeekToLast();
  it_->SeekForPrev(rocksdb::Slice(target.data(), target.size()));
  Settle();
}

void Iterator::Next() {
  it_->Next();
  Settle();
}

void Iterator::Prev() {
  it_->Prev();
  Settle();
}

bool Iterator::Valid() const { return valid_; }

std::string_view Iterator::key() const {
  rocksdb::Slice k = it_->key();
  return {k.data(), k.size()};
}

std::string_view Iterator::value() const {
  rocksdb::Slice v = it_->value();
  return {v.data(), v.size()};
}

Status Iterator::status() const { return FromRocks(it_->status()); }

}  // namespace tetradb
