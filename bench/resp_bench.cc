// The RESP server's work per pipelined command, without the sockets: what
// one network thread does for `redis-benchmark -c 50 -P 16` once the bytes
// are read. Each iteration is one pass of the loop: 50 clients' inputs of
// 16 commands each are parsed, run in one resp::CommandBatch (a commit per
// 256 commands, as the server does), their replies encoded, and the WAL
// written once. Items are commands, so items_per_second is comparable with
// redis-benchmark's requests per second, minus the kernel's share.
// docs/benchmarks.md reports the figures next to redis_compare.sh's.
//
//   build/bench/bench_resp --benchmark_repetitions=3 --benchmark_report_aggregates_only
#include <unistd.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "engine/engine.h"
#include "models/kv/kv_store.h"
#include "wire/resp/command_batch.h"
#include "wire/resp/dispatcher.h"
#include "wire/resp/parser.h"
#include "wire/resp/writer.h"
#include "wire/service.h"

namespace tetradb::resp {
namespace {

constexpr int kClients = 50;
constexpr int kPipeline = 16;

class Client final : public BatchClient {
 public:
  Client() { session.authenticated = true; }
  Session& batch_session() override { return session; }
  void OnBatchReply(Reply reply) override { AppendReply(reply, session.protocol, &out); }

  Session session;
  RequestParser parser;
  std::vector<std::string> args;
  std::string out;
};

class Server {
 public:
  Server() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "tetradb-bench-XXXXXX").string();
    dir_ = ::mkdtemp(tmpl.data());
    auto e = Engine::Open({.dir = dir_ + "/data"});
    if (!e.ok()) std::abort();
    engine_ = std::move(e).value();
    store_ = std::make_unique<kv::KvStore>(engine_.get());
    if (!store_->Open().ok()) std::abort();
    service_.kv = store_.get();
    batch_ = std::make_unique<CommandBatch>(service_);
    for (int i = 0; i < kClients; ++i) clients_.push_back(std::make_shared<Client>());
  }
  ~Server() {
    batch_.reset();
    store_.reset();
    engine_.reset();
    std::filesystem::remove_all(dir_);
  }

  // One loop pass: every client sends `input`; returns the commands run.
  int64_t Pass(const std::string& input) {
    int64_t commands = 0;
    {
      Engine::DeferWalWrites group_commit;
      for (auto& c : clients_) {
        std::string_view rest = input;
        while (!rest.empty()) {
          size_t consumed = 0;
          if (c->parser.Parse(rest, &consumed, &c->args) != RequestParser::Result::kCommand) {
            std::abort();
          }
          rest.remove_prefix(consumed);
          std::string name;
          const CommandSpec* spec = BatchableSpec(service_, c->session, c->args, &name);
          if (spec == nullptr) std::abort();
          batch_->Add(c, *spec, name, std::move(c->args));
          c->args.clear();
          ++commands;
        }
      }
      batch_->Finish();
    }
    if (!engine_->FlushWal().ok()) std::abort();
    for (auto& c : clients_) {
      if (c->out.empty() || c->out[0] == '-') std::abort();
      c->out.clear();
    }
    return commands;
  }

 private:
  std::string dir_;
  std::unique_ptr<Engine> engine_;
  std::unique_ptr<kv::KvStore> store_;
  Service service_;
  std::unique_ptr<CommandBatch> batch_;
  std::vector<std::shared_ptr<Client>> clients_;
};

// kPipeline copies of one command, as redis-benchmark sends them.
std::string Input(const std::vector<std::string>& args) {
  std::string one = "*" + std::to_string(args.size()) + "\r\n";
  for (const std::string& a : args) one += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
  std::string all;
  for (int i = 0; i < kPipeline; ++i) all += one;
  return all;
}

void RunPasses(benchmark::State& state, const std::vector<std::string>& args,
               const std::vector<std::string>& setup = {}) {
  Server server;
  if (!setup.empty()) server.Pass(Input(setup));
  const std::string input = Input(args);
  int64_t commands = 0;
  for (auto _ : state) commands += server.Pass(input);
  state.SetItemsProcessed(commands);
}

void BM_PipelineSet(benchmark::State& state) {
  RunPasses(state, {"SET", "key:__rand_int__", "xxx"});
}
BENCHMARK(BM_PipelineSet);

void BM_PipelineGet(benchmark::State& state) {
  RunPasses(state, {"GET", "key:__rand_int__"}, {"SET", "key:__rand_int__", "xxx"});
}
BENCHMARK(BM_PipelineGet);

void BM_PipelineIncr(benchmark::State& state) {
  RunPasses(state, {"INCR", "counter:__rand_int__"});
}
BENCHMARK(BM_PipelineIncr);

void BM_PipelineLPush(benchmark::State& state) {
  RunPasses(state, {"LPUSH", "mylist", "xxx"});
}
BENCHMARK(BM_PipelineLPush);

void BM_PipelineRPush(benchmark::State& state) {
  RunPasses(state, {"RPUSH", "mylist", "xxx"});
}
BENCHMARK(BM_PipelineRPush);

void BM_PipelineSAdd(benchmark::State& state) {
  RunPasses(state, {"SADD", "myset", "element:__rand_int__"});
}
BENCHMARK(BM_PipelineSAdd);

void BM_PipelineHSet(benchmark::State& state) {
  RunPasses(state, {"HSET", "myhash", "element:__rand_int__", "xxx"});
}
BENCHMARK(BM_PipelineHSet);

void BM_PipelineZAdd(benchmark::State& state) {
  RunPasses(state, {"ZADD", "myzset", "0", "element:__rand_int__"});
}
BENCHMARK(BM_PipelineZAdd);

}  // namespace
}  // namespace tetradb::resp

BENCHMARK_MAIN();
