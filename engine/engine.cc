#include "engine/engine.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <thread>

#include <rocksdb/cache.h>
#include <rocksdb/compaction_filter.h>
#include <rocksdb/filter_policy.h>
#include <rocksdb/slice_transform.h>
#include <rocksdb/table.h>
#include <rocksdb/write_buffer_manager.h>

#include "engine/expiry.h"
#include "engine/lock_wait.h"
#include "engine/read_cache.h"
#include "engine/records_generated.h"
#include "engine/rocks_internal.h"
#include "engine/settle.h"

namespace tetradb {
namespace {

class SlotFilter final : public rocksdb::CompactionFilter {
 public:
  explicit SlotFilter(std::shared_ptr<const GarbageFilter> filter) : filter_(std::move(filter)) {}
  bool Filter(int, const rocksdb::Slice& key, const rocksdb::Slice& value, std::string*,
              bool*) const override {
    return filter_->IsGarbage({key.data(), key.size()}, {value.data(), value.size()});
  }
  const char* Name() const override { return "tetradb.GarbageFilter"; }

 private:
  std::shared_ptr<const GarbageFilter> filter_;
};

// Reads the family's slot when a compaction starts, so models can install
// their filter after the database is open.
class SlotFilterFactory final : public rocksdb::CompactionFilterFactory {
 public:
  explicit SlotFilterFactory(GarbageSlot* slot) : slot_(slot) {}
  std::unique_ptr<rocksdb::CompactionFilter> CreateCompactionFilter(
      const rocksdb::CompactionFilter::Context&) override {
    std::lock_guard<std::mutex> lock(slot_->mu);
    if (!slot_->filter) return nullptr;
    return std::make_unique<SlotFilter>(slot_->filter);
  }
  const char* Name() const override { return "tetradb.GarbageFilterFactory"; }

