// The tetradb binary: flags, logging, the engine, the listeners, and a clean
// shutdown on SIGINT/SIGTERM or SHUTDOWN (stop accepting, finish in-flight
// requests and interrupt running SQL statements, flush, close RocksDB, exit 0).
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <thread>

#include <CLI/CLI.hpp>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include "engine/engine.h"
#include "engine/expiry.h"
#include "models/kv/kv_store.h"
#include "models/relational/storage/database.h"
#include "server/net_server.h"
#include "wire/resp/hub.h"
#include "wire/service.h"

#ifndef TETRADB_VERSION
#define TETRADB_VERSION "0.0.0"
#endif

namespace {

struct Flags {
  std::string dir = "./data";
  int port = 6379;
  int http_port = 8080;
  std::string bind = "127.0.0.1";
  std::string durability = "os";
  bool memory = false;
  int threads = 0;
  int settle_after_ms = tetradb::EngineOptions{}.settle_after_ms;
  std::string requirepass;
  std::string log_level = "info";
};

int Fail(const std::string& message) {
  std::fprintf(stderr, "tetradb: %s\n", message.c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  Flags f;
  // One core is left to the clients (on a developer's machine they run on
  // the same cores) and to RocksDB's flushes and compactions.
  f.threads = static_cast<int>(std::max(2u, std::thread::hardware_concurrency()) - 1);
  CLI::App app{"tetradb: MySQL, Redis, MongoDB and Neo4j models in one embedded server over RocksDB",
               "tetradb"};
  app.set_version_flag("--version", std::string("tetradb ") + TETRADB_VERSION);
  app.add_option("--dir", f.dir, "Data directory (created if missing)")->capture_default_str();
  app.add_option("--port", f.port, "RESP (Redis protocol) port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))->capture_default_str();
  app.add_option("--http-port", f.http_port, "HTTP/JSON port; 0 picks a free one")
      ->check(CLI::Range(0, 65535))->capture_default_str();
  app.add_option("--bind", f.bind, "Address to listen on")->capture_default_str();
  app.add_option("--durability", f.durability,
                 "sync: fsync every commit; os: WAL written, not fsynced; none: no WAL")
      ->check(CLI::IsMember({"sync", "os", "none"}))->capture_default_str();
  app.add_flag("--memory", f.memory, "Keep all data in memory (no files; lost at exit)");
  app.add_option("--threads", f.threads, "Worker threads serving connections")
      ->check(CLI::Range(1, 256))->capture_default_str();
  app.add_option("--settle-after-ms", f.settle_after_ms,
                 "Reshape a column family for reads once it has taken (almost) no write for this long "
                 "(memtable flushed, level 0 merged); 0: never")
      ->check(CLI::Range(0, 86'400'000))->capture_default_str();
  app.add_option("--requirepass", f.requirepass, "Password clients must AUTH with");
  app.add_option("--log-level", f.log_level, "trace, debug, info, warn, error or off")
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}))
      ->capture_default_str();
  CLI11_PARSE(app, argc, argv);

  auto logger = spdlog::stderr_color_mt("tetradb");
  spdlog::set_default_logger(logger);
  spdlog::set_pattern("%Y-%m-%d %H:%M:%S.%e %^%l%$ %v");
  spdlog::set_level(spdlog::level::from_str(f.log_level));

  // SIGINT/SIGTERM are taken by sigwait below, never by a worker thread; a
  // client that goes away mid-write must not kill the process.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  signal(SIGPIPE, SIG_IGN);

  tetradb::EngineOptions eo;
  eo.dir = f.dir;
  eo.durability = tetradb::ParseDurability(f.durability).value();
  eo.in_memory = f.memory;
  eo.settle_after_ms = f.settle_after_ms;
  eo.creator = std::string("tetradb ") + TETRADB_VERSION;
  auto engine = tetradb::Engine::Open(eo);
  if (!engine.ok()) return Fail(engine.status().message());
  tetradb::kv::KvStore kv(engine->get());
  if (tetradb::Status s = kv.Open(); !s.ok()) return Fail(s.ToString());
  auto sql = tetradb::rel::Database::Open(engine->get());
  if (!sql.ok()) return Fail(sql.error().ToString());
  engine->get()->expiry().Start();

  tetradb::Service service;
  service.info.version = TETRADB_VERSION;
  service.info.data_dir = f.dir;
  service.info.durability = f.durability;
  service.info.in_memory = f.memory;
  service.info.bind = f.bind;
  service.info.threads = f.threads;
  service.info.start_ms = service.clock->NowMs();
  service.info.pid = getpid();
  service.info.requirepass = f.requirepass;
  service.kv = &kv;
  service.sql = sql->get();
  {
    auto hub = service.hub;
    kv.SetTouchObservers(
        [hub](const auto& keys) { hub->KeysTouchedBeforeCommit(keys); },
        [hub](const auto& keys) { hub->KeysTouchedAfterCommit(keys); });
    hub->config.Init("port", std::to_string(f.port));
    hub->config.Init("bind", f.bind);
    hub->config.Init("dir", f.dir);
    hub->config.Init("requirepass", f.requirepass);
  }

  tetradb::NetOptions no;
  no.bind = f.bind;
  no.resp_port = f.port;
  no.http_port = f.http_port;
  no.threads = f.threads;
  auto net = tetradb::NetServer::Start(service, no);
  if (!net.ok()) {
    engine->get()->Close().IgnoreError();
    return Fail(net.status().message());
  }
  service.info.resp_port = net->get()->resp_port();
  service.info.http_port = net->get()->http_port();
  spdlog::info("tetradb {} data={} durability={}", TETRADB_VERSION,
               f.memory ? std::string("(in memory)") : f.dir, f.durability);
  spdlog::info("RESP listening on {}:{}", f.bind, service.info.resp_port);
  spdlog::info("HTTP listening on {}:{}", f.bind, service.info.http_port);

  int sig = 0;
  sigwait(&stop_signals, &sig);
  spdlog::info("received {}, shutting down", sig == SIGINT ? "SIGINT" : "SIGTERM");
  net->get()->Shutdown(std::chrono::milliseconds(1500));
  engine->get()->expiry().Stop();
  service.sql = nullptr;
  sql->reset();
  tetradb::Status closed = engine->get()->Close();
  if (!closed.ok()) {
    spdlog::error("closing the data directory failed: {}", closed.ToString());
    return 1;
  }
  spdlog::info("bye");
  return 0;
}
