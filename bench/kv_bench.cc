// The key-value model's cost per command, without the network: each
// iteration is one command in its own KvTxn (and commit), as the RESP
// server runs a command that is not pipelined, on one hot key as
// redis-benchmark's default tests use. The data directory is on disk with
// the default `os` durability. docs/benchmarks.md reports the figures next
// to redis_compare.sh's.
//
//   build/bench/bench_kv --benchmark_repetitions=3 --benchmark_report_aggregates_only
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "engine/engine.h"
#include "models/kv/hash.h"
#include "models/kv/kv_store.h"
#include "models/kv/list.h"
#include "models/kv/set.h"
#include "models/kv/string.h"
#include "models/kv/zset.h"

namespace tetradb::kv {
namespace {

class Store {
 public:
  Store() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tetradb-bench-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    auto e = Engine::Open({.dir = dir_ + "/data"});
    if (!e.ok()) std::abort();
    engine_ = std::move(e).value();
    store_ = std::make_unique<KvStore>(engine_.get());
  }
  ~Store() {
    store_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }
  // Runs `command` in one transaction and commits it.
  template <typename F>
  void Run(F command) {
    auto t = store_->Begin();
    command(*t);
    if (!t->Commit().ok()) std::abort();
  }

 private:
  std::string dir_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<KvStore> store_;
};

void Check(const Status& s) {
  if (!s.ok()) std::abort();
}

void BM_Set(benchmark::State& state) {
  Store s;
  for (auto _ : state) s.Run([](KvTxn& t) { Check(StringSet(t, 0, "key:hot", "xxx").status()); });
}
BENCHMARK(BM_Set);

void BM_Get(benchmark::State& state) {
  Store s;
  s.Run([](KvTxn& t) { Check(StringSet(t, 0, "key:hot", "xxx").status()); });
  std::string v;
  for (auto _ : state) s.Run([&](KvTxn& t) { Check(StringGet(t, 0, "key:hot", &v)); });
}
BENCHMARK(BM_Get);

void BM_Incr(benchmark::State& state) {
  Store s;
  for (auto _ : state) s.Run([](KvTxn& t) { Check(StringIncrBy(t, 0, "counter", 1).status()); });
}
BENCHMARK(BM_Incr);

void BM_LPush(benchmark::State& state) {
  Store s;
  const std::vector<std::string_view> e = {"xxx"};
  for (auto _ : state) s.Run([&](KvTxn& t) { Check(ListPush(t, 0, "mylist", true, e).status()); });
}
BENCHMARK(BM_LPush);

void BM_LPop(benchmark::State& state) {
  Store s;
  const std::vector<std::string_view> e = {"xxx"};
  for (int i = 0; i < 200'000; ++i) {
    s.Run([&](KvTxn& t) { Check(ListPush(t, 0, "mylist", true, e).status()); });
  }
  for (auto _ : state) {
    s.Run([&](KvTxn& t) {
      auto r = ListPop(t, 0, "mylist", true, 1);
      Check(r.status());
      if (r->empty()) Check(ListPush(t, 0, "mylist", true, e).status());
    });
  }
}
BENCHMARK(BM_LPop);

void BM_LRange100(benchmark::State& state) {
  Store s;
  const std::vector<std::string_view> e = {"xxx"};
  for (int i = 0; i < 1000; ++i) {
    s.Run([&](KvTxn& t) { Check(ListPush(t, 0, "mylist", true, e).status()); });
  }
  for (auto _ : state) {
    s.Run([](KvTxn& t) { Check(ListRange(t, 0, "mylist", 0, 99).status()); });
  }
}
BENCHMARK(BM_LRange100);

void BM_SAdd(benchmark::State& state) {
  Store s;
  const std::vector<std::string> m = {"element:hot"};
  for (auto _ : state) s.Run([&](KvTxn& t) { Check(SetAdd(t, 0, "myset", m).status()); });
}
BENCHMARK(BM_SAdd);

void BM_HSet(benchmark::State& state) {
  Store s;
  const std::vector<std::string> fv = {"element:hot", "xxx"};
  for (auto _ : state) s.Run([&](KvTxn& t) { Check(HashSet(t, 0, "myhash", fv).status()); });
}
BENCHMARK(BM_HSet);

void BM_ZAdd(benchmark::State& state) {
  Store s;
  const std::vector<ScoredMember> items = {{"element:hot", 1.0}};
  for (auto _ : state) s.Run([&](KvTxn& t) { Check(ZAdd(t, 0, "myzset", {}, items).status()); });
}
BENCHMARK(BM_ZAdd);

}  // namespace
}  // namespace tetradb::kv

BENCHMARK_MAIN();
