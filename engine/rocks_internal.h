// Engine internals shared by the engine's .cc files (and the benches).
// Not part of the engine's API: models never include this.
#pragma once

#include <array>
#include <memory>
#include <mutex>
#include <vector>

#include <rocksdb/cache.h>
#include <rocksdb/env.h>
#include <rocksdb/options.h>
#include <rocksdb/utilities/transaction_db.h>

#include "engine/engine.h"
#include "engine/garbage_filter.h"
#include "engine/key_format.h"
#include "engine/status.h"

namespace tetradb {

// The slot a column family's compaction filter factory reads at the start of
// every compaction; models fill it through Engine::SetGarbageFilter.
struct GarbageSlot {
  std::mutex mu;
  std::shared_ptr<const GarbageFilter> filter;
};

struct EngineInternals {
  std::unique_ptr<rocksdb::Env> mem_env;  // in-memory mode only
  rocksdb::TransactionDB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;  // indexed by Cf
  rocksdb::WriteOptions write_options;
  std::array<GarbageSlot, kNumCfs> garbage;

  rocksdb::ColumnFamilyHandle* cf(Cf c) const { return handles[static_cast<size_t>(c)]; }
};

// A Snapshot of a TransactionDB (engine.cc creates them, transaction.cc
// reads through them).
class RocksSnapshot final : public Snapshot {
 public:
  RocksSnapshot(rocksdb::TransactionDB* db) : db_(db), snap_(db->GetSnapshot()) {}
  ~RocksSnapshot() override { db_->ReleaseSnapshot(snap_); }
  const rocksdb::Snapshot* get() const { return snap_; }

 private:
  rocksdb::TransactionDB* db_;
  const rocksdb::Snapshot* snap_;
};

// RocksDB's status in the engine's terms.
Status FromRocks(const rocksdb::Status& s);

// The options every tetradb database is opened with (benches open raw RocksDB
// with the same ones to measure the engine's own overhead).
rocksdb::DBOptions MakeDbOptions();
std::shared_ptr<rocksdb::Cache> MakeBlockCache(size_t bytes);
rocksdb::ColumnFamilyOptions MakeCfOptions(Cf cf, std::shared_ptr<rocksdb::Cache> block_cache);

}  // namespace tetradb