 private:
  GarbageSlot* slot_;
};


rocksdb::Slice ToSlice(std::string_view s) { return {s.data(), s.size()}; }

}  // namespace

Status FromRocks(const rocksdb::Status& s) {
  if (s.ok()) return Status::Ok();
  std::string msg = s.ToString();
  if (s.IsNotFound()) return Status::NotFound(msg);
  if (s.IsTimedOut()) return Status::Busy("lock wait timeout: " + msg);
  if (s.IsBusy() || s.IsTryAgain() || s.IsDeadlock()) return Status::Conflict(msg);
  if (s.IsCorruption()) return Status::Corruption(msg);
  if (s.IsInvalidArgument()) return Status::InvalidArgument(msg);
  if (s.IsNotSupported()) return Status::NotSupported(msg);
  if (s.IsAborted()) return Status::Aborted(msg);
  return Status::IOError(msg);
}

rocksdb::DBOptions MakeDbOptions() {
  rocksdb::DBOptions o;
  o.create_if_missing = true;
  o.create_missing_column_families = true;
  o.max_background_jobs = 2;
  o.keep_log_file_num = 3;
  o.max_total_wal_size = 256 << 20;
  o.info_log_level = rocksdb::InfoLogLevel::WARN_LEVEL;
  // All families together stay within one memtable budget.
  o.db_write_buffer_size = 256 << 20;
  return o;
}

// The memtable insert-hint prefix of rows and index entries: their leading
// INT(id), 9 bytes, for keys longer than that. A 9-byte key is out of the
// domain, and so is a range tombstone over a whole id (Engine::DeleteRange
// of a dropped table starts at exactly those 9 bytes): RocksDB 7.8 keeps
// one hint per prefix for a memtable's point entries and its range
// tombstones alike, and a hint taken from one skiplist corrupts an insert
// into the other.
class IdRunPrefix final : public rocksdb::SliceTransform {
 public:
  static constexpr size_t kLength = kIdRunLength;
  const char* Name() const override { return "tetradb.IdRunPrefix"; }
  rocksdb::Slice Transform(const rocksdb::Slice& key) const override {
    return rocksdb::Slice(key.data(), kLength);
  }
  bool InDomain(const rocksdb::Slice& key) const override { return key.size() > kLength; }
};

// RocksDB's clock cache finds a block without a mutex and without moving it
// in a list: point reads, which look up a data block each, were about 10 %
// faster with it than with the LRU cache in the SQL benchmark. Its table is
// sized by the typical entry, a data block of about 4 KB uncompressed.
std::shared_ptr<rocksdb::Cache> MakeBlockCache(size_t bytes) {
  return rocksdb::HyperClockCacheOptions(bytes, /*estimated_entry_charge=*/4096).MakeSharedCache();
}

rocksdb::ColumnFamilyOptions MakeCfOptions(Cf cf, std::shared_ptr<rocksdb::Cache> block_cache) {
  rocksdb::ColumnFamilyOptions o;
  o.level_compaction_dynamic_level_bytes = true;
  o.write_buffer_size = (cf == Cf::kCatalog || cf == Cf::kExpiry) ? (8 << 20) : (32 << 20);
  // A bloom filter over whole keys in the memtable too: most point reads of
  // absent keys (duplicate checks, new Redis keys) are answered without
  // searching the skiplist.
  o.memtable_prefix_bloom_size_ratio = 0.05;
  o.memtable_whole_key_filtering = true;
  if (cf == Cf::kRows || cf == Cf::kRowIndex) {
    // Keys start with INT(table or index id), 9 bytes. A transaction that
    // writes rows and index entries interleaves several such runs, each in
    // key order; one memtable insert position kept per id makes every
    // insert after the first of a run start next to its predecessor.
    o.memtable_insert_with_hint_prefix_extractor = std::make_shared<IdRunPrefix>();
  }
  rocksdb::BlockBasedTableOptions t;
  t.filter_policy.reset(rocksdb::NewBloomFilterPolicy(10));
  // Point reads find their key's restart interval in a data block by hash,
  // then scan the interval. Intervals of 4 keys rather than 16, and a hash
  // table twice the size of the key count, so that few keys share a bucket
  // with a key of another interval (a collision, which falls back to binary
  // search): in the SQL benchmark this made the range select (200 row reads
  // at random) about 12 % faster and the point select about 9 %, for table
  // files 6 % (rows) to 26 % (short index entries) larger.
  t.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
  t.block_restart_interval = 4;
  t.data_block_hash_table_util_ratio = 0.5;
  t.cache_index_and_filter_blocks = true;
  t.pin_l0_filter_and_index_blocks_in_cache = true;
  // Index and filter blocks of every table stay pinned (still charged to
  // the block cache): a point read then looks up only its data block in the
  // cache, not three blocks.
  t.metadata_cache_options.unpartitioned_pinning = rocksdb::PinningTier::kAll;
  t.format_version = 5;
  t.block_cache = std::move(block_cache);
  o.table_factory.reset(rocksdb::NewBlockBasedTableFactory(t));
  return o;
}

Result<Durability> ParseDurability(std::string_view name) {
  if (name == "sync") return Durability::kSync;
  if (name == "os") return Durability::kOs;
  if (name == "none") return Durability::kNone;
  return Status::InvalidArgument("durability must be sync, os or none, not '" +
                                 std::string(name) + "'");
}

std::string_view DurabilityName(Durability d) {
  switch (d) {
    case Durability::kSync: return "sync";
    case Durability::kOs: return "os";
    case Durability::kNone: return "none";
  }
  return "?";
}

Engine::Engine(const EngineOptions& options)
    : options_(options),
      clock_(options.clock ? options.clock : SystemClock()),
      internals_(std::make_unique<EngineInternals>()),
      expiry_(std::make_unique<ExpiryIndex>(this)),
      read_cache_(std::make_unique<ReadCache>()) {}

Engine::~Engine() { Close().IgnoreError(); }

Result<std::unique_ptr<Engine>> Engine::Open(const EngineOptions& options) {
  std::unique_ptr<Engine> engine(new Engine(options));
  TETRADB_RETURN_IF_ERROR(engine->OpenDb());
  TETRADB_RETURN_IF_ERROR(engine->CheckDbInfo());
  engine->settler_ = std::make_unique<Settler>(engine->internals_.get(), options.settle_after_ms);
  engine->settler_->Start();
  return engine;
}

Status Engine::OpenDb() {
  auto& in = *internals_;
  rocksdb::DBOptions db_options = MakeDbOptions();
  std::string path = options_.dir;
  if (options_.in_memory) {
    in.mem_env.reset(rocksdb::NewMemEnv(rocksdb::Env::Default()));
    db_options.env = in.mem_env.get();
    path = "/tetradb-in-memory";
    in.write_options.disableWAL = true;
  } else {
    std::error_code ec;
    std::filesystem::create_directories(path, ec);
    if (ec) {
      return Status::IOError("cannot create data directory '" + path + "': " + ec.message());
    }
    if (!std::filesystem::is_directory(path, ec)) {
      return Status::IOError("data directory '" + path + "' is not a directory");
    }
    if (::access(path.c_str(), R_OK | W_OK | X_OK) != 0) {
      return Status::IOError("cannot use data directory '" + path + "': " + std::strerror(errno));
    }
    in.write_options.sync = options_.durability == Durability::kSync;
    in.write_options.disableWAL = options_.durability == Durability::kNone;
    // Commits write their WAL record themselves (AfterCommit) unless the
    // thread defers it to a later FlushWal.
    manual_wal_flush_ = options_.durability == Durability::kOs;
    db_options.manual_wal_flush = manual_wal_flush_;
  }

  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  // One block cache for all families of this engine.
  auto cache = MakeBlockCache(options_.block_cache_bytes);
  for (size_t i = 0; i < kNumCfs; ++i) {
    rocksdb::ColumnFamilyOptions cf_options = MakeCfOptions(static_cast<Cf>(i), cache);
    cf_options.compaction_filter_factory = std::make_shared<SlotFilterFactory>(&in.garbage[i]);
    families.emplace_back(std::string(kCfNames[i]), cf_options);
  }

  rocksdb::TransactionDBOptions txn_options;
  txn_options.default_lock_timeout = options_.lock_timeout_ms;
  txn_options.transaction_lock_timeout = options_.lock_timeout_ms;
  txn_options.custom_mutex_factory = NewSpinningLockWaitFactory();

  rocksdb::Status s = rocksdb::TransactionDB::Open(db_options, txn_options, path, families,
                                                   &in.handles, &in.db);
  if (!s.ok()) {
    std::string msg = s.ToString();
    if (s.IsIOError() && msg.find("lock") != std::string::npos) {
      return Status::Busy("data directory '" + path +
                          "' is in use by another process (its LOCK file is held)");
    }
    return Status::IOError("cannot open data directory '" + path + "': " + msg);
  }
  return Status::Ok();
}

Status Engine::CheckDbInfo() {
  const std::string key(1, static_cast<char>(CatalogTag::kDbInfo));
  std::string value;
  Status s = Get(Cf::kCatalog, key, &value);
  if (s.IsNotFound()) {
    flatbuffers::FlatBufferBuilder fbb;
    auto creator = fbb.CreateString(options_.creator);
    fbb.Finish(fb::CreateDbInfo(fbb, kFormatVersion, clock_->NowMs(), creator));
    return Put(Cf::kCatalog, key,
               {reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize()});
  }
  TETRADB_RETURN_IF_ERROR(s);
  flatbuffers::Verifier verifier(reinterpret_cast<const uint8_t*>(value.data()), value.size());
  if (!fb::VerifyDbInfoBuffer(verifier)) {
    return Status::Corruption("data directory '" + options_.dir + "' has an unreadable header");
  }
  const fb::DbInfo* info = fb::GetDbInfo(value.data());
  if (info->format_version() > kFormatVersion) {
    return Status::NotSupported("data directory '" + options_.dir + "' has format version " +
                                std::to_string(info->format_version()) +
                                "; this tetradb reads up to " + std::to_string(kFormatVersion));
  }
  if (info->format_version() == kFormatVersion) return Status::Ok();
  // Every older version is read as it is (key_format.h); from now on the
  // directory may hold records of this version.
  flatbuffers::FlatBufferBuilder fbb;
  auto creator = fbb.CreateString(info->created_by() ? info->created_by()->str() : "");
  fbb.Finish(fb::CreateDbInfo(fbb, kFormatVersion, info->created_at_ms(), creator));
  return Put(Cf::kCatalog, key,
             {reinterpret_cast<const char*>(fbb.GetBufferPointer()), fbb.GetSize()});
}

Status Engine::Close() {
  if (closed_) return Status::Ok();
  closed_ = true;
  if (settler_) settler_->Cancel();  // a merge in progress starts stopping now
  expiry_->Stop();
  if (settler_) settler_->Stop();
  auto& in = *internals_;
  if (!in.db) return Status::Ok();
  Status result = FlushWal();
  if (result.ok() && !options_.in_memory && options_.durability == Durability::kNone) {
    result = Flush();
  }
  for (auto* h : in.handles) {
    Status s = FromRocks(in.db->DestroyColumnFamilyHandle(h));
    if (result.ok()) result = s;
  }
  in.handles.clear();
  Status s = FromRocks(in.db->Close());
  if (result.ok()) result = s;
  delete in.db;
  in.db = nullptr;
  return result;
}

Status Engine::Get(Cf cf, std::string_view key, std::string* value,
                   const Snapshot* snapshot) const {
  rocksdb::ReadOptions ro;
  if (snapshot) ro.snapshot = static_cast<const RocksSnapshot*>(snapshot)->get();
  auto read = [&](std::string* out) {
    return FromRocks(internals_->db->Get(ro, internals_->cf(cf), ToSlice(key), out));
  };
  if (snapshot == nullptr && ReadCache::Caches(cf)) return read_cache_->Get(cf, key, value, read);
  return read(value);
}

Status Engine::Put(Cf cf, std::string_view key, std::string_view value) {
  auto& in = *internals_;
  {
    ReadCache::Writes marks(read_cache_.get());
    marks.Begin(cf, key);
    TETRADB_RETURN_IF_ERROR(
        FromRocks(in.db->Put(in.write_options, in.cf(cf), ToSlice(key), ToSlice(value))));
  }
  return AfterCommit();
}

namespace {
thread_local int t_defer_wal = 0;
}  // namespace

Engine::DeferWalWrites::DeferWalWrites() { ++t_defer_wal; }
Engine::DeferWalWrites::~DeferWalWrites() { --t_defer_wal; }

Status Engine::FlushWal() {
  if (!manual_wal_flush_ || internals_->db == nullptr) return Status::Ok();
  if (wal_failed_.load(std::memory_order_acquire)) {
    std::lock_guard<std::mutex> lock(wal_error_mu_);
    return wal_error_;
  }
  Status s = FromRocks(internals_->db->FlushWAL(/*sync=*/false));
  if (!s.ok()) {
    // Records that never reached the log are in the memtables and visible:
    // nothing read or written from now on may be acknowledged.
    std::lock_guard<std::mutex> lock(wal_error_mu_);
    if (!wal_failed_.load(std::memory_order_relaxed)) {
      wal_error_ = Status::IOError("write-ahead log write failed: " + s.ToString());
      wal_failed_.store(true, std::memory_order_release);
    }
    return wal_error_;
  }
  return s;
}

Status Engine::AfterCommit() {
  return t_defer_wal > 0 ? Status::Ok() : FlushWal();
}

Status Engine::Delete(Cf cf, std::string_view key) {
  auto& in = *internals_;
  {
    ReadCache::Writes marks(read_cache_.get());
    marks.Begin(cf, key);
    TETRADB_RETURN_IF_ERROR(FromRocks(in.db->Delete(in.write_options, in.cf(cf), ToSlice(key))));
  }
  return AfterCommit();
}

Status Engine::DeleteRange(Cf cf, std::string_view begin, std::string_view end) {
  if (HasIdRuns(cf) && begin.size() > kIdRunLength) {
    return Status::InvalidArgument("range deletion must start at a whole id");
  }
  auto& in = *internals_;
  rocksdb::WriteBatch batch;
  TETRADB_RETURN_IF_ERROR(FromRocks(batch.DeleteRange(in.cf(cf), ToSlice(begin), ToSlice(end))));
  // TransactionDB refuses DeleteRange itself; a batch may carry one when
  // it skips the lock manager (see its header).
  rocksdb::TransactionDBWriteOptimizations no_locks;
  no_locks.skip_concurrency_control = true;
  {
    ReadCache::Writes marks(read_cache_.get());
    if (ReadCache::Caches(cf)) marks.BeginAll();
    TETRADB_RETURN_IF_ERROR(FromRocks(in.db->Write(in.write_options, no_locks, &batch)));
  }
  return AfterCommit();
}

std::unique_ptr<Transaction> Engine::BeginTransaction(const TxnOptions& options) {
  rocksdb::TransactionOptions t;
  t.set_snapshot = options.snapshot;
  if (options.lock_timeout_ms >= 0) t.lock_timeout = options.lock_timeout_ms;
  t.deadlock_detect = options.deadlock_detect;
  std::unique_ptr<rocksdb::Transaction> txn(
      internals_->db->BeginTransaction(internals_->write_options, t));
  return std::make_unique<Transaction>(
      this, std::move(txn),
      options.lock_timeout_ms >= 0 ? options.lock_timeout_ms : options_.lock_timeout_ms,
      options.consistent_reads && !options.snapshot);
}

std::unique_ptr<Iterator> Engine::NewIterator(Cf cf, KeyRange range,
                                              const Snapshot* snapshot) const {
  auto ro = std::make_unique<rocksdb::ReadOptions>();
  if (snapshot) ro->snapshot = static_cast<const RocksSnapshot*>(snapshot)->get();
  auto it = std::make_unique<Iterator>(std::move(range), std::move(ro));
  it->Attach(std::unique_ptr<rocksdb::Iterator>(
      internals_->db->NewIterator(it->read_options(), internals_->cf(cf))));
  return it;
}

std::unique_ptr<Snapshot> Engine::GetSnapshot() const {
  return std::make_unique<RocksSnapshot>(internals_->db);
}

void Engine::SetGarbageFilter(Cf cf, std::shared_ptr<const GarbageFilter> filter) {
  GarbageSlot& slot = internals_->garbage[static_cast<size_t>(cf)];
  std::lock_guard<std::mutex> lock(slot.mu);
  slot.filter = std::move(filter);
}

Status Engine::Flush(bool wait) {
  auto& in = *internals_;
  rocksdb::FlushOptions fo;
  fo.wait = wait;
  return FromRocks(in.db->Flush(fo, in.handles));
}

Status Engine::CompactAll(Cf cf) {
  rocksdb::CompactRangeOptions co;
  co.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  return FromRocks(internals_->db->CompactRange(co, internals_->cf(cf), nullptr, nullptr));
}

bool Engine::WaitForBackgroundWork(std::chrono::milliseconds max_wait) {
  const auto deadline = std::chrono::steady_clock::now() + max_wait;
  auto busy = [&] {
    uint64_t v = 0;
    for (const char* p : {"rocksdb.num-running-flushes", "rocksdb.num-running-compactions",
                          "rocksdb.mem-table-flush-pending", "rocksdb.compaction-pending"}) {
      for (auto* h : internals_->handles) {
        if (internals_->db->GetIntProperty(h, p, &v) && v != 0) return true;
      }
    }
    return false;
  };
  while (busy()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  return true;
}

bool Engine::WaitUntilSettled(std::chrono::milliseconds max_wait) {
  const auto deadline = std::chrono::steady_clock::now() + max_wait;
  while (true) {
    auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (!WaitForBackgroundWork(std::max(left, std::chrono::milliseconds(0)))) return false;
    // The settler may have started work after the look above.
    if (settler_->Idle() && WaitForBackgroundWork(std::chrono::milliseconds(0))) return true;
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

uint64_t Engine::ApproximateSize() const {
  uint64_t total = 0;
  for (auto* h : internals_->handles) {
    uint64_t v = 0;
    if (internals_->db->GetIntProperty(h, "rocksdb.estimate-live-data-size", &v)) total += v;
    if (internals_->db->GetIntProperty(h, "rocksdb.cur-size-all-mem-tables", &v)) total += v;
  }
  return total;
}

}  // namespace tetradb
