#include "server/net_server.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

#include <boost/asio.hpp>

#include "models/relational/sql/session/process_list.h"
#include "server/http_listener.h"
#include "server/resp_connection.h"
#include "wire/resp/script_cache.h"

namespace tetradb {
namespace {

namespace asio = boost::asio;
using asio::ip::tcp;
using boost::system::error_code;
using net_internal::Loops;
using net_internal::ReplyGate;
using net_internal::RespConnection;
using net_internal::t_loop;

class AsioNetServer final : public NetServer {
 public:
  AsioNetServer(Service& service, const NetOptions& options)
      : service_(service), options_(options), slow_pool_(kSlowThreads) {
    for (int i = 0; i < std::max(1, options.threads); ++i) {
      // Concurrency hint 1: the loop is run by one thread only.
      loops_.push_back(std::make_unique<asio::io_context>(1));
      work_.push_back(asio::make_work_guard(*loops_.back()));
      gates_.push_back(std::make_unique<ReplyGate>(*loops_.back(), service));
      view_.gates.push_back(gates_.back().get());
      view_.contexts.push_back(loops_.back().get());
    }
    acceptor_.emplace(*loops_.front());
  }

  ~AsioNetServer() override { Shutdown(std::chrono::milliseconds(0)); }

  Status Listen() {
    error_code ec;
    auto address = asio::ip::make_address(options_.bind, ec);
    if (ec) return Status::InvalidArgument("bad --bind address '" + options_.bind + "'");
    tcp::endpoint ep(address, static_cast<uint16_t>(options_.resp_port));
    acceptor_->open(ep.protocol(), ec);
    if (!ec) acceptor_->set_option(tcp::acceptor::reuse_address(true), ec);
    if (!ec) acceptor_->bind(ep, ec);
    if (!ec) acceptor_->listen(asio::socket_base::max_listen_connections, ec);
    if (ec) {
      return Status::IOError("cannot listen for RESP on " + options_.bind + ":" +
                             std::to_string(options_.resp_port) + ": " + ec.message());
    }
    resp_port_ = acceptor_->local_endpoint().port();

    auto http = StartHttpListener([this]() -> asio::io_context& { return NextLoop(); },
                                  slow_pool_, service_, options_.bind, options_.http_port);
    if (!http.ok()) return http.status();
    http_ = std::move(http).value();

    Accept();
    for (size_t i = 0; i < loops_.size(); ++i) {
      threads_.emplace_back([i, io = loops_[i].get()] {
        t_loop = i;
        io->run();
      });
    }
    return Status::Ok();
  }

  int resp_port() const override { return resp_port_; }
  int http_port() const override { return http_ ? http_->port() : 0; }

  void Shutdown(std::chrono::milliseconds grace) override {
    if (shut_down_) return;
    shut_down_ = true;
    asio::post(*loops_.front(), [this] {
      error_code ignored;
      acceptor_->close(ignored);
    });
    // Running SQL statements stop at their next check point with 1053
    // (Server shutdown in progress) instead of running to their end, and
    // running scripts are killed; the loops below repeat it for those that
    // start meanwhile (an HTTP request already queued for the pool).
    InterruptSlow();
    if (http_) http_->Stop();
    // Every live connection is in the hub's client list (CLIENT LIST).
    service_.hub->KillClients([](const resp::Session&) { return true; });
    auto deadline = std::chrono::steady_clock::now() + grace;
    while (std::chrono::steady_clock::now() < deadline &&
           (service_.hub->client_count() > 0 ||
            (http_ && http_->open_connections() > 0))) {
      InterruptSlow();
      // Also connections accepted before the acceptor closed.
      service_.hub->KillClients([](const resp::Session&) { return true; });
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    // From here on, whatever starts on a loop or the pool is stopped too
    // (a script a loop was still running, a statement queued for the pool).
    std::atomic<bool> joined{false};
    std::thread interrupter([&] {
      while (!joined.load()) {
        InterruptSlow();
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
    });
    work_.clear();
    for (auto& loop : loops_) loop->stop();
    for (auto& t : threads_) t.join();
    threads_.clear();
    // A loop stopped in mid-pass leaves its batch open: roll it back now,
    // while the engine is still open.
    for (auto& gate : gates_) gate->Discard();
    slow_pool_.join();
    joined.store(true);
    interrupter.join();
  }

 private:
  // Stops what runs on the slow pool, so that it can be joined: SQL
  // statements end with 1053 (server shutdown), scripts as by SCRIPT KILL.
  void InterruptSlow() {
    if (service_.sql != nullptr) {
      rel::sql::InterruptAll(service_.sql, rel::sql::InterruptReason::kShutdown);
    }
    resp::script::RunningScripts::Get().KillAll();
  }

  void Accept() {
    size_t loop = NextLoopIndex();
    acceptor_->async_accept(*loops_[loop], [this, loop](error_code ec, tcp::socket socket) {
      if (ec == asio::error::operation_aborted || !acceptor_->is_open()) return;
      if (!ec) {
        Metrics::Add(service_.metrics.connections_received);
        if (service_.hub->client_count() >= static_cast<size_t>(options_.max_clients)) {
          Metrics::Add(service_.metrics.rejected_connections);
          static const std::string kFull = "-ERR max number of clients reached\r\n";
          error_code ignored;
          asio::write(socket, asio::buffer(kFull), ignored);
        } else {
          uint64_t id = service_.next_connection_id.fetch_add(1, std::memory_order_relaxed);
          // Started on its own loop: from AddClient on, other threads may
          // reach it (CLIENT KILL), and only that loop runs its handlers.
          auto c = std::make_shared<RespConnection>(std::move(socket), service_, slow_pool_,
                                                    view_, loop, id);
          asio::post(*loops_[loop], [c] { c->Start(); });
        }
      }
      Accept();
    });
  }

  // Threads for commands that may wait on locks (SQL over RESP and HTTP).
  // Each statement waiting on a row lock holds one; idle ones cost no CPU.
  static constexpr int kSlowThreads = 128;

  // New connections go to the loops in turn.
  size_t NextLoopIndex() { return next_loop_.fetch_add(1, std::memory_order_relaxed) % loops_.size(); }
  asio::io_context& NextLoop() { return *loops_[NextLoopIndex()]; }

  Service& service_;
  NetOptions options_;
  // One event loop per worker thread, each run by that thread alone. A
  // connection stays on its loop, so its handlers run in order with no
  // strand, and a ready socket is served by the thread whose epoll saw it:
  // with one io_context shared by all threads, handing ready sockets to
  // sleeping threads (a condition variable per hand-off) cost more CPU at
  // -P 1 than the commands themselves.
  std::vector<std::unique_ptr<asio::io_context>> loops_;
  std::vector<asio::executor_work_guard<asio::io_context::executor_type>> work_;
  std::vector<std::unique_ptr<ReplyGate>> gates_;  // one per loop
  Loops view_;  // what connections see of loops_ and gates_
  std::atomic<size_t> next_loop_{0};
  asio::thread_pool slow_pool_;
  std::optional<tcp::acceptor> acceptor_;
  std::unique_ptr<HttpListener> http_;
  std::vector<std::thread> threads_;
  int resp_port_ = 0;
  bool shut_down_ = false;
};

}  // namespace

Result<std::unique_ptr<NetServer>> NetServer::Start(Service& service, const NetOptions& options) {
  auto server = std::make_unique<AsioNetServer>(service, options);
  TETRADB_RETURN_IF_ERROR(server->Listen());
  return std::unique_ptr<NetServer>(std::move(server));
}

}  // namespace tetradb
