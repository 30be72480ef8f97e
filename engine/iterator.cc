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

void Iterator::SeekToFirst() {
  if (range_.lower.empty()) {
    it_->SeekToFirst();
  } else {
    it_->Seek(range_.lower);
  }
}

// RocksDB's SeekToLast honours iterate_upper_bound (it seeks before it).
void Iterator::SeekToLast() { it_->SeekToLast(); }

void Iterator::Seek(std::string_view target) {
  if (!range_.lower.empty() && target < range_.lower) target = range_.lower;
  it_->Seek(rocksdb::Slice(target.data(), target.size()));
}

void Iterator::SeekForPrev(std::string_view target) {
  if (!range_.upper.empty() && target >= range_.upper) {
    it_->SeekToLast();
    return;
  }
  it_->SeekForPrev(rocksdb::Slice(target.data(), target.size()));
}

void Iterator::Next() { it_->Next(); }
void Iterator::Prev() { it_->Prev(); }
bool Iterator::Valid() const { return it_->Valid(); }

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
