// What a request handler can reach: the server's identity and settings, its
// counters, and (as the models arrive) the models themselves. One Service
// lives for the whole process; handlers get it by reference.
//
// Thread-safe: handlers on every worker thread share it. Fields set at start
// are read-only afterwards.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "engine/clock.h"
#include "wire/metrics.h"

namespace tetradb {

namespace kv {
class KvStore;
}
namespace rel {
class Database;
}
namespace resp {
class Hub;
std::shared_ptr<Hub> MakeHub();  // wire/resp/hub.cc
}  // namespace resp

struct ServerInfo {
  std::string version;         // tetradb's own version
  std::string redis_version = "7.0.15";  // the Redis version whose behaviour we follow
  std::string data_dir;
  std::string durability;
  bool in_memory = false;
  std::string bind;
  int resp_port = 0;
  int http_port = 0;
  int threads = 1;
  int64_t start_ms = 0;
  int64_t pid = 0;
  std::string requirepass;  // empty: no AUTH needed
};

struct Service {
  ServerInfo info;
  Metrics metrics;
  Clock* clock = SystemClock();
  kv::KvStore* kv = nullptr;  // the Redis-style key-value model
  rel::Database* sql = nullptr;  // the MySQL-style relational model
  std::shared_ptr<resp::Hub> hub = resp::MakeHub();  // what RESP clients share
  // When SAVE last finished or BGSAVE last started (0: never; LASTSAVE then
  // reports the start time, as everything written before it was on disk).
  std::atomic<int64_t> last_save_ms{0};
  // Connection ids, shared by RESP clients (CLIENT ID) and HTTP connections,
  // so that SQL's CONNECTION_ID() and KILL name either kind.
  std::atomic<uint64_t> next_connection_id{1};

  int64_t UptimeSeconds() const { return (clock->NowMs() - info.start_ms) / 1000; }

  // The default user's password now ("": none): info.requirepass until
  // CONFIG SET requirepass changes it. Thread-safe.
  std::string RequirePass() const {
    std::lock_guard<std::mutex> lock(password_mu_);
    return password_ ? *password_ : info.requirepass;
  }
  void SetRequirePass(std::string password) {
    std::lock_guard<std::mutex> lock(password_mu_);
    password_ = std::move(password);
  }

 private:
  mutable std::mutex password_mu_;
  std::optional<std::string> password_;
};

}  // namespace tetradb
