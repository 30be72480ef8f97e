// Engine overhead, measured: tetradb's engine (TransactionDB, our key codec,
// Status mapping) against raw RocksDB opened with the very same options.
// docs/benchmarks.md reports the ratios.
//
//   build/bench/bench_engine --benchmark_repetitions=3 --benchmark_report_aggregates_only
#include <unistd.h>

#include <filesystem>
#include <random>

#include <benchmark/benchmark.h>
#include <rocksdb/db.h>

#include "engine/engine.h"
#include "engine/key_codec.h"
#include "engine/rocks_internal.h"

namespace tetradb {
namespace {

constexpr int kPreload = 100'000;

std::string TempPath(const char* tag) {
  std::string tmpl = (std::filesystem::temp_directory_path() / "tetradb-bench-XXXXXX").string();
  return std::string(::mkdtemp(tmpl.data())) + "/" + tag;
}

// A typical composite key: (table id, user id, order id).
std::string RowKey(int64_t i) {
  std::string k;
  KeyEncoder(&k).Int(7).Int(i % 1000).Int(i);
  return k;
}

const std::string kValue(100, 'v');

// Raw RocksDB with the engine's options and families.
struct RawDb {
  rocksdb::DB* db = nullptr;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::string path;
  rocksdb::WriteOptions wo;

  RawDb() : path(TempPath("raw")) {
    auto cache = MakeBlockCache(128 << 20);
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (size_t i = 0; i < kNumCfs; ++i) {
      cfs.emplace_back(std::string(kCfNames[i]), MakeCfOptions(static_cast<Cf>(i), cache));
    }
    rocksdb::Status s = rocksdb::DB::Open(MakeDbOptions(), path, cfs, &handles, &db);
    if (!s.ok()) std::abort();
  }
  ~RawDb() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
    delete db;
    std::filesystem::remove_all(std::filesystem::path(path).parent_path());
  }
  rocksdb::ColumnFamilyHandle* rows() { return handles[static_cast<size_t>(Cf::kRows)]; }
};

struct EngineDb {
  std::unique_ptr<Engine> engine;
  std::string path;
  EngineDb() : path(TempPath("engine")) {
    auto r = Engine::Open({.dir = path});
    if (!r.ok()) std::abort();
    engine = std::move(r).value();
  }
  ~EngineDb() {
    engine.reset();
    std::filesystem::remove_all(std::filesystem::path(path).parent_path());
  }
};

void BM_CodecEncode(benchmark::State& state) {
  int64_t i = 0;
  for (auto _ : state) {
    std::string k;
    KeyEncoder(&k).Int(7).Bytes("user@example.com").Int(++i);
    benchmark::DoNotOptimize(k);
  }
}
BENCHMARK(BM_CodecEncode);

void BM_CodecDecode(benchmark::State& state) {
  std::string k;
  KeyEncoder(&k).Int(7).Bytes("user@example.com").Int(123456);
  for (auto _ : state) {
    KeyDecoder d(k);
    int64_t a, b;
    std::string s;
    benchmark::DoNotOptimize(d.ReadInt(&a).ok() && d.ReadBytes(&s).ok() && d.ReadInt(&b).ok());
  }
}
BENCHMARK(BM_CodecDecode);

void BM_RawPut(benchmark::State& state) {
  RawDb raw;
  int64_t i = 0;
  for (auto _ : state) {
    if (!raw.db->Put(raw.wo, raw.rows(), RowKey(i++), kValue).ok()) state.SkipWithError("put");
  }
}
BENCHMARK(BM_RawPut);

void BM_EnginePut(benchmark::State& state) {
  EngineDb e;
  int64_t i = 0;
  for (auto _ : state) {
    if (!e.engine->Put(Cf::kRows, RowKey(i++), kValue).ok()) state.SkipWithError("put");
  }
}
BENCHMARK(BM_EnginePut);

// Three rows written atomically: WriteBatch raw, a transaction in the engine.
void BM_RawBatch3(benchmark::State& state) {
  RawDb raw;
  int64_t i = 0;
  for (auto _ : state) {
    rocksdb::WriteBatch b;
    for (int j = 0; j < 3; ++j) b.Put(raw.rows(), RowKey(i++), kValue).PermitUncheckedError();
    if (!raw.db->Write(raw.wo, &b).ok()) state.SkipWithError("write");
  }
}
BENCHMARK(BM_RawBatch3);

void BM_EngineTxn3(benchmark::State& state) {
  EngineDb e;
  int64_t i = 0;
  for (auto _ : state) {
    auto txn = e.engine->BeginTransaction();
    for (int j = 0; j < 3; ++j) txn->Put(Cf::kRows, RowKey(i++), kValue).IgnoreError();
    if (!txn->Commit().ok()) state.SkipWithError("commit");
  }
}
BENCHMARK(BM_EngineTxn3);

void BM_RawGet(benchmark::State& state) {
  RawDb raw;
  for (int i = 0; i < kPreload; ++i) raw.db->Put(raw.wo, raw.rows(), RowKey(i), kValue).PermitUncheckedError();
  std::mt19937_64 rng(1);
  std::string v;
  for (auto _ : state) {
    if (!raw.db->Get({}, raw.rows(), RowKey(rng() % kPreload), &v).ok()) state.SkipWithError("get");
  }
}
BENCHMARK(BM_RawGet);

void BM_EngineGet(benchmark::State& state) {
  EngineDb e;
  for (int i = 0; i < kPreload; ++i) e.engine->Put(Cf::kRows, RowKey(i), kValue).IgnoreError();
  std::mt19937_64 rng(1);
  std::string v;
  for (auto _ : state) {
    if (!e.engine->Get(Cf::kRows, RowKey(rng() % kPreload), &v).ok()) state.SkipWithError("get");
  }
}
BENCHMARK(BM_EngineGet);

// 100 consecutive rows: one user's orders.
void BM_RawScan100(benchmark::State& state) {
  RawDb raw;
  for (int i = 0; i < kPreload; ++i) raw.db->Put(raw.wo, raw.rows(), RowKey(i), kValue).PermitUncheckedError();
  std::mt19937_64 rng(1);
  for (auto _ : state) {
    std::unique_ptr<rocksdb::Iterator> it(raw.db->NewIterator({}, raw.rows()));
    int n = 0;
    for (it->Seek(RowKey(rng() % (kPreload - 200))); it->Valid() && n < 100; it->Next()) ++n;
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_RawScan100);

void BM_EngineScan100(benchmark::State& state) {
  EngineDb e;
  for (int i = 0; i < kPreload; ++i) e.engine->Put(Cf::kRows, RowKey(i), kValue).IgnoreError();
  std::mt19937_64 rng(1);
  for (auto _ : state) {
    auto it = e.engine->NewIterator(Cf::kRows, KeyRange::All());
    int n = 0;
    for (it->Seek(RowKey(rng() % (kPreload - 200))); it->Valid() && n < 100; it->Next()) ++n;
    benchmark::DoNotOptimize(n);
  }
}
BENCHMARK(BM_EngineScan100);

}  // namespace
}  // namespace tetradb

BENCHMARK_MAIN();
